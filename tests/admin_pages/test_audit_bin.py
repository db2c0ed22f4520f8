"""The audit page (managers, admins) and the bin (admins), through real HTTP."""

import re

from crm.extensions import db
from crm.projects.models import Project
from tests.conftest import csrf_from


def test_audit_page_shows_a_project_change_with_old_and_new(client, api, login, make_user):
    admin = api("root", "admin")
    company = admin.post("/api/v1/companies", json={"name_en": "Bosch", "country": "DE"})
    created = admin.post("/api/v1/projects", json={
        "name_en": "Bosch plant", "company_id": company.get_json()["id"], "zone": "jxetdz",
        "notes": "first draft"}).get_json()
    changed = admin.patch(f"/api/v1/projects/{created['id']}", json={
        "version": created["version"], "notes": "second draft", "criteria": ["high"]})
    assert changed.status_code == 200
    make_user("mia", "manager", display_name="Mia Manager")
    login("mia")
    response = client.get(f"/admin/audit?kind=projects&id={created['id']}")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Changed" in html and "Created" in html  # action labels, newest first
    assert html.index("Changed") < html.index("Created")
    rows = re.findall(r"<tr><td>(.*?)</td><td class=\"old\">(.*?)</td>"
                      r"<td class=\"new\">(.*?)</td></tr>", html)
    assert ("Notes", "first draft", "second draft") in rows  # field / old / new
    assert ("高大强新优特 criteria", "—", "High-tech, high-end, high value added") in rows  # declared labels, never codes
    assert f'href="/projects/{created["id"]}"' in html  # the record's page
    assert "<td>root</td>" in html
    # filters: another user's changes only, and nothing since tomorrow
    assert "second draft" not in client.get(
        "/admin/audit?user=nobody").get_data(as_text=True)
    assert "No changes match these filters." in client.get(
        "/admin/audit?since=2999-01-01").get_data(as_text=True)


def test_audit_page_is_refused_to_staff_and_partners(client, make_user, login):
    make_user("sam", "staff", zones=["jxetdz"])
    login("sam")
    assert client.get("/admin/audit").status_code == 403


def test_bin_lists_a_deleted_project_and_restore_brings_it_back(client, make_user, login,
                                                                company, project):
    make_user("root", "admin")
    record = project(company("Siemens AG"), name_en="Siemens motor plant")
    record.deleted_at = db.func.now()
    db.session.commit()
    login("root")
    page = client.get("/admin/bin").get_data(as_text=True)
    assert "Siemens motor plant" in page and "Project" in page
    assert 'data-confirm="Restore this record?"' in page
    response = client.post(f"/admin/bin/projects/{record.id}/restore",
                           data={"csrf_token": csrf_from(page)})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/projects/{record.id}")
    html = client.get("/admin/bin").get_data(as_text=True)
    assert "was restored" in html and "The bin is empty." in html
    db.session.expire_all()
    assert db.session.get(Project, record.id).deleted_at is None
    # without the CSRF token nothing happens
    assert client.post(f"/admin/bin/projects/{record.id}/restore").status_code == 400


def test_bin_is_for_admins(client, make_user, login, company, project):
    record = project(company())
    record.deleted_at = db.func.now()
    db.session.commit()
    make_user("mia", "manager")
    login("mia")
    assert client.get("/admin/bin").status_code == 403
    token = csrf_from(client.get("/me/tokens").get_data(as_text=True))
    response = client.post(f"/admin/bin/projects/{record.id}/restore",
                           data={"csrf_token": token})
    assert response.status_code == 403
    db.session.expire_all()
    assert db.session.get(Project, record.id).deleted_at is not None
