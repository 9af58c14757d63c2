"""One row per document: ``documents.doc_key`` unique, source files in ``document_sources``.

Revision ID: 0002_document_identity
Revises: 0001

Before this revision a document stored from two files (a .txt and an .html copy of one notice)
was two ``documents`` rows with one key, and every finding was counted twice. Now:

* ``document_sources`` gets one row per stored source file (path, sha256, format, versions),
  pointing at the document it is a copy of;
* of several rows with one ``doc_key`` the one with the smallest path is kept (its findings
  stay); the others become sources of it and their findings are deleted;
* documents keyed by their path (``doc:/…``, the old last resort) get the stale hash ``''`` on
  their sources, so the next load reads them again under their content key;
* ``documents.doc_key`` gets a unique index (replacing the plain one).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_document_identity"
down_revision = "0001"
branch_labels = None
depends_on = None

FINDINGS = ("task_units", "tasks", "repeal_issuers", "repeals", "cited_documents", "targets", "annex_tables",
            "document_titles", "document_issuers")


def upgrade() -> None:
    op.create_table(
        "document_sources",
        sa.Column("id", sa.Integer, autoincrement=True, nullable=False),
        sa.Column("path", sa.Text, nullable=False), sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("format", sa.String(16)), sa.Column("schema_version", sa.String(16), nullable=False),
        sa.Column("parser_version", sa.String(32), nullable=False),
        sa.Column("document_id", sa.Integer, nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], ondelete="CASCADE",
                                name=op.f("fk_document_sources_document_id_documents")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_sources")),
        sa.UniqueConstraint("path", name=op.f("uq_document_sources_path")),
    )
    op.create_index(op.f("ix_document_sources_document_id"), "document_sources", ["document_id"])
    keep = "(SELECT k.id FROM documents k WHERE k.doc_key = d.doc_key ORDER BY k.path LIMIT 1)"
    op.execute(f"""
        INSERT INTO document_sources (path, sha256, format, schema_version, parser_version, document_id)
        SELECT d.path, CASE WHEN d.doc_key LIKE 'doc:/%' THEN '' ELSE d.sha256 END, d.format,
               d.schema_version, d.parser_version, {keep}
        FROM documents d""")
    dropped = f"SELECT d.id FROM documents d WHERE d.id <> {keep}"
    for table in FINDINGS:
        op.execute(f"DELETE FROM {table} WHERE document_id IN ({dropped})")
    op.execute(f"DELETE FROM documents WHERE id IN (SELECT x.id FROM ({dropped}) x)")
    op.drop_index(op.f("ix_documents_doc_key"), table_name="documents")
    op.create_index("ux_documents_doc_key", "documents", ["doc_key"], unique=True)


def downgrade() -> None:
    op.drop_index("ux_documents_doc_key", table_name="documents")
    op.create_index(op.f("ix_documents_doc_key"), "documents", ["doc_key"])
    op.drop_index(op.f("ix_document_sources_document_id"), table_name="document_sources")
    op.drop_table("document_sources")
