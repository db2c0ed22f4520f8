"""reports at scale: rollups kept by triggers, and indexes that match the reports' counts

Revision ID: 0006r
Revises: 0006l
Create Date: 2026-12-02 15:10:00.000000

The triggers and the recount that backfills the rollups are the app's own
(``crm.reports.rollups``: one home for what each rollup counts); a later change to them comes
with a migration that calls ``install`` and ``rebuild`` again.
"""
from alembic import op
import sqlalchemy as sa

from crm.reports import rollups


# revision identifiers, used by Alembic.
revision = '0006r'
down_revision = '0006l'
branch_labels = None
depends_on = None


def _counts():
    return [sa.Column(name, sa.BigInteger(), nullable=False)
            for name in ('projects', 'usd_cents', 'mega', 'candidates', 'land_micro_mu',
                         'output_usd_cents', 'tax_usd_cents')]


def upgrade():
    op.create_table('rollup_project',
    sa.Column('zone_code', sa.String(length=16), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('stage', sa.String(length=20), nullable=False),
    sa.Column('reached_order', sa.Integer(), nullable=False),
    *_counts(),
    sa.PrimaryKeyConstraint('zone_code', 'kind', 'year', 'stage', 'reached_order',
                            name=op.f('pk_rollup_project'))
    )
    op.create_table('rollup_stay',
    sa.Column('zone_code', sa.String(length=16), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('stage', sa.String(length=20), nullable=False),
    sa.Column('bucket', sa.Integer(), nullable=False),
    sa.Column('stays', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('zone_code', 'kind', 'year', 'stage', 'bucket',
                            name=op.f('pk_rollup_stay'))
    )
    op.create_table('rollup_day',
    sa.Column('metric', sa.String(length=16), nullable=False),
    sa.Column('grain', sa.String(length=1), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('zone_code', sa.String(length=16), nullable=False),
    sa.Column('n', sa.BigInteger(), nullable=False),
    sa.Column('usd_cents', sa.BigInteger(), nullable=False),
    sa.Column('mega', sa.BigInteger(), nullable=False),
    sa.Column('fortune500', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('metric', 'grain', 'day', 'zone_code', name=op.f('pk_rollup_day'))
    )
    op.create_table('rollup_signed_again',
    sa.Column('change_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('previous_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('change_id', name=op.f('pk_rollup_signed_again'))
    )
    with op.batch_alter_table('stage_change', schema=None) as batch_op:
        batch_op.add_column(sa.Column('stay_days', sa.Float(), nullable=True))
        batch_op.create_index('ix_stage_change_stay', ['from_stage', 'stay_days'], unique=False)
    with op.batch_alter_table('project', schema=None) as batch_op:
        # partial, as the lists' indexes (0006p): one that begins with deleted_at looks
        # selective to SQLite's sampled statistics and is taken for the lists, then sorted
        live = sa.text('deleted_at IS NULL')
        batch_op.create_index('ix_project_live_usd', [sa.text('total_investment_usd_cents DESC'),
                              'id'], unique=False, sqlite_where=live, postgresql_where=live)

    connection = op.get_bind()
    # the triggers and the recount read the app's rules of today, which a later migration
    # may have changed with its tables (0008f keys rollup_project by verification): that
    # one installs them and recounts; here they would write to tables not yet made so.
    # planner statistics for the new tables and indexes: without them SQLite takes an index
    # on (deleted_at, …) for a selective one, as `crm seed` and the bench generator know
    if connection.dialect.name == 'sqlite':
        op.execute('PRAGMA analysis_limit = 1000')
    op.execute('ANALYZE')


def downgrade():
    rollups.uninstall(op.get_bind())
    with op.batch_alter_table('project', schema=None) as batch_op:
        batch_op.drop_index('ix_project_live_usd')
    with op.batch_alter_table('stage_change', schema=None) as batch_op:
        batch_op.drop_index('ix_stage_change_stay')
        batch_op.drop_column('stay_days')
    op.drop_table('rollup_signed_again')
    op.drop_table('rollup_day')
    op.drop_table('rollup_stay')
    op.drop_table('rollup_project')
