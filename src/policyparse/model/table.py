"""The one table model shared by every format.

Cells store their origin (``row``, ``col``) and spans; covered positions are not
stored as cells. The filled grid (every covered position holding its origin's
text) is derived on demand by :meth:`Table.grid`.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field

from .base import Model, Span


class Cell(Model):
    row: int = Field(ge=0, description="0-based row of the cell's top-left position")
    col: int = Field(ge=0, description="0-based column of the cell's top-left position")
    row_span: int = Field(default=1, ge=1)
    col_span: int = Field(default=1, ge=1)
    header: bool = False
    raw: str = Field(description="cell text as the reader gave it")
    text: str = Field(description="normalized: padding between CJK characters removed, whitespace folded")
    span: Span | None = Field(default=None, description="where the cell's text stands in the reader's text")
    span_rule: str | None = Field(
        default=None,
        description="name of the layout rule that inferred row_span/col_span (flattened text); "
        "'markup' when the format states the span (docx/html/pdf)",
    )
    provenance: str | None = Field(default=None, description="format-specific locator, e.g. 'table 1 cell (3,2)'")


class Table(Model):
    n_rows: int = Field(ge=0)
    n_cols: int = Field(ge=0)
    n_header_rows: int = Field(default=1, ge=0)
    cells: list[Cell] = Field(default_factory=list)
    header: list[str] = Field(default_factory=list, description="column names (header rows joined per column)")
    rows: list[list[str]] = Field(
        default_factory=list, description="the filled grid's data rows (header excluded), normalized cell texts"
    )
    span: Span | None = None
    source: str = Field(default="text", description="how the table was found: text-bars, text-lines, text-rows, text-layout, docx, pdf, html")
    outline_path: str | None = Field(
        default=None,
        description="where the table stands in its document: the outline path of the deepest node holding it "
        "(e.g. 二(三)); None before the first heading, in an annex, and in a reader's output",
    )
    annex: str | None = Field(default=None, description="label of the annex holding the table (附件2); None in the body")
    warnings: list[str] = Field(default_factory=list)

    def grid(self) -> list[list[Cell | None]]:
        """Every position of the table holding the cell that covers it (None where no cell does)."""
        g: list[list[Cell | None]] = [[None] * self.n_cols for _ in range(self.n_rows)]
        for c in self.cells:
            for r in range(c.row, min(c.row + c.row_span, self.n_rows)):
                for k in range(c.col, min(c.col + c.col_span, self.n_cols)):
                    g[r][k] = c
        return g

    def filled_rows(self) -> list[list[str]]:
        """All rows (header included) with covered positions holding their origin's text."""
        return [[c.text if c is not None else "" for c in row] for row in self.grid()]

    def records(self) -> list[dict[str, str]]:
        """Data rows keyed by header text."""
        keys = self.header or [f"col{i + 1}" for i in range(self.n_cols)]
        return [dict(zip(keys, row, strict=False)) for row in self.rows]

    def to_pandas(self) -> Any:  # a pandas.DataFrame; pandas is optional, so not named in the signature
        """The data rows as a pandas DataFrame, one column per header name (``col1`` … when the
        table has no header), covered positions holding their merge origin's text. pandas is
        imported here, on first use (``pip install 'policyparse[pandas]'``)."""
        try:
            import pandas as pd
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise ImportError("Table.to_pandas() needs pandas: pip install 'policyparse[pandas]'") from exc
        cols = list(self.header) + [f"col{i + 1}" for i in range(len(self.header), self.n_cols)]
        rows = [list(r) + [""] * (len(cols) - len(r)) for r in self.rows]
        return pd.DataFrame(rows, columns=cols)
