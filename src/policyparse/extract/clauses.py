"""Sentences and cited titles of a clause: the reading helpers the repeal and effective-date rules share.

* :func:`iter_sentences`: ``(s, e)`` of each sentence of ``text[start:end]`` (split after 。！？ and at
  line breaks); offsets absolute.
* :func:`title_refs`: every top-level 《…》 of a span (nesting counted; a verb inside a title is not a
  verb of the sentence) as a :class:`TitleRef`, with the reference parenthesis that follows it
  (``（湘办发〔2020〕7号）``) read by :func:`parse_prefix`.
* :func:`parse_prefix`: what the words before a cited title (or its parenthesis) say, as a
  :class:`PrefixInfo`: date, issuing organs (:func:`split_organs`), 发文字号, publication verb;
  ``consumed`` is False when other words remain (the title is only cited, not a target).

Pure functions of the folded text; this module imports neither :mod:`.repeals` nor :mod:`.effective`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import pairwise

from .. import vocabulary
from ..model import DocNumber
from ..normalize import find_doc_numbers, parse_date
from ..normalize.numerals import DATE_RE
from ..vocabulary import MEETING_SUFFIX, alternation, organ_ending_alternation

__all__ = ["PrefixInfo", "TitleRef", "iter_sentences", "parse_prefix", "split_organs", "title_refs"]


_PUB_RE = re.compile("(?P<pub>" + alternation(vocabulary.PUBLICATION_VERBS) + ")的?\\s*$")

# an issuer of a cited title (``省人民政府办公厅``, ``国务院``, ``原国家工商行政管理局``)
_ORGAN_PIECE = re.compile("^原?[\u4e00-\u9fff（）]{1,30}" + organ_ending_alternation("cited") + "$")

_ORGAN_JOIN = re.compile("[和及与]")

# leading words allowed before a target's prefix: 将《X》予以废止, 对《X》予以废止
#: words that may open a repealing clause before its reference (现将《X》废止, 原《X》（…号）同时废止: the former document);
#: matched at the clause's start (``match`` at a position: no ``^``, which would hold at the text's start only)
_LEAD_WORDS = re.compile(r"(?:现决定将|现决定|决定将|现将|同时将|同时|并将|将|对|把|另外|此外|原(?!则))")

_ITEM_MARKER = re.compile(r"(?:第[一二三四五六七八九十百千零〇\d]+条(?:之[一二三四五六七八九十]+)?|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.、．])\s*")

#: a date as prefixes print it, day or month possibly left out (1951年政务院批准发布的)
_ANY_DATE = re.compile(DATE_RE.pattern + r"|[0-9〇零一二三四五六七八九]{4}\s*年(?:\s*[0-9一二三四五六七八九十]{1,2}\s*月)?")

_INNER_PUB = re.compile("(?:" + alternation(vocabulary.PUBLICATION_VERBS) + ")的?(?=[、，,])")

_PAREN_TAIL = re.compile(r"[\u4e00-\u9fff]{0,20}第?[0-9一二三四五六七八九十百]+号令?|试行|暂行|草案")

_ORDER_AFTER = re.compile(r"第[一二三四五六七八九十百0-9]+号令$")

_MEETING_RE = re.compile(MEETING_SUFFIX)

_PAREN_RE = re.compile(r"\s*[（(](?P<body>[^（）()]{1,80})[）)]")

_SENTENCE_BREAK = re.compile(r"[。！？\n]")

_TITLE_MARK = re.compile(r"[《》]")

def iter_sentences(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Yield ``(s, e)`` of every sentence of ``text[start:end]``: split after 。！？ and at line breaks."""
    i = start
    for m in _SENTENCE_BREAK.finditer(text, start, end):
        j = m.start()
        if text[j] == "\n":
            if j > i:
                yield i, j
        else:
            yield i, j + 1
        i = j + 1
    if end > i:
        yield i, end

@dataclass
class TitleRef:
    """One 《title》 in a sentence, with the doc-number parenthesis that follows it, if any."""

    open: int  # offset of 《
    close: int  # offset just after the matching 》
    end: int  # offset after the parenthesis when it belongs to the reference, else == close
    title: str
    paren: PrefixInfo | None = None

def title_refs(text: str, start: int, end: int) -> list[TitleRef]:
    """Every top-level 《…》 in ``text[start:end]`` (nesting counted), with its reference parenthesis."""
    refs: list[TitleRef] = []
    if text.find("《", start, end) < 0:
        return refs
    match = _matching_marks(text, start, end)
    i = start
    while i < end:
        i = text.find("《", i, end)
        if i < 0:
            break
        j = match.get(i, end)
        if j >= end:  # unbalanced 《: not a title; look on after it
            i += 1
            continue
        ref = TitleRef(open=i, close=j + 1, end=j + 1, title=text[i + 1 : j].strip())
        m = _PAREN_RE.match(text, j + 1, end)
        if m:
            info = parse_prefix(text, m.start("body"), m.end("body"))
            if info.consumed and (info.doc_number or info.date):
                ref.paren = info
                ref.end = m.end()
            elif _PAREN_TAIL.fullmatch(m["body"].strip()):
                ref.end = m.end()  # （公安部第69号令）, （试行）: part of the reference, nothing to read from it
        refs.append(ref)
        i = j + 1
    return refs

def _matching_marks(text: str, start: int, end: int) -> dict[int, int]:
    """Offset of each 《 in ``text[start:end]`` -> offset of the 》 closing it (nesting counted),
    in one pass: a stack of open marks; a 》 with nothing open is ignored, an unclosed 《 has no entry."""
    match: dict[int, int] = {}
    stack: list[int] = []
    for m in _TITLE_MARK.finditer(text, start, end):
        if text[m.start()] == "《":
            stack.append(m.start())
        elif stack:
            match[stack.pop()] = m.start()
    return match

@dataclass
class PrefixInfo:
    """What a target's prefix (or reference parenthesis) says: ``2020年5月16日省委办公厅印发的``."""

    start: int
    end: int
    consumed: bool = True  # nothing but dates, organs, 令 numbers and a publication verb
    date: str | None = None
    issuers: list[str] = field(default_factory=list)
    doc_number: DocNumber | None = None
    pub_verb: str | None = None

    @property
    def says_something(self) -> bool:
        return bool(self.date or self.issuers or self.doc_number or self.pub_verb)

def split_organs(s: str) -> list[str] | None:
    """``省委办公厅、省人民政府办公厅`` → two organs; ``None`` when a piece is not an organ name.

    Pieces are split at 、 and spaces; 和/及/与 split a piece only when both sides are organ
    names (``国务院和中央军委``), never inside a name (``住房和城乡建设部``).
    """
    out: list[str] = []
    for piece in re.split(r"[、\s]+", s.strip(" 、，,")):
        if not piece:
            continue
        if not _ORGAN_PIECE.match(piece):
            return None
        parts = _ORGAN_JOIN.split(piece)
        if len(parts) > 1 and all(_ORGAN_PIECE.match(x) for x in parts):
            out.extend(parts)
        else:
            out.append(piece)
    return out

def parse_prefix(text: str, s: int, e: int) -> PrefixInfo:
    """Read ``text[s:e]`` as a reference prefix; ``consumed`` is False when other words remain."""
    info = PrefixInfo(start=s, end=e)
    marker = _ITEM_MARKER.match(text, s, e)  # 第十条 《X》自…起废止: the article's marker is no prefix
    if marker:
        s = info.start = marker.end()
    lead = _LEAD_WORDS.match(text, s, e)
    if lead:
        info.start = lead.end()
    rest = text[info.start : e]
    if not rest.strip():
        return info
    rest = _strip_pub(rest, info)
    nums = find_doc_numbers(rest, offset=info.start)
    if nums and (span := nums[-1].span) is not None:
        dn = nums[-1]
        a, b = span.start - info.start, span.end - info.start
        if not rest[b:].strip():
            info.doc_number = dn
            rest = re.sub(r"原\s*$", "", rest[:a].rstrip())
    dates = list(_ANY_DATE.finditer(rest))
    organs_text = rest
    before: list[str] = []
    if dates:
        info.date = parse_date(dates[-1].group(0))
        head = _organ_text(rest[: dates[0].start()])
        if head == "自":
            head = ""  # 自1997年2月5日起施行的《X》: the date it took effect, no organ
        if head:  # 最高人民检察院1999年1月18日发布的: the organ before the date
            organs = split_organs(head) if len(head) <= 120 else None
            if organs is None:
                info.consumed = False
            else:
                before = organs
        for d0, d1 in pairwise(dates):
            if not _approval_chain(rest[d0.end() : d1.start()]):
                info.consumed = False
        organs_text = rest[dates[-1].end() :]
    organs_text = _organ_text(_strip_pub(organs_text, info))
    if organs_text:
        organs = split_organs(organs_text) if len(organs_text) <= 120 else None
        if organs:  # 最高人民法院、最高人民检察院《关于…》: organs right before the title name its issuers
            info.issuers = organs
        else:
            info.consumed = False
    if before and not info.issuers:
        info.issuers = before
    return info

def _strip_pub(rest: str, info: PrefixInfo) -> str:
    """Drop the chain of publication verbs that ends a prefix (修订公布的, 公布施行的, 批准发布的)."""
    while pm := _PUB_RE.search(rest):
        info.pub_verb = info.pub_verb or pm["pub"]
        rest = rest[: pm.start()]
    return rest

def _organ_text(s: str) -> str:
    """An organ as a prefix names it: a meeting (第七届全国人民代表大会常务委员会第三十次会议) is its organ."""
    s = _MEETING_RE.sub("", s.strip(" 、，,"))
    s = _ORDER_AFTER.sub("", s)  # 北京市人民政府第12号令: the organ, its order number after it
    s = re.sub(r"第[一二三四五六七八九十百0-9]+届", "", s)
    s = _INNER_PUB.sub("", s)  # 国务院批准、原地质矿产部: each organ without its verb
    return re.sub(r"^(?:经|起)|[于在]$", "", s.strip(" 、，,")).strip(" 、，,")

def _approval_chain(middle: str) -> bool:
    """``国务院批准、`` between two dates (``1985年8月14日国务院批准、1985年8月25日…发布的``)."""
    middle = _organ_text(_strip_pub(middle.strip(" 、，,和及"), PrefixInfo(start=0, end=0)))
    return not middle or split_organs(middle) is not None
