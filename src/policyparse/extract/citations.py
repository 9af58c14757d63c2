"""Cited documents: every 《…》 with its 发文字号 where one follows, classified by how it is cited.

Roles: ``basis`` (根据/依据/按照/落实/贯彻/为了实施 before it), ``transmitted`` (the document a
notice 印发/转发/公布), ``repealed`` / ``suspended`` (inside a repeal or suspension sentence, whose
spans the caller passes), ``other``. A quoted short name introduced by ``以下简称`` is not a citation.

A document cited several times is one entry: same title, and no two different 发文字号. Its
``mentions`` hold every citation's span, ``span`` the first; its role is the strongest of the
mentions' (:data:`ROLE_STRENGTH`), its 发文字号 the first one written.
"""

from __future__ import annotations

import re

from ..model import CitedDocument, Span
from ..normalize import find_doc_numbers, squeeze

_QUOTE = re.compile(r"《(?P<t>[^《》]{2,120}(?:《[^《》]*》[^《》]*)*)》")
_BASIS = re.compile(r"(?:根据|依据|依照|按照|遵照|落实|贯彻|贯彻落实|执行|为了实施|为实施|对照|参照)[^。；，]{0,12}$")
_TRANSMIT = re.compile(r"^[^。]{0,30}?(?:印发|转发)给|^[^。]{0,12}?现予(?:印发|公布|发布)")
_TRANSMIT_BEFORE = re.compile(r"(?:现将|现公布|现予公布|修订后的|(?<![的])印发|转发|批转)\s*$")
_SHORT_NAME = re.compile(r"以下简称\s*《([^《》]{1,20})》")
_NUMBER_AFTER = re.compile(r"^\s*[（(]\s*([^（）()]{4,40})[）)]")
#: when mentions of one document are cited differently, the stronger role is the document's
ROLE_STRENGTH = {"repealed": 4, "suspended": 3, "transmitted": 2, "basis": 1, "other": 0}


def find_citations(
    ft: str, start: int, end: int, *, repeal_spans: list[Span] = (), suspension_spans: list[Span] = ()  # type: ignore[assignment]
) -> list[CitedDocument]:
    out: list[CitedDocument] = []
    short = {squeeze(x) for x in _SHORT_NAME.findall(ft, start, end)}
    for m in _QUOTE.finditer(ft, start, end):
        title = squeeze(m["t"])
        before = ft[max(start, m.start() - 20) : m.start()]
        if re.search(r"以下简称\s*$", before) or title in short:
            continue
        after = ft[m.end() : min(end, m.end() + 40)]
        number = None
        nm = _NUMBER_AFTER.match(after)
        stop = m.end()
        if nm:
            dns = find_doc_numbers(nm.group(1), m.end() + nm.start(1))
            if dns:
                number = dns[0]
                stop = m.end() + nm.end()
        span = Span(start=m.start(), end=stop)
        if any(s.start <= m.start() < s.end for s in repeal_spans):
            role = "repealed"
        elif any(s.start <= m.start() < s.end for s in suspension_spans):
            role = "suspended"
        elif _TRANSMIT_BEFORE.search(before) or _TRANSMIT.match(ft[stop : min(end, stop + 20)]):
            role = "transmitted"
        elif _BASIS.search(before):
            role = "basis"
        else:
            role = "other"
        out.append(CitedDocument(title=title, doc_number=number, role=role, span=span, mentions=[span]))
    return merge_mentions(out)


def merge_mentions(cited: list[CitedDocument]) -> list[CitedDocument]:
    """One entry per cited document, in order of first mention (see the module docstring)."""
    merged: list[CitedDocument] = []
    by_title: dict[str, list[CitedDocument]] = {}
    for c in cited:
        num = c.doc_number.normalized if c.doc_number else None
        same = next((e for e in by_title.get(c.title, [])
                     if num is None or e.doc_number is None or e.doc_number.normalized == num), None)
        if same is None:
            entry = c.model_copy(update={"mentions": list(c.mentions)})
            by_title.setdefault(c.title, []).append(entry)
            merged.append(entry)
            continue
        same.mentions.extend(c.mentions)
        if same.doc_number is None and c.doc_number is not None:
            same.doc_number = c.doc_number
        if ROLE_STRENGTH[c.role] > ROLE_STRENGTH[same.role]:
            same.role = c.role
    return merged
