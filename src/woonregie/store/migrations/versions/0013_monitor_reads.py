"""monitor reads: a compact copy of every person's status history, kept by triggers, and the
dwellings' stock per buurt and corporation from an index

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-01 06:40:00
"""

from alembic import op

from woonregie.store import monitor_summary

revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    monitor_summary.install(op.get_bind())
    op.create_index('ix_dwellings_buurt_corporation', 'dwellings', ['buurt', 'corporation'])


def downgrade() -> None:
    op.drop_index('ix_dwellings_buurt_corporation', table_name='dwellings')
    monitor_summary.drop(op.get_bind())
