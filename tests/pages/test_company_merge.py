"""An admin merges a duplicate company into another (issue 10): everything that named the
duplicate moves, nothing is lost, the audit trail says so, and the bin gives it back."""

import sqlalchemy as sa

from crm import counts
from crm.audit.models import AuditEntry
from crm.auth.models import user_company
from crm.companies.models import Company, Contact
from crm.extensions import db
from crm.interactions.models import interaction_company
from crm.projects.models import Project
from crm.reference.models import Global500Entry
from crm.reports.models import ShuangbaiEntry
from crm.reports.rollups import upkeep as rollups
from tests import factories
from tests.conftest import csrf_from


def world(api, company, project, meeting):
    """A survivor and its duplicate with one of everything that can name a company."""
    admin = api("admin", "admin")
    assert admin.post("/api/v1/reference/global500?year=2025",
                      json=[{"rank": 8, "name_en": "Siemens", "name_zh": "西门子"}]).status_code == 200
    assert admin.post("/api/v1/reference/shuangbai?year=2025",
                      json=[{"name_en": "Siemens"}]).status_code == 200
    survivor = company("Siemens China", country="", website="siemens.com", notes="Kept note")
    duplicate = company("Siemens", name_zh="西门子", country="DE", phone="+49 89 1234",
                        notes="Met at Hannover")
    db.session.execute(sa.update(ShuangbaiEntry).values(company_id=duplicate.id))
    child = company("Siemens Energy", parent_id=duplicate.id)
    plant = project(duplicate, name_en="Plant")
    binned = project(duplicate, name_en="Binned plant")
    binned.deleted_at = sa.func.now()
    person = factories.contact(duplicate, name_en="Anna Schmidt")
    both = meeting(subject="Joint talk", company_ids=[survivor.id, duplicate.id])
    alone = meeting(subject="Talk", company_ids=[duplicate.id])
    partner = factories.user("pat", "partner", company_ids=[duplicate.id])
    db.session.commit()
    return dict(admin=admin, survivor=survivor, duplicate=duplicate, child=child, plant=plant,
                binned=binned, person=person, both=both, alone=alone, partner=partner)


def linked(table, column, company_id):
    return db.session.scalar(sa.select(sa.func.count()).select_from(table).where(
        table.c[column] == company_id))


def test_the_api_merge_moves_everything_and_the_bin_gives_the_duplicate_back(
        api, company, project, meeting):
    w = world(api, company, project, meeting)
    survivor, duplicate, admin = w["survivor"], w["duplicate"], w["admin"]
    entry_id = db.session.scalar(sa.select(Global500Entry.id).where(
        Global500Entry.company_id == duplicate.id))
    assert entry_id is not None  # matched by name: the duplicate is the Fortune 500 one
    sid, did = survivor.id, duplicate.id

    response = admin.post(f"/api/v1/companies/{sid}/merge", json={
        "duplicate_id": did, "version": survivor.version,
        "duplicate_version": duplicate.version})

    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    # the survivor's empty fields took the duplicate's; its own stayed; notes joined
    assert (body["name_en"], body["name_zh"], body["country"], body["website"], body["phone"]) \
        == ("Siemens China", "西门子", "DE", "siemens.com", "+49 89 1234")
    assert body["notes"] == "Kept note\n\nMet at Hannover"
    db.session.expire_all()
    for table, column in ((Project.__table__, "company_id"), (Contact.__table__, "company_id"),
                          (interaction_company, "company_id"), (Company.__table__, "parent_id"),
                          (Global500Entry.__table__, "company_id"),
                          (ShuangbaiEntry.__table__, "company_id"),
                          (user_company, "company_id")):
        assert linked(table, column, did) == 0, table.name
    assert {p.company_id for p in (db.session.get(Project, w["plant"].id),
                                   db.session.get(Project, w["binned"].id))} == {sid}
    assert db.session.get(Contact, w["person"].id).company_id == sid
    assert db.session.get(Company, w["child"].id).parent_id == sid
    assert [c.id for c in db.session.get(type(w["both"]), w["both"].id).companies] == [sid]
    assert [c.id for c in db.session.get(type(w["alone"]), w["alone"].id).companies] == [sid]
    assert db.session.get(Global500Entry, entry_id).company_id == sid
    assert db.session.get(Company, sid).fortune500_entry_id == entry_id
    assert db.session.get(Company, w["child"].id).fortune500  # through its new parent
    assert factories.find_user("pat").company_ids == [sid]
    gone = db.session.get(Company, did)
    assert gone.deleted_at is not None and gone.merged_into_id == sid
    assert admin.get(f"/api/v1/companies/{did}").status_code == 404

    # the audit trail: one entry naming what moved, and each record's own move
    merged = db.session.scalars(sa.select(AuditEntry).where(
        AuditEntry.kind == "companies", AuditEntry.record_id == sid)
        .order_by(AuditEntry.id.desc())).first()
    assert merged.changes["merged_from"] == [None, did]
    assert (merged.changes["moved_projects"], merged.changes["moved_contacts"],
            merged.changes["moved_interactions"], merged.changes["moved_subsidiaries"],
            merged.changes["moved_global500"], merged.changes["moved_shuangbai"],
            merged.changes["moved_partners"]) == ([None, 2], [None, 1], [None, 2], [None, 1],
                                                  [None, 1], [None, 1], [None, 1])
    moved = db.session.scalars(sa.select(AuditEntry).where(
        AuditEntry.kind == "projects", AuditEntry.record_id == w["plant"].id)
        .order_by(AuditEntry.id.desc())).first()
    assert moved.changes["company_id"] == [did, sid]
    audit = admin.get(f"/api/v1/audit?kind=companies&id={did}").get_json()
    assert audit["items"][0]["action"] == "delete"
    assert audit["items"][0]["changes"]["merged_into_id"] == [None, sid]

    # the bin: the duplicate comes back as a company of its own; what moved stays moved
    restored = admin.post(f"/api/v1/bin/companies/{did}/restore")
    assert restored.status_code == 200, restored.get_json()
    db.session.expire_all()
    back = db.session.get(Company, did)
    assert back.deleted_at is None and back.merged_into_id is None and back.name_en == "Siemens"
    assert db.session.get(Project, w["plant"].id).company_id == sid
    # what triggers keep (the reports' rollups, the lists' totals) agrees with a recount
    assert rollups.check(db.session.connection()) == []
    assert counts.check() == {}


def test_refusals_change_nothing(api, company, project, meeting):
    w = world(api, company, project, meeting)
    survivor, duplicate, admin = w["survivor"], w["duplicate"], w["admin"]
    sid, did = survivor.id, duplicate.id
    body = {"duplicate_id": did, "version": survivor.version,
            "duplicate_version": duplicate.version}
    manager = api("mia", "manager")
    assert manager.post(f"/api/v1/companies/{sid}/merge", json=body).status_code == 403
    assert admin.post(f"/api/v1/companies/{sid}/merge",
                      json=body | {"version": survivor.version + 1}).status_code == 409
    assert admin.post(f"/api/v1/companies/{sid}/merge",
                      json=body | {"duplicate_version": 99}).status_code == 409
    itself = admin.post(f"/api/v1/companies/{sid}/merge", json=body | {"duplicate_id": sid,
                                                                      "duplicate_version": survivor.version})
    assert itself.status_code == 422
    assert "merged into itself" in str(itself.get_json())
    assert admin.post(f"/api/v1/companies/{sid}/merge",
                      json=body | {"duplicate_id": 999999}).status_code == 404
    assert admin.post(f"/api/v1/companies/{sid}/merge", json={"duplicate_id": did}).status_code \
        == 422
    db.session.expire_all()
    assert linked(Project.__table__, "company_id", did) == 2
    assert db.session.get(Company, did).deleted_at is None


def test_a_survivor_below_its_duplicate_takes_the_duplicates_parent(api, company):
    admin = api("admin", "admin")
    group = company("Group")
    duplicate = company("Bosch", parent_id=group.id)
    survivor = company("Bosch China", parent_id=duplicate.id)
    response = admin.post(f"/api/v1/companies/{survivor.id}/merge", json={
        "duplicate_id": duplicate.id, "version": survivor.version,
        "duplicate_version": duplicate.version})
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["parent_id"] == group.id


def test_a_group_between_the_duplicate_and_the_survivor_keeps_the_chain_a_chain(api, company):
    """Duplicate → group → survivor: the group takes the duplicate's parent, not the
    survivor (which would make a loop)."""
    admin = api("admin", "admin")
    top = company("Top")
    duplicate = company("Bosch", parent_id=top.id)
    middle = company("Bosch Asia", parent_id=duplicate.id)
    survivor = company("Bosch China", parent_id=middle.id)
    other = company("Bosch France", parent_id=duplicate.id)
    response = admin.post(f"/api/v1/companies/{survivor.id}/merge", json={
        "duplicate_id": duplicate.id, "version": survivor.version,
        "duplicate_version": duplicate.version})
    assert response.status_code == 200, response.get_json()
    db.session.expire_all()
    assert db.session.get(Company, middle.id).parent_id == top.id
    assert db.session.get(Company, survivor.id).parent_id == middle.id
    assert db.session.get(Company, other.id).parent_id == survivor.id


def test_the_page_shows_what_moves_before_anything_changes(client, make_user, login, api,
                                                           company, project, meeting):
    w = world(api, company, project, meeting)
    sid, did = w["survivor"].id, w["duplicate"].id
    make_user("root", "admin")
    make_user("mia", "manager")
    login("mia")
    assert "Merge a duplicate" not in client.get(f"/companies/{sid}").get_data(as_text=True)
    assert client.get(f"/companies/{sid}/merge").status_code == 403
    client.post("/logout", data={"csrf_token": csrf_from(client.get("/").get_data(as_text=True))})
    login("root")
    assert "Merge a duplicate" in client.get(f"/companies/{sid}").get_data(as_text=True)
    html = client.get(f"/companies/{sid}/merge").get_data(as_text=True)
    token = csrf_from(html)
    assert 'name="duplicate_id"' in html

    preview = client.post(f"/companies/{sid}/merge",
                          data={"csrf_token": token, "duplicate_id": str(did)})
    html = preview.get_data(as_text=True)
    assert preview.status_code == 200
    assert "Projects: 2" in html and "Contacts: 1" in html and "Meetings: 2" in html
    assert "Partner accounts: 1" in html and "+49 89 1234" in html
    db.session.expire_all()
    assert db.session.get(Company, did).deleted_at is None  # a preview writes nothing

    itself = client.post(f"/companies/{sid}/merge",
                         data={"csrf_token": token, "duplicate_id": str(sid)})
    assert itself.status_code == 422 and "merged into itself" in itself.get_data(as_text=True)

    version = db.session.get(Company, sid).version
    done = client.post(f"/companies/{sid}/merge", data={
        "csrf_token": token, "duplicate_id": str(did), "confirmed": "1",
        "version": str(version),
        "duplicate_version": str(db.session.get(Company, did).version)}, follow_redirects=True)
    assert "The companies were merged" in done.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Company, did).merged_into_id == sid
    assert linked(Project.__table__, "company_id", did) == 0
    old_link = client.get(f"/companies/{did}", follow_redirects=True)
    assert old_link.request.path == f"/companies/{sid}"
    assert "That company was merged into this one." in old_link.get_data(as_text=True)

    stale = client.post(f"/companies/{sid}/merge", data={
        "csrf_token": token, "duplicate_id": str(w["child"].id), "confirmed": "1",
        "version": str(version), "duplicate_version": "1"})
    assert stale.status_code == 409 and "changed meanwhile" in stale.get_data(as_text=True)
