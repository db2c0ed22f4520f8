"""reports at scale: indexes that match the reports' counts

Revision ID: 0006r
Revises: 0005
Create Date: 2026-12-02 15:10:00.000000

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0006r'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('project', schema=None) as batch_op:
        batch_op.create_index('ix_project_live_stage', ['deleted_at', 'stage', 'reached_order',
                                                        'total_investment_usd_cents'], unique=False)
    with op.batch_alter_table('follow_up', schema=None) as batch_op:
        batch_op.create_index('ix_follow_up_owner_open_due', ['owner_id', 'done', 'due_on'],
                              unique=False)


def downgrade():
    with op.batch_alter_table('follow_up', schema=None) as batch_op:
        batch_op.drop_index('ix_follow_up_owner_open_due')
    with op.batch_alter_table('project', schema=None) as batch_op:
        batch_op.drop_index('ix_project_live_stage')
