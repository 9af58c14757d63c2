"""The history queries, answered from a store's tables and views (no re-parsing).

Every function takes an open SQLAlchemy ``Connection``; :class:`policyparse.store.Store` wraps
them. Document keys are the history node ids (:func:`policyparse.history.doc_key`:
``doc:<发文字号>``, ``doc:<title>@<date>``, ``doc:sha256:<hash>``; unresolved references ``ref:<发文字号>`` / ``ref:<title>``); where a key is
expected, a bare 发文字号 or title is accepted too (:func:`resolve_key`).

The answers follow :class:`policyparse.history.History`:

* in force on D: valid_from (施行 date, else date) <= D, expires (last day, when stated) >= D,
  and no repeal of it taking effect on or before D (a repeal with no known date counts as in
  effect from the start: ``repealed_from = '0001-01-01'``); partial suspensions end nothing;
* a chain: the transitive predecessors (what it repeals), the document and its successors
  (what repeals it), oldest first along the repeal edges, ties by date then key.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

import networkx as nx
from sqlalchemy import Connection, bindparam, func, select, text

from ..errors import UsageError
from ..history import History, build_history, number_key, title_key
from ..model import PolicyDocument
from .schema import TABLES, document_titles, documents, load_errors

__all__ = ["IN_FORCE_SQL", "chain", "counts", "document", "history", "in_force", "iso_date",
           "is_in_force", "repeal_edges", "resolve_key", "tasks_led_by", "unrepealed"]

#: the documented in-force query (``:d`` is an ISO date)
IN_FORCE_SQL = """
SELECT doc_key FROM v_in_force
WHERE (valid_from IS NULL OR valid_from <= :d)
  AND (expires IS NULL OR expires >= :d)
  AND (repealed_from IS NULL OR repealed_from > :d)
ORDER BY doc_key
"""

TASKS_BY_UNIT_SQL = """
SELECT doc_key, document_title, doc_number, part, task_id, outline_path, task_title, task_text,
       unit, canonical, role, source_path, task_row_id
FROM v_tasks_by_unit
WHERE (unit = :u OR canonical = :u) AND role IN :roles
"""


def iso_date(date: str | _dt.date) -> str:
    """``date`` as an ISO string; UsageError when it is not one."""
    d = date.isoformat() if isinstance(date, _dt.date) else str(date)
    try:
        _dt.date.fromisoformat(d)
    except ValueError as exc:
        raise UsageError(f"not an ISO date (YYYY-MM-DD): {d!r}") from exc
    return d


def _known(conn: Connection, key: str) -> bool:
    if conn.execute(select(documents.c.id).where(documents.c.doc_key == key).limit(1)).first():
        return True
    return bool(conn.execute(text("SELECT 1 FROM v_repeal_edges WHERE target_key = :k"), {"k": key}).first())


def resolve_key(conn: Connection, ref: str) -> str:
    """``ref`` as a stored key: a ``doc:``/``ref:`` key as is (checked), else by 发文字号, else by title."""
    if ref.startswith(("doc:", "ref:")):
        if not _known(conn, ref):
            raise UsageError(f"no document {ref!r} in the store")
        return ref
    nk = number_key(ref)
    if nk:
        hit = conn.execute(select(func.min(documents.c.doc_key)).where(documents.c.number_key == nk)).scalar()
        if hit:
            return hit
    tk = title_key(ref)
    if tk:
        hit = conn.execute(select(func.min(documents.c.doc_key)).select_from(
            documents.join(document_titles, document_titles.c.document_id == documents.c.id))
            .where(document_titles.c.title_key == tk)).scalar()
        if hit:
            return hit
    raise UsageError(f"no document {ref!r} in the store (give a doc: key, a 发文字号 or a title)")


def in_force(conn: Connection, date: str | _dt.date) -> list[str]:
    """Keys of the stored documents in force on ``date``, sorted."""
    return sorted(r[0] for r in conn.execute(text(IN_FORCE_SQL), {"d": iso_date(date)}))


def is_in_force(conn: Connection, doc: str, date: str | _dt.date) -> bool:
    """Whether the document (or unresolved reference) ``doc`` is in force on ``date``."""
    key, d = resolve_key(conn, doc), iso_date(date)
    row = conn.execute(text("SELECT valid_from, expires, repealed_from FROM v_in_force WHERE doc_key = :k"),
                       {"k": key}).first()
    if row is None:
        rep = conn.execute(text("SELECT MIN(COALESCE(date, '0001-01-01')) FROM v_repeal_edges "
                                "WHERE kind = 'repeals' AND target_key = :k"), {"k": key}).scalar()
        return rep is None or rep > d
    start, expires, repealed = row
    return not ((start and d < start) or (expires and d > expires) or (repealed and repealed <= d))


def unrepealed(conn: Connection) -> list[str]:
    """Stored documents that no stored document repeals, sorted."""
    return sorted(r[0] for r in conn.execute(text("SELECT doc_key FROM v_in_force WHERE n_repealers = 0")))


def repeal_edges(conn: Connection, doc: str | None = None) -> list[dict[str, Any]]:
    """Rows of ``v_repeal_edges`` (all, or those into or out of ``doc``), ordered by source, span."""
    sql = "SELECT * FROM v_repeal_edges"
    params: dict[str, Any] = {}
    if doc is not None:
        sql += " WHERE source_key = :k OR target_key = :k"
        params["k"] = resolve_key(conn, doc)
    rows = [dict(r._mapping) for r in conn.execute(text(sql), params)]
    return sorted(rows, key=lambda r: (r["source_key"], r["source_path"], r["part"], r["span_start"], r["repeal_id"]))


def chain(conn: Connection, doc: str) -> list[str]:
    """Predecessors, ``doc`` and successors along repeal edges, oldest first (see the module doc)."""
    key = resolve_key(conn, doc)
    members = {key} | {r[0] for r in conn.execute(
        text("SELECT related_key FROM v_repeal_chain WHERE doc_key = :k"), {"k": key})}
    g = nx.DiGraph()
    g.add_nodes_from(members)
    for src, tgt in conn.execute(text("SELECT DISTINCT source_key, target_key FROM v_repeal_edges "
                                      "WHERE kind = 'repeals'")):
        if src in members and tgt in members:
            g.add_edge(tgt, src)  # old -> new
    dates: dict[str, str] = {}
    for k, d in conn.execute(text("SELECT candidate_key, MIN(ref_date) FROM repeals WHERE kind = 'repeal' "
                                  "GROUP BY candidate_key")):
        if k in members and d:
            dates[k] = d
    for k, d in conn.execute(select(documents.c.doc_key, func.min(func.coalesce(documents.c.date,
                                                                                 documents.c.effective_date)))
                             .group_by(documents.c.doc_key)):
        if k in members and d:
            dates[k] = d

    def order(n: str) -> tuple[str, str]:
        return (dates.get(n, "9999"), n)

    try:
        return list(nx.lexicographical_topological_sort(g, key=order))
    except nx.NetworkXUnfeasible:
        return sorted(members, key=order)


def tasks_led_by(conn: Connection, unit: str, *, roles: tuple[str, ...] = ("lead",)) -> list[dict[str, Any]]:
    """Tasks in which ``unit`` (as written or canonical) has one of ``roles``, in document order."""
    stmt = text(TASKS_BY_UNIT_SQL).bindparams(bindparam("roles", expanding=True))
    rows = [dict(r._mapping) for r in conn.execute(stmt, {"u": unit, "roles": list(roles)})]
    rows.sort(key=lambda r: (r["doc_key"], r["source_path"], r["part"], r.pop("task_row_id")))
    return rows


def document(conn: Connection, doc: str) -> PolicyDocument:
    key = resolve_key(conn, doc)
    raw = conn.execute(select(documents.c.doc_json).where(documents.c.doc_key == key)
                       .order_by(documents.c.path).limit(1)).scalar()
    if raw is None:
        raise UsageError(f"{key!r} is a reference, not a stored document")
    return PolicyDocument.model_validate(raw)


def history(conn: Connection) -> History:
    """:func:`build_history` over every stored document; load errors become ``History.skipped``."""
    docs = [PolicyDocument.model_validate(r[0])
            for r in conn.execute(select(documents.c.doc_json).order_by(documents.c.path))]
    skipped = [dict(r._mapping) for r in conn.execute(
        select(load_errors.c.path, load_errors.c.error, load_errors.c.code, load_errors.c.message)
        .order_by(load_errors.c.path))]
    return build_history(docs, skipped=skipped)


def counts(conn: Connection) -> dict[str, int]:
    return {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one() for t in TABLES}
