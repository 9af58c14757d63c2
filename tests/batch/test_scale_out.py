"""Beyond one machine: inputs and outputs in a real (local) S3 server, parsed by a real Dask cluster.

The fixtures start moto's S3 server on 127.0.0.1 and a ``dask scheduler`` with worker processes
(no nanny, so a killed worker stays dead) in a temporary folder, not the project root: a worker
that needed the caller's working folder would fail every local input here.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from policyparse.batch import parse_many
from policyparse.budget import check
from policyparse.cli import main

from conftest import DEV, ROOT

distributed = pytest.importorskip("distributed", reason="the Dask engine is an optional extra: pip install "
                                  "'policyparse[dask]'")  # fmt: skip
moto_server = pytest.importorskip("moto.server", reason="the S3 tests need moto's server mode: pip install "
                                  "'moto[server]'")  # fmt: skip
s3fs = pytest.importorskip("s3fs", reason="s3:// URLs need s3fs: pip install 'policyparse[cloud]'")

BUCKET = "archive"
DEV_FILES = sorted([*DEV.glob("*.txt"), *(DEV / "html").glob("*.html")])
S3_ENV = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_DEFAULT_REGION": "us-east-1"}


# ------------------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def s3():
    """A moto S3 server with the dev corpus under s3://archive/dev/; yields its endpoint URL."""
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    env = {**S3_ENV, "FSSPEC_S3_ENDPOINT_URL": endpoint}
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        fs = s3fs.S3FileSystem(endpoint_url=endpoint, skip_instance_cache=True)
        fs.mkdir(BUCKET)
        for f in DEV_FILES:
            fs.put_file(str(f), f"{BUCKET}/dev/{f.relative_to(DEV).as_posix()}")
        yield endpoint
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
        server.stop()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    """A scheduler and worker processes started with the `dask` command line in ``folder``."""

    def __init__(self, folder: Path, n_workers: int, env: dict[str, str]) -> None:
        self.folder, self.env = folder, env
        self.file = folder / "scheduler.json"
        cmd = [sys.executable, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port", "0",
               "--no-dashboard", "--scheduler-file", str(self.file)]  # fmt: skip
        self.scheduler = subprocess.Popen(cmd, cwd=folder, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.workers: list[subprocess.Popen] = []
        end = time.monotonic() + 60
        while not self.file.exists() and time.monotonic() < end:
            time.sleep(0.1)
        self.address = json.loads(self.file.read_text())["address"]
        for _ in range(n_workers):
            self.workers.append(subprocess.Popen(
                [sys.executable, "-m", "distributed.cli.dask_worker", self.address, "--nthreads", "1", "--no-nanny",
                 "--no-dashboard", "--host", "127.0.0.1"],
                cwd=folder, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))  # fmt: skip
        with distributed.Client(self.address, timeout=30, set_as_default=False) as c:
            c.wait_for_workers(n_workers, timeout=90)

    def worker_addresses(self) -> set[str]:
        with distributed.Client(self.address, timeout=30, set_as_default=False) as c:
            return set(c.scheduler_info()["workers"])

    def close(self) -> None:
        for p in [*self.workers, self.scheduler]:  # the workers first, while the scheduler still answers them
            with contextlib.suppress(ProcessLookupError):
                p.terminate()
            try:
                p.wait(10)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()


def _cluster_env(s3_endpoint: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FSSPEC_", "AWS_"))}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), str(ROOT / "tests"), str(Path(__file__).resolve().parent)])
    if s3_endpoint:
        env.update(S3_ENV, FSSPEC_S3_ENDPOINT_URL=s3_endpoint)
    return env


@pytest.fixture(scope="module")
def cluster(s3, tmp_path_factory):
    c = Cluster(tmp_path_factory.mktemp("dask-cluster"), 2, _cluster_env(s3))
    try:
        yield c
    finally:
        c.close()


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """The local engine's output over the dev corpus read from disk (relative paths, as a user types them)."""
    out = tmp_path_factory.mktemp("local") / "records.jsonl"
    rel = os.path.relpath(DEV)
    list(parse_many([os.path.join(rel, f.relative_to(DEV)) for f in DEV_FILES], workers=2, out=out))
    return rel, out.read_bytes()


def _s3_read(endpoint: str, key: str) -> bytes:
    fs = s3fs.S3FileSystem(endpoint_url=endpoint, skip_instance_cache=True)
    return fs.cat_file(f"{BUCKET}/{key}")


def _slow_parse(source, **_kw):
    """A parse that only ever checks its time budget (importable by the workers: its folder is on their path)."""
    while True:
        check("slow test parse")
        time.sleep(0.05)


# ---------------------------------------------------------------------------------------- tests


def test_it_parses_the_dev_corpus_from_s3_on_a_two_worker_cluster_into_s3_as_the_local_engine_does_from_disk(
        s3, cluster, reference):  # fmt: skip
    rel, local = reference
    summary_src = f"s3://{BUCKET}/dev/"
    records = list(parse_many(summary_src, engine="dask", scheduler=cluster.address, dask_chunk=16,
                              out=f"s3://{BUCKET}/out/records.jsonl"))  # fmt: skip
    assert [r["path"] for r in records] == [summary_src + f.relative_to(DEV).as_posix() for f in DEV_FILES]
    remote = _s3_read(s3, "out/records.jsonl")
    assert remote.count(b"\n") == len(DEV_FILES) and b'"worker"' not in remote
    # the record path (and the document's source.path) is the URL; everything else is byte-identical
    assert remote.replace(summary_src.encode(), (rel + os.sep).encode()) == local


def test_it_resumes_an_output_in_object_storage_without_parsing_the_finished_records_again(s3, tmp_path):
    from policyparse.pipeline import parse

    url = f"s3://{BUCKET}/resume/records.jsonl"
    first = list(parse_many(f"s3://{BUCKET}/dev/*.txt", workers=0, out=url))[:6]
    full = _s3_read(s3, "resume/records.jsonl")
    lines = full.splitlines(keepends=True)
    fs = s3fs.S3FileSystem(endpoint_url=s3, skip_instance_cache=True)
    fs.pipe_file(f"{BUCKET}/resume/records.jsonl", b"".join(lines[:6]) + lines[6][:40])  # a killed batch's object
    seen: list[str] = []

    def counting(data, **kw):
        seen.append(kw["path"])
        return parse(data, **kw)

    resumed = list(parse_many(f"s3://{BUCKET}/dev/*.txt", workers=0, out=url, resume=True, parse_fn=counting))
    assert [r["path"] for r in resumed[:6]] == [r["path"] for r in first]
    assert seen == [r["path"] for r in resumed[6:]] and len(seen) == len(lines) - 6
    assert _s3_read(s3, "resume/records.jsonl") == full


def test_it_honours_the_time_budget_inside_the_parse_on_a_dask_worker(cluster):
    t0 = time.monotonic()
    recs = list(parse_many(DEV_FILES[:2], engine="dask", scheduler=cluster.address, timeout=1.0, parse_fn=_slow_parse))
    assert [(r["error"], r["code"], r["budget"]) for r in recs] == [("Timeout", "E011", "max_seconds")] * 2
    assert "slow test parse" in recs[0]["message"] and time.monotonic() - t0 < 30


def test_it_names_the_worker_in_each_record_only_when_asked(cluster):
    plain = list(parse_many(DEV_FILES[:4], engine="dask", scheduler=cluster.address))
    named = list(parse_many(DEV_FILES[:4], engine="dask", scheduler=cluster.address, record_worker=True))
    assert all("worker" not in r for r in plain)
    assert {r["worker"] for r in named} <= cluster.worker_addresses()
    assert [{k: v for k, v in r.items() if k != "worker"} for r in named] == plain


def test_an_unreachable_scheduler_exits_2_with_a_typed_message_within_the_connect_timeout(tmp_path):
    out = tmp_path / "out.jsonl"
    t0 = time.monotonic()
    res = CliRunner().invoke(main, ["batch", str(DEV_FILES[0]), "-o", str(out), "--engine", "dask", "--no-progress",
                                    "--scheduler", f"tcp://127.0.0.1:{_free_port()}", "--connect-timeout", "2"])
    took = time.monotonic() - t0
    assert res.exit_code == 2, res.output
    assert "[E022 SchedulerUnreachable]" in res.output and "within 2 s" in res.output
    assert took < 2 + 8 and not out.exists()


def test_killing_one_worker_mid_run_loses_and_duplicates_no_record(reference, tmp_path):
    rel, local = reference
    (tmp_path / "cluster").mkdir()
    c = Cluster(tmp_path / "cluster", 2, _cluster_env(None))
    try:
        out = tmp_path / "dask.jsonl"
        victim = c.workers[0]
        gen = parse_many([os.path.join(rel, f.relative_to(DEV)) for f in DEV_FILES], engine="dask",
                         scheduler=c.address, out=out, dask_chunk=64)  # fmt: skip
        got = [next(gen) for _ in range(3)]
        with distributed.Client(c.address, timeout=30, set_as_default=False) as client:
            addr = next(a for a, pid in client.run(os.getpid).items() if pid == victim.pid)
            busy = client.processing([addr])[addr]
        assert busy  # the worker holds documents when it dies
        os.kill(victim.pid, signal.SIGKILL)
        victim.wait(10)
        got += list(gen)
        assert len(c.worker_addresses()) == 1  # the worker is gone, its tasks ran on the other one
        assert [r["path"] for r in got] == [os.path.join(rel, f.relative_to(DEV)) for f in DEV_FILES]
        assert out.read_bytes() == local
    finally:
        c.close()


def test_the_cli_reads_and_writes_s3_urls_with_local_worker_processes(s3):
    res = CliRunner().invoke(main, ["batch", f"s3://{BUCKET}/dev/html/", "-o", f"s3://{BUCKET}/cli/records.jsonl",
                                    "--workers", "2", "--no-progress"])
    assert res.exit_code == 0, res.output
    recs = [json.loads(line) for line in _s3_read(s3, "cli/records.jsonl").splitlines()]
    want = [f"s3://{BUCKET}/dev/html/{f.name}" for f in DEV_FILES if f.parent.name == "html"]
    assert [r["path"] for r in recs] == want and all(r["ok"] for r in recs)
    assert [r["document"]["source"]["path"] for r in recs] == want


def test_it_reads_the_members_of_a_zip_in_object_storage_by_their_chained_urls(s3, tmp_path):
    import zipfile

    z = tmp_path / "a.zip"
    with zipfile.ZipFile(z, "w") as zf:
        for f in DEV_FILES[:2]:
            zf.write(f, f"docs/{f.name}")
        zf.writestr("docs/readme.md", "not a document")
    fs = s3fs.S3FileSystem(endpoint_url=s3, skip_instance_cache=True)
    fs.put_file(str(z), f"{BUCKET}/zips/a.zip")
    recs = list(parse_many(f"s3://{BUCKET}/zips/a.zip", workers=1))
    assert [r["path"] for r in recs] == [f"zip://docs/{f.name}::s3://{BUCKET}/zips/a.zip" for f in DEV_FILES[:2]]
    assert all(r["ok"] for r in recs)
    local = list(parse_many([str(f) for f in DEV_FILES[:2]], workers=0))
    assert [r["document"]["tasks"] for r in recs] == [r["document"]["tasks"] for r in local]
