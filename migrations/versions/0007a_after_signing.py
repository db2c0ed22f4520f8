"""after signing (issue 10): milestones, each with a planned and an actual day; paid-in capital
in instalments

A project's ``signed_on`` and ``registered_on`` become the actual days of its ``signed`` and
``registered`` milestones (``project_milestone``): today's values are carried over, and back on
a downgrade. Its ``paid_in`` becomes one payment (``project_payment``) received on
``paid_in_on`` (else the signed day, else the day the project was made), with the US-dollar
value and rate it was kept with; a downgrade puts back each project's sum in US dollars and its
latest payment's day. The columns are dropped with a plain ALTER TABLE (SQLite 3.35+ drops a column in
place), so the project table is not rebuilt and its triggers stay.

Revision ID: 0007a
Revises: 0007e
Create Date: 2026-12-02 18:30:00.000000

"""
from alembic import op
import sqlalchemy as sa

import crm.db


# revision identifiers, used by Alembic.
revision = '0007a'
down_revision = '0007e'
branch_labels = None
depends_on = None

MILESTONES = ('signed', 'registered', 'land', 'construction', 'completion', 'operation',
              'full_production')
CARRIED = (('signed_on', 'signed'), ('registered_on', 'registered'))
PAID_IN = ('paid_in_cents', 'paid_in_currency', 'paid_in_usd_cents', 'paid_in_rate',
           'paid_in_on')


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
    _payments_up()


def _payments_up():
    op.create_table('project_payment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('received_on', sa.Date(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('amount_cents', sa.BigInteger(), nullable=True),
    sa.Column('amount_currency', sa.String(length=3), nullable=True),
    sa.Column('amount_usd_cents', sa.BigInteger(), nullable=True),
    sa.Column('amount_rate', crm.db.DecimalText(length=40), nullable=True),
    sa.CheckConstraint('amount_cents >= 0', name=op.f('ck_project_payment_amount')),
    sa.ForeignKeyConstraint(['by_id'], ['user.id'], name=op.f('fk_project_payment_by_id_user')),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'],
                            name=op.f('fk_project_payment_project_id_project'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_project_payment'))
    )
    op.create_index(op.f('ix_project_payment_project_id'), 'project_payment', ['project_id'])
    op.create_index('ix_project_payment_received', 'project_payment',
                    ['received_on', 'project_id'])
    made = "date(p.created_at)" if op.get_bind().dialect.name == "sqlite" \
        else "(p.created_at AT TIME ZONE 'UTC')::date"
    op.execute(
        "INSERT INTO project_payment (project_id, received_on, note, created_at, updated_at, "
        "amount_cents, amount_currency, amount_usd_cents, amount_rate) "
        "SELECT p.id, COALESCE(p.paid_in_on, (SELECT m.actual_on FROM project_milestone m "
        f"WHERE m.project_id = p.id AND m.code = 'signed'), {made}), '', p.updated_at, "
        "p.updated_at, p.paid_in_cents, p.paid_in_currency, p.paid_in_usd_cents, p.paid_in_rate "
        "FROM project p WHERE p.paid_in_cents IS NOT NULL AND p.paid_in_currency IS NOT NULL "
        "ORDER BY p.id")
    for column in PAID_IN:
        op.drop_column('project', column)


def _payments_down():
    op.add_column('project', sa.Column('paid_in_cents', sa.BigInteger(), nullable=True))
    op.add_column('project', sa.Column('paid_in_currency', sa.String(length=3), nullable=True))
    op.add_column('project', sa.Column('paid_in_usd_cents', sa.BigInteger(), nullable=True))
    op.add_column('project', sa.Column('paid_in_rate', crm.db.DecimalText(length=40),
                                       nullable=True))
    op.add_column('project', sa.Column('paid_in_on', sa.Date(), nullable=True))
    total = "(SELECT SUM(x.amount_usd_cents) FROM project_payment x WHERE x.project_id = project.id)"
    op.execute(
        f"UPDATE project SET paid_in_cents = {total}, paid_in_usd_cents = {total}, "
        "paid_in_currency = 'USD', paid_in_rate = '1', paid_in_on = (SELECT MAX(x.received_on) "
        "FROM project_payment x WHERE x.project_id = project.id) "
        "WHERE id IN (SELECT project_id FROM project_payment)")
    op.drop_index('ix_project_payment_received', table_name='project_payment')
    op.drop_index(op.f('ix_project_payment_project_id'), table_name='project_payment')
    op.drop_table('project_payment')


def downgrade():
    _payments_down()
    for column, code in CARRIED:
        op.add_column('project', sa.Column(column, sa.Date(), nullable=True))
        op.execute(f"UPDATE project SET {column} = (SELECT m.actual_on FROM project_milestone m "
                   f"WHERE m.project_id = project.id AND m.code = '{code}')")
    op.drop_table('project_milestone')
