"""calendar feeds keep only a hash of their secret; the API's request counts (issue 14)

The user's ``calendar_token`` held the feed URL's secret in clear: it goes, and with it every
existing address (reset, not converted: those secrets have sat readable in the database and
its backups). A user's next visit of "My calendar" makes a new one, kept as ``calendar_feed``.
``request_count`` holds each API token's requests in its current window (the rate limit), and
sign-in failures are now keyed by user name and address: the old per-name rows, which no longer
count, go.

Revision ID: 0006c
Revises: 0006s
Create Date: 2026-12-02 15:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0006c'
down_revision = '0006s'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('calendar_feed',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('nonce', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_calendar_feed_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_calendar_feed')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_calendar_feed_token_hash'))
    )
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_user_calendar_token'), type_='unique')
        batch_op.drop_column('calendar_token')

    op.create_table('request_count',
    sa.Column('key', sa.String(length=200), nullable=False),
    sa.Column('window_start', sa.DateTime(timezone=True), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_request_count'))
    )
    with op.batch_alter_table('request_count', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_request_count_window_start'), ['window_start'], unique=False)
    op.execute("DELETE FROM login_failure WHERE key LIKE 'user:%' AND key NOT LIKE '%|addr:%'")


def downgrade():
    with op.batch_alter_table('request_count', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_request_count_window_start'))
    op.drop_table('request_count')
    op.execute("DELETE FROM login_failure WHERE key LIKE 'user:%'")
    # the addresses are not brought back: each user's next visit makes a new one
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('calendar_token', sa.String(length=64), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_user_calendar_token'), ['calendar_token'])
    op.drop_table('calendar_feed')
