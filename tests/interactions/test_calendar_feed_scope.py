"""The calendar feed shows what the meetings list shows, its address is kept only as a hash,
it is revoked when the user's role, zones, password or activity change, and partners get
none (issue 14)."""

import hashlib
from datetime import date

import pytest
import sqlalchemy as sa
from icalendar import Calendar

from crm.auth.models import CalendarFeed, User
from crm.extensions import db
from tests import factories
from tests.factories import PASSWORD


def path_of(url: str) -> str:
    return "/" + url.split("//", 1)[1].split("/", 1)[1]


def secret_of(url: str) -> str:
    return url.rsplit("/", 1)[1].removesuffix(".ics")


@pytest.fixture
def sam(app, api):
    """Staff of jxetdz, at a meeting in their zone and one in another, each with notes and a
    follow-up of theirs; with the API client of each."""
    factories.user("sam", "staff", zones=["jxetdz"])
    boss = factories.boss()
    for zone in ("jxetdz", "jsetdz"):
        factories.meeting(boss, zone=zone, subject=f"Visit in {zone}",
                          notes=f"Confidential terms of {zone}", attendees=["sam"],
                          follow_ups=[{"title": f"Offer for {zone}", "due_on": date(2026, 5, 1),
                                       "owner": "sam"}])
    return {"sam": api("sam", None), "admin": api("admin")}


def feed_of(client, url) -> str:
    response = client.get(path_of(url))
    assert response.status_code == 200
    return response.get_data(as_text=True)


def summaries(text: str) -> set[str]:
    calendar = Calendar.from_ical(text)
    return {str(c["SUMMARY"]) for c in calendar.walk("VEVENT") + calendar.walk("VTODO")}


def test_the_feed_holds_only_the_meetings_the_user_may_see(client, sam):
    url = sam["sam"].get("/api/v1/me/calendar").get_json()["url"]
    text = feed_of(client, url)
    assert summaries(text) == {"Visit in jxetdz", "Offer for jxetdz"}
    assert "Confidential terms of jsetdz" not in text
    # the meetings list agrees
    listed = sam["sam"].get("/api/v1/interactions").get_json()["items"]
    assert {m["subject"] for m in listed} == {"Visit in jxetdz"}


def test_moved_to_another_zone_the_old_address_ends_and_the_new_shows_the_new_zone(
        client, sam):
    old = sam["sam"].get("/api/v1/me/calendar").get_json()["url"]
    sam_id = factories.find_user("sam").id
    moved = sam["admin"].patch(f"/api/v1/users/{sam_id}", json={"zones": ["jsetdz"]})
    assert moved.status_code == 200
    assert client.get(path_of(old)).status_code == 404
    new = sam["sam"].get("/api/v1/me/calendar").get_json()["url"]
    assert new != old
    text = feed_of(client, new)
    assert summaries(text) == {"Visit in jsetdz", "Offer for jsetdz"}
    assert "Confidential terms of jxetdz" not in text


@pytest.mark.parametrize("change, revoked", [
    ({"role": "manager"}, True),
    ({"zones": ["jxetdz", "jxip"]}, True),
    ({"password": "another-long-password"}, True),
    ({"active": False}, True),
    ({"zones": ["jxetdz"]}, False),  # the same zones
    ({"display_name": "Sam Li", "locale": "zh", "email": "sam@example.com"}, False),
])
def test_the_address_is_revoked_when_role_zones_password_or_activity_change(
        client, sam, change, revoked):
    url = sam["sam"].get("/api/v1/me/calendar").get_json()["url"]
    sam_id = factories.find_user("sam").id
    assert sam["admin"].patch(f"/api/v1/users/{sam_id}", json=change).status_code == 200
    assert client.get(path_of(url)).status_code == (404 if revoked else 200)


def test_the_same_through_the_users_page(client, sam, login):
    from tests.conftest import csrf_from

    url = sam["sam"].get("/api/v1/me/calendar").get_json()["url"]
    sam_user = factories.find_user("sam")
    login("admin")
    page = client.get(f"/admin/users/{sam_user.id}/edit").get_data(as_text=True)
    saved = client.post(f"/admin/users/{sam_user.id}/edit", data={
        "csrf_token": csrf_from(page), "version": str(sam_user.version), "role": "staff",
        "zones": ["jsetdz"], "locale": "en", "display_name": "", "email": "", "active": "y"})
    assert saved.status_code == 302, saved.get_data(as_text=True)
    assert client.get(path_of(url)).status_code == 404


def test_only_a_hash_of_the_secret_is_stored(client, sam):
    url = sam["sam"].get("/api/v1/me/calendar").get_json()["url"]
    secret = secret_of(url)
    feed = db.session.scalar(sa.select(CalendarFeed))
    assert feed.token_hash == hashlib.sha256(secret.encode()).hexdigest()
    with db.engine.connect() as connection:
        for table in ("calendar_feed", "user"):
            for row in connection.execute(sa.text(f'SELECT * FROM "{table}"')):
                assert all(secret not in str(value) for value in row), table
    # the page shows the same address again, and it works
    assert sam["sam"].get("/api/v1/me/calendar").get_json()["url"] == url
    assert client.get(path_of(url)).status_code == 200


def test_partners_get_no_feed(client, sam, api, login):
    acme = factories.company("Acme GmbH")
    factories.user("pat", "partner", company_ids=[acme.id])
    partner = api("pat", None)
    assert partner.get("/api/v1/me/calendar").status_code == 403
    assert partner.post("/api/v1/me/calendar/reset").status_code == 403
    assert db.session.scalar(sa.select(sa.func.count()).select_from(CalendarFeed)) == 0
    login("pat")
    assert client.get("/me/calendar").status_code == 403
    assert 'href="/me/calendar"' not in client.get("/partner").get_data(as_text=True)


def test_a_feed_made_before_the_user_became_a_partner_serves_nothing(client, sam):
    url = sam["sam"].get("/api/v1/me/calendar").get_json()["url"]
    # a role changed outside the users' service (a script): the feed itself still refuses
    db.session.execute(sa.update(User).where(User.username == "sam").values(role="partner"))
    db.session.commit()
    assert client.get(path_of(url)).status_code == 404


def test_a_changed_secret_key_gives_a_new_working_address(app, client, sam, monkeypatch):
    url = sam["sam"].get("/api/v1/me/calendar").get_json()["url"]
    monkeypatch.setitem(app.config, "SECRET_KEY", "another-secret-key-for-this-test")
    new = sam["sam"].get("/api/v1/me/calendar").get_json()["url"]
    assert new != url
    assert client.get(path_of(new)).status_code == 200
    assert client.get(path_of(url)).status_code == 404
    assert PASSWORD  # the users' password, unchanged
