"""Talents and meetings through the import: their own services, stages and links."""

import sqlalchemy as sa

from crm.extensions import db
from crm.interactions.models import Interaction
from crm.talents.models import Talent
from tests import factories

from .conftest import csv_bytes, xlsx_bytes


def test_talents_with_a_stage_and_a_nationality_by_name(app, api, upload):
    admin = api("admin")
    rows = [["Name in Latin letters", "Nationality", "Type", "Zone", "Stage", "Field in English"],
            ["Ben Early", "Germany", "rnd", "jxetdz", "contacted", "Robotics"],
            ["Ann Lee", "新加坡", "rnd", "jsetdz", "", ""]]
    body = upload(admin, "talents", xlsx_bytes(rows), dry_run=False, name="t.xlsx").get_json()
    assert (body["created"], body["errors"]) == (2, []), body
    ben = db.session.scalar(sa.select(Talent).where(Talent.name == "Ben Early"))
    assert (ben.nationality, ben.stage, ben.field_en) == ("DE", "contacted", "Robotics")
    again = upload(admin, "talents", xlsx_bytes(rows), dry_run=False, name="t.xlsx").get_json()
    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, 2), again


def test_a_talent_of_an_unknown_type_is_a_row_error(app, api, upload):
    admin = api("admin")
    rows = [["name", "talent_type", "zone"], ["Ben Early", "wizard", "jxetdz"]]
    body = upload(admin, "talents", csv_bytes(rows)).get_json()
    assert [(e["row"], e["column"]) for e in body["errors"]] == [(2, "talent_type")]


def test_meetings_link_projects_and_reimport_unchanged(app, api, upload):
    admin = api("admin")
    factories.user("olga", "staff", zones=["jxetdz"])
    plant = factories.lead_project(zone="jxetdz", name_en="Plant")
    rows = [["日期", "主题", "项目", "我方参加人员", "Kind"],
            ["2026年3月2日", "Site visit", str(plant.id), "olga", "会见"],
            ["2026/3/5", "Call", "", "", "meeting"]]
    body = upload(admin, "interactions", csv_bytes(rows), dry_run=False).get_json()
    assert (body["created"], body["errors"]) == (2, []), body
    visit = db.session.scalar(sa.select(Interaction).where(Interaction.subject == "Site visit"))
    assert [p.id for p in visit.projects] == [plant.id]
    assert visit.zone_code == "jxetdz" and [u.username for u in visit.attendees] == ["olga"]
    exported = admin.get("/api/v1/exports/interactions").get_data()
    body = upload(admin, "interactions", exported, dry_run=False).get_json()
    assert (body["created"], body["updated"], body["unchanged"]) == (0, 0, 2), body


def test_a_staff_meeting_in_another_zone_is_refused(app, api, upload):
    staff = api("sam", "staff")
    rows = [["occurred_on", "subject", "zone"], ["2026-03-02", "Visit", "jsetdz"]]
    body = upload(staff, "interactions", csv_bytes(rows), dry_run=False).get_json()
    assert [(e["row"], e["column"]) for e in body["errors"]] == [(2, "zone")]
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Interaction)) == 0


def test_follow_ups_read_back_from_the_export_and_an_edit_marks_one_done(app, api, upload):
    import csv
    import io
    from datetime import date

    from .conftest import csv_bytes

    admin = api("admin")
    factories.user("olga", "staff", zones=["jxetdz"])
    plant = factories.lead_project(zone="jxetdz", name_en="Plant")
    visit = factories.meeting(subject="Site visit", project_ids=[plant.id], follow_ups=[
        {"title": "Call back", "due_on": date(2026, 12, 1), "owner": "olga"},
        {"title": "Send the offer", "due_on": date(2026, 12, 5)}])
    exported = admin.get("/api/v1/exports/interactions").get_data()
    body = upload(admin, "interactions", exported, dry_run=False).get_json()
    assert (body["updated"], body["unchanged"], body["errors"]) == (0, 1, []), body
    header, *rows = list(csv.reader(io.StringIO(exported.decode("utf-8-sig"))))
    column = header.index("Follow-ups")
    assert rows[0][column] == "2026-12-01 Call back\n2026-12-05 Send the offer"
    rows[0][column] = "2026-12-01 Call back ✓\n2026-12-05 Send the offer"
    body = upload(admin, "interactions", csv_bytes([header, *rows]), dry_run=False).get_json()
    assert (body["updated"], body["errors"]) == (1, []), body
    db.session.expire_all()
    follow_ups = {f.title: f for f in db.session.get(Interaction, visit.id).follow_ups}
    assert follow_ups["Call back"].done and not follow_ups["Send the offer"].done
    assert follow_ups["Call back"].owner.username == "olga"  # kept: the export has no owner
    assert len(follow_ups) == 2
