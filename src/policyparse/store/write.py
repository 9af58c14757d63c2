"""Write one parsed source, one failed source, or a prune into an open store transaction.

Input: a SQLAlchemy connection inside a write transaction (:class:`policyparse.store.db.Store`
opens it and retries it) and the rows of :func:`policyparse.store.rows.document_rows` or an error
record. Output: the outcome of that source, ``added`` | ``replaced`` | ``unchanged`` | ``failed``,
or the number of sources pruned. The write contract (one transaction per source, one document
per key, copies as ``document_sources`` rows) is stated in :mod:`policyparse.store.db`.
"""

from __future__ import annotations

import hashlib
import os
import zipfile
from typing import Any

from sqlalchemy import Connection, delete, insert, select

from .schema import (
    CHILD_TABLES,
    document_sources,
    documents,
    load_errors,
    repeal_issuers,
    repeals,
    task_units,
    tasks,
)

__all__ = ["escaped", "prune", "sha_of", "write_document", "write_error"]


def escaped(x: Any) -> Any:
    """``x`` with every lone surrogate (a byte of a file name that is not UTF-8) written as the text
    ``\\udcXX``: databases store UTF-8 only; the batch file keeps the exact name."""
    if isinstance(x, str):
        return x.encode("utf-8", "backslashreplace").decode("utf-8") if any("\ud800" <= c <= "\udfff" for c in x) else x
    if isinstance(x, dict):
        return {k: escaped(v) for k, v in x.items()}
    if isinstance(x, list):
        return [escaped(v) for v in x]
    return x


def _insert_fn(conn: Connection) -> Any:
    """The dialect's ``insert`` (both have ``on_conflict_do_update``)."""
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert


def _upsert(conn: Connection, table: Any, values: dict[str, Any], key: str) -> int:
    stmt = _insert_fn(conn)(table).values(**values)
    stmt = stmt.on_conflict_do_update(index_elements=[key],
                                      set_={c: stmt.excluded[c] for c in values if c != key})
    return conn.execute(stmt.returning(table.c.id)).scalar_one()


def _delete_document(conn: Connection, doc_id: int) -> None:
    for t in CHILD_TABLES:
        conn.execute(delete(t).where(t.c.document_id == doc_id))
    conn.execute(delete(document_sources).where(document_sources.c.document_id == doc_id))
    conn.execute(delete(documents).where(documents.c.id == doc_id))


def _drop_source(conn: Connection, path: str) -> None:
    """Remove the source at ``path``; its document goes too when the findings were read from it
    (its other copies, if any, are then read again by the next load) or no copy is left."""
    row = conn.execute(select(document_sources.c.document_id).where(document_sources.c.path == path)).first()
    if row is None:
        return
    conn.execute(delete(document_sources).where(document_sources.c.path == path))
    doc = conn.execute(select(documents.c.path).where(documents.c.id == row.document_id)).first()
    left = conn.execute(select(document_sources.c.id).where(document_sources.c.document_id == row.document_id)
                        .limit(1)).first()
    if doc is not None and (doc.path == path or left is None):
        _delete_document(conn, row.document_id)


def _insert_with_ids(conn: Connection, table: Any, rows: list[dict[str, Any]]) -> list[int]:
    if not rows:
        return []
    res = conn.execute(insert(table).returning(table.c.id, sort_by_parameter_order=True), rows)
    return [r[0] for r in res]


def _insert_children(conn: Connection, doc_id: int, rows: dict[str, Any]) -> None:
    def plain(name: str) -> list[dict[str, Any]]:
        return [{**r, "document_id": doc_id} for r in rows[name]]

    by_name = {t.name: t for t in CHILD_TABLES}
    for name in ("document_titles", "document_issuers", "cited_documents", "targets", "annex_tables"):
        if rows[name]:
            conn.execute(insert(by_name[name]), plain(name))
    task_ids = _insert_with_ids(conn, tasks, plain("tasks"))
    units = [{**{k: v for k, v in r.items() if k != "_parent"}, "task_row_id": task_ids[r["_parent"]]}
             for r in plain("task_units")]
    if units:
        conn.execute(insert(task_units), units)
    repeal_ids = _insert_with_ids(conn, repeals, plain("repeals"))
    issuers = [{**{k: v for k, v in r.items() if k != "_parent"}, "repeal_id": repeal_ids[r["_parent"]]}
               for r in plain("repeal_issuers")]
    if issuers:
        conn.execute(insert(repeal_issuers), issuers)


def _source_row(d: dict[str, Any]) -> dict[str, Any]:
    return {k: d[k] for k in ("path", "sha256", "format", "schema_version", "parser_version")}


def _key_for(conn: Connection, d: dict[str, Any]) -> tuple[str, Any]:
    """The key the document gets in this store and the stored row holding it (``None`` if new):
    its own key when free or held by a copy (same title), else the first free ``#n`` variant."""
    base, n = d["doc_key"], 1
    while True:
        key = base if n == 1 else f"{base}#{n}"
        row = conn.execute(select(documents.c.id, documents.c.path, documents.c.title_key)
                           .where(documents.c.doc_key == key)).first()
        if row is None or row.title_key == d["title_key"]:
            return key, row
        n += 1


def write_document(conn: Connection, rows: dict[str, Any]) -> str:
    d = dict(rows["documents"])
    path = d["path"]
    prev = conn.execute(select(document_sources.c.sha256, document_sources.c.schema_version,
                               document_sources.c.parser_version, document_sources.c.document_id)
                        .where(document_sources.c.path == path)).first()
    if prev is not None and tuple(prev)[:3] == (d["sha256"], d["schema_version"], d["parser_version"]):
        return "unchanged"
    conn.execute(delete(load_errors).where(load_errors.c.path == path))
    key, held = _key_for(conn, d)
    if prev is not None and (held is None or held.id != prev.document_id):  # it became another document
        _drop_source(conn, path)
        key, held = _key_for(conn, d)
    d["doc_key"] = key
    if held is None or path <= held.path:  # the copy the findings are read from
        doc_id = _upsert(conn, documents, d, "doc_key")
        for t in CHILD_TABLES:  # the previous copy's findings, or a concurrent writer's
            conn.execute(delete(t).where(t.c.document_id == doc_id))
        _insert_children(conn, doc_id, rows)
    else:
        doc_id = held.id
    _upsert(conn, document_sources, {**_source_row(d), "document_id": doc_id}, "path")
    return "replaced" if prev is not None else "added"


def write_error(conn: Connection, err: dict[str, Any]) -> str:
    _drop_source(conn, err["path"])
    old = conn.execute(select(load_errors.c.sha256, load_errors.c.error, load_errors.c.code, load_errors.c.message)
                       .where(load_errors.c.path == err["path"])).first()
    if old is None or tuple(old) != (err["sha256"], err["error"], err["code"], err["message"]):
        _upsert(conn, load_errors, err, "path")
    return "failed"


def prune(conn: Connection) -> int:
    """Remove every source whose file (or zip member) is gone, and the error rows of such paths."""
    n = 0
    for (path,) in conn.execute(select(document_sources.c.path).order_by(document_sources.c.path)).all():
        if sha_of(path) is None:
            _drop_source(conn, path)
            n += 1
    for (path,) in conn.execute(select(load_errors.c.path).order_by(load_errors.c.path)).all():
        if sha_of(path) is None and not os.path.exists(path.partition("!")[0]):
            conn.execute(delete(load_errors).where(load_errors.c.path == path))
            n += 1
    return n


def sha_of(path: str) -> str | None:
    """SHA-256 of a file's or zip member's bytes (``archive.zip!member``); ``None`` when unreadable."""
    archive, sep, member = path.partition("!")
    try:
        if sep and archive.lower().endswith(".zip"):
            with zipfile.ZipFile(archive) as z:
                return hashlib.sha256(z.read(member)).hexdigest()
        h = hashlib.sha256()
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                h.update(block)
        return h.hexdigest()
    except (OSError, KeyError, zipfile.BadZipFile):
        return None
