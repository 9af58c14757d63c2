"""Lines -> outline tree.

Numbering families, from the outermost to the innermost (GB/T 9704 and statute style):

    bian 第X编 > zhang 第X章 > jie 第X节 > tiao 第X条 > part 第X部分 > han-dun 一、 > han-paren （一）
    > arabic-dot 1. > arabic-paren （1） > circled ①

A heading opens a node below the nearest open node of an outer family, so skipped levels
(一、 directly followed by 1.) nest correctly, and a family restarting (an annex that counts
from 一、 again) simply opens new siblings. Only a marker at the start of a line opens a
node; a date (``2021年``) or a quantity (``1000项``) never does because the markers require
their delimiter (``、`` ``.`` ``）``) right after the numeral.

Decimal outlines (应急预案, standards: ``1 总则``, ``1.1 编制目的``, ``2.1.3 …``) are read when a
document's lines use them (at least two ``N.M`` headings): each depth is a family of its own
(``decimal-1`` … ``decimal-3``, ranked between 第X条 and 一、), a number is a heading only when it
continues its parent's count (which restarts under a new 编/章/节/条), and its path is the number
itself (``2.1``). A table of contents
(a ``目录`` line and the headings listed after it, or a run of headings the document repeats, or
lines with dotted leaders) is recognised and never read as headings.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, cached_property
from itertools import pairwise
from typing import Any

from pydantic import TypeAdapter

from ..model import OutlineNode
from ..normalize import cn_to_int, squeeze
from ..vocabulary import lead_rule_cues
from .lines import Line

_CN = "一二三四五六七八九十百千零〇两"
STYLES = ("bian", "zhang", "jie", "tiao", "decimal-1", "decimal-2", "decimal-3", "part", "han-dun", "han-paren", "arabic-dot", "arabic-paren", "circled")
RANK = {s: i for i, s in enumerate(STYLES)}
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("statute", re.compile(rf"^第\s*(?P<num>[{_CN}0-9]{{1,6}})\s*(?P<unit>[编章节])(?=\s|[\u4e00-\u9fff]|$)")),
    ("tiao", re.compile(rf"^第(?P<num>[{_CN}0-9]{{1,10}})条(?:之(?P<sub>[一二三四五六七八九十]{{1,3}}))?(?=\s|[\u4e00-\u9fff（“《]|$)")),
    # 第一部分　总体要求: a plan's part, above its 一、 (a statute list's 第一部分 holds 一、 items), numbered as 一、 is
    ("part", re.compile(rf"^第\s*(?P<num>[{_CN}]{{1,4}})\s*部分(?=\s|[\u4e00-\u9fff]|$)")),
    ("han-dun", re.compile(rf"^(?P<num>[{_CN}]{{1,4}})\s*、")),
    ("han-paren", re.compile(rf"^（\s*(?P<num>[{_CN}]{{1,4}})\s*）")),
    ("arabic-dot", re.compile(r"^(?P<num>[0-9]{1,3})\s*[.、](?![0-9])")),
    ("arabic-paren", re.compile(r"^（\s*(?P<num>[0-9]{1,3})\s*）")),
    ("circled", re.compile(rf"^(?P<num>[{_CIRCLED}])")),
]
_UNIT_STYLE = {"编": "bian", "章": "zhang", "节": "jie"}
#: the characters a line matched by one of _PATTERNS can start with (each pattern opens with one of them)
_HEAD_FIRST = frozenset("第（0123456789" + _CN + _CIRCLED)
_TITLE_END = re.compile(r"[。！？]")
#: longest heading title kept from a line with no sentence end (see _heading_title)
MAX_TITLE_CHARS = 500
_LEADER_DOTS = re.compile(r"\s*[.．…·⋯]{3,}\s*[0-9]*\s*$")
_SPACES = re.compile(r"\s+")
MAX_DEPTH = len(STYLES)  # one level per numbering family: no outline nests deeper than its families


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
    if t[:1] not in _HEAD_FIRST or t.endswith(("|", "｜")):
        return None  # 一、继续提高底线民生保障水平 | 1 | … |: a cell of a table printed with bars, never a heading
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
        title = "" if style == "tiao" else _heading_title(style, t[m.end():])  # an article's heading has no title
        sub = m["sub"] if style == "tiao" else None
        # 第一百二十条之一: an article inserted after 第一百二十条, numbered 一百二十之一
        return Heading(style, f"{num}之{sub}" if sub else num, squeeze(m.group(0)), index, line.start, title, value,
                       inserted=bool(sub))
    return None


def _heading_title(style: str, rest: str) -> str:
    """The heading's title: its text up to the first sentence end. A line without one (a run-in
    heading followed by a whole paragraph) keeps at most MAX_TITLE_CHARS, cut at the last clause
    break before that point: every task under the item repeats its title, so an uncut line would
    make the output grow with (tasks × line length)."""
    rest = rest.strip()
    if style == "tiao":
        return ""
    m = _TITLE_END.search(rest)
    title = rest[: m.start()] if m else rest
    if len(title) > MAX_TITLE_CHARS:
        cut = max(title.rfind(ch, 0, MAX_TITLE_CHARS) for ch in "，；、：（(")
        title = title[: cut if cut > 0 else MAX_TITLE_CHARS]
    if _may_lead(title):
        title = _LEADER_DOTS.sub("", title)  # a table-of-contents line: 实施背景……………3
    note = _TRAILING_NOTE.search(title) or _trailing_lead_note(title)
    if note and note.start() > 0:
        title = title[: note.start()]  # 攻坚行动（以下所列各项工作，…牵头）: a note on the part, not its title
    return squeeze(title)


#: a bracketed note closing a heading, made of clauses (a rule or an assignment for the part), not a name's
#: bracket (（2021—2025年）, （试行）)
_TRAILING_NOTE = re.compile(r"（[^（）]*[，；][^（）]*）\s*$")
_TRAILING_BRACKET = re.compile(r"（[^（）]+）\s*$")


@cache
def _lead_cue() -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, lead_rule_cues())))


def _trailing_lead_note(title: str) -> re.Match[str] | None:
    """提升景区品质（各项任务第一个单位为牵头单位）: a bracket closing a heading that speaks of who leads (a lead rule's cue
    word) is a note on the part, not its title."""
    m = _TRAILING_BRACKET.search(title)
    return m if m and m.start() > 0 and _lead_cue().search(m.group(0)) else None


def _may_lead(text: str) -> bool:
    """Whether ``text`` holds a leader character at all: scanning for one is far cheaper than trying
    ``_LEADER_DOTS`` at every position, and a text without one never matches it."""
    return "." in text or "…" in text or "．" in text or "·" in text or "⋯" in text


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


def _opens_excerpt(h: Heading, region: list[tuple[int, Line]], i: int,
                   heading_at: Callable[[int, Line], Heading | None] | None = None,
                   rank: dict[str, float] | None = None) -> bool:
    """The first numbered line of a text that begins inside a list (a page of a long 责任分解: ``204.…``,
    ``205.…``): accepted when the next numbered line of its family carries the next number."""
    assert h.value is not None
    at = heading_at or (lambda k, ln: match_heading(ln, k))
    rank = rank or dict(RANK)  # the text's own ranking of the families (:func:`_ranks`)
    first_after: Heading | None = None
    for k, ln in region:
        if k <= i:
            continue
        nxt = at(k, ln)
        if nxt is not None and first_after is None:
            first_after = nxt
        if nxt is not None and nxt.style == h.style:
            return nxt.value == h.value + 1
        if nxt is not None and rank[nxt.style] < rank[h.style]:
            break  # (四)… / 1. 2. / 六、… / (一)…: an outer part begins, its own items number afresh
    # 四、主要任务 / （一）… with no 五、 on the page: a part whose first item follows it, the last part the page holds
    return first_after is not None and rank[first_after.style] > rank[h.style] and first_after.value == 1 \
        and len(h.title) <= 30


def build_outline(ft: str, lines: list[Line], start: int, end: int) -> tuple[list[OutlineNode], list[OutlineItem]]:
    """Outline of the lines within ``[start, end)``; returns the tree and a flat pre-order list."""
    region = [(i, ln) for i, ln in enumerate(lines) if start <= ln.start and ln.end <= end]
    heads: list[Heading] = []
    last: dict[str, int | None] = {}
    ever: dict[str, int] = {}
    decimal = DecimalCount(_opens_mid_count(region)) if uses_decimal(region) else None
    matched: dict[int, Heading | None] = {}  # match_heading of each line, for the contents and the body

    def heading_at(i: int, ln: Line) -> Heading | None:
        if i not in matched:
            matched[i] = match_heading(ln, i)
        return matched[i]

    toc = toc_lines(region, decimal is not None, heading_at)
    rank = _ranks(region, toc, heading_at)
    for i, ln in region:
        if ln.table or i in toc:
            continue
        h = decimal.match(ln, i, _next_text(region, i)) if decimal is not None else None
        if h is not None:
            heads.append(h)
            for st in [st for st in STYLES if rank[st] > rank[h.style]]:
                last.pop(st, None)
            continue
        h = heading_at(i, ln)
        # a text that begins inside a list opens mid-count: its first heading, or the first of an outer family after
        # only inner ones (a page opening at （一）…（三） of item 十四, then 十五、…), when the family's next heading goes on
        first_outer = h is not None and h.style not in ever and all(rank[x.style] > rank[h.style] for x in heads)
        if h is None or not (_plausible(h, last, ever) or (first_outer and _opens_excerpt(h, region, i, heading_at, rank))):
            continue
        if decimal is not None and rank[h.style] < rank["decimal-1"]:
            decimal.open = []  # a new 编/章/节/条 restarts the decimal count
        heads.append(h)
        last[h.style] = h.value
        ever[h.style] = h.value  # type: ignore[assignment]
        # an outer family's new number restarts the count of every inner family (the few counted so far)
        for s in [s for s in last if rank[s] > rank[h.style]]:
            del last[s]
    roots: list[_Node] = []
    stack: list[_Node] = []
    for h in heads:
        node = _Node(h)
        while stack and rank[stack[-1].h.style] >= rank[h.style]:
            stack.pop()
        if len(stack) >= MAX_DEPTH:
            continue
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)
    ends = sorted(ln.end for _, ln in region)
    cut = _table_ranges([ln for _, ln in region])
    flat: list[OutlineItem] = []
    tree = _nodes_adapter().validate_python(_emit(roots, end, 1, [], ft, ends, cut, flat))
    return tree, flat


def _ranks(region: list[tuple[int, Line]], toc: set[int], heading_at: Callable[[int, Line], Heading | None]) -> dict[str, float]:
    """The rank of each family in this text: :data:`RANK`, except where parts numbered 一、 hold 第X条 articles (a 若干措施 of
    一、支持企业落户 / 第一条… / 二、支持技术创新 / 第五条…: no 章 above them, a part before the first article and another
    between two): there 一、 ranks as a chapter does, above the articles."""
    styles = [h.style for i, ln in region if i not in toc and (h := heading_at(i, ln)) is not None]
    if any(st in styles for st in ("bian", "zhang", "jie")) or "tiao" not in styles or "han-dun" not in styles:
        return dict(RANK)
    first_tiao = styles.index("tiao")
    parts = [k for k, st in enumerate(styles) if st == "han-dun"]
    if parts[0] > first_tiao or not any(first_tiao < k < len(styles) - 1 - styles[::-1].index("tiao") for k in parts):
        return dict(RANK)
    return {**RANK, "han-dun": RANK["tiao"] - 0.5}


def _emit(nodes: list[_Node], limit: int, level: int, prefix: list[str], ft: str, ends: list[int],
          cut: list[tuple[int, int]], flat: list[OutlineItem]) -> list[dict[str, Any]]:
    """One pass over the tree, siblings ``nodes`` ending by ``limit``: each node's end (the last line end
    before its next sibling) and text end (before its first child); its :class:`OutlineItem`
    appended to ``flat`` in pre-order, under the path ``prefix``; and the fields of the nodes'
    OutlineNodes (children included), validated by the caller in one call for the whole tree:
    cheaper than one constructor call per node."""
    out: list[dict[str, Any]] = []
    for i, n in enumerate(nodes):
        h = n.h
        nxt = nodes[i + 1].h.start if i + 1 < len(nodes) else limit
        n.end = _last_end_before(ends, nxt, h.start)
        n.text_end = _last_end_before(ends, n.children[0].h.start, h.start) if n.children else n.end
        comp = path_component(h.style, h.number)
        if h.style.startswith("decimal-"):  # 2.1 under 2: the number is the whole path below its family
            prefix = [x for x in prefix if not h.number.startswith(x + ".")]
        parts = prefix + [comp] if comp else prefix
        if h.style == "tiao":
            parts = [comp]  # an article's number is its path, whatever part or chapter holds it (第五条, not 二第五条)
        flat.append(OutlineItem("".join(parts), h.title, h.start, n.end, level, h.style))
        out.append(dict(
            number=h.number,
            marker=h.marker,
            level=level,
            style=h.style,
            title=h.title,
            text=_text_without_tables(ft, h.start, n.text_end, cut) if cut else ft[h.start : n.text_end].strip(),
            span={"start": h.start, "end": n.end},
            children=_emit(n.children, nxt, level + 1, parts, ft, ends, cut, flat),
        ))
    return out


def _last_end_before(ends: list[int], limit: int, floor: int) -> int:
    """The largest of the sorted ``ends`` in ``(floor, limit]``, else ``floor``."""
    k = bisect_right(ends, limit)
    return ends[k - 1] if k and ends[k - 1] > floor else floor


def _table_ranges(region: list[Line]) -> list[tuple[int, int]]:
    """``[start, end)`` of each run of table-cell lines: a table stands in a node's span, not in its text."""
    out: list[tuple[int, int]] = []
    if not any(ln.table for ln in region):
        return out
    previous_in_table = False
    for ln in sorted(region, key=lambda x: x.start):
        if ln.table and previous_in_table:
            out[-1] = (out[-1][0], max(out[-1][1], ln.end))
        elif ln.table:
            out.append((ln.start, ln.end))
        previous_in_table = ln.table
    return out


def _text_without_tables(ft: str, start: int, end: int, cut: list[tuple[int, int]]) -> str:
    parts, pos = [], start
    for a, b in cut:
        if b <= pos or a >= end:
            continue
        parts.append(ft[pos:a])
        pos = b
    parts.append(ft[pos:end])
    return "\n".join(p.strip() for p in parts if p.strip())


@cache
def _nodes_adapter() -> TypeAdapter[list[OutlineNode]]:
    return TypeAdapter(list[OutlineNode])


def path_component(style: str, number: str) -> str:
    if style in ("han-paren", "arabic-paren"):
        return f"({number})"
    if style in ("tiao",):
        return f"第{number}条"
    if style in ("zhang", "jie", "bian"):
        return ""
    return number


# --- decimal outlines and tables of contents ------------------------------------------------

_DECIMAL_DEEP = re.compile(r"^(?P<num>[0-9]{1,2}(?:\s*[.．]\s*[0-9]{1,2}){1,2})(?![0-9.．%])\s*(?![万亿千百元倍年月日个项])(?=[\u4e00-\u9fff（“《]|$)")
_DECIMAL_TOP = re.compile(r"^(?P<num>[0-9]{1,2})(?:\s+|\s*[.．、]\s*)(?![万亿千百元倍年月日个项])(?=[\u4e00-\u9fff])|^(?P<bare>[0-9]{1,2})\s*$")
_TOC_LABEL = re.compile(r"^目\s*录$")
MAX_TOC_ENTRY = 60


def is_decimal_heading(text: str) -> bool:
    """``2.1 组织机构`` / ``3.2应急报告``: a numbered heading of a decimal outline, never a title line."""
    return bool(_DECIMAL_DEEP.match(text))


def uses_decimal(region: list[tuple[int, Line]]) -> bool:
    """Whether a document numbers its sections decimally: two or more ``N.M`` heading lines."""
    n = 0
    for _, ln in region:
        m = None if ln.table or len(ln.text) > MAX_TOC_ENTRY else _DECIMAL_DEEP.match(ln.text)
        if m and re.match(r"\s*[\u4e00-\u9fff]", ln.text[m.end():]):
            n += 1
            if n >= 2:
                return True
    return False


_FIRST_DECIMAL = re.compile(r"^1(?:\s*[.．]\s*1)?(?![0-9.．])\s*[\u4e00-\u9fff]")


def _opens_mid_count(region: list[tuple[int, Line]]) -> bool:
    """No line of the region opens a decimal count (``1 总则``, ``1.1 编制目的``): an excerpt that begins inside one."""
    return not any(_FIRST_DECIMAL.match(ln.text) and len(ln.text) <= MAX_TOC_ENTRY for _, ln in region)


class DecimalCount:
    """The count of a decimal outline: ``1`` > ``1.1`` > ``1.1.1``; a number is a heading only when it
    is its parent's next child (first child 1 or 2, later ones up to 3 past the last), so that
    ``1.5亿元`` or a stray ``3`` in the text is not one. An excerpt (a portal's page 5 of a plan, with
    no ``1`` / ``1.1`` heading anywhere: ``mid_count``) may open mid-count: its first heading, a short
    ``N.M`` or ``N.M.K`` line, starts the count wherever it stands, its parents implied."""

    def __init__(self, mid_count: bool = False) -> None:
        self.open: list[int] = []
        self.mid_count = mid_count

    def match(self, line: Line, index: int, following: str = "") -> Heading | None:
        """The heading ``line`` opens, when it continues the count; a bare number (``1`` whose title
        the copy lost) only when ``following`` (the next line) opens its first child."""
        t = line.text
        m = _DECIMAL_DEEP.match(t)
        if m:
            parts = [int(x) for x in re.split(r"\s*[.．]\s*", m["num"].strip())]
        else:
            m = _DECIMAL_TOP.match(t)
            if not m or (m["bare"] is None and len(t) > MAX_TOC_ENTRY):
                return None
            parts = [int(m["num"] or m["bare"])]
            if m["bare"] is not None and not re.match(rf"^{parts[0]}\s*[.．]\s*1(?![0-9])", following):
                return None
        if not (self._continues(parts) or (self.mid_count and not self.open and len(parts) > 1 and len(t) <= MAX_TOC_ENTRY)):
            return None
        self.open = parts
        number = ".".join(str(x) for x in parts)
        title = _heading_title("decimal", t[m.end():])
        return Heading(f"decimal-{len(parts)}", number, squeeze(m.group(0)), index, line.start, title, parts[-1])

    def _continues(self, parts: list[int]) -> bool:
        depth, value = len(parts), parts[-1]
        if value == 0 or depth > 3:
            return False
        if depth == 1:
            prev = self.open[0] if self.open else 0
            return prev < value <= prev + 3 if prev else value <= 2
        if len(self.open) < depth - 1 or self.open[: depth - 1] != parts[:-1]:
            return False
        if len(self.open) == depth - 1:
            return value <= 2
        return self.open[depth - 1] < value <= self.open[depth - 1] + 3


_LEADER_ONLY = re.compile(r"^[.．…·⋯]{3,}\s*[0-9]*$|^[-—–]\s*[0-9]{1,3}\s*[-—–]$")


def toc_entry_at(lines: list[Line], k: int) -> bool:
    """Line ``k`` is an entry of a table of contents: it carries dotted leaders, or a line of leaders
    (``……``) or a page number (``- 7 -``) follows within the next four short lines."""
    if _LEADER_DOTS.search(lines[k].text):
        return True
    for j in range(k + 1, min(len(lines), k + 5)):
        t = lines[j].text
        if _LEADER_ONLY.match(t) or _LEADER_DOTS.search(t):
            return True
        if len(t) > MAX_TOC_ENTRY or _TITLE_END.search(t):
            return False
    return False


def _next_text(region: list[tuple[int, Line]], index: int) -> str:
    """Text of the line after line ``index`` of the region (lines are consecutive there)."""
    first = region[0][0] if region else 0
    k = index - first + 1
    return region[k][1].text if 0 <= k < len(region) and region[k][0] == index + 1 else ""


def _toc_key(text: str) -> str:
    if _may_lead(text):
        text = _LEADER_DOTS.sub("", text)
    return _SPACES.sub("", text) if not text.isprintable() or " " in text else text


def _toc_entry(line: Line, decimal: bool, heading: Callable[[], Heading | None] | None = None) -> bool:
    """``heading()`` gives what :func:`match_heading` does for the line, from the caller's answers
    (None: match it here)."""
    t = line.text
    if line.table or len(t) > MAX_TOC_ENTRY or _TITLE_END.search(t):
        return False
    if _may_lead(t) and _LEADER_DOTS.search(t):
        return True
    h = match_heading(line) if heading is None else heading()
    return bool(h or (decimal and (_DECIMAL_DEEP.match(t) or _DECIMAL_TOP.match(t))))


class _TocKeys:
    """Each line's text without leaders and spaces (``key(m)``), and where each key occurs: the
    lookups of a repeated entry are bisections, so finding a table of contents stays linear in the
    region. Built on the first lookup: most regions have no run of entries to look up.

    Only keys that can be looked up are placed: every key looked up in a non-empty range is an
    entry's (a line of at most MAX_TOC_ENTRY characters without 。) or a prefix of one, so a line
    holding 。 is left out, and so is a longer line whose key is too long (the key of a printable
    line without leaders is the line without its spaces, whose length is known without building it)."""

    def __init__(self, region: list[tuple[int, Line]]) -> None:
        self._region = region
        self._keys: dict[int, str] = {}

    def __len__(self) -> int:
        return len(self._region)

    def key(self, m: int) -> str:
        got = self._keys.get(m)
        if got is None:
            got = self._keys[m] = _toc_key(self._region[m][1].text)
        return got

    @cached_property
    def where(self) -> dict[str, list[int]]:
        where: dict[str, list[int]] = {}
        for m, (_, line) in enumerate(self._region):
            t = line.text
            if "。" in t or (len(t) > MAX_TOC_ENTRY and len(t) - t.count(" ") > MAX_TOC_ENTRY and t.isprintable()
                            and not _may_lead(t)):
                continue  # a sentence, or a key too long to be looked up
            key = self.key(m)
            if len(key) <= MAX_TOC_ENTRY:
                where.setdefault(key, []).append(m)
        return where

    def first_at(self, key: str, lo: int, hi: int) -> int | None:
        places = self.where.get(key, [])
        k = bisect_left(places, lo)
        return places[k] if k < len(places) and places[k] < hi else None


def toc_lines(region: list[tuple[int, Line]], decimal: bool,
              heading_at: Callable[[int, Line], Heading | None] | None = None) -> set[int]:
    """Line indices of a table of contents: a ``目录`` line with the entries after it, or a run of at
    least three heading lines the document prints again afterwards (its first entry, or its first
    number followed by its second entry), or a run of entries with dotted leaders (``……3``).
    ``heading_at(i, line)`` answers :func:`match_heading` for line ``i`` when the caller keeps those
    answers (each line is matched once)."""
    out: set[int] = set()
    n, k = len(region), 0
    keys = _TocKeys(region)
    known: list[bool | None] = [None] * n  # _toc_entry of each position, once computed

    def entry(x: int) -> bool:
        got = known[x]
        if got is None:
            i, line = region[x]
            got = known[x] = _toc_entry(line, decimal, None if heading_at is None else lambda: heading_at(i, line))
        return got

    while k < n:
        label = region[k][1].text[:1] == "目" and bool(_TOC_LABEL.match(region[k][1].text))
        start = k + 1 if label else k
        if label and (end := _labelled_toc_end(region, keys, start)) is not None:
            out.update(region[x][0] for x in range(k, end))
            k = end
            continue
        e = start
        while e < n and entry(e):
            e += 1
        if e - start >= 2:
            e = _repeat_at(keys, start, start + 2, e) or e  # the body's first heading follows the contents at once
        if e - start >= (2 if label else 3) and (label or _repeat_at(keys, start, e, n) is not None
                                                 or sum(bool(_LEADER_DOTS.search(region[x][1].text)) for x in range(start, e)) * 2 >= e - start):
            out.update(region[x][0] for x in range(k, e))
            k = e
            continue
        k = max(k + 1, e if e > start + 1 else k + 1)
    return out


def _labelled_toc_end(region: list[tuple[int, Line]], keys: _TocKeys, start: int) -> int | None:
    """After a ``目录`` line: the position where the first entry is printed again, when every line up to
    it is a short entry (part titles such as ``第一部分…`` included); None when there is no such repeat."""
    if start + 1 >= len(region):
        return None
    k = start
    while k < len(region) and len(region[k][1].text) <= MAX_TOC_ENTRY and not _TITLE_END.search(region[k][1].text):
        k += 1
    return _repeat_at(keys, start, start + 1, min(k + 1, len(region)))


def _repeat_at(keys: _TocKeys, start: int, lo: int, hi: int) -> int | None:
    """The first position in ``[lo, hi)`` where the entries from ``start`` are printed again: the first
    entry, or its number alone (title lost in the copy) followed by the second entry."""
    first, second = keys.key(start), keys.key(start + 1)
    marker = re.match(r"^[^\u4e00-\u9fff]*", first)
    head = marker.group(0) if marker else ""
    found = keys.first_at(first, lo, hi)
    if head and head != first:  # the body repeats the first number with its title lost: ``1`` then ``1.1 编制目的``
        pos = lo
        while (m := keys.first_at(head, pos, hi if found is None else found)) is not None:
            if m + 1 < len(keys) and keys.key(m + 1) == second:
                return m
            pos = m + 1
    return found


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
