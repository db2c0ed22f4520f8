"""The API's list of meetings reads each meeting's links as columns of its own statement
(crm/interactions/listed.py): it answers what reading each meeting answers, for every reader,
links in the bin and hidden ones included, and a write after it reads the rows."""

import pytest

from crm.companies.contacts import delete_contact
from crm.companies.services import delete_company
from crm.extensions import db
from crm.interactions import services
from crm.interactions.fields import INTERACTION
from crm.projects.services import delete_project
from tests import factories


@pytest.fixture
def meetings(api):
    """Two meetings of jxetdz linking companies, projects, talents and contacts of both zones,
    some of them in the bin, and three of our people (named out of their ids' order)."""
    clients = {"admin": api("admin"), "sam": api("sam", "staff"),
               "mia": api("mia", "manager")}
    by = factories.find_user("admin")
    for name in ("zoe", "adam"):
        factories.user(name, "staff", zones=["jxetdz"])
    bosch = factories.company("Bosch GmbH", by=by)
    gone = factories.company("Gone GmbH", by=by)
    ours = factories.lead_project(bosch, by=by, zone="jxetdz", name_en="Our plant")
    theirs = factories.lead_project(bosch, by=by, zone="jsetdz", name_en="Their plant")
    binned = factories.lead_project(bosch, by=by, zone="jxetdz", name_en="Binned plant")
    talent = factories.talent("jsetdz", by=by, name="Their engineer")
    hans = factories.contact(bosch, by=by, name_en="Hans Müller")
    left = factories.contact(bosch, by=by, name_en="Left GmbH")
    of_gone = factories.contact(gone, by=by, name_en="Gone's person")
    for subject in ("Joint visit", "Second visit"):
        factories.meeting(by, zone="jxetdz", subject=subject,
                          company_ids=[gone.id, bosch.id],
                          project_ids=[theirs.id, binned.id, ours.id],
                          talent_ids=[talent.id], contact_ids=[of_gone.id, left.id, hans.id],
                          attendees=["zoe", "sam", "adam"])
    delete_project(by, binned)
    delete_contact(by, left)
    delete_company(by, gone)
    db.session.commit()
    return clients | {"hans": hans.id, "ours": ours.id, "theirs": theirs.id}


def test_the_list_answers_what_each_meeting_answers(meetings):
    for reader in ("admin", "sam", "mia"):
        client = meetings[reader]
        listed = client.get("/api/v1/interactions").get_json()["items"]
        assert len(listed) == 2, reader
        for item in listed:
            db.session.expire_all()  # each meeting read afresh, from its rows
            one = client.get(f"/api/v1/interactions/{item['id']}").get_json()
            assert item == one, reader
    sam = meetings["sam"].get("/api/v1/interactions").get_json()["items"][0]
    assert (sam["project_ids"], sam["talent_ids"], sam["contact_ids"]) == (
        [meetings["ours"]], [], [meetings["hans"]])
    assert sam["attendees"] == ["adam", "sam", "zoe"]
    admin = meetings["admin"].get("/api/v1/interactions").get_json()["items"][0]
    assert admin["project_ids"] == sorted([meetings["ours"], meetings["theirs"]])


def test_a_write_after_the_list_reads_the_links_from_the_rows(app, meetings):
    admin = factories.find_user("admin")
    from crm.interactions import listed

    db.session.expire_all()  # the list loads its meetings afresh
    record = db.session.scalars(services.interaction_query(admin, {}).options(
        *listed.options(admin)).limit(1)).first()
    assert listed.read(record, "attendees") == ["adam", "sam", "zoe"]
    assert services.links_seen_by(admin, record, listed_for_user=True)["project_ids"] == \
        sorted([meetings["ours"], meetings["theirs"]])
    record.attendees = [u for u in record.attendees if u.username != "zoe"]
    record.projects = [p for p in record.projects if p.id == meetings["ours"]]
    db.session.flush()
    assert listed.read(record, "attendees") is None  # dropped: the rows are read
    assert services.links_seen_by(admin, record, listed_for_user=True)["project_ids"] == \
        [meetings["ours"]]
    assert INTERACTION.to_json(record, internal=True)["attendees"] == ["adam", "sam"]
    db.session.rollback()
