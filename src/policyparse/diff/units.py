"""Parsed document -> the units a diff compares.

* A document whose outline has 第X条 articles (a statute, a 办法 with articles) is compared
  article by article: one ``article`` unit per 第X条 node, its text being the whole article
  (its （一）… items included). A 第X条之一 article printed at a line start inside the text of
  第X条 (the outline files it there, as a continuation of the count) becomes a unit of its own.
* Any other document is compared item by item: one ``item`` unit per outline node, its text
  being the node's own text (children excluded).
* Every task of every document is a ``task`` unit (text, leads, units named).

Units of enclosed documents follow their notice's, in :meth:`PolicyDocument.walk` order. Texts are
normalized like every text value of the JSON (widths folded one character for one character:
``(一)`` and ``（一）`` are the same text), so a diff reports wording, not typesetting.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import OutlineNode, PolicyDocument
from ..model.diff import DiffUnit
from ..normalize import fold
from ..structure.lines import Line
from ..structure.outline import match_heading

__all__ = ["article_to_units", "document_to_units", "has_articles", "split_label"]

_CN = "一二三四五六七八九十百千零〇两0-9"
#: a 第X条之Y article opening a line: the label, then the text
_SUB_ARTICLE = re.compile(rf"(?m)^[ \t\u3000]*(第[{_CN}]{{1,6}}条之[{_CN}]{{1,4}})[ \t\u3000]*")
_SECTION_STYLES = ("bian", "zhang", "jie")


def has_articles(doc: PolicyDocument) -> bool:
    """True when some document of ``doc.walk()`` has a 第X条 node in its outline."""
    return any(n.style == "tiao" for d in doc.walk() for n in _nodes(d.outline))


def _nodes(nodes: list[OutlineNode]) -> Iterator[OutlineNode]:
    for n in nodes:
        yield n
        yield from _nodes(n.children)


def split_label(marker: str, text: str) -> str:
    """``text`` without its leading ``marker`` (as printed, maybe spaced) and surrounding whitespace."""
    t = text.strip()
    squeezed = marker.replace(" ", "")
    i = j = 0
    while i < len(t) and j < len(squeezed):  # walk the marker, skipping spaces printed inside it
        if t[i] == squeezed[j]:
            j += 1
        elif not t[i].isspace():
            break
        i += 1
    return t[i:].strip() if j == len(squeezed) else t


def article_to_units(label: str, text: str, section: str) -> list[DiffUnit]:
    """One article's text -> its unit, plus one unit per 第X条之Y article that opens a line in it."""
    out: list[DiffUnit] = []
    cuts = list(_SUB_ARTICLE.finditer(text))
    head = text[: cuts[0].start()] if cuts else text
    out.append(DiffUnit(kind="article", label=label, section=section, text=fold(head.strip())))
    for k, m in enumerate(cuts):
        end = cuts[k + 1].start() if k + 1 < len(cuts) else len(text)
        out.append(DiffUnit(kind="article", label=m.group(1), section=section, text=fold(text[m.end():end].strip())))
    return out


def _node_text(n: OutlineNode) -> str:
    """A node's text with its children's, for documents stored without their reader's text."""
    return "\n".join([n.text, *(_node_text(c) for c in n.children)])


def _heading(n: OutlineNode) -> str:
    return f"{n.marker} {n.title}".strip() if n.title else n.marker


def _article_units(doc: PolicyDocument, root_text: str) -> Iterator[DiffUnit]:
    def walk(nodes: list[OutlineNode], path: tuple[str, ...]) -> Iterator[DiffUnit]:
        for n in nodes:
            if n.style == "tiao":
                whole = root_text[n.span.start:n.span.end] if root_text else _node_text(n)
                body = split_label(n.marker, whole)
                yield from article_to_units(n.marker, body, " > ".join(path))
            elif n.style in _SECTION_STYLES:
                yield from walk(n.children, (*path, _heading(n)))
            else:
                yield from walk(n.children, path)

    yield from walk(doc.outline, ())


def _item_units(doc: PolicyDocument) -> Iterator[DiffUnit]:
    def walk(nodes: list[OutlineNode], path: tuple[str, ...]) -> Iterator[DiffUnit]:
        for n in nodes:
            yield DiffUnit(kind="item", label=n.marker, section=" > ".join(path), text=fold(split_label(n.marker, n.text)))
            yield from walk(n.children, (*path, _heading(n)))

    yield from walk(doc.outline, ())


def _task_units(doc: PolicyDocument) -> Iterator[DiffUnit]:
    for t in doc.tasks:
        text = t.text.strip() or t.title.strip()
        h = match_heading(Line(0, len(text), text))
        if h is not None:  # the item's number is the label's business, not the text's: （三） → （四）
            text = split_label(h.marker, text)
        yield DiffUnit(kind="task", label=t.path, section=t.title.strip(), text=fold(text),
                       leads=list(t.lead_units), units=[u.name for u in t.units])


def document_to_units(doc: PolicyDocument, *, articles: bool | None = None) -> list[DiffUnit]:
    """The units of ``doc`` in reading order (see the module doc).

    ``articles`` chooses article units (True) or outline items (False); ``None`` decides by
    :func:`has_articles`. Two documents are compared with the same choice.
    """
    if articles is None:
        articles = has_articles(doc)
    root_text = doc.text or ""
    out: list[DiffUnit] = []
    for d in doc.walk():
        out.extend(_article_units(d, root_text) if articles else _item_units(d))
        out.extend(_task_units(d))
    return out
