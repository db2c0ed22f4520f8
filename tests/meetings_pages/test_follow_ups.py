"""My follow-ups: overdue first and marked, a done button, and the team view for managers."""

import re
from datetime import timedelta

from crm import clock
from crm.extensions import db
from crm.interactions.models import FollowUp


def rows(html: str) -> list[str]:
    return re.findall(r'<tr class="follow-up[^"]*">.*?</tr>', html, re.S)


def test_my_follow_ups_overdue_first_and_marked(client, make_user, login, meeting):
    make_user("sam", "staff", zones=["jxetdz"])
    make_user("ola", "staff", zones=["jxetdz"])
    today = clock.today()
    meeting(subject="Visit to Bosch", zone="jxetdz", follow_ups=[
        {"title": "Due next week", "due_on": today + timedelta(days=7), "owner": "sam"},
        {"title": "Long overdue", "due_on": today - timedelta(days=30), "owner": "sam"},
        {"title": "Due today", "due_on": today, "owner": "sam"},
        {"title": "Overdue yesterday", "due_on": today - timedelta(days=1), "owner": "sam"},
        {"title": "Already done", "due_on": today - timedelta(days=3), "owner": "sam",
         "done": True},
        {"title": "Task of Ola", "due_on": today - timedelta(days=5), "owner": "ola"},
    ])
    login("sam")
    html = client.get("/follow-ups").get_data(as_text=True)
    found = rows(html)
    titles = [re.search(r"<td>([^<]+)</td>", row).group(1) for row in found]
    assert titles == ["Long overdue", "Overdue yesterday", "Due today", "Due next week"]
    overdue = ["overdue" in row.split(">")[0] for row in found]
    assert overdue == [True, True, False, False]
    assert all("Overdue" in row for row in found[:2]) and "Overdue" not in found[2]
    assert "Already done" not in html and "Task of Ola" not in html
    assert "Visit to Bosch" in html
    assert "(2 overdue)" in html  # the navigation counts them too


def test_done_button_closes_a_follow_up(client, make_user, login, meeting):
    make_user("sam", "staff", zones=["jxetdz"])
    record = meeting(zone="jxetdz", follow_ups=[
        {"title": "Send offer", "due_on": clock.today(), "owner": "sam"}])
    [item] = record.follow_ups
    login("sam")
    html = client.get("/follow-ups").get_data(as_text=True)
    form = re.search(rf'<form method="post" action="/follow-ups/{item.id}/done".*?</form>',
                     html, re.S).group(0)
    token = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)
    assert client.post(f"/follow-ups/{item.id}/done", data={"done": "1"}).status_code == 400
    response = client.post(f"/follow-ups/{item.id}/done",
                           data={"csrf_token": token, "done": "1", "next": "/follow-ups"})
    assert response.status_code == 302 and response.headers["Location"] == "/follow-ups"
    db.session.expire_all()
    assert db.session.get(FollowUp, item.id).done is True
    html = client.get("/follow-ups").get_data(as_text=True)
    assert rows(html) == [] and "No open follow-ups." in html
    # an outside "next" is not followed
    response = client.post(f"/follow-ups/{item.id}/done",
                           data={"csrf_token": token, "done": "0", "next": "//evil.example"})
    assert response.headers["Location"] == "/follow-ups"
    db.session.expire_all()
    assert db.session.get(FollowUp, item.id).done is False


def test_team_view_for_managers(client, make_user, login, switch_to, meeting):
    make_user("mia", "manager")
    make_user("sam", "staff", zones=["jxetdz"])
    make_user("pat", "partner")
    meeting(zone="jxetdz", follow_ups=[
        {"title": "Task of Sam", "due_on": clock.today(), "owner": "sam"},
        {"title": "Unowned task", "due_on": clock.today()}])
    meeting(zone="jsetdz", follow_ups=[
        {"title": "Jiashan task", "due_on": clock.today(), "owner": "mia"}])
    login("mia")
    html = client.get("/follow-ups").get_data(as_text=True)
    assert "Jiashan task" in html and "Task of Sam" not in html
    html = client.get("/follow-ups?team=1").get_data(as_text=True)
    assert "Task of Sam" in html and "Jiashan task" in html and "Unowned task" in html
    assert ">sam<" in html and "Nobody" in html  # the owner column
    switch_to("sam")
    html = client.get("/follow-ups?team=1").get_data(as_text=True)
    assert "Task of Sam" in html and "Jiashan task" not in html  # the team of their zone
    switch_to("pat")
    assert client.get("/follow-ups").status_code == 403


def test_someone_else_cannot_close_a_hidden_follow_up(client, make_user, login, meeting):
    make_user("sam", "staff", zones=["jxetdz"])
    record = meeting(zone="jsetdz", follow_ups=[
        {"title": "Jiashan task", "due_on": clock.today()}])
    [item] = record.follow_ups
    login("sam")
    token = re.search(r'name="csrf_token" value="([^"]+)"',
                      client.get("/follow-ups").get_data(as_text=True)).group(1)
    response = client.post(f"/follow-ups/{item.id}/done", data={"csrf_token": token})
    assert response.status_code == 404


def test_a_long_team_list_is_counted_up_to_a_bound(client, make_user, login, meeting,
                                                   monkeypatch):
    """Every open follow-up of a team can be hundreds of thousands: the page counts them up to
    a bound (at least ten pages past the one shown) and says 'more than', with a next page."""
    from crm import pages
    from crm.interactions import routes
    monkeypatch.setattr(routes, "TEAM_COUNTED", 2)
    monkeypatch.setattr(pages, "PER_PAGE", 4)  # bound: max(2, 0 + 10 × 4) = 40
    make_user("mia", "manager")
    meeting(zone="jxetdz", follow_ups=[
        {"title": f"Task {n:02d}", "due_on": clock.today()} for n in range(45)])
    login("mia")
    html = client.get("/follow-ups?team=1").get_data(as_text=True)
    assert "1–4 of more than 40" in html and 'rel="next"' in html
    assert ">10</a>" not in html  # the counted end is not offered as the last page
    html = client.get("/follow-ups?team=1&page=12").get_data(as_text=True)
    assert "45–45 of 45" in html and 'rel="next"' not in html  # the end: counted whole
    html = client.get("/follow-ups").get_data(as_text=True)  # one's own: counted whole
    assert "of more than" not in html
