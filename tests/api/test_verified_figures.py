"""Figures a manager can report upward (issue 10, API.md "After signing"): a registered project
counts in the reports only once verified, and the unverified are given beside the figures —
through the API, on the pages and in the XLSX files; a verification cleared by a move back or
an amount changed takes the project out again (the rollups follow in the same transaction)."""

import io

import pytest
from openpyxl import load_workbook

from crm.extensions import db
from crm.reports import rollups
from tests.api.conftest import ok, usd

URL = "/api/v1/projects"
READY = {"owner": "admin", "likelihood": "high", "estimated_land_date": "2030-01-01",
         "signed_on": "2024-01-02", "registered_on": "2024-02-01",
         "registered_capital": usd("2000000.00")}


@pytest.fixture
def registered(admin, project):
    """A project of US$5M moved to registered (not verified), and the manager's client."""
    made = project(total_investment=usd("5000000.00"), **READY)
    ok(admin.post(f"{URL}/{made['id']}/stage", json={"stage": "registered"}))
    return made


def stages(client) -> dict:
    return {row["stage"]: row for row in ok(client.get("/api/v1/reports/funnel"))["stages"]}


def funnel_row(html: str, stage: str) -> str:
    return html.split(f'<tr data-stage="{stage}">')[1].split("</tr>")[0]


def rollups_agree() -> None:
    with db.engine.begin() as connection:
        assert rollups.check(connection) == []


def test_a_registered_project_counts_only_once_verified(admin, api, registered, client,
                                                          login):
    manager = api("m", "manager")
    before = stages(manager)
    assert {k: before["registered"][k] for k in ("reached", "current", "usd", "unverified")} == {
        "reached": 0, "current": 0, "usd": "0.00", "unverified": 1}
    # reaching signed is counted for every project: nothing awaits verification before
    assert (before["signed"]["reached"], before["signed"]["unverified"]) == (1, 0)
    assert before["lead"]["unverified"] == 0
    league = {z["zone"]: z for z in ok(manager.get("/api/v1/reports/league"))["zones"]}
    assert league["jxetdz"]["unverified"] == 1 and league["jsetdz"]["unverified"] == 0

    login("m")
    html = client.get("/reports?lang=zh").get_data(as_text=True)
    assert 'data-col="reached">0<span class="unverified">另有1个待核实</span>' in funnel_row(
        html, "registered")
    assert "另有" not in funnel_row(html, "signed")
    english = client.get("/reports?lang=en").get_data(as_text=True)
    assert "plus 1 unverified" in funnel_row(english, "registered")
    overview = client.get("/?lang=zh").get_data(as_text=True)
    assert "另有1个待核实" in overview
    book = load_workbook(io.BytesIO(client.get("/reports/funnel.xlsx?lang=en").data))
    sheet = book.active
    header = [cell.value for cell in sheet[1]]
    column = header.index("Unverified, not counted")
    registered_row = next(r for r in sheet.iter_rows(values_only=True) if r[1] == "registered")
    assert (registered_row[2], registered_row[column]) == (0, 1)

    ok(manager.post(f"{URL}/{registered['id']}/verify", json={"note": "Licence seen"}))
    after = stages(manager)
    assert {k: after["registered"][k] for k in ("reached", "current", "usd", "unverified")} == {
        "reached": 1, "current": 1, "usd": "5000000.00", "unverified": 0}
    html = client.get("/reports?lang=zh").get_data(as_text=True)
    assert 'data-col="reached">1<' in funnel_row(html, "registered")
    assert "待核实</span>" not in funnel_row(html, "registered")
    league = {z["zone"]: z for z in ok(manager.get("/api/v1/reports/league"))["zones"]}
    assert league["jxetdz"]["unverified"] == 0
    rollups_agree()


def test_a_move_back_or_a_new_amount_clears_the_verification(admin, api, registered):
    manager = api("m", "manager")
    url = f"{URL}/{registered['id']}"
    ok(manager.post(f"{url}/verify", json={}))
    assert stages(manager)["registered"]["reached"] == 1
    # back to signed: the verification is cleared, the registration it reached awaits one again
    moved = ok(admin.post(f"{url}/stage", json={"stage": "signed"}))
    assert moved["verified"] is None
    back = stages(manager)
    assert (back["registered"]["reached"], back["registered"]["unverified"]) == (0, 1)
    assert (back["signed"]["current"], back["signed"]["unverified"]) == (1, 0)
    rollups_agree()
    # what has reached registered may be verified wherever it is now
    verified = ok(manager.post(f"{url}/verify", json={"note": "Licence seen again"}))
    assert verified["verified"]["by"] == "m"
    assert stages(manager)["registered"]["reached"] == 1
    # an edit that is no amount keeps it; an amount changed clears it
    kept = ok(admin.patch(url, json={"version": verified["version"], "notes": "seen"}))
    assert kept["verified"] is not None
    changed = ok(admin.patch(url, json={"version": kept["version"],
                                        "total_investment": usd("6000000.00")}))
    assert changed["verified"] is None
    assert stages(manager)["registered"]["unverified"] == 1
    rollups_agree()


def test_paid_in_of_an_unverified_project_is_given_beside(admin, api, registered, client,
                                                          login):
    manager = api("m", "manager")
    ok(admin.post(f"{URL}/{registered['id']}/payments", json={
        "amount": usd("300.00"), "received_on": "2024-03-01"}), 201)
    report = ok(manager.get("/api/v1/reports/paid-in?year=2024"))
    zone = next(z for z in report["zones"] if z["zone"] == "jxetdz")
    assert (report["usd"], report["unverified_usd"]) == ("0.00", "300.00")
    assert (zone["usd"], zone["unverified_usd"]) == ("0.00", "300.00")
    login("m")
    book = load_workbook(io.BytesIO(
        client.get("/reports/paid_in.xlsx?year=2024&lang=en").data))
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[0][5].startswith("Awaiting verification, not counted")
    assert next(r for r in rows if r[1] == "jxetdz")[5] == 300

    ok(manager.post(f"{URL}/{registered['id']}/verify", json={}))
    report = ok(manager.get("/api/v1/reports/paid-in?year=2024"))
    assert (report["usd"], report["unverified_usd"]) == ("300.00", "0.00")


def test_shuangbai_candidates_say_which_await_verification(admin, api, project):
    manager = api("m", "manager")
    big = project(total_investment=usd("150000000.00"), **READY)
    ok(admin.post(f"{URL}/{big['id']}/stage", json={"stage": "registered"}))
    body = ok(manager.get("/api/v1/reports/shuangbai"))
    assert (body["candidates_total"], body["unverified"]) == (1, 1)
    assert body["candidates"][0]["unverified"] is True
    ok(manager.post(f"{URL}/{big['id']}/verify", json={}))
    body = ok(manager.get("/api/v1/reports/shuangbai"))
    assert (body["candidates_total"], body["unverified"]) == (1, 0)
    assert body["candidates"][0]["unverified"] is False
