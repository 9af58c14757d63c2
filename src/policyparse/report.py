"""One document as one self-contained HTML page, for people who would rather look than read JSON.

    >>> from policyparse.pipeline import parse
    >>> from policyparse.report import render_report
    >>> Path("page.html").write_text(render_report(parse("notice.txt")), encoding="utf-8")

Contract of :func:`render_report`:

* The page is complete and standalone: inline CSS, no script, no external asset (fonts come
  from the reader's machine through a CJK ``font-family`` stack: Noto CJK, Source Han,
  WenQuanYi, AR PL, then the platform fonts).
* Every text taken from the document passes through :func:`html.escape`.
* Output is deterministic: the same document gives the same bytes (no dates, no ids that are
  not derived from position).
* Each document of ``doc.walk()`` (the root, then enclosed documents depth first) is one
  ``<section class="document" id="doc-N">`` (N = 1-based walk position) holding, where the
  document has them: the envelope (``dl.envelope``), the outline (``nav.outline``), lead rules,
  the tasks (``table.tasks``; one ``tr.task`` per task with ``id="doc-N-<task id>"``; every
  unit is a ``span.unit`` with its role as a class, the leads being ``mark.unit.lead``), the
  responsibility matrix (``table.roles``), the consistency findings (``ul.findings``, one
  ``li.finding`` each with ``data-kind``), repeals, suspensions, effective dates, targets,
  cited documents, annexes (each table rendered by :func:`table_to_html`) and warnings.

:func:`table_to_html` renders a :class:`~policyparse.model.Table` from its cells: one ``<td>``
(``<th>`` for header cells) per stored cell at its origin, with ``rowspan``/``colspan`` when
the cell spans more than one position, so merged cells stay merged; a position that no cell
covers becomes an empty ``td.blank``.
"""

from __future__ import annotations

from html import escape

from .model import (
    Annex,
    Effective,
    Finding,
    OutlineNode,
    PolicyDocument,
    Repeal,
    Role,
    Span,
    Suspension,
    Table,
    Target,
    Task,
)

__all__ = ["FONT_STACK", "render_report", "table_to_html"]

FONT_STACK = (
    '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Source Han Sans CN", '
    '"Noto Serif CJK SC", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "AR PL UMing CN", '
    '"AR PL UKai CN", "AR PL SungtiL GB", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", '
    '"SimSun", sans-serif'
)

_ROLE_WORDS = {"lead": "牵头", "participant": "参与", "responsible": "负责", "guide": "指导", "supervise": "监督",
               "implement": "落实", "other": "其他"}
_BASIS_WORDS = {"positional": "按排序规则", "explicit": "明确写明", "table_column": "表格牵头列", "none": "未确定"}
_CITED_WORDS = {"basis": "依据", "transmitted": "印发/转发", "repealed": "废止", "suspended": "停止执行", "other": "其他"}
_SNIPPET = 60  # characters of an outline node's text shown when it has no heading

_CSS = """
:root { --ink: #1f2328; --muted: #59636e; --line: #d0d7de; --lead: #ffe08a; --lead-ink: #5c3d00;
        --part: #eef2f6; --warn: #fff1f0; --warn-line: #ff8182; --merged: #f3f8ff; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1100px; padding: 24px 32px 64px; color: var(--ink);
       font-family: %(fonts)s; font-size: 15px; line-height: 1.6; background: #fff; }
h1 { font-size: 24px; line-height: 1.4; margin: 0 0 4px; }
h2 { font-size: 20px; margin: 28px 0 8px; padding-bottom: 4px; border-bottom: 2px solid var(--ink); }
h3 { font-size: 16px; margin: 22px 0 8px; padding-left: 8px; border-left: 4px solid #0969da; }
h4 { font-size: 15px; margin: 14px 0 6px; }
.sub { color: var(--muted); font-weight: normal; font-size: 13px; margin-left: 6px; }
.kind { color: var(--muted); font-size: 13px; margin: 0 0 12px; }
section.document + section.document { margin-top: 40px; }
dl.envelope { display: grid; grid-template-columns: 9em 1fr; gap: 2px 12px; margin: 8px 0; }
dl.envelope dt { color: var(--muted); }
dl.envelope dd { margin: 0; }
nav.outline ol { list-style: none; padding-left: 1.4em; margin: 2px 0; }
nav.outline > ol { padding-left: 0; }
.marker { color: #0969da; margin-right: 2px; }
table { border-collapse: collapse; margin: 8px 0 12px; font-size: 14px; }
th, td { border: 1px solid var(--line); padding: 4px 8px; vertical-align: top; text-align: left; }
th { background: #f6f8fa; }
table.grid td, table.grid th { vertical-align: middle; }
table.tasks th, table.tasks td:nth-child(-n+2), table.tasks td:nth-child(n+5) { white-space: nowrap; }
.annex-text { white-space: pre-wrap; font-size: 14px; }
table.grid td.merged, table.grid th.merged { background: var(--merged); text-align: center; }
table.grid td.blank { background: #fafafa; }
mark.unit.lead { background: var(--lead); color: var(--lead-ink); font-weight: bold; padding: 0 3px;
                 border-radius: 3px; }
span.unit.participant, span.unit.responsible, span.unit.guide, span.unit.supervise, span.unit.implement,
span.unit.other { background: var(--part); padding: 0 3px; border-radius: 3px; }
.unit + .unit { margin-left: 4px; }
table.roles td.lead { background: var(--lead); color: var(--lead-ink); font-weight: bold; text-align: center; }
table.roles td.participant { background: var(--part); text-align: center; }
table.roles td.none { color: #bbb; text-align: center; }
ul.findings { list-style: none; padding: 0; }
li.finding { border: 1px solid var(--warn-line); background: var(--warn); border-radius: 4px; padding: 6px 10px;
             margin: 6px 0; }
li.finding .fkind { font-family: monospace; font-size: 12px; color: #a40e26; margin-right: 6px; }
q.evidence { color: var(--muted); quotes: "「" "」"; }
details summary { cursor: pointer; color: var(--muted); font-size: 13px; }
.legend { font-size: 13px; color: var(--muted); }
.none-found { color: var(--muted); font-style: italic; }
footer { margin-top: 48px; color: var(--muted); font-size: 12px; border-top: 1px solid var(--line); padding-top: 8px; }
""" % {"fonts": FONT_STACK}  # noqa: UP031 - the CSS is full of braces that str.format would need doubled


def _e(value: object) -> str:
    return escape("" if value is None else str(value), quote=True)


def _quote(root_text: str | None, span: Span | None) -> str:
    """The source text at ``span`` as an escaped ``<q>``, or ``""`` when it cannot be read."""
    if root_text is None or span is None or span.end > len(root_text) or span.end <= span.start:
        return ""
    return f'<q class="evidence">{_e(root_text[span.start : span.end])}</q>'


# --- tables ---------------------------------------------------------------------------------


def table_to_html(table: Table, *, caption: str | None = None) -> str:
    """``table`` as an HTML ``<table class="grid">`` (see the module doc); deterministic."""
    grid = table.grid()
    head_rows = min(table.n_header_rows, table.n_rows)
    parts = [f'<table class="grid" data-rows="{table.n_rows}" data-cols="{table.n_cols}">']
    if caption:
        parts.append(f"<caption>{_e(caption)}</caption>")
    for r in range(table.n_rows):
        if r == 0 and head_rows:
            parts.append("<thead>")
        if r == head_rows:
            parts.append("<tbody>")
        cells = []
        for c in range(table.n_cols):
            cell = grid[r][c]
            if cell is None:
                cells.append('<td class="blank"></td>')
                continue
            if (cell.row, cell.col) != (r, c):
                continue  # covered by a merged cell that starts above or to the left
            tag = "th" if cell.header or r < head_rows else "td"
            attrs = ""
            if cell.row_span > 1:
                attrs += f' rowspan="{min(cell.row_span, table.n_rows - r)}"'
            if cell.col_span > 1:
                attrs += f' colspan="{min(cell.col_span, table.n_cols - c)}"'
            if attrs:
                attrs = ' class="merged"' + attrs
            cells.append(f"<{tag}{attrs}>{_e(cell.text)}</{tag}>")
        parts.append("<tr>" + "".join(cells) + "</tr>")
        if r == head_rows - 1:
            parts.append("</thead>")
    if table.n_rows > head_rows:
        parts.append("</tbody>")
    parts.append("</table>")
    return "\n".join(parts)


# --- sections -------------------------------------------------------------------------------


def _envelope(doc: PolicyDocument) -> str:
    rows: list[tuple[str, str]] = []

    def add(label: str, value: str | None) -> None:
        if value:
            rows.append((label, _e(value)))

    add("文种", doc.doc_type)
    add("发文字号", doc.doc_number.normalized if doc.doc_number else None)
    add("发文机关", "、".join(o.name for o in doc.issuers))
    add("主送机关", "、".join(o.name for o in doc.recipients))
    add("成文日期", doc.date)
    add("签发人", doc.signer)
    add("密级", doc.classification)
    add("紧急程度", doc.urgency)
    if doc.signature is not None:
        add("落款", " ".join(x for x in ("、".join(o.name for o in doc.signature.issuers), doc.signature.date) if x))
    add("抄送", "、".join(o.name for o in doc.cc))
    add("印发机关", doc.printed_by)
    add("印发日期", doc.printed_date)
    add("附注", doc.note)
    if doc.attachments:
        rows.append(("附件", "<br>".join(
            _e(f"{a.index}. {a.title}" if a.index is not None else a.title) for a in doc.attachments)))
    if doc.source is not None:
        add("来源", f"{doc.source.path or '(bytes)'} · {doc.source.format} · sha256 {doc.source.sha256[:12]}")
    if not rows:
        return ""
    body = "".join(f"<dt>{label}</dt><dd>{value}</dd>" for label, value in rows)
    return f'<dl class="envelope">{body}</dl>'


def _outline_label(node: OutlineNode) -> str:
    if node.title:
        return node.title
    text = node.text[len(node.marker):] if node.text.startswith(node.marker) else node.text
    text = " ".join(text.split())
    return text if len(text) <= _SNIPPET else text[: _SNIPPET - 1] + "…"


def _outline_list(nodes: list[OutlineNode]) -> str:
    items = []
    for n in nodes:
        inner = f'<span class="marker">{_e(n.marker)}</span><span class="heading">{_e(_outline_label(n))}</span>'
        if n.children:
            inner += _outline_list(n.children)
        items.append(f'<li data-level="{n.level}">{inner}</li>')
    return "<ol>" + "".join(items) + "</ol>"


def _outline(doc: PolicyDocument) -> str:
    if not doc.outline:
        return ""
    return f'<h3>结构<span class="sub">Outline</span></h3><nav class="outline">{_outline_list(doc.outline)}</nav>'


def _unit_html(name: str, role: str, is_lead: bool, canonical: str | None) -> str:
    title = _ROLE_WORDS.get(role, role) + (f" · {canonical}" if canonical and canonical != name else "")
    if is_lead:
        return f'<mark class="unit lead" title="{_e(title)}">{_e(name)}</mark>'
    return f'<span class="unit {_e(role)}" title="{_e(title)}">{_e(name)}</span>'


def _task_row(anchor: str, t: Task) -> str:
    units = "".join(_unit_html(u.name, u.role, u.name in t.lead_units, u.canonical) for u in t.units)
    if t.non_exhaustive:
        units += '<span class="sub">等</span>'
    leads = "、".join(t.lead_units)
    basis = _BASIS_WORDS.get(t.lead_basis, t.lead_basis)
    deadline = _e(t.deadline.date or t.deadline.text) if t.deadline else ""
    text = f"<details><summary>任务原文</summary>{_e(t.text)}</details>" if t.text else ""
    return (f'<tr class="task" id="{anchor}" data-task-id="{_e(t.id)}" data-lead="{_e(leads)}">'
            f"<td>{_e(t.id)}</td><td>{_e(t.path)}</td><td>{_e(t.title)}{text}</td>"
            f'<td class="units">{units}</td><td>{_e(leads) or "—"}</td><td>{_e(basis)}</td><td>{deadline}</td></tr>')


def _tasks(doc: PolicyDocument, prefix: str) -> str:
    if not doc.tasks:
        return ""
    head = ("<tr><th>编号</th><th>条目</th><th>任务</th><th>责任单位</th><th>牵头单位</th>"
            "<th>牵头依据</th><th>时限</th></tr>")
    rows = "".join(_task_row(f"{prefix}-{t.id}", t) for t in doc.tasks)
    legend = ('<p class="legend"><mark class="unit lead">牵头单位</mark> '
              '<span class="unit participant">参与单位</span> <span class="unit responsible">负责单位</span></p>')
    return (f'<h3>任务与牵头单位<span class="sub">Tasks and leads</span></h3>{legend}'
            f'<table class="tasks"><thead>{head}</thead><tbody>{rows}</tbody></table>')


_SCOPE_LABELS = {"document": "全文适用", "section": "本部分适用", "annex": "本附件适用", "table": "本表适用", "task": "本项适用"}


def _lead_rules(doc: PolicyDocument, root_text: str | None) -> str:
    if not doc.lead_rules:
        return ""
    items = []
    for r in doc.lead_rules:
        scope = _SCOPE_LABELS.get(r.scope, r.scope)
        where = f"，见 {_e(r.declared_in)}" if r.declared_in else ""
        items.append(f"<li>{_e(r.text)}（{scope}{where}）{_quote(root_text, r.span)}</li>")
    return f'<h4>牵头规则</h4><ul class="lead-rules">{"".join(items)}</ul>'


def _roles(roles: list[Role], prefix: str) -> str:
    if not roles:
        return ""
    units: list[str] = []
    actions: list[tuple[str, str | None]] = []
    cell: dict[tuple[str, str], str] = {}
    for r in roles:
        if r.unit not in units:
            units.append(r.unit)
        if r.action not in (a for a, _tid in actions):
            actions.append((r.action, r.task_id))
        key = (r.unit, r.action)
        if cell.get(key) != "lead":
            cell[key] = r.role
    head = "".join(
        f'<th><a href="#{prefix}-{_e(tid)}">{_e(a)}</a></th>' if tid else f"<th>{_e(a)}</th>" for a, tid in actions)
    rows = []
    for u in units:
        tds = []
        for a, _tid in actions:
            role = cell.get((u, a))
            tds.append(f'<td class="{role}">{_ROLE_WORDS[role]}</td>' if role else '<td class="none">·</td>')
        rows.append(f"<tr><th>{_e(u)}</th>{''.join(tds)}</tr>")
    return (f'<h3>责任分工<span class="sub">Responsibility list</span></h3>'
            f'<table class="roles"><thead><tr><th>单位</th>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>')


def _finding(f: Finding, root_text: str | None, prefix: str) -> str:
    link = f' <a href="#{prefix}-{_e(f.task_id)}">{_e(f.task_id)}</a>' if f.task_id else ""
    quotes = " ".join(q for q in (_quote(root_text, s) for s in f.spans) if q)
    return (f'<li class="finding" data-kind="{_e(f.kind)}"><span class="fkind">{_e(f.kind)}</span>'
            f"{_e(f.message)}{link} {quotes}</li>")


def _findings(doc: PolicyDocument, root_text: str | None, prefix: str) -> str:
    if not doc.findings and not doc.roles:
        return ""
    if not doc.findings:
        body = '<p class="none-found">任务与责任分工一致，未发现问题。</p>'
    else:
        body = '<ul class="findings">' + "".join(_finding(f, root_text, prefix) for f in doc.findings) + "</ul>"
    return f'<h3>一致性检查<span class="sub">Consistency findings</span></h3>{body}'


def _repeal(r: Repeal | Suspension, root_text: str | None) -> str:
    what = f"《{_e(r.title)}》" if r.title else ""
    num = f"（{_e(r.doc_number.normalized)}）" if r.doc_number else ""
    extra = []
    if isinstance(r, Repeal):
        if r.blanket:
            extra.append("概括性废止")
        if r.effective_date:
            extra.append(f"自 {_e(r.effective_date)} 起")
        if r.issuers:
            extra.append(_e("、".join(r.issuers)))
    else:
        if r.provision:
            extra.append(f"条款：{_e(r.provision)}")
    tail = f"<span class=\"sub\">{'；'.join(extra)}</span>" if extra else ""
    return f"<li><strong>{_e(r.verb)}</strong> {what}{num}{tail} {_quote(root_text, r.span)}</li>"


def _repeals(doc: PolicyDocument, root_text: str | None) -> str:
    out = ""
    if doc.repeals:
        out += ('<h3>废止<span class="sub">Repeals</span></h3><ul class="repeals">'
                + "".join(_repeal(r, root_text) for r in doc.repeals) + "</ul>")
    if doc.suspensions:
        out += ('<h3>停止执行<span class="sub">Suspensions</span></h3><ul class="suspensions">'
                + "".join(_repeal(s, root_text) for s in doc.suspensions) + "</ul>")
    return out


def _effective(eff: Effective | None) -> str:
    if eff is None:
        return ""
    rows = [("原文", eff.text), ("施行日期", eff.date), ("有效期至", eff.expires), ("有效期", eff.validity),
            ("暂行/试行", eff.provisional)]
    body = "".join(f"<dt>{label}</dt><dd>{_e(v)}</dd>" for label, v in rows if v)
    return f'<h3>施行<span class="sub">Effective</span></h3><dl class="envelope effective">{body}</dl>'


def _target(t: Target) -> str:
    name = " ".join(x for x in (t.name, f"{t.year}年" if t.year else None, "（每年）" if t.recurring else None) if x)
    items = []
    for i in t.items:
        value = "" if i.value is None else f"{i.value:g}"
        measure = " ".join(x for x in (i.metric, i.comparator, value + (i.unit or "") if value else None) if x)
        items.append(f"<li>{_e(i.text)}" + (f' <span class="sub">{_e(measure)}</span>' if measure else "") + "</li>")
    return f"<li>{_e(name) or '目标'}<ul>{''.join(items)}</ul></li>"


def _targets(doc: PolicyDocument) -> str:
    if not doc.targets:
        return ""
    return f'<h3>目标<span class="sub">Targets</span></h3><ul class="targets">{"".join(_target(t) for t in doc.targets)}</ul>'


def _cited(doc: PolicyDocument) -> str:
    if not doc.cited_documents:
        return ""
    rows = []
    seen: set[tuple[str, str | None, str]] = set()
    for c in doc.cited_documents:
        num = c.doc_number.normalized if c.doc_number else None
        if (c.title, num, c.role) in seen:
            continue
        seen.add((c.title, num, c.role))
        rows.append(f"<tr><td>《{_e(c.title)}》</td><td>{_e(num)}</td><td>{_e(_CITED_WORDS.get(c.role, c.role))}</td></tr>")
    return (f'<h3>引用文件<span class="sub">Cited documents</span></h3><table class="cited">'
            f'<thead><tr><th>标题</th><th>文号</th><th>关系</th></tr></thead><tbody>{"".join(rows)}</tbody></table>')


def _annex(a: Annex, anchor: str, root_text: str | None) -> str:
    title = " ".join(x for x in (a.label, a.title) if x)
    body = "".join(table_to_html(t) for t in a.tables)
    body += "".join(f'<p class="sub">{_e(w)}</p>' for t in a.tables for w in t.warnings)
    if not a.tables and root_text is not None and a.span.end <= len(root_text):
        text = root_text[a.span.start : a.span.end].strip()
        if text:
            body += f'<details><summary>附件原文</summary><div class="annex-text">{_e(text)}</div></details>'
    return f'<section class="annex" id="{anchor}"><h4>{_e(title)}</h4>{body}</section>'


def _body_table(t, anchor: str, k: int) -> str:
    where = f" · {_e(t.outline_path)}" if t.outline_path else ""
    notes = "".join(f'<p class="sub">{_e(w)}</p>' for w in t.warnings)
    return f'<section class="annex" id="{anchor}"><h4>表 {k}{where}</h4>{table_to_html(t)}{notes}</section>'


def _body_tables(doc: PolicyDocument, prefix: str) -> str:
    if not doc.tables:
        return ""
    body = "".join(_body_table(t, f"{prefix}-table-{k}", k) for k, t in enumerate(doc.tables, start=1))
    return f'<h3>正文表格<span class="sub">Tables in the body</span></h3>{body}'


def _annexes(doc: PolicyDocument, prefix: str, root_text: str | None) -> str:
    if not doc.annexes:
        return ""
    body = "".join(_annex(a, f"{prefix}-annex-{k}", root_text) for k, a in enumerate(doc.annexes, start=1))
    return f'<h3>附件<span class="sub">Annexes</span></h3>{body}'


def _warnings(doc: PolicyDocument) -> str:
    if not doc.warnings:
        return ""
    return ('<h3>解析提示<span class="sub">Warnings</span></h3><ul class="warnings">'
            + "".join(f"<li>{_e(w)}</li>" for w in doc.warnings) + "</ul>")


def _document(doc: PolicyDocument, n: int, root_text: str | None) -> str:
    prefix = f"doc-{n}"
    tag = "h1" if n == 1 else "h2"
    kind = "文件" if n == 1 else "所附文件"
    title = doc.title or "（无标题）"
    parts = [
        f'<section class="document" id="{prefix}">',
        f"<{tag}>{_e(title)}</{tag}>",
        f'<p class="kind">{kind} {n}{" · " + _e(doc.doc_type) if doc.doc_type else ""}</p>',
        _envelope(doc),
        _outline(doc),
        _tasks(doc, prefix),
        _lead_rules(doc, root_text),
        _roles(doc.roles, prefix),
        _findings(doc, root_text, prefix),
        _repeals(doc, root_text),
        _effective(doc.effective),
        _targets(doc),
        _cited(doc),
        _body_tables(doc, prefix),
        _annexes(doc, prefix, root_text),
        _warnings(doc),
        "</section>",
    ]
    return "\n".join(p for p in parts if p)


def render_report(doc: PolicyDocument) -> str:
    """The whole page for ``doc`` and its enclosed documents (see the module doc); ends with a newline."""
    root_text = doc.text
    title = doc.title or (doc.source.path if doc.source and doc.source.path else "policyparse report")
    body = "\n".join(_document(d, n, root_text) for n, d in enumerate(doc.walk(), start=1))
    return (
        "<!DOCTYPE html>\n"
        '<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="policyparse report, schema {_e(doc.schema_version)}">\n'
        f"<title>{_e(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        f"{body}\n"
        f"<footer>policyparse · schema {_e(doc.schema_version)}</footer>\n"
        "</body>\n</html>\n"
    )
