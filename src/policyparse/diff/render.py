"""A diff as JSON, Markdown, or one self-contained HTML page with both documents side by side.

Contract of :func:`render_html` (the style of :mod:`policyparse.report`: inline CSS, no script,
no external asset, every document text through :func:`html.escape`, deterministic bytes):

* ``section.summary``: ``ul.counts`` (one ``li`` per count, ``data-count`` = its name) and
  ``table.envelope-changes`` (one ``tr`` per envelope fact that differs);
* ``table.diff``: one ``tr.change`` per :class:`UnitChange`, in the diff's order, classed with
  its status (``unchanged`` / ``amended`` / ``inserted`` / ``deleted``) and ``moved`` /
  ``renumbered`` when so, with ``data-status``; ``td.old`` holds the old unit (label and text,
  removed characters in ``<del>``), ``td.new`` the new one (inserted characters in ``<ins>``);
  the side a unit is missing from is an empty ``td.none``. Changed leads and units of a task
  are listed under its text (``ul.fields``).
"""

from __future__ import annotations

import json
from html import escape
from pathlib import Path

from ..errors import UsageError
from ..model.diff import DiffSide, DiffUnit, DocumentDiff, TextEdit, UnitChange
from ..report import FONT_STACK
from .build import apply_diff

__all__ = ["diff_to_json", "render", "render_html", "render_markdown"]

_STATUS_WORDS = {"unchanged": "未改", "amended": "修改", "inserted": "新增", "deleted": "删除"}
_FIELD_WORDS = {"title": "标题", "doc_type": "文种", "doc_number": "发文字号", "date": "日期", "effective": "施行日期",
                "issuers": "发文机关", "label": "编号", "section": "所在章节", "leads": "牵头单位", "units": "责任单位"}
_COUNT_WORDS = {"unchanged": "未改", "amended": "修改", "inserted": "新增", "deleted": "删除", "moved": "移动",
                "renumbered": "重新编号", "leads_changed": "牵头单位变化"}

_CSS = """
:root { --ink: #1f2328; --muted: #59636e; --line: #d0d7de; --ins: #dafbe1; --ins-ink: #116329;
        --del: #ffebe9; --del-ink: #82071e; --amend: #fff8c5; --moved: #ddf4ff; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1400px; padding: 24px 32px 64px; color: var(--ink);
       font-family: %(fonts)s; font-size: 15px; line-height: 1.6; background: #fff; }
h1 { font-size: 22px; line-height: 1.4; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 24px 0 8px; padding-bottom: 4px; border-bottom: 2px solid var(--ink); }
.sub { color: var(--muted); font-size: 13px; }
ul.counts { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 6px 16px; }
ul.counts li b { font-size: 18px; margin-left: 4px; }
table { border-collapse: collapse; margin: 8px 0 12px; font-size: 14px; width: 100%%; }
th, td { border: 1px solid var(--line); padding: 4px 8px; vertical-align: top; text-align: left; }
th { background: #f6f8fa; }
table.diff { table-layout: fixed; }
table.diff td.status { width: 6em; white-space: nowrap; font-size: 13px; color: var(--muted); }
table.diff td.old, table.diff td.new { white-space: pre-wrap; }
table.diff td.none { background: #f6f8fa; }
tr.change.amended td.status { background: var(--amend); color: var(--ink); }
tr.change.inserted td.new { background: var(--ins); }
tr.change.deleted td.old { background: var(--del); }
tr.change.moved td.status { background: var(--moved); color: var(--ink); }
tr.change.unchanged td.old, tr.change.unchanged td.new { color: var(--muted); }
.label { font-weight: bold; margin-right: 6px; }
.section { display: block; color: var(--muted); font-size: 12px; }
ins { background: #aceebb; color: var(--ins-ink); text-decoration: none; }
del { background: #ffcecb; color: var(--del-ink); }
ul.fields { margin: 4px 0 0; padding-left: 1.2em; font-size: 13px; }
footer { margin-top: 48px; color: var(--muted); font-size: 12px; border-top: 1px solid var(--line); padding-top: 8px; }
""" % {"fonts": FONT_STACK}  # noqa: UP031 - the CSS is full of braces that str.format would need doubled


def _e(value: object) -> str:
    return escape("" if value is None else str(value), quote=True)


def _value(v: object) -> str:
    if isinstance(v, list):
        return "、".join(map(str, v)) if v else "（无）"
    return "（无）" if v is None else str(v)


def diff_to_json(diff: DocumentDiff) -> str:
    """The diff as JSON: sorted keys, indented, ends with a newline; the same diff gives the same bytes."""
    return json.dumps(diff.model_dump(mode="json"), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _marked(text: str, edits: list[TextEdit], side: str) -> str:
    """``text`` (the old unit's) as HTML with the edits marked: removed parts on the old side, added on the new."""
    out: list[str] = []
    pos = 0
    for e in edits:
        out.append(_e(text[pos:e.start]))
        if side == "old" and e.old:
            out.append(f"<del>{_e(e.old)}</del>")
        if side == "new" and e.new:
            out.append(f"<ins>{_e(e.new)}</ins>")
        pos = e.end
    out.append(_e(text[pos:]))
    return "".join(out)


def _cell(side: str, unit: DiffUnit | None, body: str) -> str:
    if unit is None:
        return f'<td class="{side} none"></td>'
    section = f'<span class="section">{_e(unit.section)}</span>' if unit.section else ""
    return f'<td class="{side}">{section}<span class="label">{_e(unit.label)}</span>{body}</td>'


def _row(c: UnitChange, old: list[DiffUnit], new: list[DiffUnit]) -> str:
    ou = old[c.old_index] if c.old_index is not None else None
    nu = new[c.new_index] if c.new_index is not None else None
    classes = ["change", c.status] + (["moved"] if c.moved else []) + (["renumbered"] if c.renumbered else [])
    status = _STATUS_WORDS[c.status] + ("·移动" if c.moved else "")
    old_body = _marked(ou.text, c.edits, "old") if ou is not None else ""
    new_body = _marked(ou.text, c.edits, "new") if ou is not None and nu is not None else (_e(nu.text) if nu else "")
    fields = [f for f in c.fields if f.field in ("leads", "units", "section")]
    if fields:
        new_body += '<ul class="fields">' + "".join(
            f"<li>{_e(_FIELD_WORDS.get(f.field, f.field))}：<del>{_e(_value(f.old))}</del> → <ins>{_e(_value(f.new))}</ins></li>"
            for f in fields) + "</ul>"
    return (f'<tr class="{" ".join(classes)}" data-status="{c.status}" data-kind="{c.kind}">'
            f'<td class="status">{status}</td>{_cell("old", ou, old_body)}{_cell("new", nu, new_body)}</tr>')


def _side_head(s: DiffSide) -> str:
    name = s.title or (Path(s.path).name if s.path else "")
    return f'{_e(name)} <span class="sub">{_e(s.doc_number or "")} {_e(s.date or "")}</span>'


def _name(s: DiffSide, fallback: str) -> str:
    return s.title or (Path(s.path).stem if s.path else fallback)


def render_html(diff: DocumentDiff, old_units: list[DiffUnit], new_units: list[DiffUnit] | None = None) -> str:
    """The page (see the module doc); ``new_units`` default to ``apply_diff(old_units, diff)``."""
    new_units = apply_diff(old_units, diff) if new_units is None else new_units
    title = f"{_name(diff.old, '旧文件')} → {_name(diff.new, '新文件')}"
    counts = "".join(f'<li data-count="{k}">{_e(_COUNT_WORDS[k])}<b>{v}</b></li>'
                     for k, v in diff.summary.model_dump().items())
    env = "".join(f"<tr><th>{_e(_FIELD_WORDS.get(f.field, f.field))}</th><td><del>{_e(_value(f.old))}</del></td>"
                  f"<td><ins>{_e(_value(f.new))}</ins></td></tr>" for f in diff.envelope)
    env_table = (f'<table class="envelope-changes"><tr><th></th><th>旧</th><th>新</th></tr>{env}</table>' if env
                 else '<p class="sub">版头信息未变。</p>')
    rows = "\n".join(_row(c, old_units, new_units) for c in diff.changes)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="policyparse diff, {_e(diff.version)}">\n'
        f"<title>{_e(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        f"<h1>{_e(title)}</h1>\n"
        f'<section class="summary"><h2>变化概览</h2><ul class="counts">{counts}</ul>{env_table}</section>\n'
        f'<section class="units"><h2>逐{"条" if diff.unit_kind == "article" else "项"}对照</h2>\n'
        f'<table class="diff"><colgroup><col style="width:6em"><col><col></colgroup>'
        f'<tr><th></th><th>{_side_head(diff.old)}</th><th>{_side_head(diff.new)}</th></tr>\n{rows}\n</table></section>\n'
        f"<footer>policyparse · {_e(diff.version)}</footer>\n"
        "</body>\n</html>\n"
    )


def _md_marked(text: str, edits: list[TextEdit]) -> str:
    out: list[str] = []
    pos = 0
    for e in edits:
        out.append(text[pos:e.start])
        if e.old:
            out.append(f"[-{e.old}-]")
        if e.new:
            out.append(f"{{+{e.new}+}}")
        pos = e.end
    out.append(text[pos:])
    return "".join(out).replace("\n", " ")


def render_markdown(diff: DocumentDiff, old_units: list[DiffUnit]) -> str:
    """Summary, envelope changes, and every unit that is not unchanged in place (edits as ``[-old-]{+new+}``)."""
    lines = [f"# {_name(diff.old, '旧文件')} → {_name(diff.new, '新文件')}", "",
             "| " + " | ".join(_COUNT_WORDS) + " |", "|" + " --- |" * len(_COUNT_WORDS),
             "| " + " | ".join(str(v) for v in diff.summary.model_dump().values()) + " |", ""]
    if diff.envelope:
        lines += ["## 版头", ""] + [f"- {_FIELD_WORDS.get(f.field, f.field)}: {_value(f.old)} → {_value(f.new)}"
                                   for f in diff.envelope] + [""]
    lines += ["## 变化", ""]
    for c in diff.changes:
        if c.status == "unchanged" and not c.moved:
            continue
        label = " → ".join(x for x in (c.old_label, c.new_label) if x) if c.renumbered else (c.new_label or c.old_label)
        head = f"- **{label}** {_STATUS_WORDS[c.status]}{'（移动）' if c.moved else ''}"
        if c.status in ("inserted", "deleted"):
            assert c.unit is not None
            lines.append(f"{head}: {c.unit.text.replace(chr(10), ' ')}")
        else:
            assert c.old_index is not None
            body = _md_marked(old_units[c.old_index].text, c.edits) if c.edits else ""
            extra = "; ".join(f"{_FIELD_WORDS.get(f.field, f.field)} {_value(f.old)} → {_value(f.new)}"
                              for f in c.fields if f.field in ("leads", "units"))
            tail = " — ".join(x for x in (body, extra) if x)
            lines.append(f"{head}: {tail}" if tail else head)
    return "\n".join(lines) + "\n"


def render(diff: DocumentDiff, old_units: list[DiffUnit], fmt: str = "json") -> str:
    """The diff in ``fmt``: ``json``, ``md`` or ``html``; :class:`UsageError` for another format."""
    if fmt == "json":
        return diff_to_json(diff)
    if fmt == "md":
        return render_markdown(diff, old_units)
    if fmt == "html":
        return render_html(diff, old_units)
    raise UsageError(f"unknown diff format {fmt!r} (json, md or html)")
