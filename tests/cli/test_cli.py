"""The command line: parse with and without a file, schema, and errors as one line with an exit code."""

from __future__ import annotations

import json

from click.testing import CliRunner

from policyparse.cli import main

from conftest import SEED


def test_parse_without_an_argument_parses_the_bundled_seed():
    r = CliRunner().invoke(main, ["parse", "--no-text"])
    assert r.exit_code == 0
    d = json.loads(r.output)
    assert d["date"] == "2021-08-17" and d["enclosed"][0]["doc_type"] == "方案" and "text" not in d


def test_parse_writes_to_a_file_with_o(tmp_path):
    out = tmp_path / "seed.json"
    r = CliRunner().invoke(main, ["parse", str(SEED), "-o", str(out)])
    assert r.exit_code == 0 and r.output == ""
    assert json.loads(out.read_text(encoding="utf-8"))["source"]["path"] == str(SEED)


def test_a_missing_file_is_a_one_line_error_with_exit_code_1(tmp_path):
    r = CliRunner().invoke(main, ["parse", str(tmp_path / "none.txt")])
    assert r.exit_code == 1
    assert r.stderr.count("\n") == 1 and "FileNotFound" in r.stderr


def test_an_empty_file_is_a_typed_error(tmp_path):
    p = tmp_path / "empty.txt"
    p.write_bytes(b"   \n")
    r = CliRunner().invoke(main, ["parse", str(p)])
    assert r.exit_code == 1 and "EmptyDocument" in r.stderr


def test_schema_prints_the_json_schema():
    r = CliRunner().invoke(main, ["schema"])
    assert r.exit_code == 0
    assert json.loads(r.output)["title"] == "PolicyDocument"


def test_report_writes_a_self_contained_html_page(tmp_path):
    out = tmp_path / "seed.html"
    r = CliRunner().invoke(main, ["report", "-o", str(out)])
    assert r.exit_code == 0, r.output
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "rowspan=\"19\"" in html and "<script" not in html


def test_batch_then_history_from_the_store(tmp_path):
    from conftest import DEV

    out, db = tmp_path / "dev.jsonl", tmp_path / "archive.db"
    files = [str(DEV / "019_fagui_guizhang_beian_shencha_tiaoli_2024.txt"), str(DEV / "020_fagui_guizhang_beian_tiaoli_2001.txt")]
    r = CliRunner().invoke(main, ["batch", *files, "-o", str(out), "--workers", "0", "--no-progress", "--store", str(db)])
    assert r.exit_code == 0, r.output
    assert len(out.read_text(encoding="utf-8").splitlines()) == 2
    r = CliRunner().invoke(main, ["history", "--store", str(db), "--in-force", "2025-01-01"])
    assert r.exit_code == 0, r.output
    # 019 repeals 020 when it takes effect (2024-11-01): on 2025-01-01 only 019 is in force
    assert json.loads(r.output)["in_force"]["documents"] == ["doc:法规规章备案审查条例"]


def _seed_folder(tmp_path):
    folder = tmp_path / "archive"
    folder.mkdir()
    (folder / "seed.txt").write_bytes(SEED.read_bytes())
    (folder / "empty.txt").write_bytes(b" \n")
    return folder


def test_verbose_shows_the_library_log_and_quiet_hides_it(tmp_path):
    folder = _seed_folder(tmp_path)
    out = tmp_path / "out.jsonl"
    args = ["batch", str(folder), "-o", str(out), "--workers", "0", "--no-progress"]
    loud = CliRunner().invoke(main, ["-v", *args])
    assert loud.exit_code == 3
    assert "policyparse: INFO: 2 inputs to parse" in loud.stderr and "EmptyDocument [E007]" in loud.stderr
    normal = CliRunner().invoke(main, args)
    assert "INFO" not in normal.stderr
    quiet = CliRunner().invoke(main, ["-q", *args])
    assert "INFO" not in quiet.stderr and quiet.exit_code == 3


def test_an_input_set_without_documents_is_a_usage_error_with_exit_code_2(tmp_path):
    (tmp_path / "empty").mkdir()
    for target in (str(tmp_path / "*.pdf"), str(tmp_path / "empty")):
        r = CliRunner().invoke(main, ["batch", target, "-o", str(tmp_path / "o.jsonl"), "--workers", "0"])
        assert r.exit_code == 2 and "UsageError" in r.stderr and "no documents" in r.stderr
        r = CliRunner().invoke(main, ["history", target, "--workers", "0"])
        assert r.exit_code == 2 and "no documents" in r.stderr
    assert not (tmp_path / "o.jsonl").exists()


def test_subfolders_are_searched_unless_no_recursive_says_otherwise(tmp_path):
    folder = tmp_path / "a" / "b"
    folder.mkdir(parents=True)
    (folder / "seed.txt").write_bytes(SEED.read_bytes())
    out = tmp_path / "o.jsonl"
    r = CliRunner().invoke(main, ["batch", str(tmp_path / "a"), "-o", str(out), "--workers", "0", "--no-recursive"])
    assert r.exit_code == 2 and "--no-recursive" in r.stderr
    r = CliRunner().invoke(main, ["batch", str(tmp_path / "a"), "-o", str(out), "--workers", "0", "--no-progress"])
    assert r.exit_code == 0 and len(out.read_text(encoding="utf-8").splitlines()) == 1
