"""The package's layering: dependencies flow one way, and heavy libraries stay where they belong.

    cli -> batch -> pipeline -> io -> normalize -> structure -> extract;   every layer may import model;
    model imports only pydantic and the standard library.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parents[1] / "src" / "policyparse"

# what each layer must not import (relative to policyparse)
FORBIDDEN = {
    "vocabulary": {"io", "normalize", "structure", "extract", "serialize", "history", "nlp", "store", "pipeline", "batch", "cli", "report", "evaluate", "model"},
    "model": {"io", "normalize", "structure", "extract", "serialize", "history", "nlp", "store", "pipeline", "batch", "cli", "report", "evaluate"},
    "normalize": {"io", "structure", "extract", "history", "store", "pipeline", "batch", "cli"},
    "io": {"structure", "extract", "history", "store", "pipeline", "batch", "cli"},
    "structure": {"io", "extract", "history", "store", "pipeline", "batch", "cli"},
    "extract": {"io", "history", "store", "pipeline", "batch", "cli"},
    "history": {"io", "structure", "extract", "store", "batch", "cli"},
    "nlp": {"io", "structure", "extract", "history", "store", "batch", "cli"},
    # serialize reads history's doc_key (the one document identity) and nothing else of it
    "serialize": {"io", "structure", "extract", "store", "batch", "cli"},
}
THIRD_PARTY_HOME = {"docx": {"io"}, "pdfplumber": {"io"}, "pdfminer": {"io"}, "pypdfium2": {"io"}, "sqlalchemy": {"store"}, "alembic": {"store"}}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out: set[str] = set()
    layer_parts = path.relative_to(PKG).parts
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0 and node.module:
                out.add(node.module)
            elif node.level:
                base = list(layer_parts[:-1])[: len(layer_parts) - node.level]
                mod = ".".join(["policyparse", *base, *(node.module.split(".") if node.module else [])])
                out.add(mod)
                if not node.module:
                    out |= {f"{mod}.{a.name}" for a in node.names}
    return out


def _layer(path: Path) -> str:
    rel = path.relative_to(PKG)
    return rel.parts[0] if len(rel.parts) > 1 else rel.stem


FILES = sorted(p for p in PKG.rglob("*.py") if "migrations" not in p.parts)


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(PKG)))
def test_each_module_imports_only_what_its_layer_may(path):
    layer = _layer(path)
    bad = set()
    for mod in _imports(path):
        parts = mod.split(".")
        if parts[0] == "policyparse" and len(parts) > 1 and parts[1] in FORBIDDEN.get(layer, set()):
            bad.add(mod)
        home = THIRD_PARTY_HOME.get(parts[0])
        if home is not None and layer not in home:
            bad.add(mod)
    assert not bad, f"{path.relative_to(PKG)} ({layer}) imports {sorted(bad)}"


def _module_level_imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            out.add(node.module)
    return out


def test_the_model_imports_only_pydantic_and_the_standard_library():
    import sys

    lazy = {"pandas"}  # Table.to_pandas() imports pandas inside the method, never at import time
    for path in (PKG / "model").glob("*.py"):
        for mod in _imports(path):
            top = mod.split(".")[0]
            assert top in ("pydantic", "policyparse", "__future__") or top in sys.stdlib_module_names or (
                top in lazy and mod not in _module_level_imports(path)), (path.name, mod)


def test_no_module_passes_600_lines_without_saying_why():
    long = {str(p.relative_to(PKG)): n for p in FILES if (n := len(p.read_text(encoding="utf-8").splitlines())) > 700}
    assert not long, long
