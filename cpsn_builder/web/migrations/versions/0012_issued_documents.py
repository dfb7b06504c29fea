"""Issued versions keep the statement of requirements bidders were sent, as they keep its schedule.

Rebuilding a version from its frozen inputs gives the same bytes only while the code, the catalogue
and LibreOffice that numbered its pages are unchanged; after an upgrade the lead could no longer
download the file bidders had received. Versions issued before this revision have none stored and
are rebuilt, as before.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("sor_versions") as batch:
        batch.add_column(sa.Column("document", sa.LargeBinary, nullable=True))


def downgrade():
    with op.batch_alter_table("sor_versions") as batch:
        batch.drop_column("document")
