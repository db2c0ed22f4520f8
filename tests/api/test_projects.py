"""Projects: create, round trip, validation, versions, lists and filters, access."""

import pytest

from crm.auth.services import create_user

from ..conftest import PASSWORD
from .conftest import error_of, ok, usd

URL = "/api/v1/projects"


def full_body(company_id, park_id):
    return {
        "name_zh": "嘉兴工厂", "name_en": "Jiaxing plant", "company_id": company_id,
        "zone": "jxetdz", "park_id": park_id, "kind": "park_cooperation",
        "criteria": ["large", "high", "strong"], "tech_level": "cutting_edge",
        "park_type": ["smart", "brand"], "total_investment": usd("150000000.00"),
        "productive": True, "two_high_one_low": False, "land_mu": 120.5,
        "annual_output": usd("80000000.50"), "annual_tax": usd("6000000"),
        "likelihood": "high", "estimated_land_date": "2026-03-31", "new_jobs": 450,
        "competing_locations": ["Suzhou", "Vietnam"],
        "signed_on": "2025-05-20", "registered_on": "2025-05-30",
        "registered_capital": usd("50000000.00"), "foreign_capital": usd("30000000.00"),
        "owner": "olga", "public_summary": "A plant for optical parts.",
        "notes": "Internal: the CEO prefers Jiaxing.",
    }


def test_create_and_every_field_round_trips(admin, company, make_user):
    make_user("olga", "staff", zones=["jxetdz"])
    park = ok(admin.post("/api/v1/parks", json={"zone": "jxetdz", "name_zh": "浙江中德工业园",
                                                 "name_en": "Sino-German Park",
                                                 "category": "international"}), 201)
    c = company(name_en="Green Lake Optics", country="DE")
    body = full_body(c["id"], park["id"])
    created = ok(admin.post(URL, json=body), 201)
    assert created == ok(admin.get(f"{URL}/{created['id']}"))
    assert created["stage"] == "lead"
    assert created["version"] == 1
    assert created["verified"] is None
    assert created["total_investment_usd"] == "150000000.00"
    assert created["flags"] == {"mega": True, "fortune500": False, "shuangbai_candidate": True}
    expected = body | {"criteria": ["high", "large", "strong"], "park_type": ["brand", "smart"],
                       "annual_tax": usd("6000000.00")}
    for name, value in expected.items():
        assert created[name] == value, name
    assert created["created_at"].endswith("+00:00")

    # clearing optional fields
    cleared = ok(admin.patch(f"{URL}/{created['id']}", json={
        "version": 1, "park_id": None, "tech_level": None, "criteria": [],
        "total_investment": None, "land_mu": None, "owner": None, "competing_locations": []}))
    assert cleared["version"] == 2
    for name in ("park_id", "tech_level", "total_investment", "total_investment_usd",
                 "land_mu", "owner"):
        assert cleared[name] is None, name
    assert cleared["criteria"] == [] and cleared["competing_locations"] == []
    assert cleared["flags"]["mega"] is False
    assert cleared["name_zh"] == "嘉兴工厂"


def test_a_get_body_can_be_sent_back_as_a_patch(admin, project):
    p = project(name_en="Echo", total_investment=usd("10.00"))
    echoed = dict(p, name_en="Echo 2")
    for name in ("company_id", "zone", "stage"):
        echoed.pop(name)
    changed = ok(admin.patch(f"{URL}/{p['id']}", json=echoed))
    assert changed["name_en"] == "Echo 2"
    assert changed["version"] == p["version"] + 1
    assert changed["total_investment"] == usd("10.00")


def test_create_validation(admin, company):
    c = company()
    base = {"company_id": c["id"], "zone": "jxetdz", "name_en": "P"}

    def fields(body):
        return error_of(admin.post(URL, json=body), 422)["fields"]

    assert list(fields(base | {"colour": "red"})) == ["colour"]
    missing = fields({"zone": "jxetdz", "name_en": "P"})
    assert list(missing) == ["company_id"]
    assert missing["company_id"]
    assert list(fields(base | {"total_investment": usd("-1.00")})) == ["total_investment"]
    assert list(fields(base | {"total_investment": {"amount": "1.005", "currency": "USD"}})) \
        == ["total_investment"]
    assert list(fields(base | {"total_investment": {"amount": "1", "currency": "US"}})) \
        == ["total_investment"]
    assert list(fields(base | {"total_investment": "100"})) == ["total_investment"]
    assert list(fields(base | {"name_en": "x" * 201})) == ["name_en"]
    assert list(fields(base | {"notes": "x" * 10_001})) == ["notes"]
    assert list(fields(base | {"company_id": 999999})) == ["company_id"]
    assert list(fields(base | {"zone": "nowhere"})) == ["zone"]
    assert list(fields(base | {"kind": "factory"})) == ["kind"]
    assert list(fields(base | {"criteria": ["huge"]})) == ["criteria.0"]
    assert list(fields(base | {"land_mu": -1})) == ["land_mu"]
    assert list(fields(base | {"new_jobs": -1})) == ["new_jobs"]
    assert list(fields(base | {"estimated_land_date": "31/03/2026"})) == ["estimated_land_date"]
    assert list(fields(base | {"stage": "signed"})) == ["stage"]
    assert list(fields(base | {"owner": "nobody"})) == ["owner"]
    assert list(fields(base | {"park_id": 999999})) == ["park_id"]
    assert list(fields(base | {"park_type": ["smart"]})) == ["park_type"]
    assert list(fields({"company_id": c["id"], "zone": "jxetdz"})) == ["name_zh"]
    assert ok(admin.get(URL))["total"] == 0
    # 200 characters and 10,000 are fine
    created = ok(admin.post(URL, json=base | {"name_en": "x" * 200, "notes": "n" * 10_000}), 201)
    assert created["name_en"] == "x" * 200


def test_deleted_company_is_no_reference(admin, company):
    c = company()
    assert admin.delete(f"/api/v1/companies/{c['id']}").status_code == 204
    fields = error_of(admin.post(URL, json={"company_id": c["id"], "zone": "jxetdz",
                                            "name_en": "P"}), 422)["fields"]
    assert list(fields) == ["company_id"]


def test_patch_versions(admin, project):
    p = project(name_en="Before")
    error = error_of(admin.patch(f"{URL}/{p['id']}", json={"name_en": "After"}), 422)
    assert "version" in error["fields"]
    moved = ok(admin.patch(f"{URL}/{p['id']}", json={"version": 1, "name_en": "Middle"}))
    assert moved["version"] == 2
    stale = admin.patch(f"{URL}/{p['id']}", json={"version": 1, "name_en": "After",
                                                   "total_investment": usd("5.00")})
    assert error_of(stale, 409)["code"] == "conflict"
    now = ok(admin.get(f"{URL}/{p['id']}"))
    assert now["name_en"] == "Middle" and now["version"] == 2 and now["total_investment"] is None
    # an invalid PATCH writes nothing either
    error_of(admin.patch(f"{URL}/{p['id']}", json={"version": 2, "name_en": "Z",
                                                    "land_mu": -5}), 422)
    assert ok(admin.get(f"{URL}/{p['id']}")) == now
    # and a stage cannot be changed through PATCH
    fields = error_of(admin.patch(f"{URL}/{p['id']}", json={"version": 2, "stage": "signed"}),
                      422)["fields"]
    assert list(fields) == ["stage"]
    for name in ("company_id", "zone", "kind", "name_zh"):
        fields = error_of(admin.patch(f"{URL}/{p['id']}", json={"version": 2, name: None}),
                          422)["fields"]
        assert list(fields) == [name]


def test_delete(admin, project):
    p = project()
    assert admin.delete(f"{URL}/{p['id']}").status_code == 204
    assert error_of(admin.get(f"{URL}/{p['id']}"), 404)["code"] == "not_found"
    assert ok(admin.get(URL))["total"] == 0
    assert admin.delete(f"{URL}/{p['id']}").status_code == 404


def test_pagination(admin, company, project):
    c = company()
    made = [project(company_id=c["id"], name_en=f"P{n}")["id"] for n in range(5)]
    first = ok(admin.get(URL, query_string={"per_page": 2}))
    assert set(first) == {"items", "page", "per_page", "total"}
    assert first["total"] == 5 and first["page"] == 1 and first["per_page"] == 2
    pages = [first] + [ok(admin.get(URL, query_string={"per_page": 2, "page": n}))
                       for n in (2, 3, 4)]
    seen = [p["id"] for page in pages for p in page["items"]]
    assert sorted(seen) == sorted(made)
    assert pages[3]["items"] == []
    assert ok(admin.get(URL, query_string={"per_page": 200}))["per_page"] == 200
    assert "per_page" in error_of(admin.get(URL + "?per_page=201"), 422)["fields"]
    assert "page" in error_of(admin.get(URL + "?page=x"), 422)["fields"]


@pytest.fixture
def pipeline(admin, company, project):
    de = company(name_en="Bosch", country="DE")
    jp = company(name_en="Toyota", country="JP")
    return {
        "plant": project(company_id=de["id"], name_zh="嘉兴工厂", name_en="Jiaxing plant",
                         zone="jxetdz", kind="new", criteria=["high", "large"]),
        "lab": project(company_id=jp["id"], name_zh="研发中心", name_en="R&D lab",
                       zone="jsetdz", kind="rd_center", criteria=["new"],
                       total_investment=usd("100000000.00")),
        "grow": project(company_id=de["id"], name_en="Line 2 (50% more)", zone="jxetdz",
                        kind="expansion"),
    }


@pytest.mark.parametrize("query, expected", [
    ({}, {"plant", "lab", "grow"}),
    ({"zone": "jxetdz"}, {"plant", "grow"}),
    ({"zone": "jsetdz"}, {"lab"}),
    ({"zone": "hnedz"}, set()),
    ({"kind": "rd_center"}, {"lab"}),
    ({"criteria": "large"}, {"plant"}),
    ({"criteria": "new"}, {"lab"}),
    ({"flag": "mega"}, {"lab"}),
    ({"country": "DE"}, {"plant", "grow"}),
    ({"country": "jp"}, {"lab"}),
    ({"q": "嘉兴工厂"}, {"plant"}),
    ({"q": "工厂"}, {"plant"}),
    ({"q": "jxgc"}, {"plant"}),
    ({"q": "jiaxinggongchang"}, {"plant"}),
    ({"q": "JiaXing GongChang"}, {"plant"}),
    ({"q": "plant"}, {"plant"}),
    ({"q": "r&d"}, {"lab"}),
    ({"q": "50%"}, {"grow"}),
    ({"q": "_"}, set()),
    ({"zone": "jxetdz", "kind": "expansion"}, {"grow"}),
])
def test_filters(admin, pipeline, query, expected):
    items = ok(admin.get(URL, query_string=query))["items"]
    assert {p["id"] for p in items} == {pipeline[k]["id"] for k in expected}


def test_stage_filter_and_bad_filters(admin, pipeline):
    ok(admin.post(f"{URL}/{pipeline['lab']['id']}/stage", json={"stage": "contacted"}))
    items = ok(admin.get(URL, query_string={"stage": "contacted"}))["items"]
    assert [p["id"] for p in items] == [pipeline["lab"]["id"]]
    assert {p["id"] for p in ok(admin.get(URL, query_string={"stage": "lead"}))["items"]} == {
        pipeline["plant"]["id"], pipeline["grow"]["id"]}
    for name, value in (("stage", "done"), ("kind", "x"), ("flag", "big"), ("criteria", "huge")):
        assert name in error_of(admin.get(URL, query_string={name: value}), 422)["fields"]


# -- access ------------------------------------------------------------------------------------


def test_staff_sees_and_changes_only_their_zone(api, admin, pipeline, company):
    bob = api("bob", "staff")
    lab = pipeline["lab"]  # in jsetdz
    listed = ok(bob.get(URL))
    assert {p["id"] for p in listed["items"]} == {pipeline["plant"]["id"], pipeline["grow"]["id"]}
    assert listed["total"] == 2
    assert ok(bob.get(URL, query_string={"zone": "jsetdz"}))["total"] == 0
    assert ok(bob.get(URL, query_string={"flag": "mega"}))["total"] == 0
    assert error_of(bob.get(f"{URL}/{lab['id']}"), 404)["code"] == "not_found"
    assert bob.patch(f"{URL}/{lab['id']}", json={"version": 1, "name_en": "x"}).status_code \
        == 404
    assert bob.post(f"{URL}/{lab['id']}/stage", json={"stage": "contacted"}).status_code == 404
    assert bob.get(f"{URL}/{lab['id']}/history").status_code == 404
    assert bob.delete(f"{URL}/{lab['id']}").status_code == 404
    assert ok(admin.get(f"{URL}/{lab['id']}")) == lab

    c = company()
    forbidden = bob.post(URL, json={"company_id": c["id"], "zone": "jsetdz", "name_en": "X"})
    assert error_of(forbidden, 403)["code"] == "forbidden"
    mine = ok(bob.post(URL, json={"company_id": c["id"], "zone": "jxetdz", "name_en": "X"}), 201)
    moved = bob.patch(f"{URL}/{mine['id']}", json={"version": 1, "zone": "jsetdz"})
    assert error_of(moved, 403)["code"] == "forbidden"
    assert ok(admin.get(f"{URL}/{mine['id']}"))["zone"] == "jxetdz"
    assert ok(admin.get(URL))["total"] == 4


def test_partner_sees_only_their_companies_public_fields(api, admin, company, project):
    mine = company(name_en="Partner Co")
    other = company(name_en="Other Co")
    p = project(company_id=mine["id"], name_zh="合作项目", name_en="Joint plant",
                total_investment=usd("2000000.00"), public_summary_en="Public words",
                notes="Secret words", zone="jsetdz")
    hidden = project(company_id=other["id"], name_en="Hidden")
    create_user("petra", PASSWORD, "partner", company_ids=[mine["id"]], locale="en")
    petra = api("petra", None)
    public = {"id": p["id"], "name_zh": "合作项目", "name_en": "Joint plant", "zone": "jsetdz",
              "kind": "new", "stage": "lead", "total_investment": usd("2000000.00"),
              "public_summary": "Public words", "public_summary_zh": "",
              "public_summary_en": "Public words"}
    assert ok(petra.get(f"{URL}/{p['id']}")) == public
    listed = ok(petra.get(URL))
    assert listed["items"] == [public] and listed["total"] == 1
    assert ok(petra.get(URL, query_string={"q": "hidden"}))["total"] == 0
    assert error_of(petra.get(f"{URL}/{hidden['id']}"), 404)["code"] == "not_found"
    assert petra.get(f"{URL}/999999").status_code == 404
    # a partner writes nothing
    assert petra.patch(f"{URL}/{p['id']}", json={"version": 1, "name_en": "x"}).status_code \
        in (403, 404)
    # the role may not edit at all: the same 403 for a hidden and a missing id, so no leak
    assert petra.patch(f"{URL}/{hidden['id']}", json={"version": 1}).status_code == 403
    assert petra.patch(f"{URL}/999999", json={"version": 1}).status_code == 403
    assert petra.post(f"{URL}/{p['id']}/stage", json={"stage": "contacted"}).status_code \
        in (403, 404)
    assert petra.post(URL, json={"company_id": mine["id"], "zone": "jxetdz",
                                 "name_en": "x"}).status_code == 403
    assert "Secret" not in petra.get(f"{URL}/{p['id']}/history").get_data(as_text=True)
    assert ok(admin.get(f"{URL}/{p['id']}"))["name_en"] == "Joint plant"
    # their companies: only their own
    companies = ok(petra.get("/api/v1/companies"))
    assert [c["id"] for c in companies["items"]] == [mine["id"]]
    assert petra.get(f"/api/v1/companies/{other['id']}").status_code == 404


@pytest.mark.parametrize(("url", "name"), [
    ("/api/v1/projects", "owner"), ("/api/v1/projects", "flag"), ("/api/v1/projects", "country"),
    ("/api/v1/projects", "criteria"), ("/api/v1/projects", "industry"),
    ("/api/v1/companies", "country"), ("/api/v1/companies", "fortune500"),
])
def test_a_partner_filters_by_public_fields_only(api, company, url, name):
    """API.md: a partner may filter by zone, stage, kind and q; comparing totals over any
    other filter would tell owners and flags."""
    mine = company(name_en="Partner Co")
    create_user("petra", PASSWORD, "partner", company_ids=[mine["id"]], locale="en")
    petra = api("petra", None)
    value = {"owner": "admin", "flag": "mega", "country": "DE", "criteria": "high",
             "industry": "automotive", "fortune500": "true"}[name]
    assert list(error_of(petra.get(url, query_string={name: value}), 422)["fields"]) == [name]
    assert ok(petra.get(url, query_string={"q": "partner"}))["total"] >= 0
    assert ok(petra.get("/api/v1/projects", query_string={"zone": "jxetdz", "stage": "lead",
                                                           "kind": "new"}))["total"] == 0
