"""Responsibility parentheticals -> tasks, units and leads.

A task is a parenthetical that closes a piece of text and names who does it:
``（省工业和信息化厅、省发展改革委、省国资委负责，排第一的为牵头单位，下同）``. Its inside is read by
:mod:`.assignment_text` (clauses of units with role words, the field form, a bare unit list); here each
assignment becomes a :class:`~policyparse.model.Task` of the outline item it stands in, with its text, and
the lead rules the parenthetical declares (``data/lead_rules.jsonl``, read by :mod:`.lead_rules`):
``排第一的为牵头单位`` with scope ``task``, ``document`` when ``下同`` follows, ``section`` for 本部分.

Parentheticals are （…） or 〔…〕, and may run over one line break in copies that break lines at
sentence ends. Leads here come from explicit wording (牵头, 会同) only; :func:`.lead_rules.apply_rules`
adds the positional ones once every rule of the file (wherever declared) is known.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

from ..model import LeadRule, Span, Task, UnitRef
from ..normalize import squeeze
from ..structure.outline import OutlineItem, item_at
from .assignment_text import Assignment, bare_assignment, parse_assignment
from .lead_rules import whole_document
from .parentheticals import Paren, find_parentheticals
from .rule_grammar import match_rule, scope_around, scope_patterns

if TYPE_CHECKING:  # the segmenters load lazily; only their type is named here
    from ..nlp.segment import Segmenter


def _paren_rules(ft: str, p: Paren, path: str) -> list[LeadRule]:
    """The lead rules a task's parenthetical declares, with ``下同`` scope when it follows."""
    out: list[LeadRule] = []
    pos = p.start
    while pos < p.end:
        got = match_rule(ft, pos, p.end)
        if got is None:
            break
        spec, m = got
        pos = m.end()
        xia = scope_around(ft, m, p.start, p.end)
        # …为牵头单位，下同 / …，以下同，均以列第一位的单位为牵头单位 (the words before the rule)
        scope_text = (xia.group(0).lstrip("，,；;。 ") if xia.start() >= m.end() else xia.group("words")) if xia else None
        scope = ("section" if xia["sect"] else "document") if xia else "task"
        if xia is None:  # 列第一位的为牵头部门，其他部门和单位按职责分工负责，下同: the scope closes the parenthetical
            later = next((c for c in re.split(r"[，,；;。]", ft[m.end() : p.end]) if scope_patterns()[1].match(c.strip("） "))), None)
            if later is not None:
                scope_text = later.strip("） ")
                scope = "section" if scope_patterns()[2].search(scope_text) else "document"
        # the rule's clause: from the last ；or bracket before it inside the parenthetical, else the parenthetical's start
        clause_start = max([p.start] + [ft.rfind(x, p.start, m.start()) + 1 for x in "；;（("])
        if xia is None and scope == "task" and (whole := whole_document(ft, clause_start, m.start())) is not None:
            scope, scope_text = "document", whole  # （A、B；本方案各项任务…均以排在首位的单位为牵头单位）: the whole plan
        elif xia is None and scope == "task" and (part := scope_patterns()[2].search(ft, clause_start, m.start())) is not None:
            scope, scope_text = "section", part.group(0)  # （A、B；本部分所列各项任务，均以排在首家的…）: the whole part
        out.append(LeadRule(kind=spec.kind, text=m.group(0), position=spec.position,
                            scope=scope, scope_text=scope_text,
                            declared_in=path or None, span=Span(start=m.start(), end=m.end())))
    return out


def _owner_item(ft: str, p: Paren, items: list[OutlineItem]) -> OutlineItem | None:
    """The item a parenthetical assigns: the one it stands in, except that a parenthetical on a line of
    its own after a run of sub-items (（1）…（4）, then ``（责任单位：…）``) assigns the item that holds them."""
    it = item_at(items, p.start)
    ls = ft.rfind("\n", 0, p.start - 1) + 1
    le = ft.find("\n", p.end)
    alone = not ft[ls : p.start - 1].strip() and not ft[p.end + 1 : le if le >= 0 else len(ft)].strip("。；;. \t")
    if it is None or not alone or it.start >= ls:
        return it
    parents = [x for x in items if x.level < it.level and x.start <= it.start and p.end <= x.end]
    siblings = [x for x in items if x.level == it.level and parents and parents[-1].start < x.start < p.start]
    return parents[-1] if parents and len(siblings) >= 2 else it


class ExtractedTasks(NamedTuple):
    """The tasks of a body in document order, and the lead rules their parentheticals declare."""

    tasks: list[Task]
    lead_rules: list[LeadRule]


def extract_tasks(
    ft: str, start: int, end: int, items: list[OutlineItem], *, first_id: int = 1, segmenter: Segmenter | None = None
) -> ExtractedTasks:
    """Tasks of the body ``ft[start:end]`` in document order, and the lead rules their parentheticals
    declare. Leads here come from explicit wording only; :func:`.lead_rules.apply_rules` adds the
    positional ones once every rule of the file is known."""
    tasks: list[Task] = []
    rules: list[LeadRule] = []
    last_end: dict[str, int] = {}
    parens = find_parentheticals(ft, start, end)
    skip = -1
    for k, p in enumerate(parens):
        if k == skip:
            continue
        a = parse_assignment(p.text, p.start, segmenter) or bare_assignment(ft, p, segmenter)
        if a is None:
            continue
        if (pair := _paired_fields(ft, a, parens[k + 1] if k + 1 < len(parens) else None, p, segmenter)) is not None:
            a, p, skip = pair[0], pair[1], k + 1
        it = _owner_item(ft, p, items)
        path = it.path if it else ""
        rules.extend(_paren_rules(ft, p, path))
        units, leads, basis, rule_span = _decide(a, None)
        text_start = max(last_end.get(path, it.start if it else start), it.start if it else start)
        while text_start < p.start - 1 and ft[text_start] in "。；，、 ":
            text_start += 1
        text = squeeze(ft[text_start : p.start - 1])
        last_end[path] = p.end + 1
        tasks.append(
            Task(
                id=f"t{first_id + len(tasks)}",
                form="field" if a.field_form else "parenthetical",
                path=path,
                title=it.title if it else "",
                text=text,
                assignment_text=squeeze(p.text),
                units=units,
                lead_units=leads,
                lead_rule=rule_span,
                lead_basis=basis,
                non_exhaustive=any(c.non_exhaustive for c in a.clauses),
                role_words=[c.word for c in a.clauses],
                span=Span(start=p.start, end=p.end),
                text_span=Span(start=text_start, end=p.start - 1),
            )
        )
    return ExtractedTasks(tasks, rules)


#: roles a positional lead rule may turn into lead (the others are kept as the document gives them)
RULE_ROLES = ("responsible", "implement", "other")


def _paired_fields(ft: str, a: Assignment, nxt: Paren | None, p: Paren,
                   segmenter: Segmenter | None) -> tuple[Assignment, Paren] | None:
    """（牵头单位：X）（配合单位：Y、Z）: a field bracket naming the lead and, right after it, one naming its partners only
    are one assignment (the two brackets and the ）（ between them its text); None when ``p`` and ``nxt`` are not so."""
    if nxt is None or not a.field_form or nxt.start != p.end + 2 or not any(c.role == "lead" for c in a.clauses):
        return None
    b = parse_assignment(nxt.text, nxt.start, segmenter)
    if b is None or not b.field_form or not b.clauses or any(c.role == "lead" for c in b.clauses):
        return None
    return (Assignment(a.clauses + b.clauses, a.rules + b.rules, True, a.deadline_text or b.deadline_text),
            Paren(p.start, nxt.end, ft[p.start : nxt.end]))


def _unit(n: str, s: int, e: int, role: str, word: str) -> UnitRef:
    return UnitRef(name=n, role=role, verb=word or None, span=Span(start=s, end=e))


def _decide(a: Assignment, rule: LeadRule | None) -> tuple[list[UnitRef], list[str], str, Span | None]:
    """Units with their roles, the leads, the lead basis and the span that decided it. Under an
    explicit lead (牵头, 会同) a unit named only as responsible takes part (participant); guide,
    supervise, implement and other roles are kept as written."""
    ordered: list[tuple[str, int, int, str, str]] = []
    for c in a.clauses:
        for n, s, e in c.units:
            ordered.append((n, s, e, c.role, c.word))
    explicit = [c for c in a.clauses if c.role == "lead"]
    if explicit and a.field_form:
        return [_unit(n, s, e, r, w) for n, s, e, r, w in ordered], [n for c in explicit for n, _, _ in c.units], "explicit", explicit[0].span
    if explicit:
        lead_names = [n for c in explicit for n, _, _ in c.units]
        lead_words = {n: c.word for c in explicit for n, _, _ in c.units}
        units: list[UnitRef] = []
        for n, s, e, r, w in ordered:
            if any(u.name == n for u in units):
                continue  # A、B负责，其中B牵头: B once, where it is first named, as the lead
            if n in lead_words and r != "lead":
                r, w = "lead", lead_words[n]
            units.append(_unit(n, s, e, "participant" if r == "responsible" else r, w))
        return units, lead_names, "explicit", explicit[0].span
    if a.field_form:
        return [_unit(n, s, e, r, w) for n, s, e, r, w in ordered], [], "none", None  # 牵头单位 is read by the caller
    if rule is not None:
        k = rule.position - 1
        units = []
        leads = []
        for i, (n, s, e, r, w) in enumerate(ordered):
            role = r if r not in RULE_ROLES else ("lead" if i == k else "participant")
            if role == "lead":
                leads.append(n)
            units.append(_unit(n, s, e, role, w))
        return units, leads, "positional", rule.span
    units = [_unit(n, s, e, r, w) for n, s, e, r, w in ordered]
    return units, [], "none", None
