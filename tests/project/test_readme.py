"""Every Python and shell block of README.md and of the reference pages in docs/ runs as written.

Each block runs in a fresh folder that holds what the README says it works on: ``notice.pdf``
(the seed as PDF), ``notice.txt`` (the seed as text) and ``archive/`` (the seed and the 2001 and
2024 法规规章备案 regulations, one repealing the other). Python blocks run as scripts (so that
their main guards and worker processes work as in a user's script); shell blocks run in bash
with ``policyparse`` and ``python`` on the PATH meaning this interpreter and these sources.

Two blocks are not run here, for the stated reasons:

* the install block (``bash scripts/setup.sh && …``) builds a new .venv and runs this whole
  suite: it is what the fresh-clone check does (``scripts/fresh_clone_check.sh``);
* the PostgreSQL block starts and stops a server: it runs only when ``POLICYPARSE_TEST_PG_URL``
  is set (PostgreSQL is there), in a folder of its own (``POLICYPARSE_PG_DIR``), so that it never
  touches the server the URL names.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import DEV, FIXTURES, ROOT, SEED

README = ROOT / "README.md"
PAGES = [README, *sorted((ROOT / "docs").glob("*.md"))]  # the README first, then the reference pages
BLOCKS = [
    (m.group(1), m.group(2))
    for page in PAGES
    for m in re.finditer(r"```(python|bash)\n(.*?)```", page.read_text(encoding="utf-8"), re.S)
]


def _kind(lang: str, code: str) -> str:
    if "scripts/setup.sh" in code:
        return "install"
    if "pg_for_tests.sh" in code:
        return "postgresql"
    return lang


def test_the_readme_has_the_blocks_this_test_runs():
    kinds = [_kind(lang, code) for lang, code in BLOCKS]
    assert kinds.count("python") >= 4 and kinds.count("bash") >= 1
    assert kinds.count("install") == 1 and kinds.count("postgresql") == 1


def _anchor(heading: str) -> str:
    """GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def test_the_readme_contents_list_every_section_and_every_link_resolves():
    text = README.read_text(encoding="utf-8")
    prose = re.sub(r"```.*?```", "", text, flags=re.S)
    sections = [h for h in re.findall(r"^## (.+)$", prose, flags=re.M) if h != "Contents"]
    contents = prose.split("## Contents", 1)[1].split("\n## ", 1)[0]
    listed = re.findall(r"^- \[(.+?)\]\(#(.+?)\)$", contents, flags=re.M)
    assert [h for h, _ in listed] == sections, "the README's Contents must list its ## sections in order"
    assert all(a == _anchor(h) for h, a in listed)
    for target in re.findall(r"\]\((docs/[^)#]+)", prose):
        assert (ROOT / target).is_file(), f"the README links to {target}, which does not exist"


@pytest.fixture
def workdir(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    work = tmp_path / "work"
    (work / "archive").mkdir(parents=True)
    shutil.copy(FIXTURES / "seed.pdf", work / "notice.pdf")
    shutil.copy(SEED, work / "notice.txt")
    shutil.copy(SEED, work / "archive" / "hunan_2021_seed.txt")
    for name in ("019_fagui_guizhang_beian_shencha_tiaoli_2024.txt", "020_fagui_guizhang_beian_tiaoli_2001.txt"):
        shutil.copy(DEV / name, work / "archive" / name)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name, target in (("policyparse", f'"{sys.executable}" -m policyparse'), ("python", f'"{sys.executable}"')):
        shim = bin_dir / name
        shim.write_text(f'#!/usr/bin/env bash\nexec {target} "$@"\n', encoding="utf-8")
        shim.chmod(0o755)
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
           "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    return work, env


def _run(cmd: list[str], cwd: Path, env: dict[str, str]) -> None:
    r = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=900, check=False)
    assert r.returncode == 0, f"exit {r.returncode}\n--- stdout\n{r.stdout[-3000:]}\n--- stderr\n{r.stderr[-3000:]}"


@pytest.mark.parametrize(("lang", "code"), BLOCKS, ids=[f"{i}-{_kind(*b)}" for i, b in enumerate(BLOCKS)])
def test_the_block_runs_as_written(lang, code, workdir, tmp_path):
    work, env = workdir
    kind = _kind(lang, code)
    if kind == "install":
        pytest.skip("builds a new .venv and runs the whole suite: the fresh-clone check (scripts/fresh_clone_check.sh) runs it")
    if kind == "postgresql":
        if not os.environ.get("POLICYPARSE_TEST_PG_URL"):
            pytest.skip("starts a PostgreSQL server: runs when POLICYPARSE_TEST_PG_URL is set")
        env = {**env, "POLICYPARSE_PG_DIR": str(tmp_path / "pg")}
        script = tmp_path / "block.sh"
        script.write_text("set -euo pipefail\n" + code.replace(".venv/bin/python", "python"), encoding="utf-8")
        _run(["bash", str(script)], ROOT, env)
        return
    if lang == "python":
        script = work / "readme_block.py"
        script.write_text(code, encoding="utf-8")
        _run([sys.executable, str(script)], work, env)
    else:
        script = tmp_path / "block.sh"
        script.write_text("set -euo pipefail\n" + code, encoding="utf-8")
        _run(["bash", str(script)], work, env)
