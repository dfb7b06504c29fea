"""Issued versions keep the pricing schedule bidders were sent, so no worker builds it again.

Versions issued before this revision have none; their schedule is built from the frozen inputs,
as before.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("sor_versions") as batch:
        batch.add_column(sa.Column("schedule", sa.LargeBinary, nullable=True))


def downgrade():
    with op.batch_alter_table("sor_versions") as batch:
        batch.drop_column("schedule")
