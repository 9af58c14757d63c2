"""A history as pictures and files people read: a filtered view, Mermaid and GraphML.

* :func:`select` keeps part of a history: one kind of relation (``only="repeals"``: repeals
  and partial suspensions; ``"cites"``: citations), the repeal chain of one document
  (``chain=KEY``: a key, 发文字号 or title) and/or the documents of one issuing organ
  (``issuer=NAME``, matched as the history matches issuers: one name containing the other)
  with what they point at. The result is a :class:`History` answering every query.
* :func:`to_mermaid`: a top-down flowchart with one edge per relation — a citation that only
  restates a repeal or suspension of the same document (role ``repealed``/``suspended``) is
  not drawn again — and labels in Chinese (废止, 停止执行, 依据 …; the clause's own verb when it
  has one), with a legend giving each label's English key. Titles are cut at 40 characters
  and every label is escaped for Mermaid (quotes, ``|``, ``<``, ``>``, ``#``).
* :func:`to_graphml`: GraphML whose attributes keep their types: numbers stay numbers,
  booleans booleans, lists and objects become JSON strings; an edge's evidence becomes
  ``evidence_path``, ``evidence_start``, ``evidence_end`` and ``evidence_text``.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import networkx as nx

from ..errors import UsageError
from .keys import EDITION_EDGES, PRIVATE_ATTRS, issuers_agree

if TYPE_CHECKING:
    from .graph import History

__all__ = ["EDGE_LABELS", "select", "to_graphml", "to_mermaid"]

#: the Chinese label of each relation (and citation role) drawn in Mermaid, with its English key
EDGE_LABELS = {"repeals": "废止", "suspends": "停止执行", "cites": "引用", "basis": "依据", "transmitted": "印发",
               "repealed": "废止", "suspended": "停止执行", "other": "引用", "amended_by": "修正为",
               "revised_by": "修订为"}
_KINDS = ("repeals", "suspends", "cites", *EDITION_EDGES)


def _edges(h: History) -> list[tuple[str, str, str, dict[str, Any]]]:
    return sorted((u, v, k, d) for u, v, k, d in h.graph.edges(keys=True, data=True) if d["kind"] in _KINDS)


def _subgraph(h: History, nodes: set[str], edges: list[tuple[str, str, str, dict[str, Any]]]) -> History:
    g = nx.MultiDiGraph()
    for n in sorted(nodes):
        g.add_node(n, **h.graph.nodes[n])
    for u, v, k, d in edges:
        g.add_edge(u, v, key=k, **d)
    conflicts = [c for c in h._build_conflicts if set(c.get("nodes", [])) <= nodes]
    return type(h)(g, conflicts, h.skipped)


def _key(h: History, ref: str) -> str:
    if ref in h.graph:
        return ref
    hit = h.find(doc_number=ref) or h.find(title=ref)
    if hit is None:
        raise UsageError(f"no document {ref!r} in the history (give a key such as doc:国务院令第337号, a 发文字号 or a title)")
    return hit


def select(h: History, *, only: str | None = None, chain: str | None = None, issuer: str | None = None) -> History:
    """The part of ``h`` the filters keep (see the module doc); no filter returns ``h``."""
    if only not in (None, "repeals", "cites"):
        raise UsageError(f"unknown relation {only!r} (repeals or cites)")
    if only is None and chain is None and issuer is None:
        return h
    edges = _edges(h)
    nodes = set(h.graph.nodes)
    if only is not None:
        kinds = ("repeals", "suspends") if only == "repeals" else ("cites",)
        edges = [e for e in edges if e[3]["kind"] in kinds]
        nodes = {n for u, v, _k, _d in edges for n in (u, v)}
    if chain is not None:
        members = set(h.chain(_key(h, chain)))
        nodes &= members
        edges = [e for e in edges if e[0] in members and e[1] in members]
        nodes |= members if only is None else set()
    if issuer is not None:
        own = {n for n, a in h.graph.nodes(data=True)
               if a["kind"] == "document" and a.get("issuers") and issuers_agree([issuer], a["issuers"])}
        edges = [e for e in edges if e[0] in own]
        nodes = (nodes & own) | {n for u, v, _k, _d in edges for n in (u, v)}
    return _subgraph(h, nodes, [e for e in edges if e[0] in nodes and e[1] in nodes])


def _mm(s: str, n: int) -> str:
    s = " ".join(s.split())
    s = s if len(s) <= n else s[: n - 1] + "…"
    for a, b in (("#", "#35;"), ('"', "#quot;"), ("|", "#124;"), ("<", "#lt;"), (">", "#gt;")):
        s = s.replace(a, b)
    return s


def _drawn(h: History) -> list[tuple[str, str, str, dict[str, Any]]]:
    edges = _edges(h)
    strong = {(u, v) for u, v, _k, d in edges if d["kind"] in ("repeals", "suspends")}
    return [e for e in edges if not (e[3]["kind"] == "cites" and e[3].get("role") in ("repealed", "suspended")
                                     and (e[0], e[1]) in strong)]


def to_mermaid(h: History) -> str:
    """The Mermaid flowchart of ``h`` (see the module doc)."""
    ids = {n: f"n{i + 1}" for i, n in enumerate(sorted(h.graph.nodes))}
    lines = ["flowchart TD"]
    for n in sorted(h.graph.nodes):
        a = h.graph.nodes[n]
        label = _mm(a.get("title") or n, 40)
        sub = " · ".join(x for x in (a.get("doc_number"), a.get("date")) if x)
        text = f"{label}<br/>{_mm(sub, 40)}" if sub else label
        lines.append(f'  {ids[n]}["{text}"]')
    used: set[str] = set()
    for u, v, _k, d in _drawn(h):
        key: str = d["role"] if d["kind"] == "cites" else d["kind"]  # every cites edge has a role
        used.add(key)
        word = d.get("verb") if d["kind"] != "cites" and d.get("verb") else EDGE_LABELS.get(key, EDGE_LABELS[d["kind"]])
        lab = _mm(" ".join(x for x in (word, d.get("date")) if x), 30)
        arrow = "-.->" if d["kind"] == "cites" else ("==>" if d["kind"] == "suspends" else "-->")
        lines.append(f'  {ids[u]} {arrow}|"{lab}"| {ids[v]}')
    cands = [ids[n] for n in sorted(h.graph.nodes) if h.graph.nodes[n]["kind"] == "candidate"]
    lines.append("  classDef candidate stroke-dasharray: 5 5,fill:#f8f8f8")
    if cands:
        lines.append(f"  class {','.join(cands)} candidate")
    if used:
        lines.append('  subgraph legend["图例 legend"]')
        for i, key in enumerate(sorted(used)):
            lines.append(f'    legend{i + 1}["{_mm(EDGE_LABELS.get(key, key), 20)} = {_mm(key, 20)}"]')
        lines.append("  end")
    return "\n".join(lines) + "\n"


def _typed(attrs: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in attrs.items():
        if k in PRIVATE_ATTRS or v is None:
            continue
        if k == "evidence" and isinstance(v, dict):
            span = v.get("span") or [None, None]
            extra = {"evidence_path": v.get("path"), "evidence_start": span[0], "evidence_end": span[1],
                     "evidence_text": v.get("text")}
            out.update({x: y for x, y in extra.items() if y is not None})
        elif isinstance(v, (list, tuple, dict)):
            out[k] = json.dumps(v, ensure_ascii=False, sort_keys=True)
        elif isinstance(v, (bool, int, float, str)):
            out[k] = v
        else:
            out[k] = str(v)
    return out


def to_graphml(h: History) -> str:
    """GraphML of ``h`` with typed attributes (see the module doc)."""
    g = nx.MultiDiGraph()
    for n in sorted(h.graph.nodes):
        g.add_node(n, **_typed(h.graph.nodes[n]))
    for u, v, k, d in _edges(h):
        g.add_edge(u, v, key=k, **_typed(d))
    return "\n".join(nx.generate_graphml(g)) + "\n"
