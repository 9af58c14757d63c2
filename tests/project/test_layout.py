"""The package's layering: dependencies flow one way, and heavy libraries stay where they belong.

    cli -> batch -> pipeline -> io -> normalize -> structure -> extract;   every layer may import model;
    model imports only pydantic and the standard library.

The import graph is built from the AST of every module: every ``import``/``from … import`` the module
can execute, at module level or inside a function (a lazy import is still an arrow), except those
under ``if TYPE_CHECKING:`` (never executed). On that graph: no cycle between modules, no import of a
higher layer (``RANK``), and no module importing its own package's ``__init__`` (a package's
``__init__`` may import its modules, so the arrow back is a loop waiting to happen). There are no
deliberate exceptions; add one to ``LAZY_EXCEPTIONS`` only with its reason.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parents[2] / "src" / "policyparse"

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


# --------------------------------------------------------------------------- the module import graph

#: the layers, lowest first: a module may import its own layer and the layers of a lower rank only.
#: Peers of one rank never import each other. A new top-level module or folder must be given a rank.
RANK = {
    "errors": 0, "vocabulary": 0, "model": 0, "caches": 0,
    "_settings": 1, "budget": 1,
    "normalize": 2,
    "io": 3, "nlp": 3,
    "structure": 4,
    "extract": 5,
    "settings": 6,  # the one Settings object: holds io's ReadLimits and extract's TableSettings
    "pipeline": 7,
    "history": 8, "report": 8, "storage": 8,
    "serialize": 9, "diff": 9, "evaluate": 9, "batch_inputs": 9, "batch_output": 9, "batch_dask": 9,
    "batch_pool": 9,
    "batch": 10,
    "__init__": 11,  # the public API: parse, parse_many, the errors, the model
    "store": 12,  # writes what batch parses; records the package version
    "spacy_component": 13, "cli": 13,
    "__main__": 14,
}
#: (importer, imported) pairs allowed to close a cycle, each with its reason. Keep it empty.
LAZY_EXCEPTIONS: dict[tuple[str, str], str] = {}

MODULES = {
    ".".join(["policyparse", *p.relative_to(PKG).with_suffix("").parts]).removesuffix(".__init__"): p
    for p in FILES
}


def _runtime_nodes(tree: ast.Module) -> Iterator[ast.stmt]:
    """Every statement that can run, skipping the bodies of ``if TYPE_CHECKING:``."""
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and isinstance(child.test, ast.Name) and child.test.id == "TYPE_CHECKING":
                stack.extend(child.orelse)
                continue
            if isinstance(child, (ast.Import, ast.ImportFrom)):
                yield child
            stack.append(child)


def _target(name: str) -> str | None:
    """The package module an imported dotted name lives in (the longest prefix that is a module)."""
    parts = name.split(".")
    while parts:
        if (mod := ".".join(parts)) in MODULES:
            return mod
        parts.pop()
    return None


def import_graph() -> dict[str, set[str]]:
    """Module -> the package modules it imports (``from . import x`` names the submodule x when it is one)."""
    graph: dict[str, set[str]] = {}
    for mod, path in MODULES.items():
        package = mod.split(".") if path.name == "__init__.py" else mod.split(".")[:-1]
        out: set[str] = set()
        for node in _runtime_nodes(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            else:
                base = node.module or ""
                if node.level:
                    base = ".".join(package[: len(package) - node.level + 1] + ([node.module] if node.module else []))
                names = [f"{base}.{a.name}" for a in node.names]
            out |= {t for n in names if (t := _target(n)) is not None and t != mod}
        graph[mod] = out
    return graph


def _layer_of(mod: str) -> str:
    parts = mod.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of ``graph`` as a path ``[a, b, …, a]``, or None (iterative depth-first search)."""
    state: dict[str, int] = {}  # 1 on the current path, 2 done
    for root in sorted(graph):
        if root in state:
            continue
        path = [root]
        its = [iter(sorted(graph[root]))]
        state[root] = 1
        while its:
            nxt = next(its[-1], None)
            if nxt is None:
                state[path.pop()] = 2
                its.pop()
            elif state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            elif nxt not in state:
                state[nxt] = 1
                path.append(nxt)
                its.append(iter(sorted(graph.get(nxt, ()))))
    return None


def test_the_cycle_finder_finds_a_cycle_and_passes_a_tree():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b", "c"}, "b": {"c"}, "c": set()}) is None


def test_the_graph_sees_lazy_imports_and_ignores_type_checking_ones():
    graph = import_graph()
    assert "policyparse.io.pdf" in graph["policyparse.io"]  # imported inside _dispatch
    assert "policyparse.history.export" in graph["policyparse.history.graph"]  # inside History.to_mermaid
    assert "policyparse.history.graph" not in graph["policyparse.history.export"]  # under TYPE_CHECKING only


def test_the_package_has_no_import_cycle():
    graph = import_graph()
    for (a, b) in LAZY_EXCEPTIONS:
        graph[a].discard(b)
    assert find_cycle(graph) is None, " -> ".join(find_cycle(graph) or [])


def test_every_layer_has_a_rank():
    assert {_layer_of(m) for m in MODULES} <= set(RANK), sorted({_layer_of(m) for m in MODULES} - set(RANK))


def test_no_module_imports_a_higher_or_peer_layer():
    upward = sorted(
        f"{a} -> {b}" for a, targets in import_graph().items() for b in targets
        if _layer_of(a) != _layer_of(b) and RANK[_layer_of(b)] >= RANK[_layer_of(a)]
    )
    assert not upward, upward


def test_no_module_imports_its_own_package():
    back = sorted(
        f"{a} -> {b}" for a, targets in import_graph().items() for b in targets
        if b != "policyparse" and a.startswith(b + ".")
    )
    assert not back, back
