"""Notes under a task table that name its leads: by row (``注：第6项、第11项由兰州海关牵头``), by column
(``注：“责任单位”栏所列单位为牵头单位，“配合单位”栏所列单位协助落实``), or by position inside the lead column
(``注：牵头单位栏中列有多个单位的，排在第一位的为牵头单位，其余为配合单位``).

Either is the document's own word on who leads those rows, so it is explicit: read before the lead rules
(:func:`.lead_rules.apply_rules`), which then leave those tasks alone. The rows are those of the last table before
the note, found by their 序号 (by row) or by their tasks' table path (by column).
"""

from __future__ import annotations

import re

from ..model import Span, Task, UnitRef
from .lead_rules import NOTE_LABEL, RULE_ROLES
from .rule_grammar import match_rule
from .unit_lists import field_role

#: a note line under a table (注：…, 说明：…)
_NOTE_LINE = re.compile(rf"(?m)^[ \t]*{NOTE_LABEL}(?P<body>[^\n]*)$")
#: 牵头单位栏中 / “责任单位”栏: the column a note speaks of
_COLUMN = re.compile(r"[“\"「『]?(?P<col>[\u4e00-\u9fff]{2,8})[”\"」』]?(?:栏|列)中?")
#: “责任单位”栏所列单位为牵头单位 / 表中责任单位栏的单位为牵头单位 / …栏所列单位均为牵头单位: a column whose units lead
_COLUMN_LEAD = re.compile(_COLUMN.pattern + r"(?:所列|列明|填写|列出)?的?(?:单位|部门)?(?:均|都|皆)?(?:为|是|系)牵头(?:单位|部门)")


def _tables_above(ft: str, tasks: list[Task]) -> list[tuple[re.Match[str], str, list[Task]]]:
    """Each note line after a table's tasks, the path of that table (附件, 附件表2) and the table tasks before it."""
    out = []
    for note in _NOTE_LINE.finditer(ft):
        above = [t for t in tasks if t.form == "table" and t.span.end <= note.start()]
        if above:
            out.append((note, max(above, key=lambda t: t.span.end).path.rsplit("/", 1)[0], above))
    return out


_ROW_LEAD = re.compile(r"(?P<rows>第\d+项(?:[、和及]第?\d+项)*)(?:由|的?牵头单位为)(?P<unit>[^，。；、\n由]{2,30}?)(?:牵头|$|[，。；])")


def row_leads(ft: str, tasks: list[Task]) -> None:
    """``注：第6项、第11项由兰州海关牵头`` under a table: the lead of those rows, explicit, so no rule changes
    it (in place). The rows are those of the last table before the note, found by their 序号."""
    if not any(t.form == "table" for t in tasks) or "项" not in ft:
        return
    for note, table, above in _tables_above(ft, tasks):
        for m in _ROW_LEAD.finditer(note["body"]):
            rows = set(re.findall(r"\d+", m["rows"]))
            unit = m["unit"].strip()
            for t in above:
                head, _, row = t.path.rpartition("/")
                if head != table or row not in rows:
                    continue
                named = [u for u in t.units if u.name == unit]
                others = [u.model_copy(update={"role": "participant"}) if u.role in RULE_ROLES else u
                          for u in t.units if u.name != unit]
                lead = named[0].model_copy(update={"role": "lead"}) if named else UnitRef(
                    name=unit, role="lead", span=Span(start=note.start("body") + m.start("unit"),
                                                      end=note.start("body") + m.end("unit")))
                t.units = [lead, *others]
                t.lead_units, t.lead_basis = [unit], "explicit"


def column_leads(ft: str, tasks: list[Task]) -> None:
    """``注：“责任单位”栏所列单位为牵头单位`` under a table: the units of that column lead its rows, explicit (in
    place). The column is known by its role (责任单位: responsible); a note naming no column of a unit role changes
    nothing."""
    if not any(t.form == "table" for t in tasks) or "牵头" not in ft:
        return
    for note, table, above in _tables_above(ft, tasks):
        m = _COLUMN_LEAD.search(note["body"])
        role = field_role(m["col"]) if m is not None else None
        if role not in RULE_ROLES:
            continue
        for t in above:
            if t.path.rsplit("/", 1)[0] != table or t.lead_basis == "explicit":
                continue
            leads = [u for u in t.units if u.role == role and u.sub_role is None]
            if not leads:
                continue
            t.units = [u.model_copy(update={"role": "lead"}) if u in leads else
                       u.model_copy(update={"role": "participant"}) if u.role in RULE_ROLES and u.sub_role is None else u
                       for u in t.units]
            t.lead_units, t.lead_basis = [u.name for u in leads], "explicit"



def lead_column_positions(ft: str, tasks: list[Task]) -> None:
    """``注：牵头单位栏中列有多个单位的，排在第一位的为牵头单位，其余为配合单位`` under a table: in a row whose lead column
    lists several units, the one at the rule's position leads and the others of that cell take part (in place,
    explicit). A note naming another column, or no positional rule, changes nothing."""
    if not any(t.form == "table" for t in tasks) or "牵头" not in ft:
        return
    for note, table, above in _tables_above(ft, tasks):
        col = _COLUMN.search(note["body"])
        found = match_rule(note["body"]) if col is not None and field_role(col["col"]) == "lead" else None
        if found is None or found[0].kind != "positional" or found[1].start() < col.end():  # type: ignore[union-attr]
            continue
        k = found[0].position - 1
        for t in above:
            leads = [u for u in t.units if u.role == "lead" and u.sub_role is None]
            if t.path.rsplit("/", 1)[0] != table or len(leads) <= max(1, k):
                continue
            keep = leads[k]
            t.units = [u.model_copy(update={"role": "participant"}) if u in leads and u is not keep else u for u in t.units]
            t.lead_units, t.lead_basis = [keep.name], "explicit"
