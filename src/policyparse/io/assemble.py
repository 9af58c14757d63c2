"""Shared assembly of every reader: raw paragraphs and tables -> one text with blocks and spans.

Input: what a reader found (lines of text, :class:`RawTable` of :class:`RawCell`); output: the
:class:`~policyparse.model.SourceText` of :func:`make_source`. :class:`TextAssembler` keeps the
reader contract of :mod:`policyparse.io` (blocks separated by exactly one ``\\n``, a table block
one line per origin cell holding text, each cell span pointing at its line);
:func:`contract_violations` checks a result against it. Every reader imports this module; it
imports no reader.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ..errors import EmptyDocument
from ..model import Block, Cell, SourceInfo, SourceText, Span, Table
from .limits import ReadLimits

_LINE_BREAKS = re.compile(r"[\r\n\v\f\x85\u2028\u2029]+")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_WS = re.compile(r"\s+")
# whitespace between two non-ASCII, non-space characters is layout padding (陈 飞, 材 料)
_PADDING = re.compile(r"(?<=[^\x00-\x7f\s])\s+(?=[^\x00-\x7f\s])")


def clean_line(text: str) -> str:
    """One block line: line breaks and control characters become spaces, ends stripped of ASCII blanks."""
    text = _LINE_BREAKS.sub(" ", text)
    text = _CONTROL.sub(" ", text)
    return text.strip(" \t")


def cell_text(raw: str) -> str:
    """A cell's normalized text: padding between non-ASCII characters removed, other whitespace
    folded to one space, ends stripped. Widths are not folded (``(`` stays ``(``)."""
    return _WS.sub(" ", _PADDING.sub("", raw)).strip()


@dataclass
class RawCell:
    """A table cell as a reader found it: origin position, spans from the markup, raw text."""

    row: int
    col: int
    raw: str
    row_span: int = 1
    col_span: int = 1
    page: int | None = None


@dataclass
class RawTable:
    """A reader's table before assembly. ``n_header_rows=None`` asks :func:`infer_header_rows`."""

    n_rows: int
    n_cols: int
    cells: list[RawCell]
    source: str
    n_header_rows: int | None = None
    warnings: list[str] = field(default_factory=list)


def infer_header_rows(cells: list[RawCell], n_rows: int, n_cols: int = 0, declared: int | None = None) -> int:
    """Header rows of a table: ``declared`` (when the format marks header rows) or the first row,
    grown downwards while (a) a header cell spans into the next row, or (b) a cell of the last
    header row spanning several columns (a group heading, or a full-width caption) has at
    least two non-empty cells right under it (its sub-headings). At least one row stays data."""
    if n_rows <= 1:
        return 0
    n = min(declared or 1, n_rows - 1)
    grown = True
    while grown and n < n_rows - 1:
        grown = False
        for c in cells:
            end = c.row + c.row_span
            if c.row < n < end:
                n, grown = min(end, n_rows - 1), True
                break
            if end == n and c.col_span > 1 and cell_text(c.raw):
                under = [d for d in cells if d.row == n and c.col <= d.col < c.col + c.col_span and cell_text(d.raw)]
                if len(under) >= 2:
                    n, grown = n + 1, True
                    break
    return n


class TextAssembler:
    """Builds ``text`` and its blocks line by line so that every span is exact by construction."""

    def __init__(self, limits: ReadLimits | None = None, *, path: str | None = None) -> None:
        self._parts: list[str] = []
        self._pos = 0
        self.blocks: list[Block] = []
        self.limits = limits or ReadLimits()
        self.path = path

    @property
    def text(self) -> str:
        return "".join(self._parts)

    def _append(self, line: str) -> tuple[int, int]:
        if self._parts:
            self._parts.append("\n")
            self._pos += 1
        start = self._pos
        self._parts.append(line)
        self._pos += len(line)
        return start, self._pos

    def add_paragraph(
        self,
        text: str,
        *,
        page: int | None = None,
        bbox: tuple[float, float, float, float] | None = None,
        locator: str | None = None,
        style: str | None = None,
    ) -> Block | None:
        """Append one paragraph line; blank text adds nothing and returns None."""
        line = clean_line(text)
        if not line.strip():
            return None
        start, end = self._append(line)
        block = Block(span=Span(start=start, end=end, page=page), text=line, page=page, bbox=bbox, locator=locator, style=style)
        self.blocks.append(block)
        return block

    def add_table(
        self,
        table: RawTable,
        *,
        page: int | None = None,
        bbox: tuple[float, float, float, float] | None = None,
        locator: str | None = None,
        cell_locator: Callable[[int, int], str] | None = None,
    ) -> Block | None:
        """Append a table block (one line per origin cell holding text); an empty table adds nothing."""
        ordered = sorted(table.cells, key=lambda c: (c.row, c.col))
        if not any(clean_line(c.raw) for c in ordered):
            return None
        self._check_table(table)
        n_header = infer_header_rows(ordered, table.n_rows, table.n_cols, table.n_header_rows)
        cells: list[Cell] = []
        first = last = None
        for raw_cell in ordered:
            line = clean_line(raw_cell.raw)
            span = None
            if line:
                start, end = self._append(line)
                first = start if first is None else first
                last = end
                span = Span(start=start, end=end, page=raw_cell.page if raw_cell.page is not None else page)
            cells.append(
                Cell(
                    row=raw_cell.row,
                    col=raw_cell.col,
                    row_span=raw_cell.row_span,
                    col_span=raw_cell.col_span,
                    header=raw_cell.row < n_header,
                    raw=line,
                    text=cell_text(line),
                    span=span,
                    span_rule="markup",
                    provenance=cell_locator(raw_cell.row, raw_cell.col) if cell_locator else None,
                )
            )
        if first is None or last is None:  # pragma: no cover - excluded above
            return None
        block_span = Span(start=first, end=last, page=page)
        model = Table(n_rows=table.n_rows, n_cols=table.n_cols, n_header_rows=n_header, cells=cells, span=block_span,
                      source=table.source, warnings=list(table.warnings))  # fmt: skip
        filled = model.filled_rows()
        header = _header_names(model, n_header)
        model = model.model_copy(update={"header": header, "rows": filled[n_header:]})
        block = Block(kind="table", span=block_span, text=self.text[first:last], page=page, bbox=bbox, locator=locator,
                      table=model, style="table")  # fmt: skip
        self.blocks.append(block)
        return block


    def _check_table(self, table: RawTable) -> None:
        """Budgets before the grid is built: its size, and the text its filled rows repeat
        (a covered position holds its origin's text, so one long cell spanning many is multiplied)."""
        self.limits.check_table(table.n_rows, table.n_cols, path=self.path)
        filled = 0
        for c in table.cells:
            rows = max(0, min(c.row + c.row_span, table.n_rows) - c.row)
            cols = max(0, min(c.col + c.col_span, table.n_cols) - c.col)
            filled += len(c.raw) * rows * cols
        self.limits.check_text_chars(filled, path=self.path)


def _header_names(table: Table, n_header: int) -> list[str]:
    """Per column, the distinct header cells above it joined with '/' (top to bottom); a
    full-width title row above other header rows is a caption, not part of the names, and so
    is a cell that straddles two headings of the row above (it is no sub-heading of either:
    the 合计 label of a totals row printed in the header's last row)."""
    if n_header == 0:
        return []
    grid = table.grid()
    names: list[str] = []
    for col in range(table.n_cols):
        parts: list[str] = []
        seen: set[int] = set()
        for row in range(n_header):
            cell = grid[row][col]
            caption = cell is not None and cell.col_span == table.n_cols > 1 and row < n_header - 1
            if cell is not None and _straddles(grid, cell):
                continue
            if cell is not None and id(cell) not in seen and cell.text and not caption:
                seen.add(id(cell))
                parts.append(cell.text)
        names.append("/".join(parts))
    return names


def _straddles(grid: list[list[Cell | None]], cell: Cell) -> bool:
    """Whether ``cell`` lies under two or more distinct headed cells of the row above it."""
    if cell.row == 0 or cell.col_span < 2:
        return False
    above = {id(c) for c in grid[cell.row - 1][cell.col : cell.col + cell.col_span] if c is not None and c.text}
    return len(above) >= 2


def make_source(
    assembler: TextAssembler,
    *,
    data: bytes,
    fmt: str,
    path: str | None,
    pages: int | None = None,
    encoding: str | None = None,
    metadata: dict[str, str] | None = None,
    warnings: list[str] | None = None,
) -> SourceText:
    """Wrap an assembler's output; raise EmptyDocument when it holds no text."""
    text = assembler.text
    if not text.strip():
        raise EmptyDocument("the document holds no text", path=path)
    info = SourceInfo(path=path, format=fmt, sha256=hashlib.sha256(data).hexdigest(), encoding=encoding, pages=pages)
    return SourceText(source=info, text=text, blocks=assembler.blocks, metadata=dict(sorted((metadata or {}).items())),
                      warnings=list(warnings or []))  # fmt: skip


def contract_violations(source: SourceText) -> list[str]:
    """Every way ``source`` breaks the reader contract (empty list when it holds).

    Checks: blocks in text order, each block's text equals its span's slice, consecutive
    blocks separated by exactly one newline and nothing else, paragraph blocks without a
    newline, tables with a Table whose span is the block's span and whose cell spans slice
    to the cell's raw text within the block.
    """
    problems: list[str] = []
    text = source.text
    prev_end: int | None = None
    for i, block in enumerate(source.blocks):
        span = block.span
        if span.slice(text) != block.text:
            problems.append(f"block {i}: text differs from text[{span.start}:{span.end}]")
        if prev_end is not None and text[prev_end : span.start] != "\n":
            problems.append(f"block {i}: not separated from the previous block by exactly one newline")
        if prev_end is None and span.start != 0:
            problems.append("text does not start with the first block")
        prev_end = span.end
        if block.kind == "paragraph" and "\n" in block.text:
            problems.append(f"block {i}: paragraph holds a newline")
        if block.kind == "table":
            if block.table is None or block.table.span != span:
                problems.append(f"block {i}: table missing or its span differs from the block's")
                continue
            for cell in block.table.cells:
                if cell.span is None:
                    continue
                if not (span.start <= cell.span.start <= cell.span.end <= span.end):
                    problems.append(f"block {i}: cell ({cell.row},{cell.col}) span outside the table")
                elif cell.span.slice(text) != cell.raw:
                    problems.append(f"block {i}: cell ({cell.row},{cell.col}) span does not slice to its raw text")
    if prev_end is not None and prev_end != len(text):
        problems.append("text goes on after the last block")
    return problems


__all__ = ["RawCell", "RawTable", "TextAssembler", "cell_text", "clean_line", "contract_violations", "infer_header_rows",
           "make_source"]  # fmt: skip
