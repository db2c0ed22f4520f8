"""the audit trail records more kinds (zones by code, lists, sign-ins) and is never changed

Revision ID: 0006l
Revises: 0006c
Create Date: 2026-12-02 16:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0006l'
down_revision = '0006c'
branch_labels = None
depends_on = None

OLD_ACTIONS = ('create', 'update', 'delete', 'restore', 'stage')
ACTIONS = OLD_ACTIONS + ('replace', 'revoke', 'sign_in', 'sign_in_failed')
# sign-ins are purged once past their keeping (a setting of at least 30 days); nothing else
# in the audit trail is ever changed or deleted
KEPT_AT_LEAST = 30

SQLITE_TRIGGERS = (
    "CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry BEGIN "
    "SELECT RAISE(ABORT, 'the audit trail is never changed'); END",
    "CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry "
    f"WHEN OLD.kind <> 'sign_ins' OR OLD.at > datetime('now', '-{KEPT_AT_LEAST} days') BEGIN "
    "SELECT RAISE(ABORT, 'the audit trail is never deleted'); END",
)
POSTGRESQL_TRIGGERS = (
    "CREATE FUNCTION audit_entry_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "IF TG_OP = 'DELETE' AND OLD.kind = 'sign_ins' "
    f"AND OLD.at < now() - interval '{KEPT_AT_LEAST} days' THEN RETURN OLD; END IF; "
    "RAISE EXCEPTION 'the audit trail is never changed or deleted'; END $$",
    "CREATE TRIGGER audit_entry_immutable BEFORE UPDATE OR DELETE ON audit_entry "
    "FOR EACH ROW EXECUTE FUNCTION audit_entry_refuse()",
)


def _check(actions) -> str:
    return f"action IN ({', '.join(repr(a) for a in actions)})"


def upgrade():
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.alter_column('record_id', existing_type=sa.Integer(), nullable=True)
        batch_op.add_column(sa.Column('record_key', sa.String(length=64), nullable=True))
        batch_op.drop_constraint(op.f('ck_audit_entry_action'), type_='check')
        batch_op.create_check_constraint(op.f('ck_audit_entry_action'), _check(ACTIONS))
        batch_op.create_index('ix_audit_entry_kind_at', ['kind', 'at'], unique=False)
    postgresql = op.get_bind().dialect.name == 'postgresql'
    for statement in POSTGRESQL_TRIGGERS if postgresql else SQLITE_TRIGGERS:
        op.execute(statement)


def downgrade():
    if op.get_bind().dialect.name == 'postgresql':
        op.execute("DROP TRIGGER audit_entry_immutable ON audit_entry")
        op.execute("DROP FUNCTION audit_entry_refuse()")
    else:
        op.execute("DROP TRIGGER audit_entry_no_update")
        op.execute("DROP TRIGGER audit_entry_no_delete")
    # what the older trail cannot hold goes
    op.execute(f"DELETE FROM audit_entry WHERE record_id IS NULL OR NOT ({_check(OLD_ACTIONS)})")
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_entry_kind_at')
        batch_op.drop_constraint(op.f('ck_audit_entry_action'), type_='check')
        batch_op.create_check_constraint(op.f('ck_audit_entry_action'), _check(OLD_ACTIONS))
        batch_op.drop_column('record_key')
        batch_op.alter_column('record_id', existing_type=sa.Integer(), nullable=False)
