"""Every document of corpora/ that a reader takes parses to the JSON committed in corpora/golden/.

This is the behaviour-unchanged guard: a refactor that should not change output must leave every
golden file as it is. ``python tests/corpus/test_golden_corpus.py`` rewrites them; do that only for a
deliberate change of output, and state its reason in the commit.

What the golden files hold: the document's JSON (:func:`policyparse.serialize.json.to_dict`) with
``source.path`` relative to the repository root (so the files do not depend on where the checkout
lives) and ``text`` replaced by ``text_sha256`` and ``text_chars`` (the text is the input file's
own content, already in corpora/; every span into it is kept). A file the parser refuses holds the
error's stable ``code`` instead. One golden per input: ``corpora/golden/<path under corpora>.json``.

Covered: ``.txt``, ``.html``, ``.docx``, ``.pdf`` and ``.ofd`` everywhere under corpora/, except
the archive tarball (its 1,510 texts are scored by ``tests/corpus/test_archive.py``) and the golden
folder itself. ``.doc``/``.wps`` go through LibreOffice, whose output depends on its version:
they are compared only where LibreOffice is installed and their golden file was written with it.

History of the PDF golden files (they were corpora/golden_pdf/ before this test covered every
format): written by the pdfplumber reader; regenerated once when the reader moved to pdfium, for one
stated reason: pdfium leaves space glyphs at the end of a text object out of its character list,
so a space glyph between CJK characters no longer reaches the text (seed.pdf: 陈 飞 → 陈飞 in 4
annex cells' raw; Putuo: TOC lines and 4 paragraphs); every other value was unchanged. Later
regenerations added new fields only (events, effective.basis, standing_assignments, units[].verb
and basis).
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORPORA = ROOT / "corpora"
GOLDEN = CORPORA / "golden"
READ = {".txt", ".html", ".docx", ".pdf", ".ofd"}
LEGACY = {".doc", ".wps"}  # read through LibreOffice when it is installed


def _inputs(suffixes: set[str]) -> list[Path]:
    return sorted(
        p for p in CORPORA.rglob("*")
        if p.is_file() and p.suffix.lower() in suffixes and GOLDEN not in p.parents
    )


DOCS = _inputs(READ)
LEGACY_DOCS = _inputs(LEGACY)


def _libreoffice() -> str | None:
    from policyparse.io.convert import find_converter

    return find_converter()


def document_json(path: Path) -> dict[str, Any]:
    """The golden form of one document's parse (see the module docstring)."""
    from policyparse.errors import PolicyParseError
    from policyparse.pipeline import parse
    from policyparse.serialize.json import to_dict

    try:
        d = to_dict(parse(path))
    except PolicyParseError as exc:
        return {"error": exc.code}
    d["source"]["path"] = path.relative_to(ROOT).as_posix()
    text = d.pop("text")
    d["text_sha256"] = hashlib.sha256(text.encode("utf-8")).hexdigest()
    d["text_chars"] = len(text)
    return d


def golden_path(path: Path) -> Path:
    return GOLDEN / f"{path.relative_to(CORPORA).as_posix()}.json"


def _id(path: Path) -> str:
    return path.relative_to(CORPORA).as_posix()


def test_every_corpora_document_has_a_golden_file_and_no_golden_file_is_stale() -> None:
    assert len(DOCS) > 100, "corpora/ lost its documents"
    want = {golden_path(p) for p in DOCS}
    have = set(GOLDEN.rglob("*.json"))
    legacy = {golden_path(p) for p in LEGACY_DOCS}
    assert not want - have, sorted(str(p.relative_to(GOLDEN)) for p in want - have)
    assert not have - want - legacy, sorted(str(p.relative_to(GOLDEN)) for p in have - want - legacy)


@pytest.mark.parametrize("path", DOCS, ids=_id)
def test_each_corpora_document_gives_its_golden_json(path: Path) -> None:
    golden = golden_path(path)
    assert golden.exists(), f"no {golden.relative_to(ROOT)}: a new document gets its golden by `python {__file__}`"
    want = json.loads(golden.read_text(encoding="utf-8"))
    assert document_json(path) == want


@pytest.mark.parametrize("path", LEGACY_DOCS, ids=_id)
def test_each_legacy_corpora_document_gives_its_golden_json_where_libreoffice_is_installed(path: Path) -> None:
    if _libreoffice() is None:
        pytest.skip("LibreOffice is not installed: .doc/.wps are not read here")
    if not golden_path(path).exists():
        pytest.skip("no golden file written with LibreOffice for this file (run this module as a script)")
    want = json.loads(golden_path(path).read_text(encoding="utf-8"))
    assert document_json(path) == want


def _write() -> None:  # pragma: no cover - run by hand
    from policyparse.serialize.json import dumps

    paths = DOCS + (LEGACY_DOCS if _libreoffice() else [])
    for path in paths:
        out = golden_path(path)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(dumps(document_json(path)) + "\n", encoding="utf-8")
        print("wrote", out.relative_to(ROOT))


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    _write()
