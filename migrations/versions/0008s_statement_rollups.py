"""the rollups of new projects and meetings: one statement trigger an INSERT on PostgreSQL
(issue 15's import speed)

A row trigger upserted the project rollup once a project (about 2.5 ms each on PostgreSQL:
most of an import's time); a statement trigger over the INSERT's new rows (its transition
table) does it once an INSERT, which an import's chunk is. The same counts; SQLite keeps its
row triggers (it has no others). ``crm.reports.rollups.triggers`` makes both.

Revision ID: 0008s
Revises: 0008f
Create Date: 2026-12-03 07:30:00.000000

"""


# revision identifiers, used by Alembic.
revision = '0008s'
down_revision = '0008f'
branch_labels = None
depends_on = None


def upgrade():
    # the statement triggers are the app's (``crm.reports.rollups.triggers``): installed, with
    # every other rollup trigger, by 0008k, the last migration that changes the rollups
    pass


def downgrade():
    pass
