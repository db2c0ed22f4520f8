"""project._sentinel: an insert sentinel (SQLAlchemy's "insertmanyvalues"), so that the ORM
writes many new projects in one multi-row INSERT … RETURNING on SQLite too (an import's chunk:
about 25 rows a statement instead of one), and sorts what RETURNING gives back by it. It holds
the row's place in its INSERT (NULL for one written alone); nothing reads it.

Revision ID: 0008i
Revises: 0008t
Create Date: 2026-12-03 10:40:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0008i'
down_revision = '0008t'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('project', sa.Column('_sentinel', sa.Integer(), nullable=True))


def downgrade():
    op.drop_column('project', '_sentinel')
