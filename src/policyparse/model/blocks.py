"""What a reader produces: the decoded text and its blocks with provenance.

Every reader (text, docx, pdf, html, ofd) returns a :class:`SourceText`. ``text`` is the
whole document as one string; each :class:`Block` is a paragraph (or a table) whose
``span`` is a half-open range into ``text``. Paragraph blocks never contain a newline;
blocks are separated by a single ``\\n`` in ``text``. A table block's span covers the
lines that hold its cells (one cell per line) so that the text-only pipeline still sees them.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .base import Model, Span
from .table import Table

BlockKind = Literal["paragraph", "table"]


class Block(Model):
    kind: BlockKind = "paragraph"
    span: Span
    text: str
    page: int | None = Field(default=None, description="1-based page for PDF/OFD")
    bbox: tuple[float, float, float, float] | None = Field(default=None, description="x0, top, x1, bottom in points")
    locator: str | None = Field(default=None, description="format-specific: 'paragraph 12', 'table 1', 'p:nth-of-type(3)'")
    table: Table | None = None
    style: str | None = Field(default=None, description="paragraph style name or HTML tag, where the format has one")


class SourceInfo(Model):
    path: str | None = None
    format: str = "txt"
    sha256: str
    encoding: str | None = None
    pages: int | None = None


class SourceText(Model):
    source: SourceInfo
    text: str
    blocks: list[Block] = Field(default_factory=list)
    metadata: dict[str, str] = Field(
        default_factory=dict,
        description="what the container says about the document, apart from its text (HTML portal fields, docx core properties, OFD seals)",
    )
    warnings: list[str] = Field(default_factory=list)
