"""Every PDF of corpora/ parses to the JSON committed in corpora/golden_pdf/.

The golden files were written by the pdfplumber reader before the reader moved to pdfium
(``python tests/test_pdf_golden.py`` rewrites them; do that only for a change of output whose
reason the commit states). ``source.path`` is stored relative to the repository root so the
files do not depend on where the checkout lives.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "corpora" / "golden_pdf"
PDFS = sorted(p for p in (ROOT / "corpora").rglob("*.pdf"))


def document_json(path: Path) -> dict[str, Any]:
    from policyparse.pipeline import parse
    from policyparse.serialize.json import to_dict

    d = to_dict(parse(path))
    d["source"]["path"] = path.relative_to(ROOT).as_posix()
    return d


def golden_path(path: Path) -> Path:
    return GOLDEN / f"{path.stem}.json"


def test_every_corpora_pdf_has_a_golden_file() -> None:
    assert PDFS, "corpora/ holds no PDF"
    assert sorted(p.name for p in GOLDEN.glob("*.json")) == sorted(golden_path(p).name for p in PDFS)


@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.stem)
def test_each_corpora_pdf_gives_its_golden_json(path: Path) -> None:
    want = json.loads(golden_path(path).read_text(encoding="utf-8"))
    got = document_json(path)
    assert got == want


def _write() -> None:  # pragma: no cover - run by hand
    from policyparse.serialize.json import dumps

    GOLDEN.mkdir(exist_ok=True)
    for path in PDFS:
        golden_path(path).write_text(dumps(document_json(path)) + "\n", encoding="utf-8")
        print("wrote", golden_path(path).relative_to(ROOT))


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    _write()
