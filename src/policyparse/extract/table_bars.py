"""Tables flattened with bar lines (the ``TEXT |`` convention).

The convention: every real cell is a line ending in a bar (``工程机械 |``); a line made only of
bars closes a row, and its ``k`` bars say that ``k`` cells of that row are covered by vertical
merges from above. Rows with all their cells real have no closing line, and the last row of
the table has none either. The first row is the header. A cell may run over several lines: its last line ends in the bar.

The bars say how many cells are covered, not which: :mod:`.table_rules` decides. A second
convention closes every row, the header too, with a line of one bar
(:func:`.table_rules.bar_line_closes_every_row`): a row's covered cells are the ones it lacks. A
third prints a cell with nothing in it as a bar alone, in its place (:func:`_bar_lines_in_place`): an empty cell,
or the continuation of the cell above where every task fills the column.
Pipeline::

    lines_to_tokens -> tokens_to_segments -> segments_to_rows -> rows_to_slots -> build_table
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Table
from . import table_fit
from . import table_rules as rules
from .table_grid import Covered, Piece, Slot, Spanned, TextLine, build_table, cell_text
from .table_rows import filled_columns, note_columns, printed_empty_marks, section_row

__all__ = ["BAR_CHARS", "SERIAL", "find_bar_tables", "lines_to_tokens"]

BAR_CHARS = "|｜"
_CONTINUED = re.compile(r"^[（(]?续表\s*[0-9一二三四五六七八九十]*[）)]?$")
MAX_CELL_LINES = 4  # a cell printed over more lines than this is no cell of a bar table
SOURCE = "text-bars"


@dataclass(frozen=True)
class BarLine:
    """A line made only of bars: ``count`` bars."""

    line: TextLine
    count: int


Token = TextLine | BarLine  # a TextLine token is a real cell (its text, bar removed)


def classify(line: TextLine) -> Token | None:
    """A cell line (text then a final bar) as the cell's TextLine, a bar line, or None."""
    raw = line.raw
    if all(ch in BAR_CHARS or ch.isspace() for ch in raw):
        return BarLine(line, sum(ch in BAR_CHARS for ch in raw))
    if raw[-1] in BAR_CHARS:
        body = raw[:-1].rstrip()
        if body and not any(ch in BAR_CHARS for ch in body):
            return TextLine(number=line.number, start=line.start, end=line.start + len(body), raw=body)
    return None


def lines_to_tokens(lines: list[TextLine], min_cells: int = 4, text: str | None = None) -> list[list[Token]]:
    """Runs of consecutive cell/bar lines (starting at a cell line) that hold at least
    ``min_cells`` cells. Inside a run, a line with no bar before a cell line is the first line of
    that cell (``苏州工业园区管委会、`` / ``市科技局 |``: a cell printed over two lines); ``text`` is
    the text the lines index, needed to join them."""
    runs: list[list[Token]] = []
    current: list[Token] = []
    pending: list[TextLine] = []  # bar-less lines inside a run: the first lines of the next cell
    for line in lines + [None]:
        if current and line is not None and _CONTINUED.match(line.raw.strip()):
            continue  # 续表: the table runs on over a page break, its header printed again below
        token = classify(line) if line is not None else None
        bare = token is None and line is not None and not any(ch in BAR_CHARS for ch in line.raw)
        if current and bare and not pending and line.raw.strip() in printed_empty_marks():  # type: ignore[union-attr]
            # — printed without its bar: an empty mark is a cell of its own, never the first line of a longer one
            body = line.raw.strip()  # type: ignore[union-attr]
            at = line.raw.find(body)  # type: ignore[union-attr]
            token = TextLine(number=line.number, start=line.start + at, end=line.start + at + len(body), raw=body)  # type: ignore[union-attr]
            bare = False
        if current and bare and text is not None and len(pending) < MAX_CELL_LINES - 1:
            pending.append(line)  # type: ignore[arg-type]
            continue
        if pending:
            first, pending = pending[0], []
            if isinstance(token, TextLine) and text is not None:
                token = TextLine(number=first.number, start=first.start, end=token.end,
                                 raw=text[first.start : token.end], indent=first.indent)
            else:
                token = None  # the run ends at the bar-less lines
        if token is not None and (current or isinstance(token, TextLine)):
            current.append(token)
            continue
        if sum(isinstance(t, TextLine) for t in current) >= min_cells:
            runs.append(current)
        current = []
    return runs


def tokens_to_segments(tokens: list[Token]) -> list[tuple[list[TextLine], int | None]]:
    """Cells between bar lines, each with the bar count that closes them (None: not closed)."""
    segments: list[tuple[list[TextLine], int | None]] = []
    cells: list[TextLine] = []
    for token in tokens:
        if isinstance(token, BarLine):
            segments.append((cells, token.count))
            cells = []
        else:
            cells.append(token)
    if cells:
        segments.append((cells, None))
    return segments


def join_bar_lines(segments: list[tuple[list[TextLine], int | None]]) -> list[tuple[list[TextLine], int | None]]:
    """``segments`` with each bar line that follows another joined to it: ``|`` / ``|`` after a row's cells, a line per
    covered cell, closes that row as ``||`` does."""
    out: list[tuple[list[TextLine], int | None]] = []
    for cells, bars in segments:
        if not cells and bars is not None and out and out[-1][1] is not None:
            out[-1] = (out[-1][0], (out[-1][1] or 0) + bars)
        else:
            out.append((cells, bars))
    return out


@dataclass
class BarRow:
    cells: list[TextLine]
    covered: int  # how many positions are covered from above
    rules: tuple[str, ...] = ()  # rules that decided ``covered`` (the last-row inference)
    explained: bool = True


def segments_to_rows(
    segments: list[tuple[list[TextLine], int | None]], n_cols: int, unexplained: set[int]
) -> tuple[list[BarRow], list[str]]:
    """Cut each segment into whole rows followed by the row its bar line closes."""
    rows: list[BarRow] = []
    warnings: list[str] = []
    for i, (cells, bars) in enumerate(segments):
        if bars is None:  # the open last segment
            whole, rest = divmod(len(cells), n_cols)
            rows.extend(BarRow(cells[j * n_cols : (j + 1) * n_cols], 0) for j in range(whole))
            if rest:
                k = rules.last_row_closing_inferred(n_cols, rest)
                rows.append(BarRow(cells[whole * n_cols :], k, (rules.LAST_ROW_CLOSING_INFERRED,)))
            continue
        if i in unexplained:
            whole = (len(cells) - 1) // n_cols if cells else 0
            rows.extend(BarRow(cells[j * n_cols : (j + 1) * n_cols], 0) for j in range(whole))
            left = cells[whole * n_cols :]
            where = f"lines {left[0].number}-{left[-1].number}" if left else "a bar line after another"
            warnings.append(
                f"{where}: a row of {len(left)} cells closed by {bars} bars does not make {n_cols} columns; "
                "its cells are kept left to right, not explained"
            )
            if left:
                rows.append(BarRow(left, 0, explained=False))
            continue
        last = n_cols - bars
        whole = (len(cells) - last) // n_cols
        rows.extend(BarRow(cells[j * n_cols : (j + 1) * n_cols], 0) for j in range(whole))
        rows.append(BarRow(cells[whole * n_cols :], bars))
    return rows, warnings


def rows_to_slots(rows: list[BarRow], n_cols: int, warnings: list[str] | None = None) -> list[list[Slot]]:
    """Place the real cells of every row; the header is the first row.

    Rows with two or more real cells are placed by :func:`.table_fit.place_row` (what each
    column holds, learned from the header and the complete rows: ``covered_left_grouping`` when
    the leftmost-covered placement fits as well as any, else ``covered_by_column_fit``; a tie is
    a warning naming both placements). Rows with one real cell follow
    ``single_cell_key_column``, whose key column is chosen from the values the other rows placed.
    """
    slots: list[list[Slot]] = [[] for _ in rows]
    header = [cell_text([c.raw for c in [cell]]) for cell in rows[0].cells] if rows else []
    complete = [[cell_text([c.raw]) for c in row.cells] for row in rows[1:] if row.explained and row.covered == 0
                and len(row.cells) == n_cols]
    cols = table_fit.profiles(header + [""] * (n_cols - len(header)), complete)
    for i, row in enumerate(rows):
        if not row.explained:
            slots[i] = [Piece([c]) for c in row.cells] + [None] * (n_cols - len(row.cells))
        elif row.covered == 0 or n_cols < 3:
            covered = rules.covered_left_grouping(n_cols, len(row.cells))
            rule = (rules.COVERED_LEFT_GROUPING, *row.rules)
            slots[i] = [Covered(rule) for _ in covered] + [Piece([c]) for c in row.cells]
        elif len(row.cells) > 1:
            values = [cell_text([c.raw]) for c in row.cells]
            where = f"lines {row.cells[0].number}-{row.cells[-1].number}"
            coverable = [i > 1] * n_cols
            above = [_text_above(slots, i, c) for c in range(n_cols)]
            # the row above, when it has covered cells as many as this one: its placement, which this row may continue
            prev = [c for c in range(n_cols) if isinstance(slots[i - 1][c], Piece)] if i > 1 and slots[i - 1] else []
            goes_on = tuple(prev) if len(prev) == len(values) and len(prev) < n_cols else None
            placed = table_fit.place_row(values, n_cols, cols, coverable, where, header, above, goes_on)
            if placed.warning and warnings is not None:
                warnings.append(placed.warning)
            rule = (placed.rule, *row.rules)
            at = dict(zip(placed.columns, row.cells, strict=True))
            slots[i] = [Piece([at[c]]) if c in at else Covered(rule) for c in range(n_cols)]
        if i == 0:
            for slot in slots[0]:
                if isinstance(slot, Piece):
                    slot.header = True
    # the key column: always real in the rows placed so far, least repeated values
    placed_rows = [s for s in slots[1:] if s]
    always = [c for c in range(n_cols) if all(isinstance(s[c], Piece) for s in placed_rows)] or [n_cols - 1]
    columns = [[cell_text([x.lines[0].raw]) for s in placed_rows if isinstance(x := s[c], Piece)] for c in range(n_cols)]
    for i, row in enumerate(rows):
        if slots[i]:
            continue
        key = rules.key_column(columns, always, cell_text([row.cells[0].raw]))
        rule = (rules.SINGLE_CELL_KEY_COLUMN, *row.rules)
        slots[i] = [Piece(row.cells) if c == key else Covered(rule) for c in range(n_cols)]
    return slots


def _text_above(slots: list[list[Slot]], i: int, c: int) -> str:
    """The text that covers column ``c`` of row ``i``: the nearest real cell above it in that column."""
    for k in range(i - 1, 0, -1):
        slot = slots[k][c] if c < len(slots[k]) else None
        if isinstance(slot, Piece):
            return cell_text([x.raw for x in slot.lines])
        if not isinstance(slot, Covered):
            return ""
    return ""


#: a row number cell (1, 23): how a row of a flattened table opens
SERIAL = re.compile(r"^\d{1,3}$")


def _bar_lines_in_place(tokens: list[Token], n_cols: int) -> list[list[Slot]] | None:
    """A table whose every cell ends in a bar and whose empty cells are a bar alone (``慈化镇 |`` / ``|`` /
    ``已完工。 |``): the bar lines are cells, every row is ``n_cols`` of them and opens with its number.
    Read only where that holds for every row and a bar line stands inside a row or in the first row; ``None``
    otherwise."""
    if n_cols < 3 or any(isinstance(t, BarLine) and t.count != 1 for t in tokens):
        return None
    head, body = tokens[:n_cols], tokens[n_cols:]
    short = -len(body) % n_cols  # the last row's closing bar line may be cut off with the text after the table
    if len(body) < n_cols or short > 1 or not all(isinstance(t, TextLine) for t in head):
        return None
    rows: list[list[Token | None]] = [list(body[k : k + n_cols]) for k in range(0, len(body), n_cols)]
    rows[-1] += [None] * short
    # a bar inside a row, with a cell of that row after it: the covered-count convention closes rows with
    # its bars, so a table whose bars all end rows is read by that convention, unless the first row under the
    # header holds one (nothing is above it to cover its cells: ``停车办 |`` / ``|``, an empty 备注)
    # …, or bars that close the table's last row (慈化镇 | / | / | at the end: the covered-count convention prints no
    # closing line after its last row); bars that only end rows inside the table close them (市公安局 | / | / |)
    labels = [cell_text([t.raw]) for t in head if isinstance(t, TextLine)]
    filled = filled_columns(labels)
    inside = any(isinstance(t, BarLine) and any(isinstance(u, TextLine) for u in r[i + 1 :])
                 for r in rows for i, t in enumerate(r))
    if not (inside or isinstance(rows[-1][-1], BarLine) or any(isinstance(t, BarLine) for t in rows[0])) \
            or not all(isinstance(r[0], TextLine) and SERIAL.match(cell_text([r[0].raw])) for r in rows):
        return None
    if _misplaced(rows, labels):
        return None  # 3 | … | 县财政局、… | 2026年6月底前 | / | : in place, a deadline would stand under 配合单位
    notes = note_columns(labels)
    # a bar alone below a cell is that cell's continuation in a column every task fills (牵头单位, 完成时限), or in any
    # column but a free-text one when the table prints its empty cells with a mark (—): empty only elsewhere
    marked = any(isinstance(t, TextLine) and cell_text([t.raw]) in printed_empty_marks() for r in rows for t in r)
    slots: list[list[Slot]] = [[Piece([t], header=True) for t in head if isinstance(t, TextLine)]]
    slots += [[Piece([t]) if isinstance(t, TextLine)
               else Covered((rules.EMPTY_CELL_OF_A_FILLED_COLUMN,)) if r and (filled[i] or marked and not notes[i]) else None
               for i, t in enumerate(row)] for r, row in enumerate(rows)]
    return slots


def _misplaced(rows: list[list[Token | None]], labels: list[str]) -> bool:
    """Whether reading bars in place would put a deadline under a column of units or units under a deadline column:
    then the bars are covered cells printed after the row's own (the seed's convention), not cells in place."""
    from .unit_lists import UNIT_ROLES, field_role

    roles = [field_role(x) for x in labels]
    for row in rows:
        for c, t in enumerate(row):
            if not isinstance(t, TextLine) or c >= len(roles):
                continue
            kind = table_fit.cell_kind(cell_text([t.raw]))
            if roles[c] in UNIT_ROLES and kind == "deadline" or roles[c] == "deadline" and kind == "units":
                return True
    # 4 | … | 县财政局、县商务局 | | |: in place, two units under a 牵头单位 whose complete rows name one each, with a bar where
    # the 配合单位 whose complete rows name two stands: the bars are covered cells and the list is the 配合单位
    complete = [[cell_text([t.raw]) for t in r if isinstance(t, TextLine)] for r in rows
                if all(isinstance(t, TextLine) for t in r)]
    if len(complete) < 2:
        return False
    cols = table_fit.profiles(labels, complete)

    def holds(c: int, n: int) -> bool:
        return bool(cols[c].unit_counts) and min(cols[c].unit_counts) <= n <= max(cols[c].unit_counts)

    for row in rows:
        for c, t in enumerate(row):
            if isinstance(t, TextLine) and c < len(roles) and roles[c] in UNIT_ROLES and cols[c].unit_counts \
                    and table_fit.cell_kind(text := cell_text([t.raw])) == "units" \
                    and not holds(c, n := table_fit.unit_count(text)) \
                    and any(isinstance(u, BarLine) and d < len(roles) and roles[d] in UNIT_ROLES and holds(d, n)
                            for d, u in enumerate(row) if d != c):
                return True
    return False


def _two_row_header(rows: list[BarRow], n_cols: int) -> tuple[list[list[Slot]], list[TextLine]] | None:
    """A header over two rows (``序号 | 重点任务 | 责任单位 | 完成时限 |`` / ``|`` / ``牵头单位 | 配合单位 |`` / ``|||``):
    the first row's bars cover the columns its group label (责任单位) spans, the second row's the columns whose
    first-row label spans both rows. Read when every cell of the second row names a role of units, their count is
    the first row's covered count plus one and exactly one first-row label names the responsible units (the group
    they divide). Returns the two header rows and each column's own label; ``None`` otherwise."""
    from .unit_lists import UNIT_ROLES, field_role

    top, sub = rows[0], rows[1]
    if top.covered < 1 or len(sub.cells) != top.covered + 1 or len(top.cells) + top.covered != n_cols \
            or len(sub.cells) + sub.covered != n_cols:
        return None
    if not all(field_role(cell_text([c.raw])) in UNIT_ROLES for c in sub.cells):
        return None
    groups = [k for k, c in enumerate(top.cells) if field_role(cell_text([c.raw])) == "responsible"]
    if len(groups) != 1:
        return None
    g, width = groups[0], len(sub.cells)
    first: list[Slot] = []
    second: list[Slot] = []
    leaves: list[TextLine] = []
    for k, cell in enumerate(top.cells):
        if k == g:
            first += [Piece([cell], header=True, col_span=width)] + [Spanned() for _ in range(width - 1)]
            second += [Piece([c], header=True) for c in sub.cells]
            leaves += sub.cells
        else:
            first.append(Piece([cell], header=True))
            second.append(Covered((rules.COVERED_LEFT_GROUPING,)))
            leaves.append(cell)
    return [first, second], leaves


_SERIAL_CELL = re.compile(r"\d{1,3}")


def _section_cells(tokens: list[Token]) -> tuple[list[Token], list[tuple[str, TextLine]]]:
    """``tokens`` without the category lines printed as cells (``一、茶园基础 |`` before ``1 |``), and each of them with the
    row number that follows it: a category spans the table, it is no cell of a row."""
    kept: list[Token] = []
    sections: list[tuple[str, TextLine]] = []
    skip = 0
    for i, token in enumerate(tokens):
        if skip:
            skip -= 1
            continue
        bars = 0  # （二）推动产品迭代升级 | then a bar line for each cell it spans: those bars are the category's too
        while i + 1 + bars < len(tokens) and isinstance(tokens[i + 1 + bars], BarLine):
            bars += 1
        nxt = tokens[i + 1 + bars] if i + 1 + bars < len(tokens) else None
        if isinstance(token, TextLine) and isinstance(nxt, TextLine) and rules.is_section_row(token.raw.strip()) \
                and _SERIAL_CELL.fullmatch(nxt.raw.strip()):
            sections.append((nxt.raw.strip(), token))
            skip = bars
            continue
        kept.append(token)
    return kept, sections


def _with_sections(slots: list[list[Slot]], sections: list[tuple[str, TextLine]], n_cols: int) -> list[list[Slot]]:
    """``slots`` with each category row put back before the row whose number it stood over."""
    if not sections:
        return slots
    out: list[list[Slot]] = []
    waiting = list(sections)
    for row in slots:
        first = row[0] if row else None
        number = cell_text([ln.raw for ln in first.lines]) if isinstance(first, Piece) and not first.header else None
        while waiting and number == waiting[0][0]:
            out.append(section_row([waiting.pop(0)[1]], n_cols))
        out.append(row)
    return out


def _columns_before_first_serial(cells: list[str]) -> int | None:
    """How many header cells stand before the first row's number, in a header that opens with 序号 (the cells
    of a bar table's first segment); None when it does not open so or no row number 1 follows."""
    if not cells or cells[0].replace(" ", "") not in ("序号", "编号"):
        return None
    return next((k for k, c in enumerate(cells) if k >= 3 and c == "1"), None)


def find_bar_tables(
    text: str, lines: list[TextLine], max_cols: int, header_words: tuple[str, ...], label_max_len: int
) -> tuple[list[Table], list[str]]:
    """Every bar-flattened table among ``lines``; notes for runs that are not tables."""
    tables: list[Table] = []
    notes: list[str] = []
    for run in lines_to_tokens(lines, text=text):
        tokens, sections = _section_cells(run)
        segments = tokens_to_segments(tokens)
        first_cells = [cell_text([c.raw]) for c in segments[0][0]]
        hint = rules.header_label_count(first_cells, header_words, label_max_len)
        joined = join_bar_lines(segments)
        if len(joined) < len(segments):
            # bar lines one after another: a line per covered cell where that explains every row, else a stray bar
            # line (reported below as a bar line after another, no cell moved)
            n_apart, bad_apart = rules.column_count_from_bars([(len(c), k) for c, k in segments], max_cols, hint)
            n_joined, bad_joined = rules.column_count_from_bars([(len(c), k) for c, k in joined], max_cols, hint)
            if n_joined is not None and not bad_joined and (bad_apart or n_apart != n_joined):
                segments = joined
        counts = [(len(c), k) for c, k in segments]
        first_line = tokens[0].number if isinstance(tokens[0], TextLine) else tokens[0].line.number
        warnings: list[str] = []
        # 序号 | 项目名称 | 总投资（亿元） | … | 1 |: the header ends where row 1 begins, whatever words it holds
        serial = _columns_before_first_serial(first_cells)
        in_place = _bar_lines_in_place(tokens, hint)
        if in_place is None and serial not in (None, hint):
            in_place = _bar_lines_in_place(tokens, serial)
            hint = serial if in_place is not None else hint
        if serial is not None and serial > hint:
            hint = serial
        if in_place is not None:
            tables.append(build_table(_with_sections(in_place, sections, hint), n_cols=hint, n_header_rows=1, text=text,
                                      source=SOURCE, warnings=[]))
            continue
        if rules.bar_line_closes_every_row(counts, hint):
            n_cols = hint
            rows = [BarRow(c, hint - len(c), (rules.BAR_LINE_CLOSES_EVERY_ROW,)) for c, _k in segments]
        else:
            inferred, unexplained = rules.column_count_from_bars(counts, max_cols, hint)
            if inferred is None:
                notes.append(f"line {first_line}: bar-marked lines whose column count cannot be inferred; no table")
                continue
            n_cols = inferred
            rows, warnings = segments_to_rows(segments, n_cols, set(unexplained))
        labels = [cell_text([c.raw]) for c in rows[0].cells] if rows else []
        rows = rows[:1] + [r for r in rows[1:] if [cell_text([c.raw]) for c in r.cells] != labels]  # the header again
        if len(rows) < 2:
            notes.append(f"line {first_line}: bar-marked lines with a header only; no table")
            continue
        two = _two_row_header(rows, n_cols)
        if two is not None and len(rows) > 2:
            head, leaves = two
            slots = head + rows_to_slots([BarRow(leaves, 0)] + rows[2:], n_cols, warnings)[1:]
            tables.append(build_table(_with_sections(slots, sections, n_cols), n_cols=n_cols, n_header_rows=2, text=text,
                                      source=SOURCE, warnings=warnings))
            continue
        slots = rows_to_slots(rows, n_cols, warnings)
        tables.append(build_table(_with_sections(slots, sections, n_cols), n_cols=n_cols, n_header_rows=1, text=text,
                                  source=SOURCE, warnings=warnings))
    return tables, notes
