"""Ruled tables of PDF pages: visible rules -> cell rectangles -> grid cells -> tables stitched over page breaks.

Stages, each a pure function:

1. ``visible_edges``: the axis-parallel rules a reader sees (stroked or filled in a colour other
   than white). WPS paints a white rectangle behind every paragraph and cell; taken for rules
   those split merged cells and turn plain paragraphs into one-column "tables".
2. ``find_cell_boxes``: pdfplumber's table finder run on those rules only, twice: the second run
   closes each table's outer frame, so that a cell whose outer border the producer left out
   (the last row before a page break, the first rows after it) is still a cell.
3. ``table_to_grid``: cell rectangles -> :class:`PdfCell` grid cells with true spans; framed
   prose rows peeled off (a boxed paragraph is text, not a table).
4. ``stitch_tables``: a table ending a page and one starting the next page on the same column
   rules are one table; the continuation's repeated header rows are dropped, and a top cell
   that is the rest of a merged cell cut by the page break joins the cell above
   (``_continues_cell``: open top border, empty under text in a column with vertical merges,
   or text that runs on, see :func:`is_cut_text`).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from .assemble import RawCell, cell_text, infer_header_rows
from .pdf_lines import BBox, CharIndex, chars_to_lines, is_cjk, join_lines
from .pdf_page import PageContent, PageTable, PdfCell

SNAP = 2.5  # points: table boundaries closer than this are one boundary


def find_cell_boxes(page: Any, edges: list[dict[str, Any]] | None = None) -> list[list[BBox]]:
    """The cell rectangles of each ruled table on a page, from the rules one can see.

    Rules are the visible, axis-parallel strokes and fills of the page (:func:`visible_edges`):
    white or unfilled backgrounds, which WPS paints behind every paragraph and cell, would
    split merged cells and frame plain paragraphs. A second pass closes each table's outer
    frame (grown to the ends of its rules), so that a cell whose outer border the producer
    left out (a header cell at the top of a continued table, the last row before a page
    break) is still found.

    ``page`` is anything with pdfplumber-style ``lines``, ``rects`` and ``curves`` (it is read
    only when ``edges`` is not given). The table finder is pdfplumber's, run on these rules
    alone (explicit strategies: it never looks at the page), and only when the page has at
    least two vertical and two horizontal rules, i.e. when its rules can hold a table.
    """
    edges = visible_edges(page) if edges is None else edges
    v = [e for e in edges if e["orientation"] == "v"]
    h = [e for e in edges if e["orientation"] == "h"]
    if len(v) < 2 or len(h) < 2:
        return []
    first = _find_tables(v, h)
    if not first:
        return []
    for found in first:
        x0, top, x1, bottom = _rule_extent(found.bbox, edges)
        v += [_edge("v", x, x, top, bottom) for x in (x0, x1)]
        h += [_edge("h", x0, x1, y, y) for y in (top, bottom)]
    return [[b for b in found.cells if b is not None] for found in _find_tables(v, h)]


@dataclass
class _Found:
    """A table the finder found: its cell rectangles and their bounding box."""

    cells: list[BBox]

    @property
    def bbox(self) -> BBox:
        return (min(c[0] for c in self.cells), min(c[1] for c in self.cells), max(c[2] for c in self.cells),
                max(c[3] for c in self.cells))  # fmt: skip


def _find_tables(v: list[dict[str, Any]], h: list[dict[str, Any]]) -> list[_Found]:
    """pdfplumber's table finder with explicit rules ``v`` and ``h`` (its default tolerances: rules
    snapped and joined within 3 pt, shorter than 3 pt dropped, crossing within 3 pt), its cell
    search replaced by :func:`_cells_at`, which gives the same cells without its quadratic scan."""
    from pdfplumber.table import cells_to_tables, edges_to_intersections, merge_edges
    from pdfplumber.utils import filter_edges, obj_to_edges

    edges = [e for d in v for e in obj_to_edges(d) if e["orientation"] == "v"]
    edges += [e for d in h for e in obj_to_edges(d) if e["orientation"] == "h"]
    edges = filter_edges(merge_edges(edges, snap_x_tolerance=3, snap_y_tolerance=3, join_x_tolerance=3,
                                     join_y_tolerance=3), min_length=3)  # fmt: skip
    return [_Found(cells) for cells in cells_to_tables(_cells_at(edges_to_intersections(edges, 3, 3)))]


def _cells_at(intersections: dict[tuple[float, float], dict[str, list[dict[str, Any]]]]) -> list[BBox]:
    """For each rule crossing, in (x, y) order, the smallest rectangle that has it as its top-left
    corner and whose four sides are drawn: the first crossing below it on a shared vertical rule
    and the first to its right on a shared horizontal rule whose far corner is a crossing joined
    to both. Crossings are looked up by column and by row instead of scanning all later ones."""
    points = sorted(intersections)
    v_rules = {p: {(e["x0"], e["top"], e["x1"], e["bottom"]) for e in intersections[p]["v"]} for p in points}
    h_rules = {p: {(e["x0"], e["top"], e["x1"], e["bottom"]) for e in intersections[p]["h"]} for p in points}
    columns: dict[float, list[tuple[float, float]]] = {}
    rows: dict[float, list[tuple[float, float]]] = {}
    for p in points:  # sorted: a column runs top to bottom, a row left to right
        columns.setdefault(p[0], []).append(p)
        rows.setdefault(p[1], []).append(p)
    cells: list[BBox] = []
    for pt in points:
        below = [q for q in columns[pt[0]] if q[1] > pt[1]]
        right = [q for q in rows[pt[1]] if q[0] > pt[0]]
        cell = _smallest_cell(pt, below, right, v_rules, h_rules)
        if cell is not None:
            cells.append(cell)
    return cells


def _smallest_cell(pt: tuple[float, float], below: list[tuple[float, float]], right: list[tuple[float, float]],
                   v_rules: dict[tuple[float, float], set[BBox]],
                   h_rules: dict[tuple[float, float], set[BBox]]) -> BBox | None:  # fmt: skip
    for down in below:
        if v_rules[pt].isdisjoint(v_rules[down]):
            continue
        for across in right:
            if h_rules[pt].isdisjoint(h_rules[across]):
                continue
            corner = (across[0], down[1])
            if corner in v_rules and not v_rules[corner].isdisjoint(v_rules[across]) and \
                    not h_rules[corner].isdisjoint(h_rules[down]):  # fmt: skip
                return (pt[0], pt[1], corner[0], corner[1])
    return None


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
            edges += _rect_edges(x0, top, x1, bottom)
            continue
        pts = obj.get("pts") or [(x0, top), (x1, bottom)]
        for (ax, ay), (bx, by) in zip(pts, pts[1:], strict=False):
            segment = _segment(ax, ay, bx, by)
            if segment is not None:
                edges.append(segment)
    return edges


def _rect_edges(x0: float, top: float, x1: float, bottom: float) -> list[dict[str, Any]]:
    """A rectangle thinner than 2 pt is one rule along its middle; a wider one gives its four sides."""
    if x1 - x0 < 2 or bottom - top < 2:
        segment = _segment((x0 + x1) / 2 if x1 - x0 < 2 else x0, (top + bottom) / 2 if bottom - top < 2 else top,
                           (x0 + x1) / 2 if x1 - x0 < 2 else x1, (top + bottom) / 2 if bottom - top < 2 else bottom)
        return [segment] if segment is not None else []
    return [_edge("h", x0, x1, top, top), _edge("h", x0, x1, bottom, bottom), _edge("v", x0, x0, top, bottom),
            _edge("v", x1, x1, top, bottom)]  # fmt: skip


def _segment(ax: float, ay: float, bx: float, by: float) -> dict[str, Any] | None:
    if abs(ay - by) < 1 and abs(ax - bx) >= 1:
        y = (ay + by) / 2
        return _edge("h", min(ax, bx), max(ax, bx), y, y)
    if abs(ax - bx) < 1 and abs(ay - by) >= 1:
        x = (ax + bx) / 2
        return _edge("v", x, x, min(ay, by), max(ay, by))
    return None


def _rule_extent(bbox: BBox, edges: list[dict[str, Any]]) -> BBox:
    """A table's box grown to the ends of its inner rules: where a table runs to the page
    break, its column rules go on below its last drawn row rule (and row rules run past a
    missing side border). Only rules strictly inside the box count, so a page-wide line that
    merely touches the table (a 版记 rule under it) does not widen it."""
    x0, top, x1, bottom = bbox
    tol = SNAP + 0.5
    for e in edges:
        inner = x0 + tol < e["x0"] < x1 - tol and e["top"] <= bottom + tol and e["bottom"] >= top - tol
        if e["orientation"] == "v" and inner:
            top, bottom = min(top, e["top"]), max(bottom, e["bottom"])
    for e in edges:
        inner = top + tol < e["top"] < bottom - tol and e["x0"] <= x1 + tol and e["x1"] >= x0 - tol
        if e["orientation"] == "h" and inner:
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
    whose top border is not drawn (``PdfCell.open_top``). Rows of the top or bottom that are
    one full-width cell of running prose (a boxed paragraph, which pdfplumber takes for a
    table) are given back to the page text (see :func:`_peel_framed_rows`); what remains
    with fewer than two columns or rows is not a table.
    """
    boxes = [b for b in cell_boxes if b is not None]
    if not boxes:
        return None
    xs = _snap([v for b in boxes for v in (b[0], b[2])])
    ys = _snap([v for b in boxes for v in (b[1], b[3])])
    placed: dict[tuple[int, int], tuple[PdfCell, BBox]] = {}
    index = CharIndex(chars)
    for b in boxes:
        c0, c1 = _nearest(xs, b[0]), _nearest(xs, b[2])
        r0, r1 = _nearest(ys, b[1]), _nearest(ys, b[3])
        if c1 <= c0 or r1 <= r0 or (r0, c0) in placed:
            continue
        lines = chars_to_lines(index.inside(b), page)
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
    boxes_kept = [b for _, b in kept]
    bbox = (min(b[0] for b in boxes_kept), min(b[1] for b in boxes_kept), max(b[2] for b in boxes_kept),
            max(b[3] for b in boxes_kept))  # fmt: skip
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


def _peel_framed_rows(placed: dict[tuple[int, int], tuple[PdfCell, BBox]], n_rows: int,
                      n_cols: int) -> tuple[int, int]:
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


# --------------------------------------------------------------------------- stitching over page breaks


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
    if last in _CLOSING or last.isdigit() or not is_cjk(last):
        return False
    return not _ITEM_START.match(lower)


def _row_texts(table: PageTable, n: int) -> list[tuple[int, int, int, str]]:
    return sorted((c.row, c.col, c.col_span, cell_text(c.raw)) for c in table.cells if c.row < n)


__all__ = ["PageTable", "PdfCell", "find_cell_boxes", "is_cut_text", "is_visible", "stitch_tables", "table_to_grid",
           "visible_edges"]  # fmt: skip
