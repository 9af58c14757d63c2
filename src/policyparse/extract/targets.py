"""Quantitative targets and deadlines.

Targets are commitments with a time anchor: a sentence that says ``到2025年`` (or names a
``目标``) and then a figure reached (``达到80%以上``, ``突破1000亿元``, ``控制在5%以内``, ``培育20个千亿产业``).
A figure in a sentence without an anchor (``人员数量达到职工人数25%``) is a condition, not a target.
A named set (``“1125”目标（即：A、B、C、D）``) keeps its components as items. Magnitudes written
before a noun (``千亿产业``, ``万亿行业``) belong to the metric, not the value. ``每年…一批`` is a
recurring commitment with no value.

Only numbers are values: ``一批`` (a batch) counts nothing and gives no item. A clause with several
figures (``选拔30名…和50名…``, ``100名左右A、300名左右B``) gives one item each, every item's text cut at
the clause or list boundary around its own figure; in an anchored sentence a later clause holding only
a bound figure (``，乡村骨干教师420人以上``) is one more item. A metric never starts with 的.

Deadlines: ``2022年底前``, ``2023年6月底前``, ``2019年12月底前`` (normalized to the period's last day),
``长期坚持`` / ``持续推进`` (ongoing), ``分阶段实施`` (phased).
"""

from __future__ import annotations

import calendar
import re

from ..model import Deadline, Span, Target, TargetItem
from ..normalize import cn_to_int, squeeze
from ..normalize.numerals import CN_NUM

_SENT = re.compile(r"[^。！？\n]+[。！？]?")  # a ； list stays under its sentence's anchor
_ANCHOR = re.compile(r"(?:到|至|在)\s*(?P<y>20[0-9]{2}|19[0-9]{2})\s*年(?:底|末)?")
_NAMED = re.compile(r"“(?P<name>[^”]{1,12})”目标\s*（\s*(?:即\s*[：:]?)?\s*(?P<items>[^（）]+)）")
_NUM = rf"(?P<num>[0-9]+(?:\.[0-9]+)?|[{CN_NUM}]+)"
_UNIT = (r"(?P<unit>%|个百分点|(?:万亿|亿|万)?(?:元|人|名|户|亩|吨|个|家|套|台)|项|所|条|批|座|公里|千米|平方米|次|倍|年|张|处|支|只)")
_MAGNITUDE = r"(?:千亿|万亿|百亿|五百亿|十亿|亿|千万|百万)"
_COMPARATOR = r"(?P<cmp>达到|达|突破|超过|提高到|提升到|增加到|增长到|降低到|下降到|减少到|控制在|不低于|不少于|不超过|不高于|保持在|稳定在|实现|建设|建成|培育|开发|提升|打造|新增|完成|引进|创建|争创|培养|选拔|遴选|扶持|支持|设立)"
_FIGURE = re.compile(rf"{_COMPARATOR}\s*(?:约|近|超)?{_NUM}\s*{_UNIT}(?P<tail>以上|以内|左右|以下)?")
#: a figure with no verb before it, read only inside a named set, which itself says it is a target
_BARE_FIGURE = re.compile(rf"(?P<cmp>){_NUM}\s*{_UNIT}(?P<tail>以上|以内|左右|以下)?")
#: a numeral + measure word that names an indefinite quantity, never a value (一批 = "a batch of")
_INDEFINITE = re.compile(r"^一批$")
#: a further figure in the same clause: 、300名左右B / 和50名B / 及5个B
_MORE = re.compile(rf"(?P<join>以及|、|和|及|与)\s*(?:约|近|超)?{_NUM}\s*{_UNIT}(?P<tail>以上|以内|左右|以下)?")
#: a clause continuing an anchored sentence with a bound figure only: 乡村骨干教师420人以上
_BOUND_ONLY = re.compile(rf"^(?P<metric>[^0-9{CN_NUM}]{{2,30}}?)\s*{_NUM}\s*{_UNIT}(?P<tail>以上|以内|左右|以下)$")
_RECURRING = re.compile(r"每年[^，。；]{0,30}?一批[^，。；]{0,30}")
_DEADLINE = re.compile(
    r"(?P<y>20[0-9]{2}|19[0-9]{2})\s*年\s*(?:(?P<m>[0-9]{1,2})\s*月\s*)?(?:(?P<end>年?底|末)|(?<=月)(?P<d>[0-9]{1,2})\s*日)前"
    r"|(?P<ongoing>长期坚持|持续推进|长期推进|持续实施)|(?P<phased>分阶段实施|分步实施|逐步推进)"
)


def _value(num: str) -> float | None:
    if re.fullmatch(r"[0-9]+(?:\.[0-9]+)?", num):
        return float(num)
    v = cn_to_int(num)
    return float(v) if v is not None else None


def _metric_after(after: str) -> str | None:
    metric = squeeze(re.split(r"[，,；。]", after)[0]) if after.strip() else ""
    if re.match(r"^[”’」』]", metric):
        return None  # 达到40%”的三大目标: the quotation closes, the metric stands before the figure
    metric = re.sub(r"^的+", "", metric)
    return metric or None


def _is_value(num: str, unit: str) -> bool:
    return _value(num) is not None and not _INDEFINITE.match(num + unit)


def _items(text: str, start: int, *, named: bool = False) -> list[TargetItem]:
    """Every figure of one clause ``text`` (at offset ``start``), each with its own text and metric.

    In a named set (``named``) every component with a figure is an item, whatever its verb
    (推广5000个…), since the set itself says it is a target."""
    m = _FIGURE.search(text) or (_BARE_FIGURE.search(text) if named else None)
    if not m:
        return []
    if not _is_value(m["num"], m["unit"]):
        return _items(text[m.end():], start + m.end(), named=named)
    figures = [(m, m["tail"] or m["cmp"] or None)]
    pos = m.end()
    while True:
        more = _MORE.search(text, pos)
        if more is None or not _is_value(more["num"], more["unit"]):
            break
        figures.append((more, more["tail"] or m["cmp"] or None))
        pos = more.end()
    out: list[TargetItem] = []
    for k, (f, comparator) in enumerate(figures):
        piece_start = 0 if k == 0 else f.end("join")
        piece_end = figures[k + 1][0].start() if k + 1 < len(figures) else len(text)
        piece = text[piece_start:piece_end]
        metric = _metric_after(text[f.end():piece_end])
        if not metric and k == 0:
            metric = squeeze(re.split(r"[，,]", text[: f.start()])[-1])
            metric = _ANCHOR.sub("", metric)
            metric = re.sub(r"(?:力争|要|应|将|均|基本|全部)+$", "", metric).strip()
            metric = re.sub(r"^(?:实现|力争|确保|争取)*[“‘「『]?", "", metric) or None
        lead = len(piece) - len(piece.lstrip())
        piece = piece.strip()
        out.append(TargetItem(text=squeeze(piece), metric=metric, value=_value(f["num"]), unit=f["unit"],
                              comparator=comparator, span=Span(start=start + piece_start + lead, end=start + piece_start + lead + len(piece))))
    return out


def _bound_only(text: str, start: int) -> TargetItem | None:
    """A clause that only states a bound figure (``乡村骨干教师420人以上``), continuing an anchored sentence."""
    m = _BOUND_ONLY.match(text.strip())
    if not m or not _is_value(m["num"], m["unit"]):
        return None
    lead = len(text) - len(text.lstrip())
    piece = text.strip()
    metric = re.sub(r"^(?:其中|另|并)", "", squeeze(m["metric"])) or None
    return TargetItem(text=squeeze(piece), metric=metric, value=_value(m["num"]), unit=m["unit"], comparator=m["tail"],
                      span=Span(start=start + lead, end=start + lead + len(piece)))


def find_targets(ft: str, start: int, end: int) -> list[Target]:
    """Targets stated in ``ft[start:end]``, in order."""
    out: list[Target] = []
    for sm in _SENT.finditer(ft, start, end):
        sent, s0 = sm.group(0), sm.start()
        # each pattern's match holds a word looked for first: most sentences hold none of them
        anchor = _ANCHOR.search(sent) if "年" in sent else None
        named = _NAMED.search(sent) if "目标" in sent else None
        if named:
            items = []
            pos = named.start("items")
            for piece in re.split(r"[、，]", named["items"]):
                items.extend(_items(piece, s0 + pos, named=True)[:1])
                pos += len(piece) + 1
            if items:
                out.append(Target(name=named["name"], year=int(anchor["y"]) if anchor else None, items=items,
                                  span=Span(start=s0 + named.start(), end=s0 + named.end())))
            continue
        if anchor is None and "目标" not in sent:
            for rm in _RECURRING.finditer(sent) if "每年" in sent else ():
                out.append(Target(recurring=True, items=[TargetItem(text=squeeze(rm.group(0)), span=Span(start=s0 + rm.start(), end=s0 + rm.end()))],
                                  span=Span(start=s0 + rm.start(), end=s0 + rm.end())))
            continue
        # several anchored clauses in one sentence: each figure takes the nearest anchor before it
        anchors = list(_ANCHOR.finditer(sent))
        items_by_year: dict[int | None, list[TargetItem]] = {}
        last_metric: str | None = None
        for clause in re.finditer(r"[^，；。]+", sent):
            found = _items(clause.group(0), s0 + clause.start())
            if not found and anchors and items_by_year:
                bound = _bound_only(clause.group(0), s0 + clause.start())
                found = [bound] if bound else []
            if not found:
                continue
            before = [a for a in anchors if a.start() <= clause.start() + len(clause.group(0))]
            year = int(before[-1]["y"]) if before else (int(anchors[0]["y"]) if anchors else None)
            for it in found:  # 到2025年不低于4.66人: the elliptical clause keeps the metric of the one before
                if it.metric is None and last_metric is not None:
                    it.metric = last_metric
                last_metric = it.metric or last_metric
            items_by_year.setdefault(year, []).extend(found)
        for year, items in items_by_year.items():
            out.append(Target(year=year, items=items, span=Span(start=items[0].span.start, end=items[-1].span.end)))
    return out


def find_deadline(ft: str, start: int, end: int) -> Deadline | None:
    """The first deadline written in ``ft[start:end]`` (a task's text), or ``None``."""
    m = _DEADLINE.search(ft, start, end)
    if not m:
        return None
    span = Span(start=m.start(), end=m.end())
    if m["ongoing"]:
        return Deadline(text=m.group(0), kind="ongoing", span=span)
    if m["phased"]:
        return Deadline(text=m.group(0), kind="phased", span=span)
    y = int(m["y"])
    mo = int(m["m"]) if m["m"] else 12
    if not 1 <= mo <= 12:
        return None
    last = calendar.monthrange(y, mo)[1]
    day = int(m["d"]) if m["d"] else last  # 2021年8月13日前: that day; 2023年6月底前: the month's last
    if not 1 <= day <= last:
        return None
    return Deadline(text=m.group(0), date=f"{y:04d}-{mo:02d}-{day:02d}", kind="date", span=span)
