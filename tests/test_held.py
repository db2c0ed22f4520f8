"""What a request reads once and keeps (``crm.db.held``): the zones, and the overdue count
that the signed-in user's own statement selects beside them (``RowUser``: the access table's
SQL for whoever the row is). Kept until the session writes, then read again."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from crm import clock
from crm.auth.models import User
from crm.extensions import db
from crm.interactions.models import FollowUp
from crm.interactions.services import overdue_count, overdue_packed
from crm.zones.models import Zone
from crm.zones.services import zones
from tests import factories


@pytest.fixture
def sam_overdue(app, meeting):
    """Sam (staff) owns two overdue follow-ups, on meetings in two zones, of which only
    jxetdz is still Sam's (jsetdz is Ola's); one more is done, one not yet due."""
    sam = factories.user("sam", "staff", zones=["jxetdz", "jsetdz"])
    factories.user("ola", "staff", zones=["jsetdz"])
    today = clock.today()
    meeting(subject="In my zone", zone="jxetdz", follow_ups=[
        {"title": "Late", "due_on": today - timedelta(days=2), "owner": "sam"},
        {"title": "Done", "due_on": today - timedelta(days=2), "owner": "sam", "done": True},
        {"title": "Soon", "due_on": today + timedelta(days=2), "owner": "sam"}])
    meeting(subject="Elsewhere", zone="jsetdz", follow_ups=[
        {"title": "Late too", "due_on": today - timedelta(days=9), "owner": "sam"}])
    sam.zones = [db.session.get(Zone, "jxetdz")]
    db.session.commit()
    return sam.id


@pytest.mark.parametrize(("role", "expected"), [
    ("staff", 1), ("manager", 2), ("admin", 2), ("partner", 0)])
def test_the_overdue_count_selected_with_the_user_is_the_count_of_its_own(
        sam_overdue, role, expected):
    sam = db.session.get(User, sam_overdue)
    sam.role = role
    db.session.commit()
    db.session.remove()
    sam = db.session.get(User, sam_overdue)
    own = overdue_count(sam)  # its own statement, the user's zones from Python
    db.session.remove()
    packed = db.session.scalar(sa.select(overdue_packed()).where(User.id == sam_overdue))
    assert (own, packed) == (expected, expected)


def test_the_navigation_counts_the_overdue_of_the_users_zones(client, login, sam_overdue):
    login("sam")
    html = client.get("/follow-ups").get_data(as_text=True)
    assert "(1 overdue)" in html


def test_what_a_request_held_is_read_again_after_a_write(app, sam_overdue):
    sam = db.session.get(User, sam_overdue)
    assert overdue_count(sam) == 1
    assert "jxetdz" in [z.code for z in zones()]
    seen = []

    def count(*_args):
        seen.append(1)

    sa.event.listen(db.engine, "before_cursor_execute", count)
    try:
        assert overdue_count(sam) == 1 and len(zones()) == len(zones())
        assert seen == []  # held: no statement
        late = db.session.scalar(sa.select(FollowUp).where(FollowUp.title == "Late"))
        late.done = True
        db.session.add(Zone(code="newzone", name_zh="新区", name_en="New Zone", level="provincial",
                            position=99))
        db.session.flush()
        assert overdue_count(sam) == 0
        assert zones()[-1].code == "newzone"
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", count)
        db.session.rollback()


def test_a_staff_members_zones_come_with_their_own_statement(client, login, token_for):
    """The user's statement (a page's, an API token's) joins their zones: no statement of
    their own, all of them (a joined collection is read from every row)."""
    from crm.auth.session import load_user

    sam = factories.user("sam", "staff", zones=["jxetdz", "jsetdz", "phetdz"])
    session_id = sam.get_id()
    db.session.commit()
    db.session.remove()
    assert sorted(load_user(session_id).zone_codes) == ["jsetdz", "jxetdz", "phetdz"]
    db.session.remove()
    login("sam")
    headers = {"Authorization": f"Bearer {token_for('sam')}"}
    seen = []

    def record(_conn, _cursor, statement, *_args):
        seen.append(statement)

    sa.event.listen(db.engine, "before_cursor_execute", record)
    try:
        for url in ("/", "/projects", "/api/v1/projects"):
            db.session.remove()
            seen.clear()
            response = client.get(url, headers=headers if url.startswith("/api/") else {})
            assert response.status_code == 200, url
            assert "user_zone" in seen[0], url  # with the user's own statement
            assert not any("user_zone" in statement for statement in seen[1:]), url
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", record)


def test_what_a_transaction_held_ends_with_it(app, sam_overdue):
    """A commit or a rollback expires the records held: they are read again, at once."""
    seen = []

    def count(*_args):
        seen.append(1)

    for end in (db.session.rollback, db.session.commit):
        assert zones()
        end()
        seen.clear()
        sa.event.listen(db.engine, "before_cursor_execute", count)
        try:
            assert [z.name_en for z in zones()]
        finally:
            sa.event.remove(db.engine, "before_cursor_execute", count)
        assert len(seen) == 1, end  # one statement, not one an expired zone
