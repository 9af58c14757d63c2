"""Annex tables: find flattened tables in text and read responsibility tables.

Public functions:

* :func:`find_tables` — rebuild the tables flattened into ``text[start:end]`` (bar convention
  ``TEXT |`` first, then one cell per line) as :class:`~policyparse.model.Table` models whose
  cells carry spans into ``text`` and the name of the layout rule behind every inferred span.
* :func:`leader_view` — group a responsibility table's items by person or unit.

``text`` is the folded reader text (:func:`policyparse.normalize.fold`); offsets in every
returned span are absolute offsets into it. The layout rules live in :mod:`.table_rules`, the
two flattenings in :mod:`.table_bars` and :mod:`.table_lines`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from .._settings import resolve_settings
from ..errors import UsageError
from ..model import Table
from ..normalize.numerals import is_page_number
from ..structure.envelope import CC_LABEL
from . import table_rules as rules
from .table_bars import BAR_CHARS, SERIAL, BarLine, classify, find_bar_tables
from .table_grid import Covered, Piece, Slot, TextLine, build_table, split_lines
from .table_layout import find_layout_tables
from .table_lines import LinesSettings, find_line_tables
from .table_rows import OPEN_END, find_row_tables
from .unit_lists import empty_marks

__all__ = ["FoundTables", "TableSettings", "find_tables", "leader_view"]

#: words that make a short line a header label
HEADER_WORDS = (
    "序号", "编号", "名称", "项目", "类别", "类型", "指标", "内容", "备注", "说明", "单位", "部门",
    "时限", "时间", "期限", "范围", "举措", "措施", "事项", "任务", "牵头", "配合", "责任", "领导",
    "负责", "标准", "来源", "金额", "数量", "人数", "地区", "省", "产业", "集群", "分值", "要求",
    "依据", "姓名", "职务", "年度", "目标", "进度", "处室", "对象", "条件", "方式", "环节", "领域", "工作",
    "要点", "进展", "情况",
)
#: labels of a sequence-number column
SEQ_LABELS = ("序号", "编号", "序", "项次", "序列")
#: labels that usually close the first header row (a header group sits before them)
TRAILING_LABELS = ("备注", "说明")
#: one-character values that are cells of their own, never part of a vertical label
SINGLE_VALUE_CHARS = "无是否有略空"

#: header words of the person / unit column of a responsibility table, strongest first
PERSON_WORDS = ("领导", "负责人", "责任人", "牵头", "责任单位", "责任部门", "负责单位", "指导部门", "主办", "单位", "部门")
#: header words of the item column, strongest first
ITEM_WORDS = ("集群", "产业链", "事项", "任务", "举措", "措施", "项目", "名称", "指标", "内容")
_NAME_SEPARATORS = re.compile(r"[、，,；;]")


@dataclass(frozen=True)
class TableSettings:
    """Settings of :func:`find_tables`; every field has a named default."""

    max_cols: int = 20
    label_max_len: int = 12
    header_words: tuple[str, ...] = HEADER_WORDS
    seq_labels: tuple[str, ...] = SEQ_LABELS
    trailing_labels: tuple[str, ...] = TRAILING_LABELS
    single_value_chars: str = SINGLE_VALUE_CHARS

    @classmethod
    def resolve(cls, value: TableSettings | dict | None) -> TableSettings:
        """``None`` -> defaults; a dict -> defaults with those fields replaced; an instance as is."""
        return resolve_settings(cls, value, what="table settings")


class FoundTables(NamedTuple):
    """The tables rebuilt from a region, in text order, and notes on lines that looked like a table
    but could not be read as one."""

    tables: list[Table]
    notes: list[str]


def find_tables(
    text: str, start: int = 0, end: int | None = None, settings: TableSettings | dict | None = None,
    *, source: str | None = None,
) -> FoundTables:
    """Rebuild the flattened tables of ``text[start:end]``.

    Returns ``(tables, notes)``: the tables in text order (``source`` is ``"text-bars"``,
    ``"text-lines"``, ``"text-layout"`` or ``"text-rows"``; each carries its own ``warnings`` for rows it kept without explaining), and
    notes on lines that looked like a table but could not be read as one. Lines of a bar table
    are never read again as a one-cell-per-line table. The result depends only on the inputs.
    ``source``: the text before width folding (the same length), whose tabs folding turned into blanks: a line
    whose cells a tab separates (a table copied from a spreadsheet or a word processor) is read as a row of cells
    between bars, so an empty cell keeps its place.
    """
    s = TableSettings.resolve(settings)
    end = len(text) if end is None else end
    if not 0 <= start <= end <= len(text):
        raise UsageError(f"table region [{start}, {end}) is not inside a text of {len(text)} characters")
    if source is not None and len(source) == len(text) and "\t" in source[start:end]:
        while end < len(text) and source[end] in " \t":
            end += 1  # a region trimmed of its trailing blanks keeps the tab that ends its last row's last cell
        text = tabs_as_bars(text, source, start, end)
    if "<t" in text[start:end]:
        text = tags_as_bars(text, start, end)
    lines = split_lines(text, start, end)
    tables, notes = find_bar_tables(text, lines, s.max_cols, s.header_words, s.label_max_len)
    taken = [(t.span.start, t.span.end) for t in tables if t.span is not None]
    # cells one a line with no bar, a bar line standing for each covered cell: before the one-cell-a-line reader
    bare_tables = _placeholder_tables(text, [ln for ln in lines if not any(a <= ln.start < b for a, b in taken)], s)
    bare_tables = [t for t in bare_tables if t.span is not None and not any(a <= t.span.start < b for a, b in taken)]
    taken += [(t.span.start, t.span.end) for t in bare_tables if t.span is not None]
    # a page's number between two rows (- 4 -, 第4页) is no cell; a bare number (4, 8.5) is a cell
    rest = [
        ln
        for ln in lines
        if not any(a <= ln.start < b for a, b in taken) and ln.raw[-1] not in BAR_CHARS
        and not (is_page_number(ln.raw.strip()) and re.search(r"[-—－–页]", ln.raw))
    ]
    # the 版记 (抄送：… / …印发) closes the document: no cell a line of it, nor the line it runs on to, is a table's
    trailer = next((ln.start for ln in rest if _TRAILER.match(ln.norm)), None)
    if trailer is not None:
        rest = [ln for ln in rest if ln.start < trailer]
    ls = LinesSettings(
        header_words=s.header_words,
        seq_labels=s.seq_labels,
        trailing_labels=s.trailing_labels,
        single_value_chars=s.single_value_chars,
        label_max_len=s.label_max_len,
        max_cols=s.max_cols,
    )
    line_tables, line_notes = find_line_tables(text, rest, ls)
    taken += [(t.span.start, t.span.end) for t in line_tables if t.span is not None]
    # a table laid out in columns by blanks (a PDF's text layer): where a row leaves a position blank or wraps a cell
    layout_tables = find_layout_tables(text, [ln for ln in lines if not any(a <= ln.start < b for a, b in taken)], s.seq_labels)
    taken += [(t.span.start, t.span.end) for t in layout_tables if t.span is not None]
    # every line no other reader took, bar-ended ones too: 序号 | 实事项目 | 责任单位 | is a row a line
    row_tables = find_row_tables(text, [ln for ln in lines if not any(a <= ln.start < b for a, b in taken)], s.seq_labels)
    tables = sorted(tables + bare_tables + line_tables + layout_tables + row_tables, key=lambda t: t.span.start if t.span else 0)
    return FoundTables(tables, notes + line_notes)


_TAB_ROW = re.compile(r"^(?=[^\n]*\S\t)(?:[^\t\n]*\t){2,}[^\t\n]*$", re.M)
_SHORT_TAB_ROW = re.compile(r"^[^\t\n]*\S\t\S[^\t\n]*$", re.M)


def _line_end(text: str, pos: int, end: int) -> int:
    k = text.find("\n", pos, end)
    return end if k < 0 else k


def tabs_as_bars(text: str, source: str, start: int, end: int) -> str:
    """``text`` with a bar where ``source`` holds a tab between the cells of a line (two tabs or more, one of them
    after some text: an indent is no cell separator, an empty first cell is), and a blank for the line break inside a
    cell of such a line; every other character as it is (the same length)."""
    chars = list(text)
    rows = list(_TAB_ROW.finditer(source, start, end))
    widest = max((r.group(0).count("\t") for r in rows), default=0)
    broken = [r.end() for r in rows if r.end() < end and r.group(0).rstrip().endswith(OPEN_END)
              and r.group(0).count("\t") + source[r.end() + 1 : _line_end(source, r.end() + 1, end)].count("\t") == widest]
    if broken:
        # 3\t…\t县财政局、县农业农村局、 / 各乡（镇）人民政府\t2026年12月底前: a cell holding a line break, the row going on
        # below with the rest of that cell and its last cells: the break is read as a blank, the two lines as one row
        src = list(source)
        for k in broken:
            src[k] = chars[k] = " "
        source = "".join(src)
        rows = list(_TAB_ROW.finditer(source, start, end))
    # a line of two cells right under a row of the table (开展…专项行动\t区市场监督管理局): a row that leaves its merged
    # cells out, as the rows read by table_rows do; not the rest of a cell the row above leaves open (县农业农村局、)
    closed = {r.end() + 1 for r in rows if not r.group(0).rstrip().endswith(OPEN_END)}  # where a line after such a row starts
    rows += [m for m in _SHORT_TAB_ROW.finditer(source, start, end) if m.start() in closed]
    for m in rows:
        for k in range(m.start(), m.end()):
            if source[k] == "\t":
                chars[k] = "|"
    return "".join(chars)


#: a table's markup left in a text, a row a line (<tr><td>1</td><td rowspan="2">市工信局</td>…</tr>)
_MARKUP_ROW = re.compile(r"^[ \t]*<tr\b[^>\n]*>.*$", re.M | re.I)
_MARKUP_CELL = re.compile(r"<t([dh])\b([^>\n]*)>(.*?)</t\1>", re.I)
_MARKUP_LINE = re.compile(r"^[ \t]*</?(?:table|tbody|thead)\b[^>\n]*>[ \t]*$", re.M | re.I)
_SPAN_ATTR = re.compile(r"(row|col)span\s*=\s*[\"']?(\d+)", re.I)


def tags_as_bars(text: str, start: int, end: int) -> str:
    """``text`` with a table's markup left in it (a task table pasted as its HTML, a row a line) read as bar rows: every
    tag blanked, a bar where each cell closes, and a bar where a cell merged from a row above (rowspan) stands, so the
    row keeps that cell's place empty (a covered cell of a column every task fills, filled from above); a row of one
    cell spanning the table (colspan) keeps no bar, a category line. Every other character as it is (the same length:
    spans index the text)."""
    chars = list(text)
    for m in _MARKUP_LINE.finditer(text, start, end):
        chars[m.start() : m.end()] = " " * (m.end() - m.start())
    below: dict[int, int] = {}  # column -> rows a merged cell still covers
    for row in _MARKUP_ROW.finditer(text, start, end):
        cells = list(_MARKUP_CELL.finditer(row.group(0)))
        if not cells:
            continue
        base = row.start()
        chars[base : row.end()] = " " * (row.end() - base)  # a row is one line
        for c in cells:  # the cell's text back in place
            chars[base + c.start(3) : base + c.end(3)] = list(c.group(3))
        spans = [{k.lower(): int(v) for k, v in _SPAN_ATTR.findall(c.group(2))} for c in cells]
        if len(cells) == 1 and spans[0].get("col", 1) > 1:
            below.clear()
            continue  # 一、延链补链 over the whole row: a category line, no bar
        col, covered_before = 0, []
        for c, sp in zip(cells, spans, strict=True):
            while below.get(col, 0) > 0:
                covered_before.append(base + c.start())
                col += 1
            chars[base + c.start(3) + len(c.group(3))] = "|"  # the bar where the cell closes (the < of </td>)
            if sp.get("row", 1) > 1:
                below[col] = sp["row"]
            col += sp.get("col", 1)
        for at in covered_before:
            chars[at] = "|"  # the merged cell's place: an empty cell before the next printed one
        below = {k: v - 1 for k, v in below.items() if v > 1}  # one row fewer for each merge still covering
    return "".join(chars)


_TRAILER = re.compile(CC_LABEL)  # the text is folded: its colons are full-width
_STOP = re.compile(r"^(?:注|说明|备注|抄送|印发|附件)\s*\d*\s*[：:]|^附件\s*\d*$")


def _is_bar_line(ln: TextLine) -> bool:
    return isinstance(classify(ln), BarLine)  # the bar reader's own test of a line made only of bars


def _placeholder_tables(text: str, lines: list[TextLine], s: TableSettings) -> list[Table]:
    """Tables flattened one cell a line with no bar on the cells, where a line of one bar stands in the
    place of each covered cell (序号 / 任务 / 牵头单位 / … / 2 / 绥芬河… / | / 牡丹江市… / |): the header is
    the labels from a 序号 line to the first row number, and every row is that many lines, cells and
    bars, starting with a number or a bar. Read only where the run holds such a bar line and divides
    into whole rows; a bar line is the cell above continued (``covered_in_place``)."""
    out: list[Table] = []
    k = 0
    while k < len(lines):
        if lines[k].norm not in s.seq_labels:
            k += 1
            continue
        h = k
        while h < len(lines) and not SERIAL.match(lines[h].norm) and len(lines[h].norm) <= s.label_max_len:
            h += 1
        n_cols = h - k
        j = h
        while j < len(lines) and not _STOP.match(lines[j].norm) and len(lines[j].norm) <= 60:
            j += 1
        body = lines[h:j]
        rows = [body[r : r + n_cols] for r in range(0, len(body) - len(body) % n_cols, n_cols)] if n_cols >= 3 else []
        ok = (rows and len(body) % n_cols == 0 and any(_is_bar_line(ln) for ln in body)
              and not any(ln.raw.rstrip()[-1:] in BAR_CHARS and not _is_bar_line(ln) for ln in body)
              and all(SERIAL.match(r[0].norm) or _is_bar_line(r[0]) for r in rows)
              and not any(_is_bar_line(r[c]) for r in rows[:1] for c in range(n_cols)))
        if not ok:
            k += 1
            continue
        slots: list[list[Slot]] = [[Piece([ln], header=True) for ln in lines[k:h]]]
        slots += [[Covered((rules.COVERED_IN_PLACE,)) if _is_bar_line(ln) else Piece([ln]) for ln in r] for r in rows]
        out.append(build_table(slots, n_cols=n_cols, n_header_rows=1, text=text, source="text-bars", warnings=[]))
        k = j
    return out


# --- responsibility view -------------------------------------------------------------------


def _find_column(header: list[str], words: tuple[str, ...], exclude: int | None) -> int | None:
    for word in words:
        for i, name in enumerate(header):
            if i != exclude and word in name:
                return i
    return None


def _column_index(header: list[str], name: str | int) -> int:
    if isinstance(name, int):
        if not 0 <= name < len(header):
            raise UsageError(f"column {name} is not a column of a {len(header)}-column table")
        return name
    if name in header:
        return header.index(name)
    raise UsageError(f"no column named {name!r}; columns are {', '.join(header)}")


def leader_view(
    table: Table,
    person_column: str | int | None = None,
    item_column: str | int | None = None,
    *,
    split_names: bool = True,
) -> dict[str, list[dict]]:
    """Group a responsibility table's items by the person (or unit) in charge.

    ``person_column`` / ``item_column`` name a header (or give a 0-based index); when ``None``
    they are detected from header words (领导, 负责人, 牵头 … / 集群, 产业链, 事项 …). Returns
    ``{person: [{"item": …, "row": k, "context": {other column: value}}]}`` with persons in order
    of first appearance and items in row order (``row`` indexes ``table.rows``). A cell naming
    several persons (``A、B``) lists the item under each when ``split_names``; empty cells
    (``/``) are skipped. Returns ``{}`` when no person or item column can be detected; raises
    :class:`UsageError` when a named column does not exist.
    """
    header = table.header or [f"col{i + 1}" for i in range(table.n_cols)]
    p: int | None
    it: int | None
    if person_column is not None:
        p = _column_index(header, person_column)
    else:
        p = _find_column(header, PERSON_WORDS, None)
    if p is None:
        return {}
    if item_column is not None:
        it = _column_index(header, item_column)
    else:
        it = _find_column(header, ITEM_WORDS, p)
    if it is None:
        return {}
    view: dict[str, list[dict]] = {}
    for k, row in enumerate(table.rows):
        if len(row) <= max(p, it):
            continue
        item = row[it]
        if item in empty_marks() or len({v for v in row if v}) == 1 and len(row) > 1:
            continue  # empty item, or a full-width section row
        names = [n.strip() for n in _NAME_SEPARATORS.split(row[p])] if split_names else [row[p]]
        context = {header[c]: row[c] for c in range(len(row)) if c not in (p, it)}
        for name in names:
            if name in empty_marks():
                continue
            view.setdefault(name, []).append({"item": item, "row": k, "context": dict(context)})
    return view
