"""Flat views for analysts: one record per (task, unit, role), and one per table cell, as dicts,
DataFrames or CSV.

Every record says where it comes from: ``source`` (the file it was read from) and ``doc_key``
(the document's identity, :func:`policyparse.history.doc_key`), so records of many files can be
concatenated and still told apart. CSV cells that a spreadsheet would run as a formula (text
starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return) get a leading ``'`` unless
``raw=True``; ``excel=True`` starts the text with a UTF-8 byte-order mark so that Excel reads
the Chinese text right.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from ..model import PolicyDocument

TASK_COLUMNS = ("source", "doc_key", "doc_title", "doc_number", "part", "task_id", "form", "outline_path", "title",
                "unit", "canonical", "role", "verb", "basis", "is_lead", "lead_basis", "non_exhaustive", "deadline", "assignment_text",
                "span_start", "span_end")
TABLE_COLUMNS = ("source", "doc_key", "part", "annex_label", "annex_title", "table_pos", "row", "col", "column",
                 "text")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"


def _identity(doc: PolicyDocument) -> dict[str, Any]:
    from ..history.keys import doc_key  # the one key function (imported on use: history pulls in networkx)

    return {"source": doc.source.path if doc.source is not None else None, "doc_key": doc_key(doc)}


def task_records(doc: PolicyDocument) -> list[dict[str, Any]]:
    """One plain record per unit of every task of ``doc`` and its enclosed documents, in document order.

    A task without units still gives one record (unit empty), so no task is lost from the table.
    ``part`` is the position in :meth:`PolicyDocument.walk` (0 = the document itself);
    ``outline_path`` the task's place in the outline (``二(一)``).
    """
    ident = _identity(doc)
    out: list[dict[str, Any]] = []
    for part, d in enumerate(doc.walk()):
        title = d.title or doc.title
        number = dn.normalized if (dn := d.doc_number or doc.doc_number) else None
        for t in d.tasks:
            base = {**ident, "part": part, "doc_title": title, "doc_number": number, "task_id": t.id, "form": t.form,
                    "outline_path": t.path,
                    "title": t.title, "lead_basis": t.lead_basis, "non_exhaustive": t.non_exhaustive,
                    "deadline": t.deadline.date or t.deadline.text if t.deadline else None,
                    "assignment_text": t.assignment_text}
            if not t.units:
                out.append({**base, "unit": None, "canonical": None, "role": None, "verb": None, "basis": None, "is_lead": False,
                            "span_start": t.span.start, "span_end": t.span.end})
            for u in t.units:
                out.append({**base, "unit": u.name, "canonical": u.canonical, "role": u.role, "verb": u.verb,
                            "basis": u.basis, "is_lead": u.name in t.lead_units, "span_start": u.span.start, "span_end": u.span.end})
    return [{k: r[k] for k in TASK_COLUMNS} for r in out]


def task_frame(doc: PolicyDocument):
    """The records as a pandas DataFrame (``pip install pandas``)."""
    return _frame(task_records(doc), TASK_COLUMNS)


def table_records(doc: PolicyDocument) -> list[dict[str, Any]]:
    """One record per filled position of every annex table of ``doc`` and its enclosed documents
    (header rows left out; ``column`` is the header name, ``row`` counts data rows from 0)."""
    ident = _identity(doc)
    out: list[dict[str, Any]] = []
    for part, d in enumerate(doc.walk()):
        for a in d.annexes:
            for pos, t in enumerate(a.tables):
                names = list(t.header) + [f"col{i + 1}" for i in range(len(t.header), t.n_cols)]
                for r, row in enumerate(t.rows):
                    for c, value in enumerate(row):
                        out.append({**ident, "part": part, "annex_label": a.label, "annex_title": a.title,
                                    "table_pos": pos, "row": r, "col": c,
                                    "column": names[c] if c < len(names) else f"col{c + 1}", "text": value})
    return out


def tables_frame(doc: PolicyDocument):
    """Every annex table of ``doc`` as one long DataFrame (:func:`table_records`); one table
    as a frame of its own is :meth:`policyparse.model.Table.to_pandas`."""
    return _frame(table_records(doc), TABLE_COLUMNS)


def _frame(records: list[dict[str, Any]], columns: tuple[str, ...]):
    try:
        import pandas as pd
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("DataFrames need pandas: pip install 'policyparse[pandas]'") from exc
    return pd.DataFrame(records, columns=list(columns))


def safe_cell(value: Any) -> Any:
    """``value`` with a leading ``'`` when a spreadsheet would take it for a formula."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def records_to_csv(records: list[dict[str, Any]], columns: tuple[str, ...] = TASK_COLUMNS, *,
                   excel: bool = False, raw: bool = False) -> str:
    """CSV of ``records`` (see the module doc for ``excel`` and ``raw``)."""
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=list(columns), lineterminator="\n")
    w.writeheader()
    for r in records:
        w.writerow({k: "" if r.get(k) is None else (r[k] if raw else safe_cell(r[k])) for k in columns})
    return (BOM if excel else "") + buf.getvalue()


def tasks_to_csv(doc: PolicyDocument, *, excel: bool = False, raw: bool = False) -> str:
    return records_to_csv(task_records(doc), excel=excel, raw=raw)
