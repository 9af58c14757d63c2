"""The first store schema: documents and their findings, load errors, and the history views.

Revision ID: 0001
Revises: (none)

The table definitions are frozen here (a later change to ``schema.py`` gets its own revision).
The views resolve references by joining keys, following ``policyparse.history``'s rules:

1. by 发文字号 (``number_key``): when some stored document has the reference's number, the
   reference resolves among those documents only;
2. else by title (``document_titles.title_key``, enclosed titles included), keeping documents
   whose number is unknown (when the reference has one), whose date or 施行 date lies within 60
   days of the reference's date (when both are known) and whose issuers contain or are
   contained in one of the reference's (when both name issuers).

Exactly one other document key left -> ``resolved``; several -> ``ambiguous``; only the
referring document itself -> ``self``; none -> ``candidate``. Unresolved references point at
their ``candidate_key``. Blanket repeals name no document and are left out.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

DATE_TOLERANCE_DAYS = 60

V_REFERENCES = """
CREATE VIEW v_references AS
SELECT 'repeals' AS ref_table, r.id AS ref_id,
       CASE WHEN r.kind = 'repeal' THEN 'repeals' ELSE 'suspends' END AS edge_kind,
       r.document_id, r.part, r.title, r.doc_number, r.number_key, r.title_key,
       r.ref_date_ord AS date_ord, r.candidate_key
FROM repeals r
WHERE NOT r.blanket
UNION ALL
SELECT 'cited_documents', c.id, 'cites', c.document_id, c.part, c.title, c.doc_number, c.number_key,
       c.title_key, NULL, c.candidate_key
FROM cited_documents c
"""

V_REFERENCE_TARGETS = f"""
CREATE VIEW v_reference_targets AS
WITH src AS (
  SELECT r.*, s.doc_key AS source_key
  FROM v_references r JOIN documents s ON s.id = r.document_id
),
hits AS (
  SELECT src.ref_table, src.ref_id, src.source_key, d.doc_key AS target_key
  FROM src JOIN documents d ON d.number_key = src.number_key
  UNION
  SELECT src.ref_table, src.ref_id, src.source_key, d.doc_key
  FROM src
  JOIN document_titles t ON t.title_key = src.title_key
  JOIN documents d ON d.id = t.document_id
  WHERE NOT EXISTS (SELECT 1 FROM documents x WHERE x.number_key = src.number_key)
    AND (src.number_key IS NULL OR d.number_key IS NULL)
    AND (src.date_ord IS NULL
         OR (d.date_ord IS NULL AND d.effective_ord IS NULL)
         OR ABS(src.date_ord - d.date_ord) <= {DATE_TOLERANCE_DAYS}
         OR ABS(src.date_ord - d.effective_ord) <= {DATE_TOLERANCE_DAYS})
    AND (NOT EXISTS (SELECT 1 FROM repeal_issuers ri
                     WHERE src.ref_table = 'repeals' AND ri.repeal_id = src.ref_id)
         OR NOT EXISTS (SELECT 1 FROM document_issuers di WHERE di.document_id = d.id)
         OR EXISTS (SELECT 1 FROM repeal_issuers ri
                    JOIN document_issuers di
                      ON di.document_id = d.id
                     AND (di.organ_key LIKE '%' || ri.organ_key || '%'
                          OR ri.organ_key LIKE '%' || di.organ_key || '%')
                    WHERE src.ref_table = 'repeals' AND ri.repeal_id = src.ref_id))
),
agg AS (
  SELECT ref_table, ref_id, COUNT(DISTINCT target_key) AS n, MIN(target_key) AS target_key
  FROM hits WHERE target_key <> source_key
  GROUP BY ref_table, ref_id
),
selfs AS (
  SELECT DISTINCT ref_table, ref_id FROM hits WHERE target_key = source_key
)
SELECT src.ref_table, src.ref_id, src.edge_kind, src.document_id, src.part, src.source_key,
       CASE WHEN agg.n = 1 THEN agg.target_key ELSE src.candidate_key END AS target_key,
       CASE WHEN agg.n = 1 THEN 'resolved'
            WHEN agg.n > 1 THEN 'ambiguous'
            WHEN selfs.ref_id IS NOT NULL THEN 'self'
            ELSE 'candidate' END AS status,
       src.title, src.doc_number
FROM src
LEFT JOIN agg ON agg.ref_table = src.ref_table AND agg.ref_id = src.ref_id
LEFT JOIN selfs ON selfs.ref_table = src.ref_table AND selfs.ref_id = src.ref_id
"""

V_REPEAL_EDGES = """
CREATE VIEW v_repeal_edges AS
SELECT t.source_key, t.target_key, t.status, t.edge_kind AS kind, r.verb,
       COALESCE(r.effective_date, s.effective_date, s.date) AS date,
       r.title, r.doc_number, r.ref_date, r.provision, s.path AS source_path, r.part,
       r.span_start, r.span_end, r.id AS repeal_id, s.id AS document_id
FROM v_reference_targets t
JOIN repeals r ON r.id = t.ref_id
JOIN documents s ON s.id = t.document_id
WHERE t.ref_table = 'repeals'
"""

V_REPEAL_CHAIN = """
CREATE VIEW v_repeal_chain AS
WITH RECURSIVE edges AS (
  SELECT DISTINCT source_key AS newer, target_key AS older FROM v_repeal_edges WHERE kind = 'repeals'
),
up(doc_key, other_key, depth) AS (
  SELECT newer, older, 1 FROM edges
  UNION
  SELECT up.doc_key, e.older, up.depth + 1 FROM up JOIN edges e ON e.newer = up.other_key
  WHERE up.depth < 64
),
pairs AS (
  SELECT doc_key, other_key, MIN(depth) AS depth FROM up WHERE doc_key <> other_key
  GROUP BY doc_key, other_key
)
SELECT doc_key, other_key AS related_key, 'predecessor' AS relation, depth FROM pairs
UNION ALL
SELECT other_key, doc_key, 'successor', depth FROM pairs
"""

V_IN_FORCE = """
CREATE VIEW v_in_force AS
WITH rep AS (
  SELECT target_key, MIN(COALESCE(date, '0001-01-01')) AS repealed_from,
         COUNT(DISTINCT source_key) AS n_repealers
  FROM v_repeal_edges WHERE kind = 'repeals'
  GROUP BY target_key
)
SELECT d.doc_key, MIN(d.title) AS title, MIN(d.doc_number) AS doc_number, MIN(d.date) AS date,
       MIN(COALESCE(d.effective_date, d.date)) AS valid_from, MIN(d.expires) AS expires,
       MIN(rep.repealed_from) AS repealed_from, COALESCE(MIN(rep.n_repealers), 0) AS n_repealers
FROM documents d
LEFT JOIN rep ON rep.target_key = d.doc_key
GROUP BY d.doc_key
"""

V_TASKS_BY_UNIT = """
CREATE VIEW v_tasks_by_unit AS
SELECT COALESCE(u.canonical, u.unit) AS unit_key, u.unit, u.canonical, u.role, u.sub_role,
       u.position AS unit_position, d.doc_key, d.title AS document_title, d.doc_number,
       d.date AS document_date, t.part, t.task_id, t.outline_path, t.title AS task_title,
       t.text AS task_text, t.assignment_text, t.lead_basis, t.deadline_text, t.deadline_date,
       d.path AS source_path, d.id AS document_id, t.id AS task_row_id
FROM task_units u
JOIN tasks t ON t.id = u.task_row_id
JOIN documents d ON d.id = u.document_id
"""

VIEWS = (("v_references", V_REFERENCES), ("v_reference_targets", V_REFERENCE_TARGETS),
         ("v_repeal_edges", V_REPEAL_EDGES), ("v_repeal_chain", V_REPEAL_CHAIN), ("v_in_force", V_IN_FORCE),
         ("v_tasks_by_unit", V_TASKS_BY_UNIT))


def _id() -> sa.Column:
    return sa.Column("id", sa.Integer, primary_key=True, autoincrement=True)


def _fk(table: str, column: str, target: str) -> sa.Column:
    name = f"fk_{table}_{column}_{target.split('.')[0]}"
    return sa.Column(column, sa.Integer, sa.ForeignKey(target, ondelete="CASCADE", name=name), nullable=False)


def _doc_fk(table: str) -> sa.Column:
    return _fk(table, "document_id", "documents.id")


def _span(nullable: bool = False) -> list[sa.Column]:
    return [sa.Column("span_start", sa.Integer, nullable=nullable),
            sa.Column("span_end", sa.Integer, nullable=nullable)]


def _index(table: str, *cols: str) -> None:
    op.create_index(op.f(f"ix_{table}_{'_'.join(cols)}"), table, list(cols))


def upgrade() -> None:
    doc_json = sa.JSON().with_variant(JSONB(), "postgresql")
    op.create_table(
        "documents", _id(),
        sa.Column("path", sa.Text, nullable=False), sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("doc_key", sa.Text, nullable=False), sa.Column("format", sa.String(16)),
        sa.Column("schema_version", sa.String(16), nullable=False),
        sa.Column("parser_version", sa.String(32), nullable=False),
        sa.Column("doc_type", sa.Text), sa.Column("title", sa.Text), sa.Column("title_key", sa.Text),
        sa.Column("doc_number", sa.Text), sa.Column("number_key", sa.Text), sa.Column("issuer_code", sa.Text),
        sa.Column("doc_year", sa.Integer), sa.Column("doc_serial", sa.Integer), sa.Column("issuers", sa.Text),
        sa.Column("date", sa.String(10)), sa.Column("date_ord", sa.Integer),
        sa.Column("effective_date", sa.String(10)), sa.Column("effective_ord", sa.Integer),
        sa.Column("expires", sa.String(10)), sa.Column("provisional", sa.Text),
        sa.Column("n_parts", sa.Integer, nullable=False), sa.Column("doc_json", doc_json, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_documents")),
        sa.UniqueConstraint("path", name=op.f("uq_documents_path")),
    )
    for col in ("sha256", "doc_key", "title_key", "number_key"):
        _index("documents", col)

    op.create_table(
        "document_titles", _id(), _doc_fk("document_titles"), sa.Column("part", sa.Integer, nullable=False),
        sa.Column("title", sa.Text, nullable=False), sa.Column("title_key", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_titles")),
    )
    op.create_table(
        "document_issuers", _id(), _doc_fk("document_issuers"), sa.Column("position", sa.Integer, nullable=False),
        sa.Column("name", sa.Text, nullable=False), sa.Column("organ_key", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_issuers")),
    )
    op.create_table(
        "tasks", _id(), _doc_fk("tasks"), sa.Column("part", sa.Integer, nullable=False),
        sa.Column("task_id", sa.String(32), nullable=False), sa.Column("form", sa.String(16), nullable=False),
        sa.Column("outline_path", sa.Text, nullable=False), sa.Column("title", sa.Text, nullable=False),
        sa.Column("text", sa.Text, nullable=False), sa.Column("assignment_text", sa.Text, nullable=False),
        sa.Column("lead_units", sa.Text), sa.Column("lead_basis", sa.String(16), nullable=False),
        sa.Column("non_exhaustive", sa.Boolean, nullable=False), sa.Column("deadline_text", sa.Text),
        sa.Column("deadline_date", sa.String(10)), *_span(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tasks")),
    )
    op.create_table(
        "task_units", _id(),
        _fk("task_units", "task_row_id", "tasks.id"),
        _doc_fk("task_units"), sa.Column("part", sa.Integer, nullable=False),
        sa.Column("task_id", sa.String(32), nullable=False), sa.Column("position", sa.Integer, nullable=False),
        sa.Column("unit", sa.Text, nullable=False), sa.Column("canonical", sa.Text),
        sa.Column("role", sa.String(16), nullable=False), sa.Column("sub_role", sa.Text), *_span(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_task_units")),
    )
    _index("task_units", "unit")
    _index("task_units", "canonical")
    _index("task_units", "task_row_id")
    op.create_table(
        "repeals", _id(), _doc_fk("repeals"), sa.Column("part", sa.Integer, nullable=False),
        sa.Column("position", sa.Integer, nullable=False), sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("title", sa.Text), sa.Column("title_key", sa.Text), sa.Column("doc_number", sa.Text),
        sa.Column("number_key", sa.Text), sa.Column("ref_date", sa.String(10)), sa.Column("ref_date_ord", sa.Integer),
        sa.Column("verb", sa.Text, nullable=False), sa.Column("blanket", sa.Boolean, nullable=False),
        sa.Column("effective_date", sa.String(10)), sa.Column("provision", sa.Text),
        sa.Column("candidate_key", sa.Text), *_span(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_repeals")),
    )
    _index("repeals", "title_key")
    _index("repeals", "number_key")
    op.create_table(
        "repeal_issuers", _id(),
        _fk("repeal_issuers", "repeal_id", "repeals.id"),
        _doc_fk("repeal_issuers"), sa.Column("position", sa.Integer, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("organ_key", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_repeal_issuers")),
    )
    _index("repeal_issuers", "repeal_id")
    op.create_table(
        "cited_documents", _id(), _doc_fk("cited_documents"), sa.Column("part", sa.Integer, nullable=False),
        sa.Column("position", sa.Integer, nullable=False), sa.Column("title", sa.Text, nullable=False),
        sa.Column("title_key", sa.Text), sa.Column("doc_number", sa.Text), sa.Column("number_key", sa.Text),
        sa.Column("role", sa.String(16), nullable=False), sa.Column("candidate_key", sa.Text), *_span(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cited_documents")),
    )
    _index("cited_documents", "title_key")
    _index("cited_documents", "number_key")
    op.create_table(
        "targets", _id(), _doc_fk("targets"), sa.Column("part", sa.Integer, nullable=False),
        sa.Column("target_pos", sa.Integer, nullable=False), sa.Column("item_pos", sa.Integer, nullable=False),
        sa.Column("name", sa.Text), sa.Column("year", sa.Integer), sa.Column("recurring", sa.Boolean, nullable=False),
        sa.Column("item_text", sa.Text), sa.Column("metric", sa.Text), sa.Column("value", sa.Float),
        sa.Column("unit", sa.Text), sa.Column("comparator", sa.Text), *_span(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_targets")),
    )
    op.create_table(
        "annex_tables", _id(), _doc_fk("annex_tables"), sa.Column("part", sa.Integer, nullable=False),
        sa.Column("annex_pos", sa.Integer, nullable=False), sa.Column("annex_index", sa.Integer),
        sa.Column("annex_label", sa.Text, nullable=False), sa.Column("annex_title", sa.Text),
        sa.Column("table_pos", sa.Integer, nullable=False), sa.Column("n_rows", sa.Integer, nullable=False),
        sa.Column("n_cols", sa.Integer, nullable=False), sa.Column("header", sa.JSON, nullable=False),
        sa.Column("rows", sa.JSON, nullable=False), sa.Column("source", sa.String(16), nullable=False),
        *_span(nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_annex_tables")),
    )
    for table in ("document_titles", "document_issuers", "tasks", "task_units", "repeals", "repeal_issuers",
                  "cited_documents", "targets", "annex_tables"):
        _index(table, "document_id")
    _index("document_titles", "title_key")
    op.create_table(
        "load_errors", _id(),
        sa.Column("path", sa.Text, nullable=False), sa.Column("sha256", sa.String(64)),
        sa.Column("error", sa.Text, nullable=False), sa.Column("code", sa.String(8), nullable=False),
        sa.Column("message", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_load_errors")),
        sa.UniqueConstraint("path", name=op.f("uq_load_errors_path")),
    )
    for _name, ddl in VIEWS:
        op.execute(ddl)


def downgrade() -> None:
    for name, _ddl in reversed(VIEWS):
        op.execute(f"DROP VIEW IF EXISTS {name}")
    for table in ("load_errors", "annex_tables", "targets", "cited_documents", "repeal_issuers", "repeals",
                  "task_units", "tasks", "document_issuers", "document_titles", "documents"):
        op.drop_table(table)
