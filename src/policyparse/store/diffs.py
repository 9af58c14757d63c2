"""Diffs between stored documents: computed from the stored JSON (no re-parse), kept in
``edition_diffs`` / ``unit_changes``, and answered by SQL.

A stored diff is *current* while both of its paths still hold the bytes it was computed from
(``documents.sha256``); the reads return current diffs only, so a replaced source never answers
with a stale diff.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, delete, insert, select, text

from ..errors import UsageError
from ..model import PolicyDocument
from ..model.diff import DocumentDiff
from .queries import resolve_key
from .schema import documents, edition_diffs, unit_changes

__all__ = ["annotate_from_store", "changed_units", "diff_rows", "edition_diff_rows", "stored_document", "write_diff"]

_CURRENT = """
FROM edition_diffs e
JOIN documents o ON o.path = e.old_path AND o.sha256 = e.old_sha256
JOIN documents n ON n.path = e.new_path AND n.sha256 = e.new_sha256
"""


def _is_path(conn: Connection, doc: str) -> bool:
    return conn.execute(select(documents.c.id).where(documents.c.path == doc)).first() is not None


def _side(conn: Connection, doc: str, prefix: str) -> tuple[str, str]:
    """SQL condition and value selecting one side of a diff: by source path when ``doc`` is a
    stored path (editions of one law may share their key), else by document key."""
    if _is_path(conn, doc):
        return f"e.{prefix}_path = :{prefix}", doc
    return f"e.{prefix}_key = :{prefix}", resolve_key(conn, doc)


def stored_document(conn: Connection, doc: str) -> tuple[str, str, str, PolicyDocument]:
    """(doc_key, path, sha256, document) of the stored document ``doc``: a stored source path, or a
    key, 发文字号 or title (the first such document by path)."""
    q = select(documents.c.doc_key, documents.c.path, documents.c.sha256, documents.c.doc_json)
    if _is_path(conn, doc):
        row = conn.execute(q.where(documents.c.path == doc)).first()
    else:
        key = resolve_key(conn, doc)
        row = conn.execute(q.where(documents.c.doc_key == key).order_by(documents.c.path).limit(1)).first()
        if row is None:
            raise UsageError(f"{key!r} is a reference, not a stored document")
    assert row is not None
    raw = row[3]
    doc_obj = PolicyDocument.model_validate_json(raw) if isinstance(raw, str) else PolicyDocument.model_validate(raw)
    return row[0], row[1], row[2], doc_obj


def diff_rows(d: DocumentDiff) -> list[dict[str, Any]]:
    """One ``unit_changes`` row (without ``diff_id``) per change of ``d``, in the diff's order."""
    return [{"position": n, "kind": c.kind, "status": c.status, "moved": c.moved, "renumbered": c.renumbered,
             "old_label": c.old_label, "new_label": c.new_label, "similarity": c.similarity,
             "fields": "、".join(f.field for f in c.fields) or None}
            for n, c in enumerate(d.changes)]


def write_diff(conn: Connection, old: tuple[str, str, str], new: tuple[str, str, str], d: DocumentDiff,
               edge_kind: str | None) -> int:
    """Replace the stored diff of the pair of paths; ``old``/``new`` = (doc_key, path, sha256). Returns its id."""
    conn.execute(delete(edition_diffs).where(edition_diffs.c.old_path == old[1], edition_diffs.c.new_path == new[1]))
    s = d.summary
    diff_id = conn.execute(insert(edition_diffs).returning(edition_diffs.c.id).values(
        old_key=old[0], old_path=old[1], old_sha256=old[2], new_key=new[0], new_path=new[1], new_sha256=new[2],
        edge_kind=edge_kind, unit_kind=d.unit_kind, unchanged=s.unchanged, amended=s.amended, inserted=s.inserted,
        deleted=s.deleted, moved=s.moved, renumbered=s.renumbered, leads_changed=s.leads_changed,
        diff_json=d.model_dump(mode="json"))).scalar_one()
    rows = [{**r, "diff_id": diff_id} for r in diff_rows(d)]
    conn.execute(delete(unit_changes).where(unit_changes.c.diff_id == diff_id))  # SQLite without FK cascades
    if rows:
        conn.execute(insert(unit_changes), rows)
    return diff_id


def edition_diff_rows(conn: Connection, doc: str | None = None) -> list[dict[str, Any]]:
    """Summaries of the current stored diffs (all, or those with ``doc``, a key or a stored path, on either side)."""
    sql = ("SELECT e.id, e.old_key, e.new_key, e.old_path, e.new_path, e.edge_kind, e.unit_kind, e.unchanged, "
           "e.amended, e.inserted, e.deleted, e.moved, e.renumbered, e.leads_changed " + _CURRENT)
    params: dict[str, Any] = {}
    if doc is not None and _is_path(conn, doc):
        sql += " WHERE e.old_path = :k OR e.new_path = :k"
        params["k"] = doc
    elif doc is not None:
        sql += " WHERE e.old_key = :k OR e.new_key = :k"
        params["k"] = resolve_key(conn, doc)
    rows = [dict(r._mapping) for r in conn.execute(text(sql), params)]
    return sorted(rows, key=lambda r: (r["old_key"], r["new_key"], r["old_path"], r["new_path"]))


def changed_units(conn: Connection, old: str, new: str,
                  statuses: tuple[str, ...] = ("amended", "inserted", "deleted")) -> list[dict[str, Any]]:
    """Units of the current stored diff from ``old`` to ``new`` (source paths, or keys, 发文字号 or
    titles) whose status is one of ``statuses``, in the diff's order; ``[]`` when none is stored."""
    (o_cond, o_val), (n_cond, n_val) = _side(conn, old, "old"), _side(conn, new, "new")
    params: dict[str, Any] = {"old": o_val, "new": n_val}
    marks = ", ".join(f":s{i}" for i in range(len(statuses)))
    params.update({f"s{i}": s for i, s in enumerate(statuses)})
    sql = ("SELECT u.position, u.kind, u.status, u.moved, u.renumbered, u.old_label, u.new_label, u.similarity, "
           f"u.fields {_CURRENT} JOIN unit_changes u ON u.diff_id = e.id "
           f"WHERE {o_cond} AND {n_cond} AND u.status IN ({marks}) ORDER BY e.id, u.position")
    rows = [dict(r._mapping) for r in conn.execute(text(sql), params)]
    for r in rows:
        r["moved"], r["renumbered"] = bool(r["moved"]), bool(r["renumbered"])
    return rows


def annotate_from_store(conn: Connection, history: Any) -> int:
    """Put the stored diff summaries on the edges of ``history`` (built from this store) between the
    two documents a current stored diff was made from, in either direction (as
    :func:`policyparse.diff.history.annotate_history` does by computing them). Returns how many edges."""
    by_paths = {(r["old_path"], r["new_path"]): r for r in edition_diff_rows(conn)}
    if not by_paths:
        return 0
    g = history.graph
    paths = {n: a.get("path") for n, a in g.nodes(data=True) if a.get("kind") == "document"}
    n = 0
    for u, v, _k, data in g.edges(keys=True, data=True):
        for old, new in ((u, v), (v, u)):
            row = by_paths.get((paths.get(old), paths.get(new)))
            if row is not None:
                data["diff"] = {"old": old, "new": new, "unit_kind": row["unit_kind"],
                                **{c: row[c] for c in ("unchanged", "amended", "inserted", "deleted", "moved",
                                                       "renumbered", "leads_changed")}}
                n += 1
                break
    return n
