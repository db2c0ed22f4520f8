"""PostgreSQL: the live counts of an INSERT as one statement trigger (issue 15's import)

The row trigger of 0006k upserted ``live_count`` once a new row: an import's 500-row INSERT
took 9.5 ms in it (EXPLAIN ANALYZE). An INSERT now adds its rows per zone in one upsert over
its transition table; deletes and updates (a zone changed, the bin) stay row by row. SQLite
keeps its row triggers (it has no statement triggers).

Revision ID: 0008j
Revises: 0008i
Create Date: 2026-12-03 11:00:00.000000

"""
from alembic import op


revision = '0008j'
down_revision = '0008i'
branch_labels = None
depends_on = None

# as 0006k: table → the SQL of a row's zone, with {row} for the row
COUNTED = {"project": "{row}.zone_code", "interaction": "COALESCE({row}.zone_code, '')",
           "company": "''"}


def _watched(zone):
    return "deleted_at, zone_code" if "zone_code" in zone else "deleted_at"


def upgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, zone in COUNTED.items():
        op.execute(f"DROP TRIGGER live_count_{table} ON {table}")
        op.execute(f"CREATE TRIGGER live_count_{table} AFTER DELETE OR UPDATE OF "
                   f"{_watched(zone)} ON {table} FOR EACH ROW EXECUTE FUNCTION "
                   f"live_count_{table}()")
        op.execute(f"""CREATE FUNCTION live_count_{table}_insert() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO live_count (table_name, zone_code, n)
  SELECT '{table}', {zone.format(row='inserted')}, count(*) FROM inserted
  WHERE inserted.deleted_at IS NULL GROUP BY 2
  ON CONFLICT (table_name, zone_code) DO UPDATE SET n = live_count.n + excluded.n;
  RETURN NULL;
END $$""")
        op.execute(f"CREATE TRIGGER live_count_{table}_insert AFTER INSERT ON {table} "
                   f"REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT "
                   f"EXECUTE FUNCTION live_count_{table}_insert()")


def downgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, zone in COUNTED.items():
        op.execute(f"DROP TRIGGER live_count_{table}_insert ON {table}")
        op.execute(f"DROP FUNCTION live_count_{table}_insert()")
        op.execute(f"DROP TRIGGER live_count_{table} ON {table}")
        op.execute(f"CREATE TRIGGER live_count_{table} AFTER INSERT OR DELETE OR UPDATE OF "
                   f"{_watched(zone)} ON {table} FOR EACH ROW EXECUTE FUNCTION "
                   f"live_count_{table}()")
