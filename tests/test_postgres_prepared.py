"""PostgreSQL: a transaction that wrote nothing ends with COMMIT (crm/postgres.py), so that
psycopg keeps the statements it prepared; one that wrote is rolled back as ever."""

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
