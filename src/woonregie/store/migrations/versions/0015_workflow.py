"""the three-party workflow (issue 9): step details, step dates, decline reasons, deadlines,
pauses, stall alerts and periodic runs

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-01 06:00:00
"""

from alembic import op
import sqlalchemy as sa


revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None

REASONS = [
    # code, label, declined_by, pause_days, urgency_lapses, needs_approval
    ("past_niet_bij_zorg", "Woning past niet bij zorgbehoefte", "zorgaanbieder", 0, False, False),
    ("buurt_onveilig", "Buurt onveilig voor persoon", "zorgaanbieder", 0, False, False),
    ("te_ver_van_netwerk", "Te ver van netwerk", "persoon", 30, False, False),
    ("huur_te_hoog", "Huur te hoog", "persoon", 0, False, False),
    ("niet_bereikbaar", "Persoon niet bereikbaar", "persoon", 30, False, False),
    ("weigert_zonder_reden", "Persoon weigert zonder reden", "persoon", 90, True, True),
    ("huurverleden", "Corporatie: huurverleden", "corporatie", 30, False, False),
    ("woning_niet_beschikbaar", "Corporatie: woning niet meer beschikbaar", "corporatie", 0,
     False, False),
]
"""The shipped list as it was when this migration was written (domain/workflow.DEFAULT_REASONS
may change later; a migration keeps its own copy)."""

DEADLINES = [("voorgesteld", 10), ("begeleiding_bevestigd", 10), ("aangeboden", 14),
             ("bezichtigd", 7), ("geaccepteerd", 14)]


def upgrade() -> None:
    with op.batch_alter_table('matches') as batch:
        batch.add_column(sa.Column('step_on', sa.Date(), nullable=True))
        batch.add_column(sa.Column('confirmed_on', sa.Date(), nullable=True))
    with op.batch_alter_table('match_transitions') as batch:
        batch.add_column(sa.Column('details', sa.JSON(), nullable=True))
    op.execute("UPDATE matches SET step_on = (SELECT max(mt.on_date) FROM match_transitions mt "
               "WHERE mt.match_key = matches.key)")
    op.create_index('ix_matches_live_step_step_on', 'matches', ['live', 'step', 'step_on'],
                    unique=False)
    reasons = op.create_table('decline_reasons',
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('label', sa.String(length=120), nullable=False),
    sa.Column('declined_by', sa.String(length=16), nullable=False),
    sa.Column('pause_days', sa.Integer(), nullable=False),
    sa.Column('urgency_lapses', sa.Boolean(), nullable=False),
    sa.Column('needs_approval', sa.Boolean(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_decline_reasons'))
    )
    op.bulk_insert(reasons, [
        {"code": c, "label": lab, "declined_by": by, "pause_days": days, "urgency_lapses": lapse,
         "needs_approval": approve, "active": True, "position": i}
        for i, (c, lab, by, days, lapse, approve) in enumerate(REASONS)])
    deadlines = op.create_table('step_deadlines',
    sa.Column('step', sa.String(length=40), nullable=False),
    sa.Column('days', sa.Integer(), nullable=True),
    sa.PrimaryKeyConstraint('step', name=op.f('pk_step_deadlines'))
    )
    op.bulk_insert(deadlines, [{"step": s, "days": d} for s, d in DEADLINES])
    op.create_table('person_pauses',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('person', sa.String(length=32), nullable=False),
    sa.Column('match_key', sa.String(length=32), nullable=True),
    sa.Column('reason_code', sa.String(length=40), nullable=False),
    sa.Column('on_date', sa.Date(), nullable=False),
    sa.Column('until', sa.Date(), nullable=True),
    sa.Column('lapse', sa.String(length=16), nullable=False),
    sa.Column('lifted_on', sa.Date(), nullable=True),
    sa.Column('lifted_by', sa.String(length=64), nullable=True),
    sa.Column('lift_reason', sa.String(length=400), nullable=False),
    sa.ForeignKeyConstraint(['person'], ['persons.key'],
                            name=op.f('fk_person_pauses_person_persons'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_person_pauses'))
    )
    op.create_index('ix_person_pauses_person_until', 'person_pauses', ['person', 'until'],
                    unique=False)
    op.create_table('stall_alerts',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('match_key', sa.String(length=32), nullable=False),
    sa.Column('step', sa.String(length=40), nullable=False),
    sa.Column('step_on', sa.Date(), nullable=False),
    sa.Column('waiting_for', sa.String(length=16), nullable=False),
    sa.Column('raised_on', sa.Date(), nullable=False),
    sa.ForeignKeyConstraint(['match_key'], ['matches.key'],
                            name=op.f('fk_stall_alerts_match_key_matches'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stall_alerts')),
    sa.UniqueConstraint('match_key', 'step', 'step_on', name='uq_stall_alerts_match_key')
    )
    op.create_table('periodic_runs',
    sa.Column('task', sa.String(length=48), nullable=False),
    sa.Column('period', sa.String(length=32), nullable=False),
    sa.Column('ran_at', sa.DateTime(), nullable=False),
    sa.Column('summary', sa.String(length=400), nullable=False),
    sa.PrimaryKeyConstraint('task', 'period', name=op.f('pk_periodic_runs'))
    )


def downgrade() -> None:
    op.drop_table('periodic_runs')
    op.drop_table('stall_alerts')
    op.drop_index('ix_person_pauses_person_until', table_name='person_pauses')
    op.drop_table('person_pauses')
    op.drop_table('step_deadlines')
    op.drop_table('decline_reasons')
    op.drop_index('ix_matches_live_step_step_on', table_name='matches')
    with op.batch_alter_table('match_transitions') as batch:
        batch.drop_column('details')
    with op.batch_alter_table('matches') as batch:
        batch.drop_column('confirmed_on')
        batch.drop_column('step_on')
