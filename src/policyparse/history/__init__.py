"""Many documents -> a supersession history: which documents repeal, suspend or cite which.

    >>> from policyparse.history import build_history
    >>> h = build_history(docs)
    >>> h.in_force("doc:湘办发〔2020〕7号", "2021-09-01"), h.chain("doc:湘办发〔2020〕7号")
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, Literal

from ..errors import UsageError
from ..model import PolicyDocument
from .graph import History, build_history
from .keys import doc_key, number_key, title_key

__all__ = ["History", "build_history", "doc_key", "history_from_records", "number_key", "render", "title_key"]


def history_from_records(records: Iterable[dict[str, Any]]) -> History:
    """Build a history from batch records; failed inputs are listed in ``History.skipped``."""
    docs: list[PolicyDocument] = []
    skipped: list[dict[str, Any]] = []
    for r in records:
        if r.get("ok"):
            docs.append(PolicyDocument.model_validate(r["document"]))
        else:
            skipped.append({k: r.get(k) for k in ("path", "error", "code", "message")})
    return build_history(docs, skipped=skipped)


def render(h: History, fmt: Literal["json", "graphml", "mermaid"] = "json", *, only: str | None = None,
           chain: str | None = None, issuer: str | None = None) -> str:
    """The history as text: JSON (sorted, indented), GraphML or a Mermaid diagram, of the part
    the filters keep (:func:`policyparse.history.export.select`: ``only`` repeals|cites, the
    ``chain`` of one document, the documents of one ``issuer``)."""
    if fmt not in ("json", "graphml", "mermaid"):
        raise UsageError(f"unknown history format {fmt!r} (json, graphml or mermaid)")
    from .export import select

    h = select(h, only=only, chain=chain, issuer=issuer)
    if fmt == "json":
        return json.dumps(h.to_json(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    if fmt == "graphml":
        return h.graphml_string()
    return h.to_mermaid()
