"""PDF -> SourceText through pdfium: reading order, page furniture removed, paragraphs re-joined.

The reader is a pipeline of small functions; :func:`read_pdf` only runs them in order:

1. ``page_to_content``: per page, the upright characters (duplicates from fake-bold removed)
   and visible paths that :mod:`policyparse.io.pdf_pdfium` reads with pypdfium2, the ruled
   tables found on the visible rules when they can hold one (:mod:`policyparse.io.pdf_tables`:
   ``find_cell_boxes`` → ``table_to_grid``), and the characters outside those tables grouped
   into lines (:func:`~policyparse.io.pdf_lines.chars_to_lines`). Pages of any size and
   orientation (landscape media boxes, ``/Rotate 90``) are read in their displayed upright form.
2. ``find_furniture``: lines in the top or bottom band of a page that are page numbers of any
   decoration (``— 3 —``, ``- 1 -``, ``–– 1 ––``, ``第 3 页 共 12 页``, ``3/12``) or whose
   text (digits masked) repeats in that band on several pages (running headers/footers).
3. ``stitch_tables``: a table continued on the next page becomes one table (repeated header
   rows dropped, merged cells cut by the page break joined); see :mod:`policyparse.io.pdf_tables`.
4. ``lines_to_paragraphs``: lines re-joined across line and page breaks; a paragraph ends where
   a line stops well short of the right margin, the next line is indented (and is not the
   centred continuation of a large-type title), the font size changes, a wide vertical gap or
   a table intervenes, or a line ending a sentence is followed by a flush-left item heading
   or note (``五、``, ``（二）``, ``说明：``). Margins are measured per page size, so portrait
   and landscape pages of one file each get their own. CJK lines are joined without a space.

Provenance: every block has ``page`` (1-based; a paragraph or table crossing a page break
gets its first page), ``bbox`` (x0, top, x1, bottom in points, on that page) and
``locator`` ('page P line L' / 'page P table T'); ``Span.page`` is set likewise, and a
table cell's span carries the page its row is printed on.
Errors: encrypted -> EncryptedDocument; no text layer -> NoTextLayer; broken -> CorruptDocument
(pypdfium2's ``PdfiumError`` is translated in :mod:`policyparse.io.pdf_pdfium` and here).
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import CorruptDocument, EmptyDocument, NoTextLayer, UnsupportedFormat
from ..model import SourceText
from .assemble import RawTable, TextAssembler, make_source
from .limits import ReadLimits
from .pdf_lines import HEADING_START, SENTENCE_END, BBox, Line, chars_to_lines, inside_box, is_page_number, join_lines
from .pdf_page import PageContent, PageTable
from .pdf_tables import find_cell_boxes, stitch_tables, table_to_grid, visible_edges

if TYPE_CHECKING:
    from .pdf_pdfium import PdfiumPage

TOP_BAND = 0.12  # share of the page height where running headers live
BOTTOM_BAND = 0.86  # lines whose top is below this share of the height may be footers
_OCR_HINT = "run OCR first, e.g. `ocrmypdf -l chi_sim FILE out.pdf`, and parse out.pdf"


def read_pdf(data: bytes, *, path: str | None = None, limits: ReadLimits | None = None) -> SourceText:
    """Read a PDF (bytes). Raises EncryptedDocument, NoTextLayer, CorruptDocument, InputTooLarge."""
    lim = ReadLimits.resolve(limits)
    lim.check_input_bytes(len(data), path=path)
    try:
        from .pdf_pdfium import PDFIUM_LOCK, PdfiumError, open_pdf, read_page
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise UnsupportedFormat("reading PDF needs pypdfium2", path=path, hint="pip install pypdfium2") from exc

    from ..budget import check
    from .pdf_budget import check_form_xobjects

    check_form_xobjects(data, lim, path)  # before pdfium expands the drawings of a page
    with PDFIUM_LOCK:
        pdf = open_pdf(data, path)
        try:
            n_pages = len(pdf)
            lim.check_pdf_pages(n_pages, path=path)
            pages: list[PageContent] = []
            total = 0
            for i in range(n_pages):
                check("PDF pages", path=path)
                content = page_to_content(read_page(pdf, i, path), i + 1)
                total += content.n_chars
                lim.check_text_chars(total, path=path)  # characters over all pages (max_text_chars)
                pages.append(content)
        except PdfiumError as exc:
            raise CorruptDocument(f"broken PDF: {exc}", path=path) from exc
        finally:
            pdf.close()

    warnings = _check_text_layer(pages, path)
    furniture = find_furniture(pages)
    for page in pages:
        page.lines = [line for line in page.lines if (line.page, line.index) not in furniture]
    tables = stitch_tables(pages)
    out = TextAssembler(lim, path=path)
    lines_to_paragraphs(pages, tables, out)
    return make_source(out, data=data, fmt="pdf", path=path, pages=n_pages, warnings=warnings)


def _check_text_layer(pages: list[PageContent], path: str | None) -> list[str]:
    if not any(p.n_chars for p in pages):
        if any(p.n_cid for p in pages):
            raise NoTextLayer("the PDF's fonts have no Unicode mapping (only (cid:N) glyphs)", path=path, hint=_OCR_HINT)
        if any(p.n_images for p in pages):
            raise NoTextLayer("scanned PDF: the pages are images without a text layer", path=path, hint=_OCR_HINT)
        raise EmptyDocument("the PDF holds no text", path=path)
    return [f"page {p.number} has no text layer (scanned page?); its content is missing" for p in pages
            if not p.n_chars and p.n_images]  # fmt: skip


# --------------------------------------------------------------------------- 1. page content


def page_to_content(page: PdfiumPage, number: int) -> PageContent:
    """Lines and ruled tables of one page read by pdfium (characters inside a table are the table's).

    The table machinery runs only where the page's visible rules can hold a table (two
    vertical and two horizontal ones at least, see :func:`find_cell_boxes`)."""
    chars = [c for c in page.chars if c["upright"]]
    tables: list[PageTable] = []
    edges = visible_edges(page)
    for cell_boxes in find_cell_boxes(page, edges):
        table = table_to_grid(cell_boxes, chars, number, rules=edges)
        if table is not None:
            tables.append(table)
    rest = [c for c in chars if not any(inside_box(c, t.bbox) for t in tables)] if tables else chars
    lines = chars_to_lines(rest, number)
    for i, line in enumerate(lines, 1):
        line.index = i
    n_text = sum(1 for c in chars if not c["text"].isspace())
    return PageContent(number, page.width, page.height, lines, tables, n_text, page.n_images, page.n_cid)


# --------------------------------------------------------------------------- 2. furniture

def find_furniture(pages: list[PageContent]) -> set[tuple[int, int]]:
    """(page, line index) of running headers, footers and page numbers."""
    candidates: list[tuple[PageContent, Line, str]] = []
    for page in pages:
        for line in page.lines:
            if line.bottom <= page.height * TOP_BAND:
                candidates.append((page, line, "top"))
            elif line.top >= page.height * BOTTOM_BAND:
                candidates.append((page, line, "bottom"))
    furniture = {(line.page, line.index) for _, line, _ in candidates if is_page_number(line.text)}
    pages_of: dict[tuple[str, str], set[int]] = {}
    keyed: list[tuple[tuple[str, str], Line]] = []
    for _, line, band in candidates:
        key = (band, re.sub(r"\d+", "#", line.text.replace(" ", "")))
        keyed.append((key, line))
        pages_of.setdefault(key, set()).add(line.page)
    need = max(2, round(0.3 * len(pages)))
    furniture.update((line.page, line.index) for key, line in keyed if len(pages_of[key]) >= need)
    return furniture


# --------------------------------------------------------------------------- 3. paragraphs


@dataclass
class _Geometry:
    left: float
    right: float
    size: float
    gap: float


def _cluster_edge(values: list[float], lowest: bool) -> float:
    """The lowest (or highest) position shared by at least 10% of the lines (within 3 pt)."""
    need = max(2, int(0.1 * len(values)))
    for v in sorted(values, reverse=not lowest):
        if sum(1 for w in values if abs(w - v) <= 3) >= need:
            return v
    return min(values) if lowest else max(values)


def _geometry(pages: list[PageContent]) -> dict[tuple[int, int], _Geometry]:
    """Text margins, body size and usual line gap per page size (portrait and landscape differ)."""
    groups: dict[tuple[int, int], list[PageContent]] = {}
    for page in pages:
        groups.setdefault((round(page.width), round(page.height)), []).append(page)
    result: dict[tuple[int, int], _Geometry] = {}
    for key, group in groups.items():
        lines = [line for page in group for line in page.lines]
        if not lines:
            result[key] = _Geometry(0.0, float(key[0]), 12.0, 12.0)
            continue
        weights: Counter[float] = Counter()
        for line in lines:
            weights[round(line.size, 1)] += len(line.text)
        size = weights.most_common(1)[0][0]
        gaps = [b.top - a.bottom for page in group for a, b in zip(page.lines, page.lines[1:], strict=False)
                if 0 < b.top - a.bottom < 3 * size and abs(a.size - size) < 0.5]  # fmt: skip
        left = _cluster_edge([line.x0 for line in lines], lowest=True)
        right = _cluster_edge([line.x1 for line in lines if line.x1 - line.x0 > 0.5 * (key[0] - 2 * left)] or
                              [line.x1 for line in lines], lowest=False)  # fmt: skip
        result[key] = _Geometry(left, right, size, statistics.median(gaps) if gaps else size)
    return result




def _continues(prev: Line, line: Line, geo: _Geometry, same_page: bool) -> bool:
    """Whether ``line`` continues the paragraph that ``prev`` ends."""
    size = max(prev.size, line.size)
    if abs(prev.size - line.size) > 0.15 * size:
        return False
    if same_page and line.top - prev.bottom > max(1.3 * size, 1.8 * geo.gap):
        return False
    if prev.x1 < geo.right - 1.5 * size:  # ends well short of the right margin
        return False
    if prev.x0 > geo.left + 3 * size and not _centred(prev, geo, size):  # a right-aligned line
        return False
    if line.x0 > geo.left + 0.8 * size:  # indented: a new paragraph, unless a centred title wraps
        return _centred(line, geo, size) and line.size >= 1.15 * geo.size
    # a sentence ends the line and the next one opens an item (五、 / （二） / 3.) or a note (说明：): a new paragraph
    return not (prev.text.rstrip()[-1:] in SENTENCE_END and HEADING_START.match(line.text))


def _centred(line: Line, geo: _Geometry, size: float) -> bool:
    return abs((line.x0 + line.x1) / 2 - (geo.left + geo.right) / 2) < size


def lines_to_paragraphs(pages: list[PageContent], tables: list[PageTable], out: TextAssembler) -> None:
    """Feed paragraphs and tables, in reading order, into ``out``."""
    geometry = _geometry(pages)
    starts: dict[int, list[PageTable]] = {}
    for table in tables:
        starts.setdefault(table.page, []).append(table)
    current: list[Line] = []
    prev_geo: _Geometry | None = None
    table_no: Counter[int] = Counter()

    def flush() -> None:
        if current:
            head = current[0]
            on_first = [x for x in current if x.page == head.page]
            bbox = (min(x.x0 for x in on_first), min(x.top for x in on_first), max(x.x1 for x in on_first),
                    max(x.bottom for x in on_first))  # fmt: skip
            out.add_paragraph(join_lines([x.text for x in current]), page=head.page, bbox=_round(bbox),
                              locator=f"page {head.page} line {head.index}")  # fmt: skip
            current.clear()

    for page in pages:
        geo = geometry[(round(page.width), round(page.height))]
        items: list[tuple[float, int, Line | PageTable]] = [(line.top, 1, line) for line in page.lines]
        items += [(t.bbox[1], 0, t) for t in starts.get(page.number, [])]
        for _, _, item in sorted(items, key=lambda x: (x[0], x[1])):
            if isinstance(item, PageTable):
                flush()
                table_no[page.number] += 1
                _emit_table(item, table_no[page.number], out)
                continue
            if current and not _continues(current[-1], item, geo, current[-1].page == item.page):
                flush()
            elif current and prev_geo is not geo and current[-1].page != item.page:
                flush()
            current.append(item)
        prev_geo = geo
    flush()


def _emit_table(table: PageTable, number: int, out: TextAssembler) -> None:
    raw = RawTable(n_rows=table.n_rows, n_cols=table.n_cols, cells=table.cells, source="pdf")
    if len(table.pages) > 1:
        raw.warnings.append(f"stitched from pages {', '.join(str(p) for p in table.pages)}")
    prefix = f"page {table.page} table {number}"
    out.add_table(raw, page=table.page, bbox=_round(table.bbox), locator=prefix,
                  cell_locator=lambda r, c: f"{prefix} cell ({r},{c})")  # fmt: skip


def _round(bbox: BBox) -> BBox:
    return (round(bbox[0], 2), round(bbox[1], 2), round(bbox[2], 2), round(bbox[3], 2))


__all__ = ["Line", "PageContent", "PageTable", "chars_to_lines", "find_furniture", "is_page_number", "join_lines",
           "lines_to_paragraphs", "page_to_content", "read_pdf", "stitch_tables", "table_to_grid"]  # fmt: skip
