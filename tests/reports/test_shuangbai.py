"""The 双百 list (reference API) and the tracker: counts, target, gap and candidates."""

import pytest

from crm.reference.services import replace_list
from crm.reports.shuangbai import shuangbai


@pytest.fixture
def listed(build, api):
    admin = api("admin", "admin")
    listed_company = build.company("Listed Maker GmbH")
    siemens = build.company("Siemens AG")
    replace_list(2025, [{"rank": 88, "name_en": "Siemens", "name_zh": "西门子"}])
    admin.post("/api/v1/reference/shuangbai?year=2024",
               json=[{"name_zh": f"企业{i}", "name_en": f"Firm {i}"} for i in range(3)])
    response = admin.post("/api/v1/reference/shuangbai?year=2025", json=[
        {"name_zh": "上榜企业", "name_en": "Listed", "company_id": listed_company.id},
        {"name_en": "LISTED maker co., ltd."}])
    assert response.status_code == 200, response.get_json()
    projects = {
        "listed": build.project(listed_company, usd=150_000_000),
        "mega": build.project(usd=120_000_000, path=["contacted"]),
        "lost": build.project(usd=300_000_000, path=["lost"]),
        "small": build.project(usd=2_000_000),
        "fortune": build.project(siemens, usd=2_000_000, zone="jsetdz"),
    }
    return {"admin": admin, "projects": projects, "listed": listed_company}


def test_reference_list(listed, api):
    body = listed["admin"].get("/api/v1/reference/shuangbai?year=2025").get_json()
    assert [(e["year"], e["name_en"], e["company_id"]) for e in body] == [
        (2025, "Listed", listed["listed"].id),
        (2025, "LISTED maker co., ltd.", listed["listed"].id)]  # linked by its name key
    assert len(listed["admin"].get("/api/v1/reference/shuangbai?year=2024").get_json()) == 3
    bad = listed["admin"].post("/api/v1/reference/shuangbai?year=2025",
                               json=[{"name_en": "X", "company_id": 999999}])
    assert bad.status_code == 422 and "0.company_id" in bad.get_json()["error"]["fields"]
    assert len(listed["admin"].get("/api/v1/reference/shuangbai?year=2025").get_json()) == 2
    staff = api("staff1", "staff")
    assert staff.post("/api/v1/reference/shuangbai?year=2025", json=[]).status_code == 403
    assert staff.get("/api/v1/reference/shuangbai?year=2025").status_code == 200


def test_tracker(listed, boss):
    report = shuangbai(boss, 2025)
    assert (report["previous_count"], report["target"], report["count"], report["gap"]) == (
        3, 5, 2, 3)
    candidates = {c["project_id"]: c for c in report["candidates"]}
    projects = listed["projects"]
    assert set(candidates) == {projects["mega"].id, projects["fortune"].id}
    assert candidates[projects["mega"].id]["flags"] == {
        "mega": True, "fortune500": False, "shuangbai_candidate": True}
    assert candidates[projects["fortune"].id]["flags"]["fortune500"] is True
    # a year whose list does not hold the company yet: the listed company's project is back
    later = shuangbai(boss, 2026)
    assert (later["previous_count"], later["target"], later["count"], later["gap"]) == (
        2, 4, 0, 4)
    assert projects["listed"].id in {c["project_id"] for c in later["candidates"]}


def test_api_and_staff(listed, api):
    body = listed["admin"].get("/api/v1/reports/shuangbai?year=2025").get_json()
    assert {k: body[k] for k in ("year", "previous_count", "target", "count", "gap")} == {
        "year": 2025, "previous_count": 3, "target": 5, "count": 2, "gap": 3}
    assert set(body["candidates"][0]) == {"project_id", "name_zh", "name_en", "company_id",
                                          "flags", "unverified"}
    staff = api("staff2", "staff")  # zone jxetdz: the jsetdz candidate is not theirs
    body = staff.get("/api/v1/reports/shuangbai?year=2025").get_json()
    assert [c["project_id"] for c in body["candidates"]] == [listed["projects"]["mega"].id]


def test_api_candidates_come_a_page_at_a_time(listed):
    """API.md: candidates largest first, one page at a time, with their total."""
    admin = listed["admin"]
    whole = admin.get("/api/v1/reports/shuangbai?year=2025").get_json()
    total = whole["candidates_total"]
    assert total == len(whole["candidates"]) >= 2
    first = admin.get("/api/v1/reports/shuangbai?year=2025&per_page=1").get_json()
    second = admin.get("/api/v1/reports/shuangbai?year=2025&per_page=1&page=2").get_json()
    assert first["candidates_total"] == second["candidates_total"] == total
    assert [first["candidates"][0], second["candidates"][0]] == whole["candidates"][:2]
    assert admin.get("/api/v1/reports/shuangbai?per_page=201").status_code == 422
