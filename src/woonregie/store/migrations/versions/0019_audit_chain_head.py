"""audit log: one function that takes the chain lock and reads the head (PostgreSQL)

Appending to the audit chain took two round trips before the INSERT: the advisory lock, then
the head. `audit_chain_head()` does both in one call. It is PL/pgSQL and VOLATILE, so under READ
COMMITTED its SELECT takes a new snapshot after the lock is granted and sees the entries the
previous holder committed (one statement `SELECT ... FROM pg_advisory_xact_lock(...), ...`
would read with the snapshot from before its wait and fork the chain). SQLite needs nothing:
its write lock is taken by the transaction itself.

Revision ID: 0019
Revises: 0017
Create Date: 2026-12-01 13:10:00
"""

from alembic import op


revision = '0019'
down_revision = '0017'
branch_labels = None
depends_on = None

CHAIN_LOCK = 4711001  # the advisory lock key store/security.py took before


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(f"""
        CREATE OR REPLACE FUNCTION audit_chain_head() RETURNS TABLE (seq integer, hash text)
        LANGUAGE plpgsql VOLATILE AS $$
        BEGIN
            PERFORM pg_advisory_xact_lock({CHAIN_LOCK});
            RETURN QUERY SELECT a.seq, a.hash::text FROM audit_log a ORDER BY a.seq DESC LIMIT 1;
        END
        $$
    """)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP FUNCTION IF EXISTS audit_chain_head()")
