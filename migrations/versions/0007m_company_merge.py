"""a company merged into another keeps where it went (issue 10's company merge)

``company.merged_into_id``: set on the duplicate an admin merged away, while it is in the bin;
a plain integer, as a pointer of history (the survivor is never removed from the table).

Revision ID: 0007m
Revises: 0006r
Create Date: 2026-12-02 18:45:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0007m'
down_revision = '0006r'
branch_labels = None
depends_on = None


def upgrade():
    # add_column, not a batch rebuild: the triggers kept on company (counts, search) stay
    op.add_column('company', sa.Column('merged_into_id', sa.Integer(), nullable=True))


def downgrade():
    op.drop_column('company', 'merged_into_id')
