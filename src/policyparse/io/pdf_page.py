"""The types of a PDF page as the readers see it, in one place: lines and ruled tables of a page.

:class:`PageContent` (one page: its lines outside tables, its ruled tables, character and image
counts) is built by :mod:`policyparse.io.pdf` and by the OFD reader (:mod:`policyparse.io.ofd`,
which lays out its pages the same way); :class:`PageTable` and :class:`PdfCell` are what
:mod:`policyparse.io.pdf_tables` finds and stitches. Data only: no function here reads a file.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .assemble import RawCell
from .pdf_lines import BBox, Line


@dataclass
class PdfCell(RawCell):
    """A table cell with the visual lines of its text; ``full`` when its last line fills the cell's
    width, i.e. the text may go on in the next row of a merged cell cut by a page break;
    ``open_top`` when no rule is drawn along its top (the rest of a cell cut by a page break)."""

    lines: list[Line] = field(default_factory=list, repr=False)
    full: bool = False
    open_top: bool = False


@dataclass
class PageTable:
    """A ruled table: grid cells with rows relative to the table, and its column boundaries."""

    page: int
    bbox: BBox
    xs: list[float]
    n_rows: int
    n_cols: int
    cells: list[RawCell]
    pages: list[int] = field(default_factory=list)



@dataclass
class PageContent:
    number: int
    width: float
    height: float
    lines: list[Line]
    tables: list[PageTable]
    n_chars: int
    n_images: int
    n_cid: int = 0
