"""Lead rules wherever a document declares them, with their scope and precedence.

A *lead rule* says which listed unit leads: ``排第一的为牵头单位``, ``第一个单位为牵头单位``,
``牵头单位列第一位`` … Every phrasing is data (``data/lead_rules.jsonl``: a pattern and the
examples it must match; ``data/lead_rule_near_misses.txt``: phrases no pattern may match).

Where a rule is declared decides what it covers:

* inside a task's parenthetical — that task only; followed by ``下同`` / ``以下同`` / ``后同`` the
  rest of the file (:mod:`.tasks` finds these, :func:`declared_rules` the others);
* in a sentence of the body — the rest of the file from the sentence on (the whole document when the
  sentence names it or what went before: ``本方案所列任务…``, ``上述任务…``); with ``本部分`` /
  ``本章`` / ``本节`` only the level-1 part that holds it (``section``);
* in an annex — that annex: a heading line (``重点任务分工（排在第一位的为牵头单位）``) is
  ``annex``, a note (``注：排在第一位的为牵头单位``) is ``table``;
* in a sentence of the body that names the annex's tasks (``行动计划附件所列任务涉及多个责任单位的，排在首位的
  为牵头单位``) — the annex tasks after it (``annex``), not the body's parentheticals.

Precedence (:func:`apply_rules`): explicit wording (牵头, 会同, a 牵头单位 column) is never
overridden; of the rules that cover a task, the narrowest scope wins (task, then table/annex,
then section, then document), and of two of the same scope the later declaration replaces the
earlier. A task no rule covers gets no lead — never a guess. Rules apply to parenthetical, field
and table tasks, not to running text (but for a rule printed on the running-text list itself); they decide between lead and participant among the units named
as responsible, implementing (负责落实) or with an unknown verb, and leave guide/supervise roles as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Literal

from ..model import Annex, LeadRule, Span, Task, UnitRef
from ..structure.outline import OutlineItem, item_at
from ..vocabulary import SELF_REFERENCE_WORDS, TRANSMITTAL_VERBS, alternation
from .rule_grammar import (
    RuleSpec,
    expand,
    match_rule,
    near_misses,
    rule_file,
    rule_specs,
    scope_around,
    scope_patterns,
)

__all__ = ["Declared", "RuleSpec", "apply_rules", "declared_rules", "expand", "match_rule", "near_misses", "rule_specs",
           "scope_patterns", "whole_document"]

#: a rule sentence that names the whole document's tasks covers those declared before it too
_WHOLE_DOCUMENT = re.compile(rf"本{alternation(SELF_REFERENCE_WORDS)}|{alternation(SELF_REFERENCE_WORDS)}(?:中|所列)的?各项|上述|"
                             r"(?<![一二两三四五六七八九十0-9个项家及或])以上")  # 方案中各项任务: the plan's, as 本方案
_TO = r"\s*(?:至|到|—|－|-|~|～)\s*"  # 第三条至第十七条, 第（一）至第（五）项, 第二部分至第四部分
_ARTICLE_RANGE = re.compile(rf"第(?P<a>[一二三四五六七八九十百零〇]+)条{_TO}第(?P<b>[一二三四五六七八九十百零〇]+)条")
_ITEM_RANGE = re.compile(rf"第?[（(](?P<a>[一二三四五六七八九十]+)[）)]{_TO}第?[（(](?P<b>[一二三四五六七八九十]+)[）)]")
_NUMBER_RANGE = re.compile(rf"第(?P<a>\d{{1,3}})项?{_TO}第?(?P<b>\d{{1,3}})项")  # 第1项至第10项 / 第1-8项: 1. items
#: 本方案各项任务 / 本计划所列任务: the document's own tasks named in a rule's clause
_OWN_TASKS = re.compile(rf"本(?:{alternation(SELF_REFERENCE_WORDS)})(?:各项|所列|所有|全部|明确的)*(?:任务|措施|工作|事项)")
_PART_RANGE_END = re.compile(rf"{_TO}(?P<part>第(?P<n>[一二三四五六七八九十]+)(?:部分|章|节|篇))")
_BODY_ONLY = re.compile(r"正文")
#: a rule under an annex's heading that names the plan's body (（方案正文各项行动所列责任单位中，排在首位的为牵头单位）)
_NAMES_BODY = re.compile(rf"(?:{alternation(SELF_REFERENCE_WORDS)})?正文")
_ANNEX_LABEL = re.compile(r"^附件\s*\d*\s*$", re.M)  # 附件 / 附件2 on a line of its own
_COVER_ISSUES = re.compile(rf"{alternation(TRANSMITTAL_VERBS)}|现将《")  # 现将《X》印发给你们
_THIS_ITEM = re.compile(r"本(?:项|条|款|目|行动(?!计划|方案))(?:所列|下列|以下|下)?(?:各项|各条|各)?(?:工作|任务|措施|事项|子项)")
#: 以下各项任务 / 下列任务 before a rule that closes on a colon: the items listed under the sentence
_BELOW = re.compile(r"(?:以下|下列)(?:各项)?(?:工作|任务|措施|事项)")
_ITEMS_BELOW = re.compile(r"[^。；\n]{0,20}[：:]\s*$", re.M)
_ABOVE = re.compile(r"上述|以上")  # what went before the sentence (以上 not after a count: 两个以上 is "or more")
#: 方案及附件所列任务…, 《若干措施》及所附分工表中…: the rule names the plan and its annex together, so it covers the
#: whole document
_PLAN_AND = (rf"(?:{alternation(SELF_REFERENCE_WORDS)}|正文)》?(?:所列|中|里)?的?(?:各项|全部|所有)?(?:重点)?(?:任务|措施|工作|事项)?"
             r"(?:及其|及|和|与|、)(?:所附的?)?\s*")  # 方案正文所列各项任务及附件2分工表中…: the tasks named between
_WITH_ANNEX = re.compile(_PLAN_AND + r"(?:附件\s*\d*)?$")  # …及 (…及附件) right before the annex name a rule sentence found
_WITH_ANNEX_WHOLE = re.compile(_PLAN_AND + "(?:附件|分工表|任务表|责任表|清单)"
                               r"|(?:附件|附表)(?:及其|及|和|与|、)正文")  # 本方案附件及正文所列各项任务: both, the annex named first
#: a note's label opening a line under a table (注：, 说明：, 注1：)
NOTE_LABEL = r"(?:注|说明|备注|附注)\s*\d?\s*[：:]"
_NOTE = re.compile("^" + NOTE_LABEL)
#: a rule in an annex naming the plan's body and the annex's table together (方案正文及本表所列…)
_BODY_AND_TABLE = re.compile(_PLAN_AND + "(?:本表|本附件|附表|分工表|任务表)")
#: a body sentence whose rule speaks of the annex's tasks only: 附件所列任务…, 分工表中…
#: a rule over every task (各项任务…, 所有任务…, 凡…): the whole document, wherever it opens
_ALL_TASKS = re.compile(r"各项|各条|所有|全部|凡")  # 各条措施所列… too
_BELOW = re.compile(r"以下|下列|下述")  # 以下各项措施，排名首位的…: the items below only
_NAMES_ANNEX = re.compile(r"附件\s*\d*\s*(?:所列|中|里|列出)|(?:分工|任务|责任)(?:表|清单)(?:中|所列|里)")
RULE_ROLES = ("responsible", "implement", "other")  # the roles a positional rule decides between lead and participant
_RANK = {"task": 0, "table": 1, "annex": 1, "section": 2, "document": 3}


@dataclass
class Declared:
    """A rule with the text range it covers and its rank (0 = narrowest)."""

    rule: LeadRule
    start: int
    end: int
    rank: int
    declared_at: int
    annex_only: bool = False  # a body sentence naming the annex (附件所列任务…): the annex tasks in its range only


#: 附件1、附件2 / 附件1至附件3 / 附件1-3: the annexes a note names by number
_ANNEX_NUMBERS = re.compile(r"附件\s*(?P<a>\d+)(?:\s*(?:至|到|-|—|～|~)\s*(?:附件)?\s*(?P<b>\d+))?")


def _annexes_named(ft: str, lo: int, hi: int, annexes: list[Annex]) -> list[Annex]:
    """The annexes that ``ft[lo:hi]`` names by number (附件1、附件2所列事项), in their order; [] when it names none
    of them."""
    numbers: set[int] = set()
    for m in _ANNEX_NUMBERS.finditer(ft, lo, hi):
        a = int(m["a"])
        numbers.update(range(a, int(m["b"]) + 1) if m["b"] and int(m["b"]) - a < 20 else [a])
    by_number = {int(n.group(0)): a for a in annexes if (n := re.search(r"\d+", a.label)) is not None}
    return [by_number[n] for n in sorted(numbers) if n in by_number]


def whole_document(ft: str, start: int, end: int) -> str | None:
    """The words of ``ft[start:end]`` that name the document's own tasks (本方案各项任务…), or None."""
    m = _OWN_TASKS.search(ft, start, end)
    return m.group(0) if m else None


def declared_for_task(rule: LeadRule, task_span: Span, file_end: int, items: list[OutlineItem] | None = None,
                      doc_start: int | None = None, body_end: int | None = None) -> Declared:
    """A rule declared inside a task parenthetical: that task, the rest of the file with 下同 (the rest of the
    body, to ``body_end``, with 正文下同), the rest of the level-1 part that holds it with 本部分下同, or the whole
    document from ``doc_start`` when it names the document's tasks (本方案各项任务…)."""
    if rule.scope == "document":
        whole = doc_start is not None and rule.scope_text is not None and _OWN_TASKS.fullmatch(rule.scope_text)
        body = body_end is not None and rule.scope_text is not None and rule.scope_text.startswith(
            tuple(rule_file()[0]["scope"]["body"]))
        return Declared(rule, doc_start if whole else task_span.start, body_end if body else file_end,  # type: ignore[arg-type]
                        _RANK["document"], rule.span.start)
    if rule.scope == "section":
        top = _level1(items or [], task_span.start)
        # 本部分下同: the rest of the part; 本部分所列各项任务… (the section word alone): the whole part
        whole_part = top is not None and rule.scope_text is not None and scope_patterns()[1].match(rule.scope_text) is None
        return Declared(rule, top.start if whole_part else task_span.start, top.end if top else file_end,  # type: ignore[union-attr]
                        _RANK["section"], rule.span.start)
    return Declared(rule, task_span.start, task_span.end, _RANK["task"], rule.span.start)


def _sentence_bounds(ft: str, i: int, lo: int, hi: int) -> tuple[int, int]:
    s = max(ft.rfind("。", lo, i), ft.rfind("\n", lo, i)) + 1
    e_candidates = [k for k in (ft.find("。", i, hi), ft.find("\n", i, hi)) if k >= 0]
    return max(s, lo), (min(e_candidates) if e_candidates else hi)


def _part_words() -> str:
    """The section words of the header's ``scope`` without 本 (部分, 章, 节 …), as an alternation."""
    kinds = sorted({w[1:] for w in rule_file()[0]["scope"]["section"] if w.startswith("本")}, key=len, reverse=True)
    return "|".join(map(re.escape, kinds))


@lru_cache(maxsize=1)
def _named_part() -> re.Pattern[str]:
    """A part named by its number (第二部分, 第三章), or several parts by their numbers before one part word
    (第二、三部分 / 第二和第三部分: ``more`` holds the numbers after the first)."""
    n = "[一二三四五六七八九十]+"
    words = _part_words()
    # 一至三部分: a range may drop 第 (``to`` the last part of it); a lone number never does (其中一部分资金 names no part)
    return re.compile(rf"(?:第|(?={n}(?:至|到){n}(?:{words})))(?P<n>{n})(?:(?:至|到)第?(?P<to>{n})(?=(?:{words})))?"
                      rf"(?P<more>(?:[、和及与]第?{n})*)(?:{words})")


@lru_cache(maxsize=1)
def _titled_part() -> re.Pattern[str]:
    """A part named by its title in quotes (“重点任务”部分)."""
    return re.compile(rf"[“\"‘](?P<title>[^”\"’，。；]{{2,24}})[”\"’](?:{_part_words()})")


def _transmits(ft: str, lo: int, hi: int) -> bool:
    """Whether the body ``ft[lo:hi]`` is a cover that issues a document (印发 / 现将《…》): a part it names lies in
    that document."""
    return _COVER_ISSUES.search(ft, lo, hi) is not None


_EXCEPT = re.compile(r"除(?P<items>(?:第?[（(][一二三四五六七八九十]+[）)]项?[、和及与]?)+)[^，。；]{0,30}?外")
_ITEM_NO = re.compile(r"[（(](?P<n>[一二三四五六七八九十]+)[）)]")
@lru_cache(maxsize=1)
def _part_except() -> re.Pattern[str]:
    """（第五部分“保障措施”除外） / 除第五部分外: a part the rule's sentence leaves out, named as :func:`_named_part` names
    one (the same part words)."""
    words = _part_words()
    return re.compile(rf"除?第(?P<n>[一二三四五六七八九十]+)(?:{words})(?:“[^”]{{1,20}}”)?(?:[）)])?\s*除?外"
                      rf"|(?<=除)第(?P<m>[一二三四五六七八九十]+)(?:{words})(?:“[^”]{{1,20}}”)?[^，。；]{{0,12}}?外")


@lru_cache(maxsize=1)
def _part_item_except() -> re.Pattern[str]:
    """（第二部分第（三）项除外） / 第（三）项除外: an item the rule's sentence leaves out, with its part or without."""
    return re.compile(rf"(?:第(?P<part>[一二三四五六七八九十]+)(?:{_part_words()}))?第?[（(](?P<item>[一二三四五六七八九十]+)[）)]项?\s*除外")


def _excepting(ft: str, declared: list[Declared], items: list[OutlineItem], lo: int, hi: int) -> list[Declared]:
    """Each rule whose sentence leaves items or parts out (本部分各项任务，除第（三）项、第（七）项…外，…排在第一位的…牵头;
    本要点所列各项工作（第五部分“保障措施”除外），…) covers its range without them: the range is cut around them."""
    out: list[Declared] = []
    for d in declared:
        s0, s1 = _sentence_bounds(ft, d.declared_at, lo, hi)
        ex = _EXCEPT.search(ft, s0, d.declared_at)
        parts = {p["n"] or p["m"] for p in _part_except().finditer(ft, s0, s1)}
        named = [(m["part"], m["item"]) for m in _part_item_except().finditer(ft, s0, s1)]
        if ex is None and not parts and not named:
            out.append(d)
            continue
        numbers = {m["n"] for m in _ITEM_NO.finditer(ex["items"])} if ex is not None else set()
        numbers |= {n for part, n in named if part is None}
        paths = {f"{part}({n})" for part, n in named if part is not None}  # 第二部分第（三）项: 二(三)
        cut = sorted((x.start, x.end) for x in items if d.start <= x.start < d.end and (
            x.level == 2 and ((x.path or "").endswith(tuple(f"({n})" for n in numbers)) or x.path in paths)
            or x.level == 1 and x.path in parts))
        pos = d.start
        for a, b in cut:
            if a > pos:
                out.append(Declared(d.rule, pos, a, d.rank, d.declared_at, d.annex_only))
            pos = max(pos, b)
        if pos < d.end:
            out.append(Declared(d.rule, pos, d.end, d.rank, d.declared_at, d.annex_only))
    return out


#: the header line of a table (序号 | … / 序号 on a line of its own): where a table of an annex begins
_TABLE_HEAD = re.compile(r"^[ \t　]*序号", re.M)


@cache
def clause(name: str) -> re.Pattern[str]:
    """A phrase of the rule file's ``clauses`` that qualifies the rule beside it, its word classes expanded:
    ``second_also_leads`` (排名第二的单位为第二牵头单位: the second listed unit leads as well) and
    ``single_unit_leads`` (…；只列一个单位的，由该单位牵头: beside a separator rule, a list of one unit leads)."""
    return re.compile(expand(rule_file()[0]["clauses"][name]["pattern"]))


def clause_examples() -> list[tuple[str, str]]:
    """(clause name, example) for every example of every clause of the rule file."""
    return [(name, ex) for name, c in rule_file()[0]["clauses"].items() for ex in c["examples"]]


@lru_cache(maxsize=1)
def _unseparated() -> re.Pattern[str]:
    """未用分号分隔的…: a list without the separator a rule names (the rule file's SEPARATOR words, a bare ；aside)."""
    words = [w for w in rule_file()[0]["classes"]["SEPARATOR"] if len(w) > 1]
    return re.compile(rf"[未无不](?:用|以|列|加)?(?:{alternation(words)})")


#: 本部分及以下各部分 / 本章及以后各章: a part and every part after it
_SECTION_ONWARD = re.compile(r"本(?P<unit>部分|章|节)及(?:以下|以后|其后)各?(?P=unit)")
#: 从本方案第三部分起 / 自第三章开始: the part named and every part after it
_PART_ONWARD = re.compile(r"(?:从|自)(?:本[\u4e00-\u9fff]{1,4}?)?第(?P<num>[一二三四五六七八九十]{1,3})(?P<unit>部分|章|节)(?:开始|起)")


def _onward_from(items: list[OutlineItem], onward: re.Match[str], offset: int) -> OutlineItem | None:
    """The level-1 item an onward scope starts at: the part it names (第三部分: the item 三; 第三章: 第三章), else the
    part holding the rule at ``offset``."""
    if onward.re is _PART_ONWARD:
        names = (onward["num"], f"第{onward['num']}{onward['unit']}")
        named = next((x for x in items if x.level == 1 and x.path in names), None)
        if named is not None:
            return named
    return _level1(items, offset)


def _level1(items: list[OutlineItem], offset: int) -> OutlineItem | None:
    it = item_at(items, offset)
    if it is None:
        return None
    top = [x for x in items if x.level == 1 and x.start <= it.start <= x.end]
    return top[-1] if top else it


def declared_rules(
    ft: str,
    lo: int,
    hi: int,
    items: list[OutlineItem],
    annexes: list[Annex],
    skip: list[Span],
    file_end: int,
    fields: list[Span] = (),  # type: ignore[assignment]
    tables: list[Span] = (),  # type: ignore[assignment]
) -> list[Declared]:
    """Rules declared in ``ft[lo:hi]`` (a document's body) and in its ``annexes`` outside the
    ``skip`` spans (task parentheticals, whose rules :mod:`.tasks` reads), with their coverage. A rule
    inside a field task's line (``责任单位：A、B（第一责任单位为牵头单位，下同）``) covers that task too; a note
    under one of the body's ``tables`` (``注：表中…居首位者为牵头单位``) covers that table only."""
    out: list[Declared] = []
    regions = [(lo, hi, None)] + [(a.span.start, a.span.end, a) for a in annexes if not lo <= a.span.start < hi]
    for r_lo, r_hi, annex in regions:
        pos = r_lo
        while pos < r_hi:
            got = match_rule(ft, pos, r_hi)
            if got is None:
                break
            spec, m = got
            pos = m.end()
            if any(s.start <= m.start() < s.end for s in skip):
                continue
            if spec.kind == "none" and ft[m.start() - 1 : m.start()] in ("（", "(") and ft[m.end() : m.end() + 1] in ("）", ")"):
                continue  # 链主企业（排名不分先后）: a bracket of its own after a list that assigns nothing, no rule
            s0, s1 = _sentence_bounds(ft, m.start(), r_lo, r_hi)
            if spec.kind == "none" and _unseparated().search(ft, s0, m.start()) \
                    and any(d.rule.kind == "separator" and s0 <= d.declared_at < m.start() for d in out):
                continue  # 分号前为牵头单位…；未以分号隔开的，…不区分牵头单位和配合单位: the separator rule's other half
            line_start = ft.rfind("\n", r_lo, m.start()) + 1
            xia = scope_around(ft, m, s0, r_hi)
            it = item_at(items, m.start())
            if annex is not None and (both := _BODY_AND_TABLE.search(ft, s0, m.start())) is not None:
                # 注：方案正文及本表所列各项任务…: a note under the annex's table that names the plan's body too
                rule = spec.rule(m, "document", both.group(0), annex.label)
                out.append(Declared(rule, lo, file_end, _RANK["document"], m.start()))
                continue
            if annex is not None and (body := _NAMES_BODY.search(ft, s0, m.start())) is not None \
                    and not _NAMES_ANNEX.search(ft, s0, m.start()):
                # （方案正文各项行动所列责任单位中，排在首位的为牵头单位）under an annex's heading: the plan's body, not the annex
                rule = spec.rule(m, "document", body.group(0), annex.label)
                out.append(Declared(rule, lo, hi, _RANK["document"], m.start()))
                continue
            named_annexes = _annexes_named(ft, s0, m.start(), annexes) if annex is not None else []
            if len(named_annexes) > 1 or named_annexes and named_annexes[0] is not annex:
                # 注：附件1、附件2所列事项，…排序居前的…为牵头单位 under the second table: every annex it names
                rule = spec.rule(m, "annex", ft[s0:m.start()].strip(), annex.label)  # type: ignore[union-attr]
                out += [Declared(rule, a.span.start, a.span.end, _RANK["annex"], m.start()) for a in named_annexes]
                continue
            if annex is not None:
                scope: Literal["table", "annex"] = (
                    "table" if _NOTE.match(ft[max(line_start, r_lo) : m.start()].lstrip()) else "annex"
                )
                rule = spec.rule(m, scope, None, annex.label)
                heads = [h.start() for h in _TABLE_HEAD.finditer(ft, annex.span.start, line_start)]
                if scope == "table" and len(heads) > 1:  # 表1 … 表2 / 注：表中排名第一的…: the table above the note only
                    out.append(Declared(rule, heads[-1], line_start, _RANK[scope], m.start()))
                    continue
                out.append(Declared(rule, annex.span.start, annex.span.end, _RANK[scope], m.start()))
                continue
            above = next((tb for tb in tables if _NOTE.match(ft[line_start : m.start()].lstrip())
                          and tb.end <= line_start and not ft[tb.end : line_start].strip()), None)
            if above is not None:  # 注：表中责任单位有两个及以上的，居首位者为牵头单位 under a table of the body
                rule = spec.rule(m, "table", None, it.path if it else None)
                out.append(Declared(rule, above.start, above.end, _RANK["table"], m.start()))
                continue
            head_end = ft.find("\n", it.start) if it is not None else -1
            if (it is not None and it.start <= m.start() < (head_end if head_end >= 0 else len(ft)) and not xia
                    and "。" not in ft[it.start : m.start()]
                    and ft.count("（", it.start, m.start()) > ft.count("）", it.start, m.start())
                    and _SECTION_ONWARD.search(ft, it.start, m.start()) is None
                    and _PART_ONWARD.search(ft, it.start, m.start()) is None):  # the heading's note, for its part
                # 二、攻坚行动（以下所列各项工作，责任单位排序首位的单位负责牵头）: a rule in a heading covers its part
                rule = spec.rule(m, "section", None, it.path)
                out.append(Declared(rule, it.start, it.end, _RANK["section"], m.start()))
                continue
            own = _THIS_ITEM.search(ft, s0, m.start())
            if own is None and it is not None and it.level > 1 and not xia and _ITEMS_BELOW.match(ft, m.end()) \
                    and _BELOW.search(ft, s0, m.start()):
                own = _BELOW.search(ft, s0, m.start())  # （二）…。以下各项任务，所列第一个单位为牵头单位：: the items under it
            if own is not None and it is not None and it.level > 1 and not xia:
                # （二）建设交易中心。本项所列各项工作，…由排序第一的单位牵头: the item that holds it, its sub-items
                rule = spec.rule(m, "section", own.group(0), it.path)
                out.append(Declared(rule, it.start, it.end, _RANK["section"], m.start()))
                continue
            onward = _SECTION_ONWARD.search(ft, s0, m.start()) or _PART_ONWARD.search(ft, s0, m.start())
            if onward is not None and xia is None:  # 本部分及以下各部分所列任务… / 从第三部分起…: those parts on
                top = _onward_from(items, onward, m.start())
                rule = spec.rule(m, "document", onward.group(0), top.path if top else None)
                out.append(Declared(rule, top.start if top else s0, r_hi, _RANK["document"], m.start()))
                continue
            sect = scope_patterns()[2].search(ft, s0, s1)
            if sect and (xia is None or xia["sect"]):  # 本部分…排第一的为牵头单位 / …，本部分下同
                top = _level1(items, m.start())
                start, end = (top.start, top.end) if top else (s0, r_hi)
                rule = spec.rule(m, "section", sect.group(0), top.path if top else None)
                out.append(Declared(rule, start, end, _RANK["section"], m.start()))
                continue
            intro = it if it is not None and it.level == 1 and 0 <= ft.find("\n", it.start) < m.start() and not any(
                x.level > 1 and it.start < x.start <= m.start() for x in items) else None
            if (intro is not None and not xia and not _ALL_TASKS.search(ft, s0, m.start())
                    and not _named_part().search(ft, s0, m.start())  # 第二、三部分所列任务…: the parts it names
                    and not _WHOLE_DOCUMENT.search(ft, s0, m.start()) and not _NAMES_ANNEX.search(ft, s0, m.start())
                    and not _NUMBER_RANGE.search(ft, s0, m.start()) and not _ITEM_RANGE.search(ft, s0, m.start())):
                # 二、重点任务 / 以下任务中，责任单位排序第一的负责牵头抓总 / （一）…: a rule opening a part, before its items
                rule = spec.rule(m, "section", None, intro.path)
                out.append(Declared(rule, intro.start, intro.end, _RANK["section"], m.start()))
                continue
            first = last = None
            if (span := _ARTICLE_RANGE.search(ft, s0, m.start())) is not None:
                paths = (f"第{span['a']}条", f"第{span['b']}条")
            elif (span := _ITEM_RANGE.search(ft, s0, m.start()) or _NUMBER_RANGE.search(ft, s0, m.start())) is not None:
                # 上述第（一）至第（五）项任务… / 以下第1项至第10项任务…: those （一） or 1. items of the part that holds the rule,
                # or of the part named right before them (本方案第二部分第（三）至（五）项)
                named = next((p for p in _named_part().finditer(ft, s0, span.start()) if p.end() == span.start()), None)
                top = _level1(items, m.start())
                prefix = named["n"] if named is not None else top.path if top is not None else ""
                form = "{}({})" if span.re is _ITEM_RANGE else "{}{}"
                paths = (form.format(prefix, span["a"]), form.format(prefix, span["b"]))
            if span is not None:  # in the body, else in the document the body transmits (a cover's rule)
                beyond = [x for x in items if x.start >= hi] if _transmits(ft, lo, hi) else []
                first, last = (next((x for x in items if x.path == path and lo <= x.start < hi), None)
                               or next((x for x in beyond if x.path == path), None) for path in paths)
            if first is not None and last is not None and first.start <= last.start:
                # 本措施第三条至第十七条所列支持措施，…排在首位的为主责单位: those articles, wherever the rule stands
                rule = spec.rule(m, "section", span.group(0), it.path if it else None)  # type: ignore[union-attr]
                out.append(Declared(rule, first.start, last.end, _RANK["section"], m.start()))
                continue
            part = _named_part().search(ft, s0, m.start()) or _titled_part().search(ft, s0, m.start())
            if part is not None and any(p.start() <= part.start() < p.end() for p in _part_except().finditer(ft, s0, m.start())):
                part = None  # （第五部分“保障措施”除外）: a part the rule leaves out, not the one it covers (_excepting)
            # 第二部分: part 二; 第三章: the chapter; “重点任务”部分: the part of that title; in the body, else in the
            # document the body transmits (a cover's rule)
            titled = part is not None and "title" in part.re.groupindex
            named_in = [x for x in items if part and x.level == 1 and (x.title == part["title"] if titled else
                                                                     x.path == part["n"] or ft.startswith(part.group(0), x.start))]
            target = next((x for x in named_in if lo <= x.start < hi), None) or next(
                (x for x in named_in if x.start >= hi and _transmits(ft, lo, hi)), None)
            also: list[re.Match[str]] = []
            others: list[OutlineItem] = []
            if part is not None and target is not None:  # 第二部分…和第四部分: every part named, not a range
                also = [p for p in _named_part().finditer(ft, part.end(), m.start())
                        if not _PART_RANGE_END.match(ft, part.end(), p.end())]
                found = [next((x for x in items if x.level == 1 and x.start > target.start
                               and (x.path == p["n"] or ft.startswith(p.group(0), x.start))), None) for p in also]
                listed = re.findall(r"[一二三四五六七八九十]+", part["more"] or "") if not titled else []  # 第二、三部分
                found += [next((x for x in items if x.level == 1 and x.start > target.start and x.path == n), None)
                          for n in listed]
                others = [x for x in found if x is not None]
            if target is not None and others:  # 第二部分“重点任务”和第四部分“保障措施”所列各项任务: those parts, not the ones between
                words = ft[part.start() : also[-1].end() if also else part.end()]  # type: ignore[union-attr]
                rule = spec.rule(m, "section", words, it.path if it else None)
                out += [Declared(rule, x.start, x.end, _RANK["section"], m.start()) for x in [target, *others]]
                continue
            if target is not None:  # 本意见第二部分所列各项任务，…居首位的为牵头单位: that part, wherever the rule stands
                upto = _PART_RANGE_END.match(ft, part.end(), m.start())  # type: ignore[union-attr]
                to = upto["n"] if upto else (part["to"] if not titled else None)  # type: ignore[index]
                until = next((x for x in items if to and x.level == 1 and x.start > target.start and (
                    x.path == to or upto is not None and ft.startswith(upto["part"], x.start))), None)
                last = until or target  # 第二部分至第四部分 / 一至三部分
                words = ft[part.start() : (upto.end() if upto and last is until else part.end())]  # type: ignore[union-attr]
                rule = spec.rule(m, "section", words, it.path if it else None)
                out.append(Declared(rule, target.start, last.end, _RANK["section"], m.start()))
                continue
            named = _NAMES_ANNEX.search(ft, s0, m.start())
            if named and _WITH_ANNEX.search(ft, s0, named.start()):
                named = None  # 方案及附件所列任务: the plan's tasks and the annex's alike
            if named:  # 行动计划附件所列任务…: the annex's tasks, wherever they stand
                rule = spec.rule(m, "annex", named.group(0), it.path if it else None)
                start, stop = m.start(), file_end
                number = re.search(r"\d+", named.group(0))
                held = False  # 附件1 printing the plan the cover transmits: the rule covers that document's tasks
                if number is not None:  # 方案附件2所列重点项目…: that annex only, from its label to the next one
                    label = re.compile(rf"^附件\s*{number.group(0)}\s*$", re.M).search(ft, m.end(), file_end)
                    if label is not None:
                        after = re.compile(r"^附件\s*\d+\s*$", re.M).search(ft, label.end(), file_end)
                        start, stop = label.start(), after.start() if after else file_end
                        held = not any(a.span.start <= label.start() < a.span.end for a in annexes)
                out.append(Declared(rule, start, stop, _RANK["annex"], m.start(), annex_only=not held))
                continue
            # 本方案所列任务…, 上述任务…, 方案及附件所列任务…: the tasks before it too
            # 各项任务排在第一位的部门为牵头部门 in 保障措施, after every task: those tasks, before it
            whole = _WHOLE_DOCUMENT.search(ft, s0, m.start()) or _WITH_ANNEX_WHOLE.search(ft, s0, m.start())
            assigned = list(skip) + list(fields)  # parenthetical and field-line tasks
            if whole is None and assigned and all(x.end <= m.start() for x in assigned) and not _BELOW.search(ft, s0, m.start()):
                whole = _ALL_TASKS.search(ft, s0, m.start())
            scope_words = xia.group("words") if xia else (whole.group(0) if whole else None)
            rule = spec.rule(m, "document", scope_words, it.path if it else None)
            owner = next((f for f in fields if f.start <= m.start() < f.end), None)
            if owner is not None and not xia:
                out.append(Declared(rule.model_copy(update={"scope": "task"}), owner.start, owner.end, _RANK["task"],
                                    m.start()))
                continue
            noted = _NOTE.match(ft[line_start : m.start()].lstrip()) is not None  # 注：… under what it annotates
            # （X、Y、Z）（牵头单位列前，下同）: a bracket of its own right after a task's, the rule covers that task too
            attached = next((t.start for t in skip if t.end <= m.start() and not ft[t.end : m.start()].strip("）)（( ")), None)
            begin = lo if whole or noted else (owner.start if owner is not None else attached if attached is not None else m.start())
            # 上述重点任务…由位次第一的单位牵头抓总 after the tasks of a part: the tasks above it, not those after
            stop = s1 if whole is not None and _ABOVE.fullmatch(whole.group(0)) and not xia else file_end
            body_only = _BODY_ONLY.search(ft, s0, m.start())
            if body_only and not _WITH_ANNEX_WHOLE.search(ft, s0, m.start()):
                stop = hi  # 本方案正文所列各项任务…: the body's tasks, not the annex's
                if "》" in ft[s0 : body_only.start()] and _transmits(ft, lo, hi):
                    # a cover's 《行动计划》正文所列各项任务…: the body of the plan it issues (附件1), not the annexes after it
                    issued = _ANNEX_LABEL.search(ft, hi, file_end)
                    next_label = _ANNEX_LABEL.search(ft, issued.end(), file_end) if issued else None
                    stop = next_label.start() if next_label else file_end
            out.append(Declared(rule, begin, stop, _RANK["document"], m.start()))
    return _excepting(ft, out, items, lo, hi)


def _covering(rules: list[Declared], at: int, in_annex: bool = False) -> Declared | None:
    live = [d for d in rules if d.start <= at < d.end and (in_annex or not d.annex_only)]
    if not live:
        return None
    return min(live, key=lambda d: (d.rank, -d.declared_at))


def _separator_at(ft: str, t: Task) -> int | None:
    """Where the first ；/; between a task's units stands (``None`` when its list has none)."""
    spans = [u.span for u in t.units if u.sub_role is None]
    if len(spans) < 2:
        return None
    lo, hi = min(s.start for s in spans), max(s.end for s in spans)
    found = [k for k in (ft.find("；", lo, hi), ft.find(";", lo, hi)) if k >= 0]
    return min(found) if found else None


def _declared_on(t: Task, d: Declared, ft: str) -> bool:
    """Whether ``d``'s rule is printed in a bracket right after the running-text task's unit list (请X、Y（排在第一位的为牵头
    单位，下同）于…): declared on that list, it leads it as it leads a parenthetical's."""
    end = max(u.span.end for u in t.units)
    return ft[end : d.rule.span.start].strip() in ("（", "(")


def apply_rules(tasks: list[Task], rules: list[Declared], ft: str) -> None:
    """Give every task without an explicit lead the lead its covering rule names (in place). A positional
    rule makes the unit at its position lead; a separator rule (分号前的单位为牵头单位) every unit before the
    first ；of the task's list (all of them when the list has none, unless the rule says a list without one has no
    lead: 未用分号分隔的…); ``ft`` is the text the spans index."""
    for t in tasks:
        if t.lead_basis in ("explicit", "table_column") or t.lead_units:
            continue
        if not any(u.role in RULE_ROLES for u in t.units):
            continue
        if t.form == "running_text":  # a rule speaks of the lists the document gives its tasks, not of a sentence's
            d = next((r for r in rules if _declared_on(t, r, ft)), None)  # subject (X、Y要…): only one printed on it
        else:
            d = _covering(rules, t.span.start, in_annex=(t.path or "").startswith("附件"))
        if d is None or d.rule.kind == "none":
            continue  # no rule, or the narrowest says its lists have no lead (本部分…不区分牵头单位和配合单位)
        k = d.rule.position - 1
        # …排名第一的单位为牵头单位，排名第二的单位为第二牵头单位: the second listed unit leads too
        also = 1 if d.rule.kind == "positional" and k == 0 and clause("second_also_leads").search(ft, d.rule.span.end, d.rule.span.end + 30) else -1
        sep = _separator_at(ft, t) if d.rule.kind == "separator" else None
        if d.rule.kind == "separator" and sep is None and len(t.units) == 1 \
                and clause("single_unit_leads").search(ft, d.rule.span.end, d.rule.span.end + 40):
            sep = t.units[0].span.end  # …；只列一个单位的，由该单位牵头: the one unit leads
        elif d.rule.kind == "separator" and sep is None and _unseparated().search(ft, d.rule.span.end, d.rule.span.end + 40):
            continue  # …分号后的为配合单位；未用分号分隔的，由所列单位共同负责: a list without one has no lead
        leads: list[str] = []
        units: list[UnitRef] = []
        for i, u in enumerate(t.units):
            if u.sub_role is not None:
                units.append(u)
                continue
            if u.role not in RULE_ROLES and u.role != "participant":
                units.append(u)  # 指导 / 监督 …: the document gave this unit its role, a rule does not change it
                continue
            if d.rule.kind == "separator":  # 分号前的单位为牵头单位: every unit before the list's first ；
                role = "lead" if u.role != "participant" and (sep is None or u.span.start < sep) else "participant"
            else:
                role = "lead" if (k <= i < k + d.rule.count or i == also) and u.role != "participant" else "participant"
            if role == "lead":
                leads.append(u.name)
            units.append(u.model_copy(update={"role": role}))
        if not leads:
            continue
        t.units = units
        t.lead_units = leads
        t.lead_basis = "positional"
        t.lead_rule = d.rule.span
