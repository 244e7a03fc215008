"""audit log: an index on (at, seq) for the pages' time filter and newest-first keyset order

Revision ID: 0018
Revises: 0015
Create Date: 2026-12-01 10:30:00
"""

from alembic import op


revision = '0018'
down_revision = '0015'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_audit_log_at_seq', 'audit_log', ['at', 'seq'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_audit_log_at_seq', table_name='audit_log')
