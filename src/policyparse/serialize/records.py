"""Flat views for analysts: one record per (task, unit, role), as dicts, a DataFrame or CSV."""

from __future__ import annotations

import csv
import io
from typing import Any

from ..model import PolicyDocument

TASK_COLUMNS = ("doc_title", "doc_number", "task_id", "form", "path", "title", "unit", "canonical", "role", "is_lead",
                "lead_basis", "non_exhaustive", "deadline", "assignment_text", "span_start", "span_end")


def task_records(doc: PolicyDocument) -> list[dict[str, Any]]:
    """One plain record per unit of every task of ``doc`` and its enclosed documents, in document order.

    A task without units still gives one record (unit empty), so no task is lost from the table.
    """
    out: list[dict[str, Any]] = []
    for d in doc.walk():
        title = d.title or doc.title
        number = (d.doc_number or doc.doc_number).normalized if (d.doc_number or doc.doc_number) else None
        for t in d.tasks:
            base = {"doc_title": title, "doc_number": number, "task_id": t.id, "form": t.form, "path": t.path,
                    "title": t.title, "lead_basis": t.lead_basis, "non_exhaustive": t.non_exhaustive,
                    "deadline": t.deadline.date or t.deadline.text if t.deadline else None,
                    "assignment_text": t.assignment_text}
            if not t.units:
                out.append({**base, "unit": None, "canonical": None, "role": None, "is_lead": False,
                            "span_start": t.span.start, "span_end": t.span.end})
            for u in t.units:
                out.append({**base, "unit": u.name, "canonical": u.canonical, "role": u.role,
                            "is_lead": u.name in t.lead_units, "span_start": u.span.start, "span_end": u.span.end})
    return [{k: r[k] for k in TASK_COLUMNS} for r in out]


def task_frame(doc: PolicyDocument):
    """The records as a pandas DataFrame (``pip install pandas``)."""
    try:
        import pandas as pd
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("task_frame() needs pandas: pip install 'policyparse[pandas]'") from exc
    return pd.DataFrame(task_records(doc), columns=list(TASK_COLUMNS))


def records_to_csv(records: list[dict[str, Any]], columns: tuple[str, ...] = TASK_COLUMNS) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=list(columns), lineterminator="\n")
    w.writeheader()
    for r in records:
        w.writerow({k: "" if r.get(k) is None else r[k] for k in columns})
    return buf.getvalue()


def tasks_to_csv(doc: PolicyDocument) -> str:
    return records_to_csv(task_records(doc))
