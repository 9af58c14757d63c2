"""Lines -> a tree of :class:`~policyparse.structure.envelope.Skeleton` (cover and enclosed documents).

``segment`` reads the header and title, the recipients, then looks for the signature that
closes the main text. A transmittal notice (``…印发《X》的通知``, ``国务院令`` covers, 转发
notices) continues after its signature with the transmitted document(s), which are read by
the same function. Annexes (``附件1`` …) after the last signature belong to the document whose
附件说明 lists them (else to the outermost); 版记 lines (抄送, 印发) close the file.
"""

from __future__ import annotations

import re

from ..caches import text_cache
from ..model import Span
from ..normalize import parse_date, squeeze
from ..normalize.numerals import is_page_number, make_date
from ..vocabulary import TRANSMITTAL_COVER_KINDS, TRANSMITTAL_VERBS, alternation
from .envelope import (
    _ANNEX_LABEL,
    _ANNEX_LABEL_ALT,
    _ATTACH_ITEM,
    _ATTACH_LIST,
    _CC,
    _NOTE,
    _PRINTED,
    _QUOTED,
    _SIGNER,
    _TRAILER_MISC,
    _TRANSMIT,
    RULE_LINE,
    AnnexBounds,
    Skeleton,
    doc_type_of,
    find_title,
    is_date_line,
    looks_like_organs,
    read_header,
    read_recipients,
    read_skipped_meta,
    split_organs,
)
from .furniture import is_chrome_line
from .lines import Line
from .outline import match_heading, toc_entry_at
from .page import DOWNLOADS, FILE_EXT, LINKED_TITLES, LINKS, after_the_document, document_start

MAX_ENCLOSED_DEPTH = 3
_ORGAN_DATE = re.compile(r"^(?P<organs>.+?)\s*(?P<date>[0-9〇零○一二三四五六七八九]{4}\s*年.{1,4}月.{1,4}日)$")

#: the transmitted document's name in a cover's title: 印发X的通知, 公布X的决定
_TRANSMITTED_IN_TITLE = re.compile(rf"{alternation(TRANSMITTAL_VERBS)}(.+?)的{alternation(TRANSMITTAL_COVER_KINDS)}$")


def _first_index(lines: list[Line], offset: int) -> int:
    for i, ln in enumerate(lines):
        if ln.end > offset:
            return i
    return len(lines)


_NUMERIC_DATE = re.compile(r"^(\d{4})(?:[-./](\d{1,2})[-./](\d{1,2})|(\d{2})(\d{2}))$")


def numeric_date(text: str) -> str | None:
    """A line that is a date in digits only (2017-11-16, 2017.11.16, 20171116), as ISO; None otherwise."""
    m = _NUMERIC_DATE.match(text.strip())
    if m is None or not 1949 <= int(m[1]) <= 2100:
        return None
    return make_date(int(m[1]), int(m[2] or m[4]), int(m[3] or m[5]))


def _signature_at(lines: list[Line], k: int, lo: int) -> tuple[int, int] | None:
    """If line ``k`` is the date of a signature block, return (first organ line, date line)."""
    t = lines[k].text
    numeric = numeric_date(t) is not None  # 2017-11-16 / 20171116 under the organ: a page copy's signature date
    if not t.endswith("日") and not numeric:
        return None  # a signature date line ends in 日 or is a date in digits (cheap test before the regexes)
    if numeric or is_date_line(t):
        j = k
        while j - 1 >= lo and k - (j - 1) <= 3 and looks_like_organs(lines[j - 1].text) and not match_heading(lines[j - 1]):
            j -= 1
        if j < k:
            return j, k
        # a bare 年月日 date right after a sentence-final line closes the text too (signature omitted); digits need the organ
        if not numeric and k - 1 >= lo and lines[k - 1].text.endswith(("。", "）")):
            return k, k
        return None
    m = _ORGAN_DATE.match(t)
    if m and looks_like_organs(m["organs"]) and parse_date(m["date"]):
        return k, k
    return None


def _find_signature(lines: list[Line], lo: int, hi: int) -> tuple[int, int] | None:
    for k in range(lo, hi):
        sig = _signature_at(lines, k, lo)
        if sig:
            return sig
    # fallback: the last line made only of a date closes the text; a short line without
    # punctuation right above it is the signing organ (as printed, even if unknown to us)
    for k in range(hi - 1, lo, -1):
        if is_date_line(lines[k].text):
            prev = lines[k - 1].text
            if k - 1 > lo and len(prev) <= 40 and not re.search(r"[。，；：！？、]", prev):
                return k - 1, k
            return k, k
    return None


def _read_signature(lines: list[Line], a: int, b: int, sk: Skeleton) -> None:
    organs: list[tuple[str, Span]] = []
    for k in range(a, b + 1):
        ln = lines[k]
        t = ln.text
        if k == b:
            m = _ORGAN_DATE.match(t)
            if m and not is_date_line(t):
                organs += split_organs(m["organs"], ln.start)
                d = parse_date(m["date"])
                sk.sign_date = (d, Span(start=ln.start + m.start("date"), end=ln.end)) if d else None
            else:
                d = parse_date(t) or numeric_date(t)
                sk.sign_date = (d, Span(start=ln.start, end=ln.end)) if d else None
        elif _SIGNER.match(t):
            sk.header.setdefault("signer", (squeeze(t), Span(start=ln.start, end=ln.end)))
        else:
            organs += split_organs(t, ln.start)
    sk.sign_organs = organs
    sk.sign_span = Span(start=lines[a].start, end=lines[b].end)


_CONTACT = re.compile(r"^(?:联\s*系\s*人|联系电话|电\s*话|传\s*真|邮\s*箱|联系方式)\s*[：]")


def _contact_lines(lines: list[Line], lo: int, hi: int) -> int:
    """Index of the first of the contact lines (联系人：… 电话：…) that end the text before the signature."""
    k = hi
    while k - 1 >= lo and _CONTACT.match(lines[k - 1].text):
        k -= 1
    return k


def _attachment_title(s: str) -> str:
    """An attachment's title without the file extension portals print after it (…协议.doc)."""
    return FILE_EXT.sub("", squeeze(s))


def _read_attachment_list(lines: list[Line], lo: int, hi: int, sk: Skeleton) -> int:
    """附件说明 within lines ``[lo, hi)``; returns the index of its first line (``hi`` when none)."""
    for k in range(hi - 1, lo - 1, -1):
        m = _ATTACH_LIST.match(lines[k].text)
        if not m or k > lo and DOWNLOADS.match(lines[k - 1].text.strip()):
            continue  # 附件下载： / 附件：1.….docx: the files a portal offers, not the document's attachment list
        items: list[tuple[int | None, str, Span]] = []
        rest = m["rest"].strip()
        ln = lines[k]
        if rest:
            im = _ATTACH_ITEM.match(rest)
            off = ln.start + m.start("rest") + (len(m["rest"]) - len(m["rest"].lstrip()))
            if im:
                items.append((int(im["n"]), _attachment_title(im["title"]), Span(start=off, end=ln.end)))
            else:  # a single unnumbered attachment is attachment 1
                items.append((1, _attachment_title(rest), Span(start=off, end=ln.end)))
        if not rest and k + 1 < hi and not _ATTACH_ITEM.match(lines[k + 1].text) and len(lines[k + 1].text) <= 80 \
                and not looks_like_organs(lines[k + 1].text) and not is_date_line(lines[k + 1].text):
            nxt = lines[k + 1]  # 附件： with the one attachment on the next line
            items.append((1, _attachment_title(nxt.text), Span(start=nxt.start, end=nxt.end)))
        for j in range(k + 1, hi):
            im = _ATTACH_ITEM.match(lines[j].text)
            if not im and items and _title_goes_on(items[-1][1], lines[j].text):
                n, title, span = items[-1]  # …三年行动计划 / （2025—2027年）, …重点任务 / 分工表: the title wrapped
                items[-1] = (n, _attachment_title(title + squeeze(lines[j].text)), Span(start=span.start, end=lines[j].end))
                continue
            if not im:
                break
            items.append((int(im["n"]), _attachment_title(im["title"]), Span(start=lines[j].start, end=lines[j].end)))
        sk.attachments = items
        return k
    return hi


def _title_goes_on(title: str, text: str) -> bool:
    """Whether the line ``text`` under an attachment list's item goes on with its ``title``: a short line that is no
    sentence, organ, date, label or page number, and either a bracketed period (（2025—2027年）) or the rest of a title that
    names no kind yet (…重点任务 / 分工表; not a note such as （此页无正文））."""
    t = text.strip()
    if not t or len(t) > 30 or re.search(r"[。，；：:,;]", t) or looks_like_organs(t) or is_date_line(t) or _annex_start(t) \
            or is_page_number(t):
        return False
    return bool(re.fullmatch(r"[（(][^（）()]*\d[^（）()]*[）)]", t)) or doc_type_of(title) is None and not _NOTE.match(t)


def _annex_starts(lines: list[Line], lo: int, hi: int) -> list[int]:
    """Lines that open an annex. ``附件：X`` (title on the label's line) opens one only when no bare
    label (``附件``/``附件1`` alone) follows it; otherwise it is an attachment list."""
    found = [k for k in range(lo, len(lines)) if _annex_start(lines[k].text) and not toc_entry_at(lines, k)]
    inline = {k: _annex_start(lines[k].text)[2] is not None and "：" in lines[k].text for k in found}  # type: ignore[index]
    out = []
    for idx, k in enumerate(found):
        if k >= hi:
            break
        word = squeeze(lines[k].text)[:2]  # 附件 / 附录 / 附表: a list is followed by bare labels of its own word
        if inline[k] and any(not inline[j] and squeeze(lines[j].text)[:2] == word for j in found[idx + 1 :]):
            continue
        out.append(k)
    return out


@text_cache(8192)  # asked of every line each time a document's annexes are looked for
def _annex_start(t: str) -> tuple[str, int | None, str | None] | None:
    m = _ANNEX_LABEL.match(t) or _ANNEX_LABEL_ALT.match(t)
    if not m or len(t) > 80:
        return None
    from ..normalize import cn_to_int

    n = cn_to_int(m["n"]) if m["n"] else None
    raw_title = m["title"] or m.groupdict().get("spaced")
    title = squeeze(raw_title) if raw_title else None
    label = m["label"] or m.groupdict().get("bare") or "附"
    if m.re is _ANNEX_LABEL and title and _ATTACH_ITEM.match(title):
        return None  # 附件：1.… is an attachment list, not an annex
    return squeeze(label), n, title


def bare_annex_label(line: str) -> str | None:
    """The label of a line that is an annex label alone (``附件``, ``附件2``), else None."""
    found = _annex_start(line.strip())
    return found[0] if found and found[2] is None else None


def _transmitted_names(sk: Skeleton, ft: str, lines: list[Line], lo: int, hi: int) -> list[str]:
    names: list[str] = []
    if sk.title:
        t = sk.title[0]
        names += [q for q in _QUOTED.findall(t)]
        m = _TRANSMITTED_IN_TITLE.search(t)
        if m and not names:
            names.append(m.group(1))
    # the cover text: 现将《X》印发给你们 / 现公布修订后的《X》
    body = ft[sk.body_start : lines[hi - 1].end if hi > lo else sk.body_start][:600]
    run: list[re.Match[str]] = []  # 《X》《Y》和《Z》已经…现印发给你们: a run of names shares its verb
    for m in [*re.finditer(r"《([^《》]+)》", body), None]:
        if m is not None and run and re.fullmatch(r"[和及与、，,\s]{0,2}", body[run[-1].end() : m.start()]):
            run.append(m)
            continue
        if run:
            after = body[run[-1].end() : run[-1].end() + 40]
            before = body[max(0, run[0].start() - 20) : run[0].start()]
            if re.search(_TRANSMIT, after) or re.search(_TRANSMIT, before):
                names += [x.group(1) for x in run]
        run = [m] if m is not None else []
    return [squeeze(n) for n in names]


def _is_transmittal(sk: Skeleton, names: list[str]) -> bool:
    if sk.doc_type == "令":
        return True
    return bool(sk.title and _TRANSMIT.search(sk.title[0])) or bool(names and sk.title is None)


def _name_key(text: str) -> str:
    """A transmitted name for comparison: no spaces, no title or quotation marks (〈政府工作报告〉 = 《政府工作报告》)."""
    return re.sub(r"[《》〈〉“”‘’\"'「」\s]", "", text)


def _name_keys(names: list[str]) -> set[str]:
    """The comparable keys of the names a cover gives what it transmits (short ones name nothing)."""
    return {k for k in map(_name_key, names) if len(k) >= 4}


def _labels_transmitted(lines: list[Line], k: int, hi: int, names: list[str]) -> bool:
    """Whether the annex opened at line ``k`` prints, on the label's line or right after it, the title of
    the document the cover transmits."""
    label = _annex_start(lines[k].text)
    if label is None or not names:
        return False
    if label[2] is not None:
        return _name_key(label[2]) in _name_keys(names)
    return k + 1 < hi and _named_title(lines, k + 1, hi, names) > 0


_NOTE_AFTER = re.compile(r"[（(][^（）()]*[）)]$")


def _named_title(lines: list[Line], i: int, hi: int, names: list[str]) -> int:
    """How many lines from ``i`` (1–3) print the title of a document the cover names
    (``现将《X》印发给你们``); 0 when they print none of its names."""
    keys = _name_keys(names)
    joined = ""
    for j in range(i, min(hi, i + 3)):
        joined += _name_key(lines[j].text)
        if joined in keys or _NOTE_AFTER.sub("", joined) in keys:  # …重点任务分工表（排第一位的为牵头单位）: a note after it
            return j - i + 1
        if not any(k.startswith(joined) for k in keys):
            return 0
    return 0


def segment(ft: str, lines: list[Line], lo: int = 0, hi: int | None = None, depth: int = 0,
            title_hint: list[str] | None = None) -> Skeleton:
    """Read the document whose lines are ``lines[lo:hi]``; ``title_hint`` are the names a cover gave the
    document (its first line is its title when it is one of them, whatever kind word it ends in)."""
    hi = len(lines) if hi is None else hi
    skipped = 0
    if depth == 0 and lo == 0:
        skipped = document_start(lines, hi)
        lo = skipped
    sk = Skeleton(lo=lo, hi=hi)
    if skipped:
        sk.warnings.append(f"{skipped} lines of web-page furniture before the title were not read as the document")
    if lo >= hi:
        return sk
    i = read_header(ft, lines, lo, hi, sk)
    if sk.title is None and title_hint and i < hi and (n := _named_title(lines, i, hi, title_hint)):
        text = "".join(squeeze(lines[k].text) for k in range(i, i + n))  # 2006年《政府工作报告》要求…工作事项
        sk.title = (text, Span(start=lines[i].start, end=lines[i + n - 1].end))
        sk.doc_type = doc_type_of(text) or sk.doc_type
        i += n
    if sk.title is not None and title_hint:
        _drop_note(ft, sk, title_hint)
    if skipped:
        read_skipped_meta(lines, 0, skipped, sk)
    sk.body_start = lines[i].start if i < hi else lines[hi - 1].end
    i = read_recipients(ft, lines, i, hi, sk)
    body_lo = i
    # 版记 and annexes: find where the trailing parts start
    tail = _read_trailer(lines, body_lo, hi, sk)
    sig = _find_signature(lines, body_lo, tail)
    names = _transmitted_names(sk, ft, lines, body_lo, tail)
    transmittal = _is_transmittal(sk, names)
    after_sig = tail
    if sig is not None:
        a, b = sig
        contact = _contact_lines(lines, body_lo, a)
        if contact < a and sk.note is None:
            span = Span(start=lines[contact].start, end=lines[a - 1].end)
            sk.note = ("；".join(squeeze(lines[k].text) for k in range(contact, a)), span)
        att_first = _read_attachment_list(lines, body_lo, contact, sk)
        sk.body_end = lines[att_first - 1].end if att_first > body_lo else sk.body_start
        _read_signature(lines, a, b, sk)
        after_sig = b + 1
        while after_sig < tail and is_date_line(lines[after_sig].text):
            after_sig += 1  # the date printed twice (a portal's copy)
        # 附注 right after the date
        if after_sig < tail and _NOTE.match(lines[after_sig].text):
            sk.note = (lines[after_sig].text, Span(start=lines[after_sig].start, end=lines[after_sig].end))
            after_sig += 1
        while after_sig < tail and is_chrome_line(lines[after_sig].text):
            after_sig += 1  # —2—: a page number copied from a PDF before the transmitted document
    else:
        first_annex = next((k for k in _annex_starts(lines, body_lo, tail) if k > body_lo), tail)
        att_first = _read_attachment_list(lines, body_lo, first_annex, sk)
        end_line = min(att_first, first_annex)
        sk.body_end = lines[end_line - 1].end if end_line > body_lo else sk.body_start
        after_sig = first_annex
    sk.transmits = names[0] if names else None
    # the transmitted document(s) and the annexes
    annex_starts = _annex_starts(lines, after_sig, tail)
    annex_lo = next(iter(annex_starts), tail)
    if transmittal and sig is not None and annex_lo < tail and _labels_transmitted(lines, annex_lo, tail, names) and not (
            find_title(lines, after_sig, annex_lo) or _named_title(lines, after_sig, annex_lo, names)):
        # 附件 / 银川市…若干措施 after the signature: the document the cover transmits, printed under an annex
        # label (the cover's 附件：line names it too) — it is enclosed, not an annex of the cover. Not where a
        # transmitted document stands before the label: the label then prints the second one (《方案》和《分解表》)
        after_sig = annex_lo + 1
        annex_lo = next((k for k in annex_starts if k > annex_lo), tail)
    # 附件1 / 《A》, 附件2 / 《B》: each later label that prints another document the cover transmits holds it too; a
    # titled table the cover transmits by name (《…重点任务清单》 beside its plan) is a document whose one part is that
    # table, under its label (its rows read as the annex's: 附件2/1 …)
    more: list[tuple[int, int]] = []
    listed: list[Skeleton] = []
    held: set[int] = set()  # where the annexes read as transmitted lists start
    first_hi = annex_lo
    while annex_lo < tail and transmittal and sig is not None and _labels_transmitted(lines, annex_lo, tail, names):
        nxt = next((k for k in annex_starts if k > annex_lo), tail)
        if _holds_table(lines, annex_lo, nxt):
            listed.append(_listed_document(ft, lines, annex_lo, nxt, names))
        else:
            more.append((annex_lo + 1, nxt))
        annex_lo = nxt
    if transmittal and sig is not None:  # 附件1 a duty list the cover does not name, 附件2 the 《…清单》 it transmits
        for k in annex_starts:
            nxt = next((j for j in annex_starts if j > k), tail)
            if k > annex_lo and _labels_transmitted(lines, k, tail, names) and _holds_table(lines, k, nxt):
                listed.append(_listed_document(ft, lines, k, nxt, names))
    if (
        transmittal
        and after_sig < first_hi
        and depth < MAX_ENCLOSED_DEPTH
        and sig is not None
        and (find_title(lines, after_sig, first_hi) or _named_title(lines, after_sig, first_hi, names))
    ):
        for a, b in _split_enclosed(lines, after_sig, first_hi) + more:
            sk.enclosed.append(segment(ft, lines, a, b, depth + 1, title_hint=names))
        sk.enclosed = sorted(sk.enclosed + listed, key=lambda e: e.lo)
        held = {lines[e.lo].start for e in listed}  # a transmitted list's annex is that document's part, not the cover's too
    elif after_sig < annex_lo and sig is not None and depth < MAX_ENCLOSED_DEPTH and _has_headings(lines, after_sig, annex_lo, "tiao"):
        # a cover printed before the articles it issues (印发…的通知, signature, then 第一条 …): the
        # articles are the issued document, even without a title line of their own
        sk.enclosed.append(segment(ft, lines, after_sig, annex_lo, depth + 1))
    elif (transmittal and after_sig < annex_lo and sig is not None and depth < MAX_ENCLOSED_DEPTH
          and _has_headings(lines, after_sig, annex_lo, "han-dun")):
        # the transmitted document printed after the signature with no title line of its own (a preamble, then
        # 一、… 二、…): enclosed, titled with the name the cover gives it (the span of that name in the cover)
        child = segment(ft, lines, after_sig, annex_lo, depth + 1)
        if child.title is None and names:
            at = ft.find(names[0], lines[lo].start, lines[after_sig].start)
            if at >= 0:
                child.title = (names[0], Span(start=at, end=at + len(names[0])))
                child.doc_type = doc_type_of(names[0]) or child.doc_type
            sk.warnings.append(f"the transmitted document has no title line of its own; it is titled with the name "
                               f"the cover gives it (lines {after_sig + 1}-{annex_lo})")
        sk.enclosed.append(child)
    elif after_sig < annex_lo and sig is not None and depth < MAX_ENCLOSED_DEPTH and find_title(lines, after_sig, annex_lo):
        # a titled document after the signature that the cover does not name as transmitted (关于分解落实《政府工作
        # 报告》…的通知, then 《政府工作报告》2022年重点工作及民生实事项目任务分解方案): read as enclosed, never dropped
        sk.enclosed.append(segment(ft, lines, after_sig, annex_lo, depth + 1))
        sk.warnings.append(f"a document after the signature that the cover does not name was read as enclosed "
                           f"(lines {after_sig + 1}-{annex_lo})")
    elif after_sig < annex_lo and sig is not None and (title_line := _table_title(lines, after_sig, annex_lo)) is not None:
        # a table printed after the signature under a title of its own and no 附件 label (苏州市2011年政府工作任务分解表,
        # then 序号 / 工作任务 / 主要责任单位 …): the notice's attachment in all but its label
        sk.annexes.append(AnnexBounds("附件", None, squeeze(lines[title_line].text), lines[title_line].start,
                                      lines[annex_lo - 1].end))
        sk.warnings.append(f"a table after the signature with no 附件 label was read as an annex (lines {title_line + 1}-{annex_lo})")
    elif after_sig < annex_lo and sig is not None:
        sk.warnings.append(f"text after the signature was not assigned to a part (lines {after_sig + 1}-{annex_lo})")
    _read_annexes(lines, annex_lo, tail, sk)
    sk.annexes = [a for a in sk.annexes if a.start not in held]
    return sk


_SEQ_HEADER = re.compile(r"^序\s*号")


def _holds_table(lines: list[Line], k: int, hi: int) -> bool:
    """Whether the annex at line ``k`` (up to ``hi``) opens on a table: a 序号 header within its first three lines."""
    return any(_SEQ_HEADER.match(squeeze(lines[j].text).lstrip("|｜ ")) for j in range(k + 1, min(k + 4, hi)))  # | 序号 | …


def _drop_note(ft: str, sk: Skeleton, names: list[str]) -> None:
    """A title that is a name the cover gave followed by a bracketed note (…分工表（排第一位的为牵头单位）) without the
    note, which is no part of the name (in place)."""
    assert sk.title is not None
    title, span = sk.title
    keys = _name_keys(names)
    if _name_key(title) not in keys and (note := _NOTE_AFTER.search(title)) and _name_key(title[: note.start()]) in keys:
        cut = ft.rfind(note.group(0)[0], span.start, span.end)
        sk.title = (title[: note.start()], Span(start=span.start, end=cut if cut > span.start else span.end))
        sk.doc_type = doc_type_of(sk.title[0]) or sk.doc_type


def _listed_document(ft: str, lines: list[Line], k: int, hi: int, names: list[str]) -> Skeleton:
    """The document a cover transmits as a titled table under the annex label at line ``k`` (附件2 / 重点任务清单 /
    序号|…), up to line ``hi``: no body of its own, the table its one annex, titled by the annex's title."""
    child = Skeleton(lo=k, hi=hi, body_start=lines[k].start, body_end=lines[k].start)
    _read_annexes(lines, k, hi, child)
    title = child.annexes[0].title if child.annexes else None
    if title:
        at = next((j for j in (k, k + 1) if j < hi and title in squeeze(lines[j].text)), k)
        child.title = (title, Span(start=lines[at].start, end=lines[at].end))
        child.doc_type = doc_type_of(title)
        _drop_note(ft, child, names)
    return child
_UNIT_HEADER = re.compile(r"(?:单位|部门)\s*$")


def _table_title(lines: list[Line], lo: int, hi: int) -> int | None:
    """The title line of a table printed right after it: a short line without end punctuation among the
    first two of ``[lo, hi)``, then within six lines a header opening with 序号 and a column of units
    (…单位 / …部门), on one line or one label a line. ``None`` when the lines hold no such table."""
    for t in range(lo, min(lo + 2, hi)):
        text = squeeze(lines[t].text)
        if not 4 <= len(text) <= 60 or text[-1] in "。；：:;，," or _SEQ_HEADER.match(text):
            continue
        for k in range(t + 1, min(t + 3, hi)):
            if _SEQ_HEADER.match(squeeze(lines[k].text)):
                return t if any(_UNIT_HEADER.search(squeeze(lines[j].text)) for j in range(k, min(k + 6, hi))) else None
    return None


def _has_headings(lines: list[Line], lo: int, hi: int, style: str) -> bool:
    """Whether lines ``[lo, hi)`` hold at least two headings of ``style``: numbered articles (``tiao``,
    第一条 …: a statute text) or level-1 parts (``han-dun``, 一、… 二、…: a plan's text)."""
    return sum(1 for k in range(lo, hi) if (h := match_heading(lines[k])) is not None and h.style == style) >= 2


def _split_enclosed(lines: list[Line], lo: int, hi: int) -> list[tuple[int, int]]:
    """Several transmitted documents follow each other: cut before each later title line."""
    starts = [lo]
    k = lo + 1
    while k < hi:
        prev = lines[k - 1].text
        tt = find_title(lines, k, hi) if prev.endswith(("。", "日")) else None
        if tt and not match_heading(lines[k]) and doc_type_of("".join(lines[x].text for x in range(*tt))):
            starts.append(k)
            k = tt[1]
            continue
        k += 1
    return [(a, b) for a, b in zip(starts, starts[1:] + [hi], strict=False)]


def _read_trailer(lines: list[Line], lo: int, hi: int, sk: Skeleton) -> int:
    """抄送 and 印发 lines at the end (版记); returns the first trailer line index (``hi`` when none)."""
    first = hi
    skip = -1
    end = hi
    while end > lo and after_the_document(lines[end - 1].text):
        end -= 1  # a page's download list, links and footer after the 版记
    links = next((k for k in range(end - 1, max(lo, end - LINKED_TITLES) - 1, -1) if LINKS.match(lines[k].text.strip())), None)
    if links is not None:  # 相关文章 / 峨眉山市人民政府办公室关于…的通知 …: the titles of other notices a page links to
        end = links
        while end > lo and after_the_document(lines[end - 1].text):
            end -= 1
    for k in range(end - 1, max(lo, end - 8) - 1, -1):
        if k == skip:
            continue  # the organ line of a 印发 line whose date stands alone
        t = lines[k].text
        if m := _CC.match(t):
            pos = lines[k].start + m.start("rest")
            for part in re.split(r"([，、；])", m["rest"]):
                if part not in ("，", "、", "；") and squeeze(part):
                    sk.cc.append((squeeze(part), Span(start=pos, end=pos + len(part))))
                pos += len(part)
            first = k
        elif m := _PRINTED.match(t):
            organ, top = squeeze(m["organ"]), k
            if not organ:  # 湖南省人民政府办公厅 / 2025年7月10日印发: the organ on the line above
                if k - 1 < lo or not looks_like_organs(lines[k - 1].text):
                    break
                organ, top = squeeze(lines[k - 1].text), k - 1
                skip = top
            sk.printed = (organ, parse_date(m["date"]), Span(start=lines[top].start, end=lines[k].end))
            first = top
        elif RULE_LINE.fullmatch(t) or _TRAILER_MISC.match(t) or re.fullmatch(r"[（(]?共印\s*[0-9一二三四五六七八九十百]+\s*份[）)]?", t):
            first = k
        elif first < hi:
            break
    return first


def _read_annexes(lines: list[Line], lo: int, hi: int, sk: Skeleton) -> None:
    starts = _annex_starts(lines, lo, hi)
    for idx, k in enumerate(starts):
        label, n, title = _annex_start(lines[k].text)  # type: ignore[misc]
        end_line = starts[idx + 1] if idx + 1 < len(starts) else hi
        if title is None and k + 1 < end_line and len(lines[k + 1].text) <= 80 and not lines[k + 1].text.endswith("|"):
            title = squeeze(lines[k + 1].text)
            nxt = squeeze(lines[k + 2].text) if k + 3 < end_line else ""
            head = lines[k + 3].text.strip(" |｜") if k + 3 < end_line else ""
            # the title's second line, over a table's header on one line: 射阳县…培育壮大 / 重点任务清单 / 序号 … 牵头单位;
            # not a note (（表中责任单位居首者为牵头单位）) nor a header's first label (类别); a note over the title is no title
            # (（本附件所列项目责任单位，排在第一位的为牵头单位） / 临海市…重点项目清单 / 序号|…)
            if 4 <= len(nxt) <= 40 and not re.search(r"[。，；：:|｜\t（(]", nxt) and not _SEQ_HEADER.match(nxt) \
                    and _SEQ_HEADER.match(head) and re.search(r"[|｜\t]|\S {2,}\S", head):
                title = nxt if title[:1] in "（(" and title[-1:] in "）)" else title + nxt
        start = lines[k].start
        end = lines[end_line - 1].end
        sk.annexes.append(AnnexBounds(label, n, title, start, end))
