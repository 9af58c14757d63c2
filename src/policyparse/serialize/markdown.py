"""A parsed document as Markdown (for reading and for diffing by eye) and as plain text.

:func:`to_markdown`: the title as a heading, the envelope as a list (文种, 发文字号, issuers,
recipients, date, 施行), then for the document and each document it encloses: its outline as
nested headings (a node's own text under its heading), its tasks as a table (outline path,
task, lead units, other units), its repeals, and its annex tables as Markdown tables (merged
cells repeated in every position they cover). Text is escaped for Markdown tables (``|`` and
line breaks). :func:`to_plain_text` is the text the reader took from the file.
Both are deterministic.
"""

from __future__ import annotations

from ..model import OutlineNode, PolicyDocument, Table

__all__ = ["to_markdown", "to_plain_text"]


def _cell(s: object) -> str:
    return " ".join(str(s if s is not None else "").split()).replace("|", "\\|")


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    width = max([len(header)] + [len(r) for r in rows]) if (header or rows) else 0
    if width == 0:
        return []
    head = list(header) + [""] * (width - len(header)) if header else [f"列{i + 1}" for i in range(width)]
    out = ["| " + " | ".join(_cell(h) for h in head) + " |", "|" + " --- |" * width]
    for r in rows:
        out.append("| " + " | ".join(_cell(c) for c in list(r) + [""] * (width - len(r))) + " |")
    return out


def _outline(nodes: list[OutlineNode], depth: int, out: list[str]) -> None:
    for n in nodes:
        out.append("")
        out.append("#" * min(6, depth) + " " + _cell(f"{n.marker}{n.title}"))
        body = n.text[len(n.marker):].strip() if n.text.startswith(n.marker) else n.text.strip()
        if n.title and body.startswith(n.title):  # the heading already shows it
            body = body[len(n.title):].lstrip("。\n ")
        if body:
            out.append("")
            out.append(body)
        _outline(n.children, depth + 1, out)


def _part(d: PolicyDocument, depth: int, out: list[str]) -> None:
    facts = [("文种", d.doc_type), ("发文字号", d.doc_number.normalized if d.doc_number else None),
             ("发文机关", "、".join(o.name for o in d.issuers) or None),
             ("主送", "、".join(o.name for o in d.recipients) or None), ("成文日期", d.date),
             ("施行", d.effective.text if d.effective else None)]
    lines = [f"- {k}：{_cell(v)}" for k, v in facts if v]
    if lines:
        out.append("")
        out.extend(lines)
    _outline(d.outline, depth + 1, out)
    if d.tasks:
        out += ["", "#" * min(6, depth + 1) + " 任务分工 (tasks)", ""]
        rows = [[t.path, t.title, "、".join(t.lead_units), "、".join(u.name for u in t.units if u.name not in t.lead_units)]
                for t in d.tasks]
        out += _table(["outline_path", "任务", "牵头单位", "其他单位"], rows)
    if d.repeals:
        out += ["", "#" * min(6, depth + 1) + " 废止 (repeals)", ""]
        for r in d.repeals:
            what = "《" + r.title + "》" if r.title else "（凡与本文件不一致的规定）" if r.blanket else ""
            num = f"（{r.doc_number.normalized}）" if r.doc_number else ""
            out.append(f"- {r.verb}{what}{num}")
    for a in d.annexes:
        for i, t in enumerate(a.tables):
            title = " ".join(x for x in (a.label, a.title or "", f"表{i + 1}" if len(a.tables) > 1 else "") if x)
            out += ["", "#" * min(6, depth + 1) + " " + _cell(title), ""]
            out += _table_lines(t)


def _table_lines(t: Table) -> list[str]:
    return _table(list(t.header), [list(r) for r in t.rows])


def _document(d: PolicyDocument, depth: int, out: list[str]) -> None:
    out += ["", "#" * min(6, depth) + " " + _cell(d.title or "（无标题）")]
    _part(d, depth, out)
    for e in d.enclosed:
        _document(e, depth + 1, out)


def to_markdown(doc: PolicyDocument) -> str:
    """``doc`` as Markdown (see the module doc)."""
    out: list[str] = []
    _document(doc, 1, out)
    return "\n".join(out).strip("\n") + "\n"


def to_plain_text(doc: PolicyDocument) -> str:
    """The document's text as read from the file (empty when the JSON was made without text)."""
    return (doc.text or "").rstrip("\n") + "\n"
