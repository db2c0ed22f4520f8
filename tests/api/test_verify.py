def registered_project(admin):
    company = admin.post("/api/v1/companies", json={"name_en": "Bosch"}).get_json()
    project = admin.post("/api/v1/projects", json={
        "name_en": "Plant", "company_id": company["id"], "zone": "jxetdz", "owner": "admin",
        "likelihood": "high", "estimated_land_date": "2027-01-01", "signed_on": "2026-10-01",
        "registered_on": "2026-11-01",
        "total_investment": {"amount": "5000000.00", "currency": "USD"},
        "registered_capital": {"amount": "2000000.00", "currency": "USD"}}).get_json()
    moved = admin.post(f"/api/v1/projects/{project['id']}/stage", json={"stage": "registered"})
    assert moved.status_code == 200, moved.get_json()
    return moved.get_json()


def test_manager_verifies_and_a_later_change_clears_it(api):
    admin = api("admin")
    project = registered_project(admin)
    url = f"/api/v1/projects/{project['id']}"
    manager = api("m", "manager")
    verified = manager.post(f"{url}/verify", json={"note": "Licence seen"})
    assert verified.status_code == 200
    assert verified.get_json()["verified"]["by"] == "m"
    body = verified.get_json()
    changed = admin.patch(url, json={"version": body["version"], "notes": "a note"})
    assert changed.get_json()["verified"] is not None  # not an amount
    changed = admin.patch(url, json={"version": changed.get_json()["version"],
                                     "total_investment": {"amount": "6000000.00",
                                                          "currency": "USD"}})
    assert changed.get_json()["verified"] is None
    assert manager.post(f"{url}/verify").status_code == 200  # an empty body is fine
    admin.post(f"{url}/stage", json={"stage": "construction"})
    assert admin.get(url).get_json()["verified"] is None


def test_only_managers_verify_and_only_registered_projects(api):
    admin = api("admin")
    project = registered_project(admin)
    staff = api("s", "staff")
    assert staff.post(f"/api/v1/projects/{project['id']}/verify", json={}).status_code == 403
    company_id = project["company_id"]
    lead = admin.post("/api/v1/projects", json={"name_en": "Lead", "company_id": company_id,
                                                "zone": "jxetdz"}).get_json()
    refused = admin.post(f"/api/v1/projects/{lead['id']}/verify", json={})
    assert refused.status_code == 422 and "stage" in refused.get_json()["error"]["fields"]
