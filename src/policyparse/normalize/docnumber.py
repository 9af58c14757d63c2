"""发文字号 (document numbers): find and parse them.

Accepted forms (after :func:`~policyparse.normalize.chars.fold`):

* ``湘办发〔2020〕7号`` with any bracket pair 〔〕 [] ［］ () （） 【】 ﹝﹞ around the year, and
  spaces anywhere inside;
* ``国务院令第707号``, ``国家市场监督管理总局令第52号``, ``国令第707号`` (令 numbers: no year);
* ``国办发〔2018〕117号`` inside parentheses after a 《title》.
"""

from __future__ import annotations

import re

from ..model import DocNumber, Span

_OPEN = "〔\\[［(（【﹝{"
_CLOSE = "〕\\]］)）】﹞}"
DOCNO_RE = re.compile(
    rf"(?P<code>[\u4e00-\u9fff][\u4e00-\u9fffA-Za-z]{{0,11}}?)\s*[{_OPEN}]\s*(?P<year>(?:19|20)\d\d)\s*[{_CLOSE}]\s*(?:第\s*)?(?P<serial>\d{{1,5}})\s*号"
)
ORDER_RE = re.compile(r"(?P<code>[\u4e00-\u9fff]{1,30}?(?:令|公告))\s*(?:〔\s*(?P<year>(?:19|20)\d\d)\s*〕)?\s*第\s*(?P<serial>\d{1,5})\s*号")

# Running text that precedes a number is not part of its code: cut after the last connecting
# word (印发的穗府办规〔2019〕13号 -> 穗府办规). 和 only counts for bracket-year codes, which are short;
# order codes keep it (中华人民共和国国务院令).
_CUT_BRACKET = re.compile(r"^.*(?:印发|发布|公布|颁布|下发|转发|根据|依据|按照|的|和|及|与|即|见|经|由|以|为|在|将|原)")
_CUT_ORDER = re.compile(r"^.*(?:印发|发布|公布|颁布|下发|转发|根据|依据|按照|的|及|与|即|见|经|由|以|为|在|将|原)")


def _clean_code(code: str, *, order: bool = False) -> str:
    code = re.sub(r"\s+", "", code)
    m = (_CUT_ORDER if order else _CUT_BRACKET).match(code)
    if m and m.end() < len(code):
        code = code[m.end():]
    return code


def make_doc_number(code: str, year: str | None, serial: str | None, raw: str, span: Span | None) -> DocNumber:
    code = _clean_code(code, order=year is None)
    y = int(year) if year else None
    s = int(serial) if serial else None
    normalized = f"{code}〔{y}〕{s}号" if y is not None else f"{code}第{s}号"
    return DocNumber(raw=raw, normalized=normalized, issuer_code=code, year=y, serial=s, span=span)


#: a number printed with no organ's code on a header line of its own (a 纪要's 〔2025〕7号 under its title)
_BARE = re.compile(r"^[〔\[【]\s*(?P<year>(?:19|20)[0-9]{2})\s*[〕\]】]\s*第?\s*(?P<serial>[0-9]{1,5})\s*号$")


def bare_doc_number(line: str, offset: int = 0) -> DocNumber | None:
    """The number of a line that is only ``〔2025〕7号`` (its organ's code not printed), spans shifted by ``offset``;
    ``None`` for any other line. Only a header line is asked: in running text a number always carries its code."""
    m = _BARE.match(line)
    if m is None:
        return None
    return make_doc_number("", m["year"], m["serial"], line, Span(start=offset, end=offset + len(line)))


def find_doc_numbers(text: str, offset: int = 0) -> list[DocNumber]:
    """Every document number in ``text`` (already folded), in order; spans shifted by ``offset``."""
    found: list[tuple[int, DocNumber]] = []
    taken: list[tuple[int, int]] = []
    for rx in (DOCNO_RE, ORDER_RE):
        for m in rx.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            code = _clean_code(m["code"], order=rx is ORDER_RE)
            c0 = m.start("code")
            if code and code[0] in "年月日" and code == m["code"] and c0 > 0 and text[c0 - 1].isdigit():
                code = code[1:]  # 1997年6月28日江西省人民政府令第55号: the date's 日 is no part of the code
            start = m.start("code") + m["code"].rfind(code) if code in m["code"] else m.start()
            raw = text[start : m.end()]
            gd = m.groupdict()
            dn = make_doc_number(code, gd.get("year"), gd.get("serial"), raw, Span(start=start + offset, end=m.end() + offset))
            found.append((start, dn))
            taken.append((m.start(), m.end()))
    found.sort(key=lambda x: x[0])
    return [d for _, d in found]


def parse_doc_number(s: str) -> DocNumber | None:
    """Parse a string that is (mostly) one document number; ``None`` if it holds none."""
    from .chars import fold

    found = find_doc_numbers(fold(s))
    return found[0] if found else None
