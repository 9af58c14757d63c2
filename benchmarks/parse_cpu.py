"""In-process parse CPU per document on a sample of the national archive, against a baseline commit.

    python benchmarks/parse_cpu.py                          # this checkout's src, every 4th text of the archive
    python benchmarks/parse_cpu.py --baseline 47f19a4       # and that commit's src, in the same run
    python benchmarks/parse_cpu.py --every 1 --repeats 5 --json out/parse_cpu.json

The measure of issue 19's throughput: ``parse_text`` over every ``--every``-th ``.txt``/``.md`` file of
``../shared/archives/lawrefbook-national`` (sorted paths, unpacked once into the cache folder by
:func:`archive_speed.unpack`), texts read beforehand, two warm-up parses, then ``--repeats`` passes
timed with ``time.process_time`` (CPU seconds: far less disturbed than wall time by the other processes
of a shared machine); the figure is the fastest pass per document. Each source tree is timed in a
fresh probe process, and with ``--baseline`` the two trees take turns ``--rounds`` times so that load
hits both alike; the table shows the minimum of each. Not part of the test run (no timing is asserted
anywhere); without ``../shared`` it says so and exits 0.
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

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import archive_speed  # noqa: E402


def sample(paths: list[Path], every: int) -> list[Path]:
    """Every ``every``-th text of the sorted archive listing, starting with the first."""
    return sorted(p for p in paths if p.suffix in (".txt", ".md"))[::every]


def probe_main(listing: str, repeats: int) -> None:
    """Run in a probe process: time the parse of the listed files with the ``policyparse`` on
    PYTHONPATH and print one JSON line (``cpu_ms_per_doc`` per pass, ``failed`` inputs)."""
    from policyparse import pipeline
    from policyparse.errors import PolicyParseError

    # revisions before parse_text() took document text through parse() itself
    parse_text = getattr(pipeline, "parse_text", None) or pipeline.parse
    texts = [Path(p).read_text(encoding="utf-8") for p in Path(listing).read_text(encoding="utf-8").splitlines()]
    for t in texts[:2]:
        parse_text(t)
    passes: list[float] = []
    failed = 0
    for _ in range(repeats):
        failed = 0
        cpu = time.process_time()
        for t in texts:
            try:
                parse_text(t)
            except PolicyParseError:
                failed += 1
        passes.append(1000 * (time.process_time() - cpu) / max(1, len(texts)))
    print(json.dumps({"docs": len(texts), "failed": failed, "cpu_ms_per_doc": [round(x, 3) for x in passes],
                      "source": str(Path(pipeline.__file__).resolve().parents[1])}))


def _probe(src: Path, listing: Path, repeats: int) -> dict:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(src), *filter(None, [os.environ.get("PYTHONPATH")])])}
    out = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--probe", str(listing), "--repeats", str(repeats)],
                         env=env, check=True, capture_output=True, text=True).stdout  # fmt: skip
    return json.loads(out.strip().splitlines()[-1])


def bench(*, every: int, repeats: int, rounds: int, baseline: str | None, cache: Path,
          archive: Path = archive_speed.ARCHIVE) -> dict:
    """CPU ms per document of this checkout's ``src`` (and of ``baseline``'s) on the archive sample."""
    if not (archive / "corpus.tar.xz").is_file():
        return {"skipped": f"{archive} is not present (the ../shared reference folder is absent)"}
    paths = sample(archive_speed.unpack(archive, cache), every)
    listing = cache / f"parse_cpu_every{every}.txt"
    listing.write_text("\n".join(str(p) for p in paths), encoding="utf-8")
    trees: dict[str, Path] = {"current": ROOT / "src"}
    commit = None
    if baseline is not None:
        commit, trees["baseline"] = archive_speed.baseline_source(baseline, cache)
    runs: dict[str, list[float]] = {name: [] for name in trees}
    failed: dict[str, int] = {}
    for _ in range(rounds):
        for name, src in trees.items():
            got = _probe(src, listing, repeats)
            runs[name] += got["cpu_ms_per_doc"]
            failed[name] = got["failed"]
    best = {name: min(v) for name, v in runs.items()}
    return {
        "archive": archive.name, "every": every, "docs": len(paths), "repeats": repeats, "rounds": rounds,
        "loadavg_at_end": [round(x, 2) for x in os.getloadavg()],
        "cpu_ms_per_doc": {k: round(v, 2) for k, v in best.items()}, "passes": runs, "failed": failed,
        **({"baseline_commit": commit, "current_vs_baseline": round(best["current"] / best["baseline"], 3)} if commit else {}),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--every", type=int, default=4, help="every N-th text of the archive (4)")
    ap.add_argument("--repeats", type=int, default=3, help="timed passes per probe process (3)")
    ap.add_argument("--rounds", type=int, default=2, help="probe processes per source tree, taking turns (2)")
    ap.add_argument("--baseline", default=None, help="also time this git revision's src (exported with git archive)")
    ap.add_argument("--cache-dir", default=None, help="where the archive is unpacked (default: the system temp folder)")
    ap.add_argument("--json", default=None, help="also write the figures to this file")
    ap.add_argument("--probe", default=None, help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    if a.probe:
        probe_main(a.probe, a.repeats)
        return 0
    cache = Path(a.cache_dir or Path(tempfile.gettempdir()) / "policyparse-bench")
    cache.mkdir(parents=True, exist_ok=True)
    r = bench(every=a.every, repeats=a.repeats, rounds=a.rounds, baseline=a.baseline, cache=cache)
    if a.json:
        Path(a.json).parent.mkdir(parents=True, exist_ok=True)
        Path(a.json).write_text(json.dumps(r, ensure_ascii=False, indent=1), encoding="utf-8")
    if "skipped" in r:
        print(f"parse_cpu: skipped: {r['skipped']}")
        return 0
    print(f"| source | CPU ms / document ({r['docs']} documents, every {r['every']}th, min of {r['rounds']}x{r['repeats']} passes) |")
    print("| --- | --- |")
    for name, ms in r["cpu_ms_per_doc"].items():
        label = f"baseline {r['baseline_commit'][:9]}" if name == "baseline" else "this checkout"
        print(f"| {label} | {ms} |")
    if "current_vs_baseline" in r:
        print(f"| this checkout / baseline | {r['current_vs_baseline']} |")
    print(f"load average at the end: {r['loadavg_at_end']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
