"""PostgreSQL: a transaction that wrote nothing ends with COMMIT (crm/postgres.py), so that
psycopg keeps the statements it prepared; one that wrote is rolled back as ever; and each
request runs its statements on the connections that prepared them (the pool: crm/__init__.py)."""

import pytest

from crm.extensions import db
from tests import factories


@pytest.fixture
def postgres(app):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL only")
    return app


def _prepared(connection) -> list[str]:
    return connection.exec_driver_sql(
        "SELECT statement FROM pg_prepared_statements").scalars().all()


def test_statements_stay_prepared_after_reading_transactions(postgres):
    with db.engine.connect() as connection:
        for _ in range(7):  # psycopg prepares a statement on its sixth run
            connection.exec_driver_sql("SELECT count(*) FROM zone WHERE code <> 'x'").all()
            connection.rollback()  # as a request's end: the session closes, the pool resets
        assert any("FROM zone WHERE code <> 'x'" in s for s in _prepared(connection))


def test_a_transaction_that_wrote_is_still_rolled_back(postgres):
    factories.boss()
    db.session.commit()
    with db.engine.connect() as connection:
        connection.exec_driver_sql("UPDATE \"user\" SET display_name = 'changed'")
        connection.rollback()
        assert "changed" not in connection.exec_driver_sql(
            "SELECT display_name FROM \"user\"").scalars().all()
        connection.rollback()


def test_each_request_runs_its_statements_on_the_same_connections(client, api):
    """An API request holds two connections at once (its session's, and its rate count's:
    crm/auth/limits.py); the pool hands each back to the same part at the next request (last
    in, first out), so that a statement runs where it was prepared. Any database."""
    from sqlalchemy import event

    admin = api("admin", "admin")
    used: list[list[int]] = []

    def checkout(dbapi_connection, _record, _proxy):
        used[-1].append(id(dbapi_connection))

    event.listen(db.engine, "checkout", checkout)
    try:
        for _ in range(4):
            used.append([])
            db.session.remove()  # as a request ends
            assert admin.get("/api/v1/zones").status_code == 200
    finally:
        event.remove(db.engine, "checkout", checkout)
    assert len(set(used[-1])) == 2 and used[1:] == [used[1]] * 3, used
