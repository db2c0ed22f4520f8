"""The live records per zone that the database keeps (crm/counts.py, migration 0006k) stay
equal to a recount through every kind of write, and lists filtered by access and zone alone
take their totals from them."""

import sqlalchemy as sa

from crm import counts
from crm.counts import LiveCount
from crm.db import db
from tests import factories


def _kept() -> dict:
    return {(c.table_name, c.zone_code): c.n for c in db.session.scalars(sa.select(LiveCount))}


def test_the_counts_follow_creates_bin_restores_zone_moves_and_deletes(api):
    admin = api("admin", "admin")
    company = admin.post("/api/v1/companies", json={"name_en": "Kept GmbH", "country": "DE"})
    assert company.status_code == 201
    company_id = company.get_json()["id"]
    made = [admin.post("/api/v1/projects", json={
        "name_en": f"Kept {n}", "name_zh": f"计数{n}", "company_id": company_id,
        "zone": zone}).get_json() for n, zone in enumerate(["jxetdz", "jxetdz", "jsetdz"])]
    meeting = admin.post("/api/v1/interactions", json={
        "subject": "Visit", "occurred_on": "2026-03-02", "project_ids": [made[0]["id"]]})
    city_level = admin.post("/api/v1/interactions", json={
        "subject": "Fair", "occurred_on": "2026-03-03", "company_ids": [company_id]})
    assert meeting.status_code == city_level.status_code == 201
    assert city_level.get_json()["zone"] is None
    assert counts.check() == {}
    assert _kept()[("project", "jxetdz")] == 2
    assert _kept()[("interaction", "")] == 1

    # a zone move, a move to the bin, a restore
    moved = admin.patch(f"/api/v1/projects/{made[1]['id']}",
                        json={"version": made[1]["version"], "zone": "jsetdz"})
    assert moved.status_code == 200, moved.get_json()
    assert admin.delete(f"/api/v1/projects/{made[2]['id']}").status_code == 204
    assert admin.delete(f"/api/v1/interactions/{meeting.get_json()['id']}").status_code == 204
    assert counts.check() == {}
    assert (_kept()[("project", "jxetdz")], _kept()[("project", "jsetdz")]) == (1, 1)
    assert admin.post(f"/api/v1/bin/projects/{made[2]['id']}/restore").status_code == 200
    assert counts.check() == {}
    assert _kept()[("project", "jsetdz")] == 2

    # rows removed outright (as a purge of the bin would) and rows written in bulk
    db.session.execute(sa.delete(db.metadata.tables["interaction_company"]))
    db.session.execute(sa.text("DELETE FROM interaction WHERE zone_code IS NULL"))
    db.session.execute(sa.text("UPDATE company SET deleted_at = updated_at"))
    db.session.commit()
    assert counts.check() == {}
    assert (_kept()[("interaction", "")], _kept()[("company", "")]) == (0, 0)


def test_a_list_filtered_by_access_and_zone_reads_the_kept_total(api):
    manager, staff = api("mia", "manager"), api("sam", "staff")  # sam works in jxetdz
    for zone in ("jxetdz", "jxetdz", "jsetdz"):
        factories.lead_project(zone=zone)
    # the kept counts say more than there are: a list that reads them shows it
    db.session.execute(sa.update(LiveCount).where(LiveCount.table_name == "project")
                       .values(n=LiveCount.n + 10))
    db.session.commit()

    def total(client, query=""):
        answer = client.get(f"/api/v1/projects?per_page=1{query}")
        assert answer.status_code == 200
        return answer.get_json()["total"]

    assert total(manager) == 23 and total(manager, "&zone=jsetdz") == 11
    assert total(staff) == 12 and total(staff, "&zone=jsetdz") == 0
    # any other filter, or a partner's own projects, is counted row by row
    assert total(manager, "&stage=lead") == 3 and total(manager, "&q=project") == 3
    assert total(staff, "&kind=new") == 2

    counts.rebuild()
    assert counts.check() == {} and total(manager) == 3 and total(staff) == 2


def test_the_command_finds_a_difference_and_rebuilds(app):
    factories.lead_project(zone="jxetdz")
    runner = app.test_cli_runner()
    assert runner.invoke(args=["crm", "counts"]).exit_code == 0
    db.session.execute(sa.update(LiveCount).values(n=LiveCount.n + 1))
    db.session.commit()

    found = runner.invoke(args=["crm", "counts"])

    assert found.exit_code == 1 and "project jxetdz: kept 2, counted 1" in found.output
    rebuilt = runner.invoke(args=["crm", "counts", "--rebuild"])
    assert rebuilt.exit_code == 0 and "agree" in rebuilt.output


def test_one_insert_of_many_rows_across_zones_counts_each_zone(api):
    """An import's chunk is one multi-row INSERT (on PostgreSQL counted by one statement
    trigger over its rows): each zone gains its own rows, the bin's none."""
    import io

    from crm.db import utcnow
    from crm.projects.models import Project

    admin = api("admin", "admin")
    company_id = factories.company("Counted GmbH").id
    before = _kept()
    rows = ["name_en,company_id,zone"] + [
        f"Counted {n},{company_id},{'jxetdz' if n % 3 else 'jsetdz'}" for n in range(30)]
    answer = admin.post("/api/v1/imports/projects?dry_run=0",
                        data={"file": (io.BytesIO("\n".join(rows).encode()), "p.csv")},
                        content_type="multipart/form-data")
    assert answer.get_json()["created"] == 30, answer.get_json()
    assert counts.check() == {}
    after = _kept()
    assert after[("project", "jxetdz")] - before.get(("project", "jxetdz"), 0) == 20
    assert after[("project", "jsetdz")] - before.get(("project", "jsetdz"), 0) == 10
    db.session.execute(sa.insert(Project), [  # straight into the bin: not counted
        {"name_en": f"Binned {n}", "company_id": company_id, "zone_code": "jxetdz",
         "deleted_at": utcnow()} for n in range(2)])
    assert _kept()[("project", "jxetdz")] == after[("project", "jxetdz")]
    assert counts.check() == {}
