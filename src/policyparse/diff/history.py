"""A history's edges between two parsed documents carry what changed along them.

    >>> from policyparse.history import build_history
    >>> from policyparse.diff.history import annotate_history
    >>> h = build_history(docs)
    >>> diffs = annotate_history(h, docs)        # {(source, target, key): DocumentDiff}
    >>> h.graph.edges["doc:新", "doc:旧", "repeals@120"]["diff"]
    {'old': 'doc:旧', 'new': 'doc:新', 'unit_kind': 'article', 'unchanged': 40, 'amended': 12, ...}

Any edge whose two ends are parsed documents of ``docs`` is annotated when its kind is one of
:data:`EDGE_KINDS`: repeals today, and the edition edges (``amended_by``, ``revised_by`` …)
that link editions of one law. Which end is the older one is read from the nodes' dates (施行
date, else date); when they are equal or unknown, from the edge's kind: the source of a
``*_by`` edge is the older document, the source of any other kind (``repeals``) the newer.
The annotation is ``edge["diff"]``: the ids of the old and new nodes, the unit kind and the
counts of :class:`~policyparse.model.diff.DiffSummary`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..model import PolicyDocument
from ..model.diff import DocumentDiff
from .build import diff_documents

__all__ = ["EDGE_KINDS", "annotate_history", "edge_to_pair", "summary_of"]

EDGE_KINDS = ("repeals", "amended_by", "revised_by", "amends", "revises", "edition_of", "replaces", "replaced_by")


def edge_to_pair(graph: Any, source: str, target: str, kind: str) -> tuple[str, str]:
    """(older node, newer node) of an edge (see the module doc)."""
    def when(n: str) -> str | None:
        a = graph.nodes[n]
        return a.get("effective") or a.get("date")

    ws, wt = when(source), when(target)
    if ws and wt and ws != wt:
        return (source, target) if ws < wt else (target, source)
    return (source, target) if kind.endswith("_by") else (target, source)


def summary_of(d: DocumentDiff, old: str, new: str) -> dict[str, Any]:
    """The edge annotation: node ids, unit kind, and the diff's counts."""
    return {"old": old, "new": new, "unit_kind": d.unit_kind, **d.summary.model_dump()}


def _node_of_doc(graph: Any, docs: Iterable[PolicyDocument]) -> dict[str, PolicyDocument]:
    by_path: dict[str, str] = {}
    for n, a in graph.nodes(data=True):
        if a.get("kind") == "document":
            for p in [a.get("path"), *(a.get("copies") or [])]:
                if p:
                    by_path.setdefault(p, n)
    out: dict[str, PolicyDocument] = {}
    for d in docs:
        path = d.source.path if d.source else None
        n = by_path.get(path) if path else None
        if n is not None and n not in out:
            out[n] = d
    return out


def annotate_history(history: Any, docs: Iterable[PolicyDocument], *,
                     kinds: tuple[str, ...] = EDGE_KINDS) -> dict[tuple[str, str, str], DocumentDiff]:
    """Put ``diff`` on every edge of ``history`` (a :class:`~policyparse.history.History`) between
    two of ``docs``; return the diffs by edge (source, target, key), in sorted order.

    Documents are matched to nodes by their source path (``path`` and ``copies`` of the node).
    A pair of documents linked by several edges is diffed once.
    """
    g = history.graph
    nodes = _node_of_doc(g, docs)
    done: dict[tuple[str, str], DocumentDiff] = {}
    out: dict[tuple[str, str, str], DocumentDiff] = {}
    for u, v, k, data in sorted(g.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2])):
        if data.get("kind") not in kinds or u not in nodes or v not in nodes or u == v:
            continue
        old, new = edge_to_pair(g, u, v, data["kind"])
        if (old, new) not in done:
            done[(old, new)] = diff_documents(nodes[old], nodes[new])
        d = done[(old, new)]
        data["diff"] = summary_of(d, old, new)
        out[(u, v, k)] = d
    return out
