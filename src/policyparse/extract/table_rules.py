"""The layout rules that rebuild merged cells of flattened tables.

Each rule is a small pure function named after what it decides; its name (the constant next to
it) is what :attr:`Cell.span_rule` records for every span it inferred. The rules know nothing
about any particular document: they look at cell counts, column positions and the values
already placed.

Rules for vertical merges (a row with fewer real cells than columns):

* ``covered_left_grouping`` — the covered positions are the grouping columns at the left of the
  row: in a row with ``k`` covered cells, columns ``0 … k-1`` continue the cells above (taken
  when no other placement fits the row's values better, :mod:`.table_fit`).
* ``covered_by_column_fit`` — the covered positions are where the row's real cells, placed in
  the columns whose header and complete rows they fit, leave gaps (:mod:`.table_fit`).
* ``single_cell_key_column`` — a row with a single real cell holds the table's key column (the
  most specific column: always present, values never repeated) and shares every other column
  with the row above.
* ``last_row_closing_inferred`` — the last row of a bar-flattened table has no closing bar line;
  its number of covered cells is the column count minus its real cells.
* ``empty_cell_of_a_filled_column`` — in a table printed a row a line with bars between the cells, or
  one cell a line with a bar alone where a cell is empty (``…规程 |`` / ``|`` / ``市农业农村局 |``), an
  empty cell of a column every task fills (序号, 牵头/责任单位, 完成时限, the task) continues the cell
  above (a merged cell, printed once), and so does every empty cell of a row whose number is empty (it
  continues the item above), and so does an empty cell of a column of no role (兑现方式) in a row that
  shares a filled column's cell with the row above; elsewhere an empty cell of a column a task may
  leave empty (配合单位, 备注) stays empty, unless the table prints its empty cells with a mark (/, —): then
  only a free-text column's (备注) does.
* ``covered_in_place`` — in a table flattened one cell a line with no bar on its cells, a line of one
  bar stands in the place of a covered cell (every row is as many lines as the header has labels).

Rules for horizontal spans and content:

* ``section_row_full_width`` — a section heading between data rows (``一、…（共5项）``) is one
  cell spanning every column.
* ``header_group_colspan`` — a two-row header: a group label spans the sub-labels below it, the
  other labels span both header rows (``header_label_rowspan``).
Rules for cell content (they join lines, they set no span):

* ``vertical_text_lines`` — a run of one-character lines is one cell written vertically
  (``基 / 础 / 指 / 标``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .lead_rules import NOTE_LABEL

COVERED_LEFT_GROUPING = "covered_left_grouping"
SINGLE_CELL_KEY_COLUMN = "single_cell_key_column"
LAST_ROW_CLOSING_INFERRED = "last_row_closing_inferred"
SECTION_ROW_FULL_WIDTH = "section_row_full_width"
HEADER_GROUP_COLSPAN = "header_group_colspan"
HEADER_LABEL_ROWSPAN = "header_label_rowspan"
VERTICAL_TEXT_LINES = "vertical_text_lines"

COVERED_BY_COLUMN_FIT = "covered_by_column_fit"  # decided in :mod:`.table_fit`
EMPTY_CELL_OF_A_FILLED_COLUMN = "empty_cell_of_a_filled_column"  # decided in :mod:`.table_rows` and :mod:`.table_bars`
COVERED_IN_PLACE = "covered_in_place"  # a bar line in the place of a covered cell: :func:`.tables.find_tables`
BAR_LINE_CLOSES_EVERY_ROW = "bar_line_closes_every_row"  # see :func:`bar_line_closes_every_row`
SAME_AS_ABOVE_MARK = "same_as_above_mark"  # a cell printed 同上: :func:`.table_grid.build_table`
#: column roles (``data/task_columns.json``) that every task of a task table fills
FILLED_ROLES = ("number", "category", "task", "content", "lead", "responsible", "deadline")


#: every name that can appear in ``Cell.span_rule`` (joined by ``+`` when several rules grew a span)
SPAN_RULE_NAMES = (
    COVERED_LEFT_GROUPING,
    COVERED_BY_COLUMN_FIT,
    EMPTY_CELL_OF_A_FILLED_COLUMN,
    COVERED_IN_PLACE,
    BAR_LINE_CLOSES_EVERY_ROW,
    SAME_AS_ABOVE_MARK,
    SINGLE_CELL_KEY_COLUMN,
    LAST_ROW_CLOSING_INFERRED,
    SECTION_ROW_FULL_WIDTH,
    HEADER_GROUP_COLSPAN,
    HEADER_LABEL_ROWSPAN,
)


# --- vertical merges -------------------------------------------------------------------------


def covered_left_grouping(n_cols: int, n_real: int) -> list[int]:
    """Columns covered from above in a row of ``n_real`` real cells: the leftmost ones."""
    return list(range(max(0, n_cols - n_real)))


def single_cell_key_column(n_cols: int, key_col: int) -> list[int]:
    """Columns covered from above in a row whose only real cell sits in ``key_col``."""
    return [c for c in range(n_cols) if c != key_col]


def last_row_closing_inferred(n_cols: int, n_real: int) -> int:
    """Number of covered cells of a last row that has no closing bar line."""
    return n_cols - n_real


def key_column(columns: Sequence[Sequence[str]], candidates: Sequence[int], value: str) -> int:
    """The column among ``candidates`` that a lone ``value`` belongs to: the most specific one.

    Preference order: columns whose placed values never repeat (a repeated value means the
    column groups rows, as a leader contacting two chains does); then the column whose values
    share most of ``value``'s characters (材料 among other 材料); then the column whose values are
    closest in length to ``value``; then the rightmost. ``columns[c]`` lists the normalized
    values already placed in column ``c``.
    """

    def rank(c: int) -> tuple[float, float, int, int]:
        values = [v for v in columns[c] if v]
        if not values:
            return (0.0, 0.0, -(10**6), c)
        distinct = round(len(set(values)) / len(values), 6)
        chars = set("".join(values))
        shared = round(sum(ch in chars for ch in value) / len(value), 6) if value else 0.0
        lengths = sorted(len(v) for v in values)
        return (distinct, shared, -abs(len(value) - lengths[len(lengths) // 2]), c)

    return max(candidates, key=rank)


def column_count_from_bars(
    segments: Sequence[tuple[int, int | None]], max_cols: int, header_hint: int
) -> tuple[int | None, list[int]]:
    """The column count that explains every closed segment of a bar-flattened table.

    ``segments`` are ``(real cells, bars)`` between two bar lines (``bars`` is ``None`` for the
    open last segment). A closed segment ends with a row of ``n - bars`` real cells after whole
    rows, so ``(cells + bars) % n == 0``; a row cannot be fully covered, so ``n > bars``; the
    header needs ``n`` positions in the first segment (its cells and, in a header over two rows, the bars
    that close it). ``header_hint`` is the number of leading cells
    that read as header labels: it decides among the counts that explain every segment (else
    the smallest wins) and is the count when no bar line says anything. When no count explains
    every segment, the one explaining most wins (the hint, then the smallest, on ties); the
    indexes of the segments it leaves unexplained are returned with it.
    """
    closed = [(c, k) for c, k in segments if k is not None]
    first = segments[0][0] if segments else 0
    if not closed:
        return (header_hint, []) if 2 <= header_hint <= min(max_cols, first) else (None, [])
    max_k = max(k for _, k in closed)
    scored: list[tuple[int, bool, int, list[int]]] = []
    # a header over two rows may close its first row with bars for the columns a group label spans (责任单位 over
    # 牵头单位 and 配合单位): the first segment then holds fewer cells than the table has columns
    spans = segments[0][1] or 0
    for n in range(max(2, max_k + 1), min(max_cols, first + spans) + 1):
        bad = [i for i, (c, k) in enumerate(segments) if k is not None and (c + k) % n]
        scored.append((len(bad), n != header_hint, n, bad))
    if not scored:
        return None, []
    _, _, n, bad = min(scored, key=lambda t: t[:3])
    return n, bad


def bar_line_closes_every_row(segments: Sequence[tuple[int, int | None]], header_hint: int) -> bool:
    """Whether a bar-flattened table closes every row, the header too, with a line of one bar.

    Some portals print each cell as ``TEXT |`` and end every row with a lone ``|`` whatever it
    covers; a row's covered cells are then the ones it lacks. The layout shows itself where the
    covered-count convention cannot explain it: the header (all labels, ``header_hint`` of them)
    is closed by a bar, every bar line has one bar, no row holds more cells than the header, and
    some row after it holds as many (a complete row would have no closing line there).
    """
    if header_hint < 3 or len(segments) < 2 or segments[0] != (header_hint, 1):
        return False
    if any(k not in (1, None) or not 2 <= c <= header_hint for c, k in segments):
        return False
    return any(c == header_hint for c, _k in segments[1:])


# --- sections, headers, vertical text -------------------------------------------------------

_SECTION = re.compile(
    r"^(?:[一二三四五六七八九十百]+、|（[一二三四五六七八九十百]+）|第[一二三四五六七八九十百]+(?:部分|章|节|类|篇))\S"
)


def is_section_row(text: str) -> bool:
    """A section heading that stands as a full-width row between data rows."""
    return bool(_SECTION.match(text))


def _shape(label: str) -> str:
    return re.sub(r"\d+", "0", label)


def header_group_split(labels: Sequence[str], n_cols: int, trailing_words: Sequence[str]) -> tuple[int, int] | None:
    """Read ``n_cols + 1`` header labels as a two-row header with one group.

    Flattening writes the first header row, then the second; the second row is the sub-labels of
    the group. Sub-labels are the trailing run (two or more) of labels with the same shape once
    digits are ignored (``1996年 / 1997年 / 1998年``); the group label is the last label of the
    first row that is not a trailing label such as 备注. Returns ``(group index, sub-label count)``
    in ``labels``, or ``None`` when the labels do not read this way.
    """
    if len(labels) != n_cols + 1:
        return None
    run = 1
    while run < len(labels) - 1 and _shape(labels[-run - 1]) == _shape(labels[-1]):
        run += 1
    if run < 2:
        return None
    first_row = list(range(len(labels) - run))
    group = first_row[-1]
    while group > 0 and any(w in labels[group] for w in trailing_words):
        group -= 1
    return group, run


_ENUM_START = re.compile(
    r"^(?:\d+(?:\.\d+)+|\d+[.．、](?!\d)|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|[①-⑳])"
)
_SENTENCE_PUNCT = set("。；，！？：;:,!?")
#: a serial number standing alone (a table's 序号 cell)
SERIAL = re.compile(r"^\d{1,4}$")
_TITLE = re.compile(r"(?:表|清单|目录|名单|名录)$")
#: a line that opens a note under a table or an annex label (``注：``, ``附件2``): never a cell
NOTE_LINE = re.compile("^" + NOTE_LABEL + r"|^附[件表]|^附\s*[：:]")


def is_label(text: str, max_len: int) -> bool:
    """A header label: short, no sentence punctuation, not a number, an enumerated item, a note
    or a table title (``…分值表``, ``…清单``)."""
    return (
        0 < len(text) <= max_len
        and not (len(text) >= 5 and _TITLE.search(text))
        and not any(ch in _SENTENCE_PUNCT for ch in text)
        and not SERIAL.match(text)
        and not _ENUM_START.match(text)
        and not NOTE_LINE.match(text)
    )


#: a note in brackets after a column label (责任单位（首位为牵头单位）): no part of the label
HEADER_NOTE = re.compile(r"[（(][^（）()]*[）)]")


def header_label_count(texts: Sequence[str], header_words: Sequence[str], max_len: int) -> int:
    """How many leading ``texts`` are labels holding a header word (序号, 单位, 领导 …); a note in brackets is no
    part of the label (责任单位（首位为牵头单位）)."""
    n = 0
    for text in texts:
        text = HEADER_NOTE.sub("", text) or text
        if not (is_label(text, max_len) and any(w in text for w in header_words)):
            break
        n += 1
    return n


def is_vertical_char(text: str, excluded: str) -> bool:
    """One CJK character written on its own line (part of a vertical label)."""
    return len(text) == 1 and "\u3400" <= text <= "\u9fff" and text not in excluded
