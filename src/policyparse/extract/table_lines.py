"""Tables flattened one cell per line, with no marker (the usual portal copy of an HTML table).

Nothing marks where a row ends, so the header decides: a run of short label lines (``序号``,
``改革举措``, ``牵头单位`` …, at least one holding a header word) is the header and gives the
column count. Two layouts are read:

* **anchored** — the header has a sequence column (``序号``): each data row starts at a line
  that is the next sequence number (``1``, ``2`` … ; numbering may restart at ``1`` for a new
  group, or jump over omitted rows). The lines up to the next anchor are the row's other cells;
  section headings between rows (``二、…（共4项）``) become full-width rows; a row with more lines
  than cells is read as sub-rows whose grouping columns are covered (``covered_left_grouping``)
  when every sub-row has the same width and the same cell shapes as the first, else as cells
  written over several lines (joined at the weakest boundaries, with a warning when a join is
  not clearly a line wrap); a row with too few lines keeps its cells left to right and warns.
* **periodic** — no sequence column: rows are consecutive runs of ``n`` lines; ``n`` and the
  header length are the pair whose columns hold one kind of value each (numbers or text) and
  whose lines divide into whole rows. ``n + 1`` header labels are read as a two-row header with
  one group (``header_group_colspan``).

Pipeline: ``lines_to_units -> find_header_runs -> anchored_layout | periodic_layout -> build_table``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..model import Table
from . import table_rules as rules
from .table_grid import Covered, Piece, Slot, Spanned, TextLine, build_table, cell_text
from .unit_lists import empty_marks

__all__ = ["Unit", "find_line_tables", "lines_to_units"]

SOURCE = "text-lines"


@dataclass(frozen=True)
class LinesSettings:
    """The part of :class:`policyparse.extract.tables.TableSettings` this finder reads."""

    header_words: tuple[str, ...]
    seq_labels: tuple[str, ...]
    trailing_labels: tuple[str, ...]
    single_value_chars: str
    label_max_len: int
    max_cols: int


@dataclass
class Unit:
    """One candidate cell: a line, or a run of one-character lines written vertically."""

    lines: list[TextLine]
    rule: str | None = None

    @property
    def text(self) -> str:
        # computed once: layout rules ask for it many times per candidate header length
        cached = self.__dict__.get("_text")
        if cached is None:
            cached = cell_text([ln.raw for ln in self.lines])
            self.__dict__["_text"] = cached
        return cached

    @property
    def first(self) -> TextLine:
        return self.lines[0]


def lines_to_units(lines: list[TextLine], single_value_chars: str) -> list[Unit]:
    """Lines as units, runs of two or more one-character lines merged (``vertical_text_lines``)."""
    units: list[Unit] = []
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and rules.is_vertical_char(lines[j].raw, single_value_chars):
            j += 1
        if j - i >= 2:
            units.append(Unit(lines[i:j], rules.VERTICAL_TEXT_LINES))
            i = j
        else:
            units.append(Unit([lines[i]]))
            i += 1
    return units


# --- line kinds ---------------------------------------------------------------------------

_TERMINAL = tuple("。；！？;!?")
is_label = rules.is_label


def is_stop(unit: Unit, base_indent: int) -> bool:
    """A line that cannot be a cell: indented like body text (two or more blanks deeper than
    the header), or a note / annex label (``注：``, ``附件2``)."""
    return unit.first.indent >= base_indent + 2 or bool(rules.NOTE_LINE.match(unit.text))


def value_kind(text: str) -> str:
    """Coarse shape of a cell value: ``empty`` (``/``, ``—``, ``无``), ``num``, ``short`` or ``long``."""
    if not text or text in empty_marks():
        return "empty"
    if text[0].isdigit():
        return "num"
    return "long" if len(text) > 15 else "short"


def _marker(text: str) -> tuple[str, int] | None:
    m = re.match(r"^(\d+)[.．、](?!\d)", text)
    if m:
        return "arabic", int(m.group(1))
    m = re.match(r"^[（(](\d+)[）)]", text)
    if m:
        return "paren", int(m.group(1))
    m = re.match(r"^[①-⑳]", text)
    if m:
        return "circled", ord(text[0]) - 0x245F
    return None


# --- header ------------------------------------------------------------------------------


def find_header_runs(units: list[Unit], s: LinesSettings) -> list[tuple[int, int]]:
    """``(start, end)`` unit ranges of label runs that start at a label holding a header word
    and hold at least two such labels."""
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(units):
        text = units[i].text
        if is_label(text, s.label_max_len) and any(w in text for w in s.header_words):
            j = i
            base = units[i].first.indent
            while j < len(units) and is_label(units[j].text, s.label_max_len) and not is_stop(units[j], base):
                j += 1
            worded = sum(1 for u in units[i:j] if any(w in u.text for w in s.header_words))
            if j - i >= 2 and worded >= 2:
                runs.append((i, j))
                i = j
                continue
        i += 1
    return runs


def _header_slots(labels: list[Unit], n_cols: int, s: LinesSettings) -> tuple[list[list[Slot]], list[str]]:
    """One header row of ``n_cols`` labels, or a two-row header with one group."""
    if len(labels) == n_cols:
        return [[Piece(u.lines, header=True) for u in labels]], []
    split = rules.header_group_split([u.text for u in labels], n_cols, s.trailing_labels)
    if split is None:
        names = " / ".join(u.text for u in labels)
        return [], [f"header of {len(labels)} labels for {n_cols} columns not recovered: {names}"]
    group, width = split
    first = labels[: len(labels) - width]
    subs = labels[len(labels) - width :]
    top: list[Slot] = []
    bottom: list[Slot] = []
    for i, unit in enumerate(first):
        if i == group:
            top.append(Piece(unit.lines, col_span=width, span_rule=rules.HEADER_GROUP_COLSPAN, header=True))
            top.extend(Spanned() for _ in range(width - 1))
            bottom.extend(Piece(u.lines, header=True) for u in subs)
        else:
            top.append(Piece(unit.lines, header=True))
            bottom.append(Covered((rules.HEADER_LABEL_ROWSPAN,)))
    return [top, bottom], []


# --- anchored layout ---------------------------------------------------------------------


def _merge_list_continuations(units: list[Unit]) -> list[list[Unit]]:
    """Group the lines of a numbered list (and lines it introduces with ``：``, or goes on to after a ``、``) into one
    cell."""
    groups: list[list[Unit]] = []
    for unit in units:
        if groups:
            group = groups[-1]
            last = group[-1].text
            mk = _marker(unit.text)
            seen = {}
            for u in group:
                m = _marker(u.text)
                if m:
                    seen[m[0]] = m[1]
            in_list = bool(seen)
            if (
                last.endswith(("：", ":", "、"))  # a list broken after its 、 (县文广新旅局、县商务局、 / 县财政局) goes on
                or (mk is not None and mk[1] > 1 and seen.get(mk[0]) == mk[1] - 1)
                or (mk is not None and mk[0] == "paren" and in_list)
                or (mk is None and in_list and not last.endswith(_TERMINAL) and len(last) >= 20)
            ):
                group.append(unit)
                continue
        groups.append([unit])
    return groups


def _boundary_strength(left: list[Unit], right: list[Unit]) -> int:
    """How clearly two consecutive cell candidates are two cells (1 = a wrapped line)."""
    mk = _marker(right[0].text)
    if mk is not None and mk[1] == 1:
        return 3
    if left[-1].text.endswith(_TERMINAL) or mk is not None:
        return 2
    return 1


def _join_weakest(groups: list[list[Unit]], target: int) -> tuple[list[list[Unit]], bool]:
    """Join neighbours at the weakest boundaries until ``target`` cells remain; also say whether
    a join was stronger than a line wrap."""
    groups = [list(g) for g in groups]
    clean = True
    while len(groups) > target:
        strengths = [_boundary_strength(groups[i], groups[i + 1]) for i in range(len(groups) - 1)]
        i = min(range(len(strengths)), key=lambda k: (strengths[k], k))
        clean = clean and strengths[i] <= 1
        groups[i : i + 2] = [groups[i] + groups[i + 1]]
    return groups, clean


def _shapes_agree(first: list[str], other: list[str]) -> bool:
    pairs = list(zip(first, other, strict=False))
    agree = sum(1 for a, b in pairs if a == b or "empty" in (a, b))
    return bool(pairs) and agree / len(pairs) >= 0.75


def _kinds(groups: list[list[Unit]]) -> list[str]:
    return [value_kind(cell_text([ln.raw for u in g for ln in u.lines])) for g in groups]


def _split_sub_rows(
    groups: list[list[Unit]], n_cols: int, a: int, allow_rest: bool = False
) -> tuple[int, list[list[list[Unit]]], int] | None:
    """Read ``groups`` (the cells right of the anchor) as a first row plus sub-rows that cover
    their ``g`` grouping columns; ``g`` is the smallest count of covered columns that explains
    the most lines with sub-rows of the first row's cell shapes.

    Returns ``(g, [first row, *sub-rows], groups used)``. With ``allow_rest`` (the last row of a
    table) groups after the last whole sub-row may be left over: they follow the table.
    """
    expected = n_cols - a - 1
    excess = len(groups) - expected
    best: tuple[int, list[list[list[Unit]]], int] | None = None
    for g in range(a + 1, n_cols - 1):
        width = n_cols - g
        if excess < width or (excess % width and not allow_rest):
            continue
        first = groups[:expected]
        first_kinds = _kinds(first[g - a - 1 :])
        subs: list[list[list[Unit]]] = []
        for k in range(excess // width):
            sub = groups[expected + k * width : expected + (k + 1) * width]
            if not _shapes_agree(first_kinds, _kinds(sub)):
                break
            subs.append(sub)
        used = expected + len(subs) * width
        if subs and (allow_rest or used == len(groups)) and (best is None or used > best[2]):
            best = (g, [first, *subs], used)
    return best


def _pieces(groups: list[list[Unit]]) -> list[Slot]:
    return [Piece([ln for u in g for ln in u.lines]) for g in groups]


def _section_slots(unit: Unit, n_cols: int) -> list[Slot]:
    piece = Piece(unit.lines, col_span=n_cols, span_rule=rules.SECTION_ROW_FULL_WIDTH)
    return [piece] + [Spanned() for _ in range(n_cols - 1)]


def _find_anchors(units: list[Unit], first: int, a: int, row_len: int, end: int) -> list[int]:
    """Unit indexes of the sequence numbers that start rows, from the ``1`` at ``first``.

    The next anchor is the next number, or ``1`` again when a column left of the numbers groups
    the rows (numbering restarts per group); among several candidates the one nearest the
    usual row length (``row_len`` lines from the previous anchor) wins. Only when neither
    occurs may the numbering jump (rows left out of the published copy), and only to a number
    standing right after a section heading or exactly one row length away.
    """
    anchors = [first]
    while True:
        prev = anchors[-1]
        value = int(units[prev].text)
        window = [i for i in range(prev + 2, min(end, prev + 4 * row_len + 40)) if rules.SERIAL.match(units[i].text)]
        near = [i for i in window if int(units[i].text) == value + 1 or (a > 0 and int(units[i].text) == 1)]
        far = [
            i
            for i in window
            if value + 2 <= int(units[i].text) <= value + 20
            and (rules.is_section_row(units[i - 1].text) or i - prev == row_len)
        ]
        pool = [i for i in near or far if i + 1 < end]  # a row holds at least one line after its number
        if not pool:
            return anchors
        anchors.append(min(pool, key=lambda i: (abs(i - prev - row_len), i)))


def _strip_sections(right: list[Unit]) -> tuple[list[Unit], list[Unit]]:
    """Split trailing section headings (rows of their own) off a row's lines."""
    k = len(right)
    while k > 0 and rules.is_section_row(right[k - 1].text):
        k -= 1
    return right[:k], right[k:]


def _row_slots(
    left: list[Slot], anchor: Unit, groups: list[list[Unit]], n_cols: int, a: int, last: bool
) -> tuple[list[list[Slot]], int, str | None]:
    """Slots of one numbered row (and its sub-rows); also how many groups it used and a warning."""
    expected = n_cols - a - 1
    line_no = anchor.first.number
    head: list[Slot] = [*left, Piece(anchor.lines)]
    if len(groups) == expected:
        return [head + _pieces(groups)], len(groups), None
    if len(groups) < expected:
        warning: str | None = (
            f"line {line_no}: row has {len(groups)} cells for {expected} columns after its number; "
            "cells kept left to right, the missing ones left empty"
        )
        return [head + _pieces(groups) + [None] * (expected - len(groups))], len(groups), warning
    sub = _split_sub_rows(groups, n_cols, a, allow_rest=last)
    if sub is not None:
        g, parts, used = sub
        rows = [head + _pieces(parts[0])]
        covered: list[Slot] = [Covered((rules.COVERED_LEFT_GROUPING,)) for _ in range(g)]
        rows += [covered + _pieces(p) for p in parts[1:]]
        return rows, used, None
    joined, clean = _join_weakest(groups, expected)
    warning = None
    if not clean:
        warning = (
            f"line {line_no}: row has {len(groups)} cell lines for {expected} columns; "
            "lines joined at the weakest boundaries, not all of them line wraps"
        )
    return [head + _pieces(joined)], len(groups), warning


def anchored_layout(
    units: list[Unit], run: tuple[int, int], a: int, region_end: int, s: LinesSettings
) -> tuple[list[list[Slot]], int, int, int, list[str]] | None:
    """Rows of a table whose column ``a`` holds sequence numbers.

    Returns ``(slots, n_cols, n_header_rows, end unit index, warnings)``, or ``None`` when no
    row number ``1`` follows the header (after section headings and at most three other lines)
    or no column is left right of the numbers.
    The last row ends at a stop line (note, indented paragraph, region end); of the lines
    before it, only those its cells and whole sub-rows explain belong to the table. Extra lines
    are read as cells written over several lines (at most twice the longest row) only when
    other rows of the table have such cells; otherwise they follow the table.
    """
    start, run_end = run
    base = units[start].first.indent
    stop = next((i for i in range(run_end, region_end) if is_stop(units[i], base)), region_end)
    first, others = None, 0
    for i in range(run_end, stop):  # the first row number: after section headings and left cells
        if units[i].text == "1":
            first = i
            break
        others += not rules.is_section_row(units[i].text)
        if others > 3:
            return None
    if first is None:
        return None
    # header labels, first-row left cells and section rows before the first anchor
    pre = units[start:first]
    left_first = pre[len(pre) - a :] if a else []
    header_units = pre[: len(pre) - a] if a else list(units[start:run_end])
    leading = [] if a else units[run_end:first]
    if not header_units:
        return None
    row_len = max(2, len(header_units) - a)
    anchors = _find_anchors(units, first, a, row_len, stop)
    restarts = {
        anchors[i] for i in range(1, len(anchors)) if int(units[anchors[i]].text) <= int(units[anchors[i - 1]].text)
    }
    # each row: its left units, and the units after its number up to the next row's start
    lefts: list[list[Unit]] = []
    rights: list[list[Unit]] = []
    for i, anchor in enumerate(anchors):
        lefts.append(left_first if i == 0 else (units[anchor - a : anchor] if anchor in restarts else []))
        if i + 1 < len(anchors):
            nxt = anchors[i + 1]
            rights.append(units[anchor + 1 : nxt - a if nxt in restarts else nxt])
        else:
            rights.append(units[anchor + 1 : stop])
    cells = [_strip_sections(r) for r in rights[:-1]]
    merged = [_merge_list_continuations(body) for body, _ in cells]
    # column count: header labels, or the usual row width when the header has more labels
    n_cols = len(header_units)
    if merged:
        width, freq = Counter(len(g) for g in merged).most_common(1)[0]
        if freq * 2 >= len(merged) and a + 1 + width < n_cols:
            n_cols = a + 1 + width
    if n_cols < a + 2:
        return None  # no column right of the numbers
    header_rows, warnings = _header_slots(header_units, n_cols, s)
    slots: list[list[Slot]] = list(header_rows)
    for unit in leading:
        if not rules.is_section_row(unit.text):
            warnings.append(f"line {unit.first.number}: line before the first row kept as a full-width row")
        slots.append(_section_slots(unit, n_cols))
    longest = max([len(r) for r in rights[:-1]] + [row_len])
    multiline = any(len(g) > 1 for groups in merged for g in groups) or any(
        len(groups) > n_cols - a - 1 and _split_sub_rows(groups, n_cols, a) is None for groups in merged
    )
    end_unit = stop
    for i, anchor in enumerate(anchors):
        last = i == len(anchors) - 1
        left = lefts[i]
        if left:
            left_slots: list[Slot] = [Piece(u.lines) for u in left]
        elif anchor in restarts or i == 0:
            left_slots = [None] * a
            if a:
                warnings.append(f"line {units[anchor].first.number}: row starts a group but has no cell left of its number")
        else:
            left_slots = [Covered((rules.COVERED_LEFT_GROUPING,)) for _ in range(a)]
        if not last:
            rows, _, warning = _row_slots(left_slots, units[anchor], merged[i], n_cols, a, last=False)
            tail = cells[i][1]
        else:
            body, sections = _strip_sections(rights[i])
            groups = _merge_list_continuations(body)
            if len(groups) > n_cols - a - 1 and _split_sub_rows(groups, n_cols, a, allow_rest=True) is None:
                # extra lines: wrapped cells only where the other rows show cells over several lines
                if multiline:
                    groups = _merge_list_continuations(body[: 2 * longest])
                else:
                    groups = groups[: n_cols - a - 1]
            rows, used, warning = _row_slots(left_slots, units[anchor], groups, n_cols, a, last=True)
            consumed = sum(len(g) for g in groups[:used])
            tail = sections if consumed == len(body) else []
            end_unit = anchor + 1 + consumed + len(tail)
        slots.extend(rows)
        if warning:
            warnings.append(warning)
        slots.extend(_section_slots(u, n_cols) for u in tail)
    return slots, n_cols, len(header_rows), end_unit, warnings


# --- periodic layout ---------------------------------------------------------------------


def _purity(kinds: list[str], n: int) -> float:
    """How alike the values of each column are (numbers or text; empty cells aside), averaged over the ``n`` columns of
    the complete rows of ``n`` values that ``kinds`` (each value's :func:`value_kind`) makes."""
    whole = len(kinds) // n * n
    if not whole:
        return 0.0
    total = 0.0
    for c in range(n):
        column = kinds[c:whole:n]
        num = column.count("num")
        filled = len(column) - column.count("empty")
        total += max(num, filled - num) / filled if filled else 1.0
    return total / n


def periodic_layout(
    units: list[Unit], run: tuple[int, int], region_end: int, s: LinesSettings
) -> tuple[list[list[Slot]], int, int, int, list[str]] | None:
    """Rows of ``n`` consecutive lines after a header of ``H`` labels (``n`` is ``H`` or ``H - 1``)."""
    start, run_end = run
    base = units[start].first.indent
    stop = next((i for i in range(run_end, region_end) if is_stop(units[i], base)), region_end)
    best: tuple[tuple[float, ...], int, int] | None = None
    texts = [u.text for u in units[start:stop]]
    kinds = [value_kind(t) for t in texts]
    colon = [t.endswith(("：", ":")) for t in texts]
    label = [any(w in t for w in s.header_words) for t in texts]
    for h in range(2, run_end - start + 1):
        data = texts[h:]
        if any(colon[h:]) or sum(label[h:]) > 0.3 * len(data):
            continue  # a label among the values, or labels all the way down: a blank form, not a table
        for n in (h, h - 1):
            if n < 2 or n > s.max_cols or len(data) < 2 * n:
                continue
            purity = _purity(kinds[h:], n)
            score = (purity - (0.0 if len(data) % n == 0 else 0.5), float(n == h), float(h))
            if purity >= 0.85 and (best is None or score > best[0]):
                best = (score, h, n)
    if best is None:
        return None
    _, h, n_cols = best
    header_rows, warnings = _header_slots(list(units[start : start + h]), n_cols, s)
    slots: list[list[Slot]] = list(header_rows)
    data_units = units[start + h : stop]
    whole = len(data_units) // n_cols
    for k in range(whole):
        slots.append([Piece(u.lines) for u in data_units[k * n_cols : (k + 1) * n_cols]])
    rest = data_units[whole * n_cols :]
    if rest:
        slots.append([Piece(u.lines) for u in rest] + [None] * (n_cols - len(rest)))
        warnings.append(
            f"line {rest[0].first.number}: last row has {len(rest)} cells for {n_cols} columns; kept left to right"
        )
    return slots, n_cols, len(header_rows), stop, warnings


# --- entry -------------------------------------------------------------------------------


def find_line_tables(text: str, lines: list[TextLine], s: LinesSettings) -> tuple[list[Table], list[str]]:
    """Every one-cell-per-line table among ``lines``; notes for header runs that lead nowhere."""
    units = lines_to_units(lines, s.single_value_chars)
    tables: list[Table] = []
    notes: list[str] = []
    done = 0
    for run in find_header_runs(units, s):
        if run[0] < done:
            continue
        labels = [u.text for u in units[run[0] : run[1]]]
        a = next((i for i, t in enumerate(labels[:3]) if t in s.seq_labels), None)
        layout = anchored_layout(units, run, a, len(units), s) if a is not None else None
        if layout is None:
            layout = periodic_layout(units, run, len(units), s)
        if layout is None:
            notes.append(
                f"line {units[run[0]].first.number}: header-like lines ({' / '.join(labels[:6])}) "
                "but no row layout explains the lines after them; no table"
            )
            continue
        slots, n_cols, n_header, end_unit, warnings = layout
        tables.append(
            build_table(slots, n_cols=n_cols, n_header_rows=n_header, text=text, source=SOURCE, warnings=warnings)
        )
        done = end_unit
    return tables, notes
