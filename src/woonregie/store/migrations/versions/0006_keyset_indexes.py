"""keyset pagination: (filter, key) indexes on dwellings and persons

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30 22:40:00
"""

from alembic import op


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

INDEXES = (
    ('ix_dwellings_status_code', 'dwellings', ['status', 'code']),
    ('ix_dwellings_corporation_code', 'dwellings', ['corporation', 'code']),
    ('ix_persons_care_provider_key', 'persons', ['care_provider', 'key']),
    ('ix_persons_status_key', 'persons', ['status', 'key']),
)


def upgrade() -> None:
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns, unique=False)


def downgrade() -> None:
    for name, table, _columns in INDEXES:
        op.drop_index(name, table_name=table)
