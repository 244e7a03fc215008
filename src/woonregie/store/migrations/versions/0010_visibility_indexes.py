"""pages at national scale: visibility, filter and count indexes (issue 12)

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01 02:30:00
"""

from alembic import op


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None

INDEXES = (
    # the persons a party may see for a purpose, in key order
    ('ix_consents_party_purpose_person', 'consents', ['party', 'purpose', 'person',
                                                      'valid_from']),
    ('ix_persons_target_group_key', 'persons', ['target_group', 'key']),
    # a caseworker's clients at one status, in key order
    ('ix_persons_provider_status_key', 'persons', ['care_provider', 'status', 'key']),
    # region overview: group-by counts read from the index alone
    ('ix_persons_group_status', 'persons', ['target_group', 'status']),
    ('ix_dwellings_form_status', 'dwellings', ['housing_form', 'status']),
    ('ix_dwellings_complex', 'dwellings', ['complex']),
    # a corporation's stock at one status, in code order
    ('ix_dwellings_corporation_status_code', 'dwellings', ['corporation', 'status', 'code']),
    # a round's proposals by rank, one page at a time
    ('ix_match_lines_round_rank', 'match_lines', ['round_id', 'rank']),
)


def upgrade() -> None:
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns, unique=False)
    op.drop_index('ix_consents_party_purpose', table_name='consents')  # a prefix of the new one


def downgrade() -> None:
    op.create_index('ix_consents_party_purpose', 'consents', ['party', 'purpose'], unique=False)
    for name, table, _columns in INDEXES:
        op.drop_index(name, table_name=table)
