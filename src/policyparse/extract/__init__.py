"""Skeleton -> findings with evidence: tables, tasks and leads, repeals, effective dates, targets."""

from __future__ import annotations

from ..model import PolicyDocument, SourceText
from ..structure import Line
from ..structure.outline import OutlineItem


def run_extractors(
    doc: PolicyDocument, ft: str, lines: list[Line], flat: list[OutlineItem], st: SourceText, *, segmenter: str | None = None
) -> None:
    """Fill the findings of ``doc`` and its enclosed documents in place."""
    return None
