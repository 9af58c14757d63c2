"""Lines -> outline tree.

Numbering families, from the outermost to the innermost (GB/T 9704 and statute style):

    bian 第X编 > zhang 第X章 > jie 第X节 > tiao 第X条 > han-dun 一、 > han-paren （一）
    > arabic-dot 1. > arabic-paren （1） > circled ①

A heading opens a node below the nearest open node of an outer family, so skipped levels
(一、 directly followed by 1.) nest correctly, and a family restarting (an annex that counts
from 一、 again) simply opens new siblings. Only a marker at the start of a line opens a
node; a date (``2021年``) or a quantity (``1000项``) never does because the markers require
their delimiter (``、`` ``.`` ``）``) right after the numeral.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import pairwise

from ..model import OutlineNode, Span
from ..normalize import cn_to_int, squeeze
from .lines import Line

_CN = "一二三四五六七八九十百千零〇两"
STYLES = ("bian", "zhang", "jie", "tiao", "han-dun", "han-paren", "arabic-dot", "arabic-paren", "circled")
RANK = {s: i for i, s in enumerate(STYLES)}
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("statute", re.compile(rf"^第\s*(?P<num>[{_CN}0-9]{{1,6}})\s*(?P<unit>[编章节])(?=\s|[\u4e00-\u9fff]|$)")),
    ("tiao", re.compile(rf"^第(?P<num>[{_CN}0-9]{{1,10}})条(?:之(?P<sub>[一二三四五六七八九十]{{1,3}}))?(?=\s|[\u4e00-\u9fff（“《]|$)")),
    ("han-dun", re.compile(rf"^(?P<num>[{_CN}]{{1,4}})\s*、")),
    ("han-paren", re.compile(rf"^（\s*(?P<num>[{_CN}]{{1,4}})\s*）")),
    ("arabic-dot", re.compile(r"^(?P<num>[0-9]{1,3})\s*[.、](?![0-9])")),
    ("arabic-paren", re.compile(r"^（\s*(?P<num>[0-9]{1,3})\s*）")),
    ("circled", re.compile(rf"^(?P<num>[{_CIRCLED}])")),
]
_UNIT_STYLE = {"编": "bian", "章": "zhang", "节": "jie"}
_TITLE_END = re.compile(r"[。！？]")
_LEADER_DOTS = re.compile(r"\s*[.．…·⋯]{3,}\s*[0-9]*\s*$")
MAX_DEPTH = 12


@dataclass
class Heading:
    style: str
    number: str
    marker: str
    line: int
    start: int
    title: str
    value: int | None
    inserted: bool = False  # 第X条之一: follows 第X条 with the same value


@dataclass
class _Node:
    h: Heading
    end: int = 0
    text_end: int = 0
    children: list[_Node] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class OutlineItem:
    """A flat view of one node, for findings that need the item an offset belongs to."""

    path: str
    title: str
    start: int
    end: int
    level: int
    style: str


def match_heading(line: Line, index: int = 0) -> Heading | None:
    t = line.text
    for style, rx in _PATTERNS:
        m = rx.match(t)
        if not m:
            continue
        if style == "statute":
            style = _UNIT_STYLE[m["unit"]]
        num = m["num"]
        value = (_CIRCLED.index(num) + 1) if style == "circled" else cn_to_int(num)
        if value is None or value == 0:
            return None
        rest = t[m.end():]
        title = _heading_title(style, rest)
        sub = m.groupdict().get("sub")
        # 第一百二十条之一: an article inserted after 第一百二十条, numbered 一百二十之一
        return Heading(style, f"{num}之{sub}" if sub else num, squeeze(m.group(0)), index, line.start, title, value,
                       inserted=bool(sub))
    return None


def _heading_title(style: str, rest: str) -> str:
    rest = rest.strip()
    if style == "tiao":
        return ""
    m = _TITLE_END.search(rest)
    title = rest[: m.start()] if m else rest
    title = _LEADER_DOTS.sub("", title)  # a table-of-contents line: 实施背景……………3
    return squeeze(title)


def _plausible(h: Heading, last_value: dict[str, int | None], ever: dict[str, int]) -> bool:
    """A numbered line continues its family's count, or starts it; else it is text, not a heading.

    A family restarts under each new outer heading, or continues its count across them
    (（一）…（二十） running through 一、二、三、), so after an outer heading both 1 and the next
    number of the whole document are accepted.
    """
    prev = last_value.get(h.style)
    assert h.value is not None
    if h.inserted:
        return prev is not None and prev <= h.value <= prev + 3
    if h.value == 1:
        return True
    if prev is None:
        # a family may start at its first number only; 第X条 may start anywhere (excerpts)
        seen = ever.get(h.style)
        return h.style in ("tiao", "zhang", "jie", "bian") or h.value <= 2 or (seen is not None and seen < h.value <= seen + 3)
    return prev < h.value <= prev + 3


def build_outline(ft: str, lines: list[Line], start: int, end: int) -> tuple[list[OutlineNode], list[OutlineItem]]:
    """Outline of the lines within ``[start, end)``; returns the tree and a flat pre-order list."""
    region = [(i, ln) for i, ln in enumerate(lines) if start <= ln.start and ln.end <= end]
    heads: list[Heading] = []
    last: dict[str, int | None] = {}
    ever: dict[str, int] = {}
    for i, ln in region:
        h = match_heading(ln, i)
        if h is None or not _plausible(h, last, ever):
            continue
        heads.append(h)
        last[h.style] = h.value
        ever[h.style] = h.value  # type: ignore[assignment]
        # an outer family's new number restarts the count of every inner family
        for s in STYLES[RANK[h.style] + 1 :]:
            last.pop(s, None)
    roots: list[_Node] = []
    stack: list[_Node] = []
    for h in heads:
        node = _Node(h)
        while stack and RANK[stack[-1].h.style] >= RANK[h.style]:
            stack.pop()
        if len(stack) >= MAX_DEPTH:
            continue
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)
    line_end = {ln.start: ln.end for _, ln in region}
    ends = sorted(ln.end for _, ln in region)
    _close(roots, end, ft, ends)
    tree = [_to_model(n, 1, ft) for n in roots]
    flat: list[OutlineItem] = []
    _flatten(roots, [], 1, flat)
    del line_end
    return tree, flat


def _close(nodes: list[_Node], limit: int, ft: str, ends: list[int]) -> None:
    for i, n in enumerate(nodes):
        nxt = nodes[i + 1].h.start if i + 1 < len(nodes) else limit
        n.end = _last_end_before(ends, nxt, n.h.start)
        _close(n.children, nxt, ft, ends)
        n.text_end = _last_end_before(ends, n.children[0].h.start, n.h.start) if n.children else n.end


def _last_end_before(ends: list[int], limit: int, floor: int) -> int:
    """The largest of the sorted ``ends`` in ``(floor, limit]``, else ``floor``."""
    k = bisect_right(ends, limit)
    return ends[k - 1] if k and ends[k - 1] > floor else floor


def _to_model(n: _Node, level: int, ft: str) -> OutlineNode:
    return OutlineNode(
        number=n.h.number,
        marker=n.h.marker,
        level=level,
        style=n.h.style,
        title=n.h.title,
        text=ft[n.h.start : n.text_end].strip(),
        span=Span(start=n.h.start, end=n.end),
        children=[_to_model(c, level + 1, ft) for c in n.children],
    )


def path_component(style: str, number: str) -> str:
    if style in ("han-paren", "arabic-paren"):
        return f"({number})"
    if style in ("tiao",):
        return f"第{number}条"
    if style in ("zhang", "jie", "bian"):
        return ""
    return number


def _flatten(nodes: list[_Node], prefix: list[str], level: int, out: list[OutlineItem]) -> None:
    for n in nodes:
        comp = path_component(n.h.style, n.h.number)
        parts = prefix + ([comp] if comp else [])
        out.append(OutlineItem("".join(parts), n.h.title, n.h.start, n.end, level, n.h.style))
        _flatten(n.children, parts, level + 1, out)


def item_at(flat: list[OutlineItem], offset: int) -> OutlineItem | None:
    """The deepest outline item whose span holds ``offset`` (``start <= offset <= end``); of two
    equally deep ones, the later in ``flat``. None when no item holds it.

    A pre-order list from :func:`build_outline` is answered from an index (a bisection per
    level), so looking up every task of a long document stays linear; any other list is scanned.
    """
    index = _level_index(flat)
    if index is None:
        return _scan_item_at(flat, offset)
    k = bisect_right(index.starts, offset)  # items [0, k) start at or before offset
    for level in index.levels_desc:
        positions = index.by_level[level]
        j = bisect_right(positions, k - 1)
        if j and flat[positions[j - 1]].end >= offset:
            return flat[positions[j - 1]]
    return None


def _scan_item_at(flat: list[OutlineItem], offset: int) -> OutlineItem | None:
    best: OutlineItem | None = None
    for it in flat:
        if it.start <= offset <= it.end and (best is None or it.level >= best.level):
            best = it
    return best


@dataclass(frozen=True)
class _LevelIndex:
    items: list[OutlineItem]  # the list indexed (kept alive so that its id is not reused)
    first_last: tuple[OutlineItem, OutlineItem, int]
    starts: list[int]
    by_level: dict[int, list[int]]
    levels_desc: list[int]


_INDEX_CACHE: dict[int, _LevelIndex] = {}


def _level_index(flat: list[OutlineItem]) -> _LevelIndex | None:
    """Positions of the items per level, when starts never decrease and, within each level, ends
    never decrease (true of a pre-order outline); None otherwise.

    Indexes are kept for the last few lists looked up, by identity; a list that changed length or
    first/last item since is indexed again (outline lists are built once and never edited)."""
    if not flat:
        return None
    cached = _INDEX_CACHE.get(id(flat))
    if cached is not None and cached.items is flat and cached.first_last == (flat[0], flat[-1], len(flat)):
        return cached
    starts = [it.start for it in flat]
    if any(a > b for a, b in pairwise(starts)):
        return None
    by_level: dict[int, list[int]] = {}
    for i, it in enumerate(flat):
        positions = by_level.setdefault(it.level, [])
        if positions and flat[positions[-1]].end > it.end:
            return None
        positions.append(i)
    index = _LevelIndex(flat, (flat[0], flat[-1], len(flat)), starts, by_level, sorted(by_level, reverse=True))
    if len(_INDEX_CACHE) >= 8:
        _INDEX_CACHE.pop(next(iter(_INDEX_CACHE)))
    _INDEX_CACHE[id(flat)] = index
    return index
