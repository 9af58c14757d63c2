"""Batch parsing: one record per input in a stable order, failures as records, exact resume after a kill."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from policyparse.batch import collect_inputs, parse_many, run_batch, summarize
from policyparse.errors import DecodingError, FileNotFound, UsageError
from policyparse.model import PolicyDocument, SourceRef

from conftest import DEV, ROOT

TESTS = Path(__file__).resolve().parent


# ---------------------------------------------------------------------- stand-in parse functions
# Module-level so that spawned worker processes can import them.


def fake_parse(source, *, format=None, path=None):
    """First line is the title; CRASH kills the process, SLEEP hangs, BOOM is a bug, BADENC a decoding error."""
    data = source if isinstance(source, bytes) else Path(source).read_bytes()
    text = data.decode("utf-8", errors="replace")
    if "CRASH" in text:
        os._exit(3)
    if "SLEEP" in text:
        time.sleep(60)
    if "BOOM" in text:
        raise ValueError("boom")
    if "BADENC" in text:
        raise DecodingError("bytes decode as none of UTF-8, UTF-16, GB18030 or Big5")
    return PolicyDocument(title=text.splitlines()[0] if text else None,
                          source=SourceRef(path=path or str(source), format=format or "txt",
                                           sha256=hashlib.sha256(data).hexdigest()))


def slow_parse(source, *, format=None, path=None):
    time.sleep(0.2)
    return fake_parse(source, format=format, path=path)


def _write(folder: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        p = folder / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")


GOOD = {f"d{i:02d}.txt": f"文件{i}\n正文" for i in range(8)}


# ---------------------------------------------------------------------------------------- inputs


def test_a_folder_gives_its_supported_files_with_its_subfolders_unless_told_not_to(tmp_path):
    _write(tmp_path, {"b.txt": "b", "sub/a.DOCX": "a", "sub/x.png": "x", "c.html": "c", "notes.md": "n"})
    assert [i.path for i in collect_inputs(tmp_path)] == [str(tmp_path / n) for n in ("b.txt", "c.html", "sub/a.DOCX")]
    assert [i.path for i in collect_inputs(tmp_path, recursive=False)] == [str(tmp_path / n) for n in ("b.txt", "c.html")]
    assert [r["path"] for r in parse_many(tmp_path, workers=0, parse_fn=_name_only)] == [
        str(tmp_path / n) for n in ("b.txt", "c.html", "sub/a.DOCX")]


def _name_only(path, **_kw):
    return {"name": Path(path).name}


def test_an_empty_input_set_is_a_usage_error_that_says_what_was_searched(tmp_path):
    _write(tmp_path, {"sub/a.txt": "a", "notes.md": "n"})
    with pytest.raises(UsageError, match="recursive"):
        collect_inputs(tmp_path, recursive=False)
    with pytest.raises(UsageError, match="no documents"):
        list(parse_many(str(tmp_path / "*.pdf"), workers=0))
    with pytest.raises(UsageError):
        collect_inputs([])


def test_a_zip_yields_its_supported_members(tmp_path):
    z = tmp_path / "a.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr("dir/2.txt", "二")
        zf.writestr("1.txt", "一")
        zf.writestr("skip.bin", "x")
    assert [i.path for i in collect_inputs(z)] == [f"{z}!1.txt", f"{z}!dir/2.txt"]
    recs = list(parse_many(z, workers=0, parse_fn=fake_parse))
    assert [(r["path"], r["document"]["title"], r["document"]["source"]["path"]) for r in recs] == [
        (f"{z}!1.txt", "一", f"{z}!1.txt"), (f"{z}!dir/2.txt", "二", f"{z}!dir/2.txt")]


def test_a_glob_and_a_list_are_inputs_too(tmp_path):
    _write(tmp_path, {"a.txt": "a", "b.txt": "b", "c.pdf": "c"})
    assert [i.path for i in collect_inputs(str(tmp_path / "*.txt"))] == [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]
    items = collect_inputs([tmp_path / "c.pdf", tmp_path / "a.txt", tmp_path / "a.txt", tmp_path / "missing.txt"])
    assert [Path(i.path).name for i in items] == ["a.txt", "c.pdf", "missing.txt"]


def test_a_missing_archive_is_an_error_but_a_missing_list_item_is_a_record(tmp_path):
    with pytest.raises(FileNotFound):
        collect_inputs(tmp_path / "nope")
    [r] = list(parse_many([tmp_path / "nope.txt"], workers=0, parse_fn=fake_parse))
    assert (r["ok"], r["error"], r["code"]) == (False, "FileNotFound", "E001")


def test_resume_needs_an_output_file(tmp_path):
    with pytest.raises(UsageError):
        parse_many(tmp_path, resume=True)


# ------------------------------------------------------------------------------- one record each


@pytest.fixture()
def mixed(tmp_path):
    folder = tmp_path / "in"
    _write(folder, {**GOOD, "x_boom.txt": "BOOM", "x_crash.txt": "CRASH", "x_enc.txt": "BADENC", "x_sleep.txt": "SLEEP"})
    return folder


def test_every_input_gets_one_record_even_when_workers_crash_or_hang(mixed, tmp_path):
    out = tmp_path / "out.jsonl"
    recs = list(parse_many(mixed, workers=3, out=out, timeout=1.5, parse_fn=fake_parse))
    names = [Path(r["path"]).name for r in recs]
    assert names == sorted(names) and len(recs) == len(GOOD) + 4
    errors = {Path(r["path"]).name: (r["error"], r["code"]) for r in recs if not r["ok"]}
    assert errors == {"x_boom.txt": ("ValueError", "E000"), "x_crash.txt": ("WorkerCrash", "E000"),
                      "x_enc.txt": ("DecodingError", "E005"), "x_sleep.txt": ("Timeout", "E011")}
    lines = out.read_text(encoding="utf-8").splitlines()
    assert [json.loads(x) for x in lines] == recs
    assert summarize(recs) == {"inputs": 12, "parsed": 8, "failed": 4,
                               "errors": {"DecodingError": 1, "Timeout": 1, "ValueError": 1, "WorkerCrash": 1}}


def test_parallel_output_is_byte_identical_to_sequential(tmp_path):
    folder = tmp_path / "in"
    _write(folder, {**GOOD, "x_boom.txt": "BOOM"})
    run_batch(folder, tmp_path / "seq.jsonl", workers=0, parse_fn=fake_parse)
    run_batch(folder, tmp_path / "par.jsonl", workers=3, parse_fn=fake_parse)
    assert (tmp_path / "seq.jsonl").read_bytes() == (tmp_path / "par.jsonl").read_bytes()


def test_records_are_compact_sorted_json_lines(tmp_path):
    _write(tmp_path / "in", {"a.txt": "甲"})
    run_batch(tmp_path / "in", tmp_path / "o.jsonl", workers=0, parse_fn=fake_parse)
    line = (tmp_path / "o.jsonl").read_text(encoding="utf-8")
    assert line.endswith("\n") and line.count("\n") == 1
    assert line.startswith('{"document":{') and '"ok":true,"path":' in line and "甲" in line


# ------------------------------------------------------------------------------------------ resume


def test_resume_drops_a_partial_line_and_ends_identical(tmp_path):
    folder = tmp_path / "in"
    _write(folder, GOOD)
    full = tmp_path / "full.jsonl"
    run_batch(folder, full, workers=0, parse_fn=fake_parse)
    data = full.read_bytes()
    cut = tmp_path / "cut.jsonl"
    third = data.index(b"\n", data.index(b"\n", data.index(b"\n") + 1) + 1) + 1
    cut.write_bytes(data[: third + 25])  # three records and the start of a fourth
    recs = list(parse_many(folder, out=cut, resume=True, workers=0, parse_fn=fake_parse))
    assert cut.read_bytes() == data and len(recs) == len(GOOD)


def _count_calls(source, *, format=None, path=None):
    with open(os.environ["CALLS_FILE"], "a", encoding="utf-8") as f:
        f.write(Path(source).name + "\n")
    return fake_parse(source, format=format, path=path)


def test_resume_parses_nothing_twice(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    _write(folder, GOOD)
    full = tmp_path / "full.jsonl"
    run_batch(folder, full, workers=0, parse_fn=fake_parse)
    lines = full.read_bytes().splitlines(keepends=True)
    part = tmp_path / "part.jsonl"
    part.write_bytes(lines[0] + lines[1] + lines[5])  # finished out of order: 0, 1 and 5
    monkeypatch.setenv("CALLS_FILE", str(tmp_path / "calls.txt"))
    run_batch(folder, part, resume=True, workers=0, parse_fn=_count_calls)
    assert part.read_bytes() == full.read_bytes()
    calls = (tmp_path / "calls.txt").read_text(encoding="utf-8").split()
    assert calls == [n for i, n in enumerate(sorted(GOOD)) if i not in (0, 1, 5)]


def test_a_killed_batch_resumed_equals_an_uninterrupted_one(tmp_path):
    folder = tmp_path / "in"
    _write(folder, {**GOOD, **{f"e{i}.txt": f"E{i}" for i in range(4)}})
    full = tmp_path / "full.jsonl"
    run_batch(folder, full, workers=0, parse_fn=fake_parse)
    out = tmp_path / "killed.jsonl"
    script = ("import os, sys; sys.path[:0] = [sys.argv[1], os.path.dirname(sys.argv[1])]\n"
              "from test_batch import slow_parse\n"
              "from policyparse.batch import run_batch\n"
              "run_batch(sys.argv[2], sys.argv[3], workers=1, parse_fn=slow_parse)\n")
    proc = subprocess.Popen([sys.executable, "-c", script, str(TESTS), str(folder), str(out)], cwd=ROOT)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if out.exists() and out.read_bytes().count(b"\n") >= 3:
                break
            time.sleep(0.02)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait()
    done = out.read_bytes().count(b"\n")
    assert 3 <= done < 12, "the batch was not killed midway"
    summary = run_batch(folder, out, resume=True, workers=2, parse_fn=fake_parse)
    assert out.read_bytes() == full.read_bytes()
    assert summary == {"inputs": 12, "parsed": 12, "failed": 0, "errors": {}}


# ---------------------------------------------------------------------------- the real pipeline


def test_the_dev_corpus_and_broken_files_give_one_record_per_input(tmp_path):
    pytest.importorskip("policyparse.pipeline")
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "empty.txt").write_bytes(b"")
    (broken / "garbage.pdf").write_bytes(os.urandom(64))
    (broken / "truncated.docx").write_bytes(b"PK\x03\x04" + b"\0" * 20)
    inputs = sorted(DEV.glob("*.txt")) + sorted(broken.iterdir())
    recs = list(parse_many(inputs, workers=2))
    assert [r["path"] for r in recs] == sorted(str(p) for p in inputs)
    by_path = {Path(r["path"]).name: r for r in recs}
    assert all(by_path[p.name]["ok"] for p in DEV.glob("*.txt"))
    for name in ("empty.txt", "garbage.pdf", "truncated.docx"):
        r = by_path[name]
        assert r["ok"] is False and set(r) == {"path", "ok", "error", "code", "message"} and r["code"].startswith("E")
    assert by_path["empty.txt"]["error"] == "EmptyDocument"


# ------------------------------------------------------------------------ chunks of inputs per worker


def pid_parse(source, *, format=None, path=None):
    """fake_parse, with the worker's pid in the title; LOOP runs until the in-process deadline stops it."""
    from policyparse.budget import check

    if b"LOOP" in Path(source).read_bytes():
        while True:
            check("loop")
            time.sleep(0.01)
    doc = fake_parse(source, format=format, path=path)
    doc.title = f"{Path(source).name}:{os.getpid()}"
    return doc


def _pids(recs):
    return {Path(r["path"]).name: int(r["document"]["title"].rsplit(":", 1)[1]) for r in recs if r["ok"]}


def test_inputs_go_to_a_worker_several_at_a_time_and_each_once(tmp_path, monkeypatch):
    from policyparse import batch_pool

    sent: list[list[int]] = []
    submit = batch_pool.Pool.submit

    def spy(self, w, chunk):
        n = submit(self, w, chunk)
        if n:
            sent.append([i for i, _, _ in chunk[:n]])
        return n

    monkeypatch.setattr(batch_pool.Pool, "submit", spy)
    _write(tmp_path / "in", {f"d{i:02d}.txt": f"文件{i}" for i in range(40)})
    recs = list(parse_many(tmp_path / "in", workers=2, parse_fn=fake_parse))
    assert [r["document"]["title"] for r in recs] == [f"文件{i}" for i in range(40)]
    assert sorted(i for c in sent for i in c) == list(range(40)) and max(map(len, sent)) > 1


def test_a_busy_worker_is_sent_no_more_than_prefetch_bytes_and_a_longer_chunk_is_cut(tmp_path, monkeypatch):
    import pickle

    from policyparse import batch_pool

    monkeypatch.setattr(batch_pool, "PREFETCH_BYTES", 700)
    ahead: list[int] = []
    submit = batch_pool.Pool.submit

    def spy(self, w, chunk):
        busy = bool(w.tasks)
        n = submit(self, w, chunk)
        if busy and n:
            ahead.append(len(pickle.dumps(chunk[:n], protocol=pickle.HIGHEST_PROTOCOL)))
        return n

    monkeypatch.setattr(batch_pool.Pool, "submit", spy)
    names = {f"{'长' * 60}{i:02d}.txt": f"文件{i}" for i in range(16)}  # about 300 bytes of pickle per input
    _write(tmp_path / "in", names)
    recs = list(parse_many(tmp_path / "in", workers=1, parse_fn=slow_parse))
    assert [r["document"]["title"] for r in recs] == [f"文件{i}" for i in range(16)]
    assert ahead and max(ahead) <= 700


def test_a_crash_in_a_chunk_costs_only_the_input_that_crashed_and_its_chunk_mates_are_parsed_again(tmp_path):
    names = [f"a{i}.txt" for i in range(3)] + ["b_crash.txt"] + [f"c{i}.txt" for i in range(4)]
    _write(tmp_path / "in", {n: ("CRASH" if "crash" in n else n) for n in names})
    recs = list(parse_many(tmp_path / "in", workers=1, parse_fn=pid_parse))
    assert [Path(r["path"]).name for r in recs] == names
    assert [(r["ok"], r.get("error")) for r in recs] == [(True, None)] * 3 + [(False, "WorkerCrash")] + [(True, None)] * 4
    pids = _pids(recs)
    assert {pids[f"a{i}.txt"] for i in range(3)}.isdisjoint({pids[f"c{i}.txt"] for i in range(4)})


def test_a_worker_killed_past_the_grace_gives_a_timeout_record_for_that_input_only(tmp_path):
    names = ["a0.txt", "a1.txt", "b_sleep.txt", "c0.txt", "c1.txt"]
    _write(tmp_path / "in", {n: ("SLEEP" if "sleep" in n else n) for n in names})
    recs = list(parse_many(tmp_path / "in", workers=1, timeout=1.0, parse_fn=pid_parse))
    assert [(Path(r["path"]).name, r["ok"], r.get("error")) for r in recs] == [
        ("a0.txt", True, None), ("a1.txt", True, None), ("b_sleep.txt", False, "Timeout"), ("c0.txt", True, None),
        ("c1.txt", True, None)]
    assert recs[2]["code"] == "E011" and recs[2]["budget"] == "max_seconds" and "stopped" in recs[2]["message"]


def test_an_in_process_timeout_is_a_typed_record_and_the_worker_goes_on_with_its_chunk(tmp_path):
    names = ["a0.txt", "b_loop.txt", "c0.txt", "c1.txt"]
    _write(tmp_path / "in", {n: ("LOOP" if "loop" in n else n) for n in names})
    recs = list(parse_many(tmp_path / "in", workers=1, timeout=0.5, parse_fn=pid_parse))
    assert [(r["ok"], r.get("error"), r.get("code")) for r in recs] == [
        (True, None, None), (False, "Timeout", "E011"), (True, None, None), (True, None, None)]
    assert "stopped" not in recs[1]["message"] and len(set(_pids(recs).values())) == 1


def test_a_worker_parses_at_most_max_tasks_per_child_inputs(tmp_path):
    _write(tmp_path / "in", {f"d{i:02d}.txt": f"d{i}" for i in range(10)})
    recs = list(parse_many(tmp_path / "in", workers=1, parse_fn=pid_parse, max_tasks_per_child=3))
    per_pid: dict[int, int] = {}
    for pid in _pids(recs).values():
        per_pid[pid] = per_pid.get(pid, 0) + 1
    assert len(recs) == 10 and max(per_pid.values()) <= 3 and len(per_pid) >= 4


_BORN = time.time()  # in a worker process: when it imported this module, i.e. when it started
_STARTS = os.environ.get("POLICYPARSE_TEST_STARTS")  # a folder where each worker process notes its start
if _STARTS:
    Path(_STARTS, str(os.getpid())).touch()
_CALLS = 0


def born_parse(path, **_kw):
    time.sleep(0.3)
    return {"pid": os.getpid(), "born": _BORN, "done": time.time()}


def successor_watch_parse(path, **_kw):
    """Like ``born_parse``; in a worker's fourth (last) input, it waits (up to 60 s) for another worker
    process to start, and says whether one did before this input was done. The check rests on order,
    not on how fast this machine starts a process: a successor started only after the worker retires
    cannot start while its last input is still waiting."""
    global _CALLS
    _CALLS += 1
    time.sleep(0.3)
    seen = False
    if _CALLS == 4 and _STARTS:
        deadline = time.monotonic() + 60
        while not (seen := any(p.name != str(os.getpid()) for p in Path(_STARTS).iterdir())):
            if time.monotonic() > deadline:
                break
            time.sleep(0.05)
    return {"pid": os.getpid(), "successor_started": seen}


def test_a_retiring_workers_successor_starts_while_it_parses_its_last_inputs(tmp_path, monkeypatch):
    _write(tmp_path / "in", {f"d{i}.txt": "d" for i in range(8)})
    (tmp_path / "starts").mkdir()
    monkeypatch.setenv("POLICYPARSE_TEST_STARTS", str(tmp_path / "starts"))
    recs = [r["document"] for r in parse_many(tmp_path / "in", workers=1, parse_fn=successor_watch_parse,
                                              max_tasks_per_child=4)]
    first, second = recs[:4], recs[4:]
    assert len({r["pid"] for r in first}) == 1 and len({r["pid"] for r in second}) == 1
    assert first[0]["pid"] != second[0]["pid"]
    assert first[-1]["successor_started"]  # the batch did not stand still while the replacement started
    assert sorted(p.name for p in (tmp_path / "starts").iterdir()) == sorted({str(first[0]["pid"]), str(second[0]["pid"])})


def test_a_successor_starts_only_when_inputs_remain_for_it(tmp_path, monkeypatch):
    from policyparse import batch_pool

    spawned: list[int] = []
    real = batch_pool.Pool._spawn
    monkeypatch.setattr(batch_pool.Pool, "_spawn", lambda self: (spawned.append(1), real(self))[1])
    _write(tmp_path / "four", {f"d{i}.txt": "d" for i in range(4)})
    _write(tmp_path / "eight", {f"d{i}.txt": "d" for i in range(8)})
    assert len(list(parse_many(tmp_path / "four", workers=1, parse_fn=born_parse, max_tasks_per_child=4))) == 4
    assert len(spawned) == 1  # the batch ends as the worker retires: no successor
    spawned.clear()
    assert len(list(parse_many(tmp_path / "eight", workers=1, parse_fn=born_parse, max_tasks_per_child=4))) == 8
    assert len(spawned) == 2  # one successor, for the second four; none after it


def test_the_output_is_fsynced_at_most_every_fsync_every_seconds_and_at_the_end(tmp_path, monkeypatch):
    from policyparse import batch

    calls: list[int] = []
    real = os.fsync
    monkeypatch.setattr(batch.os, "fsync", lambda fd: (calls.append(fd), real(fd))[1])
    monkeypatch.setattr(batch, "FSYNC_EVERY", 3600.0)
    _write(tmp_path / "in", {f"d{i:02d}.txt": f"文件{i}" for i in range(30)})
    out = tmp_path / "o.jsonl"
    summary = run_batch(tmp_path / "in", out, workers=0, parse_fn=fake_parse)
    assert summary["parsed"] == 30 and out.read_bytes().count(b"\n") == 30
    assert len(calls) == 2  # the truncated prefix before the first line, and the end: not one per line
