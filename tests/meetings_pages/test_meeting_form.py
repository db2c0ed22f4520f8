"""Logging a meeting through the form, and seeing it on every record it links to."""

import re
from datetime import date

from crm.extensions import db
from crm.interactions.models import Interaction
from tests import factories


def selected(html: str, name: str) -> list[str]:
    select = re.search(rf'<select[^>]*name="{name}".*?</select>', html, re.S).group(0)
    return re.findall(r'<option selected value="([^"]*)"', select)


def form_data(token, **extra):
    data = {"csrf_token": token, "kind": "visit", "occurred_on": "2026-03-02",
            "subject": "Factory tour in Stuttgart", "location": "Stuttgart", "country": "DE",
            "zone": "", "notes": "They want 80 mu.", "attendees": ["sam"]}
    for index in range(3):  # the three empty rows a new form has
        data |= {f"follow_ups-{index}-title": "", f"follow_ups-{index}-due_on": "",
                 f"follow_ups-{index}-owner": ""}
    data.update(extra)
    return data


def test_log_a_meeting_linked_to_company_project_and_talent(
        client, make_user, login, company, project, talent, token):
    make_user("sam", "staff", zones=["jxetdz"])
    bosch = company(name_en="Bosch GmbH")
    plant = project(bosch, name_en="Battery plant")
    anna = talent(name="Anna Schmidt")
    login("sam")
    page = client.get(f"/meetings/new?project_id={plant.id}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    # pre-filled from the project: the project and its company are picked
    assert selected(html, "project_ids") == [str(plant.id)]
    assert selected(html, "company_ids") == [str(bosch.id)]
    assert html.count('name="follow_ups-') >= 3 * 4  # three empty rows of four inputs
    response = client.post("/meetings/new", data=form_data(
        token(), company_ids=[str(bosch.id)], project_ids=[str(plant.id)],
        talent_ids=[str(anna.id)],
        **{"follow_ups-0-title": "Send the land offer", "follow_ups-0-due_on": "2026-03-20",
           "follow_ups-0-owner": "sam"}))
    assert response.status_code == 302, response.get_data(as_text=True)
    record = db.session.scalar(db.select(Interaction))
    assert response.headers["Location"].endswith(f"/meetings/{record.id}")
    assert record.zone_code == "jxetdz" and record.logged_by.username == "sam"
    assert [f.title for f in record.follow_ups] == ["Send the land offer"]  # empty rows ignored
    html = client.get(f"/meetings/{record.id}").get_data(as_text=True)
    assert "Factory tour in Stuttgart" in html and "Send the land offer" in html
    assert "Bosch GmbH" in html and "Battery plant" in html and "Anna Schmidt" in html
    for url in (f"/companies/{bosch.id}", f"/projects/{plant.id}", f"/talents/{anna.id}"):
        html = client.get(url).get_data(as_text=True)
        assert "Factory tour in Stuttgart" in html, url
        assert f'href="/meetings/{record.id}"' in html, url
        assert "/meetings/new?" in html, url  # "Log a meeting" pre-filling the record


def test_project_timeline_mixes_meetings_and_stage_changes_newest_first(
        client, make_user, login, company, project, meeting):
    make_user("sam", "staff", zones=["jxetdz"])
    plant = factories.move(project(company()), "contacted", note="First call")
    meeting(subject="Old lunch", occurred_on=date(2020, 1, 5), project_ids=[plant.id])
    meeting(subject="Future visit", occurred_on=date(2099, 1, 5), project_ids=[plant.id])
    login("sam")
    html = client.get(f"/projects/{plant.id}").get_data(as_text=True)
    section = html[html.index('id="meetings"'):]
    future, stage, old = (section.index(s) for s in ("Future visit", "First call", "Old lunch"))
    assert future < stage < old
    assert "No meetings are linked" not in html


def test_required_fields_and_a_follow_up_without_a_date(client, make_user, login, token):
    make_user("sam", "staff", zones=["jxetdz"])
    login("sam")
    response = client.post("/meetings/new", data=form_data(
        token(), subject="", **{"follow_ups-1-title": "Call back"}))
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "This field is required." in html and "Give the due date." in html
    assert 'value="Call back"' in html and 'value="Stuttgart"' in html
    assert db.session.scalar(db.select(db.func.count()).select_from(Interaction)) == 0


def test_edit_meeting_updates_and_removes_follow_ups(
        client, make_user, login, company, meeting, token):
    sam = make_user("sam", "staff", zones=["jxetdz"])
    bosch = company()
    record = meeting(company_ids=[bosch.id], zone="jxetdz", follow_ups=[
        {"title": "Send offer", "due_on": date(2026, 3, 9), "owner": "sam"},
        {"title": "Book hotel", "due_on": date(2026, 3, 10)}])
    first, second = record.follow_ups
    login("sam")
    page = client.get(f"/meetings/{record.id}/edit").get_data(as_text=True)
    assert 'value="Send offer"' in page and 'value="Book hotel"' in page
    assert page.count('name="follow_ups-') >= 5 * 5  # two rows plus three empty ones
    data = form_data(token(f"/meetings/{record.id}/edit"), subject="Site visit, revised",
                     company_ids=[str(bosch.id)], zone="jxetdz", version=str(record.version))
    data |= {"follow_ups-0-id": str(first.id), "follow_ups-0-title": "Send the offer",
             "follow_ups-0-due_on": "2026-03-09", "follow_ups-0-owner": "sam",
             "follow_ups-0-done": "y",
             "follow_ups-1-id": str(second.id), "follow_ups-1-title": "",  # removed
             "follow_ups-1-due_on": "2026-03-10", "follow_ups-1-owner": "",
             "follow_ups-2-title": "Invite to the fair", "follow_ups-2-due_on": "2026-04-01",
             "follow_ups-2-owner": "sam"}
    response = client.post(f"/meetings/{record.id}/edit", data=data)
    assert response.status_code == 302, response.get_data(as_text=True)
    db.session.expire_all()
    record = db.session.get(Interaction, record.id)
    assert record.subject == "Site visit, revised"
    assert [(f.title, f.done, f.owner_id) for f in record.follow_ups] == [
        ("Send the offer", True, sam.id), ("Invite to the fair", False, sam.id)]
    # the same version again is stale: the input stays, with a 409
    response = client.post(f"/meetings/{record.id}/edit", data=data | {"subject": "Mine"})
    assert response.status_code == 409
    assert "Someone else changed this meeting" in response.get_data(as_text=True)
    assert 'value="Mine"' in response.get_data(as_text=True)


def test_meeting_list_filters_and_delete(client, make_user, login, meeting, token):
    make_user("sam", "staff", zones=["jxetdz"])
    meeting(subject="Call with Siemens", kind="call", zone="jxetdz",
            occurred_on=date(2026, 1, 10))
    visit = meeting(subject="Visit to Bosch", kind="visit", zone="jxetdz",
                    location="Stuttgart", occurred_on=date(2026, 2, 10))
    meeting(subject="Hidden in Jiashan", zone="jsetdz")
    login("sam")
    html = client.get("/meetings").get_data(as_text=True)
    assert "Call with Siemens" in html and "Visit to Bosch" in html
    assert "Hidden in Jiashan" not in html
    html = client.get("/meetings?kind=visit").get_data(as_text=True)
    assert "Visit to Bosch" in html and "Call with Siemens" not in html
    html = client.get("/meetings?since=2026-02-01&until=2026-02-28").get_data(as_text=True)
    assert "Visit to Bosch" in html and "Call with Siemens" not in html
    html = client.get("/meetings?q=stuttgart").get_data(as_text=True)
    assert "Visit to Bosch" in html and "Call with Siemens" not in html
    html = client.get(f"/meetings/{visit.id}").get_data(as_text=True)
    assert 'data-confirm="Delete this meeting and its follow-ups?"' in html
    assert client.post(f"/meetings/{visit.id}/delete").status_code == 400  # no CSRF token
    response = client.post(f"/meetings/{visit.id}/delete", data={"csrf_token": token()},
                           follow_redirects=True)
    assert "The meeting was deleted." in response.get_data(as_text=True)
    assert client.get(f"/meetings/{visit.id}").status_code == 404
