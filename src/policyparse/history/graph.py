"""Many documents -> a supersession history (a networkx ``MultiDiGraph``).

Nodes
    One node per parsed document (``kind='document'``) and one per referenced document that
    resolves to none of them (``kind='candidate'``). Ids are stable and readable:
    ``doc:<发文字号>`` (normalized, e.g. ``doc:湘办发〔2020〕7号``), else ``doc:<title>@<date>``
    (title normalized, ``@<date>`` only when known), else ``doc:sha256:<content hash>``
    (:func:`doc_key`; the path is only a locator); candidates
    are ``ref:<发文字号>`` or ``ref:<title>``. A second parsed document with an id already
    taken gets ``#2``, ``#3`` … and a ``duplicate_document`` conflict.

Edges (repealer/citer -> referenced document)
    ``kind='repeals'`` (from ``Repeal``), ``'suspends'`` (from ``Suspension``), ``'cites'``
    (from ``PolicyDocument.cited_documents``). Each edge carries ``verb``/``role``, ``date``
    (when it takes effect: the repeal's own ``effective_date``, else the repealer's 施行
    date, else its date) and ``evidence`` = ``{path, span: [start, end], text}``. Repeals and
    suspensions stated inside enclosed documents belong to the archived (root) document.
    Blanket repeals have no target: they are counted on the node (``blanket_repeals``).

Editions (statute texts with header events, ``PolicyDocument.events``)
    Each edition is its own node: a text whose header records an amendment or revision has
    ``@<edition date>`` after its 发文字号 in its id (:func:`doc_key`), so the 2019 edition of a
    regulation published by 国务院令第337号 is not a copy of the 2002 one. The editions of one
    title (same normalized title, issuers not contradicting) are sorted by their edition date and
    linked oldest -> newest by an ``amended_by`` or ``revised_by`` edge (after the newer edition's
    latest event: 修正 -> amended_by, otherwise revised_by) that carries the ``event`` and its
    ``evidence``; the edge's ``date`` is when the newer edition takes effect. Editions whose
    order cannot be told (no date, two with one date) are not linked and are listed by
    :meth:`History.undecided`. Two copies of one edition (same id and title) stay copies.

Resolution of a reference (never a wrong link)
    1. by 发文字号: the parsed document whose normalized number equals the reference's
       (``原``/``中华人民共和国`` prefixes and ``国令``/``国务院令`` spellings compared alike);
    2. else by normalized title (《》, spaces and widths removed; a document's enclosed titles
       count as its aliases), among documents whose number is unknown or equal, keeping only
       those whose date (within 60 days) and issuers (one containing the other) do not
       contradict the reference's. Exactly one left → link; several → a candidate node and an
       ``ambiguous_reference`` conflict; none → a candidate node.
    When the matches are editions of one title, the reference names the edition current at the
    referring document's date (the latest not dated after it).
    A reference never resolves to the document that makes it. A document that repeals the
    very document it re-publishes (穗府办规〔2025〕8号 repealing 〔2023〕1号 while re-issuing
    it) therefore gets an edge to the earlier edition (by number), never a self-loop, and
    stays in force itself; when only its own title would match, the reference becomes a
    candidate node and a ``self_reference`` conflict is reported.
"""

from __future__ import annotations

import datetime as _dt
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

import networkx as nx

from ..errors import UsageError
from ..model import EDITION_EVENT_KINDS, DocNumber, PolicyDocument
from .keys import EDITION_EDGES, PRIVATE_ATTRS, doc_key, issuers_agree, number_key, title_key

__all__ = ["History", "build_history", "number_key", "title_key"]

DATE_TOLERANCE_DAYS = 60


@dataclass
class _Ref:
    title: str | None
    number: str | None
    raw_number: str | None
    date: str | None
    issuers: list[str] = field(default_factory=list)


def _days_apart(a: str, b: str) -> int:
    try:
        return abs((_dt.date.fromisoformat(a) - _dt.date.fromisoformat(b)).days)
    except ValueError:
        return 0 if a == b else 10**6


def _iso(d: str | _dt.date) -> str:
    return d.isoformat() if isinstance(d, _dt.date) else str(d)


class History:
    """A supersession graph with its queries. ``graph`` is the networkx ``MultiDiGraph``."""

    def __init__(self, graph: nx.MultiDiGraph, build_conflicts: list[dict[str, Any]] | None = None,
                 skipped: list[dict[str, Any]] | None = None, undecided: list[dict[str, Any]] | None = None) -> None:
        self.graph = graph
        self._build_conflicts = list(build_conflicts or [])
        self.skipped = list(skipped or [])
        self._undecided = list(undecided or [])

    # ----------------------------------------------------------------------------- queries
    def _node(self, doc_id: str) -> dict[str, Any]:
        if doc_id not in self.graph:
            raise UsageError(f"no document {doc_id!r} in the history")
        return self.graph.nodes[doc_id]

    def documents(self) -> list[str]:
        """Ids of the parsed documents, sorted."""
        return sorted(n for n, a in self.graph.nodes(data=True) if a["kind"] == "document")

    def find(self, *, doc_number: str | None = None, title: str | None = None) -> str | None:
        """Id of the node with this number (or, failing that, this exact normalized title)."""
        nk, tk = number_key(doc_number), title_key(title)
        for n, a in sorted(self.graph.nodes(data=True)):
            if nk and a.get("number_key") == nk:
                return n
        for n, a in sorted(self.graph.nodes(data=True)):
            if tk and tk in a.get("title_keys", ()):
                return n
        return None

    def _edges(self, kinds: tuple[str, ...], *, into: str | None = None, out_of: str | None = None):
        if into is not None:
            it = self.graph.in_edges(into, keys=True, data=True)
        elif out_of is not None:
            it = self.graph.out_edges(out_of, keys=True, data=True)
        else:
            it = self.graph.edges(keys=True, data=True)
        return sorted((u, v, k, d) for u, v, k, d in it if d["kind"] in kinds)

    def in_force(self, doc_id: str, date: str | _dt.date) -> bool:
        """Whether ``doc_id`` is in force on ``date``.

        False when the document is not yet effective (its 施行 date, else its date, is after
        ``date``), when it has expired (``expires`` before ``date``), when a repeal of it
        takes effect on or before ``date``, or when its next edition has taken effect by then. A repeal whose date is unknown counts as in effect.
        Partial suspensions do not end a document. Unknown dates never make a document
        not-yet-effective or expired.
        """
        a = self._node(doc_id)
        d = _iso(date)
        start = a.get("effective") or a.get("date")
        if start and d < start:
            return False
        if a.get("expires") and d > a["expires"]:
            return False
        for _u, _v, _k, e in self._edges(("repeals",), into=doc_id):
            if e.get("date") is None or e["date"] <= d:
                return False
        for _u, _v, _k, e in self._edges(EDITION_EDGES, out_of=doc_id):
            if e.get("date") is None or e["date"] <= d:
                return False  # the next edition has taken effect
        return True

    def undecided(self) -> list[dict[str, Any]]:
        """Editions of one title whose order the texts do not tell (undated, or two on one date): not linked."""
        return list(self._undecided)

    def repealed_by(self, doc_id: str) -> list[str]:
        self._node(doc_id)
        return sorted({u for u, _v, _k, _d in self._edges(("repeals",), into=doc_id)})

    def cited_by(self, doc_id: str) -> list[str]:
        """Documents with a ``cites`` edge to ``doc_id`` (e.g. the documents implementing a plan)."""
        self._node(doc_id)
        return sorted({u for u, _v, _k, _d in self._edges(("cites",), into=doc_id)})

    def _sort_key(self, n: str) -> tuple[str, str]:
        a = self.graph.nodes[n]
        return (a.get("date") or a.get("effective") or "9999", n)

    def chain(self, doc_id: str) -> list[str]:
        """Predecessors (what it repeals and its earlier editions, transitively), the document,
        successors (what repeals it, its later editions).

        Ordered oldest first: along the repeal edges (a repealed document before its repealer),
        ties and branches by date then id. Cycles fall back to date order.
        """
        self._node(doc_id)
        rep = nx.DiGraph()
        rep.add_nodes_from(self.graph.nodes)
        for u, v, _k, _d in self._edges(("repeals",)):
            rep.add_edge(v, u)  # old -> new
        for u, v, _k, _d in self._edges(EDITION_EDGES):
            rep.add_edge(u, v)  # an edition -> the next one
        members = nx.ancestors(rep, doc_id) | {doc_id} | nx.descendants(rep, doc_id)
        sub = rep.subgraph(members)
        try:
            return list(nx.lexicographical_topological_sort(sub, key=self._sort_key))
        except nx.NetworkXUnfeasible:
            return sorted(members, key=self._sort_key)

    def unrepealed(self) -> list[str]:
        """Parsed documents that no parsed document repeals, sorted."""
        return [n for n in self.documents() if not self._edges(("repeals",), into=n)]

    def conflicts(self) -> list[dict[str, Any]]:
        """Two repealers of one document, repeals of later documents, cycles, and build findings."""
        out = list(self._build_conflicts)
        for n in sorted(self.graph.nodes):
            reps = sorted({u for u, _v, _k, _d in self._edges(("repeals",), into=n)})
            if len(reps) > 1:
                out.append({"kind": "multiple_repealers", "nodes": [n, *reps],
                            "message": f"{n} is repealed by {len(reps)} documents: {', '.join(reps)}"})
        for u, v, _k, _d in self._edges(("repeals",)):
            ud, vd = self.graph.nodes[u].get("date"), self.graph.nodes[v].get("date")
            if ud and vd and vd > ud:
                out.append({"kind": "repeal_of_later_document", "nodes": [u, v],
                            "message": f"{u} (dated {ud}) repeals {v}, dated later ({vd})"})
        rep = nx.DiGraph([(u, v) for u, v, _k, _d in self._edges(("repeals",))])
        for cyc in sorted(sorted(c) for c in nx.simple_cycles(rep)):
            out.append({"kind": "cycle", "nodes": cyc, "message": "repeal cycle: " + " -> ".join(cyc)})
        uniq = {json.dumps(c, ensure_ascii=False, sort_keys=True): c for c in out}
        return [uniq[k] for k in sorted(uniq)]

    # ----------------------------------------------------------------------------- exports
    def to_json(self) -> dict[str, Any]:
        """Nodes (sorted by id), edges (sorted by source, target, key), conflicts; deterministic."""
        nodes = []
        for n in sorted(self.graph.nodes):
            a = {k: v for k, v in self.graph.nodes[n].items() if k not in PRIVATE_ATTRS}
            nodes.append({"id": n, **a})
        edges = [{"source": u, "target": v, "key": k, **d} for u, v, k, d in self._edges(("repeals", "suspends", "cites", *EDITION_EDGES))]
        out: dict[str, Any] = {"schema": "policyparse.history/1", "nodes": nodes, "edges": edges,
                               "conflicts": self.conflicts(), "unrepealed": self.unrepealed()}
        if self._undecided:
            out["undecided"] = self._undecided
        if self.skipped:
            out["skipped"] = self.skipped
        return out

    def to_graphml(self, path: str | Path) -> None:
        """Write GraphML with typed attributes (:func:`policyparse.history.export.to_graphml`)."""
        Path(path).write_text(self.graphml_string(), encoding="utf-8")

    def graphml_string(self) -> str:
        from .export import to_graphml

        return to_graphml(self)

    def to_mermaid(self) -> str:
        """A top-down Mermaid flowchart (:func:`policyparse.history.export.to_mermaid`)."""
        from .export import to_mermaid

        return to_mermaid(self)


# --------------------------------------------------------------------------------- building


def _doc_effective(doc: PolicyDocument) -> tuple[str | None, str | None, str | None]:
    for d in doc.walk():
        if d.effective is not None:
            return d.effective.date, d.effective.expires, d.effective.provisional
    return None, None, None


def _edition_event(doc: PolicyDocument) -> dict[str, Any] | None:
    """The header event that made this edition (its latest adopted/approved/amended/revised/published one), as data."""
    made = [e for e in doc.events if e.date and e.kind in EDITION_EVENT_KINDS]
    if not made:
        return None
    ev = max(made, key=lambda e: e.date or "")
    return {"kind": ev.kind, "date": ev.date, "by": ev.by, "instrument": ev.instrument, "text": ev.text,
            "span": [ev.span.start, ev.span.end]}


def _evidence(doc: PolicyDocument, start: int, end: int) -> dict[str, Any]:
    text = doc.text[start:end] if doc.text else None
    return {"path": doc.source.path if doc.source else None, "span": [start, end], "text": text}


class _Builder:
    def __init__(self) -> None:
        self.g = nx.MultiDiGraph()
        self.conflicts: list[dict[str, Any]] = []
        self.by_number: dict[str, list[str]] = {}
        self.by_title: dict[str, list[str]] = {}
        self.cand_by_number: dict[str, str] = {}
        self.cand_by_title: dict[str, str] = {}
        self.editions: dict[str, list[str]] = {}  # node -> the editions of its title, oldest first

    def add_document(self, doc: PolicyDocument) -> str | None:
        """Add a parsed document; ``None`` when it is a copy of one already added (same id and title)."""
        base = doc_key(doc)
        path = doc.source.path if doc.source else None
        if base in self.g and self.g.nodes[base]["kind"] == "document" and self.g.nodes[base]["root_key"] == title_key(doc.title):
            self.g.nodes[base]["copies"].append(path)
            self.conflicts.append({"kind": "duplicate_document", "nodes": [base],
                                   "message": f"{path} is another copy of {base}; only the first is used"})
            return None
        nid, i = base, 1
        while nid in self.g:
            i += 1
            nid = f"{base}#{i}"
        if i > 1:
            self.conflicts.append({"kind": "duplicate_number", "nodes": [base, nid],
                                   "message": f"{nid} has the identity of {base} but another title"})
        eff, exp, prov = _doc_effective(doc)
        nk = number_key(doc.doc_number)
        tkeys = sorted({k for d in doc.walk() if (k := title_key(d.title))})
        self.g.add_node(nid, kind="document", title=doc.title, doc_number=doc.doc_number.normalized if doc.doc_number else None,
                        date=doc.date, effective=eff, expires=exp, provisional=prov,
                        issuers=[o.name for o in doc.issuers], path=path, copies=[],
                        blanket_repeals=sum(1 for d in doc.walk() for r in d.repeals if r.blanket),
                        number_key=nk, title_keys=tkeys, root_key=title_key(doc.title),
                        edition_event=_edition_event(doc))
        if nk:
            self.by_number.setdefault(nk, []).append(nid)
        for k in tkeys:
            self.by_title.setdefault(k, []).append(nid)
        return nid

    def link_editions(self) -> list[dict[str, Any]]:
        """Link the editions of each title oldest -> newest; returns the groups left undecided."""
        groups: dict[str, list[str]] = {}
        for n, a in self.g.nodes(data=True):
            if a["kind"] == "document" and a["root_key"]:
                groups.setdefault(a["root_key"], []).append(n)
        undecided = []
        for tk in sorted(groups):
            nodes = sorted(groups[tk])
            # a statute family: one of them prints header events (an edition printed bare joins them)
            if len(nodes) < 2 or all(self.g.nodes[n]["edition_event"] is None for n in nodes):
                continue
            issuers = [self.g.nodes[n]["issuers"] for n in nodes]
            if not all(issuers_agree(x, y) for x in issuers for y in issuers):
                continue  # one title, different issuing organs: not editions of one text
            # an edition is placed by its date, else (a text printed without its header) its 施行 date
            dates = [self.g.nodes[n]["date"] or self.g.nodes[n]["effective"] for n in nodes]
            if None in dates or len(set(dates)) < len(dates):
                undecided.append({"title": self.g.nodes[nodes[0]]["title"], "nodes": nodes, "dates": dates,
                                  "reason": "editions without a date or two on one date: their order is unknown"})
                continue
            order = [n for _d, n in sorted(zip(dates, nodes, strict=True))]
            for old, new in pairwise(order):
                a = self.g.nodes[new]
                ev = a["edition_event"]
                kind = "amended_by" if ev and ev["kind"] == "amended" else "revised_by"
                self.g.add_edge(old, new, key=f"{kind}@{new}", kind=kind, date=a["effective"] or a["date"],
                                title=a["title"], event=ev,
                                evidence={"path": a["path"], "span": ev["span"], "text": ev["text"]} if ev else None)
            for n in order:
                self.editions[n] = order
        return undecided

    def _current_edition(self, hits: list[str], src: str) -> str | None:
        """The one edition the hits name when they are all editions of one title: the latest not dated after ``src``."""
        chain = self.editions.get(hits[0])
        if chain is None or any(self.editions.get(h) is not chain for h in hits):
            return None
        when = self.g.nodes[src].get("date")
        ok = [h for h in chain if h in hits and (when is None or (self.g.nodes[h]["date"] or "") <= when)]
        return ok[-1] if ok else None

    def resolve(self, ref: _Ref, src: str, *, quiet_self: bool = False) -> str | None:
        """The node a reference from ``src`` names; ``None`` only for a quiet self-reference."""
        if ref.number and ref.number in self.by_number:
            hits = [n for n in self.by_number[ref.number] if n != src]
            if len(hits) == 1:
                return hits[0]
            if len(hits) > 1:
                return self._current_edition(hits, src) or self._ambiguous(ref, src, hits)
            return None if quiet_self else self._self_ref(ref, src)
        tk = title_key(ref.title)
        if tk and tk in self.by_title:
            pool = self.by_title[tk]
            hits = []
            for n in pool:
                a = self.g.nodes[n]
                if ref.number and a["number_key"] and a["number_key"] != ref.number:
                    continue  # same title, another number: a different document
                dates = [x for x in (a["date"], a["effective"]) if x]
                if ref.date and dates and min(_days_apart(ref.date, x) for x in dates) > DATE_TOLERANCE_DAYS:
                    continue
                if not issuers_agree(ref.issuers, a["issuers"]):
                    continue
                hits.append(n)
            others = [n for n in hits if n != src]
            if len(others) == 1:
                return others[0]
            if len(others) > 1:
                return self._current_edition(others, src) or self._ambiguous(ref, src, others)
            if src in hits:
                return None if quiet_self else self._self_ref(ref, src)
        return self._candidate(ref)

    def _ambiguous(self, ref: _Ref, src: str, hits: list[str]) -> str:
        cid = self._candidate(ref)
        self.conflicts.append({"kind": "ambiguous_reference", "nodes": [src, *sorted(hits)],
                               "message": f"{src} names {ref.title or ref.raw_number!r}, which matches {len(hits)} documents"})
        return cid

    def _self_ref(self, ref: _Ref, src: str) -> str:
        cid = self._candidate(ref)
        self.conflicts.append({"kind": "self_reference", "nodes": [src, cid],
                               "message": f"{src} names itself ({ref.title or ref.raw_number!r}); kept as a separate earlier edition"})
        return cid

    def _candidate(self, ref: _Ref) -> str:
        tk = title_key(ref.title)
        if ref.number and ref.number in self.cand_by_number:
            return self.cand_by_number[ref.number]
        if not ref.number and tk and tk in self.cand_by_title:
            return self.cand_by_title[tk]
        cid = f"ref:{ref.number}" if ref.number else f"ref:{tk or '?'}"
        if cid not in self.g:
            self.g.add_node(cid, kind="candidate", title=ref.title, doc_number=ref.raw_number, date=ref.date,
                            effective=None, expires=None, provisional=None, issuers=list(ref.issuers), path=None, copies=[],
                            blanket_repeals=0, number_key=ref.number, title_keys=[tk] if tk else [], root_key=tk,
                            edition_event=None)
        if ref.number:
            self.cand_by_number[ref.number] = cid
        if tk and tk not in self.cand_by_title:
            self.cand_by_title[tk] = cid
        return cid


def _ref(title: str | None, dn: DocNumber | None, date: str | None = None, issuers: list[str] | None = None) -> _Ref:
    return _Ref(title=title, number=number_key(dn), raw_number=dn.normalized if dn else None, date=date,
                issuers=list(issuers or []))


def build_history(docs: Iterable[PolicyDocument], *, skipped: list[dict[str, Any]] | None = None) -> History:
    """Build the history of ``docs`` (see the module doc for nodes, edges and resolution).

    The result does not depend on the order of ``docs``: documents are identified first,
    sorted by (id, source path), and references are resolved in that order.
    """
    b = _Builder()
    placed = sorted(((doc_key(d), d.source.path if d.source and d.source.path else "", i, d) for i, d in enumerate(docs)),
                    key=lambda x: (x[0], x[1], x[2]))
    ids = [(b.add_document(d), d) for _k, _p, _i, d in placed]
    undecided = b.link_editions()
    for nid, doc in ids:
        if nid is None:
            continue
        a = b.g.nodes[nid]
        default_date = a["effective"] or a["date"]
        for d in doc.walk():
            for r in d.repeals:
                if r.blanket:
                    continue
                tgt = b.resolve(_ref(r.title, r.doc_number, r.date, r.issuers), nid)
                assert tgt is not None and tgt != nid
                b.g.add_edge(nid, tgt, key=f"repeals@{r.span.start}", kind="repeals", verb=r.verb,
                             date=r.effective_date or default_date, title=r.title,
                             doc_number=r.doc_number.normalized if r.doc_number else None,
                             evidence=_evidence(doc, r.span.start, r.span.end))
            for s in d.suspensions:
                tgt = b.resolve(_ref(s.title, s.doc_number), nid)
                assert tgt is not None and tgt != nid
                b.g.add_edge(nid, tgt, key=f"suspends@{s.span.start}", kind="suspends", verb=s.verb,
                             provision=s.provision, date=default_date, title=s.title,
                             doc_number=s.doc_number.normalized if s.doc_number else None,
                             evidence=_evidence(doc, s.span.start, s.span.end))
            for c in d.cited_documents:
                tgt = b.resolve(_ref(c.title, c.doc_number), nid, quiet_self=True)
                if tgt is None:
                    continue  # a transmittal notice naming its own enclosed document
                b.g.add_edge(nid, tgt, key=f"cites@{c.span.start}", kind="cites", role=c.role, date=a["date"],
                             title=c.title, doc_number=c.doc_number.normalized if c.doc_number else None,
                             evidence=_evidence(doc, c.span.start, c.span.end))
    return History(b.g, b.conflicts, skipped, undecided)
