"""Tables laid out in columns by blanks, as a PDF's text layer copies them (``pdftotext -layout``, a page copied
whole): a row a line, each cell starting under its column's label, a long cell wrapped onto the next line under its
own column, a merged cell printed in its first row only and left blank below.

``序号    重点任务           牵头单位        配合单位``, then ``1     建设单产提升整建制推进示范   市农业农村局   市财政局、``
and ``      片5万亩                                   各镇（街道）``: the header's labels (two blanks or more apart)
give each column's first character; every piece of a line (text up to a gap of two blanks or more) belongs to the
column it starts under, and must start at that column's first character (give or take two: a line whose pieces stand
elsewhere, ``1  龙头企业扩能奖补  市经济和信息化局`` under labels two blanks apart, is no laid-out row). A line that opens with the next row number starts a row; a line without one goes on with
the row above where each of its pieces continues a cell the line above left cut (ending at the next column's start,
or after a 、 or ，), and else is a row of its own whose number the row above covers (the same item in two rows).
A blank position of a row is covered from above in a column every task fills (序号, the task, 牵头/责任单位, 完成时限:
``empty_cell_of_a_filled_column``) and an empty cell elsewhere. A line that opens at the first column with no row
number, or a piece that starts before the first label, ends the table.

Pipeline: ``header -> rows (pieces by column) -> slots -> build_table`` (source ``text-layout``). Used by
:func:`policyparse.extract.tables.find_tables` before the one-row-a-line reader (:mod:`.table_rows`), which reads
blank-separated rows by their count of cells and cannot place a blank position.
"""

from __future__ import annotations

import re
import unicodedata

from ..model import Table
from ..vocabulary import ORGAN_ENDINGS
from . import table_rules as rules
from .table_fit import cell_kind
from .table_grid import Covered, Piece, Slot, TextLine, build_table
from .table_rows import MONTH_ON, drop_trailing_sections, filled_columns, header_again, section_row

__all__ = ["find_layout_tables"]

SOURCE = "text-layout"

#: a piece of a laid-out line: text whose words at most one blank separates
_PIECE = re.compile(r"\S+(?: \S+)*")
_SERIAL = re.compile(r"^\d{1,3}$")
#: a category line between rows: 一、汽车轻量化
_CATEGORY = re.compile(r"^[一二三四五六七八九十]{1,3}、\S")
#: how far a piece may start left of its column's label and still be that column's
_LEFT = 1
#: how far a piece may start from its column's first character (a layout that rounds positions to characters)
_ALIGN = 2
#: a piece that ends this close to the next column's start filled its column: the line below may go on with it
_CUT = 4
#: the narrowest a column wraps at (display columns): a shorter widest piece is a column of short values, not wrapped
_MIN_WRAP = 8
#: punctuation after which a cell goes on (a list of units wrapped after its 、)
_GOES_ON = "、，,；;（("


def _pieces(raw: str) -> list[tuple[int, int]]:
    """Where each piece of a line's text starts and ends (offsets in ``raw``)."""
    return [(m.start(), m.end()) for m in _PIECE.finditer(raw)]


def _split_at_columns(line: TextLine, starts: list[int], wide: bool) -> list[tuple[int, int]]:
    """The pieces of ``line``, a piece cut where one blank stands right before a column's first character (陶瓷园区天然气管网
    市能源局: a cell that fills its column, padded with full-width blanks, is one blank from the next)."""
    out: list[tuple[int, int]] = []
    for s, e in _pieces(line.raw):
        for k in range(s + 1, e - 1):
            if line.raw[k] == " " and _at(line, k + 1, wide) in starts:
                out.append((s, k))
                s = k + 1
        out.append((s, e))
    return out


def _at(line: TextLine, offset: int, wide: bool) -> int:
    """Where ``line.raw[offset]`` stands on the line: its character index, or its display column when ``wide`` (a
    layout that gives a Chinese character two columns, as a PDF's text layer spaces glyphs twice as wide)."""
    return line.indent + (_width(line.raw[:offset]) if wide else offset)


def _header(line: TextLine, seq_labels: tuple[str, ...], wide: bool = False) -> list[int] | None:
    """The first character of each column, when ``line`` is a header laid out in columns: three labels or more, each
    two blanks or more from the next, the first a sequence label (序号)."""
    if "  " not in line.raw.strip():
        return None
    pieces = _pieces(line.raw)
    if len(pieces) < 3 or line.raw[pieces[0][0] : pieces[0][1]] not in seq_labels:
        return None
    labels = [line.raw[s:e] for s, e in pieces]
    if any(" " in lab or not rules.is_label(lab, 12) for lab in labels[1:]):
        return None
    return [_at(line, s, wide) for s, _ in pieces]


def _column(starts: list[int], s: int) -> int | None:
    """The column a piece starting at ``s`` is under (None: left of the first)."""
    if s < starts[0] - _LEFT:
        return None
    return max(c for c in range(len(starts)) if starts[c] <= s + _LEFT or c == 0)


def _width(text: str) -> int:
    """How wide ``text`` prints: a Chinese character two columns, anything else one."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _cut(starts: list[int], c: int, piece: str, end: int, widest: int) -> bool:
    """Whether ``piece``, of column ``c`` and ending at the line's character ``end``, left its cell to go on below: it
    ends near the next column's start, or it is as wide as the column's widest piece so far, ``widest`` (a column
    wrapped at its own width: ``整机生产线智能`` / ``化改造``, ``2025年12月`` / ``底前`` in the last column)."""
    if piece[-1:] in _GOES_ON:
        return True
    if c + 1 < len(starts) and end >= starts[c + 1] - _CUT:
        return True
    return widest >= _MIN_WRAP and _width(piece) >= widest - 2


def _completes(above: str, piece: str) -> bool:
    """Whether ``piece`` ends the cell whose line above is ``above``: together they make a deadline or a unit list that
    one of them alone is not (``2026年6月`` / ``底前``, ``县工业商务和`` / ``信息化局、``), a date the year above goes on
    with (``2025年`` / ``12月底前``, ``每年`` / ``11月底前``), or a name whose ending is all of the piece (``阜平经济开发区`` /
    ``管委会``: an organ's ending alone names no unit)."""
    kind = cell_kind(above + piece)
    if kind == "deadline" and (_DATE_TAIL.match(piece) or above.endswith("年") and MONTH_ON.match(piece)):
        return True  # 底前 under 2026年6月: what only ends a date starts no cell
    if piece.rstrip("、") in ORGAN_ENDINGS and kind == "units":
        return True
    return kind in ("deadline", "units") and (cell_kind(above) != kind or cell_kind(piece) != kind)


#: what only ends a date (底前 of 2026年6月底前, 月底前 of 2026年12 / 月底前): no cell starts with it
_DATE_TAIL = re.compile(r"(?:[年月日]|底|前)")


def find_layout_tables(text: str, lines: list[TextLine], seq_labels: tuple[str, ...]) -> list[Table]:
    """Every table laid out in columns by blanks among ``lines`` (blank lines are not in ``lines``), read only where
    a row leaves a position blank or a cell runs onto the next line (else the one-row-a-line reader reads it)."""
    tables: list[Table] = []
    k = 0
    while k < len(lines):
        starts = _header(lines[k], seq_labels)
        if starts is None:
            k += 1
            continue
        # cells under their labels by character count, else by display columns (a Chinese character two wide)
        read = _read(lines, k, starts) or _read(lines, k, _header(lines[k], seq_labels, wide=True) or starts, wide=True)
        if read is None:
            k += 1
            continue
        rows, j, sections = read
        n = len(starts)
        labels = [lines[k].raw[s:e] for s, e in _pieces(lines[k].raw)]
        filled = filled_columns(labels)
        head: list[Slot] = [Piece([_sub(lines[k], s, e)], header=True) for s, e in _pieces(lines[k].raw)]
        slots: list[list[Slot]] = [head]
        for r, row in enumerate(rows):
            if r in sections:  # a category line spanning the table
                slots.append(section_row(row[0], n))
                continue
            slots.append([Piece(cell) if cell else
                          Covered((rules.EMPTY_CELL_OF_A_FILLED_COLUMN,)) if r and filled[c] else None
                          for c, cell in enumerate(row)])
        tables.append(build_table(slots, n_cols=n, n_header_rows=1, text=text, source=SOURCE, warnings=[]))
        k = j
    return tables


def _goes_on(starts: list[int], pieces: list[tuple[str, int]], last_line: dict[int, tuple[int, str]], widest: list[int]) -> bool:
    """Whether a line of ``pieces`` (text, column) with no number goes on with the row above, whose latest line left
    ``last_line`` (column -> (end, text)): the cells the line above left cut go on; and one piece that only ends its cell
    above (12月底前 under 2025年, 管委会 under 阜平经济开发区) says the line is no row of its own, so its other pieces go on too."""
    if not all(c in last_line for _, c in pieces):
        return False
    ends = [_completes(last_line[c][1], piece) for piece, c in pieces]
    return any(ends) or all(done or _cut(starts, c, last_line[c][1], last_line[c][0], widest[c])
                            for done, (_, c) in zip(ends, pieces, strict=True))


def _sub(line: TextLine, s: int, e: int) -> TextLine:
    return TextLine(number=line.number, start=line.start + s, end=line.start + e, raw=line.raw[s:e])


def _read(lines: list[TextLine], k: int, starts: list[int],
          wide: bool = False) -> tuple[list[list[list[TextLine]]], int, set[int]] | None:
    """The rows under the header ``lines[k]`` (each a list of cells, each the pieces of its lines), the index of the
    first line after the table and the rows that are category lines spanning it (一、汽车轻量化, numbers going on or
    starting again under it); None when fewer than two numbered rows follow or no row needs the layout."""
    n = len(starts)
    rows: list[list[list[TextLine]]] = []
    sections: set[int] = set()
    last_line: dict[int, tuple[int, str]] = {}  # column -> (end, text) of its piece in the row's latest line
    widest = [0] * n  # the widest piece of each column so far (display columns)
    expect = 1
    laid_out = False  # a blank position or a wrapped cell seen
    j = k + 1
    header = [_sub(lines[k], s, e) for s, e in _pieces(lines[k].raw)]
    while j < len(lines):
        line = lines[j]
        if rows and header_again(lines, j, header):
            j += 1  # the header printed again at the top of the next page (after its page number): the table runs on
            continue
        pieces = [(s, e, _column(starts, _at(line, s, wide))) for s, e in _split_at_columns(line, starts, wide)]
        if not pieces or any(c is None or abs(_at(line, s, wide) - starts[c]) > _ALIGN for s, _, c in pieces):
            break  # a piece that stands under no column's first character: not laid out in the header's columns
        first_s, first_e, first_c = pieces[0]
        serial = line.raw[first_s:first_e]
        if first_c == 0 and len(pieces) == 1 and _CATEGORY.match(serial):
            sections.add(len(rows))
            rows.append([[_sub(line, first_s, first_e)]] + [[] for _ in range(n - 1)])
            last_line, j = {}, j + 1
            continue
        if first_c == 0:
            if rows and len(rows) - 1 in sections and serial == "1":
                expect = 1  # numbers starting again under a category line
            if not (_SERIAL.match(serial) and int(serial) == expect):
                break
            expect += 1
            rows.append([[] for _ in range(n)])
            last_line = {}
        elif not rows or len(rows) - 1 in sections:
            break
        elif _goes_on(starts, [(line.raw[s:e], c) for s, e, c in pieces if c is not None], last_line, widest):
            laid_out = True
        else:
            rows.append([[] for _ in range(n)])  # a row of its own, its number covered from above
            last_line = {}
        cols = [c for _, _, c in pieces]
        if len(set(cols)) < len(cols):
            break  # two pieces under one column: no line of this table
        for s, e, c in pieces:
            rows[-1][c].append(_sub(line, s, e))  # type: ignore[index]
        last_line = {c: (_at(line, e, wide), line.raw[s:e]) for s, e, c in pieces}  # type: ignore[misc]
        for c, (_, piece) in last_line.items():
            widest[c] = max(widest[c], _width(piece))
        j += 1
    j = drop_trailing_sections(rows, sections, j)
    if len(rows) - len(sections) < 2:
        return None
    laid_out = laid_out or any(not cell for r, row in enumerate(rows) if r not in sections for cell in row)
    return (rows, j, sections) if laid_out else None
