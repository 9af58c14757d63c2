"""parse(): source -> PolicyDocument, as a sequence of pure stages.

    read (io)  ->  fold (normalize)  ->  lines, skeleton (structure)  ->  document
               ->  findings (extract: tables, tasks, repeals, effective, targets, citations)

:func:`debug_parse` returns every stage's output for inspection.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import UsageError
from .model import PolicyDocument, SourceRef, SourceText
from .model.document import Metadata
from .normalize import fold
from .normalize.script import TRADITIONAL_MIN, blank_pinyin, to_simplified
from .settings import Settings, resolve
from .structure import Line, Skeleton, blocks_to_lines, segment
from .structure.build import skeleton_to_document
from .structure.outline import OutlineItem

logger = logging.getLogger(__name__)


@dataclass
class Stages:
    """Every intermediate result of one parse, for debugging and tests."""

    source: SourceText
    folded: str
    lines: list[Line]
    skeleton: Skeleton
    outline_items: list[OutlineItem] = field(default_factory=list)
    document: PolicyDocument | None = None
    settings: Settings = field(default_factory=Settings)


Source = str | os.PathLike[str] | bytes | bytearray


def _as_path(source: str) -> Path:
    """A ``str`` given to :func:`parse` is a path; text that cannot be one is a usage error."""
    if "\n" in source or "\x00" in source or len(source) > 4096 or not source.strip():
        raise UsageError("parse() takes a path (str or PathLike) or bytes; this str cannot be a file name "
                         "(empty, over 4096 characters, or with a line break): pass document text to parse_text()")
    return Path(source)


def _read(source: Source, format: str | None, path: str | None, settings: Settings, *, text: bool = False) -> SourceText:
    from . import io

    if text:
        if not isinstance(source, str):
            raise UsageError(f"parse_text() takes a str of document text, not {type(source).__name__}")
        return io.read(source, format=format, path=path, limits=settings.limits)
    if isinstance(source, str):
        source = _as_path(source)
    elif isinstance(source, os.PathLike):
        source = Path(source)
    elif not isinstance(source, (bytes, bytearray)):
        raise UsageError(f"parse() takes a path (str or PathLike) or bytes, not {type(source).__name__}")
    return io.read(source, format=format, path=path, limits=settings.limits)


def debug_parse(
    source: Source, *, format: str | None = None, path: str | None = None,
    settings: Settings | dict[str, Any] | None = None, segmenter: str | None = None, text: bool = False,
) -> Stages:
    """Run every stage and keep each one's output. ``source`` as for :func:`parse`, or document
    text (a ``str``) with ``text=True`` as for :func:`parse_text`; ``settings`` and ``segmenter``
    as for :func:`parse`."""
    from .budget import check, default_deadline
    from .extract import ExtractionContext, run_extractors
    from .nlp import get_segmenter

    s = resolve(settings, segmenter=segmenter)
    name = path or (os.fspath(source) if isinstance(source, (str, os.PathLike)) and not text else None)
    with default_deadline(s.limits.max_seconds, path=name):  # the wall-time budget (see policyparse.budget)
        st = _read(source, format, path, s, text=text)
        check("normalize", path=name)
        ft, traditional = to_simplified(fold(st.text))
        ft, glosses = blank_pinyin(ft)
        lines = blocks_to_lines(ft, st.blocks)
        sk = segment(ft, lines)
        check("structure", path=name)
        doc, flat = skeleton_to_document(ft, lines, sk, st.text)
        run_extractors(ExtractionContext(
            document=doc, skeleton=sk, folded=ft, lines=lines, outline_items=flat, source=st,
            segmenter=None if s.segmenter == "rules" else get_segmenter(s.segmenter), tables=s.tables,
        ))
        check("provenance", path=name)
    _attach_provenance(doc, st)
    doc = doc.model_copy(
        update={
            "source": SourceRef(path=st.source.path, format=st.source.format, sha256=st.source.sha256),
            "metadata": Metadata(encoding=st.source.encoding, pages=st.source.pages,
                                 container={**{k: v for k, (v, _) in sk.meta.items()}, **st.metadata}),
            "warnings": list(st.warnings) + (
                [f"text in traditional characters ({traditional} converted): read, and its values given, in simplified "
                 "characters; spans point at the characters as printed"] if traditional >= TRADITIONAL_MIN else []
            ) + ([f"{glosses} pinyin glosses after characters (发(fā)) read as blanks"] if glosses else []) + doc.warnings,
            "text": st.text,
        }
    )
    logger.debug("parsed %s (%s): %d characters, %d tasks, %d warnings", st.source.path or "<text>",
                 st.source.format, len(st.text), sum(len(d.tasks) for d in doc.walk()), len(doc.warnings))
    return Stages(source=st, folded=ft, lines=lines, skeleton=sk, outline_items=flat, document=doc, settings=s)


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
    source: Source, *, format: str | None = None, path: str | None = None,
    settings: Settings | dict[str, Any] | None = None, segmenter: str | None = None,
) -> PolicyDocument:
    """Parse one document file.

    ``source`` is a filesystem path (a ``str`` or any ``os.PathLike``) or the file's ``bytes``
    (give ``format`` — txt, docx, pdf, html, ofd — or let the content decide; ``path`` names
    it in provenance and messages). A ``str`` is always a path, never document text: a path
    that does not exist raises :class:`~policyparse.errors.FileNotFound` (E001), and a ``str``
    that cannot be a file name (a line break, over 4096 characters) raises
    :class:`~policyparse.errors.UsageError` naming :func:`parse_text`, which is how text is
    parsed. Raises a :class:`~policyparse.errors.PolicyParseError` subclass for input it
    cannot read; uncertain findings become ``warnings`` on the document instead.
    ``settings`` (:class:`~policyparse.settings.Settings`, a dict of its fields, or ``None`` for
    the defaults) chooses the segmenter, the read limits and budgets (the reader reads under
    ``settings.limits``, the whole parse under ``limits.max_seconds`` unless the caller already
    runs under a :func:`~policyparse.budget.deadline`) and the table finder's settings.
    ``segmenter`` (rules, jieba, pkuseg; ``none`` is rules) is a shortcut that overrides
    ``settings.segmenter``; ``None`` leaves it as the settings say (default: rules only).
    """
    doc = debug_parse(source, format=format, path=path, settings=settings, segmenter=segmenter).document
    assert doc is not None
    return doc


def parse_text(
    text: str, *, format: str | None = None, path: str | None = None,
    settings: Settings | dict[str, Any] | None = None, segmenter: str | None = None,
) -> PolicyDocument:
    """Parse document text held in a ``str`` (plain text, or HTML markup with ``format="html"``
    or when the content is markup). ``path`` only names the text in provenance and messages;
    nothing is read from disk. Otherwise as :func:`parse`."""
    doc = debug_parse(text, format=format, path=path, settings=settings, segmenter=segmenter, text=True).document
    assert doc is not None
    return doc
