"""Tenders: rounds of returned pricing schedules, the bids themselves, their marks, published awards.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "tender_rounds",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("version_label", sa.String(20), nullable=False),
        sa.Column("closing_at", sa.DateTime, nullable=False),
        sa.Column("opened_by", sa.String(254), nullable=False),
        sa.Column("opened_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "tender_bids",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("round_id", sa.Integer, sa.ForeignKey("tender_rounds.id", ondelete="CASCADE"), nullable=False),
        sa.Column("file_name", sa.String(255), nullable=False),
        sa.Column("data", sa.LargeBinary, nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("bidder", sa.String(200), nullable=False),
        sa.Column("received_at", sa.DateTime, nullable=False),
        sa.Column("received_by", sa.String(254), nullable=False),
        sa.Column("late", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("late_reason", sa.Text, nullable=True),
        sa.UniqueConstraint("round_id", "sha256"),
        sa.UniqueConstraint("round_id", "bidder"),
    )
    op.create_index("ix_tender_bids_round_id", "tender_bids", ["round_id"])
    op.create_table(
        "tender_marks",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("bid_id", sa.Integer, sa.ForeignKey("tender_bids.id", ondelete="CASCADE"), nullable=False),
        sa.Column("lot_id", sa.String(40), nullable=False),
        sa.Column("criterion_id", sa.String(12), nullable=False),
        sa.Column("evaluator", sa.String(120), nullable=False),
        sa.Column("score", sa.Integer, nullable=False),
        sa.Column("given_by", sa.String(254), nullable=False),
        sa.Column("given_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("bid_id", "lot_id", "criterion_id", "evaluator"),
    )
    op.create_index("ix_tender_marks_bid_id", "tender_marks", ["bid_id"])
    op.create_table(
        "tender_awards",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("round_id", sa.Integer, sa.ForeignKey("tender_rounds.id", ondelete="CASCADE"), nullable=False),
        sa.Column("choices", sa.JSON, nullable=False),
        sa.Column("resolutions", sa.JSON, nullable=False),
        sa.Column("published_at", sa.DateTime, nullable=False),
        sa.Column("published_by", sa.String(254), nullable=False),
        sa.Column("withdrawn_at", sa.DateTime, nullable=True),
        sa.Column("withdrawn_by", sa.String(254), nullable=True),
    )
    op.create_index("ix_tender_awards_round_id", "tender_awards", ["round_id"])


def downgrade():
    for table in ("tender_awards", "tender_marks", "tender_bids", "tender_rounds"):
        op.drop_table(table)
