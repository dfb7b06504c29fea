"""Requirement sets: the lead's tailored clauses, replaced section texts, partners' proposals, issued SoR
versions; and the data version that caches of the figures key on.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"  # relinked after 0007 (email outbox) when issue 16 merged main
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "requirement_clauses",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("lot_id", sa.String(40), nullable=False),
        sa.Column("clause_id", sa.String(12), nullable=False, unique=True),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("priority", sa.String(10), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("partners", sa.JSON, nullable=False),
        sa.Column("proposed_by", sa.String(40), nullable=True),
        sa.Column("withdrawn", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("reason", sa.String(200), nullable=True),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_requirement_clauses_lot_id", "requirement_clauses", ["lot_id"])
    op.create_table(
        "requirement_sections",
        sa.Column("section_id", sa.String(40), primary_key=True),
        sa.Column("title", sa.String(200), nullable=True),
        sa.Column("blocks", sa.JSON, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
    )
    op.create_table(
        "requirement_proposals",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("partner_id", sa.String(40), nullable=False),
        sa.Column("lot_id", sa.String(40), nullable=False),
        sa.Column("priority", sa.String(10), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("why", sa.Text, nullable=False),
        sa.Column("sites", sa.JSON, nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("decision", sa.Text, nullable=True),
        sa.Column("clause_id", sa.String(12), nullable=True),
        sa.Column("proposed_by", sa.String(254), nullable=False),
        sa.Column("proposed_at", sa.DateTime, nullable=False),
        sa.Column("decided_by", sa.String(254), nullable=True),
        sa.Column("decided_at", sa.DateTime, nullable=True),
    )
    op.create_index("ix_requirement_proposals_partner_id", "requirement_proposals", ["partner_id"])
    op.create_table(
        "sor_versions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("label", sa.String(20), nullable=False, unique=True),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("issued_on", sa.Date, nullable=False),
        sa.Column("author", sa.String(120), nullable=False),
        sa.Column("summary", sa.String(200), nullable=False),
        sa.Column("requirement_set", sa.Text, nullable=False),
        sa.Column("responses", sa.Text, nullable=False),
        sa.Column("catalogue_digest", sa.String(64), nullable=False),
        sa.Column("document_sha256", sa.String(64), nullable=False),
        sa.Column("issued_by", sa.String(254), nullable=False),
        sa.Column("issued_at", sa.DateTime, nullable=False),
    )

    version = op.create_table(
        "data_version",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("n", sa.BigInteger, nullable=False),
    )
    op.bulk_insert(version, [{"id": 1, "n": 0}])


def downgrade():
    for table in ("data_version", "sor_versions", "requirement_proposals", "requirement_sections", "requirement_clauses"):
        op.drop_table(table)
