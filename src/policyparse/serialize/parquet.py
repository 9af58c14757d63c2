"""Batch records → Parquet tables an analyst can query with DuckDB, pandas or Spark.

Input: the records of a batch (``{"path", "ok", "document"}`` or error records, as
``policyparse batch`` writes them one per JSONL line) and, optionally, the edges of a history
(``History.to_json()["edges"]``). Output: one folder per table under ``out``:

==============  ==========================================================================
``documents``   one row per document (a notice and each document it 印发/转发 are rows of
                their own, linked by ``parent_id``)
``tasks``       one row per (task, unit, role); a task without units keeps one row
``cells``       one row per table cell (annex and body tables), with its spans and rule
``repeals``     one row per repealed document named by a repeal clause
``errors``      one row per input that could not be parsed
``edges``       one row per history edge (repeals, suspends, cites, editions)
==============  ==========================================================================

Layout: Hive partitions by the document's year (``year=2021``; ``year=__null__`` when the
document states none), files ``part-NNNNN.parquet`` of at most ``rows_per_file`` rows, so an
archive of a million documents is a set of bounded files that DuckDB prunes by year
(``read_parquet('out/tasks/*/*.parquet', hive_partitioning = true)``).

Contracts: ``doc_id`` is ``<sha256 of the source, 16 hex>#<position in doc.walk()>`` and joins
every table to ``documents``; ``doc_key`` is the caller's stable key when a ``key_fn`` is given.
Rows keep the input order and files are numbered in write order, so the same records give the
same files. Schemas are explicit (a column that is null in every row keeps its type).
pyarrow is imported lazily (``pip install 'policyparse[parquet]'``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

__all__ = ["TABLES", "document_rows", "edge_rows", "write_parquet"]

KeyFn = Callable[[dict[str, Any]], str | None]

_S, _I, _B, _LS = "string", "int64", "bool", "list<string>"
#: column name → Arrow type name, per table; the partition column ``year`` is added to each
TABLES: dict[str, dict[str, str]] = {
    "documents": {"doc_id": _S, "doc_key": _S, "parent_id": _S, "part": _I, "path": _S, "format": _S, "sha256": _S,
                  "doc_type": _S, "title": _S, "doc_number": _S, "issuer_code": _S, "issuers": _LS, "date": _S,
                  "effective_date": _S, "expires": _S, "n_tasks": _I, "n_tables": _I, "n_repeals": _I},
    "tasks": {"doc_id": _S, "doc_key": _S, "task_id": _S, "form": _S, "outline_path": _S, "title": _S, "unit": _S,
              "canonical": _S, "role": _S, "is_lead": _B, "lead_basis": _S, "deadline": _S, "span_start": _I,
              "span_end": _I},
    "cells": {"doc_id": _S, "doc_key": _S, "table_pos": _I, "annex_label": _S, "annex_title": _S, "row": _I,
              "col": _I, "row_span": _I, "col_span": _I, "header": _B, "text": _S, "span_rule": _S,
              "span_start": _I, "span_end": _I},
    "repeals": {"doc_id": _S, "doc_key": _S, "title": _S, "doc_number": _S, "verb": _S, "blanket": _B,
                "date": _S, "span_start": _I, "span_end": _I},
    "errors": {"path": _S, "error": _S, "code": _S, "message": _S},
    "edges": {"source": _S, "target": _S, "key": _S, "kind": _S, "role": _S, "verb": _S, "date": _S,
              "title": _S, "doc_number": _S, "evidence_path": _S, "span_start": _I, "span_end": _I},
}


def _year(doc: dict[str, Any]) -> int | None:
    for value in (doc.get("date"), (doc.get("effective") or {}).get("date")):
        if value and str(value)[:4].isdigit():
            return int(str(value)[:4])
    number = doc.get("doc_number") or {}
    return number.get("year")


def _span(item: dict[str, Any] | None) -> tuple[int | None, int | None]:
    span = (item or {}).get("span") or {}
    return span.get("start"), span.get("end")


def _walk(doc: dict[str, Any]) -> Iterator[tuple[dict[str, Any], dict[str, Any] | None]]:
    """``doc`` and its enclosed documents, depth first, each with its parent (as ``doc.walk()``)."""
    stack: list[tuple[dict[str, Any], dict[str, Any] | None]] = [(doc, None)]
    while stack:
        d, parent = stack.pop()
        yield d, parent
        stack.extend((child, d) for child in reversed(d.get("enclosed") or []))


def _tables(doc: dict[str, Any]) -> Iterator[tuple[dict[str, Any] | None, dict[str, Any]]]:
    for annex in doc.get("annexes") or []:
        for table in annex.get("tables") or []:
            yield annex, table
    for table in doc.get("tables") or []:  # body tables, where the model carries them
        yield None, table


def document_rows(record: dict[str, Any], *, key_fn: KeyFn | None = None) -> dict[str, list[dict[str, Any]]]:
    """The rows one batch record contributes to each table (``year`` set on every row but errors)."""
    out: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    if not record.get("ok"):
        out["errors"].append({k: record.get(k) for k in TABLES["errors"]})
        return out
    root = record["document"]
    source = root.get("source") or {}
    digest = (source.get("sha256") or "")[:16]
    ids: dict[int, str] = {}
    for part, (doc, parent) in enumerate(_walk(root)):
        doc_id = f"{digest}#{part}"
        ids[id(doc)] = doc_id
        key = key_fn(doc) if key_fn else None
        year = _year(doc) or _year(root)
        number = doc.get("doc_number") or {}
        tables = list(_tables(doc))
        out["documents"].append({
            "doc_id": doc_id, "doc_key": key, "parent_id": ids.get(id(parent)) if parent else None, "part": part,
            "path": record.get("path"), "format": source.get("format"), "sha256": source.get("sha256"),
            "doc_type": doc.get("doc_type"), "title": doc.get("title"), "doc_number": number.get("normalized"),
            "issuer_code": number.get("issuer_code"), "issuers": [o.get("name") for o in doc.get("issuers") or []],
            "date": doc.get("date"), "effective_date": (doc.get("effective") or {}).get("date"),
            "expires": (doc.get("effective") or {}).get("expires"), "n_tasks": len(doc.get("tasks") or []),
            "n_tables": len(tables), "n_repeals": len(doc.get("repeals") or []), "year": year,
        })  # fmt: skip
        base = {"doc_id": doc_id, "doc_key": key, "year": year}
        for task in doc.get("tasks") or []:
            deadline = task.get("deadline") or {}
            common = {**base, "task_id": task.get("id"), "form": task.get("form"), "outline_path": task.get("path"),
                      "title": task.get("title"), "lead_basis": task.get("lead_basis"),
                      "deadline": deadline.get("date") or deadline.get("text")}  # fmt: skip
            leads = set(task.get("lead_units") or [])
            units = task.get("units") or [None]
            for unit in units:
                start, end = _span(unit or task)
                out["tasks"].append({**common, "unit": unit and unit.get("name"),
                                     "canonical": unit and unit.get("canonical"), "role": unit and unit.get("role"),
                                     "is_lead": bool(unit and unit.get("name") in leads), "span_start": start,
                                     "span_end": end})  # fmt: skip
        for pos, (annex, table) in enumerate(tables):
            for cell in table.get("cells") or []:
                start, end = _span(cell)
                out["cells"].append({**base, "table_pos": pos, "annex_label": annex and annex.get("label"),
                                     "annex_title": annex and annex.get("title"), "row": cell.get("row"),
                                     "col": cell.get("col"), "row_span": cell.get("row_span"),
                                     "col_span": cell.get("col_span"), "header": bool(cell.get("header")),
                                     "text": cell.get("text"), "span_rule": cell.get("span_rule"),
                                     "span_start": start, "span_end": end})  # fmt: skip
        for repeal in doc.get("repeals") or []:
            start, end = _span(repeal)
            number = repeal.get("doc_number") or {}
            out["repeals"].append({**base, "title": repeal.get("title"),
                                   "doc_number": number.get("normalized") or number.get("raw"),
                                   "verb": repeal.get("verb"), "blanket": bool(repeal.get("blanket")),
                                   "date": repeal.get("date"), "span_start": start, "span_end": end})  # fmt: skip
    return out


def edge_rows(edges: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows of the ``edges`` table from ``History.to_json()["edges"]``."""
    rows = []
    for e in edges:
        evidence = e.get("evidence") or {}
        span = evidence.get("span") or [None, None]
        rows.append({"source": e.get("source"), "target": e.get("target"), "key": e.get("key"), "kind": e.get("kind"),
                     "role": e.get("role"), "verb": e.get("verb"), "date": e.get("date"), "title": e.get("title"),
                     "doc_number": e.get("doc_number") if isinstance(e.get("doc_number"), str) else None,
                     "evidence_path": evidence.get("path"), "span_start": span[0], "span_end": span[1]})  # fmt: skip
    return rows


class _Writer:
    """Buffers rows per (table, year) and writes ``part-NNNNN.parquet`` files of bounded size."""

    def __init__(self, out: Path, rows_per_file: int) -> None:
        import pyarrow as pa

        self.pa = pa
        self.out = out
        self.rows_per_file = rows_per_file
        self.buffers: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self.counts: dict[str, int] = {name: 0 for name in TABLES}
        self.parts: dict[tuple[str, str], int] = {}
        self.schemas = {name: pa.schema([(c, self._type(t)) for c, t in cols.items()]) for name, cols in TABLES.items()}

    def _type(self, name: str) -> Any:
        pa = self.pa
        return {"string": pa.string(), "int64": pa.int64(), "bool": pa.bool_(), "list<string>": pa.list_(pa.string())}[name]

    def add(self, table: str, row: dict[str, Any]) -> None:
        year = row.pop("year", None)
        part = "__null__" if year is None else str(year)
        key = (table, part)
        buf = self.buffers.setdefault(key, [])
        buf.append(row)
        self.counts[table] += 1
        if len(buf) >= self.rows_per_file:
            self._flush(key)

    def _flush(self, key: tuple[str, str]) -> None:
        import pyarrow.parquet as pq

        rows = self.buffers.pop(key, [])
        if not rows:
            return
        table, part = key
        schema = self.schemas[table]
        folder = self.out / table if table in ("errors", "edges") else self.out / table / f"year={part}"
        folder.mkdir(parents=True, exist_ok=True)
        n = self.parts.get(key, 0)
        self.parts[key] = n + 1
        columns = {name: [r.get(name) for r in rows] for name in schema.names}
        pq.write_table(self.pa.table(columns, schema=schema), folder / f"part-{n:05d}.parquet")

    def close(self) -> dict[str, int]:
        import pyarrow.parquet as pq

        for key in sorted(self.buffers):
            self._flush(key)
        for table, count in self.counts.items():  # an empty table is still a file with its schema
            if count == 0:
                folder = self.out / table if table in ("errors", "edges") else self.out / table / "year=__null__"
                folder.mkdir(parents=True, exist_ok=True)
                pq.write_table(self.schemas[table].empty_table(), folder / "part-00000.parquet")
        return dict(self.counts)


def write_parquet(records: Iterable[dict[str, Any]], out: str | Path, *, edges: Iterable[dict[str, Any]] = (),
                  key_fn: KeyFn | None = None, rows_per_file: int = 100_000) -> dict[str, int]:
    """Write the tables of ``records`` (and ``edges``) under ``out``; return the row count of each table.

    ``out`` must not hold Parquet files already (a second run into the same folder would mix
    part numbers): a :class:`~policyparse.errors.UsageError` says so.
    """
    from ..errors import UsageError

    try:
        import pyarrow  # noqa: F401
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise UsageError("Parquet output needs pyarrow", hint="pip install 'policyparse[parquet]'") from exc
    root = Path(out)
    if root.exists() and any(root.rglob("*.parquet")):
        raise UsageError(f"{root} already holds Parquet files; write into an empty folder")
    writer = _Writer(root, rows_per_file)
    for record in records:
        for table, rows in document_rows(record, key_fn=key_fn).items():
            for row in rows:
                writer.add(table, row)
    for row in edge_rows(edges):
        writer.add("edges", row)
    return writer.close()
