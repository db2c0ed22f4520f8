"""a substring index for q: FTS5 trigram tables kept by triggers (SQLite), pg_trgm GIN (PostgreSQL)

Revision ID: 0006s
Revises: 0006k
Create Date: 2026-12-02 15:00:00.000000

"""
from alembic import op

from crm import search


# revision identifiers, used by Alembic.
revision = '0006s'
down_revision = '0006k'
branch_labels = None
depends_on = None

# the tables with a search_text at this revision (crm/search.py makes and fills each index)
TABLES = ('company', 'project', 'talent')


def upgrade():
    for table in TABLES:
        search.install(op.get_bind(), table)


def downgrade():
    for table in TABLES:
        search.uninstall(op.get_bind(), table)
