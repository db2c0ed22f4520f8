"""Paid-in capital in instalments (issue 10, API.md "After signing"): each payment's US-dollar
value at its own day's rate, the project's read-only paid_in their sum, only from signed on."""

from datetime import timedelta

from crm.auth.services import create_user
from crm.clock import today
from tests.api.conftest import error_of, ok
from tests.factories import PASSWORD

URL = "/api/v1/projects"
READY = {"owner": "admin", "likelihood": "high", "estimated_land_date": "2030-01-01",
         "signed_on": "2025-01-02"}


def signed(admin, project, **fields):
    p = project(**READY, **fields)
    return ok(admin.post(f"{URL}/{p['id']}/stage", json={"stage": "signed"}))


def pay(client, project_id, amount, currency, day, note=""):
    return client.post(f"{URL}/{project_id}/payments", json={
        "amount": {"amount": amount, "currency": currency}, "received_on": day, "note": note})


def test_two_currencies_summed_in_us_dollars(admin, project, rates):
    # the euro's rate changes: each payment keeps the rate of its own day
    rates(("EUR", "1.10", "2025-01-01"), ("EUR", "1.20", "2025-07-01"))
    p = signed(admin, project, registered_capital={"amount": "2000000.00", "currency": "USD"},
               foreign_capital={"amount": "1000000.00", "currency": "EUR"})
    assert p["paid_in"] is None  # no payment yet
    first = ok(pay(admin, p["id"], "100000", "EUR", "2025-03-01", "first instalment"), 201)
    assert first == {"id": first["id"], "amount": {"amount": "100000.00", "currency": "EUR"},
                     "amount_usd": "110000.00", "received_on": "2025-03-01",
                     "note": "first instalment"}
    ok(pay(admin, p["id"], "100000", "EUR", "2025-08-01"), 201)  # at 1.20
    ok(pay(admin, p["id"], "250000.50", "USD", "2025-09-30"), 201)
    listed = ok(admin.get(f"{URL}/{p['id']}/payments"))
    assert [x["amount_usd"] for x in listed] == ["110000.00", "120000.00", "250000.50"]
    read = ok(admin.get(f"{URL}/{p['id']}"))
    assert read["paid_in"] == {"amount": "480000.50", "currency": "USD"}
    assert read["version"] == p["version"] + 3  # each payment changes paid_in
    # paid_in is read-only: a PATCH that sends it back leaves it as it is
    ok(admin.patch(f"{URL}/{p['id']}", json=read | {"paid_in": {"amount": "1.00",
                                                                "currency": "USD"}}))
    assert ok(admin.get(f"{URL}/{p['id']}"))["paid_in"]["amount"] == "480000.50"
    # a payment removed is out of the sum
    assert admin.delete(f"{URL}/{p['id']}/payments/{first['id']}").status_code == 204
    assert ok(admin.get(f"{URL}/{p['id']}"))["paid_in"]["amount"] == "370000.50"
    error_of(admin.delete(f"{URL}/{p['id']}/payments/{first['id']}"), 404)


def test_refused_before_signed_in_the_future_or_without_a_rate(admin, project, rates):
    lead = project()
    error = error_of(pay(admin, lead["id"], "100", "USD", "2025-01-01"), 422)
    assert list(error["fields"]) == ["stage"]
    assert ok(admin.get(f"{URL}/{lead['id']}/payments")) == []
    p = signed(admin, project)
    tomorrow = (today() + timedelta(days=1)).isoformat()
    error = error_of(pay(admin, p["id"], "100", "USD", tomorrow), 422)
    assert list(error["fields"]) == ["received_on"]
    rates(("GBP", "1.25", "2025-06-01"))
    error = error_of(pay(admin, p["id"], "100", "GBP", "2025-05-31"), 422)  # before its rate
    assert list(error["fields"]) == ["amount"]
    for body in ({"received_on": "2025-01-01"}, {"amount": None, "received_on": "2025-01-01"},
                 {"amount": {"amount": "-1", "currency": "USD"}, "received_on": "2025-01-01"},
                 {"amount": {"amount": "1", "currency": "USD"}, "received_on": "2025-01-01",
                  "by": "x"}):
        error_of(admin.post(f"{URL}/{p['id']}/payments", json=body), 422)
    assert ok(admin.get(f"{URL}/{p['id']}/payments")) == []


def test_access_other_zone_and_partner(api, admin, project, company):
    mine = company(name_en="Partner's own")
    p = signed(admin, project, company_id=mine["id"])
    other = signed(admin, project, zone="jsetdz")
    ok(pay(admin, other["id"], "5", "USD", "2025-02-01"), 201)
    staff = api("sam", "staff")  # zone jxetdz
    ok(pay(staff, p["id"], "5", "USD", "2025-02-01"), 201)
    error_of(staff.get(f"{URL}/{other['id']}/payments"), 404)
    error_of(pay(staff, other["id"], "5", "USD", "2025-02-01"), 404)
    create_user("petra", PASSWORD, "partner", company_ids=[mine["id"]], locale="en")
    petra = api("petra", None)
    error_of(petra.get(f"{URL}/{p['id']}/payments"), 403)
    error_of(pay(petra, p["id"], "5", "USD", "2025-02-01"), 403)
    assert "paid_in" not in ok(petra.get(f"{URL}/{p['id']}"))


def test_payments_are_in_the_audit_trail(admin, project):
    p = signed(admin, project)
    made = ok(pay(admin, p["id"], "7.50", "USD", "2025-02-01"), 201)
    latest = ok(admin.get(f"/api/v1/audit?kind=projects&id={p['id']}"))["items"][0]
    key = f"payments.{made['id']}"
    assert latest["changes"][f"{key}.amount_cents"] == [None, 750]
    assert latest["changes"][f"{key}.received_on"] == [None, "2025-02-01"]


def test_the_audit_page_names_milestone_and_payment_changes(admin, project, client, login):
    p = signed(admin, project)
    ok(pay(admin, p["id"], "7.50", "USD", "2025-02-01"), 201)
    p = ok(admin.get(f"{URL}/{p['id']}"))
    ok(admin.call("PUT", f"{URL}/{p['id']}/milestones", json={
        "version": p["version"], "milestones": [{"code": "land", "planned_on": "2027-01-01"}]}))
    login("admin")
    html = client.get(f"/admin/audit?kind=projects&id={p['id']}").get_data(as_text=True)
    assert "Land supplied · Planned date" in html
    assert "Paid-in capital" in html and "Amount received" in html and "7.50" in html
