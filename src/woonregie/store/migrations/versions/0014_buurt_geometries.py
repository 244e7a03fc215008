"""buurt geometries: imported CBS wijk/buurt boundaries (GeoJSON) for the dashboard's map

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-01 07:00:00
"""

from alembic import op
import sqlalchemy as sa


revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'buurt_geometries',
        sa.Column('buurt', sa.String(length=16), nullable=False),
        sa.Column('geometry', sa.Text(), nullable=False),
        sa.Column('planar', sa.Boolean(), nullable=False),
        sa.Column('source', sa.String(length=160), nullable=False),
        sa.Column('imported_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['buurt'], ['areas.code'],
                                name=op.f('fk_buurt_geometries_buurt_areas'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('buurt', name=op.f('pk_buurt_geometries')),
    )


def downgrade() -> None:
    op.drop_table('buurt_geometries')
