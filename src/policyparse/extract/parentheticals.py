"""Parentheticals: the bracketed spans of a body that may close a task (``（市财政局、市教育局）``).

Split from :mod:`.tasks`, which reads what a parenthetical assigns; here only where one stands. The bracket pairs are
（…）, 〔…〕 (the bracket a text uses when its assignment holds （…）), […] / ［…］, 【…】 and 〈…〉; inside 《…》 a 〈…〉 marks a
title within a title and is no parenthetical.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Paren", "find_parentheticals"]

_PAIRS = {"（": "）", "〔": "〕", "［": "］", "[": "]", "【": "】", "〈": "〉"}  # [牵头单位：…；责任单位：…], 〈X、Y〉 close tasks too
_PAREN_MARK = re.compile("[（）〔〕［］\\[\\]【】〈〉《》\n]")


@dataclass
class Paren:
    start: int  # first character inside the parentheses
    end: int  # the closing parenthesis
    text: str


_CLOSERS = frozenset(_PAIRS.values())


def find_parentheticals(ft: str, start: int, end: int) -> list[Paren]:
    """Top-level balanced （…）, 〔…〕 (the bracket a text uses when its assignment holds （…）) and […] / 【…】 / 〈…〉 in
    ``ft[start:end]``; unbalanced openers are skipped. A parenthetical stays inside its paragraph,
    except that a copy which breaks lines at sentence ends may carry it over one line break when the
    next line closes it before opening another."""
    out: list[Paren] = []
    stack: list[str] = []
    opened = -1
    titled = 0  # inside 《…》, where 〈…〉 marks a title within the title (《关于印发〈X办法〉的通知》)
    for m in _PAREN_MARK.finditer(ft, start, end):  # only brackets and line breaks change the state
        i = m.start()
        ch = ft[i]
        if ch in "《》":
            titled = titled + 1 if ch == "《" else max(0, titled - 1)
            continue
        if ch in "〈〉" and titled:
            continue
        if ch in _PAIRS:
            if not stack:
                opened = i
            stack.append(ch)
        elif stack and ch == _PAIRS[stack[-1]]:
            stack.pop()
            if not stack:
                out.append(Paren(opened + 1, i, ft[opened + 1 : i]))
        elif ch in _CLOSERS and stack:
            stack = []  # a closer of the other kind: the brackets are not balanced here
        elif ch == "\n" and stack and not _closes_next_line(ft, i + 1, end, _PAIRS[stack[-1]], len(stack)):
            stack = []  # a parenthetical never spans paragraphs
        if ch == "\n":
            titled = 0  # an unclosed 《 does not reach past its line
    return out


def _closes_next_line(ft: str, i: int, end: int, closer: str, depth: int) -> bool:
    nl = ft.find("\n", i, end)
    line = ft[i : nl if nl >= 0 else end]
    if depth != 1 or len(line) > 120 or ft[i - 2 : i - 1] not in ("。", "，", "；"):
        return False
    k = line.find(closer)
    return k >= 0 and not any(o in line[:k] for o in _PAIRS)
