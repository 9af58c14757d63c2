"""parse(): source -> PolicyDocument, as a sequence of pure stages.

    read (io)  ->  fold (normalize)  ->  lines, skeleton (structure)  ->  document
               ->  findings (extract: tables, tasks, repeals, effective, targets, citations)

:func:`debug_parse` returns every stage's output for inspection.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .errors import UsageError
from .model import PolicyDocument, SourceRef, SourceText
from .model.document import Metadata
from .normalize import fold
from .structure import Line, Skeleton, blocks_to_lines, segment
from .structure.build import skeleton_to_document
from .structure.outline import OutlineItem


@dataclass
class Stages:
    """Every intermediate result of one parse, for debugging and tests."""

    source: SourceText
    folded: str
    lines: list[Line]
    skeleton: Skeleton
    outline_items: list[OutlineItem] = field(default_factory=list)
    document: PolicyDocument | None = None


def _read(source: str | bytes | Path, format: str | None, path: str | None) -> SourceText:
    from . import io

    if isinstance(source, str) and "\n" not in source and len(source) < 1024:
        candidate = Path(source)
        try:
            if candidate.is_file():
                source = candidate  # a one-line str naming an existing file is a path
        except OSError:
            pass
    return io.read(source, format=format, path=path)


def debug_parse(
    source: str | bytes | Path, *, format: str | None = None, path: str | None = None, segmenter: str | None = None
) -> Stages:
    """Run every stage and keep each one's output."""
    if not isinstance(source, (str, bytes, Path)):
        raise UsageError(f"parse() takes a path, bytes or str, not {type(source).__name__}")
    from .budget import check, default_deadline
    from .io.limits import ReadLimits

    name = path or (str(source) if isinstance(source, Path) else None)
    with default_deadline(ReadLimits().max_seconds, path=name):  # the wall-time budget (see policyparse.budget)
        st = _read(source, format, path)
        check("normalize", path=name)
        ft = fold(st.text)
        lines = blocks_to_lines(ft, st.blocks)
        sk = segment(ft, lines)
        check("structure", path=name)
        doc, flat = skeleton_to_document(ft, lines, sk, st.text)
        from .extract import run_extractors

        run_extractors(doc, sk, ft, lines, flat, st, segmenter=segmenter)
        check("provenance", path=name)
    _attach_provenance(doc, st)
    doc = doc.model_copy(
        update={
            "source": SourceRef(path=st.source.path, format=st.source.format, sha256=st.source.sha256),
            "metadata": Metadata(encoding=st.source.encoding, pages=st.source.pages,
                                 container={**{k: v for k, (v, _) in sk.meta.items()}, **st.metadata}),
            "warnings": list(st.warnings) + doc.warnings,
            "text": st.text,
        }
    )
    return Stages(source=st, folded=ft, lines=lines, skeleton=sk, outline_items=flat, document=doc)


def _attach_provenance(doc: PolicyDocument, st: SourceText) -> None:
    """Give every span the page and locator of the block (or table cell) it starts in.

    Plain text has no pages and no locators worth repeating (the offset is the locator), so
    spans of .txt input are left as they are.
    """
    if st.source.format == "txt":
        return
    blocks = [b for b in st.blocks if b.page is not None or b.locator]
    if not blocks:
        return
    starts = [b.span.start for b in blocks]
    from bisect import bisect_right

    from pydantic import BaseModel

    from .model import Span

    def place(offset: int) -> tuple[int | None, str | None]:
        i = max(0, bisect_right(starts, offset) - 1)
        b = blocks[i]
        if b.table is not None:
            for c in b.table.cells:
                if c.span is not None and c.span.start <= offset < max(c.span.end, c.span.start + 1):
                    return (c.span.page or b.page), (c.provenance or b.locator)
        return b.page, b.locator

    def visit(x: object) -> None:
        if isinstance(x, Span):
            page, loc = place(x.start)
            if x.page is None:
                x.page = page
            if x.locator is None:
                x.locator = loc
        elif isinstance(x, BaseModel):
            for name in type(x).model_fields:
                visit(getattr(x, name))
        elif isinstance(x, (list, tuple)):
            for v in x:
                visit(v)
        elif isinstance(x, dict):
            for v in x.values():
                visit(v)

    visit(doc)


def parse(
    source: str | bytes | Path, *, format: str | None = None, path: str | None = None, segmenter: str | None = None
) -> PolicyDocument:
    """Parse one document.

    ``source`` is a filesystem path (``Path``, or a ``str`` naming an existing file), ``bytes``
    (give ``format`` — txt, docx, pdf, html — or let the content decide), or a ``str`` of
    document text. Raises a :class:`~policyparse.errors.PolicyParseError` subclass for input
    it cannot read; uncertain findings become ``warnings`` on the document instead.
    ``segmenter`` (jieba, pkuseg, none) chooses how unit lists are split; the default is rules
    and the unit lexicon only.
    """
    doc = debug_parse(source, format=format, path=path, segmenter=segmenter).document
    assert doc is not None
    return doc
