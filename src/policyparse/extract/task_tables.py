"""Task-division tables -> tasks: every data row is a task, with units taking their role from their column.

Columns are recognized by their header words (``data/task_columns.json``): lead (牵头单位),
participant (配合单位), responsible (责任单位), deadline (完成时限), task (重点任务/工作事项),
content (主要内容), number (序号), and offices inside the lead unit (…内牵头处室). Merged cells
(a work item spanning rows, a lead unit shared by rows) are inherited through the table's
filled grid; ``/``, ``—`` and empty cells name no unit. A table with no unit column is no
task table. A note column (备注, ``free_header_words``) that says who of the row's units leads
(``市商务局牵头``, ``市商务局、舞阳县人民政府共同牵头``) makes them its leads (``explicit``).
"""

from __future__ import annotations

import re

from ..model import Cell, Span, Table, Task, UnitRef
from ..nlp.persons import looks_like_person
from ..normalize import squeeze
from ..structure.lines import Line
from ..structure.outline import match_heading, path_component
from .assignment_text import _LEAD_MARK, parse_fields, worded_clauses
from .table_rows import note_columns
from .targets import find_deadline
from .unit_lists import (
    UNIT_ROLES,
    _units_of,
    bare_name,
    column_words,
    field_role,
    header_name,
    is_person_column,
    looks_like_unit,
    once_each,
    role_data,
    split_units,
)

_columns = column_words


def column_roles(header: list[str]) -> dict[int, str]:
    """Column index -> role, for the columns whose header names one (each role taken once, leftmost first)."""
    cols, _ = _columns()
    out: dict[int, str] = {}
    taken: set[str] = set()
    for i, h in enumerate(header):
        name = header_name(squeeze(h))
        if is_person_column(name):
            continue  # 牵头领导: the persons who lead, not the lead units
        for role, words in cols:
            if role in taken:
                continue
            if any(w in name for w in words):
                out[i] = role
                taken.add(role)
                break
    for p in role_data()["paired_roles"]:  # 主办单位 beside 协办单位: the host leads (role_words.json paired_roles)
        host = next((i for i, h in enumerate(header) if p["word"] in h), None)
        if host is not None and out.get(host) == "responsible" and "lead" not in taken \
                and any(p["with"] in h for i, h in enumerate(header) if i != host):
            out[host] = p["role"]
    return out


_NOTED_LEAD = re.compile(r"^(?P<units>[^，。；：]{2,60}?)(?:共同|联合)?牵头$")


def _noted_leads(row: list[Cell | None], notes: list[int], names: set[str]) -> list[str]:
    """The row's units a note cell says lead (``市商务局牵头``), when every unit it names is one of the row's."""
    for i in notes:
        c = row[i] if i < len(row) else None
        m = _NOTED_LEAD.match(squeeze(c.text).rstrip("。")) if c is not None else None
        got = _units_of(m["units"], 0) if m else None
        if got and got[0] and all(n in names for n, _, _ in got[0]):
            return [n for n, _, _ in got[0]]
    return []


def is_task_table(table: Table) -> bool:
    roles = set(column_roles(table.header).values())
    return bool(roles & set(UNIT_ROLES)) and bool(roles & {"task", "content", "target"})  # 2022年预期目标: the work


def _units(ft: str, cell: Cell | None, role: str, sub_role: str | None = None) -> list[UnitRef]:
    if cell is None or squeeze(cell.text) in _columns()[1]:
        return []
    if cell.span is not None and cell.span.end - cell.span.start >= len(cell.raw.strip()) \
            and _joined(ft[cell.span.start : cell.span.end]) == _joined(cell.text):
        text, off = ft[cell.span.start : cell.span.end], cell.span.start
    elif cell.span is not None:
        # a cell wrapped onto the next line of a table laid out in columns: the text between its lines holds the other
        # columns' cells, so the units are read from the cell's text and found in the lines where they stand
        return _located(ft, cell, _units(ft, cell.model_copy(update={"span": None}), role, sub_role))
    else:
        text, off = cell.text, 0
    text = _without_person(text)  # 市民政局 伍泽国 under 牵头单位及主要负责人: the unit, then its head's name
    if role == "responsible" and sub_role is None:
        worded = _worded(text, off, cell.span is not None)
        if worded is not None:
            return worded
    out = []
    for name, s, e in split_units(text, off):
        if name in _columns()[1]:
            continue
        unit_role = role
        if (who := _PERSON_NOTE.search(name)) is not None and who.start() > 0 and looks_like_person(who["who"]) \
                and not looks_like_unit(who["who"]):
            name, e = name[: who.start()], e - (len(name) - who.start())  # 市工业和信息化局（李某某）: the unit, then its leader
        if (mark := _LEAD_MARK.search(name)) is not None and mark.start() > 0:  # 市农业农村局（牵头）: the cell marks who leads
            name, e, unit_role = name[: mark.start()], e - (len(name) - mark.start()), "lead"
        span = Span(start=s, end=e) if cell.span is not None else Span(start=0, end=0)
        out.append(UnitRef(name=name, role=unit_role, sub_role=sub_role, span=span,
                           verb="牵头" if unit_role == "lead" and role != "lead" else None))
    return _bracket_leads(out)


_PERSON_NOTE = re.compile(r"[（(](?P<who>[\u4e00-\u9fff·]{2,4})[）)]$")


def _joined(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _located(ft: str, cell: Cell, units: list[UnitRef]) -> list[UnitRef]:
    """``units`` (read from ``cell``'s text) with the span of each where it stands in ``ft``, in order inside the cell's
    span (a unit a line break cuts keeps no span)."""
    assert cell.span is not None
    out, pos = [], cell.span.start
    for u in units:
        at = ft.find(u.name, pos, cell.span.end)
        if at < 0:
            out.append(u)
            continue
        out.append(u.model_copy(update={"span": Span(start=at, end=at + len(u.name))}))
        pos = at + len(u.name)
    return out


def _without_person(text: str) -> str:
    """A unit cell's text without a person's name printed after its last unit, past a blank (``市民政局 伍泽国``)."""
    head, sep, last = text.rstrip().rpartition(" ")
    if sep and head.strip() and looks_like_person(last) and not looks_like_unit(last):
        return text[: len(head)]
    return text


#: the label of a table of the body that stands under no outline item and no opening label
TOP_TABLE_LABEL = "表"
#: the outline's numbered styles a row's cells may open with (一、 / （一） / 1. / （1）), read by the outline's own matcher
_CELL_STYLES = ("han-dun", "han-paren", "arabic-dot", "arabic-paren")


def _printed_path(row: list[Cell | None], label: str) -> str:
    """The path the cells of a row without a number column print: a category cell's ``一、`` and a task cell's
    ``1.`` give ``一1`` (the document's own outline numbering, as an outline path reads it), under the table's
    label unless the table stands at the document's top (``表``); ``""`` when no cell opens with a number."""
    parts: list[str] = []
    seen: set[int] = set()
    for c in row:
        if c is None or id(c) in seen:
            continue
        seen.add(id(c))
        h = match_heading(Line(start=0, end=len(c.text), text=c.text.lstrip()))
        if h is None or h.style not in _CELL_STYLES:
            break  # the numbers stand in the leading cells, one after the other
        parts.append(path_component(h.style, h.number))
    path = "".join(parts)
    return "" if not path else path if label == TOP_TABLE_LABEL else f"{label}/{path}"


#: 北海高新区管委会、市商务局（市商务局牵头）: a bracket closing the cell names which of its units leads
_NAMED_LEAD = re.compile(r"[（(](?P<who>[^（）()]{2,60}?)(?:共同)?牵头[）)]$")


def _bracket_leads(units: list[UnitRef]) -> list[UnitRef]:
    """The cell's units with a closing bracket that names the lead among them (``A、B（B牵头）``) read: the bracket is
    no part of the last name, and the units it names lead (``verb`` 牵头: the cell says so)."""
    if not units or (m := _NAMED_LEAD.search(units[-1].name)) is None or m.start() == 0:
        return units
    last = units[-1]
    base = last.name[: m.start()]
    got = _units_of(m["who"], 0)
    names = [n for n, _, _ in got[0]] if got else []
    if not names or not set(names) <= {u.name for u in units[:-1]} | {base}:
        return units
    cut = last.span.end - (len(last.name) - m.start()) if last.span.end else 0
    units = units[:-1] + [last.model_copy(update={"name": base, "span": Span(start=last.span.start, end=cut)})]
    return [u.model_copy(update={"role": "lead", "verb": "牵头"}) if u.name in names else u for u in units]




def _worded(text: str, off: int, spanned: bool) -> list[UnitRef] | None:
    """A 责任单位 cell that says who leads in its own words (``省体育局牵头，省教育厅配合``, ``A会同B``):
    the units with the roles the cell gives them; None when it gives none but 负责."""
    clauses = worded_clauses(text, off)
    if clauses is None and "：" in text and (fields := parse_fields(text.strip(), off + len(text) - len(text.lstrip()))):
        clauses = fields.clauses or None  # 牵头：江阳区人民政府；配合：市经济和信息化局: the cell's own fields
    if clauses is None:
        return None
    return [UnitRef(name=n, role=c.role, span=Span(start=s, end=e) if spanned else Span(start=0, end=0))
            for c in clauses for n, s, e in c.units if n not in _columns()[1]]


def _slashed(ft: str, cell: Cell | None) -> list[UnitRef]:
    """The units of a 牵头单位/配合单位 cell: those before a slash lead, those after it take part; a cell without
    a slash names leads only."""
    got = _units(ft, cell, "lead")
    if cell is None or cell.span is None:
        return got
    text = ft[cell.span.start : cell.span.end]
    k = max(text.find("/"), text.find("／"))
    if k < 0:
        return got
    cut = cell.span.start + k
    return [u.model_copy(update={"role": "participant"}) if u.span.start > cut else u for u in got]


def tasks_from_table(ft: str, table: Table, *, label: str, first_id: int = 1) -> list[Task]:
    """One task per data row of a task-division table; ``[]`` when the table is not one."""
    if not is_task_table(table):
        return []
    roles = column_roles(table.header)
    col = {r: i for i, r in roles.items()}
    grid = table.grid()
    # one column for the lead and the partners (牵头单位/配合单位): a slash in its cells parts them
    paired_lead = "lead" in col and "participant" not in col and field_role(
        re.split(r"[/／、]", table.header[col["lead"]])[-1]) == "participant"
    notes = [i for i, note in enumerate(note_columns(table.header)) if note]
    out: list[Task] = []
    for r in range(table.n_header_rows, table.n_rows):
        row = grid[r]
        if row and row[0] is not None and row[0].col_span >= table.n_cols:
            continue  # a section row (一、知识产权保护方面（共5项）) spans the table and assigns nothing

        def cell(role: str, _row=row) -> Cell | None:
            i = col.get(role)
            return _row[i] if i is not None and i < len(_row) else None

        def text(role: str) -> str:
            c = cell(role)
            return squeeze(c.text) if c is not None and squeeze(c.text) not in _columns()[1] else ""

        units: list[UnitRef] = []
        # in the order the row prints them (责任单位 | 配合单位: the responsible first, as a rule of position reads them)
        for role in sorted((r_ for r_ in UNIT_ROLES if r_ in col), key=lambda r_: col[r_]):
            if role == "lead" and paired_lead:  # 牵头单位/配合单位: A/B、C — before the slash leads, after it takes part
                units += _slashed(ft, cell(role))
                continue
            units += _units(ft, cell(role), role)
        subs = _units(ft, cell("sub_lead"), "lead", table.header[col["sub_lead"]]) if "sub_lead" in col else []
        subs += _units(ft, cell("sub_participant"), "participant", table.header[col["sub_participant"]]) if "sub_participant" in col else []
        alone = {squeeze(c.text) for c in row if c is not None}  # 配合单位 | 中原油田: a name of its own filling a unit cell
        units = [u for u in units if looks_like_unit(u.name) or u.name.startswith("各") or u.name in alone and bare_name(u.name)]
        units = once_each(units)  # 牵头单位 X | 责任单位 X、Y: one unit, in the role it has first
        noted = _noted_leads(row, notes, {u.name for u in units})
        if noted:  # 备注：市商务局牵头: the note names the lead among the row's units
            units = [u.model_copy(update={"role": "lead"}) if u.name in noted else
                     u.model_copy(update={"role": "responsible"}) if u.role == "lead" else u for u in units]
        lead_names = [u.name for u in units if u.role == "lead"]
        if not units and not subs:
            continue  # 其他 | 烟花爆竹生产、经营企业…: a row that names no unit assigns nothing
        number = text("number").rstrip(".、．")  # 1. / 1、: the row's number, without the mark after it
        title = (text("task") or text("content")[:40] or text("target")[:40]).rstrip("。；")
        content = text("content") or title
        cells = [c for c in row if c is not None]
        span = next((c.span for c in cells if c.span is not None), None) or table.span or Span(start=0, end=0)
        dl_cell = cell("deadline")
        deadline = None
        if dl_cell is not None and dl_cell.span is not None:
            deadline = find_deadline(ft, dl_cell.span.start, dl_cell.span.end)
        if deadline is None and cell("content") is not None and cell("content").span is not None:  # type: ignore[union-attr]
            c = cell("content")
            deadline = find_deadline(ft, c.span.start, c.span.end)  # type: ignore[union-attr]
        assignment = "；".join(f"{table.header[col[r_]]}：{text(r_)}" for r_ in UNIT_ROLES if r_ in col and text(r_))
        out.append(
            Task(
                id=f"t{first_id + len(out)}",
                form="table",
                path=f"{label}/{number}" if number else _printed_path(row, label) or f"{label}/r{r - table.n_header_rows + 1}",
                title=title,
                text=content,
                assignment_text=assignment,
                units=units + subs,
                lead_units=lead_names,
                lead_basis="explicit" if noted or any(u.verb == "牵头" for u in units if u.role == "lead") else
                "table_column" if lead_names else "none",
                deadline=deadline,
                span=span,
                text_span=cell("content").span if cell("content") is not None else None,  # type: ignore[union-attr]
            )
        )
    return out
