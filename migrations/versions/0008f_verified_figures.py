"""figures a manager can report upward (issue 10): the project rollup keyed by whether a
project awaits verification (待核实), and an expansion's link to the project it expands

Revision ID: 0008f
Revises: 0008w
Create Date: 2026-12-03 07:30:00.000000

The rollup's key gains ``unverified`` (``Project.unverified``), so the table is made again.
The triggers, which read the app's rules (``crm.reports.rollups``), are put back and every
rollup recounted by the last migration that changes the rollups (0008k), as the rules are no
longer those of this one's day.
"""
from alembic import op
import sqlalchemy as sa

from crm.reports import rollups


# revision identifiers, used by Alembic.
revision = '0008f'
down_revision = '0008w'
branch_labels = None
depends_on = None


def _project_rollup(with_unverified: bool):
    counts = [sa.Column(name, sa.BigInteger(), nullable=False)
              for name in ('projects', 'usd_cents', 'mega', 'candidates', 'land_micro_mu',
                           'output_usd_cents', 'tax_usd_cents')]
    keys = ['zone_code', 'kind', 'year', 'stage', 'reached_order']
    extra = []
    if with_unverified:
        keys.append('unverified')
        extra.append(sa.Column('unverified', sa.Integer(), nullable=False))
    op.create_table('rollup_project',
    sa.Column('zone_code', sa.String(length=16), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('stage', sa.String(length=20), nullable=False),
    sa.Column('reached_order', sa.Integer(), nullable=False),
    *extra,
    *counts,
    sa.PrimaryKeyConstraint(*keys, name=op.f('pk_rollup_project'))
    )


def upgrade():
    # add_column, not a batch rebuild: the triggers kept on project (counts, search, rollups)
    # stay (SQLite adds a column with its REFERENCES clause in place, which alembic's
    # add_column does not say)
    connection = op.get_bind()
    if connection.dialect.name == 'sqlite':
        op.execute('ALTER TABLE project ADD COLUMN expands_id INTEGER '
                   'CONSTRAINT fk_project_expands_id_project REFERENCES project (id)')
    else:
        op.add_column('project', sa.Column('expands_id', sa.Integer(), sa.ForeignKey(
            'project.id', name=op.f('fk_project_expands_id_project')), nullable=True))
    op.create_index('ix_project_expands_id', 'project', ['expands_id'], unique=False)

    # the triggers go, and come back with the recount in 0008k, the last migration that
    # changes the rollups (the app's rules are no longer those of this one's day)
    rollups.uninstall(connection)
    op.drop_table('rollup_project')
    _project_rollup(with_unverified=True)


def downgrade():
    # the older triggers are not this code's: `flask --app wsgi crm rollups --rebuild` of the
    # older code puts them back
    rollups.uninstall(op.get_bind())
    op.drop_table('rollup_project')
    _project_rollup(with_unverified=False)
    op.drop_index('ix_project_expands_id', table_name='project')
    if op.get_bind().dialect.name != 'sqlite':
        op.drop_constraint(op.f('fk_project_expands_id_project'), 'project',
                           type_='foreignkey')
    op.drop_column('project', 'expands_id')
