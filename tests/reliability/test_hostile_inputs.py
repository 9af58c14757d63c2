"""Hostile inputs and careless use: every input ends fast, small and typed, with one record each.

Specification of issue 21. The resource bombs are built by tests/conftest_bombs.py at sizes that
trip the default budgets at once; the quadratic cases compare a 10x larger input with a small
one (a ratio measured here, never an absolute time).
"""

from __future__ import annotations

import json
import math
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from policyparse import io as pio
from policyparse.batch import _line, cap_workers, collect_inputs, parse_many, run_batch
from policyparse.budget import check, deadline
from policyparse.caches import clear_text_caches
from policyparse.cli import main
from policyparse.errors import (
    DecodingError,
    EmptyDocument,
    LimitExceeded,
    NestingTooDeep,
    PolicyParseError,
    TableTooLarge,
    TextTooLarge,
    Timeout,
    UnreadableFile,
    UsageError,
)
from policyparse.io.limits import ReadLimits
from policyparse.pipeline import parse, parse_text

from conftest_bombs import (
    docx_grid,
    duplicate_names_zip,
    html_span_table,
    many_members_zip,
    nul_zip,
    numbered_items_text,
    ofd_shared_content,
    pdf_xobject_fanout,
    tasks_on_one_line_text,
    unbalanced_titles_text,
)
from conftest_reliability import SEED

GBK_NAME = b"gbk_\xb9\xd8.txt"  # 关 in GBK: not UTF-8


def _raises(data: bytes, fmt: str, error: type[PolicyParseError], **limits: Any) -> PolicyParseError:
    with pytest.raises(error) as info:
        pio.read(data, path=f"bomb.{fmt}", limits=limits or None)
    assert f"bomb.{fmt}" in str(info.value)
    return info.value


# ------------------------------------------------------------------------------ 1. reader budgets


class TestReaderBudgets:
    def test_it_refuses_an_html_table_whose_spans_cover_more_than_the_grid_budget(self) -> None:
        err = _raises(html_span_table(2000, 2000, 1000), "html", TableTooLarge)
        assert err.code == "E012" and err.budget == "max_table_cells"

    def test_it_still_reads_a_table_with_ordinary_spans(self) -> None:
        source = pio.read(html_span_table(3, 2, 3), path="t.html")
        assert any(b.table is not None for b in source.blocks)

    @pytest.mark.parametrize("attr", ["grid_span", "grid_before", "grid_after"])
    def test_it_refuses_a_docx_grid_count_above_the_span_budget_before_walking_it(self, attr: str) -> None:
        err = _raises(docx_grid(**{attr: 1_000_000_000}), "docx", TableTooLarge)
        assert err.budget == "max_table_span" and "1000000000" in err.message

    def test_it_refuses_docx_spans_that_add_up_past_the_grid_budget(self) -> None:
        err = _raises(docx_grid(grid_span=900, rows=400), "docx", TableTooLarge)
        assert err.budget == "max_table_cells"

    def test_it_refuses_an_ofd_whose_pages_share_a_content_part_past_the_text_budget(self) -> None:
        err = _raises(ofd_shared_content(1000, 20000), "ofd", TextTooLarge)
        assert err.code == "E013" and err.budget == "max_text_chars"

    def test_it_parses_a_content_part_shared_by_many_pages_once(self, monkeypatch: pytest.MonkeyPatch) -> None:
        from policyparse.io import ofd_package as ofd

        parsed: list[str] = []
        real = ofd.parse_part

        def counting(raw: bytes, *, part: str, path: str | None) -> Any:
            parsed.append(part)
            return real(raw, part=part, path=path)

        monkeypatch.setattr(ofd, "parse_part", counting)
        source = pio.read(ofd_shared_content(20, 40), path="shared.ofd")
        assert source.source.pages == 20
        assert parsed.count("Doc_0/Pages/Page_0/Content.xml") == 1

    def test_it_stops_pdf_form_xobjects_that_fan_out(self) -> None:
        err = _raises(pdf_xobject_fanout(10, 10), "pdf", NestingTooDeep)
        assert err.code == "E016" and err.budget == "max_pdf_xobjects"

    def test_it_stops_pdf_form_xobjects_nested_past_the_depth_budget(self) -> None:
        err = _raises(pdf_xobject_fanout(40, 1), "pdf", NestingTooDeep)
        assert err.budget == "max_pdf_xobject_depth"

    def test_a_pdf_with_a_few_nested_forms_is_read(self) -> None:
        source = pio.read(pdf_xobject_fanout(3, 2), path="forms.pdf")
        assert "word" in source.text

    def test_text_of_only_nul_bytes_is_an_empty_document_not_a_document(self) -> None:
        with pytest.raises(EmptyDocument, match="NUL"):
            parse(b"\x00" * 100_000, path="nul.txt")

    def test_binary_bytes_are_a_decoding_error_not_a_document(self) -> None:
        with pytest.raises(DecodingError, match="binary data"):
            parse(bytes(range(256)) * 40, path="blob.txt")

    def test_every_budget_error_is_a_limit_exceeded_with_a_distinct_stable_code(self) -> None:
        from policyparse import errors

        classes = [c for c in vars(errors).values() if isinstance(c, type) and issubclass(c, LimitExceeded)
                   and c is not LimitExceeded]  # fmt: skip
        assert len({c.code for c in classes}) == len(classes)
        assert all(c.code.startswith("E01") for c in classes)


# ------------------------------------------------------------------------------ the time budget


class TestTimeBudget:
    def test_a_single_parse_runs_under_the_default_deadline(self, monkeypatch: pytest.MonkeyPatch) -> None:
        from policyparse import pipeline

        monkeypatch.setattr(pipeline, "fold", lambda text: (time.sleep(0.05), text)[1])
        monkeypatch.setattr(ReadLimits, "__init__", _with_defaults(max_seconds=0.01))
        with pytest.raises(Timeout) as info:
            parse(SEED)
        assert info.value.budget == "max_seconds" and str(SEED) in str(info.value)

    def test_an_outer_deadline_of_inf_turns_the_default_off(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(ReadLimits, "__init__", _with_defaults(max_seconds=1e-9))
        with deadline(math.inf):
            assert parse(SEED).title

    def test_nested_deadlines_keep_the_earliest(self) -> None:
        with deadline(0.01), deadline(100):
            time.sleep(0.02)
            with pytest.raises(Timeout):
                check("test")

    @pytest.mark.parametrize("bad", [-1, 0, float("nan")])
    def test_a_time_budget_must_be_positive(self, bad: float) -> None:
        with pytest.raises(UsageError), deadline(bad):
            pass


def _with_defaults(**changes: Any) -> Callable[..., None]:
    """A ReadLimits.__init__ whose defaults are changed (for budgets the pipeline reads itself)."""
    import dataclasses

    fields = [f.name for f in dataclasses.fields(ReadLimits)]
    real = ReadLimits.__init__
    base = {f.name: f.default for f in dataclasses.fields(ReadLimits)}

    def init(self: ReadLimits, *args: Any, **kwargs: Any) -> None:
        values = {**base, **changes, **dict(zip(fields, args, strict=False)), **kwargs}
        real(self, **values)

    return init


# ------------------------------------------------------------------------------ 4. linear time


def _parse_time(text: str, repeat: int) -> float:
    """CPU seconds of this process (other processes on a shared machine do not count) for ``repeat``
    parses of ``text``. The cyclic garbage collector is paused while the clock runs: its passes over
    the live heap of the whole test session are not the parser's algorithm. The string caches are
    emptied before each parse: a repeat of a small input would find every string cached while a large
    one outgrows the caches' bounds, and a ratio would weigh the caches, not the algorithm."""
    import gc

    gc.collect()
    gc.disable()
    try:
        t = time.process_time()
        for _ in range(repeat):
            clear_text_caches()
            parse_text(text)
        return time.process_time() - t
    finally:
        gc.enable()


def _costs(build: Callable[[int], str], n: int) -> tuple[float, float]:
    """(ten parses of ``build(n)``, one parse of ``build(10 * n)``), each the best of three rounds
    taken in turn. Both clocks run about as long, and in the same stretch of time, so a shared
    machine's noise weighs on both alike (the best of a few 30 ms runs is luckier than the best of a
    few 300 ms runs, and a busy minute would fall on one size only)."""
    small, large = build(n), build(10 * n)
    rounds = [(_parse_time(small, 10), _parse_time(large, 1)) for _ in range(3)]
    return min(r[0] for r in rounds), min(r[1] for r in rounds)


@pytest.mark.parametrize(("build", "n"), [(numbered_items_text, 300), (unbalanced_titles_text, 30000),
                                          (tasks_on_one_line_text, 300)],
                         ids=["numbered_items", "unbalanced_title_marks", "tasks_on_one_line"])  # fmt: skip
def test_one_input_ten_times_larger_costs_about_what_ten_small_ones_cost(build: Callable[[int], str], n: int) -> None:
    """Linear time: a step whose cost grows with the square of the input's size would make the large
    input cost several times the ten small ones (a tenth of the small parse spent in such a step
    already makes it 1.9x); 1.5x leaves room for a shared machine's noise and a larger heap."""
    parse_text(build(n))  # warm what is loaded once (lexicons, compiled patterns)
    ten_small, large = _costs(build, n)
    assert large / ten_small <= 1.5, f"{large:.3f} s for one large input, {ten_small:.3f} s for ten small ones"


def test_tasks_on_one_line_do_not_each_repeat_the_line() -> None:
    small, large = (len(parse_text(tasks_on_one_line_text(n)).model_dump_json()) for n in (200, 2000))
    assert large / small <= 12


# ------------------------------------------------------------------------------ 2. archives


class TestArchives:
    def test_a_zip_is_read_from_one_open_archive(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        import zipfile

        z = tmp_path / "many.zip"
        z.write_bytes(many_members_zip(200))
        opened: list[Any] = []
        real = zipfile.ZipFile.__init__

        def counting(self: Any, file: Any, *args: Any, **kwargs: Any) -> None:
            opened.append(file)
            real(self, file, *args, **kwargs)

        monkeypatch.setattr(zipfile.ZipFile, "__init__", counting)
        recs = list(parse_many(z, workers=0))
        assert len(recs) == 200 and all(r["ok"] for r in recs)
        assert len([f for f in opened if os.fspath(f) == str(z)]) <= 2  # listed once, read once

    def test_each_member_of_a_duplicated_name_gets_its_own_record_keyed_by_index(self, tmp_path: Path) -> None:
        z = tmp_path / "dups.zip"
        z.write_bytes(duplicate_names_zip(3))
        recs = list(parse_many(z, workers=0))
        assert [r["path"] for r in recs] == [f"{z}!same.txt#{i}" for i in range(3)]
        assert [r["document"]["text"].splitlines()[-1] for r in recs] == ["第0份", "第1份", "第2份"]

    def test_nul_members_are_typed_errors_and_a_bomb_member_is_refused_by_ratio(self, tmp_path: Path) -> None:
        small, bomb = tmp_path / "nul.zip", tmp_path / "bomb.zip"
        small.write_bytes(nul_zip(3, 100_000))
        bomb.write_bytes(nul_zip(1, 50_000_000))
        recs = list(parse_many([small, bomb], workers=0))
        assert [r["error"] for r in recs] == ["InputTooLarge"] + ["EmptyDocument"] * 3
        assert recs[0]["budget"] == "max_zip_ratio"

    def test_an_archive_over_the_member_budget_is_one_record(self, tmp_path: Path) -> None:
        z = tmp_path / "many.zip"
        z.write_bytes(many_members_zip(30))
        (item,) = collect_inputs(z, limits=ReadLimits(max_archive_members=10))
        assert item.path == str(z) and item.problem is not None and item.problem[0] == "InputTooLarge"


# ------------------------------------------------------------------------------ 3. names and paths


def _gbk_file(folder: Path) -> Path:
    path = Path(os.fsdecode(os.path.join(os.fsencode(folder), GBK_NAME)))
    path.write_bytes(SEED.read_bytes())
    return path


class TestFileNames:
    def test_a_gbk_file_name_survives_into_the_record_and_round_trips(self, tmp_path: Path) -> None:
        _gbk_file(tmp_path)
        out = tmp_path / "out.jsonl"
        summary = run_batch(tmp_path, out, workers=0)
        assert summary["parsed"] == 1
        raw = out.read_bytes()
        raw.decode("utf-8")  # valid UTF-8
        assert b"\\udcb9\\udcd8" in raw
        record = json.loads(raw)
        assert os.fsencode(record["path"]).endswith(GBK_NAME)

    def test_resume_goes_on_past_a_gbk_file_name(self, tmp_path: Path) -> None:
        folder = tmp_path / "in"
        folder.mkdir()
        _gbk_file(folder)
        (folder / "z.txt").write_bytes(SEED.read_bytes())
        out = tmp_path / "out.jsonl"
        run_batch(folder, out, workers=0)
        full = out.read_bytes()
        out.write_bytes(full.split(b"\n")[0] + b"\n")
        summary = run_batch(folder, out, workers=0, resume=True)
        assert summary["inputs"] == 2 and out.read_bytes() == full

    @pytest.mark.parametrize("command", ["parse", "report"])
    def test_parse_and_report_write_a_gbk_named_file_without_leaving_a_part_file(self, tmp_path: Path, command: str) -> None:
        src = _gbk_file(tmp_path)
        out = tmp_path / "out.json"
        r = CliRunner().invoke(main, [command, str(src), "-o", str(out)])
        assert r.exit_code == 0, r.output
        assert out.stat().st_size > 0 and not list(tmp_path.glob("*.part"))
        assert "\\udcb9" in out.read_text(encoding="utf-8")

    def test_a_store_keeps_a_gbk_named_document_under_its_escaped_name(self, tmp_path: Path) -> None:
        folder = tmp_path / "in"
        folder.mkdir()
        _gbk_file(folder)
        out, db = tmp_path / "out.jsonl", tmp_path / "s.db"
        r = CliRunner().invoke(main, ["batch", str(folder), "-o", str(out), "--store", str(db), "--workers", "0",
                                      "--no-progress"])  # fmt: skip
        assert r.exit_code == 0, r.output
        assert '"added": 1' in r.output

    def test_every_path_that_cannot_be_read_gets_a_record(self, tmp_path: Path) -> None:
        root, outside = tmp_path / "in", tmp_path / "outside"
        root.mkdir()
        outside.mkdir()
        (outside / "secret.txt").write_bytes(SEED.read_bytes())
        (root / "ok.txt").write_bytes(SEED.read_bytes())
        (root / "dangling.txt").symlink_to(root / "missing.txt")
        (root / "loop.txt").symlink_to(root / "loop.txt")
        os.mkfifo(root / "fifo.txt")
        (root / "escape.txt").symlink_to(outside / "secret.txt")
        recs = {Path(r["path"]).name: r for r in parse_many(root, workers=0)}
        assert recs["ok.txt"]["ok"]
        for name in ("dangling.txt", "loop.txt", "fifo.txt", "escape.txt"):
            assert recs[name]["error"] == "UnreadableFile" and recs[name]["code"] == "E008", name
        assert "leaving the input folder" in recs["escape.txt"]["message"]
        followed = {Path(r["path"]).name: r for r in parse_many(root, workers=0, follow_links=True)}
        assert followed["escape.txt"]["ok"]

    def test_a_folder_that_cannot_be_listed_gets_a_record(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        locked = tmp_path / "locked"
        locked.mkdir()
        (tmp_path / "ok.txt").write_bytes(SEED.read_bytes())
        real = os.scandir

        def scandir(path: Any) -> Any:
            if os.fspath(path) == str(locked):
                raise PermissionError(13, "Permission denied")
            return real(path)

        monkeypatch.setattr(os, "scandir", scandir)
        recs = {r["path"]: r for r in parse_many(tmp_path, workers=0)}
        assert recs[str(locked)]["error"] == "UnreadableFile" and "Permission denied" in recs[str(locked)]["message"]

    def test_a_file_that_cannot_be_read_is_unreadable_not_an_untyped_error(self, monkeypatch: pytest.MonkeyPatch) -> None:
        def denied(self: Path) -> bytes:
            raise PermissionError(13, "Permission denied")

        monkeypatch.setattr(Path, "read_bytes", denied)
        with pytest.raises(UnreadableFile, match="Permission denied"):
            pio.read(SEED)


# ------------------------------------------------------------------------------ 5. outputs and options


def _boom(path: Any, **kwargs: Any) -> Any:
    bytearray(4 * 1024**3)  # 4 GiB: past the worker's address-space budget
    raise AssertionError("unreachable")


class TestOutputsAndOptions:
    def test_a_second_writer_of_the_same_output_gets_a_usage_error(self, tmp_path: Path) -> None:
        import fcntl

        out = tmp_path / "out.jsonl"
        out.write_bytes(b"kept\n")
        with open(out, "rb") as held:
            fcntl.flock(held.fileno(), fcntl.LOCK_EX)
            with pytest.raises(UsageError, match="another batch"):
                run_batch(SEED, out, workers=0)
            r = CliRunner().invoke(main, ["batch", str(SEED), "-o", str(out), "--workers", "0", "--no-progress"])
            assert r.exit_code == 2
        assert out.read_bytes() == b"kept\n"

    @pytest.mark.parametrize("value", ["-1", "0", "nan"])
    def test_an_invalid_timeout_is_a_usage_error_that_writes_nothing(self, tmp_path: Path, value: str) -> None:
        out = tmp_path / "out.jsonl"
        r = CliRunner().invoke(main, ["batch", str(SEED), "-o", str(out), "--timeout", value, "--no-progress"])
        assert r.exit_code == 2 and "E020" in r.output and not out.exists()

    def test_an_infinite_timeout_means_no_budget(self, tmp_path: Path) -> None:
        out = tmp_path / "out.jsonl"
        r = CliRunner().invoke(main, ["batch", str(SEED), "-o", str(out), "--timeout", "inf", "--workers", "0",
                                      "--no-progress"])  # fmt: skip
        assert r.exit_code == 0 and json.loads(out.read_bytes())["ok"]

    def test_a_read_only_store_command_never_creates_a_database(self, tmp_path: Path) -> None:
        typo = tmp_path / "nested" / "typo.db"
        r = CliRunner().invoke(main, ["history", "--store", str(typo), "--unrepealed"])
        assert r.exit_code == 2 and not typo.exists() and not typo.parent.exists()

    def test_workers_are_capped_at_what_memory_allows(self, monkeypatch: pytest.MonkeyPatch) -> None:
        from policyparse import batch_pool

        monkeypatch.setattr(batch_pool, "_available_memory", lambda: 3 * ReadLimits().max_memory + 1)
        assert cap_workers(16) == 3 and cap_workers(2) == 2 and cap_workers(0) == 0
        monkeypatch.setattr(batch_pool, "_available_memory", lambda: 10)
        assert cap_workers(4) == 1

    def test_a_record_above_the_output_budget_becomes_an_output_too_large_record(self) -> None:
        line = _line({"path": "x.txt", "ok": True, "document": {"text": "字" * 2000}}, max_bytes=1000)
        rec = json.loads(line)
        assert rec["error"] == "OutputTooLarge" and rec["code"] == "E014" and rec["budget"] == "max_output_bytes"

    @pytest.mark.skipif(sys.platform != "linux", reason="RLIMIT_AS is enforced on Linux")
    def test_a_worker_past_its_memory_budget_gives_a_memory_limit_record(self) -> None:
        (rec,) = parse_many([SEED], workers=1, parse_fn=_boom)
        assert rec["error"] == "MemoryLimit" and rec["code"] == "E015" and rec["budget"] == "max_memory"


# ------------------------------------------------------------------------------ done means


def test_a_batch_over_every_hostile_case_writes_one_record_each_and_exits_3(tmp_path: Path) -> None:
    root = tmp_path / "in"
    root.mkdir()
    files = {"span.html": html_span_table(2000, 2000, 1000), "grid.docx": docx_grid(grid_span=50_000_000),
             "after.docx": docx_grid(grid_after=1_000_000_000), "shared.ofd": ofd_shared_content(1000, 20000),
             "fanout.pdf": pdf_xobject_fanout(10, 10), "books.txt": unbalanced_titles_text(30000).encode(),
             "tasks.txt": tasks_on_one_line_text(3000).encode(), "nul.txt": b"\x00" * 300_000}  # fmt: skip
    for name, data in files.items():
        (root / name).write_bytes(data)
    _gbk_file(root)
    (root / "dangling.txt").symlink_to(root / "missing.txt")
    archive = tmp_path / "archive.zip"
    archive.write_bytes(duplicate_names_zip(3))
    out = tmp_path / "out.jsonl"
    r = CliRunner().invoke(main, ["batch", str(root), str(archive), "-o", str(out), "--workers", "2", "--no-progress"])
    assert r.exit_code == 3, r.output
    recs = [json.loads(line) for line in out.read_bytes().splitlines()]
    assert len(recs) == len(files) + 2 + 3
    by_name = {os.path.basename(rec["path"]): rec for rec in recs}
    expected = {"span.html": "TableTooLarge", "grid.docx": "TableTooLarge", "after.docx": "TableTooLarge",
                "shared.ofd": "TextTooLarge", "fanout.pdf": "NestingTooDeep", "nul.txt": "EmptyDocument",
                "dangling.txt": "UnreadableFile"}  # fmt: skip
    for name, error in expected.items():
        assert by_name[name]["error"] == error, name
    assert all(by_name[n]["ok"] for n in ("books.txt", "tasks.txt", os.fsdecode(GBK_NAME)))
    assert all("budget" in by_name[n] for n in ("span.html", "grid.docx", "shared.ofd", "fanout.pdf"))
