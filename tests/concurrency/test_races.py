"""Writes racing each other on one record, through gunicorn (processes and threads) on the
test's database, SQLite or PostgreSQL: every request ends 200, 409 or 422 (a page: 302 or
409), never 500, and what was written stays whole."""

from datetime import date

import pytest

from tests import factories
from tests.conftest import csrf_from

from .conftest import form, outcomes

MOVES = {
    "projects": ["contacted", "negotiating", "on_hold", "lost", "contacted", "on_hold", "lost",
                 "negotiating", "contacted", "on_hold"],
    "talents": ["contacted", "negotiating", "landed", "lost", "contacted", "landed", "lost",
                "negotiating", "contacted", "landed"],
}


def errors_logged(server) -> list[str]:
    return [line for line in server.log.splitlines() if "Error" in line][-5:]


@pytest.mark.parametrize("kind", ["projects", "talents"])
def test_ten_parallel_stage_moves_keep_one_chain(server, bearer, kind):
    boss = factories.boss()
    record = factories.lead_project(**factories.ready_for("negotiating", boss)) \
        if kind == "projects" else factories.talent()
    headers = bearer(boss.username)
    url = f"/api/v1/{kind}/{record.id}"
    results = server.at_once([("POST", f"{url}/stage", {"stage": stage, "reason": "elsewhere"},
                               headers) for stage in MOVES[kind]])
    statuses = outcomes(results)
    assert set(statuses) <= {200, 409, 422}, (statuses, errors_logged(server))
    assert 200 in statuses
    assert {body["error"]["code"] for status, body, _h in results if status == 409} <= {
        "conflict"}
    now = server.request("GET", url, headers=headers)[1]
    history = server.request("GET", f"{url}/history", headers=headers)[1]
    start = "lead" if kind == "projects" else "identified"
    assert [h["from"] for h in history] == [start] + [h["to"] for h in history[:-1]]
    assert history[-1]["to"] == now["stage"]
    assert len(history) == statuses.count(200) == now["version"] - record.version


def meeting_with_tasks(boss, n: int = 1):
    return factories.meeting(boss, zone="jxetdz", follow_ups=[
        {"title": f"Task {i}", "due_on": date(2026, 4, 1), "owner": boss.username}
        for i in range(n)])


# each kind of record that people edit: how to make one, and the field an edit changes
EDITED = {
    "projects": (lambda boss: factories.lead_project(), "name_en"),
    "companies": (lambda boss: factories.company(), "name_en"),
    "talents": (lambda boss: factories.talent(), "name"),
    "interactions": (meeting_with_tasks, "subject"),
    "parks": (lambda boss: factories.park(name_en="Park", name_zh="园区"), "name_en"),
}


@pytest.mark.parametrize("kind", sorted(EDITED))
def test_ten_parallel_edits_of_one_version_one_wins_the_rest_409(server, bearer, kind):
    boss = factories.boss()
    make, field = EDITED[kind]
    record = make(boss)
    headers = bearer(boss.username)
    url = f"/api/v1/{kind}/{record.id}"
    results = server.at_once([
        ("PATCH", url, {"version": record.version, field: f"Name {i}"}, headers)
        for i in range(10)])
    statuses = outcomes(results)
    assert sorted(statuses) == [200] + [409] * 9, (statuses, errors_logged(server))
    winner = next(body for status, body, _h in results if status == 200)
    assert server.request("GET", url, headers=headers)[1] == winner
    assert winner["version"] == record.version + 1


def test_parallel_verifications_and_edits(server, bearer):
    boss = factories.boss()
    record = factories.registered_project()
    headers = bearer(boss.username)
    url = f"/api/v1/projects/{record.id}"
    calls = [("POST", f"{url}/verify", {"note": f"licence {i}"}, headers) for i in range(6)]
    calls += [("PATCH", url, {"version": record.version, "notes": f"edit {i}"}, headers)
              for i in range(4)]
    statuses = outcomes(server.at_once(calls))
    assert set(statuses) <= {200, 409}, (statuses, errors_logged(server))
    now = server.request("GET", url, headers=headers)[1]
    assert now["version"] == record.version + statuses.count(200)


def test_follow_up_toggles_and_meeting_edits_on_pages(server, signed_in, bearer):
    """Officers tick a meeting's follow-ups while its form is saved: each toggle and save
    ends saved (302) or with the conflict page (409); the meeting's version counts the saves,
    so an edit made from an older read cannot undo a toggle unseen."""
    boss = factories.boss()
    meeting = meeting_with_tasks(boss, 4)
    page = signed_in(boss.username)
    token = csrf_from(server.request("GET", "/follow-ups", headers=page)[1])
    calls = [("POST", f"/follow-ups/{task.id}/done", *form(page, csrf_token=token, done="1"))
             for task in meeting.follow_ups]
    api = bearer(boss.username)
    calls += [("PATCH", f"/api/v1/interactions/{meeting.id}",
               {"version": meeting.version, "subject": f"Edit {i}"}, api) for i in range(4)]
    statuses = outcomes(server.at_once(calls))
    assert set(statuses[:4]) <= {302, 409} and set(statuses[4:]) <= {200, 409}, (
        statuses, errors_logged(server))
    now = server.request("GET", f"/api/v1/interactions/{meeting.id}", headers=api)[1]
    saved = statuses.count(302) + statuses.count(200)
    assert now["version"] == meeting.version + saved
    assert sum(f["done"] for f in now["follow_ups"]) == statuses[:4].count(302)


def test_parallel_saves_of_an_edit_page_keep_each_users_input(server, signed_in):
    boss = factories.boss()
    acme = factories.company("Acme GmbH", industry="high_end_equipment")
    page = signed_in(boss.username)
    url = f"/companies/{acme.id}/edit"
    token = csrf_from(server.request("GET", url, headers=page)[1])
    fields = {"csrf_token": token, "version": str(acme.version), "name_zh": "",
              "country": "DE", "industry": "high_end_equipment", "website": "", "phone": "",
              "parent_id": "", "notes": ""}
    results = server.at_once([("POST", url, *form(page, **fields, name_en=f"Acme {i} AG"))
                              for i in range(10)])
    statuses = outcomes(results)
    assert sorted(statuses) == [302] + [409] * 9, (statuses, errors_logged(server))
    for i, (status, html, _headers) in enumerate(results):
        if status == 409:
            assert "Someone else changed this company" in html
            assert f'value="Acme {i} AG"' in html  # what this user typed, kept


def test_ten_parallel_creates_of_one_user_name(server, bearer):
    """The name is checked before the INSERT, so the losers of the race meet the unique key
    instead: a conflict (409), or the name's 422 when the winner was already saved."""
    boss = factories.boss()
    headers = bearer(boss.username)
    body = {"username": "twin", "password": "long-enough-password", "role": "staff"}
    statuses = outcomes(server.at_once([("POST", "/api/v1/users", body, headers)] * 10))
    assert statuses.count(201) == 1 and set(statuses) <= {201, 409, 422}, (
        statuses, errors_logged(server))
