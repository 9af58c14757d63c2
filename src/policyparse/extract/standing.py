"""Standing assignments: unit lists a document assigns once for every later task.

``（生态环境部指导，试点城市政府负责落实。以下均需试点城市政府落实，不再列出）`` names 试点城市政府 for
this task and says every task below needs it too; ``〔责任单位：…。具体任务均涉及相关市（州）人民政府，不再做分工，
下同。〕`` does the same for this task and the ones after it. Two shapes, their words data
(``data/role_words.json``, ``standing``):

* an *opener* (以下均需, 均涉及, 以下各项工作均需 …: scope, all, items and need words) followed by a unit list and, optionally, a role word;
* a unit list with a role word whose next clause is a *marker* (不再列出, 不再一一列出, 不再做分工 …).

Scope: an opener beginning with 以下 covers the tasks after the declaration; otherwise (均涉及 …
下同, X按职责分工负责，不再列出) it covers the declaring task too; 本部分 limits it to the level-1 part.
:func:`apply_standing` adds the units to each covered task that does not already name them, with
``basis: standing`` and the role and verb of the declaration.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from ..model import Span, StandingAssignment, Task, UnitRef
from ..normalize import squeeze
from ..structure.outline import OutlineItem, item_at
from .assignment_text import standing_opener
from .rule_grammar import match_rule, scope_patterns
from .unit_lists import _role_table, _units_of, role_data, role_of_word

if TYPE_CHECKING:  # the segmenters load lazily; only their type is named here
    from ..nlp.segment import Segmenter

__all__ = ["Covered", "apply_standing", "find_standing"]

_UNIT_TEXT = r"(?:[^，。；：（）〔〕\n]|（[^（）\n]{1,6}）)"


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    st = role_data()["standing"]

    def alt(ws) -> str:
        return "|".join(sorted(map(re.escape, ws), key=len, reverse=True))

    words = alt([w.text for w in _role_table()[0] if w.role != "co"] + st["involve_words"])
    markers = alt(st["markers"])
    opener = re.compile(rf"(?P<open>{standing_opener()})(?P<units>{_UNIT_TEXT}{{2,60}}?)(?P<word>{words})?"
                        rf"(?=[，。；）〕\n]|$)")
    marked = re.compile(rf"(?:^|(?<=[，。；（〔\n]))(?P<units>{_UNIT_TEXT}{{2,60}}?)(?P<word>{words})[，；]"
                        rf"(?P<marker>不再?[^，。；）〕\n]{{0,4}}(?:列出|分工))")
    xiatong = re.compile(rf"[^。）〕\n]{{0,16}}(?P<m>{markers})")
    return opener, marked, xiatong


@dataclass
class Covered:
    """A standing assignment with the text range whose tasks it joins."""

    standing: StandingAssignment
    start: int
    end: int


def find_standing(ft: str, lo: int, hi: int, items: list[OutlineItem], task_spans: list[Span], file_end: int,
                  segmenter: Segmenter | None = None) -> list[Covered]:
    """Standing assignments declared in ``ft[lo:hi]`` (a document's body), in text order."""
    opener, marked, xiatong = _patterns()
    words = role_of_word()
    found: list[Covered] = []
    taken: list[tuple[int, int]] = []
    for rx, m in _candidates(ft, lo, hi, opener, marked):
        if True:
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue  # the two shapes overlap: the opener, found first, holds
            if match_rule(ft, m.start(), m.end()) is not None:
                continue  # 本部分任务均由所列第一个单位牵头: a lead rule (.lead_rules), which names no unit
            got = _units_of(m["units"], m.start("units"), segmenter)
            if got is None:
                continue
            word = m["word"] or ""
            role = words.get(word, "responsible")
            tail = xiatong.match(ft, m.end(), hi)
            below = rx is opener and m["open"].startswith("以下")
            sent_start = max(ft.rfind("。", lo, m.start()), ft.rfind("\n", lo, m.start()), lo)
            sect = scope_patterns()[2].search(ft, sent_start, m.end())
            owner = next((t for t in task_spans if t.start <= m.start() <= t.end), None)
            it = item_at(items, m.start())
            start = m.end() if below or owner is None else owner.start
            end = file_end
            scope = "document"
            scope_text = "以下" if below else (tail["m"] if tail else (m["marker"] if rx is marked else None))
            if sect:
                top = _level1(items, m.start())
                if top is not None:
                    end, scope, scope_text = top.end, "section", sect.group(0)
            units = [UnitRef(name=n, role=role, verb=word or None, basis="standing", span=Span(start=s, end=e))
                     for n, s, e in got[0]]
            text_end = tail.end() if tail else m.end()
            sa = StandingAssignment(text=squeeze(ft[m.start():text_end]), units=units, scope=scope,
                                    scope_text=scope_text, declared_in=it.path if it else None,
                                    span=Span(start=m.start(), end=text_end))
            found.append(Covered(sa, start, end))
            taken.append((m.start(), text_end))
    return sorted(found, key=lambda c: c.standing.span.start)


_NEED = re.compile(r"均|都")
_NOT_LISTED = re.compile(r"不(?:再|逐一|一一)")  # 不再列出, 不逐一列出
_BOUNDARY = "，。；（〔\n"


def _candidates(ft: str, lo: int, hi: int, opener: re.Pattern[str], marked: re.Pattern[str]):
    """Matches of the two shapes, openers first; the patterns are only tried where 均/都 or 不再/不逐一 stand."""
    for n in _NEED.finditer(ft, lo, hi):
        for start in range(max(lo, n.start() - 8), n.start() + 1):
            m = opener.match(ft, start, hi)
            if m and m.start("open") <= n.start() < m.end("open"):
                yield opener, m
                break
    for nm in _NOT_LISTED.finditer(ft, lo, hi):
        k = nm.start()
        b = max(ft.rfind(c, lo, k - 1) for c in _BOUNDARY)
        m = marked.match(ft, b + 1 if b >= lo else lo, min(hi, k + 12))
        if m:
            yield marked, m


def _level1(items: list[OutlineItem], offset: int) -> OutlineItem | None:
    tops = [x for x in items if x.level == 1 and x.start <= offset <= x.end]
    return tops[-1] if tops else None


def apply_standing(tasks: list[Task], covered: list[Covered]) -> None:
    """Add each standing assignment's units to the tasks it covers (in place); table rows are not covered."""
    for t in tasks:
        if t.form == "table":
            continue
        for c in covered:
            if not c.start <= t.span.start < c.end:
                continue
            named = {u.name for u in t.units}
            t.units.extend(u.model_copy() for u in c.standing.units if u.name not in named)
