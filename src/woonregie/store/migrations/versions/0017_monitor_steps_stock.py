"""monitor reads: a compact copy of every match's step history and the dwellings counted per
buurt and corporation, both kept by triggers; on PostgreSQL the status histories' copy appends
a change only when it is not counted yet (a statement inserting several counted one twice)

Revision ID: 0017
Revises: 0018
Create Date: 2026-12-01 10:40:00
"""

from alembic import op

from woonregie.store import monitor_steps, monitor_stock, monitor_summary

revision = '0017'
down_revision = '0018'
branch_labels = None
depends_on = None


def upgrade() -> None:
    monitor_summary.repair(op.get_bind())
    monitor_steps.install(op.get_bind())
    monitor_stock.install(op.get_bind())


def downgrade() -> None:
    monitor_stock.drop(op.get_bind())
    monitor_steps.drop(op.get_bind())
