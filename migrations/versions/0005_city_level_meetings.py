"""a meeting may belong to no zone: a city-level meeting (API.md)

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 13:20:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('interaction', schema=None) as batch_op:
        batch_op.alter_column('zone_code', existing_type=sa.String(length=16), nullable=True)


def downgrade():
    # a city-level meeting goes to the first zone (in the zones' order) before the column
    # holds a zone again
    op.execute("UPDATE interaction SET zone_code = (SELECT code FROM zone ORDER BY position, "
               "code LIMIT 1) WHERE zone_code IS NULL")
    with op.batch_alter_table('interaction', schema=None) as batch_op:
        batch_op.alter_column('zone_code', existing_type=sa.String(length=16), nullable=False)
