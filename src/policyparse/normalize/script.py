"""Traditional characters -> simplified, one character for one.

Portals serve a traditional-character copy of a mainland document at the flip of a switch (繁體版),
and archives keep those copies: ``懷政辦發〔2023〕9號`` is ``怀政办发〔2023〕9号``. Every rule of
policyparse and every word of its vocabulary is written in simplified characters, so the parser
reads such a text through its simplified form, which is also the document's own script.

Input: the folded text. Output: the same text with traditional characters replaced by simplified
ones, and how many were replaced. The conversion is OpenCC's ``t2s`` (a well-kept converter, not a
table of our own). It must keep the length, since spans into the folded text are spans into the
reader's text: a text whose conversion changes its length is converted line by line, and a line
that would change length is kept as it is. Simplified text comes back unchanged: the text is converted
only when enough of it changes (:data:`TRADITIONAL_DISTINCT`, :data:`TRADITIONAL_SHARE`). Extracted values
are therefore in simplified characters; their spans point at the characters as printed.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

__all__ = ["TRADITIONAL_DISTINCT", "TRADITIONAL_MIN", "TRADITIONAL_SHARE", "blank_pinyin", "to_simplified"]

#: characters replaced from which a text counts as written in traditional characters (a warning)
TRADITIONAL_MIN = 5
#: a text is converted only when t2s changes at least this many distinct characters and this share of
#: its CJK characters: simplified text holds a few characters t2s reads as old forms (坏 is 坯's), which stay
TRADITIONAL_DISTINCT, TRADITIONAL_SHARE = 3, 0.01
#: characters of a text's opening that decide whether it is converted at all
_SAMPLE = 3000


@cache
def _converter() -> Any:
    import opencc  # imported on first use: its dictionaries load once per process

    return opencc.OpenCC("t2s")


def to_simplified(text: str, *, always: bool = False) -> tuple[str, int]:
    """``text`` with traditional characters as simplified ones (``len`` kept), and how many changed;
    ``always``: convert a short value whatever it holds (the evaluator's comparison of two values)."""
    if not text or text.isascii():
        return text, 0
    conv = _converter()
    if not always and len(text) > _SAMPLE and conv.convert(text[:_SAMPLE]) == text[:_SAMPLE]:
        return text, 0  # its opening is simplified: a simplified text (the usual case, read at a fraction of the cost)
    out = conv.convert(text)
    if len(out) != len(text):
        lines = []
        for line in text.split("\n"):
            got = conv.convert(line)
            lines.append(got if len(got) == len(line) else line)
        out = "\n".join(lines)
    if out == text:
        return text, 0  # simplified text (the usual case): nothing to count
    changed = [a for a, b in zip(text, out, strict=True) if a != b]
    cjk = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    if not always and (len(set(changed)) < TRADITIONAL_DISTINCT or len(changed) < TRADITIONAL_SHARE * cjk):
        return text, 0  # a simplified text: t2s would only turn a character it shares with old forms (坏 -> 坯)
    return out, len(changed)


_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_TONED_CHAR = re.compile(f"[{_TONED}]")
#: a pinyin gloss a mirror site writes after a character (发(fā)), in folded text: （fā）
_GLOSS = re.compile(rf"(?<=[\u4e00-\u9fff])（[a-zü{_TONED}]{{0,6}}[{_TONED}][a-zü{_TONED}]{{0,6}}）")


def blank_pinyin(text: str) -> tuple[str, int]:
    """``关（guān）于`` -> ``关      于``: pinyin glosses a copying site wrote after characters, blanked (the length
    kept; the padding between CJK characters is no part of any value), and how many there were. Only a
    gloss with a tone mark is one, so a bracket of Latin letters (（PPP）) stays."""
    if _TONED_CHAR.search(text) is None:
        return text, 0
    n = 0

    def blank(m: re.Match[str]) -> str:
        nonlocal n
        n += 1
        return " " * len(m.group())

    return _GLOSS.sub(blank, text), n
