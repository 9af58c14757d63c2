"""Skeleton -> PolicyDocument envelope and outline (findings are added by ``extract``)."""

from __future__ import annotations

import re
from typing import NamedTuple

from ..model import (
    Annex,
    Attachment,
    Evidence,
    Organ,
    PolicyDocument,
    Signature,
    Span,
)
from ..normalize import squeeze
from ..vocabulary import MEETING, MEETING_NUMBER, TITLE_KIND_WORDS, TRANSMITTAL_VERBS, alternation, kind_of
from .envelope import Skeleton
from .lines import Line
from .outline import OutlineItem, build_outline

_ISSUER_SPLIT = re.compile(r"\s+")


#: where the issuers named at the start of a title end: 关于, a transmittal verb, or the meeting a 纪要 records
#: (清徐县人民政府常务会议纪要: issued by the organ whose meeting it is)
_ISSUER_END = re.compile(rf"关于|{alternation(TRANSMITTAL_VERBS)}|(?:{MEETING_NUMBER})?{MEETING}纪要$")


def title_issuers(title: str, span: Span, ft: str | None = None) -> list[Organ]:
    """Issuers named before 关于 / 印发 / 转发 in a title; joint issuers separated by spaces.

    Each issuer's span is its own place in the title when it can be found in ``ft`` (the folded
    text), else the title's span."""
    m = _ISSUER_END.search(title)
    if not m or m.start() == 0:
        return []
    head = title[: m.start()]
    if re.search(r"等\s*[0-9一二三四五六七八九十]*\s*(?:个)?(?:部门|单位)", head):
        return []
    out: list[Organ] = []
    pos = span.start
    for name in _ISSUER_SPLIT.split(head.strip()):
        if not name:
            continue
        own = span
        if ft is not None:
            k = ft.find(name, pos, span.end)
            if k >= 0:
                own = Span(start=k, end=k + len(name))
                pos = k + len(name)
        out.append(Organ(name=squeeze(name), span=own))
    return out


_KIND_ALT = alternation(TITLE_KIND_WORDS)
_SELF_REF = re.compile(rf"本({_KIND_ALT})|(?:现|特)(?:提出|制定)(?:如下|以下)({_KIND_ALT})")


def _implied_type(ft: str, sk: Skeleton, lines: list[Line]) -> str | None:
    """文种 of a document printed without its title: how it names itself (本办法…), or 通知 for a
    cover that transmits a document (现将《X》印发给你们)."""
    if sk.hi <= sk.lo:
        return None
    region = ft[lines[sk.lo].start : (lines[sk.enclosed[0].lo].start if sk.enclosed else lines[sk.hi - 1].end)]
    m = _SELF_REF.search(region)
    if m:
        return kind_of(m.group(1) or m.group(2))
    if sk.transmits and sk.enclosed:
        return "通知"
    return None


def _meta_issuers(sk: Skeleton) -> list[Organ]:
    """The portal block's 发文机关 / 发布机构 (``A、B`` or ``A B`` for joint issuers), when nothing
    printed in the document names the issuer."""
    for label in ("发文机关", "发布机构"):
        if label in sk.meta and sk.meta[label][0]:
            value, span = sk.meta[label]
            names = [squeeze(x) for x in re.split(r"[、，,\s]+", value) if squeeze(x)]
            return [Organ(name=n, span=span) for n in names]
    return []


def _region_end(sk: Skeleton, lines: list[Line]) -> int:
    return lines[sk.hi - 1].end if sk.hi > sk.lo else 0


class Structured(NamedTuple):
    """What the structure stage hands on: the document (envelope, outline, annexes, enclosed
    documents; no findings yet) and every outline node of it and its enclosed documents, in text order."""

    document: PolicyDocument
    outline_items: list[OutlineItem]


def skeleton_to_document(ft: str, lines: list[Line], sk: Skeleton, raw: str | None = None) -> Structured:
    """Envelope, outline and annex boundaries of one document (and, recursively, its enclosed ones).

    ``ft`` is the folded text the structure was read from; ``raw`` the reader's text, whose slices
    are the evidence (the two have the same length, so spans are shared).
    """
    raw = ft if raw is None else raw
    ev: dict[str, Evidence] = {}
    title = None
    issuers: list[Organ] = []
    if sk.title:
        title, tspan = sk.title
        ev["title"] = Evidence(span=tspan, text=raw[tspan.start : tspan.end])
        issuers = title_issuers(title, tspan, ft)
    sign_organs = [Organ(name=n, span=s) for n, s in sk.sign_organs]
    joined = "".join(o.name for o in sign_organs)
    if not issuers or (len(sign_organs) > len(issuers) and joined == "".join(o.name for o in issuers)):
        # joint issuers written without a space in the title: the signature names them one by one
        issuers = sign_organs
    if not issuers and sk.doc_number and re.search(r"(?:令|公告)$", sk.doc_number.issuer_code):
        # an order or announcement names its issuer: 中华人民共和国国务院令 -> 国务院
        code = re.sub(r"(?:令|公告)$", "", sk.doc_number.issuer_code)
        code = re.sub(r"^中华人民共和国(?=.)", "", re.sub(r"第[一二三四五六七八九十百0-9]+届", "", code))
        if code and sk.doc_number.span:
            issuers = [Organ(name=code, span=sk.doc_number.span)]
    if not issuers and sk.publication_organ:
        issuers = [Organ(name=sk.publication_organ[0], span=sk.publication_organ[1])]
    if not issuers:
        issuers = _meta_issuers(sk)
    if title is None and "issuer_mark" in sk.header and sk.doc_type == "令":
        title, tspan = sk.header["issuer_mark"]
        ev["title"] = Evidence(span=tspan, text=raw[tspan.start : tspan.end])
    doc_type = sk.doc_type or _implied_type(ft, sk, lines)
    date = None
    if sk.sign_date:
        date, dspan = sk.sign_date
        ev["date"] = Evidence(span=dspan, text=raw[dspan.start : dspan.end])
    elif sk.publication_date:
        date, dspan = sk.publication_date
        ev["date"] = Evidence(span=dspan, text=raw[dspan.start : dspan.end])
    if doc_type and sk.doc_type:
        span = sk.title[1] if sk.title else (sk.doc_number.span if sk.doc_number and sk.doc_number.span else None)
        if span:
            ev["doc_type"] = Evidence(span=span, text=raw[span.start : span.end])
    for key in ("signer", "classification", "urgency"):
        if key in sk.header:
            val, span = sk.header[key]
            ev[key] = Evidence(span=span, text=raw[span.start : span.end])
    signature = None
    if sk.sign_span:
        signature = Signature(issuers=sign_organs, date=sk.sign_date[0] if sk.sign_date else None, span=sk.sign_span)
    body_end = sk.body_end or (lines[sk.hi - 1].end if sk.hi > sk.lo else sk.body_start)
    # the outline covers the body; for a transmittal cover, the body is the cover text only
    outline, flat = build_outline(ft, lines, sk.body_start, body_end)
    enclosed: list[PolicyDocument] = []
    enclosed_flat: list[OutlineItem] = []
    for e in sk.enclosed:
        d, f = skeleton_to_document(ft, lines, e, raw)
        enclosed.append(d)
        enclosed_flat += f
    annexes = [
        Annex(index=n, label=label, title=atitle, span=Span(start=s, end=e))
        for label, n, atitle, s, e in sk.annexes
    ]
    # annexes belong to the document whose 附件说明 lists them
    if annexes and not sk.attachments:
        holder = next((d for d in enclosed if d.attachments), None)
        if holder is not None:
            holder.annexes.extend(annexes)
            annexes = []
    if sk.note:
        ev["note"] = Evidence(span=sk.note[1], text=raw[sk.note[1].start : sk.note[1].end])
    start = lines[sk.lo].start if sk.hi > sk.lo else 0
    doc = PolicyDocument(
        doc_type=doc_type,
        title=title,
        doc_number=sk.doc_number,
        issuers=issuers,
        recipients=[Organ(name=n, span=s) for n, s in sk.recipients],
        date=date,
        events=list(sk.events),
        signature=signature,
        signer=sk.header["signer"][0] if "signer" in sk.header else None,
        classification=sk.header["classification"][0] if "classification" in sk.header else None,
        urgency=sk.header["urgency"][0] if "urgency" in sk.header else None,
        attachments=[Attachment(index=i, title=t, span=s) for i, t, s in sk.attachments],
        cc=[Organ(name=n, span=s) for n, s in sk.cc],
        printed_by=sk.printed[0] if sk.printed else None,
        printed_date=sk.printed[1] if sk.printed else None,
        note=sk.note[0] if sk.note else None,
        outline=outline,
        enclosed=enclosed,
        annexes=annexes,
        span=Span(start=start, end=_region_end(sk, lines)),
        evidence=ev,
        warnings=list(sk.warnings),
    )
    return Structured(doc, flat + enclosed_flat)
