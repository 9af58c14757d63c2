"""Assignments outside parentheticals: field lines and running-text lead statements.

* A *field line* stands on its own after an item: ``责任单位：市发展改革委、市财政局`` or
  ``牵头单位：市卫生健康委；配合单位：市财政局；完成时限：2023年底前``. It assigns the item it
  closes (form ``field``).
* A *running-text* statement names a unit and the work in one sentence: ``由教育部牵头``,
  ``教育部为牵头单位``, ``X牵头，Y配合`` (form ``running_text``). A statement that names no unit
  (``各有关部门要按照职责分工…``) is not a task, nor is ``负责人：`` on a form.
"""

from __future__ import annotations

import re

from ..model import Span, Task, UnitRef
from ..normalize import squeeze
from ..structure.outline import OutlineItem, item_at
from .targets import find_deadline
from .tasks import _role_table, _units_of, looks_like_unit, parse_fields

_SENT = re.compile(r"[^。；！？\n]+")
_LEAD_BY = re.compile(r"由(?P<lead>[^，。；由]{2,60}?)牵头(?:负责)?(?:，?(?P<co>[^，。；]{2,60}?)(?:配合|参与))?")
_LEAD_IS = re.compile(r"(?P<lead>[^，。；：]{2,60}?)为牵头(?:单位|部门)")
_LEAD_CO = re.compile(r"(?:^|[，；])(?P<lead>[^，。；：]{2,40}?)牵头(?:负责)?[，、]?(?:会同)?(?P<co>[^，。；：]{2,60}?)(?:配合|参与|协助)")


def _named(units: list[tuple[str, int, int]]) -> bool:
    generic = _role_table()[1]
    return any(looks_like_unit(n) and not n.startswith(("各", "有关", "相关")) and n not in generic for n, _, _ in units)


def extract_field_lines(ft: str, start: int, end: int, items: list[OutlineItem], *, first_id: int = 1) -> list[Task]:
    """Tasks from lines made of fields (``责任单位：…``) within ``ft[start:end]``."""
    out: list[Task] = []
    pos = start
    for line in ft[start:end].split("\n"):
        s0 = pos
        pos += len(line) + 1
        stripped = line.strip()
        if not stripped:
            continue
        lead_ws = len(line) - len(line.lstrip())
        a = parse_fields(stripped, s0 + lead_ws)
        if a is None:
            continue
        it = item_at(items, s0 + lead_ws - 1) if s0 + lead_ws > 0 else None
        text_start = it.start if it else s0
        units = [UnitRef(name=n, role=c.role, span=Span(start=s, end=e)) for c in a.clauses for n, s, e in c.units]  # type: ignore[arg-type]
        leads = [u.name for u in units if u.role == "lead"]
        deadline = None
        if a.deadline_text:
            v, off = a.deadline_text
            deadline = find_deadline(ft, off, off + len(v))
        out.append(Task(id=f"t{first_id + len(out)}", form="field", path=it.path if it else "", title=it.title if it else "",
                        text=squeeze(ft[text_start:s0]), assignment_text=squeeze(stripped), units=units, lead_units=leads,
                        lead_basis="explicit" if leads else "none", deadline=deadline,
                        span=Span(start=s0 + lead_ws, end=s0 + len(line.rstrip())), text_span=Span(start=text_start, end=s0)))
    return out


def extract_running_text(
    ft: str, start: int, end: int, items: list[OutlineItem], taken: list[Span], *, first_id: int = 1
) -> list[Task]:
    """Tasks stated in running text (由X牵头, X为牵头单位, X牵头，Y配合) outside ``taken`` spans."""
    out: list[Task] = []
    for sm in _SENT.finditer(ft, start, end):
        s0, sent = sm.start(), sm.group(0)
        if "牵头" not in sent:  # every statement pattern below needs it: skip the costly searches
            continue
        if any(t.start <= s0 < t.end or s0 <= t.start < sm.end() for t in taken):
            continue
        for rx in (_LEAD_BY, _LEAD_CO, _LEAD_IS):
            m = rx.search(sent)
            if not m:
                continue
            lead = _units_of(m["lead"], s0 + m.start("lead"))
            if lead is None or not _named(lead[0]):
                continue
            co = None
            if "co" in m.groupdict() and m["co"]:
                co = _units_of(m["co"], s0 + m.start("co"))
            units = [UnitRef(name=n, role="lead", span=Span(start=s, end=e)) for n, s, e in lead[0]]
            units += [UnitRef(name=n, role="participant", span=Span(start=s, end=e)) for n, s, e in (co[0] if co else [])]
            it = item_at(items, s0)
            out.append(Task(id=f"t{first_id + len(out)}", form="running_text", path=it.path if it else "",
                            title=it.title if it else "", text=squeeze(sent), assignment_text=squeeze(m.group(0)),
                            units=units, lead_units=[n for n, _, _ in lead[0]], lead_basis="explicit",
                            deadline=find_deadline(ft, s0, sm.end()), span=Span(start=s0 + m.start(), end=s0 + m.end()),
                            text_span=Span(start=s0, end=sm.end())))
            break
    return out
