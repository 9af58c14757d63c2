"""PolicyDocument -> the rows the store keeps for it (pure functions, no database).

:func:`document_rows` is the whole mapping: ``{"documents": row, "document_titles": [...], ...}``.
Child rows carry no ``document_id`` (the writer adds it) and ``task_units`` / ``repeal_issuers``
rows carry ``_parent``, the index of their task / repeal row in its list, which the writer turns
into ``task_row_id`` / ``repeal_id`` once the parents have ids.

Keys follow :mod:`policyparse.history`: :func:`doc_key` is the node id ``build_history`` gives a
document (``doc:<number>``, ``doc:<title>@<date>``, ``doc:sha256:<hash>``; copies of one
document share it, and the store gives a different document with a taken key ``#2`` as the
history does);
:func:`candidate_key` is the id of an unresolved reference (``ref:<number>`` / ``ref:<title>``).
"""

from __future__ import annotations

import datetime as _dt
import os
from typing import Any

from ..history.keys import doc_key, number_key, organ_key, title_key
from ..model import DocNumber, PolicyDocument

__all__ = ["candidate_key", "date_ord", "doc_key", "document_rows", "organ_key", "source_key"]


def source_key(path: str | os.PathLike[str]) -> str:
    """The ``documents.path`` of a source: absolute, with a zip member kept after ``!``."""
    s = os.fspath(path)
    archive, sep, member = s.partition("!")
    if sep and archive.lower().endswith(".zip"):
        return os.path.abspath(archive) + "!" + member
    return os.path.abspath(s)


def date_ord(iso: str | None) -> int | None:
    """``date.toordinal()`` of an ISO date; ``None`` for no date or one that does not parse."""
    if not iso:
        return None
    try:
        return _dt.date.fromisoformat(iso).toordinal()
    except ValueError:
        return None


def candidate_key(title: str | None, dn: DocNumber | None) -> str:
    nk = number_key(dn)
    if nk:
        return f"ref:{nk}"
    return f"ref:{title_key(title) or '?'}"


def _effective(doc: PolicyDocument) -> tuple[str | None, str | None, str | None]:
    for d in doc.walk():
        if d.effective is not None:
            return d.effective.date, d.effective.expires, d.effective.provisional
    return None, None, None


def _number(dn: DocNumber | None) -> str | None:
    return dn.normalized if dn is not None else None


def document_rows(doc: PolicyDocument, *, path: str, sha256: str, parser_version: str,
                  doc_json: dict[str, Any] | None = None) -> dict[str, Any]:
    """Every row the store keeps for ``doc`` read from ``path`` (see the module doc)."""
    parts = list(doc.walk())
    eff, exp, prov = _effective(doc)
    dn = doc.doc_number
    out: dict[str, Any] = {
        "documents": {
            "path": path, "sha256": sha256, "doc_key": doc_key(doc),
            "format": doc.source.format if doc.source else None,
            "schema_version": doc.schema_version, "parser_version": parser_version,
            "doc_type": doc.doc_type, "title": doc.title, "title_key": title_key(doc.title),
            "doc_number": _number(dn), "number_key": number_key(dn),
            "issuer_code": dn.issuer_code if dn else None, "doc_year": dn.year if dn else None,
            "doc_serial": dn.serial if dn else None,
            "issuers": "、".join(o.name for o in doc.issuers) or None,
            "date": doc.date, "date_ord": date_ord(doc.date),
            "effective_date": eff, "effective_ord": date_ord(eff), "expires": exp, "provisional": prov,
            "n_parts": len(parts),
            "doc_json": doc_json if doc_json is not None else doc.model_dump(mode="json"),
        },
        "document_titles": [], "document_issuers": [], "tasks": [], "task_units": [], "repeals": [],
        "repeal_issuers": [], "cited_documents": [], "targets": [], "annex_tables": [],
    }
    seen_titles: set[str] = set()
    for part, d in enumerate(parts):
        tk = title_key(d.title)
        if d.title and tk and tk not in seen_titles:
            seen_titles.add(tk)
            out["document_titles"].append({"part": part, "title": d.title, "title_key": tk})
    for i, o in enumerate(doc.issuers, 1):
        out["document_issuers"].append({"position": i, "name": o.name, "organ_key": organ_key(o.name)})
    for part, d in enumerate(parts):
        _task_rows(out, part, d)
        _repeal_rows(out, part, d)
        for i, c in enumerate(d.cited_documents, 1):
            out["cited_documents"].append({
                "part": part, "position": i, "title": c.title, "title_key": title_key(c.title),
                "doc_number": _number(c.doc_number), "number_key": number_key(c.doc_number), "role": c.role,
                "candidate_key": candidate_key(c.title, c.doc_number),
                "span_start": c.span.start, "span_end": c.span.end})
        _target_rows(out, part, d)
        for a_pos, a in enumerate(d.annexes, 1):
            for t_pos, t in enumerate(a.tables, 1):
                span = t.span or a.span
                out["annex_tables"].append({
                    "part": part, "annex_pos": a_pos, "annex_index": a.index, "annex_label": a.label,
                    "annex_title": a.title, "table_pos": t_pos, "n_rows": t.n_rows, "n_cols": t.n_cols,
                    "header": list(t.header), "rows": [list(r) for r in t.rows], "source": t.source,
                    "span_start": span.start, "span_end": span.end})
    return out


def _task_rows(out: dict[str, Any], part: int, d: PolicyDocument) -> None:
    for t in d.tasks:
        out["tasks"].append({
            "part": part, "task_id": t.id, "form": t.form, "outline_path": t.path, "title": t.title,
            "text": t.text, "assignment_text": t.assignment_text, "lead_units": "、".join(t.lead_units) or None,
            "lead_basis": t.lead_basis, "non_exhaustive": t.non_exhaustive,
            "deadline_text": t.deadline.text if t.deadline else None,
            "deadline_date": t.deadline.date if t.deadline else None,
            "span_start": t.span.start, "span_end": t.span.end})
        parent = len(out["tasks"]) - 1
        for i, u in enumerate(t.units, 1):
            out["task_units"].append({
                "_parent": parent, "part": part, "task_id": t.id, "position": i, "unit": u.name,
                "canonical": u.canonical, "role": u.role, "sub_role": u.sub_role,
                "span_start": u.span.start, "span_end": u.span.end})


def _repeal_rows(out: dict[str, Any], part: int, d: PolicyDocument) -> None:
    pos = 0
    for r in d.repeals:
        pos += 1
        out["repeals"].append({
            "part": part, "position": pos, "kind": "repeal", "title": r.title, "title_key": title_key(r.title),
            "doc_number": _number(r.doc_number), "number_key": number_key(r.doc_number),
            "ref_date": r.date, "ref_date_ord": date_ord(r.date), "verb": r.verb, "blanket": r.blanket,
            "effective_date": r.effective_date, "provision": None,
            "candidate_key": None if r.blanket else candidate_key(r.title, r.doc_number),
            "span_start": r.span.start, "span_end": r.span.end})
        parent = len(out["repeals"]) - 1
        for i, name in enumerate(r.issuers, 1):
            out["repeal_issuers"].append({"_parent": parent, "position": i, "name": name,
                                          "organ_key": organ_key(name)})
    for s in d.suspensions:
        pos += 1
        out["repeals"].append({
            "part": part, "position": pos, "kind": "suspension", "title": s.title, "title_key": title_key(s.title),
            "doc_number": _number(s.doc_number), "number_key": number_key(s.doc_number),
            "ref_date": None, "ref_date_ord": None, "verb": s.verb, "blanket": False, "effective_date": None,
            "provision": s.provision, "candidate_key": candidate_key(s.title, s.doc_number),
            "span_start": s.span.start, "span_end": s.span.end})


def _target_rows(out: dict[str, Any], part: int, d: PolicyDocument) -> None:
    for t_pos, t in enumerate(d.targets, 1):
        base = {"part": part, "target_pos": t_pos, "name": t.name, "year": t.year, "recurring": t.recurring}
        if not t.items:
            out["targets"].append({**base, "item_pos": 0, "item_text": None, "metric": None, "value": None,
                                   "unit": None, "comparator": None, "span_start": t.span.start,
                                   "span_end": t.span.end})
        for i, it in enumerate(t.items, 1):
            out["targets"].append({**base, "item_pos": i, "item_text": it.text, "metric": it.metric,
                                   "value": it.value, "unit": it.unit, "comparator": it.comparator,
                                   "span_start": it.span.start, "span_end": it.span.end})
