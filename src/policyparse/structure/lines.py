"""Blocks -> lines: the unit every structure rule works on.

A :class:`Line` is a trimmed piece of one paragraph block of the folded text: leading and
trailing whitespace, Markdown heading marks (``#``, ``##``) and HTML comments are outside its
span. Very long blocks without line breaks (text pasted from a page with all breaks lost; in a
text of at most three paragraphs, any block over 200 characters; any block whose sentences end in runs
of blanks three times or more) are cut before the markers that open a new unit (``第X章``, ``第X条``, ``一、`` after a full stop)
so that the outline sees one heading per line. Lines holding the cells of a table the reader
found are marked ``table``: the outline never reads them as headings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Block
from ..normalize.numerals import cn_to_int

_MD_PREFIX = re.compile(r"^\s*(?:#{1,6}\s+|>\s+)?")
#: signs a repost prints before a heading (▲一、总体目标): no part of the heading
_MARKS = "▲△■□◆◇●○►▶★☆◎※"
_HEADING_MARK = re.compile(rf"[{_MARKS}]\s*(?=[一二三四五六七八九十]{{1,3}}、|（[一二三四五六七八九十]{{1,3}}）|第[一二三四五六七八九十百]{{1,6}}[章条])")
_COMMENT = re.compile(r"^\s*<[!！]--.*-->\s*$")  # folded text turns ! into ！
_CN = "一二三四五六七八九十百千零〇两"

# Where a run-on block may be cut: before an article/chapter marker followed by a space, and
# before a numbered heading that follows a full stop, colon or semicolon.
_CUT = re.compile(
    rf"(?<=\S)(?=第[{_CN}0-9]{{1,6}}[编章节]\s)"
    rf"|(?<=[\S])(?=第[{_CN}0-9]{{1,6}}条\s)"
    rf"|(?<=[。；：！？\s）])(?=[{_CN}]{{1,3}}、|（[{_CN}]{{1,3}}）|[0-9]{{1,2}}[.、](?!\d))"  # …（县工信局牵头）（二）…
    # a unit field after a sentence: 。 责任单位：县财政局 (a field line of the page); any field
    # after a blank: …万吨以上 部门分工：省农业农村厅牵头
    r"|(?<=[。；！？])(?=[\u4e00-\u9fff]{2,6}(?:单位|部门)：)"
    r"|(?<=\s)(?=[\u4e00-\u9fff]{2,6}：)"
    # a blank after a full stop: where the page's line broke
    r"|(?<=[。！？])(?=\s)"
    # a signature run into the text: 。安顺市人民政府2023年9月5日（此件公开发布）
    rf"|(?<=。)\s?(?=[\u4e00-\u9fff]{{2,30}}\s?[0-9]{{4}}年[0-9]{{1,2}}月[0-9]{{1,2}}日)"
    r"|(?<=（此件公开发布）)"
)
# cut right after a signature date that runs into the next text
_CUT_AFTER = re.compile(r"(?<=。)\s?[\u4e00-\u9fff]{2,30}\s?[0-9]{4}年[0-9]{1,2}月[0-9]{1,2}日(?=\s?（此件|\s?[\u4e00-\u9fff])")
# the recipients of a run-on block end at the first full-width colon
_HEAD_COLON = re.compile(r"^[^。；！？《》]{2,150}?：")
#: a page number a PDF copy ran into the end of a line: （此件主动公开）—2—
_PAGE_AT_END = re.compile(r"(?<=\S)[—－]\s*[0-9]{1,4}\s*[—－]\s*$")
#: an item marker after a blank inside a block: 一、废止4件省政府规章 （一）江西省… (items a page ran into one line)
_SPACED_MARKER = re.compile(rf"\s(?:（[{_CN}]{{1,3}}）|[{_CN}]{{1,3}}、)\S")
_LABEL = re.compile(r"\s*[\u4e00-\u9fff]{2,6}：")
#: a paragraph break a page turned into blanks: a sentence's end, then two or more blanks (…请遵照执行。  卫生部：负责…)
_PARA_GAP = re.compile(r"[。！？；：]\s{2,}(?=\S)")
#: a block with this many such breaks is a page's paragraphs run into one line, whatever its length
PARA_GAPS = 3
LONG_BLOCK = 600
#: a page flattened whole: a text of at most FEW_BLOCKS paragraphs cuts its blocks from this length
FEW_BLOCKS, RUN_ON_BLOCK = 3, 200


@dataclass(frozen=True, slots=True)
class Line:
    start: int
    end: int
    text: str
    page: int | None = None
    block: int = 0
    table: bool = False  # a cell of a table the reader found: never a heading or body line


def _trim(ft: str, start: int, end: int) -> tuple[int, int]:
    first = ft[start : start + 1]
    if first and not first.isspace() and first not in "#>" + _MARKS:
        s = start  # nothing to strip in front (the usual line)
    else:
        m = _MD_PREFIX.match(ft[start:end])
        s = start + (m.end() if m else 0)
        while s < end and ft[s].isspace():
            s += 1
        if (mark := _HEADING_MARK.match(ft, s, end)) is not None:
            s = mark.end()  # ▲一、总体目标, ■二、重点任务: a repost's decoration before a heading
    e = end
    while e > s and ft[e - 1].isspace():
        e -= 1
    return s, e


def blocks_to_lines(ft: str, blocks: list[Block]) -> list[Line]:
    """Trimmed lines of the folded text ``ft``, one or more per paragraph block, in order."""
    out: list[Line] = []
    flattened = len(blocks) <= 2 * FEW_BLOCKS and sum(b.kind != "table" for b in blocks) <= FEW_BLOCKS
    for bi, b in enumerate(blocks):
        if b.kind == "table":
            pieces = [(c.span.start, c.span.end) for c in (b.table.cells if b.table else []) if c.span]
            if not pieces:
                pieces = _split_newlines(ft, b.span.start, b.span.end)
        else:
            pieces = [(b.span.start, b.span.end)]
            tail = ft[max(b.span.start, b.span.end - 8) : b.span.end].rstrip()
            if tail[-1:] in ("—", "－") and (pm := _PAGE_AT_END.search(ft, b.span.start, b.span.end)) is not None \
                    and pm.start() > b.span.start:
                pieces = [(b.span.start, pm.start()), (pm.start(), b.span.end)]  # （此件主动公开）—2—: the page number apart
            n = b.span.end - b.span.start
            if n > LONG_BLOCK or n > RUN_ON_BLOCK and (flattened or _SPACED_MARKER.search(ft, b.span.start, b.span.end)) \
                    or _para_gaps(ft, b.span.start, b.span.end):
                pieces = _cut_run_on(ft, b.span.start, b.span.end, spaced=n <= LONG_BLOCK)
            elif (n > RUN_ON_BLOCK or _PART_THEN_ITEM.match(ft, b.span.start, b.span.end)) \
                    and _inline_items(ft, b.span.start, b.span.end):  # a part run into its items, however short
                pieces = _cut_run_on(ft, b.span.start, b.span.end)
        table = b.kind == "table"
        for s0, e0 in pieces:
            s, e = _trim(ft, s0, e0)
            if s >= e:
                continue  # a blank piece
            # a comment line starts with < once trimmed (the regex is tried on those only)
            if ft[s] == "<" and _COMMENT.match(ft[s0:e0]):
                continue
            out.append(Line(s, e, ft[s:e], b.page, bi, table))
    return out


#: an item marker of either family: （二） or 二、
_MARKER = rf"(?:（(?P<paren>[{_CN}]{{1,3}})）|(?P<dun>[{_CN}]{{1,3}})、)"
#: the marker after a sentence's end inside a block: 。（二）加大资金投入。 (a page that put each part on one line)
_INLINE_MARKER = re.compile(rf"(?<=[。；！？）]){_MARKER}")  # …。（二）, …（县工信局牵头）（二）
#: the marker opening the block
_OPENING_MARKER = re.compile(rf"\s*{_MARKER}")


def _inline_items(ft: str, start: int, end: int) -> bool:
    """Whether the block ``ft[start:end]`` opens with an item marker (（一） / 一、) and holds the next one of the same
    family after a sentence's end (…日常工作。（二）加大资金投入。…): items a page ran into one line."""
    first = _OPENING_MARKER.match(ft, start, end)
    if first is None:
        return False
    family = "paren" if first["paren"] else "dun"
    expect = (cn_to_int(first[family]) or 0) + 1
    if any(m[family] and cn_to_int(m[family]) == expect for m in _INLINE_MARKER.finditer(ft, first.end(), end)):
        return True
    # 二、重点任务（一）壮大龙头企业。…（二）…: a part and its items run into one line
    return family == "dun" and _PART_THEN_ITEM.match(ft, start, end) is not None \
        and any(m["paren"] and cn_to_int(m["paren"]) == 2 for m in _INLINE_MARKER.finditer(ft, first.end(), end))


#: a level-1 part's heading run into its first item (二、重点任务（一）…): cut before the item
_PART_THEN_ITEM = re.compile(rf"\s*[{_CN}]{{1,3}}、[^。，；：（）\n]{{2,24}}(?=（一）)")


def _para_gaps(ft: str, start: int, end: int) -> bool:
    """Whether ``ft[start:end]`` holds :data:`PARA_GAPS` or more paragraph breaks turned into blanks."""
    n = 0
    for _ in _PARA_GAP.finditer(ft, start, end):
        n += 1
        if n >= PARA_GAPS:
            return True
    return False


def _split_newlines(ft: str, start: int, end: int) -> list[tuple[int, int]]:
    res = []
    pos = start
    while pos < end:
        nl = ft.find("\n", pos, end)
        stop = end if nl < 0 else nl
        res.append((pos, stop))
        pos = stop + 1
    return res


def _cut_run_on(ft: str, start: int, end: int, *, spaced: bool = False) -> list[tuple[int, int]]:
    """Cut a run-on block; ``spaced``: only where the page had a break, a blank on either side of
    the cut (a short paragraph may number its points inline: 会议确定：1.由…负责…。2.由…)."""
    cuts = [start + m.start() for m in _CUT.finditer(ft[start:end])]
    if spaced:
        cuts = [c for c in cuts if ft[c - 1].isspace() or ft[c].isspace()]
    cuts = [start, *cuts, end]
    cuts += [start + m.end() for m in _CUT_AFTER.finditer(ft[start:end])]
    if (part := _PART_THEN_ITEM.match(ft, start, end)) is not None:
        cuts.append(part.end())
    m = _HEAD_COLON.match(ft[start:end])
    if m:
        before = max(c for c in cuts if c < start + m.end())
        if not _LABEL.fullmatch(ft, before, start + m.end()) and (not spaced or ft[start + m.end() : start + m.end() + 1].isspace()):
            # 部门分工：A牵头: a field, not recipients; in a short block the page broke the line after the colon
            cuts.append(start + m.end())
    cuts = sorted(set(cuts))
    return [(a, b) for a, b in zip(cuts, cuts[1:], strict=False) if b > a]


def run_on_cuts(lines: list[Line]) -> list[int]:
    """Where run-on blocks were cut: the start of every text line that follows another line of
    its own block. Readers that walk the text line by line (field lines, responsibility lists)
    cut there too, so a page flattened to one line reads as the page it was."""
    return [b.start for a, b in zip(lines, lines[1:], strict=False)
            if a.block == b.block and not a.table and not b.table and "\n" not in a.text]


def text_lines(ft: str, start: int, end: int, cuts: list[int] = ()) -> list[tuple[int, str]]:  # type: ignore[assignment]
    """``(offset, line)`` for each line of ``ft[start:end]``: split at line breaks and at ``cuts``
    (offsets from :func:`run_on_cuts`); a line keeps its surrounding blanks."""
    out: list[tuple[int, str]] = []
    pos = start
    inner = [c for c in cuts if start < c < end]
    k = 0
    for raw in ft[start:end].split("\n"):
        s0, e0 = pos, pos + len(raw)
        pos = e0 + 1
        while k < len(inner) and inner[k] <= s0:
            k += 1
        a = s0
        while k < len(inner) and inner[k] < e0:
            out.append((a, ft[a : inner[k]]))
            a = inner[k]
            k += 1
        out.append((a, ft[a:e0]))
    return out
