"""signals (signalering), signal rules, three-party agreements and their templates

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01 02:30:00
"""

from alembic import op
import sqlalchemy as sa


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

MONEY = sa.Numeric(10, 2, asdecimal=False)


def _signals() -> None:
    op.create_table('signals',
    sa.Column('key', sa.String(length=32), nullable=False),
    sa.Column('person', sa.String(length=32), nullable=False),
    sa.Column('dwelling', sa.String(length=32), nullable=False),
    sa.Column('corporation', sa.String(length=32), nullable=False),
    sa.Column('care_provider', sa.String(length=32), nullable=False),
    sa.Column('gemeente', sa.String(length=16), nullable=False),
    sa.Column('route', sa.String(length=16), nullable=False),
    sa.Column('recipient', sa.String(length=32), nullable=False),
    sa.Column('kind', sa.String(length=24), nullable=False),
    sa.Column('raised_on', sa.Date(), nullable=False),
    sa.Column('raised_by', sa.String(length=64), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('note', sa.String(length=1000), nullable=False),
    sa.Column('arrears_amount', MONEY, nullable=True),
    sa.Column('arrears_months', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('action', sa.String(length=1000), nullable=False),
    sa.Column('acknowledged_on', sa.Date(), nullable=True),
    sa.Column('acknowledged_by', sa.String(length=64), nullable=True),
    sa.Column('escalated_on', sa.Date(), nullable=True),
    sa.Column('outcome', sa.String(length=32), nullable=True),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.Column('closed_by', sa.String(length=64), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['person'], ['persons.key'], name=op.f('fk_signals_person_persons'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['dwelling'], ['dwellings.code'], name=op.f('fk_signals_dwelling_dwellings')),
    sa.ForeignKeyConstraint(['corporation'], ['organisations.code'], name=op.f('fk_signals_corporation_organisations')),
    sa.ForeignKeyConstraint(['care_provider'], ['organisations.code'], name=op.f('fk_signals_care_provider_organisations')),
    sa.ForeignKeyConstraint(['gemeente'], ['areas.code'], name=op.f('fk_signals_gemeente_areas')),
    sa.ForeignKeyConstraint(['recipient'], ['organisations.code'], name=op.f('fk_signals_recipient_organisations')),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_signals'))
    )
    op.create_index(op.f('ix_signals_person'), 'signals', ['person'], unique=False)
    op.create_index('ix_signals_corporation_raised_on', 'signals', ['corporation', 'raised_on'], unique=False)
    op.create_index('ix_signals_recipient_status', 'signals', ['recipient', 'status'], unique=False)
    op.create_index('ix_signals_status_due_on', 'signals', ['status', 'due_on'], unique=False)


def _agreements() -> None:
    op.create_table('signal_rules',
    sa.Column('gemeente', sa.String(length=16), nullable=False),
    sa.Column('kind', sa.String(length=24), nullable=False),
    sa.Column('acknowledge_days', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['gemeente'], ['areas.code'], name=op.f('fk_signal_rules_gemeente_areas')),
    sa.PrimaryKeyConstraint('gemeente', 'kind', name=op.f('pk_signal_rules'))
    )
    op.create_table('agreement_templates',
    sa.Column('gemeente', sa.String(length=16), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('updated_by', sa.String(length=64), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['gemeente'], ['areas.code'], name=op.f('fk_agreement_templates_gemeente_areas')),
    sa.PrimaryKeyConstraint('gemeente', name=op.f('pk_agreement_templates'))
    )
    op.create_table('tenancy_agreements',
    sa.Column('match_key', sa.String(length=32), nullable=False),
    sa.Column('person', sa.String(length=32), nullable=False),
    sa.Column('corporation', sa.String(length=32), nullable=False),
    sa.Column('care_provider', sa.String(length=32), nullable=False),
    sa.Column('gemeente', sa.String(length=16), nullable=False),
    sa.Column('generated_on', sa.Date(), nullable=False),
    sa.Column('html', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['match_key'], ['matches.key'], name=op.f('fk_tenancy_agreements_match_key_matches'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person'], ['persons.key'], name=op.f('fk_tenancy_agreements_person_persons'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['corporation'], ['organisations.code'], name=op.f('fk_tenancy_agreements_corporation_organisations')),
    sa.ForeignKeyConstraint(['care_provider'], ['organisations.code'], name=op.f('fk_tenancy_agreements_care_provider_organisations')),
    sa.ForeignKeyConstraint(['gemeente'], ['areas.code'], name=op.f('fk_tenancy_agreements_gemeente_areas')),
    sa.PrimaryKeyConstraint('match_key', name=op.f('pk_tenancy_agreements'))
    )
    op.create_index(op.f('ix_tenancy_agreements_person'), 'tenancy_agreements', ['person'], unique=False)


def upgrade() -> None:
    _signals()
    _agreements()


def downgrade() -> None:
    op.drop_index(op.f('ix_tenancy_agreements_person'), table_name='tenancy_agreements')
    op.drop_table('tenancy_agreements')
    op.drop_table('agreement_templates')
    op.drop_table('signal_rules')
    for name in ('ix_signals_status_due_on', 'ix_signals_recipient_status',
                 'ix_signals_corporation_raised_on', op.f('ix_signals_person')):
        op.drop_index(name, table_name='signals')
    op.drop_table('signals')
