"""The ledger of paid-in capital on a project's page: payments added and removed, their sum
against registered capital and against foreign capital under contract (合同外资)."""

import re
from datetime import date

from crm.extensions import db
from crm.money import Money
from crm.projects.models import Project
from tests import factories
from tests.conftest import csrf_from


def test_record_a_payment_and_see_it_against_the_capital(client, make_user, login):
    make_user("sam", "staff", zones=["jxetdz"])
    project = factories.registered_project(
        zone="jxetdz", registered_capital=Money.parse("1000000", "USD"),
        foreign_capital=Money.parse("4000000", "USD"))
    login("sam")
    page = client.get(f"/projects/{project.id}").get_data(as_text=True)
    assert "No capital paid in yet." in page
    response = client.post(f"/projects/{project.id}/payments", data={
        "csrf_token": csrf_from(page), "amount_amount": "500000", "amount_currency": "USD",
        "received_on": "2025-04-01", "note": "first"}, follow_redirects=True)
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "The payment was recorded." in html
    assert "50.0% paid in" in re.search(r'data-against="registered_capital">[^<]*', html).group(0)
    assert "12.5% paid in" in re.search(r'data-against="foreign_capital">[^<]*', html).group(0)
    saved = db.session.get(Project, project.id)
    assert saved.paid_in_usd_cents == 50_000_000
    # a payment with no day is refused beside its field, nothing written
    refused = client.post(f"/projects/{project.id}/payments", data={
        "csrf_token": csrf_from(html), "amount_amount": "1", "amount_currency": "USD",
        "received_on": ""})
    assert refused.status_code == 422
    # removed from the ledger
    payment_id = saved.payments[0].id
    done = client.post(f"/projects/{project.id}/payments/{payment_id}/delete",
                       data={"csrf_token": csrf_from(html)}, follow_redirects=True)
    assert "The payment was removed." in done.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Project, project.id).paid_in_usd_cents is None


def test_no_payment_before_signing(client, make_user, login):
    make_user("sam", "staff", zones=["jxetdz"])
    project = factories.negotiating_project(zone="jxetdz")
    login("sam")
    page = client.get(f"/projects/{project.id}").get_data(as_text=True)
    assert "Paid-in capital is recorded from the signed stage on." in page
    response = client.post(f"/projects/{project.id}/payments", data={
        "csrf_token": csrf_from(page), "amount_amount": "5", "amount_currency": "USD",
        "received_on": date(2025, 1, 1).isoformat()})
    assert response.status_code == 422
    assert "Paid-in capital is recorded from the signed stage on." in response.get_data(
        as_text=True)
    assert db.session.get(Project, project.id).payments == []
