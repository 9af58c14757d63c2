"""Field lines: a line made of fields after an item assigns it.

``责任单位：市发展改革委、市财政局`` or ``牵头单位：市卫生健康委；配合单位：市财政局；完成时限：2023年底前`` on a line of
its own after an item assigns the item it closes (form ``field``); so does a unit field that closes the item's own
line (``（一）进一步加大投资力度。责任单位：省发改委牵头，…配合。``), and so does a unit list after a dash at the end of
the item's line (``…压缩至3个工作日以内。——国家税务总局嘉兴市税务局``, ``…。——市司法局牵头，市商务局配合``): a field
without its name, read like a parenthetical's content. A field's name may stand in brackets instead of before a colon
(``【责任单位】A、B　【完成时限】2026年12月底前``, ``〔牵头单位〕A　〔配合单位〕B``). Two field lines in a row that name different roles
(牵头单位：X / 责任单位：Y) close one item: one task, and a deadline field on a line after them
(完成时限：…) gives it its deadline. A line of a table printed one cell a line (ending in a bar) is
read with its table, not here. The fields themselves are read by :func:`.assignment_text.parse_fields`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..model import Span, Task, UnitRef
from ..normalize import squeeze
from ..structure.furniture import is_chrome_line
from ..structure.lines import text_lines
from ..structure.outline import OutlineItem, item_at
from ..structure.page import FILE_EXT, SITE_FOOTER
from .assignment_text import Assignment, Clause, parse_assignment, parse_fields
from .targets import find_deadline
from .unit_lists import UNIT_ROLES, _units_of, column_words, field_role, is_collective, once_each

__all__ = ["extract_field_lines"]

_INLINE_FIELD = re.compile(r"(?<=[。；，])\s*(?P<name>[\u4e00-\u9fff]{2,6})：")  # …看不清。 责任单位：X (a blank after 。 too)
_UNIT_FIELD_ROLES = UNIT_ROLES
#: …。——市商务局、市税务局 / …。—市商务局牵头，市财政局配合: units after a dash closing the line, after a sentence's end
_DASHED = re.compile(r"(?<=[。；])\s*(?:——|—|－－)\s*(?P<list>[^。；—：\s][^。；—：]{1,200}?)[。；]?\s*$")


_BRACKET_LABEL = re.compile(r"[【〔［\[](?P<name>[\u4e00-\u9fff]{2,8})[】〕］\]]")


def _unbracketed_labels(line: str) -> str:
    """``【责任单位】A、B　【完成时限】…`` / ``〔牵头单位〕A　〔配合单位〕B``: field names printed in brackets, each written
    as ``name：␠`` (same length, so every value's offset holds) where the name is a field's; other brackets are kept."""
    return _BRACKET_LABEL.sub(lambda m: f"{m['name']}： " if field_role(m["name"]) is not None else m.group(0), line)


_BARE_LABEL = re.compile(r"(?:^|(?<=[ \t　]))(?P<name>[\u4e00-\u9fff]{2,6})(?P<gap>[ \t　]+)(?=\S)")


def _colonless_labels(line: str) -> str:
    """``责任单位 市农业农村局、市财政局　完成时限 2026年12月底前``: field names followed by a blank instead of a colon, each
    written ``name：`` (the blank's first character becomes the colon: the same length); only when the line opens with
    the name of a unit field."""
    first = _BARE_LABEL.match(line)
    if first is None or field_role(first["name"]) not in _UNIT_FIELD_ROLES:
        return line
    return _BARE_LABEL.sub(lambda m: m["name"] + "：" + m["gap"][1:] if field_role(m["name"]) is not None else m.group(0), line)


def _dashed(value: str, offset: int) -> Assignment | None:
    """The assignment a dash's unit list makes: its own role words (A牵头，B配合) or, a plain list of organs that names
    one at least (not only 各… classes), responsible units."""
    a = parse_assignment(value, offset)
    if a is None:
        got = _units_of(value, offset)
        if got is None or all(is_collective(n) for n, _, _ in got[0]):
            return None
        a = Assignment(clauses=[Clause(got[0], "responsible", "", Span(start=offset, end=offset + len(value)), got[1])])
    a.field_form = True
    return a


def _opened(text: str) -> int:
    """How many brackets of any kind (（〔【) ``text`` leaves open."""
    depth = 0
    for ch in text:
        if ch in "（(〔【[":
            depth += 1
        elif ch in "）)〕】]" and depth:
            depth -= 1
    return depth


_LABEL_AT = re.compile(r"\s*(?P<name>[\u4e00-\u9fff]{2,8})\s*：")


def _deadline_kept(ft: str, cuts: list[int]) -> list[int]:
    """The run-on cuts without those between a unit field and the deadline field after it
    (``整改责任单位：县市场监督管理局 整改时限：2021年8月13日前`` on a flattened page): one field line, as it
    would be printed on its own line."""
    out: list[int] = []
    for k, c in enumerate(cuts):
        here = _LABEL_AT.match(ft, c)
        if here is not None and field_role(here["name"]) == "deadline":
            prev = max(cuts[k - 1] if k else 0, ft.rfind("\n", 0, c) + 1)
            before = _LABEL_AT.match(ft, prev)
            if before is not None and field_role(before["name"]) in _UNIT_FIELD_ROLES and "。" not in ft[prev:c]:
                continue
        out.append(c)
    return out


def _deadline_line(ft: str, at: int, line: str, out: list[Task]) -> None:
    """``完成时限：2026年6月底前`` on a line of its own right after a task's field lines (牵头单位：X / 配合单位：Y / 完成时限：…)
    gives that task its deadline; the assignment text stays the unit fields' (as the real pages' gold reads it)."""
    m = _LABEL_AT.match(line)
    prev = out[-1] if out else None
    if m is None or field_role(m["name"]) != "deadline" or prev is None or prev.form != "field" \
            or ft[prev.span.end : at].strip() or "：" in line[m.end() :]:
        return
    prev.deadline = prev.deadline or find_deadline(ft, at + m.end(), at + len(line))


@lru_cache(maxsize=1)
def _field_names() -> frozenset[str]:
    """Every field and column name of ``task_columns.json`` (牵头单位, 配合单位, 完成时限 …), as written."""
    return frozenset(w for _, words in column_words()[0] for w in words)


#: a file offered for download under a page (什府办发〔2025〕12号.pdf)


def _after_page_furniture(ft: str, at: int) -> bool:
    """Whether the line before the one at ``at`` (blank lines aside) is a web page's furniture (【打印】【关闭】, a file
    offered for download), or one of the two after it the site's registration line (网站标识码, ICP备): the line is the
    page's footer (主办单位：X　承办单位：Y), not an item's field."""
    end = at
    while end > 0 and ft[end - 1].isspace():
        end -= 1
    line = ft[ft.rfind("\n", 0, end) + 1 : end]
    if line and (is_chrome_line(line) or FILE_EXT.search(line) is not None):
        return True
    after = [x for x in ft[at : at + 400].split("\n")[1:] if x.strip()][:2]
    return any(SITE_FOOTER.search(x) for x in after)


def extract_field_lines(ft: str, start: int, end: int, items: list[OutlineItem], *, first_id: int = 1,
                        cuts: list[int] = ()) -> list[Task]:  # type: ignore[assignment]
    """Tasks from lines made of fields (``责任单位：…``) within ``ft[start:end]``; ``cuts``: where
    run-on blocks were cut into lines (:func:`policyparse.structure.lines.run_on_cuts`)."""
    out: list[Task] = []
    for s0, line in text_lines(ft, start, end, _deadline_kept(ft, cuts)):
        stripped = line.strip()
        if not stripped or stripped[-1] in "|｜":
            continue  # 牵头：X；配合：Y | : a cell of a table printed one cell a line, read with its table
        lead_ws = len(line) - len(line.lstrip())
        if stripped[0] in "【〔［[":
            stripped = _unbracketed_labels(stripped)
        elif "：" not in stripped[:8]:
            stripped = _colonless_labels(stripped)
        a = parse_fields(stripped, s0 + lead_ws)
        text_end = s0
        field_end: int | None = None
        if a is None and "：" in stripped and (m := _INLINE_FIELD.search(stripped)) is not None \
                and field_role(m["name"]) in _UNIT_FIELD_ROLES \
                and _opened(stripped[: m.start()]) == 0:  # not a field inside the item's own parenthetical
            # （一）进一步加大投资力度。责任单位：省发改委牵头，…配合。 the field closes the item's own line; after a comma
            # (1、农村道路畅通工程，牵头部门：市交通局。建设进度…) it ends at the full stop
            rest = stripped[m.start("name") :]
            if stripped[m.start() - 1] == "，" and "。" in rest:
                rest = rest[: rest.index("。")]
            a = parse_fields(rest, s0 + lead_ws + m.start("name"))
            lead_ws += m.start("name")
            text_end, field_end = s0 + lead_ws, s0 + lead_ws + len(rest)
        if a is None and (d := _DASHED.search(stripped)) is not None and _opened(stripped[: d.start()]) == 0:
            a = _dashed(d["list"], s0 + lead_ws + d.start("list"))
            if a is not None:
                text_end, field_end = s0 + lead_ws + d.start(), s0 + lead_ws + d.start("list") + len(d["list"])
                lead_ws += d.start("list")
        if a is None:
            _deadline_line(ft, s0 + lead_ws, stripped, out)
            continue
        if all(n in _field_names() for c in a.clauses for n, _, _ in c.units):
            continue  # 牵头单位 ⇥ 配合单位: a table's header labels side by side, no unit named
        it = item_at(items, s0 + lead_ws - 1) if s0 + lead_ws > 0 else None
        if _after_page_furniture(ft, s0):
            continue  # 【打印】【关闭】 / 附件下载： … .pdf / 主办单位：X　承办单位：Y: the site's footer, not the item's field
        text_start = it.start if it else s0
        units = once_each([UnitRef(name=n, role=c.role, span=Span(start=s, end=e)) for c in a.clauses for n, s, e in c.units])
        leads = [u.name for u in units if u.role == "lead"]
        deadline = None
        if a.deadline_text:
            v, off = a.deadline_text
            deadline = find_deadline(ft, off, off + len(v))
        line_end = a.glued_at if a.glued_at is not None else field_end or s0 + len(line.rstrip())  # not the field glued on
        prev = out[-1] if out else None
        if prev is not None and prev.path == (it.path if it else "") and not ft[prev.span.end : s0 + lead_ws].strip() \
                and not {u.role for u in units} & {u.role for u in prev.units}:
            # 牵头单位：X / 责任单位：Y on consecutive lines close one item: one task
            prev.units = once_each(prev.units + units)
            prev.lead_units = [u.name for u in prev.units if u.role == "lead"]
            prev.lead_basis = "explicit" if prev.lead_units else "none"
            prev.assignment_text = squeeze(ft[prev.span.start : line_end])
            prev.span = Span(start=prev.span.start, end=line_end)
            prev.deadline = prev.deadline or deadline
            continue
        out.append(Task(id=f"t{first_id + len(out)}", form="field", path=it.path if it else "", title=it.title if it else "",
                        text=squeeze(ft[text_start:text_end]), assignment_text=squeeze(ft[s0 + lead_ws : line_end]), units=units,
                        lead_units=leads, lead_basis="explicit" if leads else "none", deadline=deadline,
                        span=Span(start=s0 + lead_ws, end=line_end), text_span=Span(start=text_start, end=text_end)))
    return out
