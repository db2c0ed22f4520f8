"""the stale warning's lookups from indexes alone (issue 15's export): a project's meetings by
(project_id, interaction_id), replacing the index of project_id alone, and a live meeting's
day by its id. PostgreSQL read each of a project's meetings' rows for the warning, about 40,000
of them in an export of 11,000 projects (306 of its 805 ms of server time).

Revision ID: 0008n
Revises: 0008m
Create Date: 2026-12-03 13:45:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0008n'
down_revision = '0008m'
branch_labels = None
depends_on = None

LIVE = sa.text('deleted_at IS NULL')


def upgrade():
    op.create_index('ix_interaction_project_project_id_meeting', 'interaction_project',
                    ['project_id', 'interaction_id'], unique=False)
    op.drop_index('ix_interaction_project_project_id', table_name='interaction_project')
    op.create_index('ix_interaction_live_day', 'interaction', ['id', 'occurred_on'],
                    unique=False, sqlite_where=LIVE, postgresql_where=LIVE)


def downgrade():
    op.drop_index('ix_interaction_live_day', table_name='interaction',
                  sqlite_where=LIVE, postgresql_where=LIVE)
    op.create_index('ix_interaction_project_project_id', 'interaction_project', ['project_id'],
                    unique=False)
    op.drop_index('ix_interaction_project_project_id_meeting',
                  table_name='interaction_project')
