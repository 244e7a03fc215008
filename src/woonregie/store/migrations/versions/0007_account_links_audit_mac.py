"""account links (invitation/reset) and the audit log's keyed MAC

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30 22:15:00
"""

from alembic import op
import sqlalchemy as sa


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('account_links',
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('purpose', sa.String(length=16), nullable=False),
    sa.Column('created_by', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('expires_at', sa.DateTime(), nullable=False),
    sa.Column('used_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_account_links_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('token_hash', name=op.f('pk_account_links'))
    )
    op.create_index(op.f('ix_account_links_user_id'), 'account_links', ['user_id'], unique=False)
    # A plain ADD COLUMN (no table copy, so SQLite keeps the append-only triggers): every
    # stored entry stays as it was, with no MAC.
    op.add_column('audit_log', sa.Column('mac', sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('audit_log') as batch:
        batch.drop_column('mac')
    op.drop_index(op.f('ix_account_links_user_id'), table_name='account_links')
    op.drop_table('account_links')
