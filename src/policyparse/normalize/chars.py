"""Length-preserving character folding.

policyparse parses a *folded* copy of the reader's text in which every character maps to
exactly one character: half-width CJK punctuation becomes full-width (``( ) , : ; ? !`` →
``（ ） ， ： ； ？ ！``), a ``.`` that ends a Chinese sentence becomes ``。``, full-width digits and Latin letters become ASCII, the
ideographic space U+3000 and NBSP become a plain space, and a Kangxi radical or compatibility ideograph (⼯ for 工, as a
PDF's text layer may print it) becomes the common ideograph. Because the map is one-to-one,
the offset map back to the source is the identity: a span into the folded text is a span
into the reader's text. Transforms that change length (removing the padding in ``陈 飞``)
are applied to extracted *values* only (:func:`squeeze`), never to the text that spans index.
"""

from __future__ import annotations

import re
import unicodedata

from ..caches import text_cache

_HALF_TO_FULL = {"(": "（", ")": "）", ",": "，", ":": "：", ";": "；", "?": "？", "!": "！"}
_FIXED = {"\u3000": " ", "\u00a0": " ", "\u2002": " ", "\u2003": " ", "\u2009": " ", "\t": " ", "．": ".", "﹒": ".",
          "\u200b": " ", "\ufeff": " ", "－": "-", "～": "~"}


#: Kangxi radicals, CJK radicals and compatibility ideographs, which a PDF's text layer prints in place of the common
#: ideographs (⼀ U+2F00 for 一, ⼯ for 工, 年 U+F98E for 年): each folds to the one character NFKC gives it
_IDEOGRAPH_LOOKALIKES = (range(0x2E80, 0x2EF4), range(0x2F00, 0x2FD6), range(0xF900, 0xFB00))


def _build_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for block in _IDEOGRAPH_LOOKALIKES:
        for i in block:
            common = unicodedata.normalize("NFKC", chr(i))
            if len(common) == 1 and common != chr(i):
                table[i] = common
    for i in range(0xFF10, 0xFF1A):  # ０-９
        table[i] = chr(i - 0xFEE0)
    for i in list(range(0xFF21, 0xFF3B)) + list(range(0xFF41, 0xFF5B)):  # Ａ-Ｚ ａ-ｚ
        table[i] = chr(i - 0xFEE0)
    for k, v in _FIXED.items():
        table[ord(k)] = v
    return table


_TABLE = _build_table()
# one pass folds everything; the digit separators are put back afterwards
_TABLE_ALL = {**_TABLE, **{ord(k): v for k, v in _HALF_TO_FULL.items()}}
_DIGIT_SEP = re.compile(r"(?<=\d)[,:](?=\d)")
# a regex scan is far cheaper than str.translate on CJK text, most of which has nothing to fold
_FOLDABLE = re.compile("[" + re.escape("".join(chr(k) for k in sorted(_TABLE_ALL))) + "]")
_FOLDABLE_RUN = re.compile(_FOLDABLE.pattern + "+")
#: characters of text per foldable run above which one str.translate of the whole text is cheaper
#: than translating the runs (CJK text has a few dozen runs in tens of thousands of characters)
_CHARS_PER_RUN = 64


def _translate(text: str) -> str:
    """``text.translate(_TABLE_ALL)``: on long text, only its runs of foldable characters are
    translated (str.translate walks every character through the table, slowly on CJK text); text
    with many runs (mostly ASCII) is translated whole."""
    if len(text) < 4 * _CHARS_PER_RUN:
        return text.translate(_TABLE_ALL)
    pieces: list[str] = []
    pos = 0
    budget = len(text) // _CHARS_PER_RUN
    for m in _FOLDABLE_RUN.finditer(text):
        budget -= 1
        if budget < 0:
            return text.translate(_TABLE_ALL)
        pieces.append(text[pos : m.start()])
        pieces.append(m.group().translate(_TABLE_ALL))
        pos = m.end()
    pieces.append(text[pos:])
    return "".join(pieces)


#: a half-width full stop that ends a Chinese sentence (…项目开工.(市商务局) / （三）加大金融支持.市财政局要…): after a
#: Chinese character or a closing bracket, before one, an opening bracket or the line's end; never 1.5 or 1.支持…
_CJK_STOP = re.compile(r"(?<=[\u3400-\u9fff）)”])\.(?=[\u3400-\u9fff（(“]|\s|$)")


def fold(text: str) -> str:
    """Fold widths one character for one character (``len(fold(s)) == len(s)``)."""
    if "." in text:
        text = _CJK_STOP.sub("。", text)
    if _FOLDABLE.search(text) is None:
        return text
    out = _translate(text)
    # keep 1,000 and 12:30 as they are (no key of _TABLE makes or removes a digit, a ``,`` or a ``:``,
    # so the separators are found in ``text`` itself)
    if "," in text or ":" in text:
        keep = [m.start() for m in _DIGIT_SEP.finditer(text)]
        if keep:
            chars = list(out)
            for i in keep:
                chars[i] = text[i]
            out = "".join(chars)
    return out


_CJK = r"\u3400-\u9fff\uf900-\ufaff"
_PAD = re.compile(rf"(?<=[{_CJK}（）《》〈〉“”、])[ \u3000\u00a0]+(?=[{_CJK}（）《》〈〉“”])")
_WS = re.compile(r"\s+")


@text_cache(4096)  # pure; table rebuilding squeezes the same cell lines many times over
def squeeze(value: str) -> str:
    """Remove padding spaces between CJK characters (``陈 飞`` → ``陈飞``) and fold other whitespace."""
    value = fold(value).strip()
    if " " in value:  # after fold the only padding character left is the plain space
        value = _PAD.sub("", value)
    if "  " in value or not value.isprintable():  # every whitespace but " " is unprintable
        value = _WS.sub(" ", value)
    return value


def is_cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


def tidy(value: str) -> str:
    """Fold widths, strip, and collapse whitespace runs to one space (spaces that separate names are kept)."""
    return _WS.sub(" ", fold(value).strip())
