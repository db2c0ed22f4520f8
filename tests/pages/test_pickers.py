"""Pickers: a short list of companies, projects or talents is offered whole; a long one is
searched as the user types, so a form costs the same at any size (crm/pickers.py)."""

import re

import pytest

from crm.extensions import db
from crm.interactions.models import Interaction
from crm.projects.models import Project
from tests import factories
from tests.conftest import csrf_from

from .test_project_forms import form_fields


def _options(html: str, name: str) -> list[str]:
    select = re.search(rf'<select[^>]*name="{name}"[^>]*>(.*?)</select>', html, re.S)
    assert select, name
    return re.findall(r'<option[^>]*value="([^"]*)"', select.group(1))


@pytest.fixture
def many(app, login):
    """Three companies, more than the pickers list whole here (one), and a signed-in staff."""
    app.config["PICKER_LISTED_WHOLE"] = 1
    factories.user("sam", "staff", zones=["jxetdz"])
    names = ("Siemens AG", "Bosch GmbH", "西门子（中国）有限公司")
    found = {name: factories.company(name_en=name if name.isascii() else "",
                                     name_zh="" if name.isascii() else name) for name in names}
    login("sam")
    yield found
    app.config["PICKER_LISTED_WHOLE"] = 300


def test_a_short_list_is_offered_whole(client, login, company):
    factories.user("sam", "staff", zones=["jxetdz"])
    acme = company()
    login("sam")
    page = client.get("/projects/new").get_data(as_text=True)
    assert _options(page, "company_id") == ["", str(acme.id)]
    assert 'data-picker="/pick/companies"' not in page
    # the project an expansion expands is always searched: most projects have none
    assert _options(page, "expands_id") == [""] and 'data-picker="/pick/projects"' in page


def test_a_long_list_is_searched_and_what_is_found_can_be_saved(client, many):
    page = client.get("/projects/new").get_data(as_text=True)
    assert _options(page, "company_id") == [""]  # nothing sent but the blank
    assert 'data-picker="/pick/companies"' in page
    found = client.get("/pick/companies?q=xmz").get_json()  # pinyin initials of 西门子
    assert [item["label"] for item in found] == ["西门子（中国）有限公司"]
    siemens = client.get("/pick/companies?q=siemens").get_json()
    assert [item["value"] for item in siemens] == [str(many["Siemens AG"].id)]
    assert client.get("/pick/companies?q=").get_json() == []
    data = form_fields(siemens[0]["value"], csrf_token=csrf_from(page),
                       total_investment_currency="USD")
    response = client.post("/projects/new", data=data)
    assert response.status_code == 302, response.get_data(as_text=True)
    saved = db.session.scalar(db.select(Project))
    assert saved.company_id == many["Siemens AG"].id
    # the edit page offers the project's own company, chosen, and still searches
    edit = client.get(f"/projects/{saved.id}/edit").get_data(as_text=True)
    assert _options(edit, "company_id") == ["", str(many["Siemens AG"].id)]


def test_a_meeting_links_what_was_searched(client, many):
    page = client.get("/meetings/new").get_data(as_text=True)
    assert _options(page, "company_ids") == []
    bosch = client.get("/pick/companies?q=bosch").get_json()[0]["value"]
    response = client.post("/meetings/new", data={
        "csrf_token": csrf_from(page), "kind": "meeting", "occurred_on": "2026-01-05",
        "subject": "Plant visit", "zone": "jxetdz", "company_ids": [bosch]})
    assert response.status_code == 302, response.get_data(as_text=True)
    meeting = db.session.scalar(db.select(Interaction))
    assert [c.id for c in meeting.companies] == [int(bosch)]


def test_a_partner_searches_nothing(client, login, company):
    factories.user("petra", "partner", company_ids=[company().id])
    login("petra")
    assert client.get("/pick/companies?q=acme").status_code == 403
