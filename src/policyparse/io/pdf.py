"""PDF -> SourceText with pdfplumber: reading order, page furniture removed, paragraphs re-joined.

The reader is a pipeline of small functions; :func:`read_pdf` only runs them in order:

1. ``page_to_content``: per page, the upright characters (duplicates from fake-bold removed),
   pdfplumber's ruled tables converted to grid cells (``table_to_grid``), and the characters
   outside those tables grouped into lines (``chars_to_lines``). Inside a line a space is
   written where the PDF has a space glyph, where two Latin/digit characters are apart, or
   where the gap is wider than a character; never between a CJK character and its neighbour
   otherwise (pdfplumber's ``全球 500 强`` comes out as ``全球500强``).
2. ``find_furniture``: lines in the top or bottom band of a page that are page numbers of any
   decoration (``— 3 —``, ``- 1 -``, ``–– 1 ––``, ``第 3 页 共 12 页``, ``3/12``) or whose
   text (digits masked) repeats in that band on several pages (running headers/footers).
3. ``stitch_tables``: a table ending a page and a table starting the next page with the same
   column boundaries are one table; the continuation's repeated header rows are dropped and
   its empty top cells are covered by the cell above (a vertical merge cut by the page break).
4. ``lines_to_paragraphs``: lines re-joined across line and page breaks; a paragraph ends where
   a line stops well short of the right margin, the next line is indented (and is not the
   centred continuation of a large-type title), the font size changes, or a wide vertical
   gap or a table intervenes. CJK lines are joined without a space.

Provenance: every block has ``page`` (1-based; a paragraph or table crossing a page break
gets its first page), ``bbox`` (x0, top, x1, bottom in points, on that page) and
``locator`` ('page P line L' / 'page P table T'); ``Span.page`` is set likewise, and a
table cell's span carries the page its row is printed on.
Errors: encrypted -> EncryptedDocument; no text layer -> NoTextLayer; broken -> CorruptDocument.
"""

from __future__ import annotations

import io
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..errors import CorruptDocument, EmptyDocument, EncryptedDocument, NoTextLayer, UnsupportedFormat
from ..model import SourceText
from . import RawCell, RawTable, TextAssembler, cell_text, infer_header_rows, make_source
from .limits import ReadLimits

BBox = tuple[float, float, float, float]

TOP_BAND = 0.12  # share of the page height where running headers live
BOTTOM_BAND = 0.86  # lines whose top is below this share of the height may be footers
SNAP = 2.5  # points: table boundaries closer than this are one boundary
_OCR_HINT = "run OCR first, e.g. `ocrmypdf -l chi_sim FILE out.pdf`, and parse out.pdf"


@dataclass
class Line:
    page: int
    x0: float
    x1: float
    top: float
    bottom: float
    text: str
    size: float
    index: int = 0  # 1-based position among the page's lines


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


def read_pdf(data: bytes, *, path: str | None = None, limits: ReadLimits | None = None) -> SourceText:
    """Read a PDF (bytes). Raises EncryptedDocument, NoTextLayer, CorruptDocument, InputTooLarge."""
    lim = ReadLimits.resolve(limits)
    lim.check_input_bytes(len(data), path=path)
    try:
        import pdfplumber
        from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise UnsupportedFormat("reading PDF needs pdfplumber", path=path, hint="pip install pdfplumber") from exc

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except PdfminerException as exc:
        raise _translate(exc.args[0] if exc.args else exc, path) from exc
    except Exception as exc:  # pdfminer raises bare PSSyntaxError, TypeError, KeyError on broken files
        raise _translate(exc, path) from exc
    try:
        n_pages = len(pdf.pages)
        lim.check_pdf_pages(n_pages, path=path)
        pages = [page_to_content(page, i) for i, page in enumerate(pdf.pages, 1)]
    except PdfminerException as exc:
        raise _translate(exc.args[0] if exc.args else exc, path) from exc
    except MalformedPDFException as exc:  # a page box that is not four numbers
        raise CorruptDocument(f"broken PDF: {exc}", path=path) from exc
    except (ValueError, KeyError, TypeError, AttributeError, IndexError) as exc:
        raise CorruptDocument(f"PDF content cannot be read: {exc!r}", path=path) from exc
    finally:
        _close_quietly(pdf)

    warnings = _check_text_layer(pages, path)
    furniture = find_furniture(pages)
    for page in pages:
        page.lines = [line for line in page.lines if (line.page, line.index) not in furniture]
    tables = stitch_tables(pages)
    out = TextAssembler()
    lines_to_paragraphs(pages, tables, out)
    return make_source(out, data=data, fmt="pdf", path=path, pages=n_pages, warnings=warnings)


def _close_quietly(pdf: Any) -> None:
    """Close ``pdf``; closing re-reads a broken page tree and fails again, which must not mask the
    CorruptDocument already raised (the bytes are in memory, nothing leaks)."""
    try:
        pdf.close()
    except Exception:  # noqa: BLE001, S110 - see the docstring
        pass


def _translate(exc: BaseException, path: str | None) -> Exception:
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    if isinstance(exc, (PDFPasswordIncorrect, PDFEncryptionError)):
        return EncryptedDocument("the PDF is password-protected", path=path, hint="remove the password and try again")
    return CorruptDocument(f"broken PDF: {type(exc).__name__}: {exc}", path=path)


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


def page_to_content(page: Any, number: int) -> PageContent:
    """Lines and ruled tables of one pdfplumber page (characters inside a table are the table's)."""
    chars = [c for c in page.dedupe_chars().chars if c.get("upright", True) and c.get("text")]
    n_cid = sum(1 for c in chars if c["text"].startswith("(cid:"))
    chars = [c for c in chars if not c["text"].startswith("(cid:")]
    tables: list[PageTable] = []
    edges = visible_edges(page)
    for cell_boxes in find_cell_boxes(page, edges):
        table = table_to_grid(cell_boxes, chars, number, rules=edges)
        if table is not None:
            tables.append(table)
    rest = [c for c in chars if not any(_inside(c, t.bbox) for t in tables)]
    lines = chars_to_lines(rest, number)
    for i, line in enumerate(lines, 1):
        line.index = i
    n_text = sum(1 for c in chars if not c["text"].isspace())
    return PageContent(number, float(page.width), float(page.height), lines, tables, n_text, len(page.images), n_cid)


def find_cell_boxes(page: Any, edges: list[dict[str, Any]] | None = None) -> list[list[BBox]]:
    """The cell rectangles of each ruled table on a pdfplumber page, from the rules one can see.

    Rules are the visible, axis-parallel strokes and fills of the page (:func:`visible_edges`):
    white or unfilled backgrounds, which WPS paints behind every paragraph and cell, would
    split merged cells and frame plain paragraphs. A second pass closes each table's outer
    frame (grown to the ends of its rules), so that a cell whose outer border the producer
    left out (a header cell at the top of a continued table, the last row before a page
    break) is still found.
    """
    edges = visible_edges(page) if edges is None else edges
    v = [e for e in edges if e["orientation"] == "v"]
    h = [e for e in edges if e["orientation"] == "h"]
    if len(v) < 2 or len(h) < 2:
        return []
    first = page.find_tables(_explicit(v, h))
    if not first:
        return []
    for found in first:
        x0, top, x1, bottom = _rule_extent(found.bbox, edges)
        v += [_edge("v", x, x, top, bottom) for x in (x0, x1)]
        h += [_edge("h", x0, x1, y, y) for y in (top, bottom)]
    return [[b for b in found.cells if b is not None] for found in page.find_tables(_explicit(v, h))]


def _explicit(v: list[dict[str, Any]], h: list[dict[str, Any]]) -> dict[str, Any]:
    return {"vertical_strategy": "explicit", "horizontal_strategy": "explicit", "explicit_vertical_lines": v,
            "explicit_horizontal_lines": h}  # fmt: skip


def visible_edges(page: Any) -> list[dict[str, Any]]:
    """Horizontal and vertical rules drawn on the page, as pdfplumber edge dicts.

    From visible lines, rectangles and curve segments (:func:`is_visible`); a rectangle
    thinner than 2 pt is one rule, a wider one gives its four sides. A segment counts as
    horizontal (vertical) when its ends differ by less than 1 pt across, so coordinates
    carried through a page rotation (``/Rotate 90``) with float noise still line up.
    """
    edges: list[dict[str, Any]] = []
    for obj in (*page.lines, *page.rects, *page.curves):
        if not is_visible(obj):
            continue
        x0, top, x1, bottom = obj["x0"], obj["top"], obj["x1"], obj["bottom"]
        if obj["object_type"] == "rect":
            if x1 - x0 < 2 or bottom - top < 2:
                edges.append(_segment((x0 + x1) / 2 if x1 - x0 < 2 else x0, (top + bottom) / 2 if bottom - top < 2 else top,
                                      (x0 + x1) / 2 if x1 - x0 < 2 else x1, (top + bottom) / 2 if bottom - top < 2 else bottom))  # fmt: skip
            else:
                edges += [_edge("h", x0, x1, top, top), _edge("h", x0, x1, bottom, bottom),
                          _edge("v", x0, x0, top, bottom), _edge("v", x1, x1, top, bottom)]  # fmt: skip
            continue
        pts = obj.get("pts") or [(x0, top), (x1, bottom)]
        for (ax, ay), (bx, by) in zip(pts, pts[1:], strict=False):
            edges.append(_segment(ax, ay, bx, by))
    return [e for e in edges if e is not None]


def _segment(ax: float, ay: float, bx: float, by: float) -> dict[str, Any] | None:
    if abs(ay - by) < 1 and abs(ax - bx) >= 1:
        y = (ay + by) / 2
        return _edge("h", min(ax, bx), max(ax, bx), y, y)
    if abs(ax - bx) < 1 and abs(ay - by) >= 1:
        x = (ax + bx) / 2
        return _edge("v", x, x, min(ay, by), max(ay, by))
    return None


def _rule_extent(bbox: BBox, edges: list[dict[str, Any]]) -> BBox:
    """A table's box grown to the ends of the rules that cross its border: where a table runs
    to the page break, its column rules go on below its last drawn row rule."""
    x0, top, x1, bottom = bbox
    tol = SNAP + 0.5
    for e in edges:
        if e["orientation"] == "v" and x0 - tol <= e["x0"] <= x1 + tol and e["top"] <= bottom + tol and e["bottom"] >= top - tol:
            top, bottom = min(top, e["top"]), max(bottom, e["bottom"])
    for e in edges:
        if e["orientation"] == "h" and top - tol <= e["top"] <= bottom + tol and e["x0"] <= x1 + tol and e["x1"] >= x0 - tol:
            x0, x1 = min(x0, e["x0"]), max(x1, e["x1"])
    return x0, top, x1, bottom


def _edge(orientation: str, x0: float, x1: float, top: float, bottom: float) -> dict[str, Any]:
    return {"object_type": "frame_edge", "orientation": orientation, "x0": x0, "x1": x1, "top": top,
            "bottom": bottom, "width": x1 - x0, "height": bottom - top}  # fmt: skip


def _is_white(color: Any) -> bool:
    """Whether a pdfplumber colour (gray, RGB or CMYK components) is white; unknown colours are not."""
    if isinstance(color, (int, float)):
        color = (color,)
    if not isinstance(color, (tuple, list)) or not all(isinstance(v, (int, float)) for v in color):
        return False
    if len(color) in (1, 3):
        return all(v >= 0.95 for v in color)
    if len(color) == 4:
        return all(v <= 0.05 for v in color)
    return False


def is_visible(obj: dict[str, Any]) -> bool:
    """Whether a line, rectangle or curve puts ink on the page: stroked or filled in a colour other than white."""
    stroked = bool(obj.get("stroke")) and not _is_white(obj.get("stroking_color"))
    filled = bool(obj.get("fill")) and not _is_white(obj.get("non_stroking_color"))
    return stroked or filled


def _inside(char: dict[str, Any], bbox: BBox) -> bool:
    cx = (char["x0"] + char["x1"]) / 2
    cy = (char["top"] + char["bottom"]) / 2
    return bbox[0] <= cx <= bbox[2] and bbox[1] <= cy <= bbox[3]


def _is_cjk(ch: str) -> bool:
    """CJK ideographs, kana, full-width forms and CJK punctuation: scripts written without spaces."""
    o = ord(ch)
    return 0x2E80 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0xFF00 <= o <= 0xFFEF or 0x3000 <= o <= 0x303F or \
        0x2000 <= o <= 0x206F and ch in "“”‘’…—–" or 0x20000 <= o <= 0x2FFFF  # fmt: skip


def chars_to_lines(chars: list[dict[str, Any]], page: int) -> list[Line]:
    """Group characters into visual lines (top to bottom) and write each line's text."""
    rows: list[list[dict[str, Any]]] = []
    mids: list[float] = []
    for c in sorted(chars, key=lambda c: (round(c["top"], 1), c["x0"])):
        mid = (c["top"] + c["bottom"]) / 2
        if rows and abs(mid - mids[-1]) <= max(1.5, 0.4 * c["size"]):
            rows[-1].append(c)
        else:
            rows.append([c])
            mids.append(mid)
    lines: list[Line] = []
    for row in rows:
        row.sort(key=lambda c: c["x0"])
        visible = [c for c in row if not c["text"].isspace()]
        if not visible:
            continue
        text = _join_chars(row)
        size = statistics.median(c["size"] for c in visible)
        lines.append(Line(page, min(c["x0"] for c in visible), max(c["x1"] for c in visible),
                          min(c["top"] for c in visible), max(c["bottom"] for c in visible), text, size))  # fmt: skip
    return lines


def _join_chars(row: list[dict[str, Any]]) -> str:
    out: list[str] = []
    prev: dict[str, Any] | None = None
    pending_space = False
    for c in row:
        t = c["text"]
        if t.isspace():
            pending_space = prev is not None
            continue
        if prev is not None:
            gap = c["x0"] - prev["x1"]
            size = max(c["size"], prev["size"], 1.0)
            a, b = prev["text"][-1], t[0]
            latin = not _is_cjk(a) and not _is_cjk(b)
            if pending_space or gap > size or (latin and gap > 0.2 * size):
                out.append(" ")
        out.append(t)
        prev = c
        pending_space = False
    return "".join(out)


def join_lines(parts: list[str]) -> str:
    """Join wrapped lines: no space where either side is CJK, one space between Latin words."""
    out = ""
    for part in parts:
        part = part.strip()
        if not part:
            continue
        if out and not _is_cjk(out[-1]) and not _is_cjk(part[0]) and out[-1] != "-":
            out += " "
        out += part
    return out


def _snap(values: list[float]) -> list[float]:
    """Sorted boundaries with values closer than SNAP merged (their mean)."""
    groups: list[list[float]] = []
    for v in sorted(values):
        if groups and v - groups[-1][-1] <= SNAP:
            groups[-1].append(v)
        else:
            groups.append([v])
    return [sum(g) / len(g) for g in groups]


def _nearest(bounds: list[float], value: float) -> int:
    return min(range(len(bounds)), key=lambda i: abs(bounds[i] - value))


def table_to_grid(cell_boxes: list[BBox], chars: list[dict[str, Any]], page: int,
                  rules: list[dict[str, Any]] | None = None) -> PageTable | None:
    """pdfplumber's cell rectangles -> grid cells with true spans.

    Column and row boundaries are every cell edge (snapped); a rectangle covering k of the
    resulting columns has ``col_span=k`` (likewise rows), so a merged cell is one cell and the
    positions it covers get none. ``rules`` (the page's drawn edges, when given) mark cells
    whose top border is not drawn (``PdfCell.open_top``). Rows of the top or bottom that are one full-width cell of
    running prose (text in a frame, which pdfplumber takes for a table) are given back to
    the page text (see :func:`_peel_framed_rows`); what remains with fewer than two columns
    or rows is not a table.
    """
    boxes = [b for b in cell_boxes if b is not None]
    if not boxes:
        return None
    xs = _snap([v for b in boxes for v in (b[0], b[2])])
    ys = _snap([v for b in boxes for v in (b[1], b[3])])
    placed: dict[tuple[int, int], tuple[RawCell, BBox]] = {}
    for b in boxes:
        c0, c1 = _nearest(xs, b[0]), _nearest(xs, b[2])
        r0, r1 = _nearest(ys, b[1]), _nearest(ys, b[3])
        if c1 <= c0 or r1 <= r0 or (r0, c0) in placed:
            continue
        lines = chars_to_lines([c for c in chars if _inside(c, b)], page)
        text = join_lines([line.text for line in lines])
        cell = PdfCell(row=r0, col=c0, raw=text, row_span=r1 - r0, col_span=c1 - c0, page=page, lines=lines)
        cell.open_top = rules is not None and not _ruled_above(b, rules)
        placed[(r0, c0)] = (cell, b)
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    _mark_full_lines(placed)
    first, last = _peel_framed_rows(placed, n_rows, n_cols)
    kept = [(cell, b) for (row, _), (cell, b) in placed.items() if first <= row <= last]
    if not kept:
        return None
    used_cols = sorted({k for cell, _ in kept for k in range(cell.col, cell.col + cell.col_span)})
    if last - first + 1 < 2 or len(used_cols) < 2:
        return None
    for cell, _ in kept:
        cell.row -= first
    bbox = (min(b[0] for _, b in kept), min(b[1] for _, b in kept), max(b[2] for _, b in kept), max(b[3] for _, b in kept))
    return PageTable(page, bbox, xs, last - first + 1, n_cols, [cell for cell, _ in kept], [page])


def _ruled_above(box: BBox, rules: list[dict[str, Any]]) -> bool:
    """Whether drawn horizontal rules cover at least half of the top side of ``box``."""
    x0, top, x1, _ = box
    covered = sum(max(0.0, min(x1, e["x1"]) - max(x0, e["x0"])) for e in rules
                  if e["orientation"] == "h" and abs(e["top"] - top) <= SNAP)  # fmt: skip
    return covered >= 0.5 * (x1 - x0)


def _mark_full_lines(placed: dict[tuple[int, int], tuple[PdfCell, BBox]]) -> None:
    """Set ``full`` on cells whose last line runs to the cell's right padding (their text wraps).

    The padding is the smallest left inset of text among the cells of the same column, so
    that a centred short text, inset on both sides, is not taken for a full line."""
    insets: dict[int, float] = {}
    for cell, b in placed.values():
        if cell.lines:
            inset = min(line.x0 for line in cell.lines) - b[0]
            insets[cell.col] = min(insets.get(cell.col, inset), inset)
    for cell, b in placed.values():
        if cell.lines:
            last = cell.lines[-1]
            cell.full = last.x1 >= b[2] - max(insets[cell.col], 0.0) - 0.9 * last.size


def _peel_framed_rows(placed: dict[tuple[int, int], tuple[RawCell, BBox]], n_rows: int, n_cols: int) -> tuple[int, int]:
    """First and last row that belong to the table proper.

    A run of rows at the top that are each one full-width cell is text in a frame (WPS draws
    paragraph borders as rules) except its last row when that row is short: a table title
    such as ``第二十条第（一）项`` directly above the header. At the bottom, such a run is
    peeled when one of its rows is prose (a line of 20 characters or more).
    """
    single: dict[int, str] = {}
    by_row: Counter[int] = Counter(row for row, _ in placed)
    for (row, _), (cell, _) in placed.items():
        if by_row[row] == 1 and cell.col_span == n_cols and cell.row_span == 1:
            single[row] = cell_text(cell.raw)
    first = 0
    while first < n_rows and first in single:
        first += 1
    if first == n_rows:
        return n_rows, n_rows - 1
    if first and len(single[first - 1]) < 20:
        first -= 1  # keep the title row
    last = n_rows - 1
    while last >= first and last in single:
        last -= 1
    if not any(len(single[r]) >= 20 for r in range(last + 1, n_rows)):
        last = n_rows - 1
    return first, last


# --------------------------------------------------------------------------- 2. furniture

_DECORATION = re.compile(r"[\s\-—–－_~·•.|/\\()（）\[\]〔〕第页共之Pp]|page|of", re.IGNORECASE)
_ROMAN = re.compile(r"^[ivxlcdm]+$", re.IGNORECASE)


def is_page_number(text: str) -> bool:
    """A line that is only a page number with decoration: '— 3 —', '- 1 -', '第 3 页 共 12 页', '3/12', 'ii'."""
    if len(text) > 24:
        return False
    rest = _DECORATION.sub("", text)
    return bool(rest) and (rest.isdigit() and len(rest) <= 8 or bool(_ROMAN.match(rest)) and len(rest) <= 6)


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


# --------------------------------------------------------------------------- 3. stitching


def _body_extent(page: PageContent) -> tuple[float, float]:
    tops = [line.top for line in page.lines]
    return (min(tops), max(line.bottom for line in page.lines)) if tops else (page.height, 0.0)


def stitch_tables(pages: list[PageContent]) -> list[PageTable]:
    """All tables in page order, a table continued on the next page merged into its first part."""
    result: list[PageTable] = []
    open_table: PageTable | None = None
    for page in pages:
        first_line, last_line = _body_extent(page)
        ordered = sorted(page.tables, key=lambda t: t.bbox[1])
        for i, part in enumerate(ordered):
            starts_page = i == 0 and part.bbox[1] <= first_line
            ends_page = i == len(ordered) - 1 and part.bbox[3] >= last_line
            columns = _column_map(open_table, part) if open_table is not None and starts_page else None
            if open_table is not None and columns is not None:
                _append_part(open_table, part, columns)
                current = open_table
            else:
                result.append(part)
                current = part
            open_table = current if ends_page else None
        if not ordered:
            open_table = None
    return result


def _column_map(head: PageTable, part: PageTable) -> dict[int, int] | None:
    """Map the part's column boundaries onto the head's (a continued table may show fewer
    columns when a merged cell hides some), or None when the two tables do not line up."""
    mapping: dict[int, int] = {}
    for i, x in enumerate(part.xs):
        j = _nearest(head.xs, x)
        if abs(head.xs[j] - x) > 2 * SNAP:
            return None
        mapping[i] = j
    if mapping[0] != 0 or mapping[len(part.xs) - 1] != len(head.xs) - 1:
        return None
    return mapping


def _append_part(head: PageTable, part: PageTable, columns: dict[int, int]) -> None:
    """Merge ``part`` (the next page's piece) into ``head`` in place."""
    for c in part.cells:
        end = columns[c.col + c.col_span]
        c.col = columns[c.col]
        c.col_span = end - c.col
    n_header = infer_header_rows(sorted(head.cells, key=lambda c: (c.row, c.col)), head.n_rows, head.n_cols)
    drop = 0
    if n_header and part.n_rows > n_header:
        head_rows = _row_texts(head, n_header)
        if head_rows == _row_texts(part, n_header):
            drop = n_header
    cells = [c for c in part.cells if c.row >= drop]
    for c in cells:
        c.row -= drop
    above = {c.col: c for c in head.cells if c.row + c.row_span == head.n_rows}
    merge_cols = {c.col for c in head.cells if c.row >= n_header and c.row_span > 1}
    merge_cols |= {c.col for c in cells if c.row_span > 1}
    for c in [c for c in cells if c.row == 0]:
        origin = above.get(c.col)
        if origin is not None and origin.col_span == c.col_span and _continues_cell(origin, c, c.col in merge_cols):
            origin.raw = join_lines([origin.raw, c.raw])
            origin.row_span += c.row_span
            cells.remove(c)
    for c in cells:
        c.row += head.n_rows
    head.cells.extend(cells)
    head.n_rows += part.n_rows - drop
    head.pages.append(part.page)


def _continues_cell(above: RawCell, below: RawCell, merge_column: bool) -> bool:
    """Whether the top cell of a continued table is the rest of the cell above it, cut by the
    page break: its top border is not drawn; or, in a column with vertical merges among the
    data rows, it is empty under a cell with text, or its text goes on with the text above
    (:func:`is_cut_text`)."""
    if getattr(below, "open_top", False):
        return True
    if not merge_column:
        return False
    if not cell_text(below.raw):
        return bool(cell_text(above.raw))
    return is_cut_text(above, below)


_CLOSING = "。，、；：！？）》」』”’】〕.,;:!?)"
_ITEM_START = re.compile(r"[（(〔【\[\d①-⑳]|[一二三四五六七八九十]+[、.．]")


def is_cut_text(above: RawCell, below: RawCell) -> bool:
    """Whether ``below`` (top of the next page) goes on with the text of ``above`` (bottom of
    this page): one merged cell cut by the page break. Only when the text above fills its last
    line, stops on a word character (not a number, not closing punctuation) and the text below
    does not open a new item (``（五）``, ``2.``, ``三、``)."""
    upper, lower = cell_text(above.raw), cell_text(below.raw)
    if not (getattr(above, "full", False) and upper and lower):
        return False
    last = upper[-1]
    if last in _CLOSING or last.isdigit() or not _is_cjk(last):
        return False
    return not _ITEM_START.match(lower)


def _row_texts(table: PageTable, n: int) -> list[tuple[int, int, int, str]]:
    return sorted((c.row, c.col, c.col_span, cell_text(c.raw)) for c in table.cells if c.row < n)


# --------------------------------------------------------------------------- 4. paragraphs


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
        weights = Counter()
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


_SENTENCE_END = "。；！？：;!?:"
_HEADING_START = re.compile(r"[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[、.．](?!\d)|第[一二三四五六七八九十百零〇\d]+[章节条]")


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
    # a sentence ends the line and the next one opens an item (五、 / （二） / 3.): a flush-left heading
    return not (prev.text.rstrip()[-1:] in _SENTENCE_END and _HEADING_START.match(line.text))


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


__all__ = ["chars_to_lines", "find_furniture", "is_page_number", "join_lines", "lines_to_paragraphs", "read_pdf",
           "stitch_tables", "table_to_grid"]  # fmt: skip
