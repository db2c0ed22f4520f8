"""Zones and parks: the reference records projects point at."""

from .conftest import error_of, ok

ZONES = ["jxetdz", "jsetdz", "phetdz", "hnedz", "txedz", "hyedz", "jxip", "xzip", "jxport"]


def test_zones(api):
    staff = api("bob", "staff")
    page = ok(staff.get("/api/v1/zones"))
    assert page["total"] == 9
    assert [z["code"] for z in page["items"]] == ZONES
    assert page["items"][0] == {"code": "jxetdz", "name_zh": "嘉兴经济技术开发区",
                                "name_en": "Jiaxing Economic and Technological Development Zone",
                                "level": "national"}
    assert {z["level"] for z in page["items"][3:]} == {"provincial"}


def test_parks(api, admin, project):
    staff = api("bob", "staff")
    body = {"zone": "jxetdz", "name_zh": "浙江中德工业园",
            "name_en": "Zhejiang Sino-German Industrial Park", "category": "international"}
    park = ok(admin.post("/api/v1/parks", json=body), 201)
    assert park == body | {"id": park["id"], "version": 1}
    assert ok(staff.get(f"/api/v1/parks/{park['id']}")) == park
    assert error_of(staff.post("/api/v1/parks", json=body), 403)["code"] == "forbidden"
    assert staff.patch(f"/api/v1/parks/{park['id']}",
                       json={"version": 1, "name_en": "x"}).status_code == 403
    changed = ok(admin.patch(f"/api/v1/parks/{park['id']}",
                             json={"version": 1, "category": "new_economy"}))
    assert changed["category"] == "new_economy" and changed["version"] == 2
    assert error_of(admin.patch(f"/api/v1/parks/{park['id']}",
                                json={"version": 1, "name_en": "x"}), 409)
    assert "category" in error_of(admin.post("/api/v1/parks", json=body | {
        "category": "huge"}), 422)["fields"]
    assert "zone" in error_of(admin.post("/api/v1/parks", json=body | {
        "zone": "nowhere"}), 422)["fields"]
    other = ok(admin.post("/api/v1/parks", json=body | {"zone": "jsetdz", "name_zh": "嘉善园",
                                                         "name_en": "Jiashan park"}), 201)
    listed = ok(staff.get("/api/v1/parks", query_string={"zone": "jsetdz"}))
    assert [p["id"] for p in listed["items"]] == [other["id"]]
    assert admin.get("/api/v1/parks/999999").status_code == 404

    # a project's park must be in the project's zone
    p = project(zone="jxetdz", park_id=park["id"])
    assert p["park_id"] == park["id"]
    error = error_of(admin.patch(f"/api/v1/projects/{p['id']}",
                                 json={"version": 1, "park_id": other["id"]}), 422)
    assert list(error["fields"]) == ["park_id"]
    error = error_of(admin.patch(f"/api/v1/projects/{p['id']}",
                                 json={"version": 1, "zone": "jsetdz"}), 422)
    assert list(error["fields"]) == ["park_id"]
    moved = ok(admin.patch(f"/api/v1/projects/{p['id']}",
                           json={"version": 1, "zone": "jsetdz", "park_id": other["id"]}))
    assert (moved["zone"], moved["park_id"]) == ("jsetdz", other["id"])


def test_global500_year_from_the_query_or_else_from_the_rows(admin):
    """API.md: the year from ?year=, or else from the entries, which must then agree."""
    rows = [{"year": 2024, "rank": 1, "name_en": "Walmart"},
            {"year": 2024, "rank": 2, "name_en": "Amazon"}]
    saved = ok(admin.post("/api/v1/reference/global500", json=rows))
    assert {entry["year"] for entry in saved} == {2024} and len(saved) == 2
    mixed = rows[:1] + [{"year": 2023, "rank": 2, "name_en": "Amazon"}]
    assert list(error_of(admin.post("/api/v1/reference/global500", json=mixed),
                         422)["fields"]) == ["year"]
    unsaid = [{"rank": 1, "name_en": "Walmart"}]
    assert list(error_of(admin.post("/api/v1/reference/global500", json=unsaid),
                         422)["fields"]) == ["year"]
    assert len(ok(admin.get("/api/v1/reference/global500?year=2024"))) == 2
