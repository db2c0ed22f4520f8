"""The audit trail records who changed which field from what to what; the bin restores."""

from tests.conftest import PASSWORD


def make_project(admin, **extra):
    company = admin.post("/api/v1/companies", json={"name_en": "Bosch", "country": "DE"})
    body = {"name_en": "Bosch plant", "company_id": company.get_json()["id"],
            "zone": "jxetdz"} | extra
    return admin.post("/api/v1/projects", json=body).get_json()


def test_a_field_change_is_recorded_with_old_and_new_values(api):
    admin = api("admin")
    project = make_project(admin, notes="first")
    changed = admin.patch(f"/api/v1/projects/{project['id']}",
                          json={"version": project["version"], "notes": "second",
                                "criteria": ["high", "new"]})
    assert changed.status_code == 200
    entries = admin.get(f"/api/v1/audit?kind=projects&id={project['id']}").get_json()
    assert entries["total"] == 2
    update, create = entries["items"]  # newest first
    assert create["action"] == "create" and create["user"] == "admin"
    assert create["changes"]["name_en"] == [None, "Bosch plant"]
    assert update["action"] == "update" and update["record_id"] == project["id"]
    assert update["changes"]["notes"] == ["first", "second"]
    assert sorted(update["changes"]["criteria"][1]) == ["high", "new"]
    assert "version" not in update["changes"] and "search_text" not in create["changes"]


def test_stage_moves_deletes_and_restores_are_recorded(api):
    admin = api("admin")
    project = make_project(admin)
    url = f"/api/v1/projects/{project['id']}"
    admin.post(f"{url}/stage", json={"stage": "contacted", "note": "Called"})
    assert admin.delete(url).status_code == 204
    restored = admin.post(f"/api/v1/bin/projects/{project['id']}/restore")
    assert restored.status_code == 200
    actions = [e["action"] for e in admin.get(
        f"/api/v1/audit?kind=projects&id={project['id']}").get_json()["items"]]
    assert actions == ["restore", "delete", "stage", "create"]
    stage = admin.get(f"/api/v1/audit?kind=projects&id={project['id']}").get_json()["items"][2]
    assert stage["changes"]["stage"] == ["lead", "contacted"]


def test_a_deleted_project_comes_back_whole(api):
    admin = api("admin")
    project = make_project(admin, criteria=["large"], notes="keep me")
    url = f"/api/v1/projects/{project['id']}"
    admin.post(f"{url}/stage", json={"stage": "contacted", "note": "First call"})
    meeting = admin.post("/api/v1/interactions", json={
        "occurred_on": "2026-11-01", "subject": "Visit", "project_ids": [project["id"]]})
    assert meeting.status_code == 201
    before = admin.get(url).get_json()
    assert admin.delete(url).status_code == 204
    assert admin.get(url).status_code == 404
    assert admin.get("/api/v1/projects").get_json()["total"] == 0
    binned = admin.get("/api/v1/bin").get_json()
    assert [(i["kind"], i["id"]) for i in binned["items"]] == [("projects", project["id"])]
    restored = admin.post(f"/api/v1/bin/projects/{project['id']}/restore").get_json()
    assert restored["criteria"] == ["large"] and restored["notes"] == "keep me"
    assert restored["stage"] == "contacted"
    after = admin.get(url).get_json()
    assert {k: v for k, v in after.items() if k not in ("version", "updated_at")} == {
        k: v for k, v in before.items() if k not in ("version", "updated_at")}
    history = admin.get(f"{url}/history").get_json()
    assert [(h["from"], h["to"]) for h in history] == [("lead", "contacted")]
    linked = admin.get(f"/api/v1/interactions?project_id={project['id']}").get_json()
    assert linked["total"] == 1
    assert admin.get("/api/v1/bin").get_json()["total"] == 0


def test_audit_search_by_user_and_date(api):
    admin = api("admin")
    manager = api("m", "manager")
    make_project(admin)
    by_admin = admin.get("/api/v1/audit?user=admin").get_json()
    assert by_admin["total"] >= 2 and {e["user"] for e in by_admin["items"]} == {"admin"}
    assert manager.get("/api/v1/audit?user=m").get_json()["total"] == 0
    assert admin.get("/api/v1/audit?since=2999-01-01").get_json()["total"] == 0


def test_user_changes_are_audited_without_secrets(api):
    admin = api("admin")
    created = admin.post("/api/v1/users", json={"username": "bob", "password": PASSWORD,
                                                "role": "staff", "zones": ["jxetdz"]})
    user_id = created.get_json()["id"]
    admin.patch(f"/api/v1/users/{user_id}", json={"password": "another-long-one",
                                                  "zones": ["jsetdz"]})
    entries = admin.get(f"/api/v1/audit?kind=users&id={user_id}").get_json()["items"]
    update = entries[0]
    assert update["changes"]["password"] == ["***", "***"]
    assert update["changes"]["zones"] == [["jxetdz"], ["jsetdz"]]
    assert all("password_hash" not in e["changes"] for e in entries)
    assert PASSWORD not in str(entries)


def test_only_managers_and_admins_read_the_audit_and_only_admins_the_bin(api):
    manager = api("m", "manager")
    assert manager.get("/api/v1/audit").status_code == 200
    assert manager.get("/api/v1/bin").status_code == 403
    assert manager.post("/api/v1/bin/projects/1/restore").status_code == 403
    staff = api("s", "staff")
    assert staff.get("/api/v1/audit").status_code == 403
    assert staff.get("/api/v1/bin").status_code == 403


def test_restore_of_an_unknown_record_is_404(api):
    admin = api("admin")
    assert admin.post("/api/v1/bin/projects/999/restore").status_code == 404
    assert admin.post("/api/v1/bin/nonsense/1/restore").status_code == 404


def test_criteria_kept_added_and_removed_are_recorded_as_before_and_after(api):
    """The criteria are one list in the trail, whether rows go, come or both (the service
    replaces the list only when a row goes)."""
    admin = api("admin")
    project = make_project(admin, criteria=["high", "large"])
    url = f"/api/v1/projects/{project['id']}"
    version = project["version"]
    for criteria, before in ((["large", "new"], ["high", "large"]), (["large", "new", "strong"],
                             ["large", "new"]), (["new"], ["large", "new", "strong"]),
                             (["new"], None)):
        answer = admin.patch(url, json={"version": version, "criteria": criteria})
        assert answer.status_code == 200, answer.get_json()
        version = answer.get_json()["version"]
        newest = admin.get(f"/api/v1/audit?kind=projects&id={project['id']}").get_json()
        change = newest["items"][0]["changes"].get("criteria")
        if before is None:  # no change: no entry
            assert newest["total"] == 4
            continue
        assert sorted(change[0]) == before and sorted(change[1]) == sorted(criteria), change
    assert admin.get(url).get_json()["criteria"] == ["new"]
