"""A project's milestones on its page: the timeline (planned against actual, late ones marked)
and the one form for all seven, checked as the API checks them."""

import re
from datetime import date, timedelta

from crm.clock import today
from crm.codes import MilestoneCode
from crm.extensions import db
from crm.projects.models import Project
from tests import factories
from tests.conftest import csrf_from


def form_data(page: str, **days) -> dict:
    data = {f"{code}_{part}": "" for code in MilestoneCode.codes()
            for part in ("planned_on", "actual_on")}
    data["csrf_token"] = csrf_from(page)
    data["version"] = re.search(r'name="version"[^>]*value="(\d+)"', page).group(1)
    return data | {name: day.isoformat() for name, day in days.items()}


def milestone_item(html: str, code: str) -> str:
    return re.search(rf'<li class="[^"]*" data-milestone="{code}">.*?</li>', html, re.S).group(0)


def test_set_by_hand_shown_and_late_marked(client, make_user, login):
    make_user("sam", "staff", zones=["jxetdz"])
    project = factories.lead_project(zone="jxetdz")
    login("sam")
    url = f"/projects/{project.id}/milestones"
    page = client.get(url).get_data(as_text=True)
    past = today() - timedelta(days=10)
    response = client.post(url, data=form_data(
        page, land_planned_on=past, construction_planned_on=past,
        construction_actual_on=past - timedelta(days=1),
        operation_planned_on=today() + timedelta(days=30)), follow_redirects=True)
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "The milestones were saved." in html
    # land: planned and passed, no actual day: late; construction happened; operation to come
    assert "Late" in milestone_item(html, "land") and "late" in milestone_item(html, "land")
    assert "Late" not in milestone_item(html, "construction")
    assert "Late" not in milestone_item(html, "operation")
    saved = db.session.get(Project, project.id)
    assert saved.milestone("construction").actual_on == past - timedelta(days=1)


def test_the_form_refuses_a_future_actual_day(client, make_user, login):
    make_user("sam", "staff", zones=["jxetdz"])
    project = factories.lead_project(zone="jxetdz")
    login("sam")
    url = f"/projects/{project.id}/milestones"
    page = client.get(url).get_data(as_text=True)
    response = client.post(url, data=form_data(
        page, land_planned_on=date(2025, 1, 1), land_actual_on=today() + timedelta(days=1)))
    assert response.status_code == 422
    assert "An actual date cannot be in the future" in response.get_data(as_text=True)
    assert db.session.get(Project, project.id).milestone_rows == []


def test_a_move_sets_its_milestone_on_the_page(client, make_user, login):
    make_user("sam", "staff", zones=["jxetdz"])
    project = factories.registered_project(zone="jxetdz")
    factories.move(project, "construction")
    login("sam")
    html = client.get(f"/projects/{project.id}").get_data(as_text=True)
    assert today().strftime("%Y") in milestone_item(html, "construction")
    assert db.session.get(Project, project.id).milestone("construction").actual_on == today()


def test_other_zones_and_partners_see_no_milestones(client, make_user, login):
    make_user("sam", "staff", zones=["jsetdz"])
    project = factories.lead_project(zone="jxetdz")
    login("sam")
    assert client.get(f"/projects/{project.id}/milestones").status_code == 404
    assert client.post(f"/projects/{project.id}/milestones", data={}).status_code in (400, 404)
