"""Shared pieces of the flattened-table finders: text lines, placed cells, and the grid builder.

A finder (``table_bars``, ``table_lines``) turns lines of the folded text into *slots*: for each
grid row, one entry per column that is either a :class:`Piece` (a real cell made of one or more
lines), a :class:`Covered` marker (the position belongs to the cell above, by a named layout
rule), a :class:`Spanned` marker (the position belongs to the cell on its left) or ``None``
(no cell: the flattening dropped an empty cell). :func:`build_table` turns the slots into the
one :class:`~policyparse.model.Table` model: it walks every covered position up to its origin,
grows the origin's ``row_span`` and records on it the names of the rules that did so.

Offsets are absolute offsets into the text the finder was given (the folded reader text).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from ..model import Cell, Span, Table
from ..normalize import squeeze
from .table_rules import SAME_AS_ABOVE_MARK

__all__ = [
    "Covered",
    "Piece",
    "Slot",
    "Spanned",
    "TextLine",
    "build_table",
    "cell_text",
    "split_lines",
]


@dataclass(frozen=True)
class TextLine:
    """One non-blank line: ``[start, end)`` covers its text without surrounding blanks."""

    number: int  # 1-based line number in the whole text
    start: int
    end: int
    raw: str  # text[start:end]
    indent: int = 0  # blank characters before ``start`` on the line

    @property
    def norm(self) -> str:
        return squeeze(self.raw)


def split_lines(text: str, start: int, end: int) -> list[TextLine]:
    """The non-blank lines that lie (at least partly) inside ``text[start:end]``, clipped to it."""
    start = max(0, start)
    end = min(len(text), end)
    lines: list[TextLine] = []
    number = text.count("\n", 0, start) + 1
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        line_end = end if nl < 0 else nl
        raw = text[pos:line_end]
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            s = pos + lead
            e = s + len(stripped)
            lines.append(TextLine(number=number, start=s, end=e, raw=stripped, indent=lead))
        if nl < 0:
            break
        pos = nl + 1
        number += 1
    return lines


def _is_wide(ch: str) -> bool:
    return ord(ch) > 0x2E7F


def cell_text(parts: list[str]) -> str:
    """Normalized text of a cell made of several lines: each line squeezed, joined without a
    space where either side of the join is a CJK character or full-width punctuation."""
    out = ""
    for part in (squeeze(p) for p in parts):
        if not part:
            continue
        if out and not (_is_wide(out[-1]) or _is_wide(part[0])):
            out += " "
        out += part
    return out


@dataclass
class Piece:
    """A real cell of the flattened table: the lines that hold its text."""

    lines: list[TextLine]
    col_span: int = 1
    span_rule: str | None = None  # rule that set col_span (section rows, header groups)
    header: bool = False
    # filled in by build_table
    row: int = -1
    col: int = -1
    row_span: int = 1
    rules: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Covered:
    """A position covered by the cell above it; ``rules`` name the layout rules that decided so."""

    rules: tuple[str, ...]


@dataclass(frozen=True)
class Spanned:
    """A position covered by the cell on its left (``col_span`` of that cell)."""


Slot = Piece | Covered | Spanned | None

def _to_cell(piece: Piece, text: str, source: str) -> Cell:
    first, last = piece.lines[0], piece.lines[-1]
    span = Span(start=first.start, end=last.end)
    rules = list(piece.rules)
    if piece.span_rule and piece.span_rule not in rules:
        rules.insert(0, piece.span_rule)
    where = f"line {first.number}" if first.number == last.number else f"lines {first.number}-{last.number}"
    return Cell(
        row=piece.row,
        col=piece.col,
        row_span=piece.row_span,
        col_span=piece.col_span,
        header=piece.header,
        raw=text[span.start : span.end],
        text=cell_text([ln.raw for ln in piece.lines]),
        span=span,
        span_rule="+".join(rules) if rules else None,
        provenance=f"{source} {where}",
    )


def _header_names(header_rows: list[list[Slot]], n_cols: int) -> list[str]:
    """Column names: the header rows' labels per column, top down, joined by ``/``; ``[]``
    when the table has no header row."""
    if not header_rows:
        return []
    names: list[list[str]] = [[] for _ in range(n_cols)]
    owner: list[Piece | None] = [None] * n_cols
    for row in header_rows:
        for c, slot in enumerate(row):
            if isinstance(slot, Piece):
                owner[c] = slot
                for k in range(c, min(n_cols, c + slot.col_span)):
                    owner[k] = slot
            elif slot is None:
                owner[c] = None
        for c in range(n_cols):
            piece = owner[c]
            if piece is not None:
                label = cell_text([ln.raw for ln in piece.lines])
                if label and (not names[c] or names[c][-1] != label):
                    names[c].append(label)
    return ["/".join(parts) for parts in names]


@lru_cache(maxsize=1)
def _same_as_above() -> frozenset[str]:
    from .unit_lists import task_columns

    return frozenset(task_columns()["same_as_above"])


def build_table(
    slots: list[list[Slot]],
    *,
    n_cols: int,
    n_header_rows: int,
    text: str,
    source: str,
    warnings: list[str],
) -> Table:
    """Resolve covered positions to their origins and return the Table.

    A :class:`Covered` position takes the nearest cell above it in its column (through other
    covered positions). A covered position with no data cell above it (first data row, or only a
    header above) cannot be explained: it is left empty and a warning is added. A data cell below
    the first that prints only a same-as-above mark (同上, ``task_columns.json`` ``same_as_above``) is
    covered from above (``same_as_above_mark``).
    """
    warnings = list(warnings)
    same = _same_as_above()
    for row in slots[n_header_rows + 1 :]:
        for c, slot in enumerate(row[:n_cols]):
            if isinstance(slot, Piece) and slot.col_span == 1 and "".join(ln.raw for ln in slot.lines).strip(" |") in same:
                row[c] = Covered((SAME_AS_ABOVE_MARK,))
    grid: list[list[Piece | None]] = [[None] * n_cols for _ in slots]
    for r, row in enumerate(slots):
        for c, slot in enumerate(row[:n_cols]):
            if isinstance(slot, Piece):
                slot.row, slot.col = r, c
                slot.col_span = max(1, min(slot.col_span, n_cols - c))
                for k in range(c, c + slot.col_span):
                    grid[r][k] = slot
    for r, row in enumerate(slots):
        for c, slot in enumerate(row[:n_cols]):
            if not isinstance(slot, Covered):
                continue
            origin = grid[r - 1][c] if r > 0 else None
            if origin is None or (origin.header and r >= n_header_rows) or origin.col != c:
                warnings.append(
                    f"row {r}: column {c + 1} is covered from above but no cell above can hold it; left empty"
                )
                continue
            grid[r][c] = origin
            origin.row_span = r - origin.row + 1
            for rule in slot.rules:
                if rule not in origin.rules:
                    origin.rules.append(rule)
    pieces = sorted({id(p): p for row in grid for p in row if p is not None}.values(), key=lambda p: (p.row, p.col))
    cells = [_to_cell(p, text, source) for p in pieces]
    table = Table(
        n_rows=len(slots),
        n_cols=n_cols,
        n_header_rows=n_header_rows,
        cells=cells,
        header=_header_names(slots[:n_header_rows], n_cols),
        span=Span(start=min(c.span.start for c in cells if c.span), end=max(c.span.end for c in cells if c.span)) if cells else None,
        source=source,
        warnings=warnings,
    )
    table.rows = table.filled_rows()[n_header_rows:]
    return table
