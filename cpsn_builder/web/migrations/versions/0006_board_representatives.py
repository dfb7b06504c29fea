"""Board representatives: who holds a partner's delegated authority to vote, from when until when.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "board_representatives",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("partner_id", sa.String(40), nullable=False),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("granted_by", sa.String(200), nullable=False),
        sa.Column("valid_from", sa.Date, nullable=False),
        sa.Column("valid_until", sa.Date, nullable=True),
    )
    op.create_index("ix_board_representatives_partner_id", "board_representatives", ["partner_id"])


def downgrade():
    op.drop_table("board_representatives")
