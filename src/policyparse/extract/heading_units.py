"""Outline headings that name who does the work under them.

A 工作目标责任分解 often groups its items under headings that name the unit: ``（二）省审计厅牵头的工作``,
``（三）市发展改革委负责的工作``; the items below say what the work is and, on a field line, who
takes part (``协同单位：省直各部门和各市人民政府``). Contract of :func:`heading_units`:

* a heading matches when its title is a unit list, then 牵头 / 负责 / 承担, then (的)工作 / 事项 / 任务,
  and the list names an organ (not a person: ``孟学农省长负责的工作``; not only a class: ``各部门负责的工作``);
* every task inside the item gets the heading's units first: as leads (``lead_basis: explicit``,
  ``lead_rule`` the heading) after 牵头 when the task names no lead of its own, as responsible units
  after 负责 / 承担; a unit the task names already keeps its own role;
* an item with no task inside is itself one task (form ``field``: the heading labels its unit as a field does);
* an item whose title is one organ and whose text opens with its duty (``（二十一）市公安局。负责对…的调研``, a list of
  departments' duties) is a running-text task of that organ, with the role the duty's first word gives; so is an item
  that names its organ before a colon (``2.市发展改革委：负责…`` / ``4.市公安局：指导…``), responsible unless it leads or takes part;
* under an item whose title names a duty section (``5、部门主要职责：省民政厅组织…``, ``（三）职责分工``: the
  ``duty_titles`` of ``data/role_words.json``) every line that opens with a named organ and goes on with its work is a
  running-text task of that organ, whatever its verb (``省经委协调…``, ``省水利厅承担…``): a duty list assigns by its lines;
* three or more lines in a row that each label their organ with a colon (``交通部门：…`` / ``安监部门：…``), outside any
  item's heading, are such a duty list whose title the page does not hold (:func:`_labelled_lines`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..model import Span, Task, UnitRef
from ..structure.lines import text_lines
from ..structure.outline import OutlineItem
from ..vocabulary import alternation, level_words
from .organ_names import sector_department
from .unit_lists import (
    LEVEL_OPENINGS,
    POST,
    _units_of,
    is_collective,
    leading_units,
    looks_like_unit,
    named_partners,
    regular_name,
    role_data,
)

__all__ = ["heading_units"]

_HEADING = re.compile(r"^(?P<units>[^，。；：:,]{2,60}?)(?P<word>牵头|负责|承担)的?(?:工作|事项|任务)$")


def heading_units(ft: str, items: list[OutlineItem], lo: int, hi: int, tasks: list[Task], first_id: int, *,
                  duties: bool = True, sectors: bool = False, cuts: list[int] = (),  # type: ignore[assignment]
                  region: tuple[str | None, str | None] = (None, None)) -> list[Task]:
    """Apply the units of every such heading in ``ft[lo:hi]`` to the ``tasks`` inside its item (in place);
    return the tasks of the items that hold none. ``duties=False`` (a document of 第X条 articles, whose duties are
    standing ones) reads no organ item; ``sectors`` (a local document, not a rule) reads an item of a department
    named by its sector (（三）税务部门：负责…) as an organ's. ``cuts``: where run-on blocks were cut into lines
    (:func:`policyparse.structure.lines.run_on_cuts`): a duty list a page ran into one line reads line by line;
    ``region``: the issuers' (province, city), for the regional short forms of a duty section's organs (市供销社)."""
    out: list[Task] = []
    duty_sections = [x for x in items if duties and _duty_title().match(x.title)]  # once, not once per item below
    for it in items:
        if not lo <= it.start < hi:
            continue
        m = _HEADING.match(it.title)
        at = ft.find(it.title, it.start, it.end)
        if at < 0 and len(it.title) > 6:  # a title printed with a space or a break inside it (沙尘 暴): found by its opening
            at = ft.find(it.title[:6], it.start, it.end)
        if m is None and at >= 0 and duties:
            out += _duty_lines(ft, it, at, items, tasks, first_id + len(out), region)
            subs = any(it.start < x.start < it.end and x.level > it.level for x in items)
            duty_part = any(x.level < it.level and x.start < it.start < x.end for x in duty_sections)
            own = _organ_item(ft, it, at, tasks, first_id + len(out), subs, sectors or duty_part,  # （二十一）市公安局。负责…
                              named=duty_part)
            if own is not None:
                out.append(own)
            continue
        if m is None or at < 0:
            continue
        got = _units_of(m["units"], at)
        if got is None or not any(looks_like_unit(n) and not is_collective(n) for n, _, _ in got[0]):
            continue
        role = "lead" if m["word"] == "牵头" else "responsible"
        span = Span(start=at, end=at + len(it.title))
        inside = [t for t in tasks if it.start <= t.span.start < it.end]
        for t in inside:
            named = {u.name for u in t.units}
            add = [UnitRef(name=n, role=role, verb=m["word"], span=Span(start=s, end=e)) for n, s, e in got[0] if n not in named]
            t.units = add + t.units
            if role == "lead" and not t.lead_units:
                t.lead_units = [n for n, _, _ in got[0]]
                t.lead_basis, t.lead_rule = "explicit", span
        if not inside:
            units = [UnitRef(name=n, role=role, verb=m["word"], span=Span(start=s, end=e)) for n, s, e in got[0]]
            out.append(Task(id=f"t{first_id + len(out)}", form="field", path=it.path, title=it.title, text=it.title,
                            assignment_text=it.title, units=units,
                            lead_units=[u.name for u in units] if role == "lead" else [],
                            lead_basis="explicit" if role == "lead" else "none", span=span, text_span=span))
    if duties:
        out += _labelled_lines(ft, items, lo, hi, tasks + out, first_id + len(out), cuts)
    return out


_RUN = 3  # lines in a row that label their organ: a duty list, not a recipient line or a project's name


def _labelled_lines(ft: str, items: list[OutlineItem], lo: int, hi: int, tasks: list[Task], tid: int,
                    cuts: list[int]) -> list[Task]:
    """Lines that each open with an organ (or a department named by its sector) and a colon, then its duties
    (``交通部门：结合实际…`` / ``安监部门：定期组织…`` / ``公安交警部门：指导…；会同相关部门…``), three or more in a row with
    only blank lines between, outside any item's heading: a duty list whose section title is not on the page. Each line
    is its organ's task, read as an organ item with a colon is (:func:`_organ_item`)."""
    runs: list[list[tuple[int, str]]] = [[]]
    for at, line in text_lines(ft, lo, hi, cuts):
        s, text = at + len(line) - len(line.lstrip()), line.strip()
        if not text:
            continue
        m = _ORGAN_COLON.match(text)
        ok = m is not None and len(text) - m.end() >= 4 and (got := _units_of(m["organ"], s)) is not None \
            and all(regular_name(n) or sector_department(n) or _LEVEL_CLASS.fullmatch(n) for n, _, _ in got[0])
        if ok:
            runs[-1].append((s, text))
        elif runs[-1]:
            runs.append([])
    out: list[Task] = []
    for run in runs:
        if len(run) < _RUN:
            continue
        for s, text in run:
            if any(x.start == s or (x.start <= s and ft.find(x.title, x.start) == s) for x in items):
                continue  # the line is an item's own heading, read as an organ item
            owner = next((x for x in reversed(items) if x.start <= s < x.end), None)
            it = OutlineItem(path=owner.path if owner else "", title=text, start=s, end=s + len(text), level=99, style="line")
            task = _organ_item(ft, it, s, tasks + out, tid + len(out), sectors=True, named=True)
            if task is not None:
                out.append(task)
    return out


#: 乡镇政府, 县区政府: the governments of a level, labelled over their duties
_LEVEL_CLASS = re.compile(rf"(?:{alternation(level_words('class'))})(?:人民)?政府")


_LEVELS_FIRST = re.compile(rf"^[{''.join(LEVEL_OPENINGS)}][\u4e00-\u9fff（）]{{1,20}}$")  # 市交通局: a title that is an organ's name only
_ORGAN_COLON = re.compile(r"^(?P<organ>[^：:，。；、]{2,30}(?:、[^：:，。；、]{2,30}){0,5})[：:]")
_QUOTES = "“”\"'‘’「」"
_DUTY = re.compile(r"[。：:\s]*(?P<word>牵头|负责配合|负责协助|负责|承担|配合|参与)")


@lru_cache(maxsize=1)
def _verb_after() -> re.Pattern[str]:
    """Where the partners of a later 会同 clause end: a verb of the work they share (``work_verbs`` of
    ``data/role_words.json``, 共同/一起 before it)."""
    words = "|".join(sorted(map(re.escape, role_data()["work_verbs"]), key=len, reverse=True))
    return re.compile(rf"(?:共同|一起)?(?:{words})")


@lru_cache(maxsize=1)
def _co() -> re.Pattern[str]:
    """会同Y and the verb of the work shared (10.市商务局：会同市发展改革委负责…)."""
    return re.compile(rf"会同(?P<co>[^，。；、]{{2,40}}?){_verb_after().pattern}")
_DUTY_ROLE = {"牵头": "lead", "配合": "participant", "参与": "participant", "负责配合": "participant", "负责协助": "participant"}  # the role a duty's first word gives; else responsible


def _organ_item(ft: str, it: OutlineItem, at: int, tasks: list[Task], tid: int, subs: bool = False,
                sectors: bool = False, named: bool = False) -> Task | None:
    """An item whose title is an organ and whose text says what it does (（二十一）市公安局。负责对…的调研): a running-text
    task of that organ, with the role its first word gives (牵头 leads; 负责/承担 responsible; 配合/参与 take part);
    ``subs``: the item holds numbered sub-items, its duties (（二十）市交通局 / 1、开通旅游专线… / 2、…): the organ is
    responsible for them; ``named``: the item stands under a duty section's heading, where an organ named without its
    level before a colon (（2）财政局：负责…) is one."""
    if any(it.start <= t.span.start < it.end for t in tasks):
        return None
    colon = _ORGAN_COLON.match(it.title)  # 2.市发展改革委：负责将…纳入…规划: the organ, a colon, its duties
    # (一)市委宣传部、文广新局：负责… / (六)“三防办”：负责…: organs named together, or one in quotation marks
    quoted = 1 if colon and colon["organ"][:1] in _QUOTES and colon["organ"][-1:] in _QUOTES else 0
    organ = colon["organ"][quoted : len(colon["organ"]) - quoted] if colon else it.title
    if colon and not all(n.startswith(LEVEL_OPENINGS) or sectors and sector_department(n) or named and looks_like_unit(n)
                         for n in organ.split("、")):
        colon = None  # 婴幼儿照护服务成长驿站：3月底前新建成2家: a project, not an organ of a level or a sector's department
        # (under a duty section's heading, （七）成员单位职责, an organ named without its level is one: (2)财政局：负责…)
        organ, quoted = it.title, 0
    m = _DUTY.match(ft, at + (colon.end() if colon else len(it.title)))
    # （二十）市交通局 over its numbered duties, or 三、省委政法委 over a paragraph of them: the heading names the organ
    listed = m is None and colon is None and _LEVELS_FIRST.match(it.title) is not None and (
        subs or bool(ft[at + len(it.title) : it.end].strip()))
    if m is None and colon is None and not listed:
        return None  # checked first: it is cheap, and most items are not an organ's
    got = _units_of(organ, at + quoted)
    # (11)市检察院、市中级人民法院。/ 负责…: organs named together share the item's duties
    if got is None or not all((looks_like_unit(n) or colon) and not is_collective(n) for n, _, _ in got[0]):
        return None
    # after a colon every duty is the organ's (严格…的落实，负责…; 指导…): responsible unless it leads or takes part
    role = _DUTY_ROLE.get(m["word"], "responsible") if m else "responsible"
    end = ft.find("。", m.end() if m else at + len(organ), it.end)
    end = it.end if end < 0 else end
    if listed and subs:
        end = at + len(it.title)  # the heading names the organ; the duties are its sub-items
    one = len(got[0]) == 1
    co = _co().match(ft, at + colon.end()) if colon and one else None  # 10.市商务局：会同市发展改革委负责…: it leads, Y takes part
    partners = _units_of(co["co"], co.start("co")) if co else None
    leads = partners is not None
    if partners is None and colon and one:
        partners, leads = _leads_a_later_duty(ft, at + colon.end(), end, role)
    if leads:
        role = "lead"
    organs = [UnitRef(name=n, role=role, verb="会同" if partners else (m["word"] if m else None), span=Span(start=s0, end=e0))
              for n, s0, e0 in got[0]]
    return Task(id=f"t{tid}", form="running_text", path=it.path, title=it.title, text=ft[at:end].strip(),
                assignment_text=ft[at:end].strip(), units=[*organs, *_partner_refs(partners)],
                lead_units=[u.name for u in organs] if role == "lead" else [],
                lead_basis="explicit" if role == "lead" else "none", span=Span(start=at, end=end),
                text_span=Span(start=at, end=end))


#: a later duty of an organ's list item that it leads: …；牵头组织X / …；按照…的原则牵头负责X / 负责X的牵头组织工作 (not 牵头的, 牵头单位)
_LATER_LEAD = re.compile(r"(?:[；;，,](?:负责|并|要)?(?:(?:按照|根据|依据)[^；;，,。]{1,30}?)?牵头(?!的|单位|部门)|的牵头(?:组织|协调)?工作)")
_LATER_CO = re.compile(r"[；;，,](?:负责|并|根据[^，。；;,]{1,8}?)?会同")  # …，根据气象条件会同气象部门提供…


def _leads_a_later_duty(ft: str, lo: int, hi: int, role: str) -> tuple[tuple[list[tuple[str, int, int]], bool] | None, bool]:
    """An organ's duties after its colon, ``ft[lo:hi]``: the partners a later 会同 duty names (or None), and whether the
    organ leads: it names such partners, or, responsible by its first duty, it leads a later one (…；牵头组织区域…)."""
    partners = _later_partners(ft, lo, hi)  # …；会同财政、环保等有关部门贯彻执行…
    return partners, partners is not None or role == "responsible" and _LATER_LEAD.search(ft, lo, hi) is not None


def _partner_refs(partners: tuple[list[tuple[str, int, int]], bool] | None) -> list[UnitRef]:
    """The units a 会同 duty names, taking part."""
    return [UnitRef(name=n, role="participant", verb="会同", span=Span(start=a, end=b))
            for n, a, b in named_partners((partners or ([], False))[0])]


def _later_partners(ft: str, lo: int, hi: int) -> tuple[list[tuple[str, int, int]], bool] | None:
    """The units of a later clause of an organ's duties that opens with 会同 (…；会同财政、环保、水利等有关部门贯彻执行…):
    the shortest stretch after 会同 that reads as a unit list and is followed by a verb, or None."""
    m = _LATER_CO.search(ft, lo, hi)
    if m is None:
        return None
    stop = min((i for i in (ft.find(c, m.end(), hi) for c in "，,；;。") if i >= 0), default=hi)
    for v in _verb_after().finditer(ft, m.end() + 2, stop):
        got = _units_of(ft[m.end():v.start()], m.end())
        if got is not None:
            return got
    return None


@lru_cache(maxsize=1)
def _duty_title() -> re.Pattern[str]:
    words = "|".join(sorted(map(re.escape, role_data()["duty_titles"]), key=len, reverse=True))
    return re.compile(rf"^[\u4e00-\u9fff]{{0,12}}(?:{words})(?:[：:]|$)")


_WORK_OPENS = re.compile(r"[\u4e00-\u9fff](?<![的是为和及与等在各有相其])")


def _duty_lines(ft: str, it: OutlineItem, at: int, items: list[OutlineItem], tasks: list[Task], tid: int,
                region: tuple[str | None, str | None] = (None, None)) -> list[Task]:
    """The lines of a duty section (``5、部门主要职责：省民政厅组织、协调…`` / ``省经委协调…``) that open with named organs
    and hold no task yet: one running-text task each, its organs responsible unless the duty's first word leads
    or takes part; the duty's first sentence is its assignment text."""
    head = _duty_title().match(it.title)
    if head is None:
        return []
    end = min([x.start for x in items if it.start < x.start < it.end] + [it.end])
    taken = sorted(t.span.start for t in tasks if it.start <= t.span.start < end)
    out: list[Task] = []
    pos = at + head.end()
    for line in ft[pos:end].splitlines(keepends=True):
        s = pos + len(line) - len(line.lstrip())
        pos += len(line)
        text = line.strip()
        lu = leading_units(text, s)
        colon = lu is not None and text[lu[1]:lu[1] + 1] in ("：", ":")  # 省建设厅：牵头组织…: the line labels its organ
        if lu is None or not (colon or _WORK_OPENS.match(text, lu[1])) or any(s <= t < s + len(text) for t in taken):
            continue
        (units, _), k = lu
        if not units or units[0][1] != s or not all(regular_name(n, region) or colon and (is_collective(n) or sector_department(n))
                                                    for n, _, _ in units):
            continue  # 各级政府…, 有关部门…: a class, not an organ of the list (unless a colon labels it); 贯彻落实…: no name
        duty = _DUTY.match(text, k)
        if duty and re.match(POST, text[duty.end():]):
            continue  # 省统计局负责人要亲自抓: the organ's head, a person
        role = _DUTY_ROLE.get(duty["word"], "responsible") if duty else "responsible"
        stop = text.find("。", k)
        e = s + (len(text) if stop < 0 else stop)
        refs = [UnitRef(name=n, role=role, verb=duty["word"] if duty else None, span=Span(start=a, end=b)) for n, a, b in units]
        if colon and len(units) == 1 and role == "responsible":
            # 市供销社：负责…，会同市商务局推进… / 市商务局：负责…，牵头制定…: among its duties the organ leads one, as an organ
            # item with a colon does (:func:`_organ_item`)
            partners, leads = _leads_a_later_duty(ft, s + k, e, role)
            if leads:
                refs = [refs[0].model_copy(update={"role": "lead", "verb": "会同" if partners else refs[0].verb}),
                        *_partner_refs(partners)]
                role = "lead"
        out.append(Task(id=f"t{tid + len(out)}", form="running_text", path=it.path, title=it.title, text=ft[s:e],
                        assignment_text=ft[s:e], units=refs, lead_units=[n for n, _, _ in units] if role == "lead" else [],
                        lead_basis="explicit" if role == "lead" else "none", span=Span(start=s, end=e),
                        text_span=Span(start=s, end=e)))
    return out
