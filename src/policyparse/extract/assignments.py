"""Assignments in running text, outside parentheticals (field lines: :mod:`.field_lines`).

* A *running-text* statement names a unit and the work in one sentence: ``由教育部牵头``,
  ``教育部为牵头单位``, ``X牵头，Y配合``, or a sentence that opens with a list of two or more
  named organs (lexicon names or regional short forms) and an assigning word
  (``省财政厅、省地方金融监管局要加大…``, no lead), ``X要会同Y…`` / ``X牵头负责…`` (X leads), and a
  sentence of two or more role clauses (``市商务部门负责规划…，相关旗县（区）负责组织实施，财政…等部门配合
  落实``, each unit with its role) (form ``running_text``). A
  statement that names no unit (``各有关部门要按照职责分工…``) is not a task, nor is ``负责人：``
  on a form.
* Prose that only *describes* who leads is a *mention*, not a task (kept as a ``lead_mention``
  finding): ``由省政务局牵头建设…`` (a building verb after 牵头), ``建立由X牵头的…机制`` (牵头的),
  ``成立工作专班，由X牵头，Y参加`` (the next clause names a body's members: 参加, 组成),
  ``建立由X牵头、Y参与的联席会议`` (members then 的), ``X会同Y建立的机制``. The
  words are data (``data/role_words.json``: ``mention_verbs``, ``membership_words``, ``assign_words``).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache
from itertools import accumulate, islice

from ..model import Finding, Span, Task, UnitRef
from ..nlp import is_collective as nlp_collective
from ..normalize import squeeze
from ..structure.outline import OutlineItem, item_at
from ..vocabulary import alternation, level_words
from .organ_names import ALIAS, LEVEL_ENDS, names_organs, sector_department, specific_organ
from .rule_grammar import match_rule
from .targets import find_deadline
from .unit_lists import (
    NOT_A_POST,
    _list_opener,
    _role_table,
    _units_of,
    in_organ_name,
    leading_units,
    looks_like_unit,
    named_partners,
    organ_end_chars,
    regular_name,
    role_data,
    role_of_word,
    role_word_pattern,
    without_short_names,
    work_follows,
    work_preposition,
    work_verb,
)

_SENT = re.compile(r"[^。；！？\n]+")
_OPENING_BRACKET = re.compile(r"\s*[（(][^（）()]*[）)]")  # a parenthetical a sentence opens with
#: 本措施由X（会同Y）负责解释: who interprets the document, no task
_INTERPRETS = re.compile(r"负责解释\s*$")
_LEAD_BY = re.compile(r"由(?P<lead>[^，。；由]{2,60}?)牵头(?:负责|组织|推进)?(?:，?(?P<co>[^，。；]{2,60}?)(?P<coword>配合|参与|参加))?")
_LEAD_IS = re.compile(r"(?P<lead>[^，。；：]{2,60}?)(?:作)?为(?:[^，。；：为]{1,20}的)?牵头(?:责任)?(?:单位|部门)")  # 为该议案办理工作的牵头责任单位
_LEAD_CO = re.compile(r"(?:^|[，；])(?P<lead>[^，。；：]{2,40}?)牵头(?:负责)?[，、]?(?:会同)?(?P<co>[^，。；：]{2,60}?)(?P<coword>配合|参与|协助)")
_LEAD_SELF = re.compile(r"(?:^|[，；])(?P<lead>(?![在由经按对])[^，。；：]{2,40}?)(?:要|应|应当|将)?(?:发挥好?|做好|履行好?|承担好?)?牵头(?!的|下|单位|部门)")
_CLAUSE = re.compile(r"[^，；]+")
_ROWS_NAMED = re.compile(r"第\d+项")
_BY_DUTIES = ("按职责分工", "按照职责分工")
#: 主办单位, 协办单位, 牵头部门: a role a lead rule names, no organ
_ROLE_NOUN = re.compile(r"(?:主办|协办|承办|牵头|配合|协同|参与|责任|主责)(?:单位|部门)")
_SUPPORT_LATER = re.compile(r"[，；][^，；。]{2,60}?(?:配合|协助)")
@lru_cache(maxsize=1)
def _manner() -> str:
    """An alternation of ``manner_words`` (分别, 具体 …): how listed units share a duty, printed before its role word."""
    return "|".join(sorted(map(re.escape, role_data()["manner_words"]), key=len, reverse=True))


@lru_cache(maxsize=1)
def _manner_tail() -> re.Pattern[str]:
    return re.compile(f"(?:{_manner()})$")


def _without_manner(text: str) -> str:
    """``text`` without the manner word that closes it (由X、Y共同|牵头, X全程|配合)."""
    return _manner_tail().sub("", text)


@lru_cache(maxsize=1)
def _resp_by() -> re.Pattern[str]:
    """由X负责 / 由X、Y分别负责落实 / 由X具体负责 / 由X承担 closing a clause: X is responsible (or implements), no lead;
    the words are ``by_words`` of ``data/role_words.json``. 由X负责解释: the interpretation clause; 由X另行通知: X
    is to notify."""
    words = "|".join(sorted(map(re.escape, role_data()["by_words"]), key=len, reverse=True))
    return re.compile(rf"(?<!内)由(?P<units>[^。；由：的]{{2,80}}?)(?P<word>(?:{_manner()})?(?:{words})"
                      r"(?P<impl>落实|实施|组织实施)?|另行(?:通知|下达|部署|安排))(?![的人]|解释|同志)")
#: a verb with 了 (起草了, 形成了): what the sentence reports is done; 了解 is no such 了
_DONE = re.compile(r"了(?!解)")
#: the same later in a sentence, where 为了 (in order to) and 除了 (besides) are no report of work done
_DONE_LATER = re.compile(r"(?<![为除])了(?![解结])")
#: 由X牵头评定的名单, 由X牵头组织实施的项目: a verb of up to four characters, then 的 — a relative clause
_RELATIVE = re.compile(r"^[\u4e00-\u9fff]{1,4}的")
#: 由X牵头负责日常工作的…专班: a longer relative clause, a body word of ``data/role_words.json`` after its 的
_RELATIVE_LONG = re.compile(r"^[\u4e00-\u9fff]{5,12}的")


def _by_match(sent: str) -> re.Match[str] | None:
    """The first 由X负责 of :func:`_resp_by` in ``sent`` that hands X work: not 由X承担 of a cost or liability
    named before it in the sentence (…涉及的财政支付责任，由X承担; ``borne_costs`` of ``data/role_words.json``), nor
    one that opens a relative clause (设立由X负责具体协调的工作专班: a body described, as 由X牵头的… is)."""
    m = _resp_by().search(sent)
    if m is not None and m["word"].endswith("承担") and any(w in sent[: m.start()] for w in role_data()["borne_costs"]):
        return None
    if m is not None and _RELATIVE.match(sent[m.end() :]):
        return None
    return m


def _ends_like_unit(head: str) -> bool:
    return bool(head) and (head[-1] in organ_end_chars() or head[-1] in LEVEL_ENDS or head[-1] in "镇乡）")  # 襄河镇配合
_MODAL = re.compile(r"(?:要|应当|应|须|需|将)$")


_MARKER = re.compile(r"^\s*(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+、|\d+[.．、]|第[一二三四五六七八九十百零〇\d]+条)\s*")


@lru_cache(maxsize=1)
def _prose_words() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    data = role_data()

    def alt(ws: list[str]) -> str:
        return "|".join(sorted(map(re.escape, ws), key=len, reverse=True))

    verbs = re.compile(rf"^(?:{alt(data['mention_verbs'])})")
    taking_part = data["membership_words"] + [w["text"] for w in data["words"] if w["role"] == "participant"]
    # 成立专班，由X牵头，Y参加 / 建立由X牵头、Y参与的联席会议 / 由X牵头，Y等部门组成的专班: a body's members
    members = re.compile(rf"^[，,、]?[^，。；]*(?:{alt(data['membership_words'])})(?:[，。；]|$)"
                         rf"|^[，,、]?[^，。；]*?(?:{alt(taking_part)})的")  # in the clause after 牵头: not …，组建由…组成的队
    # not 负责人; not 要求 / 需求 (市青保委要求…加大力度: the unit asks it of others)
    # X、Y分别负责…: a manner word between the list and its word
    assign = re.compile(rf"(?P<units>[^，。；：“”《》]{{3,80}}?)(?:{_manner()})?(?P<word>{alt(data['assign_words'])}){NOT_A_POST}(?!求)")
    return verbs, members, assign


_LIST_SEP = re.compile(r"[、和及与]")


def is_mention(sent: str, m: re.Match[str]) -> bool:
    """A 牵头 statement that describes who leads a body or builds a system, and assigns no task."""
    verbs, members, _ = _prose_words()
    after = sent[m.end("lead") :]
    after = after[after.index("牵头") + 2 :] if "牵头" in after else after
    if after.startswith("的"):
        return True
    if verbs.match(after):  # 由X牵头建设…: describes; X牵头建立…，Y、Z配合: a later clause gives others a part, it assigns
        return not _SUPPORT_LATER.search(after)
    if _DONE.search(after[:24]):
        return True  # 市卫健委牵头，会同市教体局起草了《…》: a report of work done, not an assignment
    if _RELATIVE.match(after):
        return True  # 纳入由省农业农村厅牵头评定的星级名单: a relative clause naming who rates, assigns nothing
    if (rel := _RELATIVE_LONG.match(after)) is not None \
            and any(w in after[rel.end() : rel.end() + 24].split("，")[0] for w in role_data()["body_words"]):
        return True  # 成立由X牵头负责日常工作的…工作专班: a longer relative clause, then the body it describes
    # 成立工作专班，由X牵头，Y参加: members of a body the sentence forms; 由X牵头，Y参加，组织…开展…: work assigned;
    # 建立由X牵头、Y等部门参加的…制度: members then 的, a relative clause, whatever it names
    mm = members.match(after)
    return mm is not None and (mm.group(0).endswith("的") or any(w in sent for w in role_data()["body_words"]))


def _named(units: list[tuple[str, int, int]]) -> bool:
    generic = _role_table()[1]
    return any(looks_like_unit(n) and not n.startswith(("各", "有关", "相关")) and n not in generic for n, _, _ in units)


#: a unit field after the item's last sentence on its line: 。责任单位：A牵头，B配合。
def _role_clause(clause: str, offset: int):
    """``市商务部门负责规划、指导、验收`` -> (units, role, word, co units): a clause that opens with a unit list,
    an optional 要/应, and a role word (or 会同 and a second unit list); ``None`` otherwise."""
    roles = role_of_word()
    body = _MARKER.sub("", clause, count=1)
    k_by = body.find("由")
    if 0 <= k_by and "会同" in body[k_by:] and (k_by == 0 or not _ends_like_unit(body[:k_by])):
        body = body[k_by + 1 :]  # (有关计划)由市数据资源局会同市经信局、市科技局…: the same as X会同Y
    off = offset + len(clause) - len(body)
    best = None
    for m in role_word_pattern().finditer(body, 2):  # the earliest role word after at least two characters
        if roles.get(m.group(0), "co") != "co" and not in_organ_name(body, m.start(), m.end()):
            best = (m.start(), m.group(0))
            break
    k_co = body.find("会同")
    head = _MODAL.sub("", body[:k_co]) if k_co >= 2 else ""
    lead = _units_of(head, off) if head else None
    # a role word before 会同 may be part of the leading organ's name (国家金融监督管理总局X分局会同…)
    if k_co >= 2 and (best is None or k_co <= best[0] or (lead is not None and _named(lead[0]))):
        rest = body[k_co + 2 :]
        lu = leading_units(rest, off + k_co + 2)
        co = lu[0] if lu else None
        if lead is None or not _named(lead[0]):
            return None
        verbs = _prose_words()[0]
        after = rest[lu[1]:] if lu else rest
        if _DONE.search(after[:24]):
            return None  # X会同Y编制形成了…: a report of work done, not an assignment
        if (vm := verbs.match(after)) and after[vm.end():].startswith("的"):
            return None  # X会同有关部门建立的协调机制: describes a body, assigns nothing
        co_units = named_partners(co[0] if co else [])
        return lead[0], "lead", "会同", co_units
    if best is None:
        return None
    k, word = best
    head = _MODAL.sub("", _without_manner(body[:k]))  # X要… / X全程配合
    if (tv := _work_verb_at_end(head)) is not None:
        head = head[:tv]  # 市应急管理局、市公安局加强|指导督促: the verb before the role word names no unit
    if not _ends_like_unit(head) or work_verb().match(head.strip()):
        return None  # 接受全社会监督: a verb opens the clause, not a unit
    if work_preposition().match(head.strip()):
        return None  # 对市工信局负责推进的技改项目给予贴息: the organ is the object of a preposition, not the clause's subject
    got = _units_of(head, off)
    if got is None:
        return None
    return got[0], roles[word], word, []


_JOINING = ("participant", "implement", "guide", "supervise")  # roles of the clauses that follow 由X负责 in one sentence


def _work_verb_at_end(head: str) -> int | None:
    """Where a work verb ending ``head`` starts (加强 of 市公安局加强), or None."""
    for m in work_verb().finditer(head):
        if m.end() == len(head.rstrip()) and m.start() > 0:
            return m.start()
    return None


#: a clause read by _role_clause: (units, role, word, co units), with the clause's match
_Found = tuple[re.Match[str], tuple[list[tuple[str, int, int]], str, str, list[tuple[str, int, int]]]]


def _role_clauses(sent: str, s0: int, pos: int) -> list[_Found]:
    """The clauses of ``sent`` from ``pos`` on that :func:`_role_clause` reads, with their matches."""
    return [(cm, got) for cm in _CLAUSE.finditer(sent, pos) if (got := _role_clause(cm.group(0), s0 + cm.start())) is not None]


def _clause_task(ft: str, s0: int, s1: int, sent: str, items: list[OutlineItem], tid: int) -> Task | None:
    """A running-text assignment made of role clauses: ``X要会同Y…`` (X leads), or two or more clauses
    that each open with units and a role word (``市商务部门负责规划…，相关旗县（区）负责组织实施，
    财政…等部门配合落实``). At least one unit must be a named organ."""
    if "会同" not in sent and not _by_match(sent) and sum(1 for _ in islice((m for m in role_word_pattern().finditer(sent, 2)
                                                       if _ends_like_unit(_MODAL.sub("", sent[max(0, m.start() - 3):m.start()]))), 2)) < 2:
        return None  # neither X会同Y nor two role words after an organ name: no sentence of role clauses
    found: list[_Found] = []
    by = _by_match(sent) if "会同" not in sent else None
    if by is not None and _bracket_depth(sent, by.start()):
        by = None  # …予以通报（考核工作由市绩效办负责组织）: a note in brackets on who handles part of it
    paired = next((p for p in role_data()["paired_roles"] if by is not None and by["word"].endswith(p["word"])), None)
    if paired is not None and paired["with"] not in sent[by.end():]:  # type: ignore[union-attr]
        by = None  # 由市文旅局主办 alone: who organises an event, not a role beside its partner
    if by is not None:  # 由办公室、省财政研究和教育中心负责，… / 由X负责，Y配合 / 由X，Y负责落实
        named = _units_of(by["units"], s0 + by.start("units"))
        joining = [f for f in _role_clauses(sent, s0, by.end()) if f[1][1] in _JOINING]  # Y配合, Z协办, W加强指导
        if named is not None and (_named(named[0]) or any(_named(got[0]) for _, got in joining)):
            role = "implement" if by["impl"] or "承办" in by["word"] or by["word"].endswith("实施") else "responsible"
            if paired is not None:  # 由市卫生局主办，市发展和改革局、规划局协办: 主办 leads beside its partner
                role = paired["role"]
            found = [(by, (named[0], role, by.group("word"), [])), *joining]
    if not found:
        found = _role_clauses(sent, s0, 0)
        if len(found) > 1 and all(f[1][1] == "responsible" for f in found):
            return None  # 县公安消防大队负责甸中镇，县文体局负责双江街道: each its own work, one task each (no role clauses)
    co = [f for f in found if f[1][2] == "会同"]
    if not co and len(found) < 2 and not (found and found[0][0] is by):
        return None
    if co:
        # X会同Y，Z、W参与…: the units of later joining clauses take part too
        found = co[:1] + [f for f in found if f[0].start() > co[0][0].start() and f[1][1] in _JOINING]
        if _DONE_LATER.search(sent, found[0][0].end()):
            return None  # X会同Y组成督查组，对…进行了实地督查: a report of work done, not an assignment
    units: list[UnitRef] = []
    for _, (us, role, word, co_units) in found:
        units += [UnitRef(name=n, role=role, verb=word, span=Span(start=a, end=b)) for n, a, b in us]
        units += [UnitRef(name=n, role="participant", verb=word, span=Span(start=a, end=b)) for n, a, b in co_units]
    if all(_ROLE_NOUN.fullmatch(u.name) for u in units):
        return None  # 主办单位要牵头…，协办单位要积极配合: roles the rule names, no organ
    if not _named([(u.name, 0, 0) for u in units]) or len({u.name for u in units}) < len(units):
        return None
    first = found[0][0].group(0)
    a0, a1 = s0 + found[0][0].start() + len(first) - len(first.lstrip()), s0 + found[-1][0].end()
    if units and ft[units[0].span.start - 1 : units[0].span.start] == "由":
        a0 = max(a0, units[0].span.start - 1)  # 有关专项计划由X会同Y…: the assignment starts at 由
    leads = [u.name for u in units if u.role == "lead"]
    it = _item_of(items, ft, s0)
    return Task(id=f"t{tid}", form="running_text", path=it.path if it else "", title=it.title if it else "",
                text=squeeze(sent), assignment_text=squeeze(ft[a0:a1]), units=units, lead_units=leads,
                lead_basis="explicit" if leads else "none", deadline=find_deadline(ft, s0, s1),
                role_words=[f[1][2] for f in found], span=Span(start=a0, end=a1), text_span=Span(start=s0, end=s1))


class _Spans:
    """Spans looked up in O(log n): does one hold a position, or start inside a range?"""

    def __init__(self, spans: list[Span]) -> None:
        ordered = sorted((s.start, s.end) for s in spans)
        self.starts = [a for a, _ in ordered]
        self.reach = list(accumulate((b for _, b in ordered), max))  # the furthest end among the first k

    def holds(self, pos: int) -> bool:
        k = bisect_right(self.starts, pos)
        return k > 0 and self.reach[k - 1] > pos

    def starts_in(self, lo: int, hi: int) -> bool:
        k = bisect_left(self.starts, lo)
        return k < len(self.starts) and self.starts[k] < hi


def extract_running_text(
    ft: str, start: int, end: int, items: list[OutlineItem], taken: list[Span], *, first_id: int = 1,
    closed: list[Span] | None = None, region: tuple[str | None, str | None] = (None, None), sectors: bool = True,
) -> tuple[list[Task], list[Finding]]:
    """Tasks stated in running text (由X牵头, X为牵头单位, X牵头，Y配合, X、Y要…) outside ``taken``
    spans, and the mentions (statements of who leads that assign nothing) as findings. A
    sentence inside ``closed`` (text that a parenthetical assigns) is never a 要-sentence task."""
    in_taken, in_closed = _Spans(taken), _Spans(closed or [])
    out: list[Task] = []
    mentions: list[Finding] = []
    _, _, assign = _prose_words()
    for sm in _SENT.finditer(ft, start, end):
        s0, sent = sm.start(), sm.group(0)
        if (opening := _OPENING_BRACKET.match(sent)) is not None and in_taken.starts_in(s0, s0 + opening.end()) \
                and sent[opening.end() :].strip():
            # …研发中心。（市科技局、市农业农村局）对新认定的…，由市财政局会同…: the parenthetical closes the sentence before
            # it, its full stop printed first; what follows is a sentence of its own
            s0, sent = s0 + opening.end(), sent[opening.end() :]
        if _INTERPRETS.search(sent):
            continue
        mk = _MARKER.match(sent)
        if mk:
            sent = " " * mk.end() + sent[mk.end():]  # （三）省发展改革委牵头…: the item marker names no unit
        if "牵头" in sent and (rb := _RULE_BRACKET.search(sent)) is not None and match_rule(rb.group(0)) is not None:
            # 请X、Y（排在第一位的为牵头单位，下同）于…提供…: the rule's bracket declares; the sentence around it assigns
            sent = sent[: rb.start()] + " " * len(rb.group(0)) + sent[rb.end() :]
        if "牵头" not in sent:  # every 牵头 pattern below needs it: role clauses or a 要-sentence
            if in_taken.holds(s0) or in_taken.starts_in(s0, sm.end()):
                continue
            if in_closed.holds(s0):
                # the text a parenthetical closes is assigned by it, but for a sentence that gives units their roles
                # itself (…由X负责，Y、Z配合。 / X要会同Y…): a task of its own beside the item's
                task = _clause_task(ft, s0, sm.end(), sent, items, first_id + len(out))
                if task is not None and (task.lead_basis == "explicit" or any(u.role == "participant" for u in task.units)):
                    out.append(task)
                continue
            if match_rule(sent) is not None:
                continue  # …排序首位的为主办单位，其余为协办单位: a lead rule declares, it assigns nothing
            if _partners_named(ft, s0, sent, out, items):
                continue  # X为牵头责任单位…。Y、Z为协办单位: they take part in X's task
            task = _unled_task(ft, s0, sm.end(), sent, items, first_id + len(out), region, assign, sectors=sectors)
            secretariat = _keeps_a_body(sent)
            if task is not None and secretariat:
                mentions.append(Finding(kind="lead_mention", unit="、".join(u.name for u in task.units),
                                        message=f"{squeeze(sent)}: runs a body's daily work, assigns no task",
                                        spans=[task.span]))
            elif task is not None:
                out.append(task)
            if not secretariat:  # X要会同Y…，Z负责…: a later clause of its own after a led one too
                after = task.span.end - s0 if task is not None else 0
                more = _later_clauses(ft, s0, sm.end(), sent, items, first_id + len(out), region, assign, after, sectors=sectors)
                if more and task is not None and task.text_span is not None:  # X要…，Y要…: X's task ends where Y's begins
                    cut = more[0].span.start - 1
                    task.text, task.text_span = squeeze(ft[task.text_span.start : cut]), Span(start=task.text_span.start, end=cut)
                out += more
            continue
        if in_taken.holds(s0) or in_taken.starts_in(s0, sm.end()):
            continue
        if match_rule(sent) is not None:
            continue  # a lead rule (排在首位的部门为牵头部门) declares, it assigns nothing
        it = _item_of(items, ft, s0)
        shown, sent = sent, without_short_names(sent)  # 由市卫生健康委员会（以下简称市卫生健康委）牵头: the organ, not the note
        made, n_mentions = len(out), len(mentions)
        led_by = False
        for rx in (_LEAD_BY, _LEAD_CO, _LEAD_IS, _LEAD_SELF):
            m = rx.search(sent)
            if not m:
                continue
            if _ROWS_NAMED.search(sent, 0, m.start()):
                continue  # 注：第6项、第11项由兰州海关牵头: the lead of a table's rows (.table_notes.row_leads)
            if _inside_note(sent, m.start()):
                continue  # 争创先行区（由国家数据局牵头组织评定），全年…: a note in brackets inside the sentence
            if work_verb().match(m["lead"].lstrip()):
                continue  # 支持企业和科研机构牵头或参与制定…: the sentence's verb, then whom it supports
            lt = _without_manner(m["lead"])  # 由X、Y共同牵头
            lead_word = m["lead"][len(lt) :] + "牵头"
            lead = _units_of(lt.lstrip(), s0 + m.start("lead") + len(lt) - len(lt.lstrip()))
            if lead is None or not _named(lead[0]) or all(nlp_collective(n) for n, _, _ in lead[0]):
                continue  # 由省政府有关部门及设区市人民政府牵头和配合: classes of units, no named lead
            if is_mention(sent, m):
                mentions.append(Finding(kind="lead_mention", unit="、".join(n for n, _, _ in lead[0]),
                                        message=f"{squeeze(shown)}: says who leads, assigns no task",
                                        spans=[Span(start=s0 + m.start(), end=s0 + m.end())]))
                break
            co, co_word = None, None
            if "co" in m.groupdict() and m["co"]:
                co, co_word = _units_of(m["co"], s0 + m.start("co")), m["coword"]
            elif (k := sent.find("会同", m.end(), m.end() + 3)) >= 0:  # 由教育部牵头，会同财政部制定…
                got = leading_units(sent[k + 2 :], s0 + k + 2)
                if got is not None:
                    co, co_word = (named_partners(got[0][0]), got[0][1]), "会同"
            units = [UnitRef(name=n, role="lead", verb=lead_word, span=Span(start=s, end=e)) for n, s, e in lead[0]]
            units += [UnitRef(name=n, role="participant", verb=co_word, span=Span(start=s, end=e)) for n, s, e in (co[0] if co else [])]
            # …，Y、Z给予支持 / Y配合 in a later clause of the sentence: they take part
            for _cm, (us, role, word, _co) in _role_clauses(sent, s0, m.end()):
                if role in _JOINING and not (co and _cm.group(0).lstrip().startswith("会同")):  # not the 会同 clause again
                    units += [UnitRef(name=n, role=role, verb=word, span=Span(start=a, end=b)) for n, a, b in us
                              if all(u.name != n for u in units)]
            out.append(Task(id=f"t{first_id + len(out)}", form="running_text", path=it.path if it else "",
                            title=it.title if it else "", text=squeeze(shown), assignment_text=squeeze(shown[m.start():m.end()]).lstrip("，；"),
                            units=units, lead_units=[n for n, _, _ in lead[0]], lead_basis="explicit",
                            deadline=find_deadline(ft, s0, sm.end()), span=Span(start=s0 + m.start(), end=s0 + m.end()),
                            text_span=Span(start=s0, end=sm.end())))
            led_by = rx is _LEAD_BY
            if led_by and "会同" in sent[: m.start()]:
                # X要会同Y引导…，由Z牵头开展…: the clauses before 由Z牵头 are a 会同 task of their own
                cut = sent.rfind("，", 0, m.start())
                led = out.pop()
                first = _clause_task(ft, s0, s0 + cut, sent[:cut], items, first_id + len(out)) if cut > 0 else None
                if first is not None:
                    out.append(first)
                    led.id = f"t{first_id + len(out)}"
                out.append(led)
            break
        if len(out) > made and out[-1].form == "running_text" and out[-1].span.end < sm.end():
            # X要发挥好牵头协调作用，Y要…，Z要…: each later clause opened by named organs is a task of its own
            lead_task = out[-1]
            for t in _later_clauses(ft, s0, sm.end(), sent, items, first_id + len(out), region, assign,
                                    lead_task.span.end - s0, sectors=sectors):
                named = {u.name for u in lead_task.units}
                if t.assignment_text.endswith(_BY_DUTIES):  # X牵头，Y、Z按职责分工落实: Y and Z take part in X's task
                    lead_task.units += [u.model_copy(update={"role": "participant"}) for u in t.units if u.name not in named]
                elif led_by:  # 由X牵头，…，Y、Z分别负责…，W负责…: the work X leads, each of them with its share
                    lead_task.units = sorted(lead_task.units + [u for u in t.units if u.name not in named],
                                             key=lambda u: u.span.start)  # in the order printed
                elif not {u.name for u in t.units} <= named:
                    out.append(t)
        if len(out) == made and not in_closed.holds(s0):
            # no 牵头 task here (a mention: 建立由X牵头的…机制; or 龙头企业牵头): the sentence may still be
            # X会同Y… or open, before any mention, with named organs and an assigning word
            # (…领导小组办公室要加强统筹调度，建立由X牵头…)
            before = mentions[-1].spans[0].start - s0 if len(mentions) > n_mentions else None
            task = _unled_task(ft, s0, sm.end(), sent, items, first_id + len(out), region, assign, before=before, sectors=sectors)
            if task is not None:
                out.append(task)
            if before is None and (task is None or task.lead_basis == "none"):
                # 县直各单位要…，县农业农村局要发挥好牵头协调作用，县农机服务中心要…: later clauses, each its own task
                after = task.span.end - s0 if task is not None else 0
                out += _later_clauses(ft, s0, sm.end(), sent, items, first_id + len(out), region, assign, after, sectors=sectors)
    # 专班办公室负责日常协调 after 成立…专班: the office of a body the text describes, its remit, no task of its own (由领导小组办公室
    # 牵头，制定… assigns it work, and is one)
    kept = [t for t in out if t.lead_units or not all(_body_office().fullmatch(u.name) for u in t.units)]
    return [t.model_copy(update={"id": f"t{first_id + k}"}) for k, t in enumerate(kept)] if len(kept) < len(out) else out, mentions


@lru_cache(maxsize=1)
def _body_office() -> re.Pattern[str]:
    """The office of a body named by the body alone, no region or level before it (专班办公室, 链长制工作机制办公室,
    领导小组办公室): a body's organ, not a unit of the document's government (市领导小组办公室 is)."""
    bodies = "|".join(sorted(map(re.escape, role_data()["body_words"]), key=len, reverse=True))
    levels = alternation(level_words("regional"))
    return re.compile(rf"(?!{levels})[\u4e00-\u9fff]{{0,10}}(?:{bodies})办(?:公室)?")


@lru_cache(maxsize=1)
def _daily_work() -> re.Pattern[str]:
    bodies = "|".join(sorted(map(re.escape, role_data()["body_words"]), key=len, reverse=True))
    return re.compile(rf"(?:负责|承担|承办)(?:{bodies}|办公室)?(?:的)?日常(?:工作|事务)|日常(?:工作|事务)由")


#: Y、Z为协办单位 / 为配合单位: a sentence naming the partners of the lead the sentence before named
_PARTNERS_ARE = re.compile(r"^\s*(?P<units>[^，。；：]{2,200}?)为(?:协办|配合|参与|协作)(?:单位|部门)")


def _partners_named(ft: str, s0: int, sent: str, out: list[Task], items: list[OutlineItem]) -> bool:
    """``州交通运输局为该议案办理工作的牵头责任单位…。州发改委、州旅游委…为协办单位``: the units of a sentence that says
    they are the partners join the lead task of the sentence before it, in the same item, as participants."""
    m = _PARTNERS_ARE.match(sent)
    last = out[-1] if out else None
    if m is None or last is None or not last.lead_units or last.form != "running_text":
        return False
    it = _item_of(items, ft, s0)
    if (it.path if it else "") != last.path or ft[last.text_span.end if last.text_span else last.span.end : s0].strip("。 \n") :
        return False  # not the sentence right after the lead's, in its item
    got = _units_of(m["units"].strip(), s0 + m.start("units") + len(m["units"]) - len(m["units"].lstrip()))
    if got is None or not _named(got[0]):
        return False
    named = {u.name for u in last.units}
    last.units += [UnitRef(name=n, role="participant", verb="协办", span=Span(start=a, end=b)) for n, a, b in got[0]
                   if n not in named]
    return True


def _keeps_a_body(sent: str) -> bool:
    """``（由X负责专班日常工作）``, ``X承担联席会议日常工作``, ``…日常工作由X负责``: the unit is a body's secretariat, which describes the
    body (like ``办公室设在X``), not work the plan assigns."""
    return _daily_work().search(sent) is not None


def _item_of(items: list[OutlineItem], ft: str, s0: int) -> OutlineItem | None:
    """The outline item a sentence starting at ``s0`` belongs to, looked up at its first printed character
    (an indented paragraph, ``  三、市考评办要…``, starts before its item's heading does)."""
    k = s0
    while k < len(ft) and ft[k] in " \t\u3000":
        k += 1
    return item_at(items, k)


def _bracket_depth(sent: str, at: int) -> int:
    """How many brackets are open at ``sent[at]``."""
    depth = 0
    for ch in sent[:at]:
        if ch in "（(":
            depth += 1
        elif ch in "）)" and depth:
            depth -= 1
    return depth


def _inside_note(sent: str, at: int) -> bool:
    """Whether ``sent[at]`` lies inside brackets that the sentence goes on after (a note, not the
    sentence's own assignment, which a closing parenthetical task reads)."""
    if not _bracket_depth(sent, at):
        return False
    close = min((k for k in (sent.find("）", at), sent.find(")", at)) if k >= 0), default=-1)
    return close >= 0 and bool(sent[close + 1 :].strip(" 。；，,;"))


def _unled_task(ft: str, s0: int, s1: int, sent: str, items: list[OutlineItem], tid: int,
                region: tuple[str | None, str | None], assign: re.Pattern[str], *, before: int | None = None,
                sectors: bool = True) -> Task | None:
    """A sentence of role clauses (:func:`_clause_task`), else one opened by named organs and an assigning word
    (:func:`_assigning_sentence`). ``before``: where a mention of the sentence starts; then only an opening
    that ends before it counts (…领导小组办公室要加强统筹调度，建立由X牵头的…机制), and no role clauses."""
    task = _clause_task(ft, s0, s1, sent, items, tid) if before is None else None
    if task is not None:
        return task
    um = _assign_match(sent, assign)
    if um is None and before is None:
        return _request_task(ft, s0, s1, sent, items, tid, region, sectors=sectors) \
            or _comma_duty(ft, s0, s1, sent, items, tid, region, sectors=sectors)
    if um is None or (before is not None and um.end() > before):
        return None
    return _assigning_sentence(ft, s0, s1, sent, um, _item_of(items, ft, s0), tid, region, sectors=sectors)


#: a bracket in running text that names who leads: a lead rule declared inside the sentence it opens
_RULE_BRACKET = re.compile(r"（[^（）]*牵头[^（）]*）")


def _request_task(ft: str, s0: int, s1: int, sent: str, items: list[OutlineItem], tid: int,
                  region: tuple[str | None, str | None], *, sectors: bool = True) -> Task | None:
    """``请县统计局、国网X供电公司于5月20日前，提供…`` / ``…公示后，请X在…前提下，为…做好…``: a request (``request_words`` of
    ``data/role_words.json``) opening a clause with named organs asks them to do the work: they are responsible, a rule
    leads them or none does (a rule's bracket after the list, X、Y（排在第一位的为牵头单位，下同）于…, reaches here blanked by
    :func:`extract_running_text`, so the list ends before it)."""
    mk = _MARKER.match(sent)
    for pos in [mk.end() if mk else 0] + [k + 1 for k, ch in enumerate(sent) if ch == "，"]:
        word = next((w for w in role_data()["request_words"] if sent.startswith(w, pos)), None)
        if word is None:
            continue
        at = pos + len(word)
        rest = sent[at:]
        if rest.startswith(tuple(role_data()["request_prepositions"])):
            continue  # 请径向市农业农村局反映: the reader is asked to turn to the organ, which is given no work
        got = leading_units(rest, s0 + at)
        if got is None or not names_organs([n for n, _, _ in got[0][0]], region, sectors) or not work_follows(rest, got[1]):
            continue  # 请各单位严格按照…: the request goes to every recipient, no task of named organs
        it = _item_of(items, ft, s0)
        end = at + got[1]
        return Task(id=f"t{tid}", form="running_text", path=it.path if it else "", title=it.title if it else "",
                    text=squeeze(sent), assignment_text=squeeze(sent[pos:end]),
                    units=[UnitRef(name=n, role="responsible", span=Span(start=a, end=b)) for n, a, b in got[0][0]],
                    lead_units=[], lead_basis="none", deadline=find_deadline(ft, s0, s1),
                    span=Span(start=s0 + pos, end=s0 + end), text_span=Span(start=s0, end=s1))
    return None


#: 交通部门，负责… / 旅游部门，指导…: an organ (or a department named by its sector) alone before a comma, then its duty
_COMMA_OPEN = re.compile(r"\s*(?P<units>[^，。；：、\s]{2,24}(?:、[^，。；：、\s]{2,24}){0,5})[，,]\s*")


_CLAIM = re.compile(r"是|设在|为")  # 为 within 作为 too


def _comma_duty(ft: str, s0: int, s1: int, sent: str, items: list[OutlineItem], tid: int,
                region: tuple[str | None, str | None], *, sectors: bool = True) -> Task | None:
    """``交通部门，负责通村公路和道路建设`` / ``旅游部门，指导发展旅游产业``: a sentence that opens with named organs (or, in a
    local document, departments named by their sector), a comma and a role word of ``data/role_words.json``: their duty,
    with the role the word gives (an unknown word is no such sentence)."""
    mk = _MARKER.match(sent)
    m = _COMMA_OPEN.match(sent, mk.end() if mk else 0)
    if m is None or (rw := role_word_pattern().match(sent, m.end())) is None:
        return None
    role = role_of_word().get(rw.group(0))
    if role in (None, "co"):
        return None
    got = _units_of(m["units"], s0 + m.start("units"))
    if got is None or not all(regular_name(n, region) or sectors and sector_department(n, region) and not _CLAIM.search(n)
                              for n, _, _ in got[0]):
        return None  # not 办公室设在市文广旅局，负责… / 市农牧局是…主管部门，负责…: a sentence about a body, then its remit
    units = [UnitRef(name=n, role=role, verb=rw.group(0), span=Span(start=a, end=b)) for n, a, b in got[0]]
    it = _item_of(items, ft, s0)
    a0, a1 = s0 + m.start("units"), s0 + len(sent.rstrip())
    return Task(id=f"t{tid}", form="running_text", path=it.path if it else "", title=it.title if it else "",
                text=squeeze(sent), assignment_text=squeeze(ft[a0:a1]), units=units,
                lead_units=[u.name for u in units] if role == "lead" else [],
                lead_basis="explicit" if role == "lead" else "none", deadline=find_deadline(ft, s0, s1),
                span=Span(start=a0, end=a1), text_span=Span(start=s0, end=s1))


def _assign_match(sent: str, assign: re.Pattern[str]) -> re.Match[str] | None:
    """The opening ``X、Y要`` / ``X要`` of a sentence when it reads as a unit list ending in an organ name."""
    mk = _MARKER.match(sent)
    starts = [mk.end() if mk else 0] + [k + 1 for k, ch in enumerate(sent) if ch == "，"]
    for pos in starts:  # the sentence's start, or a clause's: 推广…，省生态环境厅、省交通运输厅要研究…
        m = _assign_at(sent, pos, assign, first=pos == starts[0])
        if m is not None:
            return m
    return None


def _assign_at(sent: str, pos: int, assign: re.Pattern[str], *, first: bool = False) -> re.Match[str] | None:
    """``X、Y要`` opening ``sent`` at ``pos`` (a clause's start: no ， in its list) when the list ends in an organ name;
    an opener with its colon before the list (具体为：) is passed over."""
    if (op := _list_opener().match(sent[pos : pos + 6])) is not None and op.group(0).endswith("："):
        pos += op.end()
    if work_preposition().match(sent, pos):
        return None  # 对市工信局负责推进的项目…: the organ is the object of a preposition, not the clause's subject
    m = assign.match(sent, pos)
    while m is not None:
        last = ALIAS.sub("", _LIST_SEP.split(m["units"])[-1].strip().removesuffix("等"))  # 市发展改革委（市能源局）要… / X、Y等负责
        if looks_like_unit(last) and (first or "，" not in m["units"]):
            return m
        # 市委宣传部、市应急管理局要…: the 应 of 应急 ended the shortest list; try the next assigning word
        m = next((got for k in range(m.end(), min(len(sent), pos + 86)) if (got := assign.fullmatch(sent, pos, k + 1))), None)
    return None


def _later_clauses(ft: str, s0: int, s1: int, sent: str, items: list[OutlineItem], tid: int,
                   region: tuple[str | None, str | None], assign: re.Pattern[str], after: int, *, sectors: bool = True) -> list[Task]:
    """…，农业农村局要加强监督管理，财政局要加强资金保障: each later clause that named organs open with an assigning
    word is a task of its own, its text the clause (up to the next such clause)."""
    hits = [m for k, ch in enumerate(sent) if ch in "，；" and k + 1 > after if (m := _assign_at(sent, k + 1, assign))]
    out: list[Task] = []
    for i, m in enumerate(hits):
        end = hits[i + 1].start() - 1 if i + 1 < len(hits) else len(sent)
        t = _assigning_sentence(ft, s0, s0 + end, sent[:end], m, _item_of(items, ft, s0), tid + len(out), region,
                                sectors=sectors)
        if t is not None:
            t.text, t.text_span = squeeze(sent[m.start() : end]), Span(start=s0 + m.start(), end=s0 + end)
            out.append(t)
    return out


def _assigning_sentence(ft: str, s0: int, s1: int, sent: str, m: re.Match[str], it: OutlineItem | None,
                        tid: int, region: tuple[str | None, str | None] = (None, None), *, sectors: bool = True) -> Task | None:
    """``省财政厅、省地方金融监管局要加大…``: named organs opening a sentence with an assigning word; with ``sectors``
    (a document not of a national issuer) departments named by their sector too (公安部门负责…)."""
    head, word = m["units"], m["word"]
    k = head.find("协同", 2)
    if k > 0 and head[k - 1] in organ_end_chars() and looks_like_unit(ALIAS.sub("", head[k + 2 :].strip())) \
            and _units_of(head[:k], 0) is not None:  # not 京津冀协同发展领导小组办公室: a name that holds the word
        head, word = head[:k], "协同"  # 市公安局、市建委协同市交通运输局负责…: they assist the organ they name, which is their work's object
    got = _units_of(head, s0 + m.start("units"))
    if got is None or not got[0] or not names_organs([n for n, _, _ in got[0]], region, sectors):
        return None  # named organs (省财政厅、省地方金融监管局要…, 市国资委要…), not 审核机构要… or 各地要…
    # the role its word gives (环境保护部门协助做好…: takes part), else responsible
    role = next((w["role"] for w in role_data()["words"] if w["text"] == word and w["role"] == "participant"), "responsible")
    units = [UnitRef(name=n, role=role, verb=word if role != "responsible" else None, span=Span(start=s, end=e))
             for n, s, e in got[0]]
    end = m.end()
    joint = next((w for w in role_data()["joint_words"] if sent.startswith(w, m.end())), None)
    if joint is not None:  # 市文化广电旅游局要联合市商务局、市体育局，策划…: they share the work, none leads
        lu = leading_units(sent[m.end() + len(joint) :], s0 + m.end() + len(joint))
        if lu is not None and all(specific_organ(n, region) for n, _, _ in lu[0][0]):
            units += [UnitRef(name=n, role="responsible", verb=joint, span=Span(start=s, end=e)) for n, s, e in lu[0][0]]
            end = m.end() + len(joint) + lu[1]
    return Task(id=f"t{tid}", form="running_text", path=it.path if it else "", title=it.title if it else "",
                text=squeeze(sent), assignment_text=squeeze(sent[m.start():end]), units=units, lead_units=[],
                lead_basis="none", deadline=find_deadline(ft, s0, s1), span=Span(start=s0 + m.start(), end=s0 + end),
                text_span=Span(start=s0, end=s1))
