"""Money, exchange rates and the derived flags: mega, Fortune 500, 双百 candidate."""

from datetime import timedelta

import pytest

from crm import clock

from .conftest import error_of, ok, usd

URL = "/api/v1/projects"
G500 = "/api/v1/reference/global500"


def ids(response):
    return {p["id"] for p in ok(response)["items"]}


@pytest.mark.parametrize("amount, mega", [
    ("100000000.00", True),
    ("100000000", True),
    ("99999999.99", False),
    ("250000000.50", True),
    ("0.00", False),
])
def test_mega_line_in_dollars(admin, project, amount, mega):
    p = project(total_investment=usd(amount))
    assert p["flags"] == {"mega": mega, "fortune500": False, "shuangbai_candidate": mega}
    assert ids(admin.get(URL, query_string={"flag": "mega"})) == ({p["id"]} if mega else set())
    assert ids(admin.get(URL, query_string={"flag": "shuangbai_candidate"})) == (
        {p["id"]} if mega else set())


def test_no_amount_is_not_mega(admin, project):
    p = project()
    assert p["total_investment"] is None and p["total_investment_usd"] is None
    assert p["flags"]["mega"] is False
    assert ids(admin.get(URL, query_string={"flag": "mega"})) == set()


def test_cny_converted_either_side_of_the_line(admin, project, rates):
    saved = rates(("CNY", "0.14", "2000-01-01"))
    assert saved == [{"currency": "CNY", "usd_per_unit": "0.14", "valid_from": "2000-01-01"}]
    above = project(total_investment={"amount": "714285715.00", "currency": "CNY"})
    below = project(total_investment={"amount": "714285714", "currency": "CNY"})
    assert above["total_investment"] == {"amount": "714285715.00", "currency": "CNY"}
    assert above["total_investment_usd"] == "100000000.10"
    assert below["total_investment_usd"] == "99999999.96"
    assert above["flags"]["mega"] is True
    assert below["flags"]["mega"] is False
    assert ids(admin.get(URL, query_string={"flag": "mega"})) == {above["id"]}


def test_currency_without_a_rate_is_422_on_that_field(admin, project, company, rates):
    c = company()
    base = {"company_id": c["id"], "zone": "jxetdz", "name_en": "P"}
    error = error_of(admin.post(URL, json=base | {
        "total_investment": {"amount": "10.00", "currency": "EUR"}}), 422)
    assert list(error["fields"]) == ["total_investment"]
    error = error_of(admin.post(URL, json=base | {
        "total_investment": usd("10.00"),
        "annual_output": {"amount": "10.00", "currency": "JPY"}}), 422)
    assert list(error["fields"]) == ["annual_output"]
    # a rate from tomorrow is not in force today
    rates(("EUR", "1.08", (clock.today() + timedelta(days=1)).isoformat()))
    error = error_of(admin.post(URL, json=base | {
        "total_investment": {"amount": "10.00", "currency": "EUR"}}), 422)
    assert list(error["fields"]) == ["total_investment"]
    assert ok(admin.get(URL))["total"] == 0
    p = project(company_id=c["id"])
    error = error_of(admin.patch(f"{URL}/{p['id']}", json={
        "version": 1, "foreign_capital": {"amount": "1.00", "currency": "GBP"}}), 422)
    assert list(error["fields"]) == ["foreign_capital"]
    assert ok(admin.get(f"{URL}/{p['id']}")) == p


def test_a_later_rate_does_not_rewrite_an_amount_entered(admin, project, rates):
    rates(("CNY", "0.14", "2000-01-01"))
    old = project(total_investment={"amount": "714285715.00", "currency": "CNY"})
    rates(("CNY", "0.10", clock.today().isoformat()))
    again = ok(admin.get(f"{URL}/{old['id']}"))
    assert again["total_investment_usd"] == "100000000.10"
    assert again["flags"]["mega"] is True
    # changing another field, or sending the same amount back, keeps the rate it was entered at
    changed = ok(admin.patch(f"{URL}/{old['id']}", json={
        "version": 1, "name_en": "Renamed",
        "total_investment": {"amount": "714285715.00", "currency": "CNY"}}))
    assert changed["total_investment_usd"] == "100000000.10"
    # a new amount takes today's rate
    new = project(total_investment={"amount": "714285715.00", "currency": "CNY"})
    assert new["total_investment_usd"] == "71428571.50"
    assert new["flags"]["mega"] is False
    rates_now = ok(admin.get("/api/v1/reference/exchange-rates"))
    assert rates_now == [
        {"currency": "CNY", "usd_per_unit": "0.1", "valid_from": clock.today().isoformat()},
        {"currency": "CNY", "usd_per_unit": "0.14", "valid_from": "2000-01-01"},
    ]


def test_exchange_rates_validation_and_access(api, admin):
    for row, field in (
        ({"currency": "CNY", "usd_per_unit": "0", "valid_from": "2020-01-01"}, "0.usd_per_unit"),
        ({"currency": "CNY", "usd_per_unit": "-1", "valid_from": "2020-01-01"},
         "0.usd_per_unit"),
        ({"currency": "CNY", "usd_per_unit": "abc", "valid_from": "2020-01-01"},
         "0.usd_per_unit"),
        ({"currency": "USD", "usd_per_unit": "1", "valid_from": "2020-01-01"}, "0.currency"),
        ({"currency": "C1Y", "usd_per_unit": "1", "valid_from": "2020-01-01"}, "0.currency"),
        ({"currency": "CNY", "usd_per_unit": "1", "valid_from": "2020-13-01"}, "0.valid_from"),
    ):
        error = error_of(admin.post("/api/v1/reference/exchange-rates", json=[row]), 422)
        assert field in error["fields"], (row, error)
    assert ok(admin.get("/api/v1/reference/exchange-rates")) == []
    staff = api("bob", "staff")
    refused = staff.post("/api/v1/reference/exchange-rates",
                         json=[{"currency": "CNY", "usd_per_unit": "0.14",
                                "valid_from": "2020-01-01"}])
    assert error_of(refused, 403)["code"] == "forbidden"


# -- Fortune Global 500 ------------------------------------------------------------------------


def load(admin, year, *rows):
    body = [{"rank": rank, "name_en": en, "name_zh": zh} for rank, en, zh in rows]
    return ok(admin.post(f"{G500}?year={year}", json=body))


def company_flag(admin, company_id):
    return ok(admin.get(f"/api/v1/companies/{company_id}"))["fortune500"]


def test_a_listed_name_is_fortune500(admin, company):
    siemens = company(name_en="SIEMENS", name_zh="")
    zh_only = company(name_en="", name_zh="丰田汽车有限公司")
    other = company(name_en="Small Firm GmbH")
    entries = load(admin, 2025, (1, "Siemens AG", "西门子"), (2, "Toyota Motor", "丰田汽车"),
                   (3, "Volkswagen", "大众汽车"))
    assert entries[:2] == [
        {"year": 2025, "rank": 1, "name_en": "Siemens AG", "name_zh": "西门子",
         "company_id": siemens["id"]},
        {"year": 2025, "rank": 2, "name_en": "Toyota Motor", "name_zh": "丰田汽车",
         "company_id": zh_only["id"]},
    ]
    assert company_flag(admin, siemens["id"]) is True
    assert company_flag(admin, zh_only["id"]) is True
    assert company_flag(admin, other["id"]) is False
    assert ok(admin.get(G500)) == entries
    assert ok(admin.get(f"{G500}?year=2024")) == []
    # a company created after the list is loaded is matched at once
    later = ok(admin.post("/api/v1/companies", json={"name_en": "Volkswagen A.G."}), 201)
    assert later["fortune500"] is True
    assert later["fortune500_entry"] == {"year": 2025, "rank": 3, "name_en": "Volkswagen",
                                         "name_zh": "大众汽车", "company_id": later["id"]}


def test_a_subsidiary_two_levels_down_and_its_projects(admin, company, project):
    load(admin, 2025, (5, "Siemens", "西门子"))
    group = company(name_en="Siemens AG")
    china = company(name_en="Siemens China", parent_id=group["id"])
    plant = company(name_en="Siemens Jiaxing Works", parent_id=china["id"])
    assert group["fortune500"] and china["fortune500"] and plant["fortune500"]
    assert plant["fortune500_entry"]["rank"] == 5
    p = project(company_id=plant["id"], total_investment=usd("1000.00"))
    assert p["flags"] == {"mega": False, "fortune500": True, "shuangbai_candidate": True}
    unlisted = project(name_en="Plain")
    assert ids(admin.get(URL, query_string={"flag": "fortune500"})) == {p["id"]}
    assert ids(admin.get(URL, query_string={"flag": "shuangbai_candidate"})) == {p["id"]}
    assert unlisted["flags"]["fortune500"] is False

    # a re-import without the group clears it, all the way down
    load(admin, 2025, (5, "Bosch", "博世"))
    assert not any(company_flag(admin, c["id"]) for c in (group, china, plant))
    assert ok(admin.get(f"{URL}/{p['id']}"))["flags"] == {
        "mega": False, "fortune500": False, "shuangbai_candidate": False}
    assert ids(admin.get(URL, query_string={"flag": "fortune500"})) == set()
    # and one that adds it back sets it
    load(admin, 2025, (5, "Bosch", "博世"), (9, "SIEMENS A.G.", ""))
    assert all(company_flag(admin, c["id"]) for c in (group, china, plant))
    assert ok(admin.get(f"{URL}/{p['id']}"))["flags"]["fortune500"] is True
    # the flag does not bump the companies' versions: a client holding one can still PATCH
    assert ok(admin.patch(f"/api/v1/companies/{plant['id']}",
                          json={"version": plant["version"], "industry_detail": "Automation"}))

    # moving the middle company out of the group clears the chain below it
    china_now = ok(admin.get(f"/api/v1/companies/{china['id']}"))
    ok(admin.patch(f"/api/v1/companies/{china['id']}",
                   json={"version": china_now["version"], "parent_id": None}))
    assert company_flag(admin, china["id"]) is False
    assert company_flag(admin, plant["id"]) is False
    assert company_flag(admin, group["id"]) is True


def test_renaming_to_a_listed_name_sets_the_flag(admin, company):
    load(admin, 2025, (3, "Volkswagen", "大众汽车"))
    c = company(name_en="VW Anhui")
    assert c["fortune500"] is False
    renamed = ok(admin.patch(f"/api/v1/companies/{c['id']}",
                             json={"version": c["version"], "name_zh": "大众汽车股份有限公司"}))
    assert renamed["fortune500"] is True
    assert renamed["fortune500_entry"]["name_en"] == "Volkswagen"
    back = ok(admin.patch(f"/api/v1/companies/{c['id']}",
                          json={"version": renamed["version"], "name_zh": "安徽大众"}))
    assert back["fortune500"] is False


def test_the_newest_year_is_what_counts(admin, company):
    old_star = company(name_en="Old Star")
    new_star = company(name_en="New Star")
    load(admin, 2024, (1, "Old Star", ""))
    assert company_flag(admin, old_star["id"]) is True
    load(admin, 2025, (1, "New Star", ""))
    assert company_flag(admin, old_star["id"]) is False
    assert company_flag(admin, new_star["id"]) is True
    # loading an older year later changes nothing
    load(admin, 2023, (1, "Old Star", ""))
    assert company_flag(admin, old_star["id"]) is False
    assert company_flag(admin, new_star["id"]) is True
    assert [e["name_en"] for e in ok(admin.get(G500))] == ["New Star"]
    assert [e["name_en"] for e in ok(admin.get(f"{G500}?year=2024"))] == ["Old Star"]
    yes = ok(admin.get("/api/v1/companies", query_string={"fortune500": "true"}))["items"]
    assert [c["id"] for c in yes] == [new_star["id"]]


def test_global500_validation_and_access(api, admin):
    error = error_of(admin.post(f"{G500}?year=2025", json=[
        {"rank": 1, "name_en": "A"}, {"rank": 1, "name_en": "B"}]), 422)
    assert "1.rank" in error["fields"]
    error = error_of(admin.post(f"{G500}?year=2025", json=[{"rank": 1}]), 422)
    assert "0.name_en" in error["fields"]
    error = error_of(admin.post(f"{G500}?year=2025", json=[{"rank": 0, "name_en": "A"}]), 422)
    assert "0.rank" in error["fields"]
    assert "year" in error_of(admin.post(G500, json=[]), 422)["fields"]
    assert ok(admin.get(G500)) == []
    staff = api("bob", "staff")
    assert staff.post(f"{G500}?year=2025", json=[{"rank": 1, "name_en": "A"}]).status_code \
        == 403
