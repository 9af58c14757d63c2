"""Skeleton -> findings with evidence: tasks and leads, annex roles, tables, repeals, effective dates,
targets, deadlines and cited documents.

:func:`run_extractors` walks the document and its enclosed documents in file order and fills
each one's findings in place; lead rules declared anywhere in the file (a ``下同`` rule of the
cover notice covers the enclosed 方案) are applied to every task at the end.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager

from ..errors import PolicyParseError
from ..model import Finding, PolicyDocument, Repeal, SourceText, Span, Suspension, Table, Task
from ..structure import Line, Skeleton
from ..structure.lines import run_on_cuts
from ..structure.outline import OutlineItem
from ..vocabulary import kind_family
from .assignments import extract_running_text
from .citations import find_citations
from .context import ExtractionContext
from .effective import edition_effective, find_effective
from .field_lines import extract_field_lines
from .heading_units import heading_units
from .lead_rules import Declared, apply_rules, declared_for_task, declared_rules, match_rule
from .referenced import referenced_tasks
from .repeals import find_repeals
from .roles import consistency, find_roles, link_table_rows
from .standing import Covered, apply_standing, find_standing
from .table_fit import AMBIGUOUS
from .table_notes import column_leads, lead_column_positions, row_leads
from .tables import TableSettings, find_tables
from .targets import find_deadline, find_targets
from .task_tables import TOP_TABLE_LABEL, is_task_table, tasks_from_table
from .tasks import extract_tasks


def _pairs(doc: PolicyDocument, sk: Skeleton):
    yield doc, sk
    for d, s in zip(doc.enclosed, sk.enclosed, strict=True):
        yield from _pairs(d, s)


def _reaches(sk: Skeleton, lines: list[Line], end: int, out: dict[int, int] | None = None) -> dict[int, int]:
    """``id(skeleton)`` -> where the rules it declares stop: the start of its next sibling, else its parent's stop."""
    out = {} if out is None else out
    out[id(sk)] = end
    kids = sk.enclosed
    for i, k in enumerate(kids):
        _reaches(k, lines, _doc_start(kids[i + 1], lines) if i + 1 < len(kids) else end, out)
    return out


#: …，此项由市发展改革委牵头（责任单位：…）: the item's own sentence names which unit of its assignment leads
_THIS_ITEM_LEAD = re.compile(r"(?:此项|本项|该项)(?:工作)?由(?P<unit>[^，。；（(由]{2,30}?)牵头[，。；]?\s*[（(〔]?\s*$")


def _item_leads(ft: str, running: list[Task], assigned: list[Task]) -> list[Task]:
    """``…，此项由市发展改革委牵头（责任单位：A、市发展改革委、B）``: the sentence names which unit of the item's own
    assignment leads it. That assignment gets the lead (explicit); the sentence is no task of its own. Returns the
    running-text tasks that remain."""
    said: list[tuple[int, int]] = []
    for t in assigned:
        m = _THIS_ITEM_LEAD.search(ft, max(0, t.span.start - 60), t.span.start)
        if m is None or m["unit"] not in {u.name for u in t.units}:
            continue
        lead = m["unit"]
        t.units = [u.model_copy(update={"role": "lead" if u.name == lead else
                                        ("participant" if u.role == "lead" else u.role)}) for u in t.units]
        t.lead_units, t.lead_basis = [lead], "explicit"
        said.append((m.start(), m.end()))
    return [r for r in running if not any(a <= r.span.start < b for a, b in said)]


def _body_end(sk: Skeleton, lines: list[Line]) -> int:
    if sk.body_end:
        return sk.body_end
    return lines[sk.hi - 1].end if sk.hi > sk.lo else sk.body_start


def _doc_start(sk: Skeleton, lines: list[Line]) -> int:
    return lines[sk.lo].start if sk.hi > sk.lo else sk.body_start


def strict() -> bool:
    """``POLICYPARSE_STRICT=1`` re-raises an extractor's internal error instead of recording it (tests use it)."""
    return os.environ.get("POLICYPARSE_STRICT", "") not in ("", "0")


@contextmanager
def _guarded(d: PolicyDocument, what: str) -> Iterator[None]:
    """Partial results where they are honest: a failing extractor leaves a warning, not a lost document.
    The time budget is checked on entry (:func:`policyparse.budget.check`); a Timeout is never a warning."""
    from ..budget import check

    check(what)
    try:
        yield
    except PolicyParseError:
        raise
    except Exception as exc:  # noqa: BLE001 - turned into a warning on purpose
        if strict():
            raise
        d.warnings.append(f"{what} skipped after an internal error ({type(exc).__name__}: {exc}); the other findings are complete")


def run_extractors(ctx: ExtractionContext) -> None:
    """Fill the findings of ``ctx.document`` and its enclosed documents in place."""
    from ..nlp import canonicalize, region_of

    doc, sk, ft, lines, flat, st = ctx.document, ctx.skeleton, ctx.folded, ctx.lines, ctx.outline_items, ctx.source
    seg = ctx.segmenter
    n_tasks = 0
    declared: list[Declared] = []
    standing: list[Covered] = []
    outside: set[tuple[int, int]] = set()  # annexes after their document's body: no body reader saw their text
    file_end = len(ft)
    cuts = run_on_cuts(lines)  # a page flattened to one line: its field lines stand where the cuts are
    # the issuers' (province, city): short forms of running text (省供销社) and every unit's full name
    issuer_names = [o.name for d in doc.walk() for o in d.issuers + (d.signature.issuers if d.signature else [])]
    region = region_of(issuer_names)
    # a national issuer's 财税部门 / 宣传部门 are those departments at every level; a local one's, its own organs
    local = not issuer_names or region != (None, None)
    # a rule an enclosed document declares (下同) reaches the start of the next document it is enclosed with
    ends = _reaches(sk, lines, file_end)
    for d, s in _pairs(doc, sk):
        lo, hi = s.body_start, _body_end(s, lines)
        with _guarded(d, "tasks"):
            tasks, rules = extract_tasks(ft, lo, hi, flat, first_id=n_tasks + 1, segmenter=seg)
            for t in tasks:
                dl = find_deadline(ft, t.text_span.start if t.text_span else t.span.start, t.span.end)
                if dl is not None:
                    t.deadline = dl
            fields = extract_field_lines(ft, lo, hi, flat, first_id=n_tasks + len(tasks) + 1, cuts=cuts)
            running: list[Task] = []
            mentions: list[Finding] = []
            # articles state standing duties (X负责…, 由X会同Y…), not tasks of a plan; but articles that close with assignments
            # of their own (第十四条　X要会同Y…。（X、Y、Z）) are a plan written in articles: their running text assigns too
            if not _articled(d) or tasks or fields:
                running, mentions = extract_running_text(ft, lo, hi, flat, [t.span for t in tasks + fields],
                                                         first_id=n_tasks + len(tasks) + len(fields) + 1,
                                                         closed=[t.text_span for t in tasks if t.text_span is not None],
                                                         region=region,
                                                         sectors=local and kind_family(d.doc_type) not in ("rule", "statute"))
                if _articled(d):  # 第五条　市发展改革委负责氢能项目谋划…: an article's X负责 states the organ's remit, a standing duty
                    running = [t for t in running if t.lead_basis == "explicit" or not t.assignment_text.endswith("负责")]
            annex_fields: list[Task] = []
            for ax in d.annexes:
                if not lo <= ax.span.start < hi:
                    outside.add((ax.span.start, ax.span.end))
                    got = extract_field_lines(ft, ax.span.start, ax.span.end, [], cuts=cuts,
                                              first_id=n_tasks + len(tasks) + len(fields) + len(running) + len(annex_fields) + 1)
                    for t in got:
                        t.path = ax.label
                    annex_fields += got
            d.findings.extend(mentions)
            running = _item_leads(ft, running, tasks + fields)
            found = tasks + fields + running + annex_fields
            body_tables: list[Span] = []
            for tb in _body_text_tables(ft, st, lo, hi, d, flat, ctx.tables):
                if tb.span:
                    body_tables.append(tb.span)
                found = [t for t in found if not tb.span or not tb.span.start <= t.span.start < tb.span.end]
                label = tb.outline_path or _opening_label(ft, lo, tb.span.start if tb.span else lo) or TOP_TABLE_LABEL
                found += tasks_from_table(ft, tb, label=label, first_id=n_tasks + len(found) + 1)
            found += heading_units(ft, flat, lo, hi, found, first_id=n_tasks + len(found) + 1, duties=not _articled(d),
                                   sectors=local and kind_family(d.doc_type) not in ("rule", "statute"), cuts=cuts,
                                   region=region)
            # 五、责任分工 / （一）X：牵头负责第二部分第（一）（二）项任务…: the items it names, not the line itself
            named, duty_lines = referenced_tasks(ft, lo, hi, flat, first_id=n_tasks + len(found) + 1)
            if named:
                found = [t for t in found if not any(x.start <= t.span.start < x.end for x in duty_lines)] + named
            found.sort(key=lambda t: t.span.start)
            n_tasks += len(found)
            d.tasks.extend(found)
            doc_end = ends.get(id(s), file_end)
            for r in rules:
                owner = next(t for t in tasks if t.span.start <= r.span.start < t.span.end + 1)
                declared.append(declared_for_task(r, owner.span, doc_end, flat, doc_start=lo, body_end=hi))
            # （每项工作后括号内为责任单位，所列单位中居首位者为牵头单位，全文同）: a rule printed as the note under the title
            noted = s.note is not None and s.note[1].start < lo and match_rule(s.note[0]) is not None
            elsewhere = declared_rules(ft, s.note[1].start if noted else lo, hi, flat, d.annexes,
                                       [t.span for t in tasks], doc_end,
                                       fields=[t.span for t in fields + annex_fields], tables=body_tables)
            declared.extend(elsewhere)
            # one rule may cover several ranges (第二部分和第四部分): listed once
            d.lead_rules.extend(sorted({id(r): r for r in rules + [x.rule for x in elsewhere]}.values(),
                                       key=lambda r: r.span.start))
            here = find_standing(ft, lo, hi, flat, [t.span for t in tasks], file_end, segmenter=seg)
            standing.extend(here)
            d.standing_assignments.extend(c.standing for c in here)
            d.warnings.extend(_other_verb_warnings(found))
        # 印发之日 / 发布之日: the 印发 date of the 版记 when printed, else the 成文日期
        doc_date = doc.printed_date or d.date or doc.date
        repeals: list[Repeal] = []
        suspensions: list[Suspension] = []
        with _guarded(d, "repeals"):
            repeals, suspensions = find_repeals(ft, lo, hi, doc_date=doc_date)
            d.repeals.extend(repeals)
            d.suspensions.extend(suspensions)
        with _guarded(d, "effective date"):
            d.effective = edition_effective(d.events, find_effective(ft, _doc_start(s, lines), hi, doc_date=doc_date, title=d.title))
        with _guarded(d, "targets"):
            d.targets.extend(find_targets(ft, lo, hi))
        with _guarded(d, "cited documents"):
            d.cited_documents.extend(
                find_citations(ft, _doc_start(s, lines), hi, repeal_spans=[r.span for r in repeals],
                               suspension_spans=[x.span for x in suspensions])
            )
    for d in doc.walk():
        for ax in d.annexes:
            with _guarded(d, f"tables of {ax.label}"):
                _annex_tables(ax, ft, st, d, ctx.tables)
                tabled = [tb for tb in ax.tables if is_task_table(tb)]
                for tb in ax.tables:
                    # 附件 holding 表1 and 表2: each table's rows numbered under its own label (附件表1/3), not twice 附件/3
                    k = next((i for i, x in enumerate(tabled) if x is tb), None)
                    label = f"{ax.label}表{k + 1}" if len(tabled) > 1 and k is not None else ax.label
                    rows = tasks_from_table(ft, tb, label=label, first_id=n_tasks + 1)
                    if rows and tb.span is not None:  # a cell of two field lines (牵头单位：X / 配合单位：Y |) is its row's
                        d.tasks = [t for t in d.tasks if t.form != "field" or not tb.span.start <= t.span.start < tb.span.end]
                    n_tasks += len(rows)
                    d.tasks.extend(rows)
                if (ax.span.start, ax.span.end) in outside:
                    paren = _annex_parentheticals(ft, ax, d.tasks, first_id=n_tasks + 1, segmenter=ctx.segmenter)
                    n_tasks += len(paren)
                    d.tasks.extend(paren)
    with _guarded(doc, "lead rules"):
        every = [t for d in doc.walk() for t in d.tasks]
        row_leads(ft, every)  # 注：第6项、第11项由X牵头: explicit, before the rules
        column_leads(ft, every)  # 注：“责任单位”栏所列单位为牵头单位: the same
        lead_column_positions(ft, every)  # 注：牵头单位栏中列有多个单位的，排在第一位的为牵头单位: the same
        apply_rules(every, declared, ft)
    with _guarded(doc, "body tables"):
        _body_tables(doc, st, flat)
    with _guarded(doc, "standing assignments"):
        apply_standing([t for d in doc.walk() for t in d.tasks], standing)
    with _guarded(doc, "unit canonicalization"):
        _canonicalize(doc, canonicalize, region)
    all_tasks = [t for d in doc.walk() for t in d.tasks if t.form != "table"]
    for d in doc.walk():
        with _guarded(d, "table/body links"):
            d.findings.extend(link_table_rows([t for t in d.tasks if t.form == "table"], all_tasks))
        for ax in d.annexes:
            with _guarded(d, f"responsibility list of {ax.label}"):
                roles = find_roles(ft, ax.span.start, ax.span.end, all_tasks)
                if roles:
                    d.roles.extend(roles)
                    d.findings.extend(consistency(all_tasks, roles))


def _other_verb_warnings(tasks: list[Task]) -> list[str]:
    """One warning per unit list whose verb the role vocabulary does not know (role ``other``)."""
    out = []
    for t in tasks:
        verbs = sorted({u.verb or "" for u in t.units if u.role == "other"})
        if verbs:
            names = "、".join(u.name for u in t.units if u.role == "other")
            out.append(f"task {t.path or t.id} 《{t.assignment_text}》: {names} with verb {'/'.join(verbs)}, "
                       "which data/role_words.json does not know; kept with role other")
    return out


def _canonicalize(doc: PolicyDocument, canonicalize, region: tuple[str | None, str | None]) -> None:
    """Full names for every unit, from the lexicon and the regular short forms of the issuers' ``region``."""
    province, city = region
    for d in doc.walk():
        for t in d.tasks:
            for u in t.units:
                if u.sub_role is None:
                    u.canonical = canonicalize(u.name, province=province, city=city)[0]


def _articled(d: PolicyDocument) -> bool:
    """A normative text written in 第X条 articles (a statute, a regulation, a rule): its sentences of
    the form ``X负责…`` / ``由X会同Y…`` define standing duties, not the tasks of a plan, so running text
    is not read for assignments there (parentheticals and fields still are). A plan written in articles
    (若干措施, 实施方案 of the ``plan`` family) assigns its work there as any plan does."""
    def has_article(nodes: list) -> bool:
        return any(n.style == "tiao" or has_article(n.children) for n in nodes)

    return kind_family(d.doc_type) != "plan" and has_article(d.outline)


def _body_tables(doc: PolicyDocument, st: SourceText, flat: list[OutlineItem]) -> None:
    """Every table the reader found outside the annexes goes to the innermost document holding it,
    anchored by the outline path of the deepest node whose span holds its first cell (tables of
    annexes are placed by :func:`_annex_tables`). Flattened text tables are rebuilt in annexes only."""
    from ..structure.outline import item_at

    docs = list(doc.walk())
    annex_spans = [ax.span for d in docs for ax in d.annexes]
    for b in st.blocks:
        if b.kind != "table" or b.table is None:
            continue
        at = b.span.start
        if any(s.start <= at < s.end for s in annex_spans):
            continue
        holder = doc
        for d in docs:  # pre-order: the last document holding the offset is the innermost
            if d.span is not None and d.span.start <= at < max(d.span.end, d.span.start + 1):
                holder = d
        item = item_at(flat, at)
        span = b.table.span or b.span
        holder.tables.append(b.table.model_copy(update={"outline_path": item.path if item else None, "span": span}))


def _body_text_tables(ft: str, st: SourceText, lo: int, hi: int, d: PolicyDocument, flat: list[OutlineItem],
                      settings: TableSettings) -> list[Table]:
    """Flattened tables of a plain-text body (a 分解表 printed as the document itself, 序号 | 实事项目 | …),
    added to ``d.tables`` anchored at their outline path; returned so that their rows become tasks. Only where
    no reader found tables in the body (plain text) and the body holds a table's marks (a bar or 序号)."""
    from ..structure.outline import item_at

    if any(b.kind == "table" and lo <= b.span.start < hi for b in st.blocks):
        return []
    if ft.find("|", lo, hi) < 0 and ft.find("序号", lo, hi) < 0:
        return []
    annexes = [(ax.span.start, ax.span.end) for ax in d.annexes]
    out = []
    for tb in find_tables(ft, lo, hi, settings, source=st.text).tables:
        if tb.span is None or any(a <= tb.span.start < b for a, b in annexes):
            continue
        item = item_at(flat, tb.span.start)
        out.append(tb.model_copy(update={"outline_path": item.path if item else None}))
    d.tables.extend(out)
    return out


def _annex_parentheticals(ft: str, ax, have: list[Task], *, first_id: int, segmenter) -> list[Task]:
    """Assignment parentheticals of an annex printed as text after its document's body (附件1 / 重点工作责任分解 /
    （一）…（牵头单位：X；责任单位：Y）) that no reader took yet (outside its tables and the tasks already found),
    numbered under the annex's label."""
    taken = {(t.span.start, t.span.end) for t in have}
    tables = [(tb.span.start, tb.span.end) for tb in ax.tables if tb.span is not None]
    found, _rules = extract_tasks(ft, ax.span.start, ax.span.end, [], first_id=first_id, segmenter=segmenter)
    out = [t for t in found if (t.span.start, t.span.end) not in taken and not any(a <= t.span.start < b for a, b in tables)
           and match_rule(t.assignment_text) is None]  # （表内所列责任单位，排列第一者为牵头单位）: a rule, read as one
    for k, t in enumerate(out):
        t.id, t.path = f"t{first_id + k}", t.path or ax.label
    return out


def _opening_label(ft: str, lo: int, at: int) -> str | None:
    """The 附件 label a body opens with, or is printed under, when a table follows it: the label its rows
    are numbered under (a page that holds an annex only, 附件 / 汉中市…任务清单 / 序号 | …; a transmitted
    任务清单 printed under the cover's 附件 label)."""
    from ..structure.segment import bare_annex_label

    first = next((ln for ln in ft[lo:at].splitlines() if ln.strip()), "")
    if (label := bare_annex_label(first)) is not None:
        return label
    above = [ln for ln in ft[max(0, lo - 300) : lo].splitlines() if ln.strip()][-3:]
    for k in range(len(above) - 1, -1, -1):  # the label, then at most the title lines of what it holds
        if (label := bare_annex_label(above[k])) is not None:
            return label
        if len(above[k].strip()) > 60 or "。" in above[k]:
            break
    return None


def _annex_tables(ax, ft: str, st: SourceText, d: PolicyDocument, settings: TableSettings) -> None:
    """Tables a reader found in the annex (docx, pdf, html) or, in plain text, rebuilt from its lines."""
    inside = [b.table for b in st.blocks if b.kind == "table" and b.table is not None and ax.span.start <= b.span.start < ax.span.end]
    if inside:
        ax.tables.extend(t.model_copy(update={"annex": ax.label}) for t in inside)
        return
    tables, notes = find_tables(ft, ax.span.start, ax.span.end, settings, source=st.text)
    ax.tables.extend(t.model_copy(update={"annex": ax.label}) for t in tables)
    for tb in tables:
        for w in tb.warnings:
            if w.startswith(AMBIGUOUS):
                d.findings.append(Finding(kind="table_placement_ambiguous", message=f"{ax.label}: {w}",
                                          spans=[tb.span] if tb.span else []))
    label = ax.label + (f" {ax.title}" if ax.title else "")
    d.warnings.extend(f"{label}: {n}" for n in notes)


__all__ = ["ExtractionContext", "Span", "run_extractors"]
