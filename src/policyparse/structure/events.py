"""The dated header lines of a statute -> :class:`~policyparse.model.HeaderEvent` records.

A law, regulation or judicial interpretation prints, under its title, the events that made the
text in front of the reader::

    2000年3月15日 第九届全国人民代表大会第三次会议通过
    2015年3月15日 第十二届全国人民代表大会第三次会议《关于修改〈中华人民共和国立法法〉的决定》修正
    2001年12月14日 中华人民共和国国务院令第337号公布
    （2004年8月1日 …令第413号公布  2011年7月29日 《…关于修改〈X〉的决定》第一次修订）
    2021年1月1日 施行

Contract of :func:`read_events`:

* It reads from line ``i`` while lines belong to such a block: a line opening with a date (after an
  optional ``（``), a line that continues a title left open (``《关于修改〈X〉`` / ``〈Y〉的决定》第三次修正``)
  or a sentence left open (``…印发，根据``), and the dateless ``发布之日施行``.
* The block is cut into one event per date: a date opens an event at the block start or after a
  space, ``（``, ``、``, ``，``, ``；``, ``根据`` or ``经`` (a city's ``…通过并经2010年11月25日…批准的《…》修正``). A segment without any verb of
  ``vocabulary.HEADER_EVENT_VERBS`` becomes an ``adopted`` event when it names a meeting (会议),
  else it is dropped.
* The kind comes from the verbs outside 《》: the last one names it, except that ``通过的《X》``
  (a 修正案 or decision adopted on that day and folded into this text) is ``amended`` and that a
  revision approved or adopted (``批准修订``, ``修订通过``) stays ``revised``; ``公布施行`` gives a
  published and an effective event of the same date.
* Spans are absolute offsets into ``ft``; ``text`` is the segment as written, brackets and
  trailing separators removed.
* Returns ``None`` when line ``i`` opens no such block.
"""

from __future__ import annotations

import re

from ..model import EDITION_EVENT_KINDS, HeaderEvent, Span
from ..normalize import parse_date, squeeze
from ..normalize.numerals import DATE_RE
from ..vocabulary import HEADER_EVENT_VERBS, ISSUE_DAY_VERBS, alternation
from .lines import Line

__all__ = ["edition_date", "header_block_end", "read_events"]

_DATE = DATE_RE.pattern.replace("?P<y>", "?:").replace("?P<m>", "?:").replace("?P<d>", "?:")
_DATE_AT = re.compile(_DATE)
_OPENS = re.compile(rf"^\s*[（(]?\s*(?:根据\s*)?{_DATE}")
_VERB = re.compile(alternation(tuple(HEADER_EVENT_VERBS)))
_DATELESS = re.compile(rf"^[（(]?\s*(?:自\s*)?(?:{alternation(ISSUE_DAY_VERBS)})之日(?:起)?\s*施行\s*[）)]?$")
_ORDER = re.compile(r"[\u4e00-\u9fff、]{2,40}?令第\s*[0-9一二三四五六七八九十百千零〇]+\s*号(?:、[\u4e00-\u9fff]{2,30}令第\s*[0-9]+\s*号)*")
_BRACKETED = re.compile(r"^[（(][^（）()]*(?:[（(][^（）()]*[）)][^（）()]*)*[）)]$")
_ARTICLE = re.compile(r"^第[一二三四五六七八九十百千零〇0-9]+[条章节编]")
_QUOTE = re.compile(r"《([^《》]*)》")
_ORDINAL = re.compile(r"第[一二三四五六七八九十]+次$")
#: how far a header block may run (a long amendment history has 16 lines)
MAX_BLOCK_LINES = 40


def _balance(text: str) -> int:
    return text.count("《") - text.count("》")


_LINE_END = re.compile(rf"(?:{_VERB.pattern}|会议|》|{_DATE})$")


def _is_event_line(t: str) -> bool:
    """A line that opens with a date and ends like a header event (a verb, a meeting, a title that
    an adoption names, or an open 根据), never a sentence of the body; or a whole bracketed line
    of events (``（…会议通过 2008年4月17日…公布 自2008年4月23日起施行）``)."""
    if _BRACKETED.match(t) and _DATE_AT.search(t) and _VERB.search(t):
        return True
    if not _OPENS.match(t) or "。" in t.rstrip("。 根据）)") or len(t) > 300:
        return False
    if _ORDER.search(t) and re.search(r"号[\s　）)]*$", t):
        return True  # 2017年11月22日 中华人民共和国国务院令第692号
    if _balance(t) > 0 and (_VERB.search(t) or "会议" in t):
        return True  # a title left open: 《关于修改〈X〉 … continues on the next line
    tail = re.sub(r"(?:[\s　）)，、；。]|根据|第[一二三四五六七八九十]+次)*$", "", t)
    return bool(_LINE_END.search(tail)) and bool(_VERB.search(t) or "会议" in t or _DATE_AT.fullmatch(tail.lstrip("（( ")))


#: a header event wrapped over lines: its continuation lines are short and carry no sentence
MAX_WRAP_LINES = 6
_WRAP_PIECE = re.compile(r"^[^。；：:]{1,40}$")


def _wrapped_end(lines: list[Line], i: int, hi: int) -> int | None:
    """End of an event wrapped over lines ``i…`` (``1984年1月7日 国务院`` / ``中央军委发布``): the
    first line opens with a date, the pieces after it are short, and their join ends like an event."""
    t = lines[i].text
    if not _OPENS.match(t) or not _WRAP_PIECE.match(t):
        return None
    joined = t
    for k in range(i + 1, min(hi, i + MAX_WRAP_LINES)):
        nxt = lines[k].text
        if not _WRAP_PIECE.match(nxt) or _OPENS.match(nxt) or _ARTICLE.match(nxt):
            return None
        joined += nxt
        if _is_event_line(joined):
            return k + 1
    return None


def _bracket_end(lines: list[Line], i: int, hi: int) -> int | None:
    """End of a bracketed header that runs over lines: ``（2011年…会议制定`` … ``…的决定》修正）``."""
    t = lines[i].text
    if not t.startswith(("（", "(")) or t.rstrip().endswith(("）", ")")) or not _DATE_AT.search(t):
        return None
    for k in range(i + 1, min(hi, i + MAX_BLOCK_LINES)):
        nxt = lines[k].text
        if _ARTICLE.match(nxt) or "。" in nxt:
            return None
        if nxt.rstrip().endswith(("）", ")")):
            joined = "".join(lines[j].text for j in range(i, k + 1))
            return k + 1 if _VERB.search(joined) else None
    return None


def header_block_end(lines: list[Line], i: int, hi: int) -> int:
    """Index after the last line of the header block that starts at ``i`` (``i`` when none starts)."""
    t0 = lines[i].text
    if _DATE_AT.fullmatch(t0.strip("（() ")):
        return i
    if (b := _bracket_end(lines, i, hi)) is not None:
        return b
    if not (_is_event_line(t0) or _DATELESS.match(t0)):
        w = _wrapped_end(lines, i, hi)
        if w is None:
            return i
        t0 = "".join(lines[k].text for k in range(i, w))
        i = w - 1  # the wrapped event ends on line w - 1; go on from there
    j = i + 1
    depth = _balance(t0)
    prev = t0
    while j < hi and j - i < MAX_BLOCK_LINES:
        t = lines[j].text
        if depth > 0:
            pass  # a title left open continues on this line (…〈X〉第三十条 / 第三十一条的决定》第一次修正)
        elif _ARTICLE.match(t):
            break  # an article never continues a header (…发布  根据 / 第一条 …)
        elif prev.rstrip().endswith("根据"):
            pass  # a sentence left open continues on this line
        elif _is_event_line(t) or _DATELESS.match(t):
            pass
        else:
            break
        depth = max(0, depth + _balance(t))
        prev = t
        j += 1
    return j


def read_events(ft: str, lines: list[Line], i: int, hi: int) -> tuple[list[HeaderEvent], int] | None:
    """The events of the header block starting at line ``i`` and the index of the line after it."""
    if i >= hi:
        return None
    j = header_block_end(lines, i, hi)
    if j == i:
        return None
    start, end = lines[i].start, lines[j - 1].end
    events: list[HeaderEvent] = []
    for s, e in _segments(ft, start, end):
        events += _events_of(ft, s, e)
    return events, j


def _segments(ft: str, start: int, end: int) -> list[tuple[int, int]]:
    cuts = []
    depth = 0
    pos = start
    for m in _DATE_AT.finditer(ft, start, end):
        for k in range(pos, m.start()):
            depth += {"《": 1, "》": -1}.get(ft[k], 0)
        pos = m.start()
        before = ft[start : m.start()].rstrip(" \u3000")
        if depth <= 0 and before.endswith("自"):
            cuts.append(m.start() - 1)  # 自2008年4月23日起施行
        elif depth <= 0 and (not before.strip() or before.endswith(("（", "(", "、", "，", "；", "根据", "经", "\n")) or
                             ft[m.start() - 1] in " \u3000\n"):
            cuts.append(m.start())
    if not cuts:
        return [(start, end)]
    if ft[start:cuts[0]].strip(" （(\n"):
        cuts.insert(0, start)
    return [(a, b) for a, b in zip(cuts, cuts[1:] + [end], strict=False)]


def _outside_quotes(text: str) -> str:
    """``text`` with every 《…》 (nested 〈〉 included) blanked, same length."""
    out = list(text)
    depth = 0
    for k, ch in enumerate(text):
        if ch == "《":
            depth += 1
        if depth > 0:
            out[k] = " "
        if ch == "》":
            depth = max(0, depth - 1)
    return "".join(out)


def _events_of(ft: str, s: int, e: int) -> list[HeaderEvent]:
    raw = ft[s:e]
    # trim brackets, separators and a dangling 根据 (the next segment's lead-in)
    lead = len(raw) - len(raw.lstrip(" \u3000\n（(自"))
    body = raw[lead:]
    body = re.sub(r"(?:[\s　）)，、；,。]|根据)*$", "", body)
    if not body:
        return []
    a = s + lead
    span = Span(start=a, end=a + len(body))
    dm = _DATE_AT.match(body)
    date = parse_date(dm.group(0)) if dm else None
    rest = body[dm.end():] if dm else body
    plain = _outside_quotes(rest)
    verbs = [(m.start(), HEADER_EVENT_VERBS[m.group(0)]) for m in _VERB.finditer(plain)]
    quotes = _QUOTE.findall(rest)
    order = _ORDER.search(plain)
    instrument = quotes[-1] if quotes else (squeeze(order.group(0)) if order else None)
    first_verb = verbs[0][0] if verbs else len(rest)
    by_text = rest[:first_verb]
    by_text = _QUOTE.sub("", by_text)
    if order:
        by_text = by_text.replace(order.group(0), "")
    by = squeeze(_ORDINAL.sub("", by_text.strip(" 　、，的"))).strip("、，的") or None
    text = squeeze(body) if "\n" in body else body
    kinds: list[str]
    if not verbs:
        if order:
            kinds = ["published"]  # 国务院令第692号: an order publishes
        elif "会议" in rest:
            kinds = ["adopted"]
        else:
            return []
    else:
        names = [k for _p, k in verbs]
        last = names[-1]
        if "adopted" in names and re.search(r"通过的\s*《", rest):
            kinds = ["amended"]
        elif "revised" in names and last in ("adopted", "approved", "published"):
            kinds = ["revised"]
        elif last == "effective" and len(names) > 1 and names[-2] == "published":
            kinds = ["published", "effective"]
        else:
            kinds = [last]
    return [HeaderEvent(kind=k, date=date, by=by, instrument=instrument, text=text, span=span) for k in kinds]


def edition_date(events: list[HeaderEvent]) -> HeaderEvent | None:
    """The event that dates this edition: the latest adopted/approved/amended/revised/published event
    (on the same day, the last printed); else ``None``."""
    best: HeaderEvent | None = None
    for ev in events:
        if ev.kind in EDITION_EVENT_KINDS and ev.date and (best is None or ev.date >= best.date):  # type: ignore[operator]
            best = ev
    return best
