"""Skeleton -> findings with evidence: tasks and leads, annex roles, tables, repeals, effective dates.

:func:`run_extractors` walks the document and its enclosed documents in file order (so that a
``下同`` rule declared in one carries into the next) and fills each one's findings in place.
"""

from __future__ import annotations

from ..model import PolicyDocument, SourceText
from ..structure import Line, Skeleton
from ..structure.outline import OutlineItem
from .roles import consistency, find_roles
from .tasks import RuleState, extract_tasks


def _pairs(doc: PolicyDocument, sk: Skeleton):
    yield doc, sk
    for d, s in zip(doc.enclosed, sk.enclosed, strict=True):
        yield from _pairs(d, s)


def _body_end(sk: Skeleton, lines: list[Line]) -> int:
    if sk.body_end:
        return sk.body_end
    return lines[sk.hi - 1].end if sk.hi > sk.lo else sk.body_start


def run_extractors(
    doc: PolicyDocument,
    sk: Skeleton,
    ft: str,
    lines: list[Line],
    flat: list[OutlineItem],
    st: SourceText,
    *,
    segmenter: str | None = None,
) -> None:
    """Fill the findings of ``doc`` and its enclosed documents in place."""
    state = RuleState()
    n_tasks = 0
    for d, s in _pairs(doc, sk):
        tasks, rules = extract_tasks(ft, s.body_start, _body_end(s, lines), flat, state, first_id=n_tasks + 1)
        n_tasks += len(tasks)
        d.tasks.extend(tasks)
        d.lead_rules.extend(rules)
    all_tasks = [t for d in doc.walk() for t in d.tasks]
    for d in doc.walk():
        for ax in d.annexes:
            roles = find_roles(ft, ax.span.start, ax.span.end, all_tasks)
            if roles:
                d.roles.extend(roles)
                d.findings.extend(consistency(all_tasks, roles))
