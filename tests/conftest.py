"""Shared paths and parsed documents for the test suite.

Tests depend on the copies in ``corpora/`` (shipped with the repository); files only in
``../shared`` are skipped with a reason when that folder is absent.
"""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT / "corpora"
SEED = CORPORA / "seed" / "000_f2a56335dda66f79.txt"
DEV = CORPORA / "dev"
GOLD = CORPORA / "gold"
FIXTURES = CORPORA / "fixtures"
SHARED = ROOT.parent / "shared"

# an extractor's internal error fails the test run instead of becoming a warning on the document
os.environ.setdefault("POLICYPARSE_STRICT", "1")


@cache
def parsed(path: str):
    from policyparse.pipeline import parse

    return parse(Path(path))


@cache
def gold(stem: str) -> dict:
    return json.loads((GOLD / f"{stem}.facts.json").read_text(encoding="utf-8"))


def dev_files() -> list[Path]:
    return sorted(DEV.glob("*.txt"))


def shared_or_skip(rel: str) -> Path:
    p = SHARED / rel
    if not p.exists():
        pytest.skip(f"{p} is not present (the ../shared reference folder is absent)")
    return p


@pytest.fixture(scope="session")
def seed_doc():
    return parsed(str(SEED))


def fullwidth(text: str) -> str:
    """The seed with its half-width punctuation turned into the full-width a real document uses."""
    table = {"(": "（", ")": "）", ",": "，", ":": "：", ";": "；"}
    out = []
    for i, ch in enumerate(text):
        if ch in (",", ":") and 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit():
            out.append(ch)
        else:
            out.append(table.get(ch, ch))
    return "".join(out)


# ------------------------------------------------------------------ a headless browser for the page tests

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    missing = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not p.exists()]
    if missing:
        pytest.skip(f"no headless browser: {', '.join(missing)} missing (run scripts/install_system_deps.sh)")
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install selenium)")
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = str(CHROMIUM)
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--hide-scrollbars",
                 f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        opts.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=opts)
    try:
        yield driver
    finally:
        driver.quit()


# ------------------------------------------------------------------ flattened-table fixtures, written independently of the library

Grid = list[list[str | None]]


def bars(grid: Grid, title: str = "附件2\n测试分工表") -> str:
    """The grid written in the bar convention (``None`` = covered by the cell above), after ``title``."""
    from policyparse.normalize import fold

    lines = [title] if title else []
    for i, row in enumerate(grid):
        lines += [f"{cell} |" for cell in row if cell is not None]
        covered = sum(cell is None for cell in row)
        if covered and i < len(grid) - 1:
            lines.append("|" * covered)
    return fold("\n".join(lines) + "\n")


def filled(grid: Grid) -> list[list[str]]:
    """The grid with every covered cell holding the text of the cell above it."""
    out: list[list[str]] = []
    for row in grid:
        out.append([cell if cell is not None else out[-1][c] for c, cell in enumerate(row)])
    return out


def only_table(text: str):
    """The one table ``find_tables`` rebuilds from ``text`` (fails when there is not exactly one)."""
    from policyparse.extract.tables import find_tables

    tables, notes = find_tables(text, 0, len(text))
    assert len(tables) == 1, notes
    return tables[0]
