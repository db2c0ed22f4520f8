"""A meeting's links through the API and the pages: a change keeps the links its author cannot
see, contacts are live people of the meeting's companies, and each reader sees only the linked
records they may see (issue 14)."""

from datetime import date

import pytest

from crm.companies.contacts import delete_contact
from crm.extensions import db
from crm.interactions.models import Interaction
from tests import factories
from tests.conftest import csrf_from


@pytest.fixture
def joint(api):
    """A meeting of zone jxetdz that also names a project and a talent of jsetdz, and the staff
    client ``sam`` of jxetdz, who cannot see those two."""
    admin = api("admin")
    by = factories.find_user("admin")
    bosch = factories.company("Bosch GmbH", by=by)
    ours = factories.lead_project(bosch, by=by, zone="jxetdz", name_en="Our plant")
    theirs = factories.lead_project(bosch, by=by, zone="jsetdz", name_en="Their plant")
    hidden_talent = factories.talent("jsetdz", by=by, name="Their engineer")
    hans = factories.contact(bosch, by=by, name_en="Hans Müller")
    record = factories.meeting(by, zone="jxetdz", subject="Joint visit",
                               company_ids=[bosch.id], project_ids=[ours.id, theirs.id],
                               talent_ids=[hidden_talent.id], contact_ids=[hans.id])
    return {"admin": admin, "sam": api("sam", "staff"), "id": record.id, "bosch": bosch,
            "ours": ours, "theirs": theirs, "talent": hidden_talent, "hans": hans}


def test_the_api_view_shows_only_the_links_the_reader_may_see(joint):
    seen = joint["sam"].get(f"/api/v1/interactions/{joint['id']}").get_json()
    assert seen["project_ids"] == [joint["ours"].id]
    assert seen["talent_ids"] == []
    assert seen["company_ids"] == [joint["bosch"].id]
    assert seen["contact_ids"] == [joint["hans"].id]
    listed = joint["sam"].get("/api/v1/interactions").get_json()["items"]
    assert [item["project_ids"] for item in listed] == [[joint["ours"].id]]
    whole = joint["admin"].get(f"/api/v1/interactions/{joint['id']}").get_json()
    assert sorted(whole["project_ids"]) == sorted([joint["ours"].id, joint["theirs"].id])
    assert whole["talent_ids"] == [joint["talent"].id]


def test_a_patch_of_the_links_keeps_those_its_author_cannot_see(joint):
    sam = joint["sam"]
    other = factories.lead_project(joint["bosch"], zone="jxetdz", name_en="Second plant")
    url = f"/api/v1/interactions/{joint['id']}"
    version = sam.get(url).get_json()["version"]
    response = sam.patch(url, json={"version": version, "project_ids": [other.id],
                                    "talent_ids": []})
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["project_ids"] == [other.id]  # what sam may see
    record = db.session.get(Interaction, joint["id"])
    db.session.refresh(record)
    assert {p.id for p in record.projects} == {other.id, joint["theirs"].id}
    assert [t.id for t in record.talents] == [joint["talent"].id]
    # naming a hidden record is refused as if it did not exist
    version = response.get_json()["version"]
    refused = sam.patch(url, json={"version": version, "project_ids": [joint["theirs"].id]})
    assert refused.status_code == 422
    assert "project_ids" in refused.get_json()["error"]["fields"]


def test_a_deleted_company_stays_linked_through_an_edit(joint):
    """A company in the bin is hidden from everyone: an edit keeps its link, so a restore
    brings the meeting back whole."""
    admin = joint["admin"]
    basf = factories.company("BASF SE")
    url = f"/api/v1/interactions/{joint['id']}"
    version = admin.get(url).get_json()["version"]
    admin.patch(url, json={"version": version, "company_ids": [joint["bosch"].id, basf.id]})
    assert admin.delete(f"/api/v1/companies/{basf.id}").status_code == 204
    body = admin.get(url).get_json()
    assert body["company_ids"] == [joint["bosch"].id]
    changed = admin.patch(url, json={"version": body["version"],
                                     "company_ids": [joint["bosch"].id]})
    assert changed.status_code == 200, changed.get_json()
    assert admin.post(f"/api/v1/bin/companies/{basf.id}/restore").status_code == 200
    assert sorted(admin.get(url).get_json()["company_ids"]) == sorted(
        [joint["bosch"].id, basf.id])


def test_contacts_must_be_live_people_of_the_meetings_companies(joint):
    admin = joint["admin"]
    basf = factories.company("BASF SE")
    li = factories.contact(basf, name_zh="李明")
    gone = factories.contact(joint["bosch"], name_en="Gone Person")
    delete_contact(factories.find_user("admin"), gone)
    body = {"occurred_on": "2026-11-20", "subject": "Lunch", "zone": "jxetdz",
            "company_ids": [joint["bosch"].id]}
    for contact_ids in ([li.id], [gone.id], [999999]):
        refused = admin.post("/api/v1/interactions", json=body | {"contact_ids": contact_ids})
        assert refused.status_code == 422, (contact_ids, refused.get_json())
        assert list(refused.get_json()["error"]["fields"]) == ["contact_ids"]
    created = admin.post("/api/v1/interactions", json=body | {
        "company_ids": [joint["bosch"].id, basf.id], "contact_ids": [li.id, joint["hans"].id]})
    assert created.status_code == 201, created.get_json()
    meeting = created.get_json()
    url = f"/api/v1/interactions/{meeting['id']}"
    # a PATCH that drops a company whose contact stays linked is refused, and changes nothing
    refused = admin.patch(url, json={"version": meeting["version"],
                                     "company_ids": [joint["bosch"].id]})
    assert refused.status_code == 422
    assert list(refused.get_json()["error"]["fields"]) == ["contact_ids"]
    refused = admin.patch(url, json={"version": meeting["version"], "contact_ids": [gone.id]})
    assert refused.status_code == 422
    assert sorted(admin.get(url).get_json()["contact_ids"]) == sorted([li.id, joint["hans"].id])
    dropped = admin.patch(url, json={"version": meeting["version"],
                                     "company_ids": [joint["bosch"].id],
                                     "contact_ids": [joint["hans"].id]})
    assert dropped.status_code == 200, dropped.get_json()
    assert dropped.get_json()["contact_ids"] == [joint["hans"].id]


def test_the_meeting_form_refuses_a_contact_of_a_company_not_linked(
        client, login, joint):
    basf = factories.company("BASF SE")
    li = factories.contact(basf, name_zh="李明")
    login("sam")
    page = client.get("/meetings/new")
    data = {"csrf_token": csrf_from(page.get_data(as_text=True)), "kind": "meeting",
            "occurred_on": "2026-05-04", "subject": "Lunch", "zone": "jxetdz",
            "company_ids": [str(joint["bosch"].id)], "contact_ids": [str(li.id)],
            "attendees": ["sam"]}
    response = client.post("/meetings/new", data=data)
    assert response.status_code == 422
    assert "Lunch" not in {m.subject for m in db.session.scalars(db.select(Interaction))}


def test_the_meeting_page_names_only_contacts_the_reader_may_see(client, login, joint):
    """A contact in the bin is no longer named on the meeting's page, nor sent back by its
    form: the link is kept all the same, as is the project of another zone when the form
    changes the projects."""
    delete_contact(factories.find_user("admin"), joint["hans"])
    second = factories.lead_project(joint["bosch"], zone="jxetdz", name_en="Second plant")
    login("sam")
    html = client.get(f"/meetings/{joint['id']}").get_data(as_text=True)
    assert "Joint visit" in html and "Hans Müller" not in html
    url = f"/meetings/{joint['id']}/edit"
    record = db.session.get(Interaction, joint["id"])
    response = client.post(url, data={
        "csrf_token": csrf_from(client.get(url).get_data(as_text=True)), "kind": "visit",
        "occurred_on": date(2026, 3, 2).isoformat(), "subject": "Joint visit, renamed",
        "zone": "jxetdz", "country": "", "company_ids": [str(joint["bosch"].id)],
        "project_ids": [str(joint["ours"].id), str(second.id)],
        "version": str(record.version)})
    assert response.status_code == 302, response.get_data(as_text=True)
    db.session.refresh(record)
    assert [c.id for c in record.contacts] == [joint["hans"].id]
    assert {p.id for p in record.projects} == {joint["ours"].id, second.id, joint["theirs"].id}
