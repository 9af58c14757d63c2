"""Assignments by reference: a 责任分工 part that names each unit's tasks by their numbers.

``（一）市工业和信息化局：牵头负责第二部分第（一）（二）项任务；配合做好第二部分第（四）（五）项、第三部分第（一）项任务。``
assigns no work of its own: it says which numbered items of the document the unit leads and which it helps with. Each
item so named becomes one task at the item's own path (``二(一)``), whose units are the units that name it, in the
order of the 分工 lines: those whose clause says 牵头 lead, those whose clause says 配合/协助/参与 take part, the others
are responsible. The task's evidence is the first clause that names the item; its text is the item's own title.

Pipeline: ``duty lines (an organ, a colon, clauses) -> references (第X部分第（…）（…）项) -> one task per item``. The
organ's own line is then no task: :func:`referenced_tasks` returns the lines it read, and the caller drops the
running-text tasks that stand on them.
"""

from __future__ import annotations

import re

from ..model import Span, Task, UnitRef
from ..structure.outline import OutlineItem
from .unit_lists import _role_table, _units_of

__all__ = ["referenced_tasks"]

_NUM = "一二三四五六七八九十"
#: （一）市工业和信息化局：clauses — an organ, a colon, its clauses, on a line of its own
_DUTY_LINE = re.compile(r"^[ \t　]*(?:[（(][一二三四五六七八九十]+[）)]|\d+[.、．])?\s*(?P<organ>[^：:\n，。；]{2,30})[：:](?P<body>[^\n]+)$",
                        re.M)
#: 第二部分第（一）（二）项 / 第（三）项 (the part of the clause's last reference)
#: an item's numbered items written after it: （一）2、（二）1项 / （一）第1、2项
_SUBS = r"第?\d{1,2}(?:[、和及]\d{1,2})*(?![\d年月日%])"
_REF = re.compile(rf"(?:第(?P<part>[{_NUM}]+)(?:部分|方面))?(?P<items>(?:[、和及]?第?[（(][{_NUM}]+[）)](?:{_SUBS})?)+)项?")
_ITEM = re.compile(rf"[（(](?P<n>[{_NUM}]+)[）)](?P<subs>{_SUBS})?")


def _role_of(clause: str) -> str:
    """lead where the clause says 牵头, participant where it holds a participant's word of role_words.json, else
    responsible."""
    if "牵头" in clause:
        return "lead"
    return "participant" if any(w.role == "participant" and w.text in clause for w in _role_table()[0]) else "responsible"


#: 第（一）项第1条、第2条: the numbered items (1. 2.) of an item
_SUB = re.compile(r"[、和及]?第(?P<n>\d{1,2})条")


def _paths(clause: str, part: str | None) -> tuple[list[str], str | None]:
    """The paths a clause names, in order: 第二部分第（一）（二）项 -> 二(一), 二(二); 第（一）项第1条、第2条, （一）1、（一）2 or
    （一）第1、2项 -> 二(一)1, 二(一)2 (an item's numbered items when the clause names them, else the item), and the part the clause ends
    in; the part goes on from ``part`` until one is named."""
    out: list[str] = []
    for r in _REF.finditer(clause):
        part = r["part"] or part
        if part is None:
            continue
        found = list(_ITEM.finditer(r["items"]))
        subs = []
        pos = r.end()
        while (sm := _SUB.match(clause, pos)) is not None:
            subs.append(sm["n"])
            pos = sm.end()
        for k, it in enumerate(found):
            base = f"{part}({it['n']})"
            own = re.findall(r"\d+", it["subs"] or "")
            out += [base + n for n in subs] if subs and k == len(found) - 1 else [base + n for n in own] or [base]
    return out, part


def referenced_tasks(ft: str, lo: int, hi: int, items: list[OutlineItem], first_id: int = 1
                     ) -> tuple[list[Task], list[Span]]:
    """The tasks a 分工 part assigns by naming items' numbers within ``ft[lo:hi]``, and the spans of the duty lines
    read. Only items the document has (level-2 items under a level-1 part) are named; a line that names none is
    left to the other readers."""
    if not any(ft.find(w, lo, hi) >= 0 for w in ("部分第", "方面第", "项第", "部分（", "部分(", "）第")):
        return [], []  # no item named by its part and number: most documents, passed over at once
    by_path = {x.path: x for x in items if x.path}
    tops = [x for x in items if x.level == 1]
    units: dict[str, list[UnitRef]] = {}
    first: dict[str, Span] = {}
    lines: list[Span] = []
    for m in _DUTY_LINE.finditer(ft, lo, hi):
        if "项" not in m["body"]:
            continue
        got = _units_of(m["organ"].strip(), m.start("organ") + len(m["organ"]) - len(m["organ"].lstrip()))
        if got is None or not got[0]:
            continue  # 柳疃镇、龙池镇、饮马镇：负责…: each unit the line names
        named = False
        pos = m.start("body")
        part = None  # the part a clause names goes on for the line's later clauses (…第二部分第（三）项任务，配合做好第（一）项任务)
        role = "responsible"
        for clause in re.split(r"([；;。，,])", m["body"]):
            # a clause that is only references (…第（一）项第1条，第（二）项第2条) goes on with the role of the one before
            role = role if not _SUB.sub("", _REF.sub("", clause)).strip(" 、和及任务；;。，,") else _role_of(clause)
            titled = next((x.path for x in tops if x.title and re.search(re.escape(x.title) + "[第（(]", clause)), None)
            part = titled or part  # 重点任务第（一）项 / 重点任务（一）第1项: the part named by its title
            paths, part = _paths(clause, part)
            for path in paths:
                if path not in by_path:
                    continue
                named = True
                have = units.setdefault(path, [])
                for name, a, b in got[0]:
                    if all(u.name != name for u in have):
                        have.append(UnitRef(name=name, role=role, verb="牵头" if role == "lead" else None,
                                            span=Span(start=a, end=b)))
                first.setdefault(path, Span(start=pos, end=pos + len(clause)))
            pos += len(clause)
        if named:
            lines.append(Span(start=m.start(), end=m.end()))
    out: list[Task] = []
    for path in sorted(units, key=lambda p: by_path[p].start):
        item, us = by_path[path], units[path]
        leads = [u.name for u in us if u.role == "lead"]
        span = first[path]
        out.append(Task(id=f"t{first_id + len(out)}", form="running_text", path=path, title=item.title, text=item.title,
                        assignment_text=ft[span.start : span.end].strip(), units=us, lead_units=leads,
                        lead_basis="explicit" if leads else "none", span=span,
                        text_span=Span(start=item.start, end=item.start + len(item.title))))
    return out, lines
