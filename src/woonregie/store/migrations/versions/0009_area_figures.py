"""area figures: CBS Kerncijfers wijken en buurten and Leefbaarometer per area

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01 02:30:00
"""

from alembic import op
import sqlalchemy as sa


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'area_figures',
        sa.Column('area', sa.String(length=16), nullable=False),
        sa.Column('inhabitants', sa.Integer(), nullable=True),
        sa.Column('households', sa.Integer(), nullable=True),
        sa.Column('dwellings', sa.Integer(), nullable=True),
        sa.Column('owner_pct', sa.Numeric(precision=5, scale=1, asdecimal=False), nullable=True),
        sa.Column('corporation_pct', sa.Numeric(precision=5, scale=1, asdecimal=False),
                  nullable=True),
        sa.Column('liveability_score', sa.Numeric(precision=8, scale=4, asdecimal=False),
                  nullable=True),
        sa.Column('liveability_class', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['area'], ['areas.code'], name=op.f('fk_area_figures_area_areas'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('area', name=op.f('pk_area_figures')),
    )


def downgrade() -> None:
    op.drop_table('area_figures')
