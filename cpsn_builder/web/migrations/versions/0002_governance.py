"""Governance: participation in projects, motions and votes.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "participation",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("partner_id", sa.String(40), nullable=False),
        sa.Column("project_id", sa.String(40), nullable=False),
        sa.Column("declined_on", sa.Date),
        sa.Column("max_contribution", sa.Numeric(15, 2)),
        sa.UniqueConstraint("partner_id", "project_id"),
    )
    op.create_table(
        "motions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("code", sa.String(40), nullable=False, unique=True),
        sa.Column("project_id", sa.String(40), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("opens", sa.DateTime, nullable=False),
        sa.Column("closes", sa.DateTime, nullable=False),
    )
    op.create_table(
        "votes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("motion_id", sa.Integer, sa.ForeignKey("motions.id", ondelete="CASCADE"), nullable=False),
        sa.Column("partner_id", sa.String(40), nullable=False),
        sa.Column("choice", sa.String(10), nullable=False),
        sa.Column("officer", sa.String(254), nullable=False),
        sa.Column("cast_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("motion_id", "partner_id"),
    )


def downgrade():
    for table in ("votes", "motions", "participation"):
        op.drop_table(table)
