"""live records per zone, kept by triggers: the totals of lists filtered by access and zone

Revision ID: 0006k
Revises: 0006p
Create Date: 2026-12-02 15:40:00

``live_count`` holds, for projects, meetings and companies, how many rows of each zone are not
in the bin ('' for none: city-level meetings, companies). Triggers keep it in the same
transaction as every insert, delete, move to or from the bin and change of zone, so the lists'
totals (crm/counts.py) need not count a million meetings on every page. The migration fills it
from the rows there are.
"""
from alembic import op
import sqlalchemy as sa


revision = '0006k'
down_revision = '0006p'
branch_labels = None
depends_on = None

# table: the SQL of a row's zone, with {row} for NEW or OLD
COUNTED = {"project": "{row}.zone_code", "interaction": "COALESCE({row}.zone_code, '')",
           "company": "''"}


def _sqlite(table, zone):
    old, new = zone.format(row="OLD"), zone.format(row="NEW")
    add = ("INSERT INTO live_count (table_name, zone_code, n) SELECT '{t}', {z}, 1 WHERE {c} "
           "ON CONFLICT (table_name, zone_code) DO UPDATE SET n = n + 1;")
    take = "UPDATE live_count SET n = n - 1 WHERE {c} AND table_name = '{t}' AND zone_code = {z};"
    watched = "deleted_at, zone_code" if "zone_code" in zone else "deleted_at"
    return [
        f"CREATE TRIGGER live_count_{table}_insert AFTER INSERT ON {table} BEGIN "
        + add.format(t=table, z=new, c="NEW.deleted_at IS NULL") + " END",
        f"CREATE TRIGGER live_count_{table}_delete AFTER DELETE ON {table} BEGIN "
        + take.format(t=table, z=old, c="OLD.deleted_at IS NULL") + " END",
        f"CREATE TRIGGER live_count_{table}_update AFTER UPDATE OF {watched} ON {table} BEGIN "
        + take.format(t=table, z=old, c="OLD.deleted_at IS NULL")
        + " " + add.format(t=table, z=new, c="NEW.deleted_at IS NULL") + " END",
    ]


def _postgresql(table, zone):
    old, new = zone.format(row="OLD"), zone.format(row="NEW")
    watched = "deleted_at, zone_code" if "zone_code" in zone else "deleted_at"
    return [
        f"""CREATE FUNCTION live_count_{table}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.deleted_at IS NULL THEN
    UPDATE live_count SET n = n - 1 WHERE table_name = '{table}' AND zone_code = {old};
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') AND NEW.deleted_at IS NULL THEN
    INSERT INTO live_count (table_name, zone_code, n) VALUES ('{table}', {new}, 1)
    ON CONFLICT (table_name, zone_code) DO UPDATE SET n = live_count.n + 1;
  END IF;
  RETURN NULL;
END $$""",
        f"CREATE TRIGGER live_count_{table} AFTER INSERT OR DELETE OR UPDATE OF {watched} "
        f"ON {table} FOR EACH ROW EXECUTE FUNCTION live_count_{table}()",
    ]


def upgrade():
    op.create_table(
        'live_count',
        sa.Column('table_name', sa.String(length=32), nullable=False),
        sa.Column('zone_code', sa.String(length=16), nullable=False),
        sa.Column('n', sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint('table_name', 'zone_code', name=op.f('pk_live_count')),
    )
    dialect = op.get_bind().dialect.name
    for table, zone in COUNTED.items():
        grouped = f" GROUP BY {zone.format(row=table)}" if "zone_code" in zone else ""
        op.execute(f"INSERT INTO live_count (table_name, zone_code, n) SELECT '{table}', "
                   f"{zone.format(row=table)}, count(*) FROM {table} "
                   f"WHERE deleted_at IS NULL{grouped}")
        for statement in (_postgresql if dialect == "postgresql" else _sqlite)(table, zone):
            op.execute(statement)


def downgrade():
    dialect = op.get_bind().dialect.name
    for table in COUNTED:
        if dialect == "postgresql":
            op.execute(f"DROP TRIGGER IF EXISTS live_count_{table} ON {table}")
            op.execute(f"DROP FUNCTION IF EXISTS live_count_{table}()")
        else:
            for event in ("insert", "delete", "update"):
                op.execute(f"DROP TRIGGER IF EXISTS live_count_{table}_{event}")
    op.drop_table('live_count')
