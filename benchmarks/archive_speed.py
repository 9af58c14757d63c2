"""The archive section of the benchmark suite: a real collection parsed in-process and in batches.

``../shared/archives/lawrefbook-national`` (1,510 national laws and regulations, one plain-text file
each, packed as ``corpus.tar.xz``) is unpacked once into the benchmark cache folder; then, in one
run and on the same files:

* ``in_process``: ``parse(path)`` over every file in this process (one warm-up parse first; the
  faster of two passes, the passes taking turns with the batch runs so that load from other
  processes hits all of them alike);
* ``batch_1w`` / ``batch_2w``: ``parse_many`` with 1 and 2 workers, each in a fresh probe process
  (run.py's ``--probe-batch``), in the steady state: from the first record to the last, so the
  workers' start-up stays outside the rate (``startup_s`` and ``docs_per_s_with_startup`` give it);

and the ratios batch 1 worker / in-process and 2 workers / 1 worker (with ``--archive-baseline REV``,
also the 2-worker batch of revision REV's ``src``, exported with ``git archive``, in the same run); also CPU seconds per document
of the 1-worker batch (workers and parent) against the in-process parse, which other processes on
the machine disturb much less than docs/s. Without ``../shared`` the
section is skipped with a message (the suite runs from a checkout that has only ``corpora/``).
"""

from __future__ import annotations

import hashlib
import io
import os
import subprocess
import tarfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ARCHIVE = ROOT.parent / "shared" / "archives" / "lawrefbook-national"


def unpack(archive: Path, cache: Path) -> list[Path]:
    """The archive's text files, unpacked once into ``cache`` (keyed by the tarball's digest)."""
    tarball = archive / "corpus.tar.xz"
    digest = hashlib.sha256(tarball.read_bytes()).hexdigest()[:16]
    folder = cache / f"archive-{archive.name}-{digest}"
    done = folder / ".unpacked"
    if not done.exists():
        with tarfile.open(tarball) as t:
            t.extractall(folder / "corpus", filter="data")
        done.write_text(digest, encoding="utf-8")
    return sorted(p for p in (folder / "corpus").rglob("*.txt") if p.is_file())


def baseline_source(rev: str, cache: Path) -> tuple[str, Path]:
    """The ``src`` folder of git revision ``rev`` of this checkout, exported once into ``cache``;
    returns the full commit id and the folder to put first on PYTHONPATH."""
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--verify", f"{rev}^{{commit}}"], check=True,
                            capture_output=True, text=True).stdout.strip()  # fmt: skip
    folder = cache / f"baseline-{commit[:12]}"
    if not (folder / "src" / "policyparse").is_dir():
        blob = subprocess.run(["git", "-C", str(ROOT), "archive", commit, "src"], check=True, capture_output=True).stdout
        with tarfile.open(fileobj=io.BytesIO(blob)) as t:
            t.extractall(folder, filter="data")
    return commit, folder / "src"


def _in_process(paths: list[Path]) -> tuple[float, float, int]:
    """Wall and CPU seconds for one ``parse`` of every path, and how many failed with a PolicyParseError."""
    from policyparse.errors import PolicyParseError
    from policyparse.pipeline import parse

    failed = 0
    t, cpu = time.perf_counter(), time.process_time()
    for p in paths:
        try:
            parse(p)
        except PolicyParseError:
            failed += 1
    return time.perf_counter() - t, time.process_time() - cpu, failed


def bench_archive(work: Path, probe: Callable[..., dict], run_py: Path, *, limit: int | None = None,
                  archive: Path = ARCHIVE, baseline: str | None = None) -> dict:
    """In-process parse rate and batch docs/s with 1 and 2 workers on the archive, in this run;
    with ``baseline`` (a git revision), also the 2-worker batch of that revision's code."""
    if not (archive / "corpus.tar.xz").is_file():
        return {"skipped": f"{archive} is not present (the ../shared reference folder is absent)"}
    load = [round(x, 2) for x in os.getloadavg()]
    paths = unpack(archive, work)
    if limit is not None:
        paths = paths[:limit]
    listing = work / f"archive_{len(paths)}.txt"
    listing.write_text("\n".join(str(p) for p in paths), encoding="utf-8")
    _in_process(paths[:1])  # warm: lazy imports, the lexicon, compiled patterns
    passes: list[float] = []
    cpu: list[float] = []
    runs: dict[str, dict] = {}
    failed = 0
    for name, workers in (("batch_1w", 1), ("batch_2w", 2)):
        seconds, cpu_seconds, failed = _in_process(paths)
        passes.append(seconds)
        cpu.append(cpu_seconds)
        runs[name] = probe([str(run_py), "--probe-batch", str(listing), "--workers", str(workers)])
    if baseline is not None:
        commit, src = baseline_source(baseline, work)
        runs["baseline_2w"] = probe([str(run_py), "--probe-batch", str(listing), "--workers", "2"], pythonpath=str(src))
        runs["baseline_2w"]["commit"] = commit
    in_process = len(paths) / min(passes)
    one, two = runs["batch_1w"]["docs_per_s"], runs["batch_2w"]["docs_per_s"]
    cpu_ms = 1000 * min(cpu) / len(paths)
    # CPU per document of a batch (workers and parent) against the in-process parse: what batching
    # costs on top of parsing, and much less sensitive than docs/s to other processes on the machine
    batch_cpu_ms = {name: 1000 * (r["workers_cpu_s"] + r["parent_cpu_s"]) / max(1, r["docs"]) for name, r in runs.items()}
    return {
        "archive": archive.name,
        "docs": len(paths),
        "failed_in_process": failed,
        "loadavg_at_start": load,
        "in_process_s": [round(s, 3) for s in passes],
        "in_process_docs_per_s": round(in_process, 1),
        "in_process_cpu_ms_per_doc": round(cpu_ms, 2),
        "batch_cpu_ms_per_doc": {k: round(v, 2) for k, v in batch_cpu_ms.items()},
        "batch_1w_cpu_vs_in_process": round(batch_cpu_ms["batch_1w"] / cpu_ms, 3) if cpu_ms else float("nan"),
        "runs": runs,
        "batch_1w_vs_in_process": round(one / in_process, 3),
        "batch_2w_vs_1w": round(two / one, 3) if one else float("nan"),
        **({"batch_2w_vs_baseline_2w": round(two / runs["baseline_2w"]["docs_per_s"], 3)} if baseline else {}),
    }


def render(a: dict) -> list[str]:
    """Rows of run.py's table for this section."""
    if "skipped" in a:
        return [f"| archive | skipped: {a['skipped']} | | |"]
    one, two = a["runs"]["batch_1w"], a["runs"]["batch_2w"]
    return [
        f"| archive {a['archive']} ({a['docs']} docs), in-process parse | {a['in_process_docs_per_s']} docs/s | | |",
        f"| archive batch 1 worker | {one['docs_per_s']} docs/s, {one['cores_used']} cores busy | in-process "
        f"| {a['batch_1w_vs_in_process']} |",
        f"| archive batch 2 workers | {two['docs_per_s']} docs/s, {two['cores_used']} cores busy | 1 worker "
        f"| {a['batch_2w_vs_1w']} |",
        f"| archive CPU per document, batch 1 worker (workers + parent) | {a['batch_cpu_ms_per_doc']['batch_1w']} ms "
        f"| in-process {a['in_process_cpu_ms_per_doc']} ms | {a['batch_1w_cpu_vs_in_process']} |",
    ] + ([f"| archive batch 2 workers vs baseline {a['runs']['baseline_2w']['commit'][:9]} | {two['docs_per_s']} docs/s "
          f"| {a['runs']['baseline_2w']['docs_per_s']} docs/s | {a['batch_2w_vs_baseline_2w']} |"]
         if "baseline_2w" in a["runs"] else [])


def targets(a: dict) -> list[tuple[str, float, str, float]]:
    """The archive's targets of issue 23 as (name, measured, op, limit); none when skipped."""
    if "skipped" in a:
        return []
    rows = [("archive batch 1 worker vs in-process parse", a["batch_1w_vs_in_process"], ">=", 0.85),
            ("archive batch 2 workers vs 1", a["batch_2w_vs_1w"], ">=", 1.8)]
    if "batch_2w_vs_baseline_2w" in a:
        rows.append(("archive batch 2 workers vs the baseline commit's", a["batch_2w_vs_baseline_2w"], ">=", 1.6))
    return rows
