"""Small value types shared by every model: spans and evidence.

A :class:`Span` is a half-open ``[start, end)`` range of character offsets into the
text that the reader produced for the whole input (``PolicyDocument.text`` of the
root document; an enclosed document's spans point into the same text). ``page`` is
the 1-based page for paginated inputs (PDF, OFD) and ``None`` otherwise.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class Model(BaseModel):
    """Base of every policyparse model: frozen field set, no unknown keys."""

    model_config = ConfigDict(extra="forbid", validate_assignment=False)


class Span(Model):
    """Half-open character range ``[start, end)`` into the reader's text, with its page and locator
    in the source file where the format has them."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    page: int | None = Field(default=None, description="1-based page, for PDF/OFD input")
    locator: str | None = Field(
        default=None,
        description="where the span starts in the source format: 'paragraph 12' (docx), 'page 3 line 4' (pdf), "
        "'table 1 cell (2,3)', 'p[7]' (html); None for plain text",
    )

    def slice(self, text: str) -> str:
        return text[self.start : self.end]


class Evidence(Model):
    """Where a scalar value came from: its span and the raw text at that span."""

    span: Span
    text: str
