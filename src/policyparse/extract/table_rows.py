"""Tables printed one row per line, their cells separated by blanks (a portal's copy of an HTML table).

``序号 工 作 任 务 牵头负责部门`` then ``1 居民消费价格涨幅3%左右 发展改革委`` … : nothing but blanks
separates the cells, and a cell's own text may hold blanks too; or ``序号 | 实事项目 | 责任单位 |`` then
``1 | … | 区教育局 |``, a row a line with bars between the cells (then every cell is between bars, and
an empty one is a merged cell continued from above in a column every task fills — 序号, the task,
牵头/责任单位, 完成时限: ``empty_cell_of_a_filled_column`` — and anywhere in a row whose number is empty,
which continues the item above; else an empty cell). The header decides the column
count: its labels are the blank-separated tokens, single characters spaced out for width joined
back into one label (``工 作 任 务`` → ``工作任务``), and it must open with a sequence label
(``序号``). Each data row then starts with the next sequence number; its last ``n - 2`` tokens are
the cells right of the text column, the text column takes what lies between (blanks kept). A row
that does not split so ends the table. At least two rows, numbered one after the other.

Pipeline: ``header_labels -> rows after it -> build_table`` (source ``text-rows``). Used where
a flattened table may stand (:func:`policyparse.extract.tables.find_tables`), after the bar and
one-cell-per-line readers, on the lines they leave. A bar table whose header has no sequence label (a table of
targets per county: ``县（区）|2025年|…``) is read by its bars alone (:func:`_plain_bar_table`).
"""

from __future__ import annotations

import re

from ..model import Table
from ..normalize.numerals import is_page_number
from . import table_rules as rules
from .table_fit import cell_kind
from .table_grid import Covered, Piece, Slot, Spanned, TextLine, build_table

__all__ = ["find_row_tables", "header_labels"]

SOURCE = "text-rows"

_TOKEN = re.compile(r"\S+")
#: a cell of a line whose cells stand two blanks or more apart: words joined by single blanks
_GAPPED = re.compile(r"\S+(?: \S+)*")
_SEQ = re.compile(r"^[（(]?(\d{1,3})[)）]?[.、．]?$")
_CJK1 = re.compile(r"^[\u4e00-\u9fff]$")


def _piped(raw: str, style: tuple[bool, bool] | None = None) -> list[tuple[int, int]] | None:
    """The cells of a line written with bars between them (``None`` when it has fewer than two bars); an
    empty cell is ``(k, k)``. ``style`` is the header's (opens with a bar, ends with one): a row of that style
    has no cell before its first bar or after its last one, so ``|开展…|`` under ``序号|任务|`` opens with an
    empty cell and ``6|招引…||`` ends with one, while ``1 | … | 区教育局 |`` under ``序号 | … |`` does not."""
    raw = raw.replace("｜", "|")  # a full-width bar separates cells as well (the same length)
    if raw.count("|") < 2:
        return None
    opens, ends = style if style is not None else (raw.lstrip().startswith("|"), raw.rstrip().endswith("|"))
    out = []
    pos = 0
    parts = raw.split("|")
    for idx, part in enumerate(parts):
        s = pos + len(part) - len(part.lstrip())
        e = pos + len(part.rstrip())
        pos += len(part) + 1
        if e <= s and ((idx == 0 and opens) or (idx == len(parts) - 1 and ends)):
            continue  # the space outside the outer bars
        out.append((s, max(s, e)))
    return out


def _style(raw: str) -> tuple[bool, bool]:
    return raw.lstrip().startswith(("|", "｜")), raw.rstrip().endswith(("|", "｜"))


def header_labels(line: TextLine, seq_labels: tuple[str, ...]) -> list[TextLine] | None:
    """The labels of a one-line header as sub-lines (``None`` when the line is no such header)."""
    piped = _piped(line.raw)
    if piped is not None:
        if len(piped) < 3 or any(s == e for s, e in piped) or _seq_column([line.raw[s:e] for s, e in piped], seq_labels) is None:
            return None
        return [_sub(line, s, e) for s, e in piped]
    tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(line.raw)]
    labels: list[tuple[int, int]] = []
    for s, e in tokens:
        if labels and _CJK1.match(line.raw[s:e]) and _CJK1.match(line.raw[labels[-1][1] - 1 : labels[-1][1]]) and (
                labels[-1][1] - labels[-1][0] == 1 or _spaced(line.raw, labels[-1])):
            labels[-1] = (labels[-1][0], e)  # 工 作 任 务: one label spaced out for width
            continue
        labels.append((s, e))
    if len(labels) < 3 or line.raw[labels[0][0] : labels[0][1]] not in seq_labels:
        return None
    return [_sub(line, s, e) for s, e in labels]


def header_again(lines: list[TextLine], j: int, header: list[TextLine]) -> bool:
    """Whether ``lines[j]`` is the table's header printed again (a table that runs over a page break), or the page's
    number right before it (— 6 —)."""
    def same(line: TextLine) -> bool:
        return [t.group(0) for t in _TOKEN.finditer(line.raw.replace("|", " "))] == \
            [t.group(0) for c in header for t in _TOKEN.finditer(c.raw)]

    if is_page_number(lines[j].raw.strip()):
        return j + 1 < len(lines) and same(lines[j + 1])
    return same(lines[j])


def _seq_column(labels: list[str], seq_labels: tuple[str, ...]) -> int | None:
    """The column of the row numbers: the first, or the second after a category column (类别 | 序号 | …)."""
    from .unit_lists import field_role

    if labels and labels[0] in seq_labels:
        return 0
    if len(labels) > 2 and labels[1] in seq_labels and field_role(labels[0]) == "category":
        return 1
    return None


def _spaced(raw: str, span: tuple[int, int]) -> bool:
    """A label already joined from single characters (``工 作``)."""
    part = raw[span[0] : span[1]]
    return len(part) >= 3 and all(part[k] == " " for k in range(1, len(part), 2))


def _sub(line: TextLine, s: int, e: int) -> TextLine:
    return TextLine(number=line.number, start=line.start + s, end=line.start + e, raw=line.raw[s:e])


def _row(line: TextLine, n_cols: int, expect: int | None, style: tuple[bool, bool] | None,
         seq: int = 0, gap: bool = False) -> list[TextLine | None] | None:
    """The cells of a data row numbered ``expect`` (any number when ``None``), or ``None``; an empty cell
    between bars is ``None``, and a bar row with an empty number continues the row above (``expect`` is
    then not ``None``). ``style``: the header's bars (``None``: a header of blank-separated labels); ``seq``:
    the column of the row numbers (bar rows only)."""
    if style is not None:
        piped = _piped(line.raw, style)
        if piped is not None and seq == 1 and len(piped) == n_cols - 1 and _SEQ.match(line.raw[piped[0][0] : piped[0][1]]):
            piped = [(piped[0][0], piped[0][0]), *piped]  # 2 | … under 大类 | 序号 | …: the category cell merged from above, not printed
        if piped is None or len(piped) != n_cols:
            return None
        first = line.raw[piped[seq][0] : piped[seq][1]]
        m = _SEQ.match(first)
        if first:
            if m is None or (expect is not None and int(m.group(1)) != expect):
                return None
        elif expect is None:
            return None  # a continuation needs a row above
        return [_sub(line, s, e) if e > s else None for s, e in piped]
    gapped = [(m.start(), m.end()) for m in _GAPPED.finditer(line.raw)]
    if gap and len(gapped) == n_cols and (m := _SEQ.match(line.raw[gapped[0][0] : gapped[0][1]])) is not None \
            and (expect is None or int(m.group(1)) == expect):
        # 1    划定矿泉水 水源地保护区  市自然资源局   市水务局、 各乡（镇）人民政府  2025年 10月底: cells two blanks or more
        # apart under a header so spaced, a cell's own single blanks kept inside it
        return [_sub(line, a, b) for a, b in gapped]
    tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(line.raw)]
    if len(tokens) < 3 or len(tokens) < n_cols and expect is None:
        return None  # a row short of cells continues the merged cells of a row above: never the first row
    m = _SEQ.match(line.raw[tokens[0][0] : tokens[0][1]])
    if m is None or (expect is not None and int(m.group(1)) != expect):
        return None
    if len(tokens) < n_cols:  # 2  引进电解液…  市商务局、湘潭高新区管委会  2026年6月底前: a merged cell left out of the line
        short = [_sub(line, *tokens[0]), _sub(line, *tokens[1])] + [_sub(line, s, e) for s, e in tokens[2:]]
        return short + [None] * (n_cols - len(short))  # the right cells in order; _place_short puts them in their columns
    right = tokens[len(tokens) - (n_cols - 2) :]
    middle = (tokens[1][0], tokens[len(tokens) - (n_cols - 2) - 1][1])
    cells: list[TextLine | None] = [_sub(line, *tokens[0]), _sub(line, *middle)]
    return cells + [_sub(line, s, e) for s, e in right]


_SEQ_DEC = re.compile(r"^(\d{1,3})[.．](\d{1,3})$")


def _decimal_row(line: TextLine, n_cols: int, style: tuple[bool, bool], seq: int
                 ) -> tuple[tuple[int, int], list[TextLine | None]] | None:
    """A bar row numbered 1.1 / 2.3 (the rows under group rows numbered 1, 2 …): its number and cells, or None."""
    piped = _piped(line.raw, style)
    if piped is None or len(piped) != n_cols:
        return None
    m = _SEQ_DEC.match(line.raw[piped[seq][0] : piped[seq][1]])
    if m is None:
        return None
    return (int(m.group(1)), int(m.group(2))), [_sub(line, s, e) if e > s else None for s, e in piped]


def _section_row(line: TextLine, n_cols: int, style: tuple[bool, bool]) -> list[TextLine | None] | None:
    """A heading printed as a row between the numbered rows: text in its first one or two cells only, the
    first no row number of the table's kind (一、… / （一）… / ``1`` among rows (1)…(n))."""
    piped = _piped(line.raw, style)
    if piped is None and "|" not in line.raw and rules.is_section_row(line.raw.strip()):
        return [line] + [None] * (n_cols - 1)  # 一、贸易物流平台 printed without the table's bars
    if piped is None or not 0 < len(piped) <= n_cols or piped[0][1] <= piped[0][0]:
        return None
    if any(e > s for s, e in piped[2:]):
        return None
    first = line.raw[piped[0][0] : piped[0][1]]
    if _SEQ.match(first) and not first.isdigit():
        return None  # (8) with its text only: a row whose other cells are empty, not a heading
    return [_sub(line, s, e) if e > s else None for s, e in piped] + [None] * (n_cols - len(piped))


def _free_columns(labels: list[str]) -> list[bool]:
    """Columns of no role whose empty cells may be merged ones: neither a role's column (配合单位 may be
    empty) nor a free-text one (备注, ``task_columns.json`` ``free_header_words``)."""
    from .unit_lists import field_role, is_person_column

    return [field_role(label) is None and not is_person_column(label) and not note
            for label, note in zip(labels, note_columns(labels), strict=True)]


def filled_columns(labels: list[str]) -> list[bool]:
    """Which columns every task fills (序号, the task, 牵头/责任单位, 完成时限, 责任领导), by their header label; beside a
    牵头单位 column a 责任单位 column names the other units, which a task may lack, as a 配合单位 column does."""
    from .unit_lists import field_role, is_person_column

    roles = [field_role(label) for label in labels]
    filled = set(rules.FILLED_ROLES) - ({"responsible"} if "lead" in roles else set())
    # a 责任领导 column too: each task has its leader, printed or merged from the row above
    return [role in filled or is_person_column(label) for role, label in zip(roles, labels, strict=True)]


def note_columns(labels: list[str]) -> list[bool]:
    """Free-text columns (备注, ``task_columns.json`` ``free_header_words``): a blank cell there is blank."""
    from .unit_lists import task_columns

    return [any(w in label for w in task_columns()["free_header_words"]) for label in labels]


def printed_empty_marks() -> frozenset[str]:
    """The marks a table prints in an empty cell (/, —, 无; ``task_columns.json`` ``empty_cells``), blank excluded."""
    from .unit_lists import empty_marks

    return frozenset(m for m in empty_marks() if m)


def find_row_tables(text: str, lines: list[TextLine], seq_labels: tuple[str, ...]) -> list[Table]:
    """Every one-row-a-line table among ``lines`` (blank lines are not in ``lines``)."""
    tables: list[Table] = []
    k = 0
    while k < len(lines):
        header = header_labels(lines[k], seq_labels)
        head_slots: list[list[Slot]] | None = None
        if header is None and (two := _two_row_header(lines, k, seq_labels)) is not None:
            head_slots, header = two
        elif header is not None and (two := _grouped_header(lines, k, header)) is not None:
            head_slots, header = two
        if header is None:
            plain = _plain_bar_table(text, lines, k)
            if plain is not None:
                tables.append(plain[0])
                k = plain[1]
                continue
            k += 1
            continue
        n_cols = len(header)
        style = _style(lines[k].raw) if _piped(lines[k].raw) is not None else None
        seq = (_seq_column([c.raw for c in header], seq_labels) or 0) if style is not None else 0
        gap = style is None and len(_GAPPED.findall(lines[k].raw)) == n_cols  # labels two blanks or more apart
        rows: list[list[TextLine | None]] = []
        sections: set[int] = set()  # rows that are section headings spanning the table
        piped_short: set[int] = set()  # bar rows that leave merged cells out (fewer cells than the header)
        more: dict[int, list[TextLine]] = {}  # the lines a row's last cell runs on to, by row
        j = k + 1 + (len(head_slots) - 1 if head_slots else 0)
        last: int | None = None  # the last row number read
        last_dec: tuple[int, int] | None = None  # the last decimal row number read (1.1, 1.2, 2.1 …)
        while j < len(lines):
            if rows and header_again(lines, j, header):
                j += 1  # the header printed again at the top of the next page (after its page number): the table runs on
                continue
            dec = _decimal_row(lines[j], n_cols, style, seq) if style is not None else None
            if dec is not None:
                (a, b), numbered = dec
                if last_dec is None and b == 1 or last_dec is not None and (a, b) in (
                        (last_dec[0], last_dec[1] + 1), (last_dec[0] + 1, 1)):
                    if b == 1 and rows and last == a and len(rows) - 1 not in sections and all(
                            c is None for c in rows[-1][seq + 2 :]):
                        sections.add(len(rows) - 1)  # 1 | 种源保障提升行动 | | : the group row over 1.1, 1.2 …
                    last_dec = (a, b)
                    rows.append(numbered)
                    j += 1
                    continue
                break
            cells = _row(lines[j], n_cols, None if last is None else last + 1, style, seq, gap)
            if cells is None and last is not None and style is not None:
                # a continuation row: an empty number, or the number of the row above printed again (one item, two rows)
                cells = _row(lines[j], n_cols, last, style, seq, gap)
            if cells is None and style is not None and _bare_category(lines, j, rows, n_cols, last, style, seq):
                sections.add(len(rows))  # 产业项目 on a line of its own, no bars, over the next row: a category spanning the table
                rows.append([lines[j]] + [None] * (n_cols - 1))
                j += 1
                continue
            if cells is None and style is not None and rows and len(rows) - 1 not in sections and _runs_on(
                    lines, j, rows[-1], j + 1 < len(lines) and (
                        _row(lines[j + 1], n_cols, None if last is None else last + 1, style, seq) is not None
                        or rules.is_section_row(lines[j + 1].raw.strip())
                        or _bare_category(lines, j + 1, [], n_cols, last, style, seq))):
                # 1|新建…|区农业农村局|区财政局、刘家沟镇人民政府、 / 大辛店镇人民政府: the row's last cell broken onto
                # a line of its own, without bars
                more.setdefault(len(rows) - 1, []).append(lines[j])
                j += 1
                continue
            if cells is None and style is not None and seq == 0 and rows and (
                    short_cells := _short_piped(lines[j], n_cols, last, style)) is not None:
                # 建立…|县林业局|— under 序号|重点任务|牵头单位|配合单位|完成时限: a copy that leaves a merged cell out of its row
                piped_short.add(len(rows))
                rows.append(short_cells)
                if (num := _SEQ.match(short_cells[0].raw)) is not None:  # type: ignore[union-attr]
                    last = int(num.group(1))
                j += 1
                continue
            sec = _section_row(lines[j], n_cols, style or (False, False)) if cells is None else None
            if cells is None and sec is None and rows and len(rows) - 1 in sections:
                cells = _row(lines[j], n_cols, 1, style, seq, gap)  # 一、基地建设 over rows numbered from 1 again
            if cells is None and sec is not None:
                sections.add(len(rows))  # 一、主要预期目标 | ||| or 1 | 大力提振消费。 | || between rows (1)…(n)
                rows.append(sec)
                j += 1
                continue
            if cells is None:
                break
            if cells[seq] is not None:
                last = int(_SEQ.match(cells[seq].raw).group(1))  # type: ignore[union-attr]
            rows.append(cells)
            j += 1
        j = drop_trailing_sections(rows, sections, j)
        if len(rows) - len(sections) < 2:
            k += 1
            continue
        warnings: list[str] = []
        short = {r for r, row in enumerate(rows) if style is None and r not in sections and row[-1] is None}
        if short:
            _place_short(rows, short, [c.raw for c in header], warnings)
        if piped_short:
            _place_piped_short(rows, piped_short, sections, [c.raw for c in header], warnings)
            short |= piped_short
        slots: list[list[Slot]] = list(head_slots or [[Piece([c], header=True) for c in header]])
        filled = filled_columns([c.raw for c in header])
        free = _free_columns([c.raw for c in header])
        notes = note_columns([c.raw for c in header])
        # a table that prints its empty cells with a mark (/, —) leaves a cell blank only where a cell above covers it
        marked = any(c is not None and c.raw.strip() in printed_empty_marks() for row in rows for c in row)
        # a note column (备注) that prints its own empty cells with a mark leaves one blank only under a cell covering it
        marked_in = [any(len(row) > i and row[i] is not None and row[i].raw.strip() in printed_empty_marks()  # type: ignore[union-attr]
                         for row in rows) for i in range(n_cols)]
        for r, row in enumerate(rows):
            if r in sections:
                slots.append(section_row([c for c in row if c is not None], n_cols))
                continue
            # an empty cell: covered in a column every task fills, or anywhere in a row that continues the item
            # above (its number is empty); in a column of no role (兑现方式), covered when the row shares a
            # filled column's cell with the row above; else an empty cell (None)
            pieces = [Piece([c]) if c is not None else None for c in row]
            if r in more and row[-1] is None and r not in short:
                pieces[-1] = Piece(more[r])  # …|县工业和信息化局| / 2026年6月底前: the line broke after the empty last cell's bar
            elif r in more:  # the last printed cell takes the lines it runs on to
                tail = max(i for i, c in enumerate(row) if c is not None)
                pieces[tail] = Piece([row[tail], *more[r]])  # type: ignore[list-item]
            if r in short:  # the cells the line leaves out are covered by the cells above them
                slots.append([p or Covered((rules.COVERED_BY_COLUMN_FIT,)) for p in pieces])
                continue
            cont = r > 0 and row[seq] is None
            shares = r > 0 and any(c is None and filled[i] for i, c in enumerate(row))
            slots.append([p if p is not None
                          else Covered((rules.EMPTY_CELL_OF_A_FILLED_COLUMN,))
                          if r > 0 and (filled[i] or cont or shares and free[i] or marked and (not notes[i] or marked_in[i]))
                          else None
                          for i, p in enumerate(pieces)])
        tables.append(build_table(slots, n_cols=n_cols, n_header_rows=len(head_slots) if head_slots else 1, text=text,
                                  source=SOURCE, warnings=warnings))
        k = j
    return tables


#: how a cell's line ends when the cell goes on to the next line: a list cut after its separator
OPEN_END = ("、", "，", ",")


def _runs_on(lines: list[TextLine], j: int, row: list[TextLine | None], next_is_row: bool) -> bool:
    """Whether ``lines[j]``, a line without bars under a bar row, is the rest of that row's last cell: short, no
    sentence of its own, and either the cell ends open (``区财政局、``) or the next line is the next row
    or a heading between rows."""
    raw = lines[j].raw.strip()
    if not raw or any(b in raw for b in "|｜") or len(raw) > 40 or re.search(r"[。；：]", raw) or rules.is_section_row(raw):
        return False  # 二、产业数字化平台（共3项）: a heading between the rows
    tail = next((c for c in reversed(row) if c is not None), None)
    if tail is None:
        return False
    if tail.raw.rstrip().endswith(OPEN_END):
        return True
    # 10|…|每年 / 12月底前 at the text's end: a month without its year goes on with the deadline the cell began
    return next_is_row or MONTH_ON.match(raw) is not None and cell_kind(tail.raw.strip() + raw) == "deadline"


#: the rest of a deadline broken after its year or its 每年 (12月底前, 月底前, 底前): a month or what ends a date, no year
MONTH_ON = re.compile(r"(?:[0-9]{1,2}月|月|底|前)[^年]*$")


def _bare_category(lines: list[TextLine], j: int, rows: list[list[TextLine | None]], n_cols: int, last: int | None,
                   style: tuple[bool, bool], seq: int) -> bool:
    """Whether ``lines[j]``, a line without bars, is a category printed over the next row of a bar table (产业项目 /
    基础设施及社会事业项目): a short label, no sentence, unit list or deadline, no cell the row above leaves open, and the
    next line the next row."""
    raw = lines[j].raw.strip()
    if not raw or any(b in raw for b in "|｜") or len(raw) > 20 or re.search(r"[，。；：、,;:]", raw) or cell_kind(raw) != "label":
        return False
    tail = next((c for c in reversed(rows[-1]) if c is not None), None) if rows else None
    if tail is not None and (tail.raw.rstrip().endswith(OPEN_END) or cell_kind(tail.raw.strip() + raw) in ("units", "deadline")):
        return False  # 区市场监 / 督管理局: the rest of the row's last cell
    return j + 1 < len(lines) and _row(lines[j + 1], n_cols, 1 if last is None else last + 1, style, seq) is not None


def drop_trailing_sections(rows: list, sections: set[int], j: int) -> int:
    """Drop the section rows that close ``rows`` (a heading after the last row belongs to the text below), in place;
    returns ``j``, the index of the line after the table, moved back over them."""
    while rows and len(rows) - 1 in sections:
        sections.discard(len(rows) - 1)
        rows.pop()
        j -= 1
    return j


def section_row(lines: list[TextLine], n_cols: int) -> list[Slot]:
    """The slots of a category line spanning a table (一、基地建设): one cell over every column."""
    return [Piece(lines, col_span=n_cols, span_rule=rules.SECTION_ROW_FULL_WIDTH)] + [Spanned() for _ in range(n_cols - 1)]


_NUMBER = re.compile(r"^[\d.．%％,，]+$")
_LABEL_MAX = 20


def _plain_bar_table(text: str, lines: list[TextLine], k: int) -> tuple[Table, int] | None:
    """A table of rows written with bars between their cells and no row numbers (``县（区）|2025年|2026年|合计`` /
    ``渝水区|3.1|3.3|9.8`` …): a header line of three or more short labels, none of them a number, then two or more
    lines of as many cells; an empty cell is empty (no column here says it is filled by every row), but for a row
    printed from the left whose trailing cells are empty (its leading cells merged with the row above and left out):
    its cells go where they fit (:func:`.table_fit.place_row`), the gaps covered. Returns the table and the index of
    the first line after it, or ``None``."""
    head = _piped(lines[k].raw)
    if head is None or len(head) < 3:
        return None
    labels = [lines[k].raw[a:b] for a, b in head]
    if any(not x or len(x) > _LABEL_MAX or _NUMBER.match(x) or x.endswith(("：", ":")) for x in labels):
        return None  # 公开责任部门 | X办公室 | 公开形式: | 主动公开: a portal's field labels and values, no header
    style = _style(lines[k].raw)
    rows: list[list[TextLine | None]] = []
    j = k + 1
    while j < len(lines) and (cells := _piped(lines[j].raw, style)) is not None and len(cells) == len(head):
        rows.append([_sub(lines[j], a, b) if b > a else None for a, b in cells])
        j += 1
    if len(rows) < 2 or not all(any(c is not None for c in row) for row in rows):
        return None
    from . import table_fit

    n_cols = len(head)
    slots: list[list[Slot]] = [[Piece([_sub(lines[k], a, b)], header=True) for a, b in head]]
    complete = [[c.raw for c in row if c is not None] for row in rows if all(c is not None for c in row)]
    cols = table_fit.profiles(labels, complete)
    warnings: list[str] = []
    for r, row in enumerate(rows):
        real = [c for c in row if c is not None]
        if r == 0 or row[-1] is not None or row[: len(real)] != real:
            slots.append([Piece([c]) if c is not None else None for c in row])
            continue
        # 3.及时反馈… | 各科室 | | under 工作任务 | 具体要求 | 责任部门: the cells of a row printed from the left, its
        # leading cells merged with the row above left out; placed where they fit, the gaps covered
        above = [slots[-1][c].lines[0].raw if isinstance(slots[-1][c], Piece) else "" for c in range(n_cols)]  # type: ignore[union-attr]
        placed = table_fit.place_row([c.raw for c in real], n_cols, cols, [True] * n_cols, f"line {row[0].number}",  # type: ignore[union-attr]
                                     labels, above)
        if placed.warning:
            warnings.append(placed.warning)
        at = dict(zip(placed.columns, real, strict=True))
        slots.append([Piece([at[c]]) if c in at else Covered((placed.rule,)) for c in range(n_cols)])
    return build_table(slots, n_cols=n_cols, n_header_rows=1, text=text, source=SOURCE, warnings=warnings), j


def _place_short(rows: list[list[TextLine | None]], short: set[int], labels: list[str], warnings: list[str]) -> None:
    """Put the right cells of each row short of cells (a merged cell left out of its line) in the columns they fit,
    learned from the header and the complete rows (:func:`.table_fit.place_row`; a tie is a warning naming the
    placements); the number and the task stay in the first two columns. In place."""
    from . import table_fit

    n_cols = len(labels)
    complete = [[c.raw if c is not None else "" for c in row] for r, row in enumerate(rows) if r not in short]
    cols = table_fit.profiles(labels, complete)
    for r in sorted(short):
        row = rows[r]
        real = [c for c in row[2:] if c is not None]
        values = [c.raw for c in real]
        above = [rows[r - 1][c].raw if r > 0 and rows[r - 1][c] is not None else "" for c in range(n_cols)]  # type: ignore[union-attr]
        placed = table_fit.place_row(["", "", *values], n_cols, cols, [False, False] + [r > 0] * (n_cols - 2),
                                     f"line {row[0].number}", labels, above)  # type: ignore[union-attr]
        if placed.warning:
            warnings.append(placed.warning)
        at = dict(zip(placed.columns[2:], real, strict=True))
        rows[r] = [row[0], row[1]] + [at.get(c) for c in range(2, n_cols)]


def _short_piped(line: TextLine, n_cols: int, last: int | None, style: tuple[bool, bool]) -> list[TextLine | None] | None:
    """The printed cells of a bar row short of cells (a copy of a table that leaves each merged cell out of the rows it
    covers, not printed empty), padded with ``None``: at least three cells, none of them empty, opening with the next
    row number or with no number at all (a row under the number above: 2 | 低产园… then 建立…采穗圃 | 县林业局 | —);
    ``None`` for any other line, and for a row that is not short."""
    piped = _piped(line.raw, style)
    if piped is None and line.raw.count("|") == 1 and not any(style):  # two cells: the second must be a unit list
        piped = _piped(line.raw + "|", (False, True))
        if piped is not None and cell_kind(line.raw[piped[1][0] : piped[1][1]]) != "units":
            piped = None
    if piped is None or not 2 <= len(piped) < n_cols or len(piped) == 2 and line.raw.count("|") != 1 \
            or any(e <= s for s, e in piped):
        return None
    first = line.raw[piped[0][0] : piped[0][1]]
    m = _SEQ.match(first)
    if m is not None and (last is None or int(m.group(1)) != last + 1) or m is None and (
            last is None or rules.is_section_row(first)):
        return None
    return [_sub(line, s, e) for s, e in piped] + [None] * (n_cols - len(piped))


def _place_piped_short(rows: list[list[TextLine | None]], short: set[int], sections: set[int], labels: list[str],
                       warnings: list[str]) -> None:
    """Put the cells of each bar row short of cells in the columns they fit (:func:`.table_fit.place_row`, learned from
    the header and the complete rows): a printed number stays in the first column; a row with no number is under the
    number above, the first column covered. In place."""
    from . import table_fit

    n_cols = len(labels)
    complete = [[c.raw if c is not None else "" for c in row] for r, row in enumerate(rows) if r not in short | sections]
    cols = table_fit.profiles(labels, complete)
    for r in sorted(short):
        row = rows[r]
        real = [c for c in row if c is not None]
        numbered = _SEQ.match(real[0].raw) is not None
        above = [rows[r - 1][c].raw if r > 0 and rows[r - 1][c] is not None else "" for c in range(n_cols)]  # type: ignore[union-attr]
        values = [c.raw for c in real]
        if numbered:
            values[0] = ""  # the number's column is fixed
        coverable = [not numbered] + [r > 0] * (n_cols - 1)
        placed = table_fit.place_row(values, n_cols, cols, coverable, f"line {real[0].number}", labels, above)
        if placed.warning:
            warnings.append(placed.warning)
        at = dict(zip(placed.columns, real, strict=True))
        rows[r] = [at.get(c) for c in range(n_cols)]


def _two_row_header(lines: list[TextLine], k: int, seq_labels: tuple[str, ...]) -> tuple[list[list[Slot]], list[TextLine]] | None:
    """A header over two bar lines (``序号|重点任务|责任单位||完成时限`` / ``||牵头单位|配合单位|``): a group label
    spans the empty cells after it that the second line names, a first-line label with nothing under it spans
    both lines. Returns the two header rows and each column's own label (the lower one where there is one);
    ``None`` unless the first line opens with a sequence label, both lines have as many cells, the second
    line's first cell is empty and every column has a label."""
    if k + 1 >= len(lines) or (top := _piped(lines[k].raw)) is None or len(top) < 3:
        return None
    line, below = lines[k], lines[k + 1]
    style = _style(line.raw)
    sub = _piped(below.raw, style)
    if sub is None or len(sub) != len(top) or sub[0][1] > sub[0][0] or line.raw[top[0][0] : top[0][1]] not in seq_labels:
        return None
    has_top = [e > s for s, e in top]
    has_sub = [e > s for s, e in sub]
    if all(has_top) or not any(has_sub) or not all(a or b for a, b in zip(has_top, has_sub, strict=True)):
        return None
    first: list[Slot] = []
    c = 0
    while c < len(top):
        if not has_top[c]:
            return None  # an empty top cell that no group label to its left covers
        span = 1
        while c + span < len(top) and not has_top[c + span] and has_sub[c + span]:
            span += 1
        if span > 1 and not has_sub[c]:
            return None  # a group label spans the sub-labels under it, its own column included
        first.append(Piece([_sub(line, *top[c])], header=True, col_span=span))
        first += [Spanned() for _ in range(span - 1)]
        c += span
    second: list[Slot] = [Piece([_sub(below, *sub[i])], header=True) if has_sub[i] else Covered(()) for i in range(len(top))]
    labels = [_sub(below, *sub[i]) if has_sub[i] else _sub(line, *top[i]) for i in range(len(top))]
    return [first, second], labels


def _grouped_header(lines: list[TextLine], k: int, header: list[TextLine]) -> tuple[list[list[Slot]], list[TextLine]] | None:
    """A group label's sub-labels on a line of their own under a one-line header, each row holding the sub-columns in
    the group's place (a Word table pasted with tabs: ``序号|重点任务|责任单位|责任领导|时间节点`` / ``2025年|2026—2027年``,
    rows of six cells). The group is the label naming units when the sub-labels name roles of units (责任单位 over
    牵头单位 and 配合单位), else the last label that names no number, task, units or person. Returns the two header rows
    and each column's own label; ``None`` unless the first row under them opens with a number and has as many cells."""
    from .unit_lists import UNIT_ROLES, field_role

    if k + 2 >= len(lines):
        return None
    below = lines[k + 1]
    # 2025年|2026—2027年: one bar or more between the sub-labels, the outer ones optional (the line closed with a bar)
    parts = _piped(below.raw.rstrip(" |｜") + "|", (below.raw.lstrip().startswith(("|", "｜")), True))
    if parts is None or not 2 <= len(parts) <= 4 or any(e <= s for s, e in parts):
        return None
    subs = [_sub(below, s0, e0) for s0, e0 in parts]
    if any(not rules.is_label(x.raw, 12) or _SEQ.match(x.raw) for x in subs):
        return None
    first = _piped(lines[k + 2].raw, _style(lines[k].raw))
    if first is None or len(first) != len(header) - 1 + len(subs) or not _SEQ.match(lines[k + 2].raw[slice(*first[0])]):
        return None
    roles = [field_role(x.raw) for x in header]
    if all(field_role(x.raw) in UNIT_ROLES for x in subs):
        group = next((c for c, r in enumerate(roles) if r in UNIT_ROLES), None)
    else:
        group = next((c for c in range(len(header) - 1, 0, -1)
                      if roles[c] not in ("number", "task", "content", "person", *UNIT_ROLES)), None)
    if group is None:
        return None
    top: list[Slot] = []
    for c, label in enumerate(header):
        top.append(Piece([label], header=True, col_span=len(subs) if c == group else 1))
        top += [Spanned() for _ in range(len(subs) - 1)] if c == group else []
    second: list[Slot] = []
    for c in range(len(header)):
        second += [Piece([x], header=True) for x in subs] if c == group else [Covered(())]
    return [top, second], header[:group] + subs + header[group + 1 :]
