"""CSV export of tables (and, later, of tasks).

Output is deterministic: ``\\n`` line ends, minimal quoting, UTF-8 text without a BOM (the
caller writes it; add ``encoding="utf-8-sig"`` when the file is meant for Excel).
"""

from __future__ import annotations

import csv
import io

from ..model import Table

__all__ = ["table_to_csv"]


def table_to_csv(table: Table) -> str:
    """The table's filled grid as CSV: one header row (``table.header``, the column names with
    header rows joined by ``/``; omitted when the table has no header) then ``table.rows``, every
    covered position holding its merge origin's text. Short rows are padded to ``n_cols``."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    width = table.n_cols
    if table.header:
        writer.writerow(list(table.header) + [""] * (width - len(table.header)))
    for row in table.rows:
        writer.writerow(list(row) + [""] * (width - len(row)))
    return out.getvalue()
