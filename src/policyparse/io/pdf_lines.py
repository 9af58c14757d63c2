"""PDF characters -> visual lines: the text primitives shared by the page reader and the table reader.

A :class:`Line` is one row of characters on a page, in points (x0, top, x1, bottom; top grows
downwards: displayed page coordinates, see :mod:`policyparse.io.pdf_pdfium`). Inside a line a
space is written where the PDF has a space glyph, where two Latin/digit characters are apart,
or where the gap is wider than a character; never between a CJK character and its neighbour
otherwise (``全球 500 强``, digits merely set apart from the characters around them, comes out
as ``全球500强``).
"""

from __future__ import annotations

import re
import statistics
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Any

from ..normalize.numerals import is_page_number

BBox = tuple[float, float, float, float]


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


def inside_box(char: dict[str, Any], bbox: BBox) -> bool:
    cx = (char["x0"] + char["x1"]) / 2
    cy = (char["top"] + char["bottom"]) / 2
    return bbox[0] <= cx <= bbox[2] and bbox[1] <= cy <= bbox[3]


class CharIndex:
    """Characters found by box: those whose centre lies in a box (as :func:`inside_box` decides),
    in their original order, without testing every character against every box."""

    def __init__(self, chars: list[dict[str, Any]]) -> None:
        keyed = sorted(((c["top"] + c["bottom"]) / 2, i) for i, c in enumerate(chars))
        self._mids = [mid for mid, _ in keyed]
        self._order = [i for _, i in keyed]
        self._chars = chars

    def inside(self, bbox: BBox) -> list[dict[str, Any]]:
        lo, hi = bisect_left(self._mids, bbox[1]), bisect_right(self._mids, bbox[3])
        found = sorted(i for i in self._order[lo:hi] if inside_box(self._chars[i], bbox))
        return [self._chars[i] for i in found]


def is_cjk(ch: str) -> bool:
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
            latin = not is_cjk(a) and not is_cjk(b)
            if pending_space or gap > size or (latin and gap > 0.2 * size):
                out.append(" ")
        out.append(t)
        prev = c
        pending_space = False
    return "".join(out)


#: what ends a sentence at the end of a line
SENTENCE_END = "。；！？：;!?:"
#: what opens an item (五、 / （二） / 3.) or a note (说明：) at the start of a line: after a sentence end, a new paragraph
HEADING_START = re.compile(r"[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[、.．](?!\d)"
                           r"|(?:注|说明|备注|附注|附件\s*\d*)[：:]")


def _number_in_cjk(left: str, right: str) -> bool:
    """A number broken at the line end (投资50 / 0万元, 完成时限：202 / 5年) inside Chinese text: the characters
    around its two halves are not both ASCII."""
    if not (left[-1:].isdigit() and right[:1].isdigit()):
        return False
    before = left.rstrip("0123456789")[-1:]
    after = right.lstrip("0123456789")[:1]
    return not (before.isascii() and after.isascii())


def join_lines(parts: list[str]) -> str:
    """Join wrapped lines: no space where either side is CJK or a number of Chinese text was broken, one space
    between Latin words."""
    out = ""
    for part in parts:
        part = part.strip()
        if not part:
            continue
        if out and not is_cjk(out[-1]) and not is_cjk(part[0]) and out[-1] != "-" and not _number_in_cjk(out, part):
            out += " "
        out += part
    return out


__all__ = ["HEADING_START", "SENTENCE_END", "BBox", "CharIndex", "Line", "chars_to_lines", "inside_box", "is_cjk", "is_page_number",
           "join_lines"]
