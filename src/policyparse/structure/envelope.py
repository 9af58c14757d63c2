"""Lines -> the envelope of a 公文 (GB/T 9704-2012) and its parts.

The envelope is read in document order:

1. 版头 (header): 份号, 密级, 紧急程度, 发文机关标志 (``…文件``, ``…令``), 发文字号, 签发人;
2. 标题, joined when split over lines; 文种 from its last word;
3. publication lines of statutes (``2001年12月14日 中华人民共和国国务院令第337号公布``);
4. 主送机关: the first ``…：`` line (or line head) after the title;
5. 正文 up to the 附件说明 (``附件：1.…``) and the signature: organ line(s) followed by a date
   line (or ``总理 李克强`` and a date, for orders);
6. after the signature: a transmitted document (for ``…印发《X》的通知``), annexes
   (``附件1`` lines), 版记 (``抄送：``, ``… 2021年4月16日印发``) and 附注 (``（此件公开发布）``).

Everything is located by line index into the ``lines`` list; a :class:`Skeleton` records
where each part is so that later stages (outline, tasks, repeals, tables) know their region.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from ..model import DocNumber, HeaderEvent, Span
from ..normalize import bare_doc_number, find_doc_numbers, parse_date, squeeze, tidy
from ..normalize.numerals import is_date_line, is_page_number
from ..vocabulary import (
    MEETING_SUFFIX,
    PERSON_POSTS,
    TITLE_KIND_WORDS,
    TRANSMITTAL_VERBS,
    alternation,
    kind_of,
    organ_ending_alternation,
)
from .events import edition_date, read_events
from .furniture import BULLET, CHROME, is_chrome_line
from .furniture import SIGNING_ORGAN_END as _ORGAN_SUFFIX
from .lines import Line
from .outline import is_decimal_heading, match_heading

_TYPE_ALT = alternation(TITLE_KIND_WORDS)
_TITLE_TAIL = re.compile(rf"(?:{_TYPE_ALT})(?:\s*（(?:试行|暂行|修订|修正|草案|征求意见稿|[0-9—\-－~～至年]+|[一二三四五六七八九十]{{1,3}})）)*"
                         r"(?:\s*（[^（）〔]{1,16}〔[0-9]{4}〕[^（）]{0,8}号）)?$")
#: a title a page prints with its 发文字号 in brackets after it: …的通知（岳办发〔2017〕2号）
_TITLE_NUMBER = re.compile(r"\s*（(?P<n>[^（）〔]{1,16}〔[0-9]{4}〕[^（）]{0,8}号)）$")
_TYPE_AT_END = re.compile(rf"({_TYPE_ALT})(?:\s*（[^（）]*）)*\s*$")
_TRANSMIT = re.compile(alternation(TRANSMITTAL_VERBS))
_QUOTED = re.compile(r"《([^《》]+(?:《[^《》]*》[^《》]*)*)》")
_SIGNER = re.compile(rf"^{alternation(PERSON_POSTS)}\s*[\u4e00-\u9fff]{{2,4}}$")
_CLASSIFICATION = re.compile(r"^(绝密|机密|秘密)(?:\s*★\s*[0-9一二三四五六七八九十]+\s*年)?$")
_URGENCY = re.compile(r"^(特急|加急|特提|平急)$")
_SIGNER_LINE = re.compile(r"^签发人\s*：\s*(.+)$")
_MARK = re.compile(r"^(.{2,40}?)(文件|令)$")
#: a rule printed as a line of its own: the 版头's separator (______ / ————), the 版记's lines
RULE_LINE = re.compile(r"[-—_─━]{3,}")
_ORDER_NO = re.compile(r"^第\s*([0-9]{1,5})\s*号$")
_DATE_PREFIX = re.compile(r"[0-9]{4}\s*年\s*[0-9]{1,2}\s*月\s*[0-9]{1,2}\s*日")
_ATTACH_LIST = re.compile(r"^附\s*[件表]?\s*[：]\s*(?P<rest>.*)$")
_ATTACH_ITEM = re.compile(r"^(?P<n>[0-9]{1,2})\s*[.、．]\s*(?P<title>.+)$")
_ANNEX_LABEL = re.compile(
    r"^(?P<label>附\s*件\s*(?P<n>[0-9]{1,2}|[一二三四五六七八九十]{1,3})?)\s*(?:(?P<colon>[：])\s*(?P<title>.*)|(?<=[0-9一二三四五六七八九十])\s+(?P<spaced>\S.*))?$"
)
_ANNEX_LABEL_ALT = re.compile(r"^(?:(?P<label>附\s*(?:表|录)\s*(?P<n>[0-9]{1,2})?)\s*[：]?|(?P<bare>附)\s*[：])\s*(?P<title>.*)$")
#: the label of the 版记's 抄送 line (the table readers stop at it too)
CC_LABEL = r"^(?:抄\s*送|分\s*送)\s*[：]"
#: 主送：　各乡镇人民政府…: a 主送 line printed with its label
_TO_LABEL = re.compile(r"^\s*主\s*送(?:机关|单位)?\s*[：:]\s*")
_CC = re.compile(CC_LABEL + r"\s*(?P<rest>.+?)。?$")
#: the 版记's 印发 line (2026年3月11日印发, 二〇二六年三月十一日印发 too): the organ and the date may touch, and the organ
#: may stand on the line above
_PRINTED = re.compile(r"^(?P<organ>.*?)\s*(?P<date>(?:[0-9]{4}|[〇零○一二三四五六七八九]{4})\s*年\s*(?:[0-9]{1,2}|[一二三四五六七八九十]{1,2})\s*月"
                      r"\s*(?:[0-9]{1,2}|[一二三四五六七八九十]{1,3})\s*日)\s*印\s*发$")
_NOTE = re.compile(r"^（[^（）]{2,40}）$|^附注\s*[：]")
#: an organ and a date on one header line, blanks between (a 纪要's 版头: the office that prints it and the day)
_ORGAN_DATE = re.compile(rf"^(?P<organ>\S.*?\S)\s{{2,}}(?P<date>{_DATE_PREFIX.pattern})$")
_NOISE = re.compile(r"&[A-Za-z]{1,8}[;；]?")
_TRAILER_MISC = re.compile(r"^(?:公开方式|信息公开选项|公开属性)\s*[：]")
# the metadata block of a portal page copied as text: 发 文 字 号 ：津工信电力〔2021〕3号
_META_LABELS = (r"(?:信\s*息\s*名\s*称|名\s*称|标\s*题|索\s*引\s*号|发\s*布\s*机\s*构|发\s*文\s*机\s*[关构]|文\s*件\s*编\s*号|发\s*文\s*文\s*号|公\s*开\s*类\s*别|发\s*文\s*字\s*号|文\s*号|"
                r"主\s*题(?:\s*分\s*类)?|成\s*文\s*日\s*期|发\s*文\s*日\s*期|发\s*布\s*日\s*期|有\s*效\s*性|体\s*裁\s*分\s*类|"
                r"公\s*开\s*(?:方\s*式|范\s*围|形\s*式|程\s*序|时\s*限|目\s*录|日\s*期|责\s*任\s*部\s*门)|是\s*否\s*有\s*效|"
                r"政\s*策\s*解\s*读)")
_META = re.compile(rf"^(?P<label>{_META_LABELS})(?:\s*[：]\s*|\s+(?=\S))(?P<value>.*)$")  # 文件编号 浦府〔2022〕1号: a space may stand for the colon
# the same block copied one cell per line without colons: a label alone on its line, its value on the next
_META_BARE = re.compile(rf"^(?P<label>{_META_LABELS})(?P<value>)$")

_RECIPIENT_PART = re.compile(r"^各|" + organ_ending_alternation("recipient") + r"(?:（[^（）]*）)?$")
_ORGAN_END = re.compile(organ_ending_alternation("listed") + r"(?:（[^（）]*）)?$")


class AnnexBounds(NamedTuple):
    """One annex of the file as the segmenter found it: its label (附件2), number (None when it has
    none), title (None when the label line and the next line give none) and ``[start, end)`` offsets."""

    label: str
    number: int | None
    title: str | None
    start: int
    end: int


@dataclass
class Skeleton:
    """Where the parts of one document stand (line indices are into the shared ``lines``)."""

    lo: int
    hi: int
    header: dict[str, tuple[str, Span]] = field(default_factory=dict)
    title: tuple[str, Span] | None = None
    doc_type: str | None = None
    doc_number: DocNumber | None = None
    recipients: list[tuple[str, Span]] = field(default_factory=list)
    recipients_span: Span | None = None
    body_start: int = 0  # character offset where the body text starts
    body_end: int = 0
    sign_organs: list[tuple[str, Span]] = field(default_factory=list)
    sign_date: tuple[str, Span] | None = None
    sign_span: Span | None = None
    publication_date: tuple[str, Span] | None = None
    publication_organ: tuple[str, Span] | None = None
    events: list[HeaderEvent] = field(default_factory=list)
    meta: dict[str, tuple[str, Span]] = field(default_factory=dict)
    attachments: list[tuple[int | None, str, Span]] = field(default_factory=list)
    annexes: list[AnnexBounds] = field(default_factory=list)
    cc: list[tuple[str, Span]] = field(default_factory=list)
    printed: tuple[str, str | None, Span] | None = None
    note: tuple[str, Span] | None = None
    transmits: str | None = None
    enclosed: list[Skeleton] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def doc_type_of(title: str) -> str | None:
    m = _TYPE_AT_END.search(title.replace(" ", ""))
    if not m:
        return None
    return kind_of(m.group(1))


def looks_like_organs(text: str) -> bool:
    text = _NOISE.sub(" ", text)
    parts = [p for p in re.split(r"\s+", text.strip()) if p]
    if not parts or len(text) > 80 or re.search(r"[。，；：！？《]", text):
        return False
    joined = "".join(parts)
    return bool(_ORGAN_SUFFIX.search(joined)) or bool(_SIGNER.match(text.strip()))


def split_organs(text: str, start: int) -> list[tuple[str, Span]]:
    """Split an organ line on runs of spaces (joint issuers), keeping each name's span."""
    out = []
    text = _NOISE.sub(lambda m: " " * len(m.group(0)), text)
    for m in re.finditer(r"\S+(?:\s(?=\S{1,2}(?:\s|$))\S+)*", text):
        name = squeeze(m.group(0))
        if name:
            out.append((name, Span(start=start + m.start(), end=start + m.end())))
    # a lone padded name (``陈 飞``) was split into characters: re-join short fragments
    if out and all(len(n) <= 2 for n, _ in out) and len(out) > 1:
        s = out[0][1].start
        e = out[-1][1].end
        return [(squeeze(text), Span(start=s, end=e))]
    return out


_SENTENCE_END = re.compile(r"[。；！？]$")


_FIELD_START = re.compile(r"^[|｜\s]*[\u4e00-\u9fff][\u4e00-\u9fff\s]{1,9}\s*[：|｜]")  # 发文文号：…, | 文 号: | …: a metadata field


def _is_title_candidate(text: str) -> bool:
    """Whether a line may be (part of) the title: short, no sentence, no field, not a table's row (大类 | 序号 | 工作任务 |
    …: cells between two or more bars inside the line)."""
    return (len(text) <= 160 and not _SENTENCE_END.search(text) and not text.endswith("：") and not _FIELD_START.match(text)
            and len(_INNER_BAR.findall(text)) < 2)


#: a bar between two cells of a row printed on one line
_INNER_BAR = re.compile(r"\S\s*[|｜]\s*(?=\S)")


_WHOLE_QUOTED = re.compile(r"^\s*《(?P<t>[^《》]*关于[^《》]*)》\s*$")


def _unquoted(text: str) -> str:
    """A 公文 title a page printed inside 《》 (《某市人民政府关于…的通知》), without them; other text as is."""
    m = _WHOLE_QUOTED.match(text)
    return m["t"] if m else text


#: a page's separator after a title line (…的通知 |), the line's only bar
_END_BAR = re.compile(r"^[^|｜]*?(?P<bar>\s+[|｜])$")


def _unbarred(lines: list[Line], k: int) -> str:
    """Line ``k`` without the separator a page printed after it, unless its neighbours end in a bar
    too (the cells of a table flattened one per line)."""
    text = lines[k].text
    m = _END_BAR.match(text)
    if m is None or any(0 <= j < len(lines) and lines[j].text.endswith(("|", "｜")) for j in (k - 1, k + 1)):
        return text
    return text[: m.start("bar")]


def find_title(lines: list[Line], i: int, hi: int) -> tuple[int, int] | None:
    """Lines ``[i, j)`` forming a title that starts at line ``i``; ``None`` when line ``i`` opens none."""
    if i >= hi or not _is_title_candidate(lines[i].text) or match_heading(lines[i]) or is_chrome_line(lines[i].text) \
            or is_decimal_heading(lines[i].text) or _NOTE.match(lines[i].text.strip()):
        return None  # 3.2 应急报告 is a section, not a document; （此件公开发布） is a note, never a title's first line
    joined = ""
    for j in range(i, min(hi, i + 4)):
        t = _unbarred(lines, j)
        if j > i and (not _is_title_candidate(t) or find_doc_numbers(t) or _ATTACH_LIST.match(t) or match_heading(lines[j])
                      or is_chrome_line(t) or is_date_line(t)):  # a date line closes a signature block, never a title
            break
        joined += t
        if len(joined) > 160:
            break
        if _TITLE_TAIL.search(_unquoted(joined).replace(" ", "")) and (j + 1 >= hi or not _continues_title(joined, lines[j + 1].text)):
            return i, _real_kind_end(lines, i, j + 1, min(hi, i + 4))
    return None


_OF_KIND = re.compile(rf"的[\u4e00-\u9fff]{{0,4}}?(?:{_TYPE_ALT})(?:\s*（[^（）]*）)*$")


def _real_kind_end(lines: list[Line], i: int, j: int, limit: int) -> int:
    """A ``关于…`` title ends at ``的<文种>``: when lines ``[i, j)`` end in a kind-like word without 的
    (``…记录制度`` in the middle of a three-line title), the title runs on to the first later line,
    within four lines, that closes it with ``的<文种>``. Returns the end index (``j`` when none does)."""

    joined = "".join(lines[k].text for k in range(i, j)).replace(" ", "")
    if "关于" not in joined or _OF_KIND.search(joined):
        return j
    for k in range(j, limit):
        t = lines[k].text
        if not _is_title_candidate(t) or find_doc_numbers(t) or match_heading(lines[k]) or CHROME.match(t) or "：" in t:
            return j
        joined += t.replace(" ", "")
        if _OF_KIND.search(joined):
            return k + 1
    return j


_LETTER_SPACED = re.compile(r"^\S(?:[ \t\u3000]+\S){3,}$")


def unspace_letters(text: str) -> str:
    """A line printed letter-spaced (``国 家 粮 食 应 急 预 案``: every character its own run, at least
    four) without its spaces; any other line unchanged (joint issuers ``A厅 B厅`` keep theirs). The
    evidence of a title keeps the line as printed."""
    bare = re.sub(r"[ \t\u3000]+", "", text)
    if _LETTER_SPACED.match(text) or bare != text and kind_of(bare) is not None:  # 批 复 / 通 知 on their own line
        return bare
    return text


def _continues_title(joined: str, nxt: str) -> bool:
    # 关于…的通知 never continues; "…条例" may continue as "…条例实施细则" on the next line,
    # and any title as "（试行）" on a line of its own
    if re.fullmatch(r"（\s*(?:试\s*行|暂\s*行|修\s*订|草\s*案|征求意见稿)\s*）", nxt):
        return True
    if re.fullmatch(r"（\s*[0-9]{4}\s*(?:年)?\s*(?:[—–\-－~～至]+\s*[0-9]{4}\s*)?年?\s*）", nxt):
        return True  # 某某三年行动方案 / （2025—2027年）: the plan's period printed on a line of its own
    # the continuation must itself end the title (法释〔2021〕11号 starts with 法 and ends nothing)
    return (bool(re.match(rf"^(?:实施|的|{_TYPE_ALT})", nxt)) and len(joined) + len(nxt) <= 160
            and not re.search(r"[。，；：]", nxt) and bool(_TITLE_TAIL.search(nxt.replace(" ", ""))))


def _date_of(text: str) -> str | None:
    return parse_date(text)


def _number_follows(lines: list[Line], i: int, hi: int) -> bool:
    """Whether a 发文字号 line stands at ``lines[i]``, after at most two more lines of organs' names (a joint 版头)."""
    for k in range(i, min(i + 3, hi)):
        t = lines[k].text
        dns = find_doc_numbers(t, lines[k].start)
        if dns and len(t) - len(dns[0].raw) <= 4:
            return True
        if not _header_organs(t):
            return False
    return False


def _header_organs(t: str) -> bool:
    """A line of a joint 版头: organs' names, or the last of them with its 文件 (中共景县县委办公室 / 景县人民政府办公室　文件)."""
    return looks_like_organs(t) or (m := _MARK.match(unspace_letters(t))) is not None and m.group(2) == "文件" \
        and looks_like_organs(m.group(1).strip())


def _named_again(lines: list[Line], i: int, hi: int) -> int:
    """Where a title that names the organ of ``lines[i]`` again starts, after at most two more lines of organs' names
    (a joint 版头); 0 when no line does."""
    name = squeeze(lines[i].text)
    for k in range(i + 1, min(i + 4, hi)):
        t = squeeze(lines[k].text)
        if t.startswith(name) and len(t) > len(name):
            return k
        if not _header_organs(lines[k].text):
            return 0
    return 0


def read_header(ft: str, lines: list[Line], lo: int, hi: int, sk: Skeleton) -> int:
    """Consume 版头 lines and the title; return the index of the first line after them."""
    i = lo
    mark_code: tuple[str, Span] | None = None
    while i < hi and i < lo + 12:
        ln = lines[i]
        t = ln.text
        if sk.title is None and is_chrome_line(t):
            i += 1  # 登录 | 注册 above the title: the page's furniture
            continue
        dns = find_doc_numbers(t, ln.start)
        if dns and len(t) - len(dns[0].raw) <= 4 and sk.doc_number is None:
            sk.doc_number = dns[0]
            i += 1
            continue
        if m := _CLASSIFICATION.match(t):
            sk.header["classification"] = (m.group(1), Span(start=ln.start, end=ln.end))
            i += 1
            continue
        if m := _URGENCY.match(t):
            sk.header["urgency"] = (m.group(1), Span(start=ln.start, end=ln.end))
            i += 1
            continue
        if m := _SIGNER_LINE.match(t):
            sk.header["signer"] = (squeeze(m.group(1)), Span(start=ln.start + m.start(1), end=ln.end))
            i += 1
            continue
        if re.fullmatch(r"[0-9]{6}", t):  # 份号
            i += 1
            continue
        if sk.title is None and (RULE_LINE.fullmatch(t) or is_page_number(t)):
            i += 1  # a scan's or a print's furniture over the 版头: a rule (______), the page (第1页 共6页)
            continue
        if (m := _MARK.match(unspace_letters(t))) and not _is_titleish(t) and i + 1 < hi:
            nxt = lines[i + 1]
            if m.group(2) == "令" and (om := _ORDER_NO.match(nxt.text)):
                code = squeeze(t)
                raw = ft[ln.start : nxt.end]
                sk.doc_number = DocNumber(raw=raw, normalized=f"{code}第{int(om.group(1))}号", issuer_code=code,
                                          year=None, serial=int(om.group(1)), span=Span(start=ln.start, end=nxt.end))
                sk.header["issuer_mark"] = (code, Span(start=ln.start, end=ln.end))
                sk.doc_type = "令"
                i += 2
                continue
            if m.group(2) == "文件":
                mark_code = (squeeze(m.group(1)), Span(start=ln.start, end=ln.end))
                sk.header["issuer_mark"] = mark_code
                i += 1
                continue
        organs = sk.title is None and looks_like_organs(t)
        named_at = _named_again(lines, i, hi) if organs else 0
        if organs and (sk.doc_number is None and _number_follows(lines, i + 1, hi) or named_at):
            # the 发文机关标志 printed as the organ's name alone (no 文件): over the number (孝感市人民政府办公室 /
            # 孝感政办发〔2025〕11号), or over a title that names it again (陆丰市人民政府 / 陆丰市人民政府关于印发…;
            # a joint 版头, 中共玉田县委办公室 / 玉田县人民政府办公室 / 中共玉田县委办公室 玉田县人民政府办公室关于…)
            sk.header.setdefault("issuer_mark", (squeeze(t), Span(start=ln.start, end=ln.end)))
            i = named_at or i + 1
            continue
        if sk.title is None:
            tt = find_title(lines, i, hi)
            if tt is not None:
                a, b = tt
                text = tidy(_unquoted("".join(unspace_letters(_unbarred(lines, k)) for k in range(a, b))))
                end = lines[b - 1].start + len(_unbarred(lines, b - 1))
                start = lines[a].start
                lead_dn = find_doc_numbers(lines[a].text, lines[a].start)
                if lead_dn and lines[a].text.startswith(lead_dn[0].raw) and text.startswith(squeeze(lead_dn[0].raw)):
                    # 梁政发【2023】7号关于印发…的通知: a page that runs the number into the title
                    sk.doc_number = sk.doc_number or lead_dn[0]
                    text, start = text[len(squeeze(lead_dn[0].raw)) :], lines[a].start + len(lead_dn[0].raw)
                if (nm := _TITLE_NUMBER.search(text)) is not None:
                    last = lines[b - 1]
                    dns = find_doc_numbers(last.text, last.start)
                    if dns and sk.doc_number is None:
                        sk.doc_number = dns[-1]
                    text, end = text[: nm.start()], last.start + max(0, last.text.rfind("（"))
                sk.title = (text, Span(start=start, end=end))
                sk.doc_type = doc_type_of(text) or sk.doc_type
                i = b
                continue
        break
    # after the title: a doc number line, publication lines (and page furniture to pass over)
    while i < hi:
        t = lines[i].text
        if is_chrome_line(t):
            i += 1
            continue
        if mm := _META.match(t.strip("（）")):
            i = _read_meta(lines, i, hi, mm, sk)
            continue
        if (mm := _META_BARE.match(t)) and i + 1 < hi and (
                _bare_meta_value(lines[i + 1].text) or _META_BARE.match(lines[i + 1].text) or _META.match(lines[i + 1].text)):
            i = _read_meta(lines, i, hi, mm, sk)
            continue
        dns = find_doc_numbers(t, lines[i].start)
        if dns and len(t) - len(dns[0].raw) <= 4 and sk.doc_number is not None and dns[0].normalized == sk.doc_number.normalized:
            sk.doc_number = dns[0]  # printed again under a metadata block: the document's own line is the evidence
            i += 1
            continue
        if sk.title is None and sk.meta and (tt := find_title(lines, i, hi)) is not None:
            text = tidy("".join(unspace_letters(lines[k].text) for k in range(*tt)))
            sk.title = (text, Span(start=lines[tt[0]].start, end=lines[tt[1] - 1].end))  # printed after the portal block
            sk.doc_type = doc_type_of(text) or sk.doc_type
            i = tt[1]
            continue
        if sk.title is not None and (tt := find_title(lines, i, hi)) is not None:
            again = tidy("".join(unspace_letters(lines[k].text) for k in range(*tt)))
            if again.replace(" ", "") == sk.title[0].replace(" ", ""):
                i = tt[1]  # the title printed again after a portal's metadata block
                continue
        dns = find_doc_numbers(t, lines[i].start)
        if dns and len(t) - len(dns[0].raw) <= 4 and sk.doc_number is None:
            sk.doc_number = dns[0]
            i += 1
            continue
        if sk.title is not None and not sk.events and sk.publication_date is None and is_date_line(t) and i + 1 < hi \
                and not looks_like_organs(lines[i - 1].text):
            d = _date_of(t)  # a bare date under the title (1985年12月30日): the date the text bears
            if d:
                sk.publication_date = (d, Span(start=lines[i].start, end=lines[i].end))
                i += 1
                continue
        if sk.title is not None and sk.doc_number is None and (bn := bare_doc_number(t.strip(), lines[i].start + len(t) - len(t.lstrip()))):
            sk.doc_number = bn  # 清徐县人民政府常务会议纪要 / 〔2025〕7号: a number printed without its organ's code
            i += 1
            continue
        if sk.title is not None and not sk.events and sk.publication_date is None and (od := _ORGAN_DATE.match(t)) is not None \
                and looks_like_organs(od["organ"]) and (d := _date_of(od["date"])):
            # 清徐县人民政府办公室　　2025年5月16日 under a 纪要's title and number: who printed it and when, above the body
            sk.publication_date = (d, Span(start=lines[i].start + od.start("date"), end=lines[i].start + od.end("date")))
            i += 1
            continue
        if (blk := read_events(ft, lines, i, hi)) is not None:
            evs, j = blk
            _take_events(sk, evs)
            i = j
            continue
        if _NOTE.match(t) and sk.title is not None:
            sk.note = (t, Span(start=lines[i].start, end=lines[i].end))
            i += 1
            continue
        break
    title_from_meta(sk)
    return i


_NUMBER_FIELD = re.compile(r"(?:发文文号|发文字号|文件编号|文\s*号)\s*[：|｜]\s*[|｜]?\s*")


def read_skipped_meta(lines: list[Line], lo: int, hi: int, sk: Skeleton) -> None:
    """The portal block in the lines skipped before a page copy's repeated title (``[lo, hi)``):
    its fields go to ``meta`` (what the header already read wins), its 发文字号 to the document
    when the header found none."""
    i = lo
    while i < hi:
        t = BULLET.sub("", lines[i].text)  # - 发文字号:阿行发〔2021〕42号: a block printed as a list
        mm = _META.match(t.strip("（）"))
        if mm is None and (mm := _META_BARE.match(t)) and not (i + 1 < hi and (
                _bare_meta_value(lines[i + 1].text) or _META_BARE.match(lines[i + 1].text) or _META.match(lines[i + 1].text))):
            mm = None
        if mm is None:
            i += 1
            continue
        found = Skeleton(lo=lo, hi=hi)
        i = _read_meta(lines, i, hi, mm, found)
        for label, value in found.meta.items():
            sk.meta.setdefault(label, value)
        if sk.doc_number is None and found.doc_number is not None:
            sk.doc_number = found.doc_number
    if sk.doc_number is None:  # 发文文号：嘉政办发〔2023〕7号 发布机关：… / | 文 号: | 玄政〔2023〕25号 |: a field among others
        for ln in lines[lo:hi]:
            fm = _NUMBER_FIELD.search(ln.text)
            dns = find_doc_numbers(ln.text[fm.end():], ln.start + fm.end()) if fm else []
            if dns:
                sk.doc_number = dns[0]
                break
    if sk.doc_number is None:  # 标题 / 兴政办发〔2017〕58号 / 标题 again: the number printed between the two
        for ln in lines[lo:hi]:
            dns = find_doc_numbers(ln.text.strip(), ln.start + len(ln.text) - len(ln.text.lstrip()))
            if dns and squeeze(dns[0].raw) == squeeze(ln.text):
                sk.doc_number = dns[0]
                break


def meta_lines(lines: list[Line], i: int, hi: int) -> int:
    """How many lines an entry of a copied metadata block takes at ``lines[i]``: 1 for ``label：value`` (or a row of
    them, ``发文字号⇥龙政办发〔2025〕21号⇥主题分类⇥工业、交通``), 2 for a label alone over its value, 0 for no entry."""
    t = BULLET.sub("", lines[i].text)
    if _META.match(t.strip("（）")):
        return 1
    if _META_BARE.match(t) and i + 1 < hi and _bare_meta_value(lines[i + 1].text):
        return 2
    return 1 if _META_BARE.match(t) else 0


def _bare_meta_value(text: str) -> bool:
    """The line after a colon-less label is its value, not another label or the text (one cell per line)."""
    return not _META.match(text) and not _META_BARE.match(text) and not text.endswith("：") and len(text) <= 160


def title_from_meta(sk: Skeleton) -> None:
    """A document printed without its title line takes the portal block's 标题/名称 when that names a 文种."""
    if sk.title is not None:
        return
    for label in ("标题", "名称"):
        if label in sk.meta:
            value, span = sk.meta[label]
            kind = doc_type_of(value)
            if value and kind:
                sk.title = (tidy(value), span)
                sk.doc_type = kind
                return


_MEETING = re.compile(MEETING_SUFFIX)


def _take_events(sk: Skeleton, evs: list[HeaderEvent]) -> None:
    """Record a header block: its events, the edition's date, the adopting organ, the order number."""
    sk.events += evs
    ev = edition_date(sk.events)
    if ev is not None and ev.date:
        dm = _DATE_PREFIX.match(ev.text)
        sk.publication_date = (ev.date, Span(start=ev.span.start, end=ev.span.start + dm.end() if dm else ev.span.end))
    for e in evs:
        if e.kind == "adopted" and sk.publication_organ is None and e.by:
            organ = re.sub(r"^经", "", _MEETING.sub("", e.by))
            organ = re.sub(r"第[一二三四五六七八九十百0-9]+届", "", organ)
            if organ:
                sk.publication_organ = (organ, e.span)
        if e.kind == "published" and sk.doc_number is None:
            dm = _DATE_PREFIX.match(e.text)  # the number after the date: 2004年9月22日广州市人民政府令第7号公布
            skip = dm.end() if dm else 0
            dns = find_doc_numbers(e.text[skip:], e.span.start + skip)
            if dns:
                sk.doc_number = dns[0]


def _fits(label: str, value: str) -> bool:
    """Whether the line after an empty ``label：`` is that label's value (an empty field is common)."""
    if "日期" in label:
        return parse_date(value) is not None or bool(re.fullmatch(r"[0-9]{4}[-./年][0-9]{1,2}[-./月][0-9]{1,2}日?", value))
    if label in ("发文字号", "文号"):
        return bool(find_doc_numbers(value))
    if label in ("发布机构", "发文机关"):
        return looks_like_organs(value)
    if label == "有效性":
        return len(value) <= 6
    if label == "索引号":
        return bool(re.fullmatch(r"[0-9A-Za-z/\-_.]{6,60}", value))
    return len(value) <= 120


def _read_meta(lines: list[Line], i: int, hi: int, m: re.Match[str], sk: Skeleton) -> int:
    """One ``label：value`` entry of a copied metadata block (value on the line or the next); returns the next index."""
    label = re.sub(r"\s+", "", m["label"])
    value, vline = m["value"].strip(), i
    nxt = i + 1
    if not value and i + 1 < hi and not _META.match(lines[i + 1].text) and not _META_BARE.match(lines[i + 1].text) \
            and _fits(label, lines[i + 1].text.strip()):
        value, vline, nxt = lines[i + 1].text.strip(), i + 1, i + 2
    ln = lines[vline]
    if "|" in value:  # 发文机关：吕梁市人民政府 | 关 键 字： |: a metadata table's row, the value ends at its cell
        value = next((c.strip() for c in value.split("|") if c.strip()), "")  # | 深鹏管规〔2019〕6号 | 发布机关 |
        at = ln.text.find(value) if value else -1
        span = Span(start=ln.start + at, end=ln.start + at + len(value)) if at >= 0 else Span(start=ln.start, end=ln.end)
    else:
        span = Span(start=ln.end - len(value), end=ln.end) if value else Span(start=ln.start, end=ln.end)
    sk.meta[label] = (value, span)
    if label in ("发文字号", "文号", "文件编号", "发文文号") and sk.doc_number is None:
        dns = find_doc_numbers(value, span.start)
        if dns:
            sk.doc_number = dns[0]
    return nxt


def _is_titleish(t: str) -> bool:
    return "关于" in t


def _listed_by_dun(head: str) -> bool:
    """A 主送 line whose only separator is 、 and whose pieces are mostly organs or companies
    (国网上海市电力公司、上海电力交易中心、宝钢股份…), not places (北京、天津…人民政府) nor a 各… collective."""
    pieces = [squeeze(x) for x in head.split("、") if x.strip()]
    if len(pieces) < 2 or pieces[0].startswith("各"):
        return False
    organ = sum(1 for x in pieces if len(x) >= 4 and (_ORGAN_END.search(x) or x.endswith(("公司", "股份", "集团"))))
    return organ * 2 >= len(pieces)


def _uncolonned_recipients(t: str) -> bool:
    """A 主送 line printed without its colon: groups of addressees split by ，, no sentence (that each group is a
    recipient, the caller checks as for any 主送 line)."""
    return len([p for p in re.split(r"[，；]", t.strip()) if p.strip()]) >= 2 and len(t) <= 160 and not re.search(
        r"[。！？《》：]", t)


_LABELLED = re.compile(r"^[^：，。；、\s]{2,20}：\S")


#: the last words of a 主送 line broken before them: 单位： / 各直属机构：
_RECIPIENTS_TAIL = re.compile(r"[^\s。，；、：:]{1,12}[：:]")


def read_recipients(ft: str, lines: list[Line], i: int, hi: int, sk: Skeleton) -> int:
    """主送机关: a line ending in ``：`` (or a line head up to ``：``) right after the title."""
    if i >= hi:
        return i
    ln = lines[i]
    t, start = ln.text, ln.start
    colon = t.find("：")
    if (label := _TO_LABEL.match(t)) is not None and label.end() < len(t.rstrip()):
        # 主送：　各乡镇人民政府，县政府各部门: the addressees after a label, up to a ： or the line's end
        t, start = t[label.end() :], start + label.end()
        colon = len(t.rstrip().removesuffix("："))
    lines_read = 1
    if colon <= 0 and i + 1 < hi and _RECIPIENTS_TAIL.fullmatch(lines[i + 1].text.strip()) and t.rstrip()[-1:] not in "。：:":
        # 各镇人民政府，各区管委会，县各委、办、局，县各直属 / 单位：: the 主送 line broken before its last words
        t, colon, lines_read = ft[ln.start : lines[i + 1].end], ft.find("：", lines[i + 1].start) - ln.start, 2
    elif colon <= 0 and _uncolonned_recipients(t):
        colon = len(t.rstrip())  # 区政府各委、办、局，各管理局（管委会），各直属企业: a page that dropped the colon
    if colon <= 0 or colon > 200:
        return i
    head = t[:colon]
    # ； may separate groups of recipients (各市、区人民政府，…管委会；市各委办局，各直属单位：); each
    # part must still read as a recipient below, which a sentence of the body does not
    if re.search(r"[。！？《》]", head) or head.startswith(("附件", "抄送", "签发人")):
        return i
    parts = [p for p in re.split(r"[，；]", head) if p.strip()]
    by_dun = len(parts) == 1 and _listed_by_dun(head)
    if not by_dun and not all(_RECIPIENT_PART.search(squeeze(p)) for p in parts):
        return i
    if re.match(r"^(?:第[一二三四五六七八九十百0-9]+[条章]|[一二三四五六七八九十]+、|（|\d+[、.．])", head):  # an item, not 主送
        return i
    if t[colon + 1 :].strip() and i + 1 < hi and _LABELLED.match(lines[i + 1].text):
        return i  # 交通部门：制定… / 安监部门：定期…: the first of lines that each label their organ, no 主送
    sk.recipients_span = Span(start=start, end=start + colon)
    pos = 0
    for part in re.split(r"([，；])", head):
        if part in ("，", "；"):
            pos += 1
            continue
        sub = part.split("、")
        # 、 separates recipients only when every piece is a complete organ name (河北省人民政府、国家发展改革委),
        # not in 各省、自治区、直辖市人民政府, or when 、 is the only separator and most pieces are organs
        pieces = sub if by_dun or (len(sub) > 1 and all(len(squeeze(x)) >= 4 and _ORGAN_END.search(squeeze(x)) and not squeeze(x).startswith("各") for x in sub)) else [part]
        p = pos
        for piece in pieces:
            name = squeeze(piece.replace("\n", ""))  # a name the line break cut (县各直属 / 单位) is one name
            if name:
                s = start + p + (len(piece) - len(piece.lstrip()))
                sk.recipients.append((name, Span(start=s, end=start + p + len(piece.rstrip()))))
            p += len(piece) + 1
        pos += len(part)
    if colon + 1 < len(t.rstrip()):
        sk.body_start = start + colon + 1
        return i + lines_read - 1  # the body starts inside this line
    sk.body_start = lines[i + lines_read].start if i + lines_read < hi else lines[i + lines_read - 1].end
    return i + lines_read
