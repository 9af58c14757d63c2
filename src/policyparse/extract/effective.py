"""When a document takes effect and until when it is valid.

Contract of :func:`find_effective`:

* ``text`` is the folded reader text; only ``text[start:end]`` is read; spans are absolute.
* ``doc_date`` is the date that 印发之日/发布之日/公布之日 refer to: pass the 印发日期 of the 版记
  when the document has one (``广州市人民政府办公厅 2021年4月16日印发``), else its 成文日期.
* Recognised statements, all about *this* document (subject 本通知/本办法/本条例 …, or a
  cover sentence ``现公布…，自…起施行``):

  - ``自发布之日起施行`` / ``自印发之日起施行`` / ``自公布之日起施行`` → ``date = doc_date``;
  - ``自2022年3月1日起施行`` (also 实施, 执行, 生效, 试行) → that date;
  - ``有效期5年`` / ``有效期为两年`` / ``有效期6个月`` → ``expires`` = start + period − 1 day, where
    start is the 施行 date the text fixes; with no such date (``本通知有效期1年`` alone) ``expires``
    stays ``None`` and ``validity`` keeps the period as written;
  - ``有效期至2026年12月31日`` / ``至2026年12月31日止`` → ``expires``;
  - ``执行期限为2019年1月1日至2023年12月31日`` → ``date`` (when no 施行 date is stated) and ``expires``;
  - a header line ``2002年1月1日 施行`` (statute compilations), used when no article says it;
  - ``暂行`` / ``试行`` in ``title`` → ``provisional``.

* ``text`` and ``span`` of the result cover the statement as written, from its subject
  (or the sentence start) to the end of the last validity clause, without the final 。.
  When only the title says 暂行/试行, the span is the title's occurrence in the region.
* ``None`` when the region states none of these.
* A 施行 sentence and a validity sentence that directly follows it are one statement.
  Policy periods of *other* things (``从2019年1月1日起执行`` with subject 标准, ``服务协议有效期可为
  1年``) are not the document's validity.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

from ..model import EDITION_EVENT_KINDS, Effective, HeaderEvent, Span
from ..normalize import cn_to_int, parse_date
from ..normalize.numerals import DATE_RE
from ..vocabulary import (
    ISSUE_DAY_VERBS,
    SELF_REFERENCE_WORDS,
    TRANSMITTAL_VERBS,
    alternation,
)
from .clauses import iter_sentences, title_refs

__all__ = ["add_period", "edition_effective", "effective_start_dates", "find_effective"]

_DATE = DATE_RE.pattern.replace("?P<y>", "?:").replace("?P<m>", "?:").replace("?P<d>", "?:")
_DOCWORD = alternation(SELF_REFERENCE_WORDS)
_SUBJECT_RE = re.compile(r"本" + _DOCWORD)
_START_VERBS = "施行|实施|执行|生效|试行"
_START_RE = re.compile(
    rf"(?:自|从|于)\s*(?P<when>{_DATE}|(?:本{_DOCWORD})?(?:{alternation(ISSUE_DAY_VERBS)}|通过)之日)\s*(?:起|开始)\s*"
    rf"(?P<verb>{_START_VERBS})(?=\s*(?:[，,；;。]|$))"
)
#: every match of _START_RE holds one of its verbs: a sentence without one is not read further
_START_HINT = re.compile(_START_VERBS)
_HEADER_RE = re.compile(rf"^\s*(?P<when>{_DATE})\s*(?:起)?\s*(?P<verb>施行|实施|生效)\s*$")
_COVER_RE = re.compile(rf"现(?:予)?(?:{alternation(TRANSMITTAL_VERBS)}|将)|予以公布")
_CN = "一二三四五六七八九十两\\d"
_YEARS_RE = re.compile(rf"有效期(?:为|暂定为|暂定|是)?\s*(?P<n>[{_CN}]+)\s*(?P<unit>年|个月)")
_UNTIL_RE = re.compile(rf"(?:有效期(?:调整|延长)?(?:至|到)|(?<![自从])至)\s*(?P<when>{_DATE})\s*(?:止|为止)?")
_RANGE_RE = re.compile(
    rf"(?P<head>执行期限|有效期|实施期限|执行期|有效期限)(?:为|是|自)?\s*(?P<d1>{_DATE})\s*(?:起)?\s*(?:至|到|—|-|~)\s*(?P<d2>{_DATE})\s*(?:止|为止)?"
)
#: every match of _RANGE_RE, _YEARS_RE and _UNTIL_RE holds 期 (有效期, 执行期限 …) or 至
_VALIDITY_HINT = re.compile(r"[期至]")
_MARKER_RE = re.compile(r"\s*(?:第[一二三四五六七八九十百零〇\d]+条|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.、])\s*")


def add_period(start: str, n: int, unit: str) -> str | None:
    """``start`` + ``n`` years (``unit='年'``) or months (``'个月'``) − 1 day, ISO 8601."""
    try:
        d = _dt.date.fromisoformat(start)
    except ValueError:
        return None
    months = n * 12 if unit == "年" else n
    y, m = divmod(d.month - 1 + months, 12)
    y += d.year
    m += 1
    try:
        end = _dt.date(y, m, d.day)
    except ValueError:  # 29 Feb + 1 year, 31 Jan + 1 month: the period ends with that month
        end = _dt.date(y, m % 12 + 1, 1) if m < 12 else _dt.date(y + 1, 1, 1)
    return (end - _dt.timedelta(days=1)).isoformat()


@dataclass
class _Statement:
    s: int
    e: int
    date: str | None = None
    expires: str | None = None
    validity: str | None = None
    provisional: str | None = None
    rank: int = 0  # 0 施行 clause, 1 validity with subject, 2 header line, 3 执行期限 range
    basis: str | None = None


def _when_date(when: str, doc_date: str | None) -> str | None:
    return parse_date(when) or (doc_date if "之日" in when else None)


def _outside_titles(text: str, s: int, e: int):
    refs: list | None = None  # found on the first question only: most sentences never ask

    def outside(pos: int) -> bool:
        nonlocal refs
        if refs is None:
            refs = title_refs(text, s, e)
        return not any(r.open <= pos < r.close for r in refs)

    return outside


def _clause_start(text: str, s: int, pos: int) -> int:
    """Start of the clause that holds ``pos``: after the last ，/； of the sentence before it, else ``s``."""
    for k in range(pos - 1, s - 1, -1):
        if text[k] in "，,；;":
            return k + 1
    return s


def _start_clause(text: str, s: int, e: int, doc_date: str | None) -> _Statement | None:
    """The 施行 clause of sentence ``text[s:e]`` if it is about this document."""
    if _START_HINT.search(text, s, e) is None:
        return None
    outside = _outside_titles(text, s, e)
    for m in _START_RE.finditer(text, s, e):
        if not outside(m.start()):
            continue
        clause_start = _clause_start(text, s, m.start())
        head = text[clause_start : m.start()]
        subj = None
        for subj in _SUBJECT_RE.finditer(head):  # noqa: B007 - keeps the last match
            pass
        if subj is not None and head[subj.end() :].strip():
            continue  # 本通知规定的标准从…起执行: the subject is something else
        body_start = _MARKER_RE.match(text, s, e)
        sent_start = body_start.end() if body_start else s
        if subj:
            st = clause_start + subj.start()
        elif head.strip():
            continue  # another subject: 标准均从…起执行
        elif clause_start <= sent_start:
            st = sent_start  # a sentence of its own: 自2020年1月1日起施行
        elif _COVER_RE.search(text, s, clause_start) or _SUBJECT_RE.match(text, sent_start, clause_start):
            st = sent_start  # 现公布…，自…起施行 / 本办法经…同意，自…起施行
        else:
            continue
        out = _Statement(s=st, e=m.end(), date=_when_date(m["when"], doc_date),
                         basis="issue_day" if "之日" in m["when"] else "stated")
        if m["verb"] == "试行":
            out.provisional = "试行"
        return out
    return None


def _validity(text: str, s: int, e: int, st: _Statement, start_date: str | None) -> bool:
    """Attach the validity clauses of ``text[s:e]`` to ``st``; True when one was found."""
    found = False
    m = _RANGE_RE.search(text, s, e)
    if m:
        st.validity = m.group(0).strip()
        st.date = st.date or parse_date(m["d1"])
        st.expires = parse_date(m["d2"])
        st.e = max(st.e, m.end())
        return True
    m = _YEARS_RE.search(text, s, e)
    if m:
        n = cn_to_int(m["n"])
        st.validity = m.group(0)
        base = start_date or st.date
        st.expires = add_period(base, n, m["unit"]) if (base and n) else None
        st.e = max(st.e, m.end())
        found = True
    m = _UNTIL_RE.search(text, s, e)
    if m:
        st.expires = parse_date(m["when"]) or st.expires
        st.validity = st.validity or m.group(0).strip()
        st.e = max(st.e, m.end())
        found = True
    return found


def effective_start_dates(text: str, start: int, end: int, *, doc_date: str | None,
                          sentences: list[tuple[int, int]] | None = None) -> list[tuple[int, str | None]]:
    """``(offset, date)`` of every 施行 clause about this document in ``text[start:end]``, in order.
    ``sentences``: ``list(iter_sentences(text, start, end))`` when the caller has it already."""
    out: list[tuple[int, str | None]] = []
    for s, e in iter_sentences(text, start, end) if sentences is None else sentences:
        st = _start_clause(text, s, e, doc_date)
        if st is not None:
            out.append((st.s, st.date))
    return out


def find_effective(text: str, start: int, end: int, *, doc_date: str | None, title: str | None) -> Effective | None:
    """The document's 施行 date and validity stated in ``text[start:end]`` (see module doc)."""
    sentences = list(iter_sentences(text, start, end))
    best: _Statement | None = None
    for i, (s, e) in enumerate(sentences):
        st = _start_clause(text, s, e, doc_date)
        if st is not None:
            _validity(text, st.e, e, st, st.date)
            if st.expires is None and i + 1 < len(sentences):
                ns, ne = sentences[i + 1]
                if _subjectless_or_own(text, ns, ne) and text[st.e : ns].strip(" 。\u3000") == "":
                    _validity(text, ns, ne, st, st.date)
            best = _better(best, st)
            continue
        st = _validity_sentence(text, s, e, doc_date)
        if st is not None:
            best = _better(best, st)
    if best is None:
        best = _header_line(text, start, end, doc_date)
    provisional = _provisional(title)
    if best is None:
        return _title_only(text, start, end, title, provisional)
    raw = text[best.s : best.e].rstrip("。 ")
    return Effective(text=raw, date=best.date, basis=best.basis if best.date else None, expires=best.expires,
                     validity=best.validity, provisional=best.provisional or provisional,
                     span=Span(start=best.s, end=best.s + len(raw)))


def edition_effective(events: list[HeaderEvent], found: Effective | None) -> Effective | None:
    """This edition's effective date, from its header ``events`` and the clause ``found`` in its text.

    * a header 施行 line (``2021年1月1日 施行``; the last one printed) states it: basis ``header``;
    * else, when the latest edition event is an amendment or revision dated after the clause (or
      the text states no date), the clause belongs to an earlier edition: the date of the decision
      or order that made this edition, basis ``decision_date``;
    * else the clause as found (``stated`` / ``issue_day``), or ``None``.

    Validity (``expires``, ``validity``, ``provisional``) is kept from ``found``."""
    dated = [e for e in events if e.date]
    keep = {"expires": found.expires, "validity": found.validity, "provisional": found.provisional} if found else {}
    eff = [e for e in dated if e.kind == "effective"]
    if eff:
        ev = eff[-1]
        return Effective(text=ev.text, date=ev.date, basis="header", span=ev.span, **keep)
    made = [e for e in dated if e.kind in EDITION_EVENT_KINDS]
    if made:
        last = max(made, key=lambda e: e.date or "")
        # a clause dated before the amendment or revision that made this edition is an earlier edition's
        if last.kind in ("amended", "revised") and (found is None or found.date is None or found.date < (last.date or "")):
            return Effective(text=last.text, date=last.date, basis="decision_date", span=last.span, **keep)
    return found


def _better(cur: _Statement | None, new: _Statement) -> _Statement:
    if cur is None or new.rank < cur.rank:
        return new
    return cur


def _subjectless_or_own(text: str, s: int, e: int) -> bool:
    body = text[s:e].lstrip()
    return body.startswith("有效期") or bool(_SUBJECT_RE.match(body))


def _validity_sentence(text: str, s: int, e: int, doc_date: str | None) -> _Statement | None:
    """``本通知有效期1年`` / ``现将《X》重新发布，有效期调整至…`` / ``执行期限为D1至D2``."""
    if _VALIDITY_HINT.search(text, s, e) is None:
        return None
    outside = _outside_titles(text, s, e)
    m = _RANGE_RE.search(text, s, e)
    if m and outside(m.start()):
        marker = _MARKER_RE.match(text, s, e)
        st = _Statement(s=marker.end() if marker else s, e=m.end(), rank=3)
        _validity(text, m.start(), m.end(), st, None)
        return st
    for rx in (_YEARS_RE, _UNTIL_RE):
        m = rx.search(text, s, e)
        if not m or not outside(m.start()):
            continue
        clause_start = _clause_start(text, s, m.start())
        head = text[clause_start : m.start()]
        subj = _SUBJECT_RE.search(head)
        if subj and not head[subj.end():].strip():
            st_s = clause_start + subj.start()
        elif not head.strip() and clause_start > s and _COVER_RE.search(text, s, clause_start):
            st_s = clause_start + (len(head) - len(head.lstrip()))  # 现将《X》重新发布，有效期调整至…
        else:
            continue
        st = _Statement(s=st_s, e=m.start(), rank=1)
        _validity(text, m.start(), e, st, None)  # no stated start: a period gives no expiry
        return st
    return None


def _header_line(text: str, start: int, end: int, doc_date: str | None) -> _Statement | None:
    pos = start
    for line in text[start:end].split("\n"):
        m = _HEADER_RE.match(line)
        if m:
            s = pos + m.start("when")
            return _Statement(s=s, e=pos + m.end("verb"), date=parse_date(m["when"]), rank=2, basis="header")
        pos += len(line) + 1
    return None


def _provisional(title: str | None) -> str | None:
    if not title:
        return None
    for word in ("暂行", "试行"):
        if word in title:
            return word
    return None


def _title_only(text: str, start: int, end: int, title: str | None, provisional: str | None) -> Effective | None:
    if not (title and provisional):
        return None
    i = text.find(title, start, end)
    if i >= 0:
        return Effective(text=title, provisional=provisional, span=Span(start=i, end=i + len(title)))
    outside = _outside_titles(text, start, end)
    for m in re.finditer(provisional, text[start:end]):
        if outside(start + m.start()):
            a = start + m.start()
            return Effective(text=provisional, provisional=provisional, span=Span(start=a, end=a + len(provisional)))
    return None
