"""Returned bids keep the reading made on upload, so pages need not parse each workbook again.

Bids received before this revision have none; they are read from their bytes, as before.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("tender_bids") as batch:
        batch.add_column(sa.Column("reading", sa.Text, nullable=True))


def downgrade():
    with op.batch_alter_table("tender_bids") as batch:
        batch.drop_column("reading")
