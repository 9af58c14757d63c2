"""Chinese numerals and dates.

``cn_to_int`` reads 一 … 九十九万 and the digit-by-digit form used in years (二〇二一).
``parse_date`` reads ``2021年8月17日``, ``二〇二一年八月十七日``, ``2021-08-17`` and
``2021.8.17`` into ISO 8601, returning ``None`` for anything that is not a valid date.
"""

from __future__ import annotations

import datetime as _dt
import re

from ..caches import text_cache

_DIGITS = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "O": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "三": 3, "叁": 3,
           "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9}
_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
CN_NUM = "〇零○一二两三四五六七八九十百千万壹贰叁肆伍陆柒捌玖拾佰仟"


@text_cache(4096)  # pure; outlines read the same numerals (一 … 一百二十) in every document
def cn_to_int(s: str) -> int | None:
    """``二十三`` → 23, ``一百零五`` → 105, ``二〇二一`` → 2021, ``12`` → 12; ``None`` if not a numeral."""
    s = s.strip()
    if not s:
        return None
    if s.isdigit():
        return int(s)
    if all(ch in _DIGITS for ch in s):  # digit by digit: 二〇二一
        return int("".join(str(_DIGITS[ch]) for ch in s))
    total = 0
    section = 0
    number = 0
    seen = False
    for ch in s:
        if ch in _DIGITS:
            number = _DIGITS[ch]
            seen = True
        elif ch in _UNITS:
            unit = _UNITS[ch]
            section += (number if (number or seen) else 1) * unit
            number = 0
            seen = True
        elif ch in "万萬":
            total += (section + number) * 10000
            section = number = 0
            seen = True
        elif ch == "亿":
            total = (total + section + number) * 100000000
            section = number = 0
            seen = True
        else:
            return None
    return total + section + number if seen else None


_NUM = rf"[0-9{CN_NUM}]+"
DATE_RE = re.compile(
    rf"(?P<y>[0-9]{{4}}|[〇零○一二三四五六七八九]{{4}})\s*年\s*(?P<m>{_NUM})\s*月\s*(?P<d>{_NUM})\s*日"
)
_ISO_RE = re.compile(r"^(\d{4})[-./](\d{1,2})[-./](\d{1,2})$")


def is_date_line(text: str) -> bool:
    """A line that is a date and nothing more (2025年7月3日, 二〇二五年七月三日): a 成文日期 under its signature."""
    m = DATE_RE.match(text)  # the line must start with the date: a later match says no
    return m is not None and not text.replace(" ", "")[: m.start()].strip() and len(re.sub(r"\s", "", text[m.end():])) == 0 and m.start() == 0


def make_date(y: int | None, m: int | None, d: int | None) -> str | None:
    if y is None or m is None or d is None:
        return None
    try:
        return _dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def parse_date(s: str) -> str | None:
    """ISO 8601 date for the first date written in ``s``, or ``None``."""
    m = DATE_RE.search(s)
    if m:
        return make_date(cn_to_int(m["y"]), cn_to_int(m["m"]), cn_to_int(m["d"]))
    m = _ISO_RE.match(s.strip())
    if m:
        return make_date(int(m[1]), int(m[2]), int(m[3]))
    return None


_PAGE_DECORATION = re.compile(r"[\s\-—–－_~·•.|/\\()（）\[\]〔〕第页共之Pp]|page|of", re.IGNORECASE)
_ROMAN = re.compile(r"^[ivxlcdm]+$", re.IGNORECASE)


def is_page_number(text: str) -> bool:
    """A line that is only a page number with decoration: '— 3 —', '- 1 -', '第 3 页 共 12 页', '3/12', 'ii' (a PDF's
    page furniture, and a copy of one: the PDF reader, the reflow of pasted text and the table readers use it)."""
    if len(text) > 24:
        return False
    rest = _PAGE_DECORATION.sub("", text)
    return bool(rest) and (rest.isdigit() and len(rest) <= 8 or bool(_ROMAN.match(rest)) and len(rest) <= 6)
