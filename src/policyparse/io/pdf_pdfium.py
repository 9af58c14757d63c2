"""A PDF's pages through pdfium (pypdfium2): characters and drawn paths, in the reader's terms.

:func:`open_pdf` loads the bytes; :func:`read_page` gives one page as a :class:`PdfiumPage`:

* ``chars``: dicts with ``text``, ``x0``, ``x1``, ``top``, ``bottom``, ``size`` and ``upright``, in
  points on the page as displayed (top-left origin, ``/Rotate`` applied: pdfium reports
  bottom-left page space, which is turned here). Across, a box runs from the pen position
  over the glyph's advance and its bottom is the font's descent line (pdfium's loose character
  box); its height is the font size (pdfminer's em box), so ``size == bottom - top``. Where
  pdfium leaves the scale of an outer matrix out of the loose box (its height is not near the
  font size), the box is scaled about the pen position. A glyph that stands for several
  characters (a ToUnicode ``——``) is one character with that text. Characters pdfium inserts
  itself (line breaks, spaces it guesses) are left out; so are space glyphs pdfium drops at the
  end of a text object (the one difference from pdfplumber's characters: such a space between
  CJK characters no longer reaches the text). A character drawn twice at the same place (fake
  bold) is kept once; glyphs without a Unicode mapping are counted in ``n_cid``, not kept.
* ``lines``, ``rects``, ``curves``: the visible stroked or filled paths, one dict per subpath,
  classified as pdfminer does (a lone segment is a line, a closed axis-parallel four-sided
  subpath a rectangle, anything else a curve through its segment end points), with
  ``stroke``, ``fill``, ``stroking_color`` and ``non_stroking_color`` (RGB, 0..1). Paths
  painted white, or not painted at all, are skipped before their segments are read.
* ``n_images``: image objects, forms included.

pdfium is not thread-safe: callers hold :data:`PDFIUM_LOCK` from :func:`open_pdf` to closing the
document. Errors at this boundary: pypdfium2's ``PdfiumError`` on load becomes ``EncryptedDocument``
(password or unsupported security handler) or ``CorruptDocument``; a page whose MediaBox has
no area (not four numbers: pdfium would silently print it on Letter paper) is corrupt.
"""

from __future__ import annotations

import ctypes
import threading
from dataclasses import dataclass, field
from typing import Any

import pypdfium2 as pdfium
from pypdfium2 import PdfiumError, raw

from ..errors import CorruptDocument, EncryptedDocument

# pdfium is not thread-safe and ctypes releases the GIL during its calls: a document is opened,
# read and closed under this lock (threads of the Dask "threads" scheduler parse at once)
PDFIUM_LOCK = threading.Lock()
Matrix = tuple[float, float, float, float, float, float]
_DEDUPE_TOLERANCE = 1.0  # points: the same character this close to another one is a duplicate
_FORM_DEPTH = 15  # nested form XObjects followed this deep


@dataclass
class PdfiumPage:
    number: int
    width: float
    height: float
    chars: list[dict[str, Any]] = field(default_factory=list)
    lines: list[dict[str, Any]] = field(default_factory=list)
    rects: list[dict[str, Any]] = field(default_factory=list)
    curves: list[dict[str, Any]] = field(default_factory=list)
    n_cid: int = 0
    n_images: int = 0


def open_pdf(data: bytes, path: str | None) -> Any:
    """A ``pypdfium2.PdfDocument`` of ``data``; load failures translated to policyparse errors."""
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code in (raw.FPDF_ERR_PASSWORD, raw.FPDF_ERR_SECURITY):
            raise EncryptedDocument("the PDF is password-protected", path=path,
                                    hint="remove the password and try again") from exc  # fmt: skip
        raise CorruptDocument(f"broken PDF: {exc}", path=path) from exc


def _mul(m: Matrix, n: Matrix) -> Matrix:
    """``m`` then ``n`` (PDF row-vector convention)."""
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return (a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s, e * p + f * r + t, e * q + f * s + u)


def _display_matrix(rotation: int, box: tuple[float, float, float, float]) -> tuple[Matrix, float, float]:
    """The matrix from PDF page space to displayed space (y up, origin bottom-left of the shown
    page), as pdfminer builds it for ``/Rotate``, with the displayed width and height."""
    x0, y0, x1, y1 = box
    if rotation == 90:
        return (0.0, -1.0, 1.0, 0.0, -y0, x1), y1 - y0, x1 - x0
    if rotation == 180:
        return (-1.0, 0.0, 0.0, -1.0, x1, y1), x1 - x0, y1 - y0
    if rotation == 270:
        return (0.0, 1.0, -1.0, 0.0, y1, -x0), y1 - y0, x1 - x0
    return (1.0, 0.0, 0.0, 1.0, -x0, -y0), x1 - x0, y1 - y0


def _media_box(page: Any, number: int, path: str | None) -> tuple[float, float, float, float]:
    values = [ctypes.c_float() for _ in range(4)]
    if not raw.FPDFPage_GetMediaBox(page.raw, *(ctypes.byref(v) for v in values)):
        left, bottom, right, top = page.get_mediabox()
        return float(left), float(bottom), float(right), float(top)
    left, bottom, right, top = (float(v.value) for v in values)
    if right - left <= 0 or top - bottom <= 0:
        raise CorruptDocument(f"broken PDF: the MediaBox of page {number} is not four numbers with an area", path=path)
    return left, bottom, right, top


def read_page(pdf: Any, index: int, path: str | None = None) -> PdfiumPage:
    """Page ``index`` (0-based) of ``pdf`` as characters, visible paths and an image count."""
    page = pdf[index]
    try:
        number = index + 1
        box = _media_box(page, number, path)
        to_display, width, height = _display_matrix(page.get_rotation() % 360, box)
        result = PdfiumPage(number, width, height)
        textpage = page.get_textpage()
        try:
            result.chars, result.n_cid = _chars(textpage, to_display, height)
        finally:
            textpage.close()
        _objects(page, to_display, height, result)
        return result
    finally:
        page.close()


# --------------------------------------------------------------------------- characters


def _codes(tp: Any, n: int) -> list[int]:
    """The code point of each of the ``n`` characters: one call for the page's UTF-16 text, or
    one call per character when it holds a surrogate pair (then units and characters differ)."""
    buffer = (ctypes.c_ushort * (n + 1))()
    written = raw.FPDFText_GetText(tp, 0, n, buffer)
    codes = list(buffer[:n])
    if written - 1 == n and not any(0xD800 <= c <= 0xDFFF for c in codes):
        return codes
    return [raw.FPDFText_GetUnicode(tp, i) for i in range(n)]


def _chars(textpage: Any, to_display: Matrix, height: float) -> tuple[list[dict[str, Any]], int]:
    tp = textpage.raw
    n = raw.FPDFText_CountChars(tp)
    rect = raw.FS_RECTF()
    matrix = raw.FS_MATRIX()
    ox, oy = ctypes.c_double(), ctypes.c_double()
    a0, b0, c0, d0, e0, f0 = to_display
    chars: list[dict[str, Any]] = []
    n_cid = 0
    last_box: tuple[float, float, float, float] | None = None
    get_box, get_matrix = raw.FPDFText_GetLooseCharBox, raw.FPDFText_GetMatrix
    for i, code in enumerate(_codes(tp, n)):
        text = chr(code) if 0 < code < 0x110000 else ""
        if not text:
            continue
        if text.isspace() and raw.FPDFText_IsGenerated(tp, i):
            continue  # pdfium's own line breaks and word spaces: the reader decides spacing itself
        if raw.FPDFText_HasUnicodeMapError(tp, i) == 1:
            n_cid += 1
            continue
        if not get_box(tp, i, rect):
            continue
        box = (rect.left, rect.bottom, rect.right, rect.top)
        if box == last_box and chars:  # one glyph that stands for several characters (a ToUnicode "——")
            chars[-1]["text"] += text
            continue
        last_box = box
        get_matrix(tp, i, matrix)
        a, b, c, d = matrix.a, matrix.b, matrix.c, matrix.d
        # the character's matrix on the displayed page decides whether it stands upright
        ra, rb, rc, rd = a * a0 + b * c0, a * b0 + b * d0, c * a0 + d * c0, c * b0 + d * d0
        upright = round(ra * rd, 9) > 0 and round(rb * rc, 9) <= 0
        xs = (rect.left * a0 + rect.bottom * c0 + e0, rect.right * a0 + rect.top * c0 + e0)
        ys = (rect.left * b0 + rect.bottom * d0 + f0, rect.right * b0 + rect.top * d0 + f0)
        x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
        font_size = raw.FPDFText_GetFontSize(tp, i)
        # the em box as pdfminer draws it: font size high, standing on the descent line
        size = font_size * abs(rd if upright else ra)
        extent = y1 - y0 if upright else x1 - x0
        if size > 0 and not 0.6 * size < extent < 1.6 * size:
            # pdfium left the scale of an outer matrix out of this loose box: scale it about the pen position
            raw.FPDFText_GetCharOrigin(tp, i, ox, oy)
            px, py = ox.value * a0 + oy.value * c0 + e0, ox.value * b0 + oy.value * d0 + f0
            k = size / extent
            x0, x1, y0, y1 = px + (x0 - px) * k, px + (x1 - px) * k, py + (y0 - py) * k, py + (y1 - py) * k
        bottom = height - y0
        chars.append({"text": text, "x0": x0, "x1": x1, "top": bottom - size, "bottom": bottom, "size": size,
                      "upright": upright})  # fmt: skip
    return dedupe_chars(chars), n_cid


def dedupe_chars(chars: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``chars`` without the repeats: the same text, orientation and size drawn again within
    1 pt of a character already kept (fake bold), in the original order."""
    grid: dict[tuple[str, bool, float], dict[tuple[int, int], list[dict[str, Any]]]] = {}
    kept: list[dict[str, Any]] = []
    for c in chars:
        cells = grid.setdefault((c["text"], c["upright"], round(c["size"], 3)), {})
        row, col = int(c["top"] // _DEDUPE_TOLERANCE), int(c["x0"] // _DEDUPE_TOLERANCE)
        if cells and _near(cells, row, col, c):
            continue
        cells.setdefault((row, col), []).append(c)
        kept.append(c)
    return kept


def _near(cells: dict[tuple[int, int], list[dict[str, Any]]], row: int, col: int, c: dict[str, Any]) -> bool:
    for dr in (-1, 0, 1):
        for dc in (-1, 0, 1):
            for o in cells.get((row + dr, col + dc), ()):
                if abs(o["top"] - c["top"]) <= _DEDUPE_TOLERANCE and abs(o["x0"] - c["x0"]) <= _DEDUPE_TOLERANCE:
                    return True
    return False


# --------------------------------------------------------------------------- paths and images


def _objects(page: Any, to_display: Matrix, height: float, out: PdfiumPage) -> None:
    def walk(count: int, get: Any, parent: Any, outer: Matrix, depth: int) -> None:
        m = raw.FS_MATRIX()
        for i in range(count):
            obj = get(parent, i)
            kind = raw.FPDFPageObj_GetType(obj)
            if kind == raw.FPDF_PAGEOBJ_IMAGE:
                out.n_images += 1
            elif kind == raw.FPDF_PAGEOBJ_PATH:
                _path(obj, outer, height, out)
            elif kind == raw.FPDF_PAGEOBJ_FORM and depth < _FORM_DEPTH:
                raw.FPDFPageObj_GetMatrix(obj, m)
                inner = _mul((m.a, m.b, m.c, m.d, m.e, m.f), outer)
                walk(raw.FPDFFormObj_CountObjects(obj), raw.FPDFFormObj_GetObject, obj, inner, depth + 1)

    walk(raw.FPDFPage_CountObjects(page.raw), raw.FPDFPage_GetObject, page.raw, to_display, 0)


def _colour(getter: Any, obj: Any) -> tuple[float, ...] | None:
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    if not getter(obj, ctypes.byref(r), ctypes.byref(g), ctypes.byref(b), ctypes.byref(a)):
        return None  # a pattern or a colour pdfium cannot tell: not white
    return (r.value / 255, g.value / 255, b.value / 255)


def _is_white(colour: tuple[float, ...] | None) -> bool:
    return colour is not None and all(v >= 0.95 for v in colour)


def _path(obj: Any, outer: Matrix, height: float, out: PdfiumPage) -> None:
    fill_mode, stroke_flag = ctypes.c_int(), ctypes.c_int()
    if not raw.FPDFPath_GetDrawMode(obj, ctypes.byref(fill_mode), ctypes.byref(stroke_flag)):
        return
    stroke, fill = bool(stroke_flag.value), fill_mode.value != 0
    stroking = _colour(raw.FPDFPageObj_GetStrokeColor, obj) if stroke else None
    non_stroking = _colour(raw.FPDFPageObj_GetFillColor, obj) if fill else None
    if not (stroke and not _is_white(stroking) or fill and not _is_white(non_stroking)):
        return
    m = raw.FS_MATRIX()
    raw.FPDFPageObj_GetMatrix(obj, m)
    a, b, c, d, e, f = _mul((m.a, m.b, m.c, m.d, m.e, m.f), outer)
    x, y = ctypes.c_float(), ctypes.c_float()
    subpaths: list[tuple[str, list[tuple[float, float]]]] = []
    shape: list[str] = []
    pts: list[tuple[float, float]] = []
    bezier = 0
    for i in range(raw.FPDFPath_CountSegments(obj)):
        seg = raw.FPDFPath_GetPathSegment(obj, i)
        kind = raw.FPDFPathSegment_GetType(seg)
        raw.FPDFPathSegment_GetPoint(seg, ctypes.byref(x), ctypes.byref(y))
        pt = (x.value * a + y.value * c + e, height - (x.value * b + y.value * d + f))
        if kind == raw.FPDF_SEGMENT_MOVETO:
            if shape:
                subpaths.append(("".join(shape), pts))
            shape, pts, bezier = ["m"], [pt], 0
            continue
        if kind == raw.FPDF_SEGMENT_BEZIERTO:
            bezier += 1
            if bezier < 3:  # control points: pdfminer keeps only each curve's end point
                continue
            bezier = 0
            shape.append("c")
        else:
            shape.append("l")
        pts.append(pt)
        if raw.FPDFPathSegment_GetClose(seg) and pts:
            shape.append("h")
            pts.append(pts[0])
    if shape:
        subpaths.append(("".join(shape), pts))
    style = {"stroke": stroke, "fill": fill, "stroking_color": stroking, "non_stroking_color": non_stroking}
    for kind_shape, points in subpaths:
        _add_subpath(kind_shape, points, style, out)


def _add_subpath(shape: str, pts: list[tuple[float, float]], style: dict[str, Any], out: PdfiumPage) -> None:
    """One subpath as pdfminer classifies it: a line, a rectangle or a curve (points as (x, top))."""
    if not shape.startswith("m") or len(pts) < 2:
        return
    if len(shape) > 3 and shape.endswith("lh") and pts[-2] == pts[0]:
        shape = shape[:-2] + "h"
        pts = pts[:-2] + pts[-1:]
    xs, tops = [p[0] for p in pts], [p[1] for p in pts]
    obj = {**style, "x0": min(xs), "x1": max(xs), "top": min(tops), "bottom": max(tops), "pts": pts}
    if shape in ("mlh", "ml"):
        out.lines.append({**obj, "object_type": "line", "pts": pts[:2]})
        return
    if shape in ("mlllh", "mllll"):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
        if pts[0] == pts[4] and square:
            out.rects.append({**obj, "object_type": "rect"})
            return
    out.curves.append({**obj, "object_type": "curve"})


__all__ = ["PDFIUM_LOCK", "PdfiumError", "PdfiumPage", "dedupe_chars", "open_pdf", "read_page"]
