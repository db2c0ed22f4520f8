import pytest


@pytest.fixture
def pipeline(api):
    """An admin API client with a company, two projects in two zones and a talent."""
    admin = api("admin")
    company = admin.post("/api/v1/companies", json={"name_en": "Bosch", "country": "DE"})
    company_id = company.get_json()["id"]
    projects = [
        admin.post("/api/v1/projects", json={"name_en": f"Plant {zone}", "company_id": company_id,
                                             "zone": zone}).get_json()["id"]
        for zone in ("jxetdz", "jsetdz")
    ]
    talent = admin.post("/api/v1/talents", json={
        "name": "Anna Schmidt", "nationality": "DE", "talent_type": "rnd",
        "zone": "jxetdz"}).get_json()["id"]
    return {"admin": admin, "company_id": company_id, "project_ids": projects,
            "talent_id": talent}
