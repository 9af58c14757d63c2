"""What changed between two stored documents: one row per diff, one per unit change.

Revision ID: 0003_edition_diffs
Revises: 0001

``edition_diffs`` holds a diff's summary and JSON for a pair of sources (paths and their
SHA-256, so that a diff of bytes no longer stored stops matching); ``unit_changes`` holds one
row per unit of the diff, so "which articles changed between these editions" is a query, not a
re-parse. Frozen here; ``schema.py`` is the target the test compares the head against.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0003_edition_diffs"
down_revision = "0002_document_identity"
branch_labels = None
depends_on = None


def upgrade() -> None:
    doc_json = sa.JSON().with_variant(JSONB(), "postgresql")
    op.create_table(
        "edition_diffs",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("old_key", sa.Text, nullable=False), sa.Column("new_key", sa.Text, nullable=False),
        sa.Column("old_path", sa.Text, nullable=False), sa.Column("new_path", sa.Text, nullable=False),
        sa.Column("old_sha256", sa.String(64), nullable=False), sa.Column("new_sha256", sa.String(64), nullable=False),
        sa.Column("edge_kind", sa.String(32)), sa.Column("unit_kind", sa.String(16), nullable=False),
        *[sa.Column(c, sa.Integer, nullable=False)
          for c in ("unchanged", "amended", "inserted", "deleted", "moved", "renumbered", "leads_changed")],
        sa.Column("diff_json", doc_json, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_edition_diffs")),
        sa.UniqueConstraint("old_path", "new_path", name=op.f("uq_edition_diffs_old_path_new_path")),
    )
    op.create_index(op.f("ix_edition_diffs_old_key"), "edition_diffs", ["old_key"])
    op.create_index(op.f("ix_edition_diffs_new_key"), "edition_diffs", ["new_key"])
    op.create_table(
        "unit_changes",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("diff_id", sa.Integer, sa.ForeignKey("edition_diffs.id", ondelete="CASCADE",
                                                        name="fk_unit_changes_diff_id_edition_diffs"), nullable=False),
        sa.Column("position", sa.Integer, nullable=False), sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("status", sa.String(16), nullable=False), sa.Column("moved", sa.Boolean, nullable=False),
        sa.Column("renumbered", sa.Boolean, nullable=False), sa.Column("old_label", sa.Text),
        sa.Column("new_label", sa.Text), sa.Column("similarity", sa.Float), sa.Column("fields", sa.Text),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unit_changes")),
    )
    op.create_index(op.f("ix_unit_changes_diff_id"), "unit_changes", ["diff_id"])


def downgrade() -> None:
    op.drop_table("unit_changes")
    op.drop_table("edition_diffs")
