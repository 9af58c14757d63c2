"""Docs/s of the Dask engine with 1 and 2 workers against the local engine, same inputs, same run.

Not part of ``run.py``'s sections (it starts a scheduler and workers). What it does:

1. generates ``--n`` documents (``gen_corpus.generate``, cached under the system temp folder);
2. times ``parse_many(..., out=FILE)`` with the local engine (1 and 2 worker processes; the time
   includes starting the pool, as a user's batch does) and with the Dask engine on a ``dask
   scheduler`` with 1, then 2 ``dask worker`` processes (one thread each, no nanny; started in a
   temporary folder and warmed with a few documents first, so the time is the batch's, not the
   workers' start-up), in the order local-1, dask-1, local-2, dask-2, ``--repeats`` times (the
   fastest run of each counts);
3. checks that every output is byte-identical to the local engine's, and prints one JSON object:
   docs/s of each, the ratios, and the load average around the run.

    python benchmarks/dask_scale.py --n 200 --repeats 2
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import gen_corpus  # noqa: E402

from policyparse.batch import parse_many  # noqa: E402


class _Cluster:
    def __init__(self, folder: Path, n_workers: int) -> None:
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
        sched_file = folder / "scheduler.json"
        self.procs = [subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1",
                                        "--port", "0", "--no-dashboard", "--scheduler-file", str(sched_file)],
                                       cwd=folder, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
        while not sched_file.exists():
            time.sleep(0.1)
        self.address = json.loads(sched_file.read_text())["address"]
        for _ in range(n_workers):
            self.procs.append(subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_worker", self.address,
                                                "--nthreads", "1", "--no-nanny", "--no-dashboard", "--host", "127.0.0.1"],
                                               cwd=folder, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        from distributed import Client

        with Client(self.address, timeout=30, set_as_default=False) as c:
            c.wait_for_workers(n_workers, timeout=120)

    def close(self) -> None:
        for p in reversed(self.procs):  # the workers first, while the scheduler still answers them
            p.terminate()
            try:
                p.wait(10)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()


def _timed(paths: list[str], out: Path, **kw) -> float:
    t = time.perf_counter()
    n = sum(1 for _ in parse_many(paths, out=out, **kw))
    dt = time.perf_counter() - t
    assert n == len(paths)
    return dt


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=200, help="generated documents (default 200)")
    ap.add_argument("--repeats", type=int, default=2)
    args = ap.parse_args(argv)
    paths = [str(p) for p in gen_corpus.generate(args.n, 0)]
    load0 = os.getloadavg()
    best: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="policyparse-dask-bench-") as tmp:
        work = Path(tmp)
        outs: dict[str, bytes] = {}
        for _ in range(args.repeats):
            for workers in (1, 2):
                name = f"local_{workers}w"
                dt = _timed(paths, work / f"{name}.jsonl", workers=workers)
                best[name] = min(best.get(name, dt), dt)
                outs[name] = (work / f"{name}.jsonl").read_bytes()
                folder = work / f"cluster{workers}"
                folder.mkdir(exist_ok=True)
                cluster = _Cluster(folder, workers)
                try:
                    list(parse_many(paths[: 2 * workers], engine="dask", scheduler=cluster.address))  # warm the workers
                    name = f"dask_{workers}w"
                    dt = _timed(paths, work / f"{name}.jsonl", engine="dask", scheduler=cluster.address)
                    best[name] = min(best.get(name, dt), dt)
                    outs[name] = (work / f"{name}.jsonl").read_bytes()
                finally:
                    cluster.close()
        identical = all(v == outs["local_1w"] for v in outs.values())
    rate = {k: round(args.n / v, 1) for k, v in sorted(best.items())}
    result = {
        "docs": args.n,
        "docs_per_s": rate,
        "dask_2w_vs_1w": round(rate["dask_2w"] / rate["dask_1w"], 2),
        "local_2w_vs_1w": round(rate["local_2w"] / rate["local_1w"], 2),
        "dask_vs_local_1w": round(rate["dask_1w"] / rate["local_1w"], 2),
        "dask_vs_local_2w": round(rate["dask_2w"] / rate["local_2w"], 2),
        "outputs_identical": identical,
        "loadavg_before_after": [round(load0[0], 2), round(os.getloadavg()[0], 2)],
        "cpus": os.cpu_count(),
    }
    print(json.dumps(result, indent=1))
    return 0 if identical else 1


if __name__ == "__main__":
    raise SystemExit(main())
