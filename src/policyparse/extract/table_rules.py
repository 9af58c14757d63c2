"""The layout rules that rebuild merged cells of flattened tables.

Each rule is a small pure function named after what it decides; its name (the constant next to
it) is what :attr:`Cell.span_rule` records for every span it inferred. The rules know nothing
about any particular document: they look at cell counts, column positions and the values
already placed.

Rules for vertical merges (a row with fewer real cells than columns):

* ``covered_left_grouping`` — the covered positions are the grouping columns at the left of the
  row: in a row with ``k`` covered cells, columns ``0 … k-1`` continue the cells above.
* ``single_cell_key_column`` — a row with a single real cell holds the table's key column (the
  most specific column: always present, values never repeated) and shares every other column
  with the row above.
* ``last_row_closing_inferred`` — the last row of a bar-flattened table has no closing bar line;
  its number of covered cells is the column count minus its real cells.

Rules for horizontal spans and content:

* ``section_row_full_width`` — a section heading between data rows (``一、…（共5项）``) is one
  cell spanning every column.
* ``header_group_colspan`` — a two-row header: a group label spans the sub-labels below it, the
  other labels span both header rows (``header_label_rowspan``).
* ``vertical_text_lines`` — a run of one-character lines is one cell written vertically
  (``基 / 础 / 指 / 标``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

COVERED_LEFT_GROUPING = "covered_left_grouping"
SINGLE_CELL_KEY_COLUMN = "single_cell_key_column"
LAST_ROW_CLOSING_INFERRED = "last_row_closing_inferred"
SECTION_ROW_FULL_WIDTH = "section_row_full_width"
HEADER_GROUP_COLSPAN = "header_group_colspan"
HEADER_LABEL_ROWSPAN = "header_label_rowspan"
VERTICAL_TEXT_LINES = "vertical_text_lines"

RULE_NAMES = (
    COVERED_LEFT_GROUPING,
    SINGLE_CELL_KEY_COLUMN,
    LAST_ROW_CLOSING_INFERRED,
    SECTION_ROW_FULL_WIDTH,
    HEADER_GROUP_COLSPAN,
    HEADER_LABEL_ROWSPAN,
    VERTICAL_TEXT_LINES,
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


def key_column(columns: Sequence[Sequence[str]], candidates: Sequence[int]) -> int:
    """The most specific column among ``candidates``: the one whose placed values repeat least
    (highest share of distinct values); ties go to the rightmost candidate.

    ``columns[c]`` lists the normalized values already placed in column ``c``.
    """
    best, best_score = candidates[-1], -1.0
    for c in candidates:
        values = [v for v in columns[c] if v]
        score = len(set(values)) / len(values) if values else 0.0
        if score >= best_score:
            best, best_score = c, score
    return best


def column_count_from_bars(segments: Sequence[tuple[int, int | None]], max_cols: int) -> tuple[int | None, list[int]]:
    """The column count that explains every closed segment of a bar-flattened table.

    ``segments`` are ``(real cells, bars)`` between two bar lines (``bars`` is ``None`` for the
    open last segment). A closed segment ends with a row of ``n - bars`` real cells after whole
    rows, so ``(cells + bars) % n == 0``; a row cannot be fully covered, so ``n > bars``.
    Returns the smallest such ``n`` and an empty list, or (when none explains them all) the ``n``
    explaining most segments and the indexes of the segments it leaves unexplained.
    """
    closed = [(c, k) for c, k in segments if k is not None]
    max_k = max((k for _, k in closed), default=0)
    first = segments[0][0] if segments else 0
    best: tuple[int, list[int]] | None = None
    for n in range(max(2, max_k + 1), max_cols + 1):
        if first < n:
            break
        bad = [i for i, (c, k) in enumerate(segments) if k is not None and (c + k) % n]
        if not bad:
            return n, []
        if best is None or len(bad) < len(best[1]):
            best = (n, bad)
    if best is None:
        return None, []
    return best


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
    if len(first_row) - 1 + run != n_cols:
        return None
    return group, run


def is_vertical_char(text: str, excluded: str) -> bool:
    """One CJK character written on its own line (part of a vertical label)."""
    return len(text) == 1 and "\u3400" <= text <= "\u9fff" and text not in excluded
