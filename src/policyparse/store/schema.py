"""The store's tables, as SQLAlchemy 2 Core metadata (the schema the migrations must produce).

One row of ``documents`` per document (``doc_key`` is unique: :func:`policyparse.history.doc_key`,
the 发文字号, else title and date, else a content hash; never the path), read from the copy at
``path``; ``document_sources`` holds one row per source file (``path`` unique: the absolute file
path, or ``/abs/archive.zip!member``) pointing at the document it is a copy of, so a .txt and an
.html of one notice are two sources of one document. Every other table hangs off
``documents.id`` and is replaced with it. Findings of enclosed documents (a transmittal notice's 工作方案) carry ``part`` = their
position in :meth:`PolicyDocument.walk` order (0 = the archived document itself).

Reference keys (``number_key``, ``title_key``) are the comparison forms of
:func:`policyparse.history.number_key` / :func:`~policyparse.history.title_key`; references are
resolved by joining these keys in the views (see ``migrations/versions``), never at insert
time, so a predecessor added later links up by itself. ``*_ord`` columns are
``date.toordinal()`` of the ISO date beside them (day arithmetic that SQLite and PostgreSQL
share). Dates are ISO 8601 text (``YYYY-MM-DD``) and compare as text.

This module is the target the Alembic revisions are checked against (a test compares them);
a change here needs a new revision under ``migrations/versions/``.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import JSONB

__all__ = [
    "TABLES",
    "VERSION_TABLE",
    "VIEWS",
    "annex_tables",
    "cited_documents",
    "document_issuers",
    "document_titles",
    "document_sources",
    "documents",
    "edition_diffs",
    "load_errors",
    "metadata",
    "repeal_issuers",
    "repeals",
    "targets",
    "task_units",
    "tasks",
    "unit_changes",
]

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING)

#: Alembic's version table (named so that it cannot clash with an application's own Alembic)
VERSION_TABLE = "policyparse_alembic_version"

#: the full document JSON: JSONB on PostgreSQL (queryable with ->, ->>), JSON text on SQLite
DocJSON = JSON().with_variant(JSONB(), "postgresql")


def _doc_fk() -> Column:
    return Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True)


documents = Table(
    "documents",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("path", Text, nullable=False),  # absolute source path (archive.zip!member for zip members)
    Column("sha256", String(64), nullable=False, index=True),  # SHA-256 of the source bytes
    # the document's identity (policyparse.history.doc_key): doc:<发文字号>, else doc:<title>@<date>,
    # else doc:sha256:<hash>; the same in every query and export
    Column("doc_key", Text, nullable=False),
    Column("format", String(16)),
    Column("schema_version", String(16), nullable=False),  # PolicyDocument.schema_version of doc_json
    Column("parser_version", String(32), nullable=False),  # policyparse.__version__ that parsed it
    Column("doc_type", Text),
    Column("title", Text),
    Column("title_key", Text, index=True),
    Column("doc_number", Text),  # normalized 发文字号
    Column("number_key", Text, index=True),
    Column("issuer_code", Text),
    Column("doc_year", Integer),
    Column("doc_serial", Integer),
    Column("issuers", Text),  # issuing organs as written, joined with 、
    Column("date", String(10)),  # 成文日期
    Column("date_ord", Integer),
    Column("effective_date", String(10)),  # 施行 date (first stated in walk order)
    Column("effective_ord", Integer),
    Column("expires", String(10)),  # last day in force, when stated
    Column("provisional", Text),  # 暂行 / 试行
    Column("n_parts", Integer, nullable=False),  # 1 + number of enclosed documents
    Column("doc_json", DocJSON, nullable=False),  # PolicyDocument.model_dump(mode='json')
    UniqueConstraint("path"),
    Index("ux_documents_doc_key", "doc_key", unique=True),
)

document_sources = Table(
    "document_sources",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("path", Text, nullable=False),  # absolute source path (archive.zip!member for zip members)
    Column("sha256", String(64), nullable=False),  # SHA-256 of the source bytes
    Column("format", String(16)),
    Column("schema_version", String(16), nullable=False),
    Column("parser_version", String(32), nullable=False),
    _doc_fk(),  # the document this source is a copy of
    UniqueConstraint("path"),
)

document_titles = Table(
    "document_titles",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _doc_fk(),
    Column("part", Integer, nullable=False),
    Column("title", Text, nullable=False),
    Column("title_key", Text, nullable=False, index=True),
    # every title a document answers to: its own and its enclosed documents' (aliases for resolution)
)

document_issuers = Table(
    "document_issuers",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _doc_fk(),
    Column("position", Integer, nullable=False),
    Column("name", Text, nullable=False),
    Column("organ_key", Text, nullable=False),  # name without padding, 原/中共 prefixes
)

tasks = Table(
    "tasks",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _doc_fk(),
    Column("part", Integer, nullable=False),
    Column("task_id", String(32), nullable=False),  # Task.id (t1, t2 …)
    Column("form", String(16), nullable=False),
    Column("outline_path", Text, nullable=False),  # Task.path, e.g. 二(一)
    Column("title", Text, nullable=False),
    Column("text", Text, nullable=False),
    Column("assignment_text", Text, nullable=False),
    Column("lead_units", Text),  # lead unit names as written, joined with 、
    Column("lead_basis", String(16), nullable=False),
    Column("non_exhaustive", Boolean, nullable=False),
    Column("deadline_text", Text),
    Column("deadline_date", String(10)),
    Column("span_start", Integer, nullable=False),
    Column("span_end", Integer, nullable=False),
)

task_units = Table(
    "task_units",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("task_row_id", Integer, ForeignKey("tasks.id", ondelete="CASCADE"), nullable=False, index=True),
    _doc_fk(),
    Column("part", Integer, nullable=False),
    Column("task_id", String(32), nullable=False),
    Column("position", Integer, nullable=False),  # 1-based position in the task's unit list
    Column("unit", Text, nullable=False),  # as written
    Column("canonical", Text),  # full name from the unit lexicon, NULL when unknown
    Column("role", String(16), nullable=False),  # lead / participant / responsible
    Column("sub_role", Text),
    Column("span_start", Integer, nullable=False),
    Column("span_end", Integer, nullable=False),
    Index(None, "unit"),
    Index(None, "canonical"),
)

repeals = Table(
    "repeals",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _doc_fk(),
    Column("part", Integer, nullable=False),
    Column("position", Integer, nullable=False),
    Column("kind", String(16), nullable=False),  # repeal, or suspension (a provision switched off)
    Column("title", Text),
    Column("title_key", Text, index=True),
    Column("doc_number", Text),
    Column("number_key", Text, index=True),
    Column("ref_date", String(10)),  # the repealed document's date, as the clause states it
    Column("ref_date_ord", Integer),
    Column("verb", Text, nullable=False),
    Column("blanket", Boolean, nullable=False),
    Column("effective_date", String(10)),  # when the repeal takes effect, if the clause says
    Column("provision", Text),  # suspensions: the provision switched off
    Column("candidate_key", Text),  # node id while unresolved: ref:<发文字号> or ref:<title>
    Column("span_start", Integer, nullable=False),
    Column("span_end", Integer, nullable=False),
)

repeal_issuers = Table(
    "repeal_issuers",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("repeal_id", Integer, ForeignKey("repeals.id", ondelete="CASCADE"), nullable=False, index=True),
    _doc_fk(),
    Column("position", Integer, nullable=False),
    Column("name", Text, nullable=False),
    Column("organ_key", Text, nullable=False),
)

cited_documents = Table(
    "cited_documents",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _doc_fk(),
    Column("part", Integer, nullable=False),
    Column("position", Integer, nullable=False),
    Column("title", Text, nullable=False),
    Column("title_key", Text, index=True),
    Column("doc_number", Text),
    Column("number_key", Text, index=True),
    Column("role", String(16), nullable=False),  # basis / transmitted / repealed / suspended / other
    Column("candidate_key", Text),
    Column("span_start", Integer, nullable=False),
    Column("span_end", Integer, nullable=False),
)

targets = Table(
    "targets",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _doc_fk(),
    Column("part", Integer, nullable=False),
    Column("target_pos", Integer, nullable=False),
    Column("item_pos", Integer, nullable=False),  # 0 for a target that lists no items
    Column("name", Text),
    Column("year", Integer),
    Column("recurring", Boolean, nullable=False),
    Column("item_text", Text),
    Column("metric", Text),
    Column("value", Float),
    Column("unit", Text),
    Column("comparator", Text),
    Column("span_start", Integer, nullable=False),
    Column("span_end", Integer, nullable=False),
)

annex_tables = Table(
    "annex_tables",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _doc_fk(),
    Column("part", Integer, nullable=False),
    Column("annex_pos", Integer, nullable=False),
    Column("annex_index", Integer),
    Column("annex_label", Text, nullable=False),
    Column("annex_title", Text),
    Column("table_pos", Integer, nullable=False),
    Column("n_rows", Integer, nullable=False),
    Column("n_cols", Integer, nullable=False),
    Column("header", JSON, nullable=False),  # column names
    Column("rows", JSON, nullable=False),  # filled data rows (list of lists of cell texts)
    Column("source", String(16), nullable=False),
    Column("span_start", Integer),
    Column("span_end", Integer),
)

load_errors = Table(
    "load_errors",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("path", Text, nullable=False),
    Column("sha256", String(64)),  # SHA-256 of the source bytes, when they could be read
    Column("error", Text, nullable=False),  # error type, e.g. EmptyDocument, WorkerCrash
    Column("code", String(8), nullable=False),
    Column("message", Text, nullable=False),
    UniqueConstraint("path"),
)

# What changed between two stored documents (policyparse.diff), kept for the pair of sources it was
# computed from: a row is current while both paths still hold the same bytes (sha256), so a
# re-parsed or replaced source simply stops matching; no foreign key ties it to documents.id.
edition_diffs = Table(
    "edition_diffs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("old_key", Text, nullable=False, index=True),  # documents.doc_key of the older side
    Column("new_key", Text, nullable=False, index=True),
    Column("old_path", Text, nullable=False),
    Column("new_path", Text, nullable=False),
    Column("old_sha256", String(64), nullable=False),
    Column("new_sha256", String(64), nullable=False),
    Column("edge_kind", String(32)),  # the history edge it annotates (repeals, amended_by …), NULL when asked directly
    Column("unit_kind", String(16), nullable=False),  # article / outline
    Column("unchanged", Integer, nullable=False),
    Column("amended", Integer, nullable=False),
    Column("inserted", Integer, nullable=False),
    Column("deleted", Integer, nullable=False),
    Column("moved", Integer, nullable=False),
    Column("renumbered", Integer, nullable=False),
    Column("leads_changed", Integer, nullable=False),
    Column("diff_json", DocJSON, nullable=False),  # DocumentDiff.model_dump(mode='json')
    UniqueConstraint("old_path", "new_path"),
)

unit_changes = Table(
    "unit_changes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("diff_id", Integer, ForeignKey("edition_diffs.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("position", Integer, nullable=False),  # order in the diff (reading order of the new document)
    Column("kind", String(16), nullable=False),  # article / item / task
    Column("status", String(16), nullable=False),  # unchanged / amended / inserted / deleted
    Column("moved", Boolean, nullable=False),
    Column("renumbered", Boolean, nullable=False),
    Column("old_label", Text),  # 第二十一条 …; NULL for an inserted unit
    Column("new_label", Text),  # NULL for a deleted unit
    Column("similarity", Float),
    Column("fields", Text),  # other attributes that changed (section, leads, units), joined with 、
)

#: tables that hang off documents, children before parents (the order to delete in)
CHILD_TABLES = (task_units, tasks, repeal_issuers, repeals, cited_documents, targets, annex_tables,
                document_titles, document_issuers)
TABLES = (documents, document_sources, *reversed(CHILD_TABLES), load_errors, edition_diffs, unit_changes)
VIEWS = ("v_references", "v_reference_targets", "v_repeal_edges", "v_repeal_chain", "v_in_force", "v_tasks_by_unit")
