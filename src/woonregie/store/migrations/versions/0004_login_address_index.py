"""login attempts: index by source address (throttling per address)

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30 22:10:00
"""

from alembic import op


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_login_attempts_address_at', 'login_attempts', ['address', 'at'],
                    unique=False)


def downgrade() -> None:
    op.drop_index('ix_login_attempts_address_at', table_name='login_attempts')
