"""Repeal clauses: which documents a document repeals, and which provisions it switches off.

Contract of :func:`find_repeals`:

* ``text`` is the *folded* reader text (:func:`policyparse.normalize.fold`); only
  ``text[start:end]`` is read, and every span is an absolute offset into ``text``.
  ``doc_date`` is the date 印发之日/发布之日 refer to (the 印发日期 when known, else the 成文日期).
* A :class:`~policyparse.model.Repeal` is one repealed document: its ``title`` (inside
  the outer 《》, nested 〈〉 kept as written), its 发文字号 (from a parenthesis after the
  title, ``（湘办发〔2020〕7号）``, or from a 令 number before it, ``原国家工商行政管理局令第1号
  公布的《…》``), the ``date`` and ``issuers`` of the prefix ``2020年5月16日省委办公厅、省人民
  政府办公厅印发的``, and the ``verb`` (同时废止, 废止, 停止执行, 不再执行, 宣布失效, 予以废止 …)
  without its time phrase. ``span`` covers that one target's reference: from its prefix
  (date, organs, 令 number) to the end of its title or of the doc-number parenthesis.
  ``effective_date`` is when the repeal takes effect: the date of a ``自…起`` phrase
  (``自本通知印发之日起`` is ``doc_date``; ``自本通知实施之日起`` is the document's own
  施行 date), or, for 同时废止, the 施行 date stated just before it; ``None`` otherwise.
* A blanket repeal (``凡与本规定不一致的…同时废止``, ``此前…与本通知不一致的，以本通知为准``) is a
  Repeal with ``blanket=True``, no title and no number; its span covers the clause.
* A partial suspension (``不再执行《X》中关于…的规定``, ``《X》第五条同时废止``) switches off a
  provision, not a document: it is a :class:`~policyparse.model.Suspension`, never a Repeal.
* A title that is only cited (``根据《X》``, ``在《X》下``) is not a target: every target's
  prefix must consist of dates, organs, 令 numbers and a publication verb only.

The rules work per sentence (split at 。！？ and line breaks); a verb inside a 《》 title
(``《国务院关于废止和修改部分行政法规的决定》``) is not a verb of the sentence.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .. import vocabulary
from ..model import DocNumber, Repeal, Span, Suspension
from ..normalize import find_doc_numbers, parse_date
from ..vocabulary import alternation
from .clauses import PrefixInfo, TitleRef, iter_sentences, parse_prefix, title_refs
from .effective import effective_start_dates

__all__ = ["find_repeals"]

# ---------------------------------------------------------------------------------------------
# vocabulary (data, not logic)

REPEAL_VERBS = vocabulary.REPEAL_VERBS
SUSPEND_VERBS = vocabulary.SUSPENSION_VERBS

_VERB_RE = re.compile("(?:均|也|亦)?(?P<verb>" + alternation(SUSPEND_VERBS + REPEAL_VERBS) + ")")
_VERB_END = re.compile(r"\s*(?:[。；;，,！？\n]|$)")
_DOCWORD = alternation(vocabulary.SELF_REFERENCE_WORDS)
_SEP_RE = re.compile(r"[\s、和及与或以]*")
_COMMA_JOIN = re.compile(r"[\s、和及与或以]*[，,；;][\s、和及与或以]*")
_CLAUSE_BOUNDARY = "，,；;：:"
_CN = "一二三四五六七八九十百零〇两\\d"
_WHEN = r"(?:自|从|于)(?P<when>[^，,。；《》]{1,40}?)(?:起|开始)"
# time phrase before the targets: 自2020年1月1日起 / 自本通知印发之日起
_FROM_RE = re.compile(_WHEN)
# what may stand between the last target and its verb
_FILLER = rf"[\s，,]*(?:等[{_CN}]*(?:件|个|份|部)?(?:规范性文件|政策文件|文件|规章|规定)?[\s，,]*)?(?:{_WHEN}[\s，,]*)?(?:均|也|亦|一律|一并)?\s*"
_FILLER_RE = re.compile(_FILLER + "$")
# a provision of a title rather than the whole document: 中关于…的规定, 第五条, 的有关规定
_PROV = (rf"(?:中|的)?(?P<prov>第[{_CN}]+[章节条款项](?:第[{_CN}]+[款项])*(?:的规定)?|(?:关于|有关|涉及|所列)[^。；，,]*?"
         r"(?:规定|条|款|项|内容|条款|部分|章|节|政策|措施|要求|标准|限制|办法))")
_PROV_BACK_RE = re.compile(r"\s*" + _PROV + _FILLER + "$")
_PROV_FWD_RE = re.compile(r"\s*" + _PROV.replace("]*?", "]*"))
_BLANKET_RE = re.compile(
    r"(?:与|同)本" + _DOCWORD + r"(?:规定)?[^。；！？]{0,12}?(?:不一致|不符|相抵触|抵触|相冲突|冲突)的?[^。；！？，,]{0,6}?[，,]?\s*"
    r"(?P<verb>(?:一律|均)?(?:以本" + _DOCWORD + r"(?:规定)?为准|按(?:照)?本" + _DOCWORD + r"(?:规定)?执行|"
    + alternation(REPEAL_VERBS) + r"))"
)
_BLANKET_LEAD = re.compile(r"凡|此前|以前|之前|以往|过去|原有|现行")
# every match of _LIST_LEAD, _BLANKET_RE and _VERB_RE holds a verb or 与本/同本: other sentences say nothing here
# (the lookahead on the words' first characters lets the scan skip most positions at once)
_HINT_WORDS = ("与本", "同本", *SUSPEND_VERBS, *REPEAL_VERBS)
_HINT_RE = re.compile("(?=[" + re.escape("".join(sorted({w[0] for w in _HINT_WORDS}))) + "])" + alternation(_HINT_WORDS))


# ---------------------------------------------------------------------------------------------
# small pure helpers


def _in_any(pos: int, refs: list[TitleRef]) -> bool:
    return any(r.open <= pos < r.close for r in refs)


def _last_boundary(text: str, s: int, e: int) -> int:
    """Offset just after the last clause boundary in ``text[s:e]`` (``s`` when none)."""
    for k in range(e - 1, s - 1, -1):
        if text[k] in _CLAUSE_BOUNDARY:
            return k + 1
    return s


def resolve_when(when: str, doc_date: str | None, effective_date: str | None) -> str | None:
    """Date of a ``自…起`` phrase: an explicit date, 印发/发布/公布之日 (doc_date), 施行/实施之日 (effective)."""
    d = parse_date(when)
    if d:
        return d
    if re.search(alternation(vocabulary.ISSUE_DAY_VERBS) + "之日", when):
        return doc_date
    if re.search(r"(?:施行|实施|执行|生效)之日", when):
        return effective_date
    return None


# ---------------------------------------------------------------------------------------------
# the finder


class FoundRepeals(NamedTuple):
    """The repealed documents and the suspended provisions of one region, in text order."""

    repeals: list[Repeal]
    suspensions: list[Suspension]


def find_repeals(text: str, start: int, end: int, *, doc_date: str | None) -> FoundRepeals:
    """Repealed documents and suspended provisions stated in ``text[start:end]`` (see module doc)."""

    sentences = list(iter_sentences(text, start, end))
    starts = effective_start_dates(text, start, end, doc_date=doc_date, sentences=sentences)
    own_effective = starts[0][1] if starts else None
    repeals: list[Repeal] = []
    suspensions: list[Suspension] = []
    listing: tuple[str, str | None] | None = None  # (verb, effective date) of a list being read
    for s, e in sentences:
        if listing is not None:
            items = _list_item(text, s, e, listing)
            if items is not None:
                repeals.extend(items)
                continue
            listing = None
        if _HINT_RE.search(text, s, e) is None:
            continue
        refs = title_refs(text, s, e)
        lead = _list_lead(text, s, e, refs)
        if lead is not None:
            when = _when_before(text, s, lead.start()) or next((m["when"] for m in _FROM_RE.finditer(text, s, lead.start())), None)
            listing = (lead["verb"], resolve_when(when, doc_date, own_effective) if when else None)
            continue
        prior = [d for pos, d in starts if pos < e]
        same_time = prior[-1] if prior else own_effective
        blanket = _blankets(text, s, e, refs, same_time)
        repeals.extend(blanket)
        for vm in _VERB_RE.finditer(text, s, e):
            v0 = vm.start("verb")
            if _in_any(v0, refs) or any(b.span.start <= v0 < b.span.end for b in blanket):
                continue
            fwd = [r for r in refs if r.open >= vm.end()]
            if fwd and not text[vm.end() : fwd[0].open].strip(" ：:"):
                _forward(text, vm, fwd, e, doc_date, own_effective, repeals, suspensions)
                continue
            back = [r for r in refs if r.end <= v0]
            if back:
                _backward(text, vm, back, s, doc_date, own_effective, same_time, repeals, suspensions)
    repeals.sort(key=lambda r: (r.span.start, r.span.end))
    suspensions.sort(key=lambda x: (x.span.start, x.span.end))
    return FoundRepeals(repeals, suspensions)


_LIST_LEAD = re.compile(r"(?P<verb>" + alternation(REPEAL_VERBS) + r")(?:[^。；《》]{0,40}?)[：:]\s*$")
_LIST_ITEM = re.compile(rf"\s*(?:[（(][{_CN}]+[)）]|[{_CN}]+\s*[、.．]|[①-⑳])\s*(?P<body>.+?)\s*[。；;，,]?\s*$")
_TITLE_ENDS = re.compile(r"(?:" + alternation(vocabulary.TITLE_KIND_WORDS) + r")(?:\s*[（(][^（）()]*[）)])?$")
_TRAILING_PAREN = re.compile(r"\s*[（(][^（）()]*[）)]\s*$")
_PUBLISHED = re.compile(r"\s*" + alternation(vocabulary.ISSUE_DAY_VERBS))  # 令第55号公布
_AMENDED = re.compile(r"\s*(?:第[一二三四五六七八九十]+次)?(?:修正|修订|修改)")


#: a heading that announces the list below it: 一、废止4件省政府规章 / 废止9部省政府规章 (no colon, no title)
_LIST_HEAD = re.compile(rf"\s*(?:[{_CN}]+\s*[、.．]|[（(][{_CN}]+[)）])?\s*(?:决定|予以)?(?P<verb>{alternation(REPEAL_VERBS)})"
                        rf"[{_CN}]*(?:件|部|个|份|项)[^。；，,《》：:\n]{{0,20}}?(?:规章|规范性文件|文件|政策文件|法规)\s*$")


def _list_lead(text: str, s: int, e: int, refs: list[TitleRef]) -> re.Match[str] | None:
    """``国务院决定废止下列行政法规：`` / ``下列…予以废止：``: a sentence that announces a list of repealed documents;
    or a heading that does (``一、废止4件省政府规章``)."""
    if not refs and (h := _LIST_HEAD.fullmatch(text, s, e)) is not None:
        return h
    m = _LIST_LEAD.search(text, s, e)
    if m is None or _in_any(m.start("verb"), refs) or any(r.open > m.start() for r in refs):
        return None
    return m


def _history_number(text: str, p0: int, p1: int) -> tuple[bool, DocNumber | None]:
    """The number a listed document was made under, from the history in ``text[p0:p1]``
    (``（1989年省政府令第4号，1998年省政府令第11号修正）``): the one published (公布/发布/印发), else the
    first that amended nothing (修正/修订/修改), else ``None`` (only amendments are numbered). The flag
    says whether the history holds a number at all."""
    found = [d for d in find_doc_numbers(text[p0:p1], p0) if d.span is not None]
    if not found:
        return False, None
    ends = [d.span.end for d in found if d.span is not None]
    published = next((d for d, e in zip(found, ends, strict=True) if _PUBLISHED.match(text, e, p1)), None)
    return True, published or next((d for d, e in zip(found, ends, strict=True) if not _AMENDED.match(text, e, p1)), None)


def _list_item(text: str, s: int, e: int, listing: tuple[str, str | None]) -> list[Repeal] | None:
    """The repeals of one numbered item of an announced list (``一、《X》（1985年…国务院发布）``,
    ``1．中华人民共和国惩治军人违反职责罪暂行条例``); ``None`` when the sentence is no such item."""
    m = _LIST_ITEM.match(text, s, e)
    if m is None:
        return None
    verb, eff = listing
    b0, b1 = m.start("body"), m.end("body")
    refs = title_refs(text, b0, b1)
    if refs:
        out = []
        for ref in refs:
            ref_info = ref.paren or PrefixInfo(start=ref.open, end=ref.open)
            number = _number(ref, None)
            if text[ref.close : ref.close + 1] in "（(":
                numbered, history = _history_number(text, ref.close, b1)
                if numbered:
                    number = history  # 《X》（1989年省政府令第4号，1998年省政府令第11号修正）: the order it was made by
            out.append(Repeal(title=ref.title, doc_number=number, date=ref_info.date, issuers=list(ref_info.issuers),
                              verb=verb, effective_date=eff, span=Span(start=b0, end=ref.end)))
        return out
    body = text[b0:b1]
    title = _TRAILING_PAREN.sub("", body)
    if not _TITLE_ENDS.search(title) or re.search(r"[，,。；;：:]", title):
        return None
    paren = _TRAILING_PAREN.search(body)
    info = parse_prefix(text, b0 + paren.start() + 1, b1 - 1) if paren else None
    got = info if info is not None and info.consumed else None
    number = got.doc_number if got else None
    if number is None and paren is not None:  # （1997年…令第55号公布，2004年…令第134号修正）: the number it was published under
        number = _history_number(text, b0 + paren.start(), b1)[1]
    return [Repeal(title=title.strip(), doc_number=number, date=got.date if got else None,
                   issuers=list(got.issuers) if got else [], verb=verb, effective_date=eff, span=Span(start=b0, end=b1))]


def _blankets(text: str, s: int, e: int, refs: list[TitleRef], same_time: str | None) -> list[Repeal]:
    out: list[Repeal] = []
    for m in _BLANKET_RE.finditer(text, s, e):
        if _in_any(m.start("verb"), refs):
            continue
        cs = _last_boundary(text, s, m.start())
        lead = None
        for lead in _BLANKET_LEAD.finditer(text, s, m.start()):  # noqa: B007 - keeps the last match
            pass
        if lead is not None and (cs == s or lead.start() >= _last_boundary(text, s, cs - 1)):
            cs = min(cs, lead.start())
        while cs < m.start() and text[cs] in " \u3000\t":
            cs += 1
        verb = m["verb"]
        out.append(Repeal(verb=verb, blanket=True, span=Span(start=cs, end=m.end()),
                          effective_date=same_time if "同时" in verb else None))
    return out


def _when_before(text: str, s: int, e: int) -> str | None:
    """The ``自…起`` phrase that ends right before ``e`` (only commas, spaces or 决定/宣布 between)."""
    fm = None
    for fm in _FROM_RE.finditer(text, s, e):  # noqa: B007 - keeps the last match
        pass
    if fm and re.fullmatch(r"[\s，,]*(?:现决定|决定|宣布|一律|同时)?[\s，,]*", text[fm.end() : e]):
        return fm["when"]
    return None


def _number(ref: TitleRef, prefix: PrefixInfo | None) -> DocNumber | None:
    if ref.paren and ref.paren.doc_number:
        return ref.paren.doc_number
    return prefix.doc_number if prefix else None


def _repeal(info: PrefixInfo, ref: TitleRef, verb: str, eff: str | None) -> Repeal:
    paren = ref.paren
    date = info.date or (paren.date if paren else None)
    issuers = info.issuers or (paren.issuers if paren else [])
    span_start = info.start if info.says_something else ref.open
    return Repeal(title=ref.title, doc_number=_number(ref, info), date=date, issuers=list(issuers), verb=verb,
                  blanket=False, effective_date=eff, span=Span(start=span_start, end=ref.end))


def _backward(text: str, vm: re.Match, back: list[TitleRef], s: int, doc_date: str | None,
              own_effective: str | None, same_time: str | None, repeals: list[Repeal],
              suspensions: list[Suspension]) -> None:
    """``《A》、《B》同时废止`` / ``《X》第五条同时废止``: objects before the verb."""
    verb = vm["verb"]
    v0 = vm.start()
    if not _VERB_END.match(text, vm.end()):
        return  # 《X》废止后…: a reference to a past repeal, not a clause that repeals
    last = back[-1]
    fill = _FILLER_RE.match(text, last.end, v0)
    if fill is None:
        pm = _PROV_BACK_RE.match(text, last.end, v0)
        if pm:
            suspensions.append(Suspension(title=last.title, doc_number=_number(last, None), provision=pm["prov"],
                                          verb=verb, span=Span(start=last.open, end=vm.end())))
        return
    targets = _targets_backward(text, back, s)
    if not targets:
        return
    if verb in SUSPEND_VERBS:
        for info, ref in targets:
            suspensions.append(Suspension(title=ref.title, doc_number=_number(ref, info), provision=None, verb=verb,
                                          span=Span(start=info.start if info.says_something else ref.open, end=vm.end())))
        return
    when = fill["when"] or _when_before(text, s, targets[0][0].start)
    if when is not None:
        eff = resolve_when(when, doc_date, own_effective)
    elif verb.startswith("同时"):
        eff = same_time
    else:
        eff = None
    for info, ref in targets:
        repeals.append(_repeal(info, ref, verb, eff))


def _targets_backward(text: str, back: list[TitleRef], s: int) -> list[tuple[PrefixInfo, TitleRef]]:
    """The run of references that ends right before the verb, each with a reference-like prefix.

    References joined by 、/和/及 form a group; groups are joined by ，/；. Walking back from the
    verb, a group counts only when its first reference starts a clause with a reference-like
    prefix (``根据《A》和《B》，《C》同时废止`` repeals C alone).
    """
    out: list[tuple[PrefixInfo, TitleRef]] = []
    group: list[tuple[PrefixInfo, TitleRef]] = []
    j = len(back) - 1
    while j >= 0:
        ref = back[j]
        lo = back[j - 1].end if j > 0 else s
        comma = _COMMA_JOIN.match(text, lo, ref.open) if j > 0 else None
        tight = _SEP_RE.match(text, lo, ref.open) if j > 0 else None
        if comma:
            join, body = "comma", comma.end()
        elif tight and (tight.end() > lo or lo == ref.open):
            join, body = "tight", tight.end()
        else:
            join, body = "none", lo
        info = parse_prefix(text, body, ref.open)
        if join != "none" and info.consumed:
            group.append((info, ref))
            if join == "comma":
                out.extend(group)
                group = []
            j -= 1
            continue
        # ``ref`` opens its group: only the text after the last clause boundary may be its prefix
        b = _last_boundary(text, lo, ref.open)
        if j == 0 or b > lo:
            sep = _SEP_RE.match(text, b, ref.open)  # a starred class: always matches
            info = parse_prefix(text, sep.end() if sep else b, ref.open)
            if info.consumed:
                out.extend(group)
                out.append((info, ref))
        break
    out.sort(key=lambda x: x[1].open)
    return out


def _forward(text: str, vm: re.Match, fwd: list[TitleRef], e: int, doc_date: str | None, own_effective: str | None,
             repeals: list[Repeal], suspensions: list[Suspension]) -> None:
    """``废止《A》（…）、《B》`` / ``不再执行《X》中关于…的规定``: objects after the verb."""
    verb = vm["verb"]
    run = [fwd[0]]
    for nxt in fwd[1:]:
        gap = text[run[-1].end : nxt.open]
        if gap and not re.fullmatch(r"[\s、，,和及与以]+", gap):
            break
        run.append(nxt)
    pm = _PROV_FWD_RE.match(text, run[-1].end, e)
    if pm or verb in SUSPEND_VERBS:
        prov = pm["prov"] if pm else None
        stop = pm.end() if pm else run[-1].end
        for ref in run:
            suspensions.append(Suspension(title=ref.title, doc_number=_number(ref, None), provision=prov,
                                          verb=verb, span=Span(start=vm.start("verb"), end=stop)))
        return
    when = _when_before(text, max(0, vm.start() - 60), vm.start())
    eff = resolve_when(when, doc_date, own_effective) if when else None
    for ref in run:
        repeals.append(_repeal(PrefixInfo(start=ref.open, end=ref.open), ref, verb, eff))
