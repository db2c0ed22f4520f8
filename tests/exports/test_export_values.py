"""An export's values are the records' (issue 15's faster export reads names, officers and sums
by joins, each sum once, and reads ahead on a thread): every project's row, in CSV and XLSX,
holds what the API reads of it, for projects with and without payments, criteria, an owner, a
verification, an expanded project, a park and warnings."""

from datetime import timedelta

import pytest

from crm import clock
from crm.money import Money
from crm.projects import milestones
from tests import factories

from .conftest import read_csv, read_xlsx, same_cell


@pytest.fixture
def on_day(monkeypatch):
    def move(day):
        monkeypatch.setattr(clock, "today", lambda: day)

    return move


def money(value) -> tuple[str, str]:
    return (value["amount"], value["currency"]) if value else ("", "")


def test_each_row_holds_what_the_api_reads_of_its_project(app, api, boss, on_day):
    admin = api("admin")
    factories.user("olga", "staff", zones=["jxetdz"])
    park = factories.park("jxetdz", name_zh="中德园", name_en="Sino-German Park")
    group = factories.company("Siemens AG", name_zh="西门子", country="DE")
    rich = factories.registered_project(
        group, name_zh="嘉兴工厂", name_en="Jiaxing plant", park_id=park.id, owner="olga",
        criteria=["new", "large", "high"], competing_locations=["Suzhou"],
        total_investment=Money.parse("150000000", "USD"))
    for amount in ("1000000.00", "250000.05"):
        assert admin.post(f"/api/v1/projects/{rich.id}/payments", json={
            "amount": {"amount": amount, "currency": "USD"},
            "received_on": "2024-06-01"}).status_code == 201
    factories.verify(rich)
    planned = clock.today() + timedelta(days=10)
    milestones.set_dates(boss, rich, rich.version,
                         [{"code": "land", "planned_on": planned, "actual_on": None}])
    expansion = factories.signed_project(group, kind="expansion", expands_id=rich.id,
                                         name_en="Second line")
    bare = factories.lead_project(name_zh="空", name_en="")  # no payments, owner, criteria
    on_day(clock.today() + timedelta(days=400))  # late, and no meeting for 400 days

    header, rows = read_csv(admin.get("/api/v1/exports/projects"))
    xlsx_header, xlsx_rows = read_xlsx(admin.get("/api/v1/exports/projects?format=xlsx"))
    assert xlsx_header == header and len(xlsx_rows) == len(rows) == 3
    by_id = {}
    for row, cells in zip(rows, xlsx_rows, strict=True):
        assert all(same_cell(text, cell) for text, cell in zip(row, cells, strict=True))
        by_id[int(row[0])] = dict(zip(header, row, strict=True))

    for project in (rich, expansion, bare):
        read = admin.get(f"/api/v1/projects/{project.id}").get_json()
        row = by_id[project.id]
        assert (row["Name in Chinese"], row["Name in English"]) == (read["name_zh"],
                                                                   read["name_en"])
        assert (row["Company"], row["Company (name)"]) == (str(group.id), "Siemens AG") \
            if project is not bare else row["Company"] == str(read["company_id"])
        assert row["Owner"] == (read["owner"] or "")
        assert row["Warnings"] == ", ".join(read["warnings"])
        assert (row["Capital paid in"], row["Capital paid in (currency)"]) == money(
            read["paid_in"])
        assert (row["Total investment"], row["Total investment (currency)"]) == money(
            read["total_investment"])
        assert row["高大强新优特 criteria"] == ", ".join(read["criteria"])
        verified = read["verified"] or {"at": "", "by": ""}
        assert (row["Verified"], row["Verified by"]) == (verified["at"], verified["by"] or "")
        assert row["Park"] == str(read["park_id"] or "")
        assert row["Expands project"] == str(read["expands_id"] or "")
        assert row["Date signed"] == (read["signed_on"] or "")
        assert row["Date of business licence"] == (read["registered_on"] or "")
        assert row["Updated at"] == read["updated_at"]

    rich_row, expansion_row, bare_row = by_id[rich.id], by_id[expansion.id], by_id[bare.id]
    assert rich_row["Warnings"].startswith("stale, milestone_late, ")  # and signed long ago
    assert (rich_row["Capital paid in"], rich_row["Owner"]) == ("1250000.05", "olga")
    assert rich_row["高大强新优特 criteria"] == "high, large, new"  # the codes' order
    assert rich_row["Verified by"] == "boss" and rich_row["Verified"]
    assert (rich_row["Park"], rich_row["Park (name)"]) == (str(park.id), "Sino-German Park")
    assert (expansion_row["Expands project"], expansion_row["Expands project (name)"]) == (
        str(rich.id), "Jiaxing plant")
    # nothing to name or sum: empty cells, and no currency beside an empty sum
    assert [bare_row[h] for h in ("Park (name)", "Expands project (name)", "Owner",
                                  "Verified by", "Capital paid in",
                                  "Capital paid in (currency)")] == [""] * 6
    assert bare_row["Warnings"] == "stale"


def test_a_streamed_export_reads_the_list_as_it_was_when_it_began(app, api, monkeypatch):
    """Its batches are read one after another from the one statement's rows: a project
    renamed or deleted half way through the download is still exported as it was when the
    download began, once, in its place."""
    import sqlalchemy as sa

    import crm.exports
    from crm.extensions import db
    from crm.projects.models import Project

    monkeypatch.setattr(crm.exports, "BATCH", 1)
    admin = api("admin")
    acme = factories.company()
    made = [factories.lead_project(acme, name_en=f"Plant {n}") for n in range(8)]
    expected = [(str(p.id), p.name_en) for p in reversed(made)]  # the newest first
    db.session.remove()
    response = admin.get("/api/v1/exports/projects")
    db.session.remove()
    pieces = iter(response.response)
    first = next(pieces)  # the BOM and the header; some batches read ahead
    with db.engine.begin() as other:  # another writer, meanwhile (not a request: this one
        # holds the request context while it streams)
        other.execute(sa.update(Project).where(Project.id == made[0].id).values(
            name_en="Renamed"))
        other.execute(sa.update(Project).where(Project.id == made[1].id).values(
            deleted_at=sa.func.now()))
    text = (first + b"".join(pieces)).decode("utf-8-sig")
    response.close()
    header, *rows = [line.split(",") for line in text.splitlines()]
    name = header.index("Name in English")
    assert [(row[0], row[name]) for row in rows] == expected
    # the next export reads the list as it is now
    _header, now = read_csv(admin.get("/api/v1/exports/projects"))
    names = [row[name] for row in now]
    assert "Renamed" in names and "Plant 1" not in names and len(names) == 7
