"""The rollups (crm.reports.rollups) against a plain recount (tests/reports/recount.py): a varied
world made through the API and the services — stage moves with skips, lost and on hold and a
second signing, edits of zone, kind, amount and land, deletes and restores, a company joining
the Fortune 500, meetings linking several zones, link and date edits, follow-ups — and every
report compared, for a manager and for staff of two zones; then ``crm rollups --check``."""

from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from crm.extensions import db
from crm.projects.models import StageChange
from crm.projects.services import dashboard_summary
from crm.reports import rollups
from crm.reports.activity import activity
from crm.reports.funnel import ROLLED_UP, funnel
from crm.reports.industries import industries
from crm.reports.league import league
from crm.reports.paid_in import paid_in
from crm.reports.shuangbai import shuangbai
from tests import factories

from . import recount
from .conftest import at, stays_counted

A, B, C = "jxetdz", "jsetdz", "phetdz"
G500 = "/api/v1/reference/global500"


def ok(response, status=200):
    assert response.status_code == status, response.get_json()
    return response.get_json()


@pytest.fixture
def world(build, api, boss):
    """Projects, talents and meetings in three zones, made and then changed every way the
    rollups must follow."""
    admin = api("admin", "admin")
    ok(admin.post(f"{G500}?year=2025", json=[{"rank": 8, "name_en": "Siemens",
                                               "name_zh": "西门子"}]))
    siemens = build.company("Siemens AG")
    bosch = build.company("Bosch Rexroth", country="CN", industry="high_end_equipment")
    day = timedelta(days=1)
    start = at(2024, 3, 1)

    p = {}
    p["skip"] = build.project(usd=150_000_000, path=["contacted", "signed"], created=start,
                              moves=[start + 10 * day, start + 40 * day], criteria=["high"])
    p["lost"] = build.project(usd=5_000_000, path=["contacted", "lost"], created=start,
                              moves=[start + 3 * day, start + 9 * day])
    p["lead"] = build.project(zone=B, usd=1_000_000, kind="rd_center", created=at(2025, 2, 1))
    p["land"] = build.project(siemens, zone=B, usd=30_000_000, path=["signed", "registered"],
                              created=at(2025, 1, 5), moves=[at(2025, 2, 1), at(2025, 3, 3)],
                              land_mu=50, output=2_000_000, tax=300_000)
    # on hold and back, signed, back to negotiating and signed again in the same year
    p["twice"] = build.project(
        bosch, zone=C, usd=80_000_000, land_mu=12.5, output=900_000,
        path=["negotiating", "on_hold", "negotiating", "signed", "negotiating", "signed"],
        created=at(2025, 1, 10),
        moves=[at(2025, 1, 20), at(2025, 2, 1), at(2025, 2, 20), at(2025, 3, 10),
               at(2025, 4, 2), at(2025, 5, 20)])
    p["moved"] = build.project(usd=20_000_000, path=["contacted", "negotiating"],
                               created=at(2024, 11, 30, 20), moves=[at(2025, 1, 2),
                                                                    at(2025, 6, 1)])
    p["binned"] = build.project(zone=C, usd=120_000_000, path=["signed"],
                                created=at(2025, 3, 1), moves=at(2025, 4, 1))
    p["back"] = build.project(zone=C, usd=60_000_000, path=["contacted"],
                              created=at(2025, 3, 1), moves=at(2025, 3, 20))
    # verification (核实): verified and kept; verified then moved back (cleared); verified,
    # moved on (cleared) and verified again; registered and never verified
    p["checked"] = build.project(zone=B, usd=7_000_000, land_mu=5, output=50_000,
                                 path=["signed", "registered"], created=at(2025, 1, 3),
                                 moves=[at(2025, 2, 3), at(2025, 3, 5)], verified=True)
    p["undone"] = build.project(zone=C, usd=9_000_000, land_mu=8, output=70_000,
                                path=["signed", "registered"], created=at(2025, 1, 4),
                                moves=[at(2025, 2, 4), at(2025, 3, 6)], verified=True)
    p["again"] = build.project(zone=A, usd=11_000_000, path=["signed", "registered"],
                               created=at(2025, 1, 6), verified=True)
    p["pending"] = build.project(bosch, zone=C, usd=130_000_000, land_mu=3, output=10_000,
                                 path=["signed", "registered", "construction"],
                                 created=at(2025, 1, 7), moves=[at(2025, 2, 7), at(2025, 3, 8),
                                                                at(2025, 4, 9)])
    p["recent"] = build.project(zone=A, usd=2_000_000)
    factories.move(p["recent"], "contacted", "negotiating")  # now: this week's activity

    t1 = factories.move(factories.talent(zone=B), "landed")
    factories.backdate(t1, moves=at(2025, 4, 10))
    t2 = factories.move(factories.talent(zone=C, name="Ben Early"), "landed")
    factories.backdate(t2, moves=at(2025, 5, 10))
    t3 = factories.talent(zone=A, name="Cleo Gone")

    def meeting(day, **values):
        return ok(admin.post("/api/v1/interactions", json={
            "kind": "meeting", "occurred_on": day.isoformat(), "subject": "Talk", **values}),
            201)

    yesterday = date.today() - timedelta(days=1)
    m1 = meeting(date(2025, 4, 1), project_ids=[p["skip"].id, p["land"].id],
                 talent_ids=[t1.id])
    m2 = meeting(date(2025, 5, 1), project_ids=[p["land"].id, p["moved"].id])
    meeting(date(2025, 5, 2), project_ids=[p["binned"].id], talent_ids=[t3.id])
    m4 = meeting(date(2025, 5, 6), zone=A, follow_ups=[
        {"title": "Send the offer", "due_on": yesterday.isoformat(), "owner": "boss"},
        {"title": "Done already", "due_on": yesterday.isoformat(), "done": True},
        {"title": "Later", "due_on": (date.today() + timedelta(days=3)).isoformat()}])
    m5 = meeting(date.today(), project_ids=[p["twice"].id, p["recent"].id],
                 follow_ups=[{"title": "Call", "due_on": "2025-01-01"}])
    m6 = meeting(date(2025, 5, 3), project_ids=[p["skip"].id])
    meeting(date.today() - timedelta(days=20), zone=C)  # linked to nothing
    m7 = meeting(date(2025, 5, 7), zone=B, follow_ups=[{"title": "Gone", "due_on": "2025-06-01"}])
    m8 = meeting(date(2025, 5, 8), talent_ids=[t2.id])

    def pay(project, day, amount="1000000"):
        return ok(admin.post(f"/api/v1/projects/{project.id}/payments", json={
            "amount": {"amount": amount, "currency": "USD"}, "received_on": day}), 201)

    this_year = date.today().year
    paid = {"land": pay(p["land"], "2025-03-10"), "early": pay(p["land"], "2024-06-01", "7000"),
            "checked": pay(p["checked"], "2025-04-01", "250000.50"),
            "pending": pay(p["pending"], f"{this_year}-01-02", "330000"),
            "undone": pay(p["undone"], "2025-03-20", "90000"),
            "again": pay(p["again"], "2025-02-01", "120000"),
            "binned": pay(p["binned"], "2025-05-01", "64000"),
            "twice": pay(p["twice"], f"{this_year}-01-01", "45000"),
            "gone": pay(p["twice"], "2025-06-01", "5000")}
    pay(p["skip"], f"{this_year}-01-01", "800")

    # -- and now every kind of change ---------------------------------------------------------
    def patch(resource, record_id, **values):
        url = f"/api/v1/{resource}/{record_id}"
        return ok(admin.patch(url, json={"version": ok(admin.get(url))["version"], **values}))

    patch("projects", p["moved"].id, zone=B, kind="expansion",
          total_investment={"amount": "210000000", "currency": "USD"})
    patch("projects", p["land"].id, land_mu=55.5, annual_tax={"amount": "400000",
                                                              "currency": "USD"})
    patch("projects", p["skip"].id, total_investment={"amount": "90000000", "currency": "USD"})
    factories.verify(p["land"])
    patch("projects", p["land"].id, notes="Still verified: no amount changed")
    factories.move(p["undone"], "signed")  # back: the verification is cleared
    factories.move(p["again"], "construction")
    factories.verify(p["again"])
    patch("projects", p["checked"].id, zone=C)  # verified, it moves zone with its figures
    ok(admin.post(f"/api/v1/projects/{p['checked'].id}/verify", json={"note": "again"}))
    assert admin.delete(f"/api/v1/projects/{p['binned'].id}").status_code == 204
    assert admin.delete(f"/api/v1/projects/{p['back'].id}").status_code == 204
    ok(admin.post(f"/api/v1/bin/projects/{p['back'].id}/restore"))
    patch("talents", t2.id, zone=A)
    assert admin.delete(f"/api/v1/talents/{t3.id}").status_code == 204
    patch("interactions", m1["id"], project_ids=[p["land"].id, p["twice"].id])
    patch("interactions", m2["id"], occurred_on="2025-06-15")
    follow_ups = ok(admin.get(f"/api/v1/interactions/{m4['id']}"))["follow_ups"]
    patch("interactions", m4["id"], follow_ups=[
        {**follow_ups[0], "done": False}, {**follow_ups[2], "done": True}])
    assert admin.delete(f"/api/v1/interactions/{m6['id']}").status_code == 204
    assert admin.delete(f"/api/v1/interactions/{m7['id']}").status_code == 204
    patch("interactions", m5["id"], zone=B)  # its overdue follow-up moves with it
    assert admin.delete(f"/api/v1/interactions/{m5['id']}").status_code == 204
    ok(admin.post(f"/api/v1/bin/interactions/{m5['id']}/restore"))
    # companies change industry: Siemens gets one, Bosch leaves its own for another
    patch("companies", siemens.id, industry="biomedicine")
    patch("companies", bosch.id, industry="new_materials")
    # Bosch joins the list: its project becomes a 双百 candidate and a Fortune 500 signing
    ok(admin.post(f"{G500}?year=2025", json=[
        {"rank": 8, "name_en": "Siemens", "name_zh": "西门子"},
        {"rank": 9, "name_en": "Bosch Rexroth", "name_zh": "博世力士乐"}]))
    ok(admin.post(f"/api/v1/reference/shuangbai?year={date.today().year}",
                  json=[{"name_en": "Siemens AG"}]))
    # payments: one taken off, one changed by hand-written SQL (its day and amount)
    assert admin.delete(f"/api/v1/projects/{p['twice'].id}/payments/{paid['gone']['id']}"
                        ).status_code == 204
    db.session.execute(sa.text(
        "UPDATE project_payment SET received_on = :day, amount_usd_cents = 4200000 "
        "WHERE id = :id"), {"day": date(2024, 2, 2), "id": paid["early"]["id"]})
    db.session.execute(sa.text(  # a new rate's US dollars: the amount alone
        "UPDATE project_payment SET amount_usd_cents = 13000000 WHERE id = :id"),
        {"id": paid["again"]["id"]})
    db.session.commit()
    return {"projects": p, "companies": {"siemens": siemens.id, "bosch": bosch.id},
            "payments": {name: row["id"] for name, row in paid.items()},
            "talents": {"t1": t1.id, "t2": t2.id},
            "meetings": {"m2": m2["id"], "m4": m4["id"], "m8": m8["id"]}}


@pytest.fixture
def readers(world, make_user):
    staff = make_user("sam", "staff", zones=[A, C])
    return [factories.boss(), staff]


def funnel_numbers(report: dict) -> dict:
    return {"stages": [{key: row[key] for key in
                        ("stage", "reached", "current", "usd_cents", "unverified",
                         "median_days")}
                       for row in report["stages"]],
            "total": report["total"], "off_pipeline": report["off_pipeline"]}


FILTERS = [{}, {"zone": B}, {"zone": C}, {"kind": "new"}, {"kind": "expansion"},
           {"year": 2025}, {"year": 2024}, {"zone": A, "year": 2024},
           {"zone": C, "kind": "new", "year": 2025},
           # not in the rollups: counted from the records
           {"flag": "mega"}, {"flag": "fortune500"}, {"criteria": ["high"]},
           {"country": "CN"}, {"industry": "high_end_equipment"}, {"zone": B, "flag": "shuangbai_candidate"}]
PERIODS = [(date(2025, 1, 1), date(2025, 12, 31)), (date(2025, 4, 1), date(2025, 4, 30)),
           (date(2025, 3, 10), date(2025, 5, 20)), (date(2024, 1, 1), date.today()),
           (date(2025, 2, 21), date(2025, 5, 19)), (date(2025, 5, 2), date(2025, 5, 7)),
           (date(2025, 3, 15), date(2025, 4, 30))]  # whole months, days at the ends, or both


def check_every_report(users) -> None:
    for user in users:
        for filters in FILTERS:
            with stays_counted() as counted:
                numbers = funnel_numbers(funnel(user, filters))
            assert numbers == recount.funnel(user, filters), (user.username, filters)
            assert bool(counted) == bool(set(filters) - ROLLED_UP), filters
        assert dashboard_summary(user) == recount.dashboard(user), user.username
        for start, end in PERIODS:
            expected = recount.league(user, start, end)
            for row in league(user, start, end)["zones"]:
                got = {key: row[key] for key in (
                    "new_leads", "signed", "signed_usd_cents", "mega", "fortune500",
                    "output_per_mu", "tax_per_mu", "meetings", "overdue_follow_ups",
                    "talents_landed", "unverified")}
                want = expected.get(row["zone"]) or {
                    key: (None if key.endswith("per_mu") else 0) for key in got}
                assert got == want, (user.username, start, end, row["zone"])
        for year in (date.today().year, 2025):
            report, want = shuangbai(user, year), recount.shuangbai(user, year)
            assert (report["previous_count"], report["count"]) == (
                want["previous_count"], want["count"])
            assert [c["project_id"] for c in report["candidates"]] == want["candidates"]
            assert report["candidate_count"] == len(want["candidates"])
            page = shuangbai(user, year, limit=2, offset=1)["candidates"]
            assert [c["project_id"] for c in page] == want["candidates"][1:3]
        assert {row["industry"]: (row["projects"], row["signed"], row["usd_cents"],
                                  row["signed_usd_cents"])
                for row in industries(user)["industries"]} == recount.industries(user)
        for year in (date.today().year, 2025):
            assert {row["zone"]: (row["usd_cents"], row["previous_cents"],
                                  row["unverified_cents"])
                    for row in paid_in(user, year)["zones"]} == recount.paid_in(user, year)
        meetings, moves = recount.activity_days(user)
        for week in activity(user)["weeks"]:
            days = [week["start"] + timedelta(days=i) for i in range(7)]
            assert week["meetings"] == sum(meetings.get(d, 0) for d in days), week
            assert week["stage_changes"] == sum(moves.get(d, 0) for d in days), week


def run_check(runner, *args: str) -> tuple[int, str]:
    result = runner.invoke(args=["crm", "rollups", *args])
    return result.exit_code, result.output


def test_every_report_matches_a_recount(readers, app):
    check_every_report(readers)
    with db.engine.begin() as connection:
        assert rollups.check(connection) == []


def test_the_numbers_are_not_trivial(readers):
    """The world holds what the comparisons are about (else they could not fail)."""
    boss, staff = readers
    numbers = funnel_numbers(funnel(boss))
    assert numbers["total"] == 12 and numbers["off_pipeline"] == {"on_hold": 0, "lost": 1}
    medians = {row["stage"]: row["median_days"] for row in numbers["stages"]}
    assert medians["lead"] is not None and medians["signed"] is not None
    stages = {row["stage"]: row for row in numbers["stages"]}
    # land, checked and again verified; undone (moved back) and pending not
    assert (stages["registered"]["reached"], stages["registered"]["unverified"]) == (3, 2)
    assert (stages["construction"]["reached"], stages["construction"]["unverified"]) == (1, 1)
    assert (stages["signed"]["unverified"], stages["signed"]["current"]) == (0, 3)
    rows = {row["zone"]: row for row in league(boss, *PERIODS[0])["zones"]}
    # twice (signed twice, once here), undone, pending, checked (moved here)
    assert rows[C]["signed"] == 4 and rows[C]["fortune500"] == 2
    assert (rows[C]["unverified"], rows[A]["unverified"], rows[B]["unverified"]) == (2, 0, 0)
    assert rows[B]["meetings"] == 2 and rows[A]["meetings"] == 1  # m8: its talent moved
    assert rows[A]["overdue_follow_ups"] == 1 and rows[A]["talents_landed"] == 1
    assert rows[B]["output_per_mu"] is not None
    tracker = shuangbai(boss, date.today().year)
    assert tracker["candidate_count"] == 3  # moved, twice, pending
    assert tracker["unverified_count"] == 1  # pending
    assert dashboard_summary(boss)["unverified"] == {"construction": 1}
    assert {r["zone"] for r in league(staff, *PERIODS[0])["zones"]} == {A, C}
    paid = {row["zone"]: row for row in paid_in(boss, 2025)["zones"]}
    assert paid[B]["usd_cents"] == 100_000_000  # land's; early's, moved to 2024, is before
    assert paid[B]["previous_cents"] == 4_200_000
    assert paid[C]["usd_cents"] == 25_000_050  # checked, moved to C, and verified
    assert paid[A]["usd_cents"] == 13_000_000  # again: verified after it paid
    assert paid_in(boss, date.today().year)["unverified_cents"] == 33_000_000  # pending


def test_a_company_changing_industry_and_list_at_once_moves_its_projects(world, readers):
    """One UPDATE that changes a company's industry and its Fortune 500 entry together (a
    script, a merge): the two triggers that fire add up to the recount, in either order."""
    companies = world["companies"]
    entry = db.session.scalar(sa.text(
        "SELECT fortune500_entry_id FROM company WHERE id = :id"), {"id": companies["bosch"]})
    for industry, listed, company in (("fashion", None, "bosch"), (None, entry, "bosch"),
                                      ("automotive", entry, "siemens"), (None, None, "siemens")):
        db.session.execute(sa.text(
            "UPDATE company SET industry = :industry, fortune500_entry_id = :entry "
            "WHERE id = :id"), {"industry": industry, "entry": listed, "id": companies[company]})
        db.session.commit()
        db.session.expire_all()
        check_every_report(readers)
    with db.engine.begin() as connection:
        assert rollups.check(connection) == []
    rows = {row["industry"]: row["projects"] for row in industries(readers[0])["industries"]}
    assert rows[None] >= 2 and "automotive" not in rows  # bosch's two and siemens' one


def test_hard_deletes_are_followed_too(world, readers):
    """Rows deleted in SQL (a purge, a script): the triggers take them off as well, each
    delete here being the last thing that counted somewhere."""
    projects, talents, meetings = world["projects"], world["talents"], world["meetings"]
    twice = projects["twice"].id
    second_signing = db.session.scalar(sa.select(sa.func.max(StageChange.id)).where(
        StageChange.project_id == twice, StageChange.to_stage == "signed"))
    for statement, record_id in (
        ("DELETE FROM project WHERE id = :id", projects["land"].id),
        ("DELETE FROM talent WHERE id = :id", talents["t1"]),  # m1's last link to its zone
        ("DELETE FROM project WHERE id = :id", projects["recent"].id),
        ("DELETE FROM interaction WHERE id = :id", meetings["m4"]),  # an overdue follow-up
        ("DELETE FROM interaction WHERE id = :id", meetings["m2"]),
        ("DELETE FROM follow_up WHERE title = 'Call' AND :id = :id", 0),
        ("DELETE FROM interaction_talent WHERE interaction_id = :id", meetings["m8"]),
        ("DELETE FROM stage_change WHERE id = :id", second_signing),
        ("DELETE FROM project_payment WHERE id = :id", world["payments"]["checked"]),
        ("DELETE FROM project WHERE id = :id", projects["pending"].id),  # with its payment
    ):
        db.session.execute(sa.text(statement), {"id": record_id})
        db.session.commit()
        db.session.expire_all()
        check_every_report(readers)
    with db.engine.begin() as connection:
        assert rollups.check(connection) == []


def test_the_check_command_finds_a_difference_and_rebuild_mends_it(readers, app):
    runner = app.test_cli_runner()
    assert run_check(runner) == (0, "Rollups agree with a recount.\n")
    db.session.execute(sa.text(
        "UPDATE rollup_project SET projects = projects + 1 WHERE zone_code = '' "
        "AND kind = '' AND year = 0 AND stage = 'lead'"))
    db.session.execute(sa.text("UPDATE stage_change SET stay_days = stay_days + 1 "
                               "WHERE id = (SELECT min(id) FROM stage_change)"))
    emptied = db.session.scalar(sa.text("SELECT max(id) FROM stage_change "
                                        "WHERE stay_days IS NOT NULL"))
    db.session.execute(sa.text("UPDATE stage_change SET stay_days = NULL WHERE id = :id"),
                       {"id": emptied})
    db.session.commit()
    code, output = run_check(runner)
    assert code == 1
    assert "rollup_project ('', '', 0, 'lead'" in output and "stage_change" in output
    assert f"stage_change {emptied}: stay_days None" in output
    assert run_check(runner, "--rebuild") == (0, "Rollups rebuilt.\n")
    assert run_check(runner)[0] == 0
    check_every_report(readers)


def test_the_stays_of_every_change_at_once_are_each_changes_own(app):
    """``fill_stays`` (one window over the changes) keeps what the triggers keep one change at
    a time (``Sql.kept_stay``, which ``check`` recounts): changes at the same moment taken by
    id, ids out of time order, the first change from the project's creation, and no stay for
    a project in the bin."""
    from crm.projects.services import delete_project

    kept, binned = factories.lead_project(), factories.lead_project()
    created = kept.created_at
    moments = [(9001, created + timedelta(days=3), "lead", "contacted"),
               (9000, created + timedelta(days=3), "contacted", "negotiating"),  # same time:
               # the lower id ends the stay from the creation, the other a stay of nothing
               (8999, created + timedelta(days=10), "negotiating", "signed"),  # lower id, later
               (9002, created + timedelta(days=10, hours=6), "signed", "negotiating")]
    for project in (kept, binned):
        for change_id, when, from_stage, to_stage in moments:
            db.session.add(StageChange(id=change_id + (100 if project is binned else 0),
                                       project_id=project.id, from_stage=from_stage,
                                       to_stage=to_stage, at=when))
    db.session.commit()
    delete_project(factories.boss(), binned)
    db.session.commit()
    db.session.execute(sa.text("UPDATE stage_change SET stay_days = 99"))
    db.session.commit()
    with db.engine.begin() as connection:
        rollups.fill_stays(connection)
        assert [d for d in rollups.check(connection) if d.startswith("stage_change")] == []
    stays = dict(db.session.execute(sa.select(StageChange.id, StageChange.stay_days)).all())
    assert [round(stays[n], 2) for n in (9001, 9000, 8999, 9002)] == [0, 3, 7, 0.25]
    assert all(stays[n + 100] is None for n in (9001, 9000, 8999, 9002))
