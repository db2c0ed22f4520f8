"""after signing (issue 10): milestones, each with a planned and an actual day

A project's ``signed_on`` and ``registered_on`` become the actual days of its ``signed`` and
``registered`` milestones (``project_milestone``): today's values are carried over, and back on
a downgrade. The columns are dropped with a plain ALTER TABLE (SQLite 3.35+ drops a column in
place), so the project table is not rebuilt and its triggers stay.

Revision ID: 0007a
Revises: 0006r
Create Date: 2026-12-02 18:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0007a'
down_revision = '0006r'
branch_labels = None
depends_on = None

MILESTONES = ('signed', 'registered', 'land', 'construction', 'completion', 'operation',
              'full_production')
CARRIED = (('signed_on', 'signed'), ('registered_on', 'registered'))


def upgrade():
    op.create_table('project_milestone',
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('planned_on', sa.Date(), nullable=True),
    sa.Column('actual_on', sa.Date(), nullable=True),
    sa.CheckConstraint(f"code IN ({', '.join(repr(c) for c in MILESTONES)})",
                       name=op.f('ck_project_milestone_code')),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'],
                            name=op.f('fk_project_milestone_project_id_project'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('project_id', 'code', name=op.f('pk_project_milestone'))
    )
    for column, code in CARRIED:
        op.execute(f"INSERT INTO project_milestone (project_id, code, actual_on) "
                   f"SELECT id, '{code}', {column} FROM project WHERE {column} IS NOT NULL")
    for column, _code in CARRIED:
        op.drop_column('project', column)


def downgrade():
    for column, code in CARRIED:
        op.add_column('project', sa.Column(column, sa.Date(), nullable=True))
        op.execute(f"UPDATE project SET {column} = (SELECT m.actual_on FROM project_milestone m "
                   f"WHERE m.project_id = project.id AND m.code = '{code}')")
    op.drop_table('project_milestone')
