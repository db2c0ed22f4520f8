"""GET /reports/paid-in (API.md): paid-in per zone from 1 January to today against the same
span of the year before (同比), right across a year end; on the dashboard and as XLSX."""

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from crm import clock
from tests.api.conftest import error_of, ok

URL = "/api/v1/projects"
READY = {"owner": "admin", "likelihood": "high", "estimated_land_date": "2030-01-01",
         "signed_on": "2024-01-02"}


@pytest.fixture
def signed(admin, project):
    def make(zone="jxetdz"):
        p = project(zone=zone, **READY)
        return ok(admin.post(f"{URL}/{p['id']}/stage", json={"stage": "signed"}))
    return make


def pay(admin, project_id, amount, day, currency="USD"):
    ok(admin.post(f"{URL}/{project_id}/payments", json={
        "amount": {"amount": amount, "currency": currency}, "received_on": day}), 201)


def zones_of(report) -> dict:
    return {z["zone"]: (z["usd"], z["previous_usd"]) for z in report["zones"]}


def test_the_span_runs_across_the_year_end(admin, signed, rates, monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: date(2026, 1, 5))
    rates(("EUR", "1.10", "2024-01-01"))
    a, b, gone = signed("jxetdz"), signed("jsetdz"), signed("jxetdz")
    pay(admin, a["id"], "100.00", "2026-01-03")  # this year to date
    pay(admin, a["id"], "1000.00", "2026-01-05", "EUR")  # today, in euros: 1,100 dollars
    pay(admin, a["id"], "7.00", "2025-12-31")  # last year, after its span
    pay(admin, b["id"], "40.00", "2025-01-05")  # the span a year before: to 5 January
    pay(admin, b["id"], "8.00", "2025-01-06")  # a day after that span
    pay(admin, b["id"], "9.00", "2024-12-31")  # the year before that
    pay(admin, gone["id"], "5000.00", "2026-01-02")
    assert admin.delete(f"{URL}/{gone['id']}").status_code == 204  # in the bin: not counted
    report = ok(admin.get("/api/v1/reports/paid-in"))
    assert (report["year"], report["through"]) == (2026, "2026-01-05")
    assert (report["usd"], report["previous_usd"]) == ("1200.00", "40.00")
    got = zones_of(report)
    assert got["jxetdz"] == ("1200.00", "0.00") and got["jsetdz"] == ("0.00", "40.00")
    assert len(got) == 9  # every zone, zero when empty
    # a past year runs to 31 December, against the whole year before
    past = ok(admin.get("/api/v1/reports/paid-in?year=2025"))
    assert (past["through"], past["usd"], past["previous_usd"]) == (
        "2025-12-31", "55.00", "9.00")
    one = ok(admin.get("/api/v1/reports/paid-in?year=2025&zone=jsetdz"))
    assert zones_of(one) == {"jsetdz": ("48.00", "9.00")} and one["usd"] == "48.00"
    error_of(admin.get("/api/v1/reports/paid-in?zone=nowhere"), 422)
    error_of(admin.get("/api/v1/reports/paid-in?year=1800"), 422)


def test_staff_read_their_zones_only(api, admin, signed):
    pay(admin, signed("jsetdz")["id"], "10.00", clock.today().isoformat())
    pay(admin, signed("jxetdz")["id"], "3.00", clock.today().isoformat())
    report = ok(api("sam", "staff").get("/api/v1/reports/paid-in"))
    assert zones_of(report) == {"jxetdz": ("3.00", "0.00")} and report["usd"] == "3.00"


def test_on_the_dashboard_and_as_xlsx(client, admin, signed, login, make_user):
    pay(admin, signed("jxetdz")["id"], "12340000.00", clock.today().isoformat())
    make_user("mia", "manager")
    login("mia")
    html = client.get("/reports").get_data(as_text=True)
    assert 'id="paid-in"' in html and "US$12.3M" in html
    response = client.get(f"/reports/paid_in.xlsx?year={clock.today().year}")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.data)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("Zone", "Code", "Paid in (US$)", "Same span last year (US$)")
    jx = next(r for r in rows if r[1] == "jxetdz")
    assert float(jx[2]) == 12340000.0 and float(jx[3]) == 0.0
    chinese = load_workbook(io.BytesIO(client.get(
        f"/reports/paid_in.xlsx?year={clock.today().year}&lang=zh").data)).active
    rows = list(chinese.iter_rows(values_only=True))
    assert rows[0][2:4] == ("实际到资（万美元）", "上年同期（万美元）")
    assert float(next(r for r in rows if r[1] == "jxetdz")[2]) == 1234.0
