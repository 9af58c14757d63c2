"""The unit lists of assignments: role words, organ-name shapes, splitting a list and joining collectives.

Shared by every reader of assignments (:mod:`.assignment_text` for parentheticals, field lines and cells,
:mod:`.assignments` for running text, :mod:`.task_tables` and :mod:`.table_fit` for tables,
:mod:`.standing`, :mod:`.roles`):

* the role vocabulary of ``data/role_words.json`` (:func:`role_data`, :func:`role_word_pattern`) and the
  column and field words of ``data/task_columns.json`` (:func:`column_words`, :func:`field_role`);
* what an organ name looks like (:func:`looks_like_unit`; a clean name, in the lexicon or organ-shaped with
  no function word; the last characters a unit name may end with, :func:`organ_end_chars`);
* a unit list read as names with their spans (:func:`split_units`: 、，/ and 和/及/与 between whole names,
  bracketed lists such as 各县（市、区） kept whole, level words of a 各… collective joined:
  各区、县（市）政府 is one unit; ``_units_of``: the same, refused unless every piece is a unit).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, TypeVar

from ..caches import text_cache
from ..normalize import squeeze
from ..vocabulary import SELF_REFERENCE_WORDS, alternation, level_words, organ_ending_alternation, organ_endings
from .rule_grammar import scope_patterns
from .table_rules import HEADER_NOTE

if TYPE_CHECKING:  # the segmenters load lazily; only their type is named here
    from ..nlp.segment import Segmenter

_Named = TypeVar("_Named", bound="UnitRef")
if TYPE_CHECKING:
    from ..model import UnitRef


_UNIT_SUFFIX = re.compile(organ_ending_alternation("task_unit") + r"(?:（[^（）]*）)?$")


_NOT_UNIT = re.compile(r"(?<!自)由|内$|以下简称|是指|包括|^[0-9]|[《》“”]|要|应当|可以|建立|通过|进行|^(?:该|此|上述|这些?|那些|那个)|对(?:各|有关|相关)|[和及与](?:有关|相关)(?:部门|单位)$|[0-9０-９][\u4e00-\u9fff]$")
# 由该单位负责: no name (那些 / 那个 too, but 那桐镇, 那坡县 are places); 修缮革命旧址5处: a count (a number, then a one-character ending as its classifier), no name
#: a place of two characters and its level, alone or before an organ's ending (要庄乡人民政府, 由义镇): the place's characters
#: are a name, not the modal 要 or the 由 of a sentence (由各乡镇…, 要在县城…, 要求乡镇…: a level word or a function word
#: second, or words after the level)
_PLACE_HEAD = re.compile(rf"^[\u4e00-\u9fff](?![各该本其向对在由从把将被给为按以于的之])(?!{alternation(level_words('opening'))})"
                         rf"[\u4e00-\u9fff](?:{alternation(level_words('opening'))})(?=(?:人民)?{alternation(organ_endings('task_unit'))}?$)")


_ETC_AND = re.compile(r"等(?:(?:国务院|中央|省直|省级|市直|市级|县直|区直|其他)?(?:有关|相关)?(?:部门|单位|部门和单位|机构))?[和及与]")


@dataclass(frozen=True)
class RoleWord:
    text: str
    role: str


@lru_cache(maxsize=1)
def role_data() -> dict:
    """``data/role_words.json`` as loaded (role words, prose words, standing-assignment words), its ``words`` with
    every role word its ``basis`` composes: a basis phrase or none, a manner word or none, then one of the words the
    basis goes before (按职责分工 + 配合 → 按职责分工配合, participant; 按照职责 + 分别 + 负责 → 按照职责分别负责; 具体 + 负责 →
    具体负责; 具体 + 牵头 → 具体牵头, the words of ``manner_before``)."""
    data = json.loads((resources.files("policyparse") / "data" / "role_words.json").read_text(encoding="utf-8"))
    roles = {w["text"]: w["role"] for w in data["words"]}
    basis = data["basis"]
    composed = [{"text": phrase + manner + word, "role": roles[word]}
                for phrase in ("", *basis["phrases"]) for manner in ("", *data["manner_words"]) for word in basis["before"]]
    composed += [{"text": manner + word, "role": roles[word]} for manner in data["manner_words"] for word in data["manner_before"]]
    data["words"] = data["words"] + [w for w in composed if w["text"] not in roles]
    return data


@lru_cache(maxsize=1)
def _role_table() -> tuple[list[RoleWord], frozenset[str]]:
    data = role_data()
    words = sorted((RoleWord(w["text"], w["role"]) for w in data["words"]), key=lambda w: -len(w.text))
    return words, frozenset(data["generic_units"])


_ROLE_WORD_TAILS = ("", "落实", "实施", "推进", "组织实施")


@lru_cache(maxsize=1)
def _role_words_by_last_char() -> dict[str, list[int]]:
    """Indexes into the role-word list (longest first) by each word's last character."""
    by: dict[str, list[int]] = {}
    for i, w in enumerate(_role_table()[0]):
        by.setdefault(w.text[-1], []).append(i)
    return by


def strip_role(seg: str) -> tuple[str, RoleWord | None, str]:
    """Split ``X、Y按职责分工负责`` into the unit list, its role word and any trailing words (落实, 组织实施 …): the
    longest role word whose last occurrence is followed by nothing but such words. Only words whose last character
    stands where a tail could begin are tried (some 700 role words, a few of them candidates)."""
    words, _ = _role_table()
    s = seg.rstrip()
    ends = {len(s[: len(s) - len(t)].rstrip()) for t in _ROLE_WORD_TAILS if s.endswith(t)}
    by_last = _role_words_by_last_char()
    for i in sorted({i for e in ends if e > 0 for i in by_last.get(seg[e - 1], ())}):
        w = words[i]
        k = seg.rfind(w.text)
        if k >= 0 and seg[k + len(w.text) :].strip() in _ROLE_WORD_TAILS:
            return seg[:k], w, seg[k:]
    return seg, None, ""


@lru_cache(maxsize=1)
def role_of_word() -> dict[str, str]:
    """Each role word of ``data/role_words.json`` and the role it gives (会同: ``co``), looked up once."""
    return {w.text: w.role for w in _role_table()[0]}


def named_partners(units: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """The units a 会同 names, without a class word: after 会同 (会同有关部门) it says the lead works with whom the work
    concerns, and names no partner; in a list of units (市司法局、市级有关部门负责) the class is one of the units."""
    generic = _role_table()[1]
    return [u for u in units if u[0] not in generic]


@lru_cache(maxsize=1)
def work_verb() -> re.Pattern[str]:
    """What opens the work after a unit list (省商务厅|加强与成渝、粤港澳大湾区…合作): a verb of
    ``data/role_words.json`` ``work_verbs``, so a 、 further on belongs to the work, not the list."""
    return re.compile("|".join(map(re.escape, sorted(role_data()["work_verbs"], key=len, reverse=True))))


@lru_cache(maxsize=1)
def _work_adverb() -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, sorted(role_data()["work_adverbs"], key=len, reverse=True))))


def _work_starts(text: str, i: int) -> bool:
    """Whether the work opens at ``text[i]``: a work verb, after one of ``work_adverbs`` or not (会同县发展和改革局|积极争取…)."""
    if work_verb().match(text, i):
        return True
    adverb = _work_adverb().match(text, i)
    return adverb is not None and work_verb().match(text, adverb.end()) is not None


def work_follows(text: str, i: int) -> bool:
    """Whether the clause goes on at ``text[i]`` (blanks passed over) with the work a unit list is given: a function word
    opening its phrase (于5月15日前, 在…前提下, 将…报送, 按照…), a work verb (after an adverb or not) or a role word; not a noun
    the list was part of (请结合本地区本部门|实际) nor the clause's end (请及时反馈市工信局|。)."""
    while i < len(text) and text[i].isspace():
        i += 1
    return i < len(text) and (_FUNCTION_CHARS.match(text, i) is not None or work_preposition().match(text, i) is not None
                              or _work_starts(text, i) or role_word_pattern().match(text, i) is not None)


def once_each(units: list[_Named]) -> list[_Named]:
    """A unit named twice (牵头单位：A。责任单位：A、B; a table row's 牵头单位 A | 责任单位 A、B) is one unit, in the role it has
    first."""
    seen: set[str] = set()
    return [u for u in units if not (u.name in seen or seen.add(u.name))]  # type: ignore[func-returns-value]


@lru_cache(maxsize=1)
def organ_end_chars() -> frozenset[str]:
    """Last characters of the organ suffixes of ``data/unit_rules.json`` (部, 委, 厅, 局 …, 门 of 部门),
    with 位 of 单位: where a unit name can end."""
    from ..nlp.lexicon import load_lexicon

    return frozenset(x[-1] for x in load_lexicon().rules.organ_suffixes) | {"位"}


#: after a role word, a person's post (负责人, 牵头同志), though 负责人口普查 is a duty
POST = r"(?:人(?![口才力])|同志)"
NOT_A_POST = rf"(?!{POST})"


@lru_cache(maxsize=1)
def lead_mark_signs() -> str:
    """The signs after a unit's name that mark the lead (``role_words.json`` ``lead_marks``), escaped for a ``[…]``."""
    return "".join(re.escape(ch) for ch in role_data()["lead_marks"])


@lru_cache(maxsize=1)
def lead_mark() -> re.Pattern[str]:
    """市农业农村局（牵头）, 市农业农村局*, 区民政局★: the lead, marked after its name."""
    return re.compile(rf"[（(]牵头[）)]$|\s*[{lead_mark_signs()}]$")


@lru_cache(maxsize=1)
def role_word_pattern() -> re.Pattern[str]:
    """Every role word of ``data/role_words.json`` (and 会同), longest first, as one pattern."""
    words = sorted({w.text for w in _role_table()[0]}, key=len, reverse=True)
    # 负责人 / 牵头同志: a person's post, no role word (…等部门负责人参加了会议)
    return re.compile("(?:" + "|".join(map(re.escape, words)) + ")" + NOT_A_POST)


_FUNCTION_CHARS = re.compile(r"[向对在由从把将被给为按以于的之其即并而或及时后前]|经(?![信济贸发开管])")  # 经信局 is a name, 经…批准 is not


def _known_unit(name: str) -> bool:
    from ..nlp import canonicalize

    return is_collective(name) or canonicalize(name)[1] in ("lexicon", "rule")


def _clean_unit(name: str) -> bool:
    """A unit name that is a name and nothing else: in the unit lexicon, or a 各… collective, or
    organ-shaped with no function word inside (向, 对, 在, 由 …)."""
    if _known_unit(name):
        return True
    if (alias := _ALIAS.fullmatch(name)) is not None:  # 市发展和改革局（市粮食和物资储备局）: an organ and its second name
        return _clean_unit(alias["base"]) and _clean_unit(alias["other"])
    if not looks_like_unit(name) or _FUNCTION_CHARS.search(name):
        return False
    # 广西电网有限责任公司|柳州鹿寨供电局: past the length of one organ's name, a parent organ and its branch, each clean
    return len(name) <= 16 or any(_UNIT_SUFFIX.search(name[:i]) and _clean_unit(name[:i]) and _clean_unit(name[i:])
                                  for i in range(4, len(name) - 2))


_ALIAS = re.compile(r"(?P<base>[^（）()]{2,})[（(](?P<other>[^（）()]{2,})[）)]")


def empty_marks() -> frozenset[str]:
    """What a table prints in an empty cell (``""``, /, —, 无 …: ``task_columns.json`` ``empty_cells``), the one list."""
    return column_words()[1]


def _etc_tail() -> re.Pattern[str]:
    """等, 等部门, 等有关单位, 等国务院相关部门（单位）closing a unit list: ``unit_rules.json`` ``etc_tail``, the one pattern
    the unit splitter uses too."""
    from ..nlp.lexicon import load_lexicon

    return load_lexicon().rules.etc_tail


@lru_cache(maxsize=1)
def column_words() -> tuple[list[tuple[str, tuple[str, ...]]], frozenset[str]]:
    """The column / field vocabulary of ``data/task_columns.json``: ``[(role, words)]`` and the empty-cell marks."""
    data = task_columns()
    return [(c["role"], tuple(c["words"])) for c in data["columns"]], frozenset(data["empty_cells"])


@lru_cache(maxsize=1)
def task_columns() -> dict:
    """``data/task_columns.json`` as loaded (column and field words, period words, person header words)."""
    return json.loads((resources.files("policyparse") / "data" / "task_columns.json").read_text(encoding="utf-8"))


def is_person_column(name: str) -> bool:
    """牵头领导, 责任人, 联系人: a column or field of persons, whatever role word it holds (not 责任单位负责人…单位)."""
    name = name.replace(" ", "")
    return any(w in name for w in task_columns()["person_header_words"]) and not re.search(r"单位|部门", name)




#: the roles a field or a table column gives the units it lists (``task_columns.json``), in the order a table's
#: columns list their units
UNIT_ROLES = ("lead", "participant", "responsible", "supervise")


def header_name(name: str) -> str:
    """A column or field name without its blanks and a note in brackets (责任单位（首位为牵头单位）-> 责任单位)."""
    name = name.replace(" ", "")
    return HEADER_NOTE.sub("", name) or name


def field_role(name: str) -> str | None:
    """Role of a field or column name: 牵头单位 -> lead, 配合单位 -> participant, 完成时限 -> deadline …; a note in
    brackets is not the name (责任单位（首位为牵头单位）is a 责任单位 column whose note declares a rule)."""
    name = header_name(name)
    if is_person_column(name):
        return None
    for role, words in column_words()[0]:
        if any(w in name for w in words):
            return role
    return None


def looks_like_unit(name: str) -> bool:
    """An organ name by shape: ends in an organ word (部, 委, 厅, 局 …) or is a 各… collective; a two-character name
    only when the unit lexicon knows it (侨办, 外办)."""
    if len(name) == 2:
        from ..nlp.lexicon import load_lexicon

        return name in load_lexicon().global_forms
    head = _PLACE_HEAD.match(name)
    if len(name) < 3 or len(name) > 30 or _NOT_UNIT.search(name[head.end() if head else 0 :]) or name.count("（") != name.count("）"):
        return False
    return bool(_UNIT_SUFFIX.search(name))


def split_units(text: str, offset: int, segmenter: Segmenter | None = None) -> list[tuple[str, int, int]]:
    """Split a unit list on 、，/ and on 和/及/与 where both sides are whole unit names.

    Returns ``(name, start, end)`` with absolute offsets. The split itself is the NLP layer's
    (:func:`policyparse.nlp.split_units`: the unit lexicon, organ-name shapes and, when given,
    a segmenter's tokens keep 工业和信息化部 or 中央和国家机关工委 whole).
    """
    if segmenter is None:  # the same lists recur in a document and across an archive: split once each
        return [(n, offset + s, offset + e) for n, s, e in _split_from_zero(text)]
    return _split(text, offset, segmenter)


@text_cache(8192)
def _split_from_zero(text: str) -> tuple[tuple[str, int, int], ...]:
    return tuple(_split(text, 0, None))


def _split(text: str, offset: int, segmenter: Segmenter | None) -> list[tuple[str, int, int]]:
    from ..nlp import split_units as _nlp_split

    masked = _PAREN_LIST.sub(lambda m: m.group(0).replace("、", "＿"), text)  # 各地（州、市）人民政府 is one unit
    return merge_collectives([(squeeze(text[s:e]), offset + s, offset + e)
                              for n, s, e in _nlp_split(masked, segmenter=segmenter) if squeeze(n)])


_REFERS_BACK = re.compile(r"(?:以下|以上|上述|下列|前述|所列|本项|表内|表中|本表|各项(?!目))")  # 各项措施: the items a rule speaks of (各项目单位 is a class of units)
#: the document naming itself (本方案, 本行动计划 …) before what a rule speaks of: 本行动计划所列各项任务中
_SELF = re.compile("本" + alternation(SELF_REFERENCE_WORDS))


@lru_cache(maxsize=1)
def _list_opener() -> re.Pattern[str]:
    # never 以下 / 以上 / 以前 …: 以下所列各项工作 opens no unit list
    return re.compile("^(?:" + "|".join(sorted(map(re.escape, role_data()["list_openers"]), key=len, reverse=True)) + ")(?![下上前后内外])")


@lru_cache(maxsize=1)
def _unit_label() -> re.Pattern[str]:
    """A label printed before a unit's name (``role_words.json`` ``unit_labels``), with at most a short area before
    it, when a name of a level (省/市/县/区/镇/乡) follows."""
    words = "|".join(sorted(map(re.escape, role_data()["unit_labels"]), key=len, reverse=True))
    return re.compile(rf"^[\u4e00-\u9fff]{{0,8}}?(?:{words})(?=[省市县区镇乡州])")


#: 市工业和信息化局（以下简称市工信局）: the short name a document gives an organ, no part of its name
_SHORT_NAME_NOTE = re.compile(r"[（(](?:以下|下文)?简称[“\"]?[\u4e00-\u9fff]{2,12}[”\"]?[）)]")


def without_short_names(text: str) -> str:
    """``text`` with each note of a short name (（以下简称市工信局）) blanked, the same length."""
    return _SHORT_NAME_NOTE.sub(lambda m: " " * len(m.group(0)), text) if "简称" in text else text


def _units_of(seg: str, offset: int, segmenter: Segmenter | None = None) -> tuple[list[tuple[str, int, int]], bool] | None:
    head = seg.lstrip()
    if (sect := scope_patterns()[2].match(head)) is not None:
        head = head[sect.end() :]  # 本部分所列各项任务: a section word of data/lead_rules.jsonl before the words
    elif (own := _SELF.match(head)) is not None:
        head = head[own.end() :]  # 本行动计划所列各项任务中: the document itself before the words
    if _REFERS_BACK.match(head) or head[:1] in "中内" and _REFERS_BACK.match(head, 1):
        return None  # 以下所列各项工作, 上述任务, 本部分所列各项任务, 本行动计划中各项任务: what a rule speaks of, not a unit
    opener = _list_opener().match(seg)
    if opener:  # 其中省农业农村厅牵头: the opener is no part of the name
        seg, offset = seg[opener.end() :], offset + opener.end()
    label = _unit_label().match(seg)
    if label:  # 包片单位县气象局 / 陈家坝沿线包片单位县职教中心: the report's label (and its area) before the name
        seg, offset = seg[label.end() :], offset + label.end()
    body = seg.rstrip()
    etc = False
    m = _etc_tail().search(body)
    if m:
        etc = True
        body = body[: m.start()]
    if _ETC_AND.search(body):  # 全国总工会等和各省级人民政府, 银保监会等国务院相关部门及各地区: 等 ends a list, 和 adds a unit
        etc = True
        body = _ETC_AND.sub(lambda m: "、" * len(m.group(0)), body)
    units = split_units(body, offset, segmenter)  # 县（市、区）政府 and 各区、县（市）政府 stay one unit each
    generic = _role_table()[1]  # 市司法局、市级有关部门: the class is named beside the organ, a unit of the list too
    shaped = [looks_like_unit(u[0]) or u[0] in generic or is_collective(u[0]) or k > 0 and level_served(units[0][0], u[0])
              for k, u in enumerate(units)]
    if not units or not all(shaped) and not _names_among_organs(units, shaped):
        return _sector_collective(seg, offset)
    return units, etc


#: a body's own name with no organ ending (中原油田, 韶山管理局's 韶山旅投): Chinese characters only, none a function word's
_BARE_NAME = re.compile(r"^[\u4e00-\u9fff]{3,8}$")


def _names_among_organs(units: list[tuple[str, int, int]], shaped: list[bool]) -> bool:
    """A list of organs with a body named by a name of its own among them, after the first (市发展改革委、市工业和信息化局、
    中原油田负责): that name is a unit too, as its list shows, when two of the list's names are organs by their shape and the
    name holds no function word or work verb (推进、落实 …)."""
    return shaped[0] and sum(shaped) >= 2 and all(ok or bare_name(n) for ok, (n, _, _) in zip(shaped, units, strict=True))


def bare_name(name: str) -> bool:
    """A name of its own with no organ ending (中原油田): a few Chinese characters, no function word, no work verb. Such a
    name is a unit only where its place says so: among organs in a list, or in a unit column of a task table."""
    return _BARE_NAME.match(name) is not None and not _FUNCTION_CHARS.search(name) and not work_verb().search(name) \
        and not _NOT_UNIT.search(name) and not _SOME.search(name)


#: 相关州、市直部门 / 有关企业: some units of a kind, not a name
_SOME = re.compile(r"有关|相关|其他|其它|^各")


#: the level words that open an organ's name written with its level (市建委, 省财政厅, 县教育局): ``opening`` of the
#: vocabulary's ``administrative_levels``
LEVEL_OPENINGS = level_words("opening")


def level_served(first: str, name: str) -> bool:
    """Whether ``name``, later in a list whose first organ is written with its level (市建委、交委、经贸委), is an organ of
    that level the level word serves too: ``name`` has no level of its own and reads as a unit with it (市交委)."""
    return first.startswith(LEVEL_OPENINGS) and looks_like_unit(first) and not name.startswith(LEVEL_OPENINGS) \
        and looks_like_unit(first[0] + name)


_PAREN_LIST = re.compile(r"（[^（）、]{1,6}(?:、[^（）、]{1,6})+）|[<〈《][^<>〈〉《》、]{1,6}(?:、[^<>〈〉《》、]{1,6})+[>〉》]")  # 各县<市、区>人民政府 too


_SECTORS = re.compile(r"^(?P<list>[\u4e00-\u9fff]{2,4}(?:[、和及与][\u4e00-\u9fff]{2,4}){1,9})(?P<etc>等)?(?:有关|相关)?(?:部门|单位|部门和单位)$")


@lru_cache(maxsize=1)
def _named_then_sectors() -> re.Pattern[str]:
    ends = "".join(sorted(organ_end_chars()))
    return re.compile(rf"^(?P<head>[\u4e00-\u9fff、（）()]{{2,40}}?[{ends}])(?P<join>以及|及|和|、)(?=[\u4e00-\u9fff]{{2,4}}[、和及与])")


def _sector_collective(seg: str, offset: int) -> tuple[list[tuple[str, int, int]], bool] | None:
    """``财政、农牧业和供销、邮政、电信等部门`` / ``商务、供销、市场监管部门``: departments named by their sectors, one
    collective unit."""
    body = seg.rstrip()
    lead = len(body) - len(body.lstrip())
    m = _SECTORS.match(body.strip())
    if m and any(_UNIT_SUFFIX.search(x) for x in re.split("[、和及与]", m["list"])):
        m = None
    if not m and (j := _named_then_sectors().match(body)):  # 市交通局以及铁路、民航、港口等部门: named organs, then the sectors
        head = _units_of(j["head"], offset)
        tail = _sector_collective(body[j.end("join"):], offset + j.end("join"))
        if head is not None and tail is not None and all(looks_like_unit(n) for n, _, _ in head[0]):
            return head[0] + tail[0], tail[1]
        return None
    if not m:
        return None
    name = squeeze(body.strip())
    return [(name, offset + lead, offset + len(body))], bool(m["etc"])  # 商务、供销、市场监管部门: those listed only


_LEVEL_WORDS = f"(?:{alternation(level_words('level'))})"  # 县级市 before 县: the alternation is longest first


_LEVEL = re.compile(rf"^{_LEVEL_WORDS}(?:级)?(?:（[^（）]*）)?{organ_ending_alternation('level_government')}?(?:（[^（）]*）)?$")  # 县级市, 直辖市人民政府; not 区直各部门


_LEVELS_ONLY = re.compile(rf"各(?:有关|相关|[\u4e00-\u9fff]{{1,3}}?)?{_LEVEL_WORDS}(?:（[^（）]*）)?(?:、{_LEVEL_WORDS}(?:（[^（）]*）)?)*")


_INNER_EACH = re.compile(r"^(?!本)[\u4e00-\u9fff]{1,10}各[\u4e00-\u9fff]{1,4}$")  # not 本部分及以后各部分: a part, no unit


def is_collective(name: str) -> bool:
    """各区、县级市 / 各有关单位 / 各省级人民政府 / 区直各部门 / 全区经济运行各专班: every unit of a kind, named by 各."""
    if re.search(r"[，。；：]", name):
        return False
    return (name.startswith("各") and len(name) >= 2) or bool(_INNER_EACH.match(name))


def merge_collectives(units: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Join level words that continue a 各… collective: 各区、县级市 and 各省、自治区、直辖市人民政府 are one unit each."""
    out: list[tuple[str, int, int]] = []
    for name, s, e in units:
        if out and _LEVELS_ONLY.fullmatch(out[-1][0]) and _LEVEL.match(name):
            pname, ps, _ = out[-1]
            out[-1] = (f"{pname}、{name}", ps, e)
            continue
        out.append((name, s, e))
    return out


#: a regional short form: 省财政厅, 市金融办, 区政府 (the organ endings of the ``regional`` use)
_REGIONAL_LEVEL = alternation(level_words("regional"))
REGIONAL = re.compile(
    rf"^(?:{_REGIONAL_LEVEL})(?:委|政府)?[\u4e00-\u9fff]{{1,14}}" + organ_ending_alternation("regional") + "$"
    rf"|^(?:{_REGIONAL_LEVEL})(?:人民)?政府$"  # 区政府要…: the level's own government
)


def regular_name(name: str, region: tuple[str | None, str | None] = (None, None)) -> bool:
    """A regional short form (省财政厅, 市金融办) or a name the unit lexicon or its rules know."""
    from ..nlp import canonicalize

    return bool(REGIONAL.match(name)) or canonicalize(name, province=region[0], city=region[1])[1] in ("lexicon", "rule")


#: what may follow a unit name inside its list (门 of 部门, 、, 和, 等, a bracket): the list goes on
UNIT_GOES_ON = frozenset("门、和及与等（")


@lru_cache(maxsize=1)
def list_end_chars() -> frozenset[str]:
    """Where a unit list of running text can end: the last characters of unit names, and of the endings task lists
    give their units (福清海事处: an office, 处, takes part though no unit name of the lexicon ends so)."""
    return organ_end_chars() | {w[-1] for w in organ_endings("task_unit")}


@lru_cache(maxsize=1)
def work_preposition() -> re.Pattern[str]:
    """A preposition that opens the phrase before the work after a unit list (会同市政府督查室|对各县区、各单位…开展督导):
    ``work_prepositions`` of ``data/role_words.json``; a 、 after it is the object's, not the list's."""
    return re.compile("|".join(map(re.escape, sorted(role_data()["work_prepositions"], key=len, reverse=True))))


def leading_units(rest: str, offset: int) -> tuple[tuple[list[tuple[str, int, int]], bool], int] | None:
    """The longest prefix of ``rest`` that is a whole unit list (``财政部、人力资源社会保障部`` of
    ``财政部、人力资源社会保障部加强政策协调``), with where it ends; ``None`` when there is none."""
    from ..nlp import is_collective, is_unit

    rest = re.split(r"[，。；]", rest, maxsplit=1)[0]  # a unit list of running text ends with its clause
    generic = _role_table()[1]

    def named(units: list[tuple[str, int, int]]) -> bool:
        return all(is_unit(n) or is_collective(n) or n in generic for n, _, _ in units)

    for i in range(2, min(len(rest), 60) + 1):  # the shortest prefix after which the list does not go on
        if rest[:i] in generic and (i == len(rest) or rest[i] not in UNIT_GOES_ON):
            return ([(rest[:i], offset, offset + i)], False), i  # 会同有关方面: names no unit
        if rest[i - 1] not in list_end_chars() or (i < len(rest) and rest[i] in UNIT_GOES_ON):
            continue
        nxt = rest.find("、", i)
        verb = _work_starts(rest, i)
        if 0 <= nxt - i <= 8 and (nxt - i <= 4 or rest[nxt - 1] in list_end_chars()) and not verb \
                and not work_preposition().match(rest, i) and rest[i] not in "：:":
            continue  # 会同国务院公安、交通运输…等部门, 人民银行|临清市支行、: the list goes on (not 会同Y实施肉牛、肉羊…, nor
            # 会同Y梳理国家和省、市…: more than a short word before the 、, and no organ's ending)
        got = _units_of(rest[:i], offset)
        if got is None:
            continue
        if named(got[0]):  # 省政府|督查室…, 各乡|镇人民政府: a longer name goes on where no work begins
            return (None if verb else _longer_name(rest, i, offset, len(got[0]), named)) or (got, i)
        if verb:
            # 会同市经信局、宁波大学|建设…: the work starts here, whatever the last name's lexicon; unless the verb opens the
            # rest of an organ's name the lexicon knows (县市场|监督管理局)
            return _longer_name(rest, i, offset, len(got[0]), lambda units: is_unit(units[-1][0])) or (got, i)
    return None


def _longer_name(rest: str, i: int, offset: int, count: int, accept: Callable[[list[tuple[str, int, int]]], bool]
                 ) -> tuple[tuple[list[tuple[str, int, int]], bool], int] | None:
    """The unit list of ``rest`` whose last name runs on past ``i`` to an organ's ending at most six characters further,
    as many names as before (``count``) and taken by ``accept``, with where it ends; the longest first."""
    for j in range(min(len(rest), i + 6), i, -1):
        if rest[j - 1] in organ_end_chars() and (j == len(rest) or rest[j] not in UNIT_GOES_ON):
            longer = _units_of(rest[:j], offset)
            if longer is not None and len(longer[0]) == count and accept(longer[0]):
                return longer, j
    return None


def in_organ_name(body: str, a: int, b: int) -> bool:
    """Whether the role word at ``body[a:b]`` is part of an organ's name the lexicon knows (监督 of 县市场监督管理局):
    the name from the list's last separator before it to an organ ending a few characters after it."""
    from ..nlp import is_unit

    start = max(body.rfind(x, 0, a) for x in "、，,；") + 1
    return any(body[j - 1] in organ_end_chars() and is_unit(body[start:j].strip())
               for j in range(b + 1, min(len(body), b + 6) + 1))
