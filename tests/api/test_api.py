"""The Python entry points do what their names say: parse() reads a file, parse_text() reads text.

No str is ever silently taken for document text, a missing file is E001, and a script that calls
the multi-process functions without a main guard is told so (not blamed for a parse_fn it never gave).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import policyparse
from policyparse.errors import FileNotFound, UsageError

from conftest import ROOT, SEED


def test_it_reads_a_str_path_and_a_pathlike_path_alike():
    a = policyparse.parse(str(SEED))
    b = policyparse.parse(Path(SEED))
    assert a == b and a.title and a.source.path == str(SEED)


def test_a_str_naming_no_file_is_file_not_found_not_an_empty_document(tmp_path, monkeypatch):
    with pytest.raises(FileNotFound) as err:
        policyparse.parse(str(tmp_path / "notice.pdf"))
    assert err.value.code == "E001"
    monkeypatch.chdir(tmp_path)
    with pytest.raises(FileNotFound):
        policyparse.parse("notice.pdf")


def test_text_in_a_str_given_to_parse_is_a_usage_error_that_names_parse_text():
    text = SEED.read_text(encoding="utf-8")
    with pytest.raises(UsageError, match="parse_text"):
        policyparse.parse(text)
    with pytest.raises(UsageError, match="parse_text"):
        policyparse.parse("")


def test_parse_text_reads_text_and_equals_parsing_the_file_apart_from_provenance():
    text = SEED.read_text(encoding="utf-8")
    from_text = policyparse.parse_text(text, path="seed.txt")
    from_file = policyparse.parse(SEED)
    assert from_text.title == from_file.title and from_text.tasks == from_file.tasks
    assert from_text.enclosed[0].tasks == from_file.enclosed[0].tasks
    with pytest.raises(UsageError):
        policyparse.parse_text(SEED.read_bytes())  # type: ignore[arg-type]


def test_bytes_with_a_format_are_a_document():
    doc = policyparse.parse(SEED.read_bytes(), format="txt", path="seed.txt")
    assert doc.title == policyparse.parse(SEED).title


def test_anything_else_is_a_usage_error():
    with pytest.raises(UsageError):
        policyparse.parse(42)  # type: ignore[arg-type]


def _script(tmp_path: Path, body: str) -> subprocess.CompletedProcess:
    script = tmp_path / "user_script.py"
    script.write_text(body, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    return subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=300,
                          cwd=tmp_path, env=env, check=False)


def test_a_script_without_a_main_guard_is_told_to_add_one_and_parse_fn_is_not_blamed(tmp_path):
    folder = tmp_path / "archive"
    folder.mkdir()
    (folder / "a.txt").write_bytes(SEED.read_bytes())
    r = _script(tmp_path, "import policyparse\n"
                          "recs = list(policyparse.parse_many('archive', workers=2))\n"
                          "print(len(recs))\n")
    assert r.returncode != 0
    assert "UsageError" in r.stderr and 'if __name__ == "__main__":' in r.stderr
    assert "parse_fn" not in r.stderr.splitlines()[-1]


def test_the_same_script_with_a_main_guard_parses_in_worker_processes(tmp_path):
    folder = tmp_path / "archive"
    folder.mkdir()
    (folder / "a.txt").write_bytes(SEED.read_bytes())
    r = _script(tmp_path, "import policyparse\n"
                          "if __name__ == '__main__':\n"
                          "    recs = list(policyparse.parse_many('archive', workers=2))\n"
                          "    print(len(recs), recs[0]['ok'])\n")
    assert r.returncode == 0, r.stderr[-2000:]
    assert r.stdout.split() == ["1", "True"]
