import pytest

from tests import factories


@pytest.fixture
def pipeline(api):
    """An admin API client with a company, two projects in two zones and a talent."""
    admin = api("admin")
    by = factories.find_user("admin")
    company = factories.company("Bosch", by=by)
    projects = [factories.lead_project(company, by=by, zone=zone, name_en=f"Plant {zone}").id
                for zone in ("jxetdz", "jsetdz")]
    return {"admin": admin, "company_id": company.id, "project_ids": projects,
            "talent_id": factories.talent(by=by).id}
