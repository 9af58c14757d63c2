"""Where a flattened row's covered cells are: fit its real cells to what each column holds.

A bar line says how many cells of a row are covered from above, not which. This module learns
what each column holds from the header (``data/task_columns.json``: 序号 → serial numbers,
牵头单位 → unit lists, 完成时限 → deadlines, 重点任务 → task text; 领导/姓名 → person names) and from
the table's *complete* rows (rows with no covered cell), then places a row's real cells, in their
order, in the columns they fit; the covered cells are the gaps.

Kinds of value (:func:`cell_kind`): ``serial`` (``3``), ``deadline`` (``2022年12月底前``,
``每年12月底前``, ``持续推进``), ``units`` (a list of organ names), ``person``, ``sentence`` (task
text) and ``label`` (anything short). A column accepts the kinds its header and complete rows
show (any kind when neither says anything); a unit list also has to have a unit count the
column's complete rows show (a one-unit 牵头单位 column does not take three units).

Decision (:func:`place_row`), each outcome named by the rule that :attr:`Cell.span_rule` records:

* the leftmost-covered placement (``covered_left_grouping``, the convention of grouping columns)
  when no other placement fits better;
* else the one placement with the best fit (``covered_by_column_fit``) — unless every best-fitting
  placement names a unit of the row in its 牵头单位 column and, through a covered cell whose text is the
  row above's, in its 配合单位 column too (a task has no unit that both leads it and takes part in it):
  then the best placement that does not, with a warning naming both;
* else — two placements fit equally — the ones that do not name a unit twice in the row (a real
  unit cell repeating a unit of a unit column it leaves covered, whose text is the row above's),
  then those that put no empty mark (—, /) in a column every task fills, then of those the one whose
  covered cells lie further left, with a warning that names the tied
  placements and the row's lines (the evidence): never a silent choice.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import combinations

from ..caches import text_cache
from ..vocabulary import PERSON_POSTS, alternation
from .table_rules import COVERED_BY_COLUMN_FIT, COVERED_LEFT_GROUPING

AMBIGUOUS = "ambiguous placement"

_SERIAL = re.compile(r"^(?:\d{1,3}|[一二三四五六七八九十]{1,3}|[（(]\d{1,3}[）)])[.、．]?$")
_SENTENCE_PUNCT = re.compile(r"[。；，;,]")


@lru_cache(maxsize=1)
def _data() -> tuple[re.Pattern[str], tuple[str, ...]]:
    from .unit_lists import task_columns

    data = task_columns()
    words = sorted(data["period_words"], key=len, reverse=True)
    period = re.compile(r"(?:20|19)\d{2}\s*年|" + "|".join(map(re.escape, words)))
    return period, tuple(data["person_header_words"])


def _mostly_period(t: str, period: re.Pattern[str]) -> bool:
    """A deadline cell is its period words and dates with a few words round them (``2025年底前完成``);
    ``每年新推出旅游演艺项目10个以上。`` holds 每年 but is a task sentence."""
    rest = re.sub(r"[0-9０-９]+|[年月日号至到—\-~～]|" + period.pattern, "", t.rstrip("。"))
    return len(rest) <= 6


def _opens_with_work(text: str) -> bool:
    """A task that names what it builds (共建集成电路产业学院): a work verb, then a long name; an organ named
    after its work (建设局, 组织部) is short."""
    from .unit_lists import role_data

    return len(text) >= 7 and text.startswith(tuple(role_data()["work_verbs"]))


def is_period(t: str) -> bool:
    """A deadline or a period and little more (``2022年12月底前``, ``每年12月底前``, ``持续推进``)."""
    period, _ = _data()
    return len(t) <= 24 and period.search(t) is not None and not _SENTENCE_PUNCT.search(t.rstrip("。")) \
        and _mostly_period(t, period)


#: a post printed before a person's name in a 责任领导 cell (副县长林某某): ``vocabulary.json`` ``person_posts``
_POST = re.compile(f"^(?:{alternation(PERSON_POSTS)})")


@text_cache(8192)
def cell_kind(text: str) -> str:
    """``serial`` | ``deadline`` | ``units`` | ``person`` | ``sentence`` | ``label`` | ``empty``."""
    from ..nlp.persons import looks_like_person
    from .unit_lists import column_words, is_collective, looks_like_unit, split_units

    t = text.strip()
    if not t or t in column_words()[1]:
        return "empty"
    if _SERIAL.match(t):
        return "serial"
    if is_period(t):
        return "deadline"
    names = [_unmarked(n) for n, _, _ in split_units(t, 0)]
    if names and all(looks_like_unit(n) or is_collective(n) for n in names) and not _opens_with_work(t):
        return "units"  # not 共建集成电路产业学院: a task that names what it builds
    parts = [_POST.sub("", p) for p in re.split(r"[、，,\s]+", t) if p]
    if parts and all(looks_like_person(p) for p in parts):
        return "person"  # 莫振华, 副县长林某某: a name, its post before it or not
    if _SENTENCE_PUNCT.search(t) or len(t) >= 16:
        return "sentence"
    return "label"


def _unmarked(name: str) -> str:
    """A unit's name without the sign that marks it the lead (区民政局★, 市农业农村局（牵头）)."""
    from .unit_lists import lead_mark

    while (m := lead_mark().search(name)) is not None and m.start() > 0:
        name = name[: m.start()]
    return name.rstrip()


@text_cache(8192)
def unit_names(text: str) -> tuple[str, ...]:
    """The unit names of a cell's text (cached: a table's fit asks for the same cells many times)."""
    from .unit_lists import split_units

    return tuple(n for n, _, _ in split_units(text, 0))


def unit_count(text: str) -> int:
    return len(unit_names(text))


_ROLE_KINDS = {
    "number": {"serial"},
    "deadline": {"deadline"},
    "lead": {"units"},
    "participant": {"units"},
    "responsible": {"units"},
    "sub_lead": {"units", "label"},
    "sub_participant": {"units", "label"},
    "task": {"sentence", "label"},
    "content": {"sentence", "label"},
    "target": {"serial", "label", "sentence"},  # 2026年目标: 95, 完成集体商标注册
}


_TEXT = {"sentence", "label"}


@dataclass
class Profile:
    """What one column holds: the kinds it accepts and the unit counts of its unit lists."""

    kinds: set[str] = field(default_factory=set)
    unit_counts: set[int] = field(default_factory=set)
    label_lengths: set[int] = field(default_factory=set)  # of the short labels of its complete rows (亿元, 家)

    def fits(self, text: str, kind: str) -> float:
        """3 = the kind and its size fit; between 2 and 3 = the kind fits and its unit count lies
        outside the column's range (the farther, the lower), or a label far longer than the column's
        labels (a column of units of measure, 亿元 and 家, does not take an indicator's name); 0 = the kind does not fit."""
        if not self.kinds or kind == "empty":
            return 3.0
        if kind == "sentence" and kind not in self.kinds and "label" in self.kinds and max(self.label_lengths, default=0) >= 10:
            return 2.5  # 建设日处理2000吨污水处理设施 under a 建设内容 whose complete cells are long labels: a longer one of them
        if kind not in self.kinds:
            return 0.0
        if kind == "units" and self.unit_counts:
            n = unit_count(text)
            lo, hi = min(self.unit_counts), max(self.unit_counts)
            gap = lo - n if n < lo else n - hi if n > hi else 0
            return 3.0 if gap == 0 else round(2 + 1 / (1 + gap), 6)
        if kind == "label" and self.label_lengths and self.kinds == {"label"} and max(self.label_lengths) <= 3 \
                and len(text) > 6:
            return 2.5  # a column of units of measure (亿元, 家, 个) does not take a name
        return 3.0


def profiles(header: Sequence[str], complete: Sequence[Sequence[str]]) -> list[Profile]:
    """One profile per column from the header labels and the complete data rows."""
    from .unit_lists import field_role

    _, person_words = _data()
    out: list[Profile] = []
    text_columns = sum(set(_ROLE_KINDS.get(field_role(label) or "", set())) >= _TEXT for label in header)
    for c, label in enumerate(header):
        role = field_role(label)
        allowed = set(_ROLE_KINDS.get(role or "", set()))
        if not allowed and any(w in label for w in person_words):
            allowed = {"person", "units"}
        seen: set[str] = set()
        p = Profile()
        for row in complete:
            if c < len(row):
                kind = cell_kind(row[c])
                if kind == "empty":
                    continue
                seen.add(kind)
                if kind == "units":
                    p.unit_counts.add(unit_count(row[c]))
                elif kind == "label":
                    p.label_lengths.add(len(row[c].strip()))
        if len(complete) < 2 and seen & _TEXT:
            seen |= _TEXT  # one row does not tell a column of short labels from one of sentences
        # the header says what a column may hold, its complete rows what it does hold; the one column the header
        # names for text (工作任务) takes a sentence and a label alike: its short complete rows do not bar a longer
        # task (where two columns hold text, 重点任务 and 具体措施, the length of their cells tells them apart)
        p.kinds = (allowed & seen or allowed) if allowed else seen
        if allowed >= _TEXT and seen & _TEXT and text_columns == 1:
            p.kinds |= _TEXT
        if allowed >= _TEXT and "units" in seen:
            p.kinds |= {"units"}  # 花椒产业技术研究中心 in a complete row's 重点任务: a project may be named like an organ
        out.append(p)
    return out


@dataclass
class Placement:
    columns: tuple[int, ...]  # the column of each real cell, in order
    rule: str
    warning: str | None = None


def _repeats(combo: tuple[int, ...], values: Sequence[str], kinds: Sequence[str], above: Sequence[str],
             cols: list[Profile], n_cols: int, only: Sequence[bool] | None = None) -> int:
    """How many units a placement would name twice in one row: in a real unit cell and in a unit column it
    leaves covered (whose text comes from the row above). A row does not make 省卫生健康委 its 牵头单位 and
    its 参与单位 at once. ``only``: the columns counted (the 牵头单位 and 配合单位 columns), both the real cell's and the
    covered one's."""
    covered = {n for c in range(n_cols) if c not in combo and c < len(above) and "units" in cols[c].kinds
               and (only is None or only[c]) for n in unit_names(above[c])}
    if not covered:
        return 0
    return sum(n in covered for c, v, k in zip(combo, values, kinds, strict=True) if k == "units" and (only is None or only[c])
               for n in unit_names(v))


def _covered_names(combo: tuple[int, ...], header: Sequence[str], n_cols: int) -> str:
    """The names of the columns a placement leaves covered (``序号 / 牵头单位``), for a warning."""
    return " / ".join(header[c] if c < len(header) and header[c] else f"column {c + 1}" for c in range(n_cols) if c not in combo)


def place_row(values: Sequence[str], n_cols: int, cols: list[Profile], coverable: Sequence[bool], where: str,
              header: Sequence[str], above: Sequence[str] = (), prev: tuple[int, ...] | None = None) -> Placement:
    """Columns for the real cells ``values`` of a row with ``n_cols - len(values)`` covered cells.

    ``coverable[c]`` says whether column ``c`` has a data cell above that could cover it; ``above[c]``
    is the text that cell holds (used to break a tie). ``prev``: the columns of the real cells of the row above when
    that row has covered cells too, as many as this one: where its placement fits this row's cells by their kinds and
    falls short of the best fit by their sizes only (a one-unit cell under 配合单位, whose complete rows name two), the
    row continues the merges of the row above (a 牵头单位 merged over three rows), with a warning naming both.
    """
    n = len(values)
    left = tuple(range(n_cols - n, n_cols))
    kinds = [cell_kind(v) for v in values]
    scored: list[tuple[float, tuple[int, ...]]] = []
    for combo in combinations(range(n_cols), n):
        covered = [c for c in range(n_cols) if c not in combo]
        if not all(coverable[c] for c in covered):
            continue
        score = round(sum(cols[c].fits(v, k) for c, v, k in zip(combo, values, kinds, strict=True)), 6)
        scored.append((score, combo))
    if not scored:
        return Placement(left, COVERED_LEFT_GROUPING)
    best = max(s for s, _ in scored)
    top = [combo for s, combo in scored if s == best]
    if prev is not None and prev not in top:
        same = next((sc for sc, combo in scored if combo == prev), None)
        if same is not None and best - same < 1 \
                and all(cols[c].fits(v, k) > 0 for c, v, k in zip(prev, values, kinds, strict=True)):
            return Placement(prev, COVERED_LEFT_GROUPING if prev == left else COVERED_BY_COLUMN_FIT,
                             f"{AMBIGUOUS}: {where}: the covered cells fit {_covered_names(top[0], header, n_cols)} best "
                             f"by the sizes of the cells; took {_covered_names(prev, header, n_cols)}, the merges of the "
                             f"row above going on")
    if above:
        # a row does not name one unit as its 牵头单位 and, in a column it leaves covered, its 配合单位 at once: when
        # every best-fitting placement does, the best of those that do not is taken, with a warning naming both
        from .unit_lists import field_role

        pair = [c < len(header) and field_role(header[c]) in ("lead", "participant") for c in range(n_cols)]
        twice = {combo: _repeats(combo, values, kinds, above, cols, n_cols, pair) for _, combo in scored}
        fewest = min(twice.values())
        if all(twice[combo] > fewest for combo in top):
            alt = max((sc, combo) for sc, combo in scored if twice[combo] == fewest)[1]
            return Placement(alt, COVERED_LEFT_GROUPING if alt == left else COVERED_BY_COLUMN_FIT,
                             f"{AMBIGUOUS}: {where}: the covered cells fit {_covered_names(top[0], header, n_cols)} best, "
                             f"which names a unit of the row as its lead and its partner at once; "
                             f"took {_covered_names(alt, header, n_cols)}")
    if left in top:
        return Placement(left, COVERED_LEFT_GROUPING)
    if len(top) == 1:
        return Placement(top[0], COVERED_BY_COLUMN_FIT)
    # of the tied placements, those that name no unit twice in the row, then those that print no empty mark (—)
    # in a column every task fills (a 完成时限, a 牵头单位: covered there, not blank), then the leftmost-covered
    from .table_rules import FILLED_ROLES
    from .unit_lists import field_role

    filled = [c < len(header) and field_role(header[c]) in FILLED_ROLES for c in range(n_cols)]
    repeats = {combo: _repeats(combo, values, kinds, above, cols, n_cols) if above else 0 for combo in top}
    blank = {combo: sum(k == "empty" and filled[c] for c, k in zip(combo, kinds, strict=True)) for combo in top}
    # a task is each row's own: a placement that covers the task column (two rows, one task) comes after one that
    # covers a unit or deadline column (花椒冷链仓储中心 is the row's project, not a unit named 中心)
    tasks = {combo: sum(c < len(header) and field_role(header[c]) in ("task", "content") for c in range(n_cols)
                        if c not in combo) for combo in top}
    top.sort(key=lambda combo: (repeats[combo], blank[combo], tasks[combo], [c for c in range(n_cols) if c not in combo]))
    names = [_covered_names(combo, header, n_cols) for combo in top]
    why = "" if repeats[top[0]] == repeats[top[-1]] else " (the others name a unit of the row twice)"
    return Placement(top[0], COVERED_LEFT_GROUPING if top[0] == left else COVERED_BY_COLUMN_FIT,
                     f"{AMBIGUOUS}: {where}: the covered cells fit {' or '.join(names)} equally; took {names[0]}{why}")
