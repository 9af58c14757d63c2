"""The inside of a parenthetical, a field value or a cell -> an :class:`Assignment` (clauses of units with roles).

* *clauses* split on ``，；。``: a unit list followed by an action is an assignment. A role word
  (负责, 牵头, 配合, 指导, 监督, 负责落实 …, the table is ``data/role_words.json``) gives each unit its
  role; a clean unit list followed by a short verb the table does not know gives role ``other``
  with the verb kept (:func:`other_verb`); unit-only clauses carry over to the next role word
  (``各有关部门和单位，各省级人民政府按职责分工负责``); ``X会同Y负责`` makes X lead and Y take part;
  clauses of a standing assignment (``以下均需X落实，不再列出``) are left to :mod:`.standing`;
* the lead rules a parenthetical holds (``排第一的为牵头单位，下同``) are kept on the assignment for
  :mod:`.tasks` to record; they decide nothing here;
* the field form ``牵头单位：A；配合单位：B、C；完成时限：…`` (:func:`parse_fields`) names the units by field;
* a parenthetical that is only a list of units closing a task's sentence (:func:`bare_assignment`).

What is read here is shared by every place an assignment is written: parentheticals (:mod:`.tasks`),
field lines (:mod:`.field_lines`) and table cells (:mod:`.task_tables`). Parentheticals that assign
nothing (以下简称…, …内由X负责, 负责人, 国家统计局发布) give ``None``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from ..model import Span
from ..nlp import is_unit
from ..normalize import squeeze
from ..vocabulary import PERSON_POSTS, alternation, organ_ending_alternation
from .parentheticals import Paren
from .rule_grammar import match_rule, scope_patterns
from .unit_lists import (
    _UNIT_SUFFIX,
    POST,
    UNIT_GOES_ON,
    UNIT_ROLES,
    RoleWord,
    _clean_unit,
    _known_unit,
    _list_opener,
    _units_of,
    field_role,
    is_collective,
    lead_mark,
    lead_mark_signs,
    looks_like_unit,
    named_partners,
    organ_end_chars,
    regular_name,
    role_data,
    role_word_pattern,
    strip_role,
    task_columns,
    without_short_names,
)

if TYPE_CHECKING:  # the segmenters load lazily; only their type is named here
    from ..nlp.segment import Segmenter


_CLAUSE_SPLIT = re.compile(r"[，；。]")
_FIELD_HEAD = re.compile(r"^(?P<name>[\u4e00-\u9fff]{2,8})\s*：\s*")
#: a field's name with a note in brackets before its colon: 责任单位（第一家为牵头单位，下同）：
_LABEL_NOTE = re.compile(r"^[\u4e00-\u9fff]{2,8}(?P<note>（(?P<inside>[^（）]{2,40})）)\s*：")
_FIELD_SPLIT = re.compile(r"([，；。]|\s+(?=[\u4e00-\u9fff]{2,8}\s*：))")  # 牵头单位：A  责任单位：B


_VERB = re.compile(r"^[\u4e00-\u9fff]+$")


@lru_cache(maxsize=1)
def _other_shape() -> re.Pattern[str]:
    ends = "".join(sorted(organ_end_chars()))
    return re.compile(rf"[{ends}][\u4e00-\u9fff]{{1,6}}(?:[，；。]|$)")


def other_verb(seg: str, offset: int, segmenter: Segmenter | None = None) -> tuple[list[tuple[str, int, int]], bool, str] | None:
    """``商务部推动``: a clean unit list followed by a short verb the role vocabulary does not know.

    Returns ``(units, non_exhaustive, verb)``, or ``None`` when no prefix of ``seg`` is a unit list
    followed by a verb of at most ``max_other_verb`` characters, or when the verb only says who issued,
    published or counted something (``not_assign_verbs``: 国家统计局发布)."""
    data = role_data()
    seg = seg.rstrip()
    for k in range(1, min(int(data["max_other_verb"]), len(seg) - 2) + 1):
        head, verb = seg[:-k], seg[-k:]
        if not _VERB.match(verb) or _UNIT_SUFFIX.search(verb) or verb.startswith(("的", "等", "和", "及", "与")) \
                or verb[0] in UNIT_GOES_ON:
            continue  # 各有关部|门: the rest of a name (部门), no verb
        if not _UNIT_SUFFIX.search(head):
            continue
        got = _units_of(head, offset, segmenter)
        if got is None:
            continue
        if not all(_clean_unit(n) for n, _, _ in got[0]) or not any(_known_unit(n) for n, _, _ in got[0]):
            return None  # 企业直接向国家发展改革委申报: prose that ends in an organ name, not a unit list
        if any(verb.startswith(v) for v in data["not_assign_verbs"]):
            return None
        return got[0], got[1], verb
    return None


_PERSON_ROLE = re.compile(rf"(?:负责|牵头|责任){POST}")  # a person's post, not a unit's role
_FIELD_UNIT_ROLES = {r: r for r in UNIT_ROLES}
_PAREN = re.compile(r"（(?P<inside>[^（）]*)）")
_LEAD_MARK = lead_mark()  # 市农业农村局（牵头）, 市农业农村局*, 区民政局★
#: 此项由B牵头 / 本项由B牵头 after a field's list: the listed unit that leads the item
_ITEM_LEAD = re.compile(r"^(?:此项|本项|该项)由(?P<unit>[^，。；、]{2,30}?)(?:负责)?牵头$")
_TRAILING_PAREN = re.compile(r"（(?P<inside>[^（）]*)）[。；]?\s*$")


def _person_field(name: str) -> bool:
    """A field of person names (责任领导, 牵头领导, 负责人): ``data/task_columns.json`` ``person_header_words``."""
    return any(w in name for w in task_columns()["person_header_words"])


def _before_glued_field(value: str) -> str:
    """A field's value up to the next field glued onto it (责任单位：莲塘镇任务目标：… on a page that joined two
    lines): the name before the next ``：`` that is a field of its own (a column role or a person field)."""
    k = value.find("：")
    if k <= 0:
        return value
    for n in range(2, min(8, k) + 1):  # the shortest field name that leaves a unit list before it
        name = value[k - n : k]
        if (field_role(name) is not None or _person_field(name)) and _units_of(value[: k - n], 0) is not None:
            return value[: k - n]
    return value


def parse_fields(content: str, offset: int, segmenter: Segmenter | None = None) -> Assignment | None:
    """``牵头单位：A；配合单位：B、C；完成时限：2023年底`` -> clauses by field; ``None`` unless a unit field leads (or
    follows a leading deadline field: ``完成时限：2026年底前；责任单位：A、B``)."""
    label = _LABEL_NOTE.match(content)
    if label is not None and match_rule(label["inside"]) is not None:
        # 责任单位（第一家为牵头单位，下同）：A、B: the rule in the field's label is read by .lead_rules
        content = content[: label.start("note")] + " " * len(label["note"]) + content[label.end("note") :]
    m = _FIELD_HEAD.match(content)
    if m and field_role(m["name"]) == "deadline":
        k = min((x for x in (content.find("；"), content.find("，")) if x > 0), default=-1)
        nxt = _FIELD_HEAD.match(content[k + 1 :].lstrip()) if k > 0 else None
        if nxt is not None and field_role(nxt["name"]) in _FIELD_UNIT_ROLES:
            m = nxt  # the unit field after it leads; the loop below reads the deadline where it stands
    if m and field_role(m["name"]) not in _FIELD_UNIT_ROLES and _person_field(m["name"]):
        k = min((x for x in (content.find("；"), content.find("，")) if x > 0), default=-1)  # 责任领导：丁玲；牵头单位：…
        nxt = _FIELD_HEAD.match(content[k + 1 :]) if k > 0 else None  # (^ matches at 0 only, not at a pos)
        if nxt is not None and field_role(nxt["name"]) in _FIELD_UNIT_ROLES:
            content, offset = content[k + 1 :], offset + k + 1
            m = _FIELD_HEAD.match(content)
    if not m or field_role(m["name"]) not in _FIELD_UNIT_ROLES:
        return None
    tail = _TRAILING_PAREN.search(content)
    if tail and (match_rule(tail["inside"]) is not None or is_standing_clause(tail["inside"])):
        content = content[: tail.start()]  # 责任单位：A、B（第一责任单位为牵头单位，下同）: the rule is read by .lead_rules
    for pm in _PAREN.finditer(content):  # 责任单位：A（首位单位为牵头单位，下同）、B: a rule after the first unit
        if match_rule(pm["inside"]) is not None:
            content = content[: pm.start()] + " " * (pm.end() - pm.start()) + content[pm.end() :]
    a = Assignment(field_form=True)
    pos = 0
    current: str | None = None
    current_name = ""
    for seg in _FIELD_SPLIT.split(content):
        s0 = offset + pos
        pos += len(seg)
        if seg in ("，", "；", "。") or not seg.strip():
            continue
        lead_ws = len(seg) - len(seg.lstrip())
        fm = _FIELD_HEAD.match(seg.strip())
        value, voff = seg.strip(), s0 + lead_ws
        if fm is None and current == "deadline" and content[max(0, pos - len(seg) - 1) : pos - len(seg)] == "。":
            a.glued_at = s0 if a.glued_at is None else a.glued_at  # …；完成时限：2027年12月底前。支持…: the next sentence
            break
        if fm:
            current = field_role(fm["name"])
            if current is None and fm["name"].endswith(("单位", "部门")):
                current = "other"  # 数据提供单位：市统计局: units in a field of another role, the field's name kept
            current_name = fm["name"]
            value, voff = seg.strip()[fm.end():], voff + fm.end()
            if current == "deadline":
                own = value.split()[0] if value.strip() else value
                a.deadline_text = (own, voff)
                if own != value.strip():  # 整改时限：2021年8月13日前 操作间存在鼠粪…: the page's next line ran on after a blank
                    a.glued_at = voff + len(own) if a.glued_at is None else a.glued_at
                    break
                continue
        if current not in _FIELD_UNIT_ROLES and current != "other" or not value:
            current = None if fm else current
            continue
        if match_rule(value) is not None or scope_patterns()[1].match(value) or is_standing_clause(value):
            continue  # 排在首位的为牵头单位 / 以下同 / 具体任务均涉及X: a rule or a standing list inside the field list
        cut = _before_glued_field(value)
        if len(cut) < len(value):
            a.glued_at, value = voff + len(cut), cut
        if a.clauses and (own := _ITEM_LEAD.match(value)) is not None:
            # 责任单位：A、B、C，此项由B牵头: which listed unit leads this item
            named = _units_of(own["unit"], voff + own.start("unit"), segmenter)
            if named is not None and named[0]:
                a.clauses.append(Clause(named[0], "lead", "牵头", Span(start=s0, end=s0 + len(seg)), False))
                continue
        if current == "responsible" and "会同" in value and (worded := worded_clauses(value, voff, segmenter)):
            a.clauses.extend(worded)  # 责任单位：由A会同B、C负责: A leads, B and C take part
            continue
        head, word, _ = strip_role(value)
        said = None
        if word is not None and word.role != "co" and head.strip():
            value = head  # 责任单位：A、B按职责分工负责
            if current == "responsible" and word.role in ("lead", "participant"):
                said = word.role  # 部门分工：A牵头，B、C配合: the value's own word says who leads
        got = _units_of(value, voff, segmenter)
        if got is None and re.search(r"[科处]室", (fm["name"] if fm else "") or current_name):
            got = _offices(value, voff)  # 责任科室：组干科、机关党委: offices inside the issuing unit
        if got is None and current == "responsible" and (worded := worded_clauses(value, voff, segmenter)):
            a.clauses.extend(worded)  # 部门分工：省发展改革委牵头，各地、各部门配合: the value says who leads
            continue
        if got is None:
            if fm and not a.clauses:
                return None  # the first unit field names no unit: a form label, not an assignment
            continue
        marked, rest = _marked_leads(got[0])
        if marked:  # 责任单位：县商务局（牵头）、县文化旅游体育局: the mark says who leads
            a.clauses.append(Clause(marked, "lead", "牵头", Span(start=s0, end=s0 + len(seg)), False))
            got = (rest, got[1])
        a.clauses.append(Clause(got[0], said or _FIELD_UNIT_ROLES.get(current, "other"), fm["name"] if fm else current_name,
                                Span(start=s0, end=s0 + len(seg)), got[1]))
    # 责任单位：A、B、C，其中C为牵头单位: a later clause says which listed unit leads; it is listed once, as the lead
    leads = {n for c in a.clauses if c.role == "lead" for n, _, _ in c.units}
    for c in a.clauses[:-1]:
        if c.role != "lead" and leads & {n for n, _, _ in c.units} and a.clauses[-1].role == "lead":
            c.units = [u for u in c.units if u[0] not in leads]
    a.clauses = [c for c in a.clauses if c.units]
    for p in role_data()["paired_roles"]:
        if a.clauses and all(c.word.startswith(p["word"]) for c in a.clauses):
            return None  # 主办单位：国家能源局华中监管局 alone: who hosts a site or an event (a portal's footer), no assignment
        if not any(c.role == "lead" for c in a.clauses) and any(c.word.startswith(p["with"]) for c in a.clauses):
            # 主办单位：A，协办单位：B: beside its partner field, 主办 leads
            a.clauses = [replace(c, role=p["role"]) if c.word.startswith(p["word"]) else c for c in a.clauses]
    return a if a.clauses else None


def _marked_leads(units: list[tuple[str, int, int]]) -> tuple[list[tuple[str, int, int]], list[tuple[str, int, int]]]:
    """The units a mark after the name says lead (市商务局（牵头）, the name without its mark), and the others."""
    marked = [(n[: m.start()], s, s + m.start()) for n, s, _e in units if (m := _LEAD_MARK.search(n)) and m.start() > 0]
    return marked, [u for u in units if not _LEAD_MARK.search(u[0])] if marked else units


def worded_clauses(text: str, offset: int, segmenter: Segmenter | None = None) -> list[Clause] | None:
    """A unit field or cell that says who leads in its own words (``A牵头，B配合``, ``A会同B``): its
    clauses; None when it names no lead or participant (a plain list, or 负责 only)."""
    a = parse_assignment(text, offset, segmenter)
    if a is None or a.rules or a.field_form or not any(c.role in ("lead", "participant") for c in a.clauses):
        return None
    return a.clauses


_OFFICE = re.compile(r"^[\u4e00-\u9fff]{1,10}" + organ_ending_alternation("office") + "$")


def _offices(value: str, offset: int) -> tuple[list[tuple[str, int, int]], bool] | None:
    """``组干科、机关党委``: the names of offices a 科室/处室 field lists; ``None`` unless each is office-shaped."""
    out = []
    for m in re.finditer(r"[^、，,；\s]+", value):
        if not _OFFICE.match(m.group(0)):
            return None
        out.append((m.group(0), offset + m.start(), offset + m.end()))
    return (out, False) if out else None


@dataclass
class Clause:
    units: list[tuple[str, int, int]]
    role: str
    word: str
    span: Span
    non_exhaustive: bool = False


@dataclass
class Assignment:
    clauses: list[Clause] = field(default_factory=list)
    rules: list[tuple[str, int, int, int, bool, str | None]] = field(default_factory=list)  # text, start, end, position, xiatong, scope text
    field_form: bool = False
    deadline_text: tuple[str, int] | None = None
    glued_at: int | None = None  # where a field glued onto a unit field's value begins (责任单位：莲塘镇|任务目标：…)


@lru_cache(maxsize=1)
def standing_opener() -> str:
    """The regular expression of a standing-assignment opener: ``以下各项工作均需``, ``具体任务均涉及``, ``以下均由`` …
    (``[scope][all][items]need`` from ``data/role_words.json``)."""
    parts = role_data()["standing"]["opener_parts"]

    def alt(ws: list[str]) -> str:
        return "|".join(sorted(map(re.escape, ws), key=len, reverse=True))

    return (f"(?:{alt(parts['scope'])})?(?:{alt(parts['all'])})?(?:{alt(parts['items'])})?(?:{alt(parts['need'])})")


def is_standing_clause(text: str) -> bool:
    """``以下均需X落实`` / ``具体任务均涉及X`` / ``不再列出``: a clause of a standing assignment (:mod:`.standing`)."""
    st = role_data()["standing"]
    t = text.strip()
    return bool(re.match(standing_opener(), t)) or any(t == m or t.startswith("不再") and m in t for m in st["markers"])


@lru_cache(maxsize=1)
def _post() -> re.Pattern[str]:
    """One person named by post (分管副省长, 王丹县长, 副市长张三): ``vocabulary.json`` ``person_posts``."""
    return re.compile(rf"^[\u4e00-\u9fff]{{0,6}}{alternation(PERSON_POSTS)}(?:[\u4e00-\u9fff]{{2,3}})?$")


def _persons_list(text: str) -> bool:
    items = [x.strip() for x in re.split(r"[、和及]", text)]
    return all(_post().match(x) and not looks_like_unit(x) for x in items)


_DEADLINE_TAIL = re.compile(r"\s*[/／]\s*(?=[^/／]*$)|\s+(?=\S+$)")


def _without_deadline_tail(content: str) -> str:
    """``content`` without a deadline after a slash or a blank at its end (（区商务委、区市场监管局/2026年底前）,
    （X、Y　持续推进）), or before a comma at its start (（2026年底前完成，X牵头，Y配合）: blanked, the same length);
    the offsets of what is kept do not change."""
    t = content.rstrip()
    cut = _DEADLINE_TAIL.search(t)
    if cut is not None and _deadline_only(t[cut.end() :]):
        return content[: cut.start()]
    k = min((i for i in (content.find("，"), content.find(",")) if i > 0), default=-1)
    if k > 0 and _deadline_only(content[:k]) and content[k + 1 :].strip():
        return " " * (k + 1) + content[k + 1 :]
    return content


def parse_assignment(content: str, offset: int, segmenter: Segmenter | None = None) -> Assignment | None:
    """Read the inside of a parenthetical; ``None`` when it assigns nothing.

    A clause assigns when it is a unit list followed by an action: a role word of the vocabulary
    gives the role, an unknown short verb gives role ``other`` (the verb kept, :func:`other_verb`)."""
    content = without_short_names(_without_deadline_tail(content))  # （X主办，Y协办/每年12月底前）, （A（以下简称B）、C）
    if _PERSON_ROLE.search(content) and not role_word_pattern().search(_PERSON_ROLE.sub("", content)):
        return None  # 养老服务机构负责人为第一责任人: names a person's post, assigns no unit
    if not role_word_pattern().search(content) and not _FIELD_HEAD.match(content) and not _other_shape().search(content) \
            and match_rule(content) is None:
        return None  # no role word, no field, no organ name closing on a short verb, no rule: nothing is assigned (以下简称… 含磁浮 …)
    fields = parse_fields(content, offset, segmenter)
    if fields is not None:
        return fields
    if _FIELD_HEAD.match(content):
        return None  # a form label (负责人：…), not an assignment
    a = Assignment()
    pos = 0
    pending: list[tuple[str, int, int]] = []
    pending_etc = False
    segs = [part for seg in _CLAUSE_SPLIT.split(content) for part in _role_pairs(seg)]
    for idx, seg in enumerate(segs):
        s0 = offset + pos
        pos += len(seg) + 1
        text = seg.strip()
        if not text:
            continue
        rule = _match_rule(text)
        if rule is not None:
            if pending:  # 省商务厅、省交通运输厅，排在第一位的为牵头单位，下同: the bare list the rule speaks of
                a.clauses.append(Clause(pending, "responsible", "", Span(start=pending[0][1], end=pending[-1][2]),
                                        pending_etc))
                pending, pending_etc = [], False
            # 列第一位的为牵头部门，其他部门和单位按职责分工负责，下同: the scope may close the parenthetical
            # or stand before it: （X、Y，以下同，均以列第一位的单位为牵头单位）
            later = next((x.strip() for x in segs[idx + 1 :] + segs[:idx] if scope_patterns()[1].match(x.strip())), None)
            xia = later is not None
            scope_text = later
            a.rules.append((text, s0, s0 + len(seg), rule, xia, scope_text))
            continue
        if scope_patterns()[1].match(text) or is_standing_clause(text):
            continue  # 下同 / 以下均需X落实，不再列出: read by .standing, never a unit of this task
        if a.rules and text.startswith(("其他", "其余")) and idx > 0 and _match_rule(segs[idx - 1].strip()) is not None:
            continue  # 列第一位的为牵头部门，其他部门和单位按职责分工负责: the rule's second half, the rest of the list
        if not a.clauses and not pending and _deadline_only(text):
            continue  # （2026年12月底前完成；运城海关牵头，市商务局配合）: the deadline first, read by find_deadline
        lead_ws = len(seg) - len(seg.lstrip())
        word: RoleWord | None
        if "会同" in text:
            units_part, word = text, RoleWord("会同", "co")
        else:
            units_part, word, _ = strip_role(text)
        paired = next((p for p in role_data().get("paired_roles", []) if text.endswith(p["word"]) and p["with"] in content), None)
        if word is None and paired is not None:  # 省发改委主办，省工信委、科技厅协办: 主办 beside 协办 leads
            units_part, word = text[: -len(paired["word"])], RoleWord(paired["word"], paired["role"])
        if word is None:
            other = other_verb(text, s0 + lead_ws, segmenter)
            if other is not None:
                a.clauses.append(Clause(pending + other[0], "other", other[2], Span(start=s0, end=s0 + len(seg)), other[1] or pending_etc))
                pending, pending_etc = [], False
                continue
            if pending and _list_opener().match(text) and role_word_pattern().search(text):
                # A、B、C，其中B负责发布成果: what one listed unit does in the work; the list assigns it
                a.clauses.append(Clause(pending, "responsible", "", Span(start=pending[0][1], end=pending[-1][2]),
                                        pending_etc))
                pending, pending_etc = [], False
                continue
            got = _units_of(text, s0 + lead_ws, segmenter)
            if got is None:
                if a.clauses:
                    continue  # trailing prose after the assignment (…负责，确保…)
                if pending and any(_match_rule(x.strip()) is not None for x in segs[idx + 1 :]):
                    continue  # 多个单位的，第一家为牵头单位: the condition of the rule that follows
                return None
            pending += got[0]
            pending_etc = pending_etc or got[1]
            continue
        if word.role == "co":
            left, _, right = units_part.partition("会同")
            right_units, right_word, _ = strip_role(text[len(left) + 2 :])
            gl = _units_of(left, s0 + lead_ws, segmenter)
            gr = _units_of(right_units, s0 + lead_ws + len(left) + 2, segmenter) if right_units.strip() else ([], False)
            if gl is None:
                return None
            a.clauses.append(Clause(pending + gl[0], "lead", "会同", Span(start=s0, end=s0 + len(seg)), gl[1] or pending_etc))
            gr_units = named_partners(gr[0] if gr else [])  # 会同有关部门: no named unit
            if gr is not None and gr_units:  # gr_units come from gr
                a.clauses.append(Clause(gr_units, "participant", "会同", Span(start=s0, end=s0 + len(seg)), gr[1]))
            pending, pending_etc = [], False
            continue
        if "配合" in units_part and not pending:  # 省人事厅配合省委有关部门落实: X supports, Y carries the work
            left, _, right = units_part.partition("配合")
            gl = _units_of(left, s0 + lead_ws, segmenter) if left.strip() else None
            gr = _units_of(right, s0 + lead_ws + len(left) + 2, segmenter) if right.strip() else None
            if gl is not None and gr is not None and gl[0] and gr[0]:
                a.clauses.append(Clause(gl[0], "participant", "配合", Span(start=s0, end=s0 + len(seg)), gl[1]))
                a.clauses.append(Clause(gr[0], word.role, word.text, Span(start=s0, end=s0 + len(seg)), gr[1]))
                continue
        got = _units_of(units_part, s0 + lead_ws, segmenter) if units_part.strip() else ([], False)
        if got is None and not pending and _persons_list(units_part):
            continue  # 分管副省长、协管副秘书长负责，省科技厅牵头: the persons over the work, then its units
        if got is None:
            if a.clauses:
                continue
            return None
        if not got[0] and not pending:
            return None
        if pending and ({n for n, _, _ in got[0]} & {n for n, _, _ in pending} or word.role == "lead" and got[0]):
            # 市新经济委、市体育局，市新经济委牵头: the list, then which of its units leads — the list stays its own clause;
            # 市商务局、开发区管委会，市投资促进中心牵头: the list, then the unit that leads it
            a.clauses.append(Clause(pending, "responsible", "", Span(start=pending[0][1], end=pending[-1][2]), pending_etc))
            pending, pending_etc = [], False
        a.clauses.append(Clause(pending + got[0], word.role, word.text, Span(start=s0, end=s0 + len(seg)), got[1] or pending_etc))
        pending, pending_etc = [], False
    if not a.clauses:
        return None
    return a


def _role_pairs(seg: str) -> list[str]:
    """A clause of role clauses joined by 、 (市市场监督管理局主责、市工业商务和信息化局协同), cut at each 、 that closes a
    role word; any other clause as it is. The pieces keep their order and the 、 between them is their separator (one
    character, as the ，；。 between clauses)."""
    out: list[str] = []
    k = seg.find("、")
    while k > 0:
        head = seg[:k]
        word = strip_role(head)[1]
        if word is not None and word.role != "co" and strip_role(seg[k + 1 :])[1] is not None:
            out.append(head)
            seg = seg[k + 1 :]
            k = seg.find("、")
        else:
            k = seg.find("、", k + 1)
    return [*out, seg]


#: what may stand before a bare unit list that closes a task: the task's sentence end
_BARE_AFTER = "。；;"


def bare_assignment(ft: str, p: Paren, segmenter: Segmenter | None = None) -> Assignment | None:
    """A parenthetical that is only a list of units, closing a task's sentence (``推进工作。（省财政厅、
    省工信厅）``): the units are responsible, the lead is left to the document's rules.

    Read only where nothing else can be meant: the parenthetical follows a sentence end (so it
    explains no name before it, as in ``国家发展和改革委员会（国家发展改革委）``), every piece of the
    list is organ-shaped, and at least one is a clean organ name (in the lexicon, named by an
    organ-name rule, or organ-shaped with no function word), not a collective."""
    k = p.start - 2  # the character before the opening bracket
    ends_line = ft[p.end + 1 : p.end + 2] in ("\n", "")
    while k >= 0 and ft[k] in (" \t\n" if ends_line else " \t"):  # …车间10个。\n（市数据局、市工信局）: a line of its own
        k -= 1
    content = p.text
    if content.endswith(("。", "；")):  # （区金融办、区财政局、区房管局。）: the list closed with a full stop inside
        content = content[:-1]
    shift = 0
    parts = re.split(r"([；;])", content)
    if len(parts) == 3 and _deadline_only(parts[0]):  # （2025年10月底前完成；市数据资源局、市商务局）: the deadline first
        shift = len(parts[0]) + 1
        content = parts[2]
    elif len(parts) == 3 and _deadline_only(parts[2]):  # （市数据资源局、市商务局；2025年底前完成）
        content = parts[0]
    elif len(parts) == 1 and (cut := re.search(r"[，,](?=[^，,]*$)", content)) and _deadline_only(content[cut.end() :]):
        content = content[: cut.start()]  # （市农业农村局、市市场监督管理局，2026年底前完成）: a comma before the deadline
    elif len(parts) == 1:
        content = _without_deadline_tail(content)
    content = without_short_names(content)  # （市工业和信息化局（以下简称市工信局）、市科技局）
    closes = ft[p.end + 1 : p.end + 2] in ("。", "；", ";")  # …提质改造（省教育厅、省自然资源厅）。: closes the sentence
    # …增设旅游交通标识（县交通运输局、县住房和城乡建设局）, its paragraph's end: after words that name no organ, it closes it
    closes = closes or ends_line and k >= 0 and ft[k] not in organ_end_chars()
    # …行业标准（市市场监督管理局）；: closing a clause after words that name no organ, one unit assigns it too
    # (after an organ's name, 国家发展和改革委员会（国家发展改革委）, a bracket gives its other name)
    # …康养旅游（市文化和旅游局、市教育局、市卫生健康局），培育…: a list of organs, every one named by its organ's name,
    # closing a clause before the sentence goes on (places, 郑州市、开封市, are no such list)
    if not closes and ft[p.end + 1 : p.end + 2] in ("，", ",") and "、" in content and k >= 0 \
            and ft[k] not in organ_end_chars() and all(is_unit(x.strip()) for x in content.split("、")):
        closes = True
    lone = ft[k] not in _BARE_AFTER and not (closes and "、" in content)  # one name closing a clause, read only when regular
    if k < 0 or (lone and not (closes and ft[k] not in organ_end_chars())):
        return None
    spaced = re.search(r"\s", content.strip()) is not None and not all(
        looks_like_unit(x) for x in re.split(r"[\s、，；]+", content.strip()) if x) \
        and _units_of(content, p.start, segmenter) is None  # （市发改委 国网上饶供电公司）: a list
    # （ 市经信局 ； 市发改委 、 衢州智造新城管委会 ）: blanks padding the marks are a list too
    if not content.strip() or re.search(r"[：:。]", content.strip()) or spaced or _PERSON_ROLE.search(content):
        return None  # （市科技局；中国科学技术大学、高新区管委会）: groups of units split by ； are still a list
    marks = [m.start() + shift for m in _STAR.finditer(content)]  # (市农业农村局*、市生态环境局): * marks who leads
    got = _units_of(_STAR.sub(" ", content), p.start + shift, segmenter)  # every piece organ-shaped, or None
    if got is None:
        return None
    if lone:
        if len(got[0]) != 1 or got[0][0][0] != squeeze(content) or not regular_name(got[0][0][0]):
            return None  # （含施工区）, （由省能源局负责核定的…除外）: no organ's regular name
    after_sentence = ft[k] in "。；;"  # …实现全市域覆盖。（各县（市）区人民政府、各开发区管委会）: the place of an assignment
    if not any(_clean_unit(n) and not n.startswith(("各", "有关", "相关")) and not is_collective(n) for n, _, _ in got[0]) and not (
            after_sentence and all(is_collective(n) for n, _, _ in got[0])):
        return None  # no named organ among them (各设区市人民政府 alone names none, except in a sentence's place of assignment)
    named, unnamed = _marked_leads(got[0])
    if named:  # （市发展改革委、市商务局（牵头）、市财政局）: the mark says who leads, wherever it stands
        return Assignment(clauses=[Clause(named, "lead", "牵头", Span(start=p.start, end=p.end), False)]
                          + ([Clause(unnamed, "responsible", "", Span(start=p.start, end=p.end), got[1])] if unnamed else []))
    if marks:
        starred = [u for u in got[0] if any(u[2] <= p.start + k <= u[2] + 1 for k in marks)]
        rest = [u for u in got[0] if u not in starred]
        clauses = [Clause(starred, "lead", "*", Span(start=p.start, end=p.end), False)]
        return Assignment(clauses=clauses + ([Clause(rest, "responsible", "", Span(start=p.start, end=p.end), got[1])] if rest else []))
    return Assignment(clauses=[Clause(got[0], "responsible", "", Span(start=p.start, end=p.end), got[1])])


_STAR = re.compile(rf"[{lead_mark_signs()}]")


def _deadline_only(clause: str) -> bool:
    """A clause that is a deadline and nothing more (2025年10月底前完成, 持续推进)."""
    from .table_fit import is_period
    from .targets import find_deadline

    t = clause.strip()
    d = find_deadline(t, 0, len(t)) if t else None
    if d is not None and t.replace(d.text, "", 1).strip() in ("", "完成", "前完成", "内完成", "每年", "每季度", "每月"):
        return True  # 每年持续推进
    return bool(t) and is_period(t)  # 每年12月底前, 每年: a deadline cell's words (task_columns.json period_words)


def _match_rule(text: str) -> int | None:
    got = match_rule(text)
    return got[0].position if got else None
