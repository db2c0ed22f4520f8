"""Migration 0006c: the calendar addresses kept in clear are reset, not carried over."""

from datetime import UTC, datetime

import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from crm.extensions import db


def test_clear_calendar_tokens_are_dropped_and_users_kept(app):
    db.session.remove()
    downgrade(revision="0005")
    try:
        now = datetime.now(UTC)
        with db.engine.begin() as connection:
            user = sa.Table("user", sa.MetaData(), autoload_with=connection)
            connection.execute(sa.insert(user).values(
                username="sam", display_name="", email="", role="staff", locale="en",
                password_hash="", active=True, session_version=1, version=1, created_at=now,
                updated_at=now, calendar_token="a-secret-that-sat-in-clear"))
    finally:
        upgrade()
    with db.engine.connect() as connection:
        columns = {c["name"] for c in sa.inspect(connection).get_columns("user")}
        assert "calendar_token" not in columns
        assert connection.execute(sa.text('SELECT username FROM "user"')).scalars().all() == [
            "sam"]
        assert connection.execute(sa.text("SELECT count(*) FROM calendar_feed")).scalar() == 0
