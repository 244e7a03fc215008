"""data version: a counter the database bumps on every write to the tables the monitor keeps

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-01 06:10:00
"""

from alembic import op

from woonregie.store import data_version

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    data_version.install(op.get_bind())


def downgrade() -> None:
    data_version.drop(op.get_bind())
