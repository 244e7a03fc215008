"""matches (bemiddelingen) replace proposals; placements (verhuringen)

Every proposal becomes a match with a one-line history: open/aangeboden proposals become live
`voorgesteld` matches, geaccepteerd ones `contract_getekend`, afgewezen ones
`afgewezen_door_corporatie` and ingetrokken ones `ingetrokken`. A later proposal for a person or a
dwelling that already has a live match is migrated as withdrawn, so the "one live match per
person and per dwelling" indexes hold for old data too. The proposals table is dropped: access
control reads matches now. Downgrade rebuilds proposals from matches.

Revision ID: 0005
Revises: 0004
"""

from datetime import date

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

STEP_OF = {"open": "voorgesteld", "aangeboden": "voorgesteld",
           "geaccepteerd": "contract_getekend", "afgewezen": "afgewezen_door_corporatie",
           "ingetrokken": "ingetrokken"}
STATUS_OF = {"voorgesteld": "open", "contract_getekend": "geaccepteerd",
             "afgewezen_door_corporatie": "afgewezen", "ingetrokken": "ingetrokken"}
MIGRATED = "migratie uit voordrachten"


def _live_where() -> dict:
    return {"sqlite_where": sa.text("live"), "postgresql_where": sa.text("live")}


def upgrade() -> None:
    op.create_table('matches',
    sa.Column('key', sa.String(length=32), nullable=False),
    sa.Column('person', sa.String(length=32), nullable=False),
    sa.Column('dwelling', sa.String(length=32), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=True),
    sa.Column('step', sa.String(length=40), nullable=False),
    sa.Column('live', sa.Boolean(), nullable=False),
    sa.Column('opened_on', sa.Date(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['dwelling'], ['dwellings.code'], name=op.f('fk_matches_dwelling_dwellings')),
    sa.ForeignKeyConstraint(['person'], ['persons.key'], name=op.f('fk_matches_person_persons'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['round_id'], ['match_rounds.id'], name=op.f('fk_matches_round_id_match_rounds'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_matches'))
    )
    with op.batch_alter_table('matches', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_matches_dwelling'), ['dwelling'], unique=False)
        batch_op.create_index(batch_op.f('ix_matches_person'), ['person'], unique=False)
        batch_op.create_index('uq_matches_live_dwelling', ['dwelling'], unique=True, **_live_where())
        batch_op.create_index('uq_matches_live_person', ['person'], unique=True, **_live_where())
    op.create_table('match_transitions',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('match_key', sa.String(length=32), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('source', sa.String(length=40), nullable=True),
    sa.Column('target', sa.String(length=40), nullable=False),
    sa.Column('on_date', sa.Date(), nullable=False),
    sa.Column('by', sa.String(length=64), nullable=False),
    sa.Column('reason', sa.String(length=400), nullable=False),
    sa.ForeignKeyConstraint(['match_key'], ['matches.key'], name=op.f('fk_match_transitions_match_key_matches'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_match_transitions')),
    sa.UniqueConstraint('match_key', 'seq', name='uq_match_transitions_match_key_seq')
    )
    op.create_table('placements',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('person', sa.String(length=32), nullable=False),
    sa.Column('dwelling', sa.String(length=32), nullable=False),
    sa.Column('match_key', sa.String(length=32), nullable=True),
    sa.Column('corporation', sa.String(length=32), nullable=False),
    sa.Column('gemeente', sa.String(length=16), nullable=False),
    sa.Column('buurt', sa.String(length=16), nullable=False),
    sa.Column('complex', sa.String(length=32), nullable=True),
    sa.Column('housing_form', sa.String(length=24), nullable=False),
    sa.Column('target_group', sa.String(length=24), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('agreement_year', sa.Integer(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('end_reason', sa.String(length=32), nullable=True),
    sa.ForeignKeyConstraint(['buurt'], ['areas.code'], name=op.f('fk_placements_buurt_areas')),
    sa.ForeignKeyConstraint(['complex'], ['complexes.code'], name=op.f('fk_placements_complex_complexes')),
    sa.ForeignKeyConstraint(['corporation'], ['organisations.code'], name=op.f('fk_placements_corporation_organisations')),
    sa.ForeignKeyConstraint(['dwelling'], ['dwellings.code'], name=op.f('fk_placements_dwelling_dwellings')),
    sa.ForeignKeyConstraint(['gemeente'], ['areas.code'], name=op.f('fk_placements_gemeente_areas')),
    sa.ForeignKeyConstraint(['match_key'], ['matches.key'], name=op.f('fk_placements_match_key_matches'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['person'], ['persons.key'], name=op.f('fk_placements_person_persons'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_placements')),
    sa.UniqueConstraint('person', 'start_date', name='uq_placements_person_start_date')
    )
    with op.batch_alter_table('placements', schema=None) as batch_op:
        batch_op.create_index('ix_placements_agreement', ['gemeente', 'corporation', 'target_group', 'agreement_year'], unique=False)
        batch_op.create_index(batch_op.f('ix_placements_dwelling'), ['dwelling'], unique=False)
        batch_op.create_index(batch_op.f('ix_placements_person'), ['person'], unique=False)
    _proposals_to_matches()
    with op.batch_alter_table('proposals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_proposals_person'))
        batch_op.drop_index(batch_op.f('ix_proposals_dwelling'))
    op.drop_table('proposals')


def _round_id(conn: sa.Connection, value: str | None) -> int | None:
    if value is None or not value.isdigit():
        return None
    found = conn.execute(sa.text("SELECT id FROM match_rounds WHERE id = :i"), {"i": int(value)})
    return found.scalar()


def _proposals_to_matches() -> None:
    conn = op.get_bind()
    rows = conn.execute(sa.text(
        "SELECT id, person, dwelling, round_id, status, created_at FROM proposals ORDER BY id"
    )).mappings().all()
    live_persons: set[str] = set()
    live_dwellings: set[str] = set()
    for r in rows:
        step = STEP_OF.get(r["status"], "ingetrokken")
        reason = "" if step in ("voorgesteld", "contract_getekend") else MIGRATED
        if step == "voorgesteld":
            if r["person"] in live_persons or r["dwelling"] in live_dwellings:
                step, reason = "ingetrokken", f"{MIGRATED}: dubbele open voordracht"
            else:
                live_persons.add(r["person"])
                live_dwellings.add(r["dwelling"])
        created = r["created_at"]
        on = created.date() if hasattr(created, "date") else date.fromisoformat(str(created)[:10])
        key = f"M-V{r['id']:08d}"
        conn.execute(sa.text(
            'INSERT INTO matches ("key", person, dwelling, round_id, step, live, opened_on, version)'
            " VALUES (:k, :p, :d, :r, :s, :l, :o, 1)"),
            {"k": key, "p": r["person"], "d": r["dwelling"], "r": _round_id(conn, r["round_id"]),
             "s": step, "l": step == "voorgesteld", "o": on})
        history = [(None, "voorgesteld", "")]
        if step != "voorgesteld":
            history.append(("voorgesteld", step, reason))
        for seq, (source, target, why) in enumerate(history):
            conn.execute(sa.text(
                'INSERT INTO match_transitions (match_key, seq, source, target, on_date, "by", reason)'
                " VALUES (:m, :n, :s, :t, :o, :b, :r)"),
                {"m": key, "n": seq, "s": source, "t": target, "o": on, "b": "migratie",
                 "r": why})


def downgrade() -> None:
    op.create_table('proposals',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('person', sa.String(length=32), nullable=False),
    sa.Column('dwelling', sa.String(length=32), nullable=False),
    sa.Column('round_id', sa.String(length=64), nullable=True),
    sa.Column('status', sa.String(length=24), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['dwelling'], ['dwellings.code'], name=op.f('fk_proposals_dwelling_dwellings')),
    sa.ForeignKeyConstraint(['person'], ['persons.key'], name=op.f('fk_proposals_person_persons'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_proposals'))
    )
    with op.batch_alter_table('proposals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_proposals_dwelling'), ['dwelling'], unique=False)
        batch_op.create_index(batch_op.f('ix_proposals_person'), ['person'], unique=False)
    conn = op.get_bind()
    for r in conn.execute(sa.text(
        'SELECT "key", person, dwelling, round_id, step, opened_on FROM matches ORDER BY "key"'
    )).mappings().all():
        conn.execute(sa.text(
            "INSERT INTO proposals (person, dwelling, round_id, status, created_at)"
            " VALUES (:p, :d, :r, :s, :c)"),
            {"p": r["person"], "d": r["dwelling"],
             "r": None if r["round_id"] is None else str(r["round_id"]),
             "s": STATUS_OF.get(r["step"], "ingetrokken"), "c": r["opened_on"]})
    op.drop_table('placements')
    op.drop_table('match_transitions')
    op.drop_table('matches')
