"""POST /api/v1/imports/{kind}: a dry run by default, a write of a clean file in one
transaction, a 422 that writes nothing for a file with any bad row."""

import csv
import io

import sqlalchemy as sa

from crm.companies.models import Company
from crm.extensions import db
from crm.projects.models import Project
from tests import factories

from .conftest import csv_bytes, xlsx_bytes


def count(model) -> int:
    db.session.expire_all()
    return db.session.scalar(sa.select(sa.func.count()).select_from(model)
                             .where(model.deleted_at.is_(None)))


def test_companies_with_english_headers_dry_run_then_write(app, api, upload):
    admin = api("admin")
    # an industry by its label, an alias, or both languages at once (mapped onto its code)
    data = csv_bytes([["Name in English", "Name in Chinese", "Country of origin", "Industry"],
                      ["Siemens AG", "西门子", "Germany", "Industrial automation 工业自动化"],
                      ["Toyota Motor", "丰田汽车", "JP", "汽车零部件"]])
    answer = upload(admin, "companies", data)
    assert answer.status_code == 200, answer.get_json()
    body = answer.get_json()
    assert (body["dry_run"], body["created"], body["errors"]) == (True, 2, [])
    assert count(Company) == 0
    answer = upload(admin, "companies", data, dry_run=False)
    assert answer.status_code == 200, answer.get_json()
    assert answer.get_json()["created"] == 2
    assert count(Company) == 2
    siemens = db.session.scalar(sa.select(Company).where(Company.name_en == "Siemens AG"))
    assert (siemens.country, siemens.name_zh, siemens.industry) == (
        "DE", "西门子", "high_end_equipment")
    toyota = db.session.scalar(sa.select(Company).where(Company.name_en == "Toyota Motor"))
    assert toyota.industry == "automotive"
    # a name of no industry is that row's error, on its column
    data = csv_bytes([["Name in English", "Industry"], ["Odd Co", "Cars and more"]])
    body = upload(admin, "companies", data).get_json()
    assert [(e["row"], e["column"]) for e in body["errors"]] == [(2, "industry")]


def project_rows(company_id: int) -> list[list]:
    """A bureau's sheet: Chinese headers in their own order, amounts as people write them."""
    return [
        ["中文名称", "英文名称", "企业", "开发区", "总投资", "总投资（币种）", "高大强新优特",
         "预计落地日期", "生产性项目"],
        ["嘉兴工厂", "Jiaxing plant", company_id, "jxetdz", "1.5亿美元", "", "高、大",
         "2015年6月30日", "是"],
        ["嘉善工厂", "Jiashan plant", company_id, "嘉善经济技术开发区", "12,000万美元", "",
         "High-end", "2015/6/30", "否"],
        ["平湖工厂", "Pinghu plant", company_id, "jxetdz", "US$150M", "", "", "2015-06-30",
         "no"],
        ["海宁工厂", "Haining plant", company_id, "jxetdz", "150000000", "USD", "", "", ""],
    ]


def test_projects_with_chinese_headers_and_mixed_amounts(app, api, upload):
    admin = api("admin")
    siemens = factories.company("Siemens AG")
    answer = upload(admin, "projects", csv_bytes(project_rows(siemens.id)), dry_run=False)
    assert answer.status_code == 200, answer.get_json()
    assert answer.get_json()["created"] == 4
    projects = {p.name_en: p for p in db.session.scalars(sa.select(Project))}
    assert {name: (str(p.total_investment.amount), p.total_investment.currency)
            for name, p in projects.items()} == {
        "Jiaxing plant": ("150000000.00", "USD"), "Jiashan plant": ("120000000.00", "USD"),
        "Pinghu plant": ("150000000.00", "USD"), "Haining plant": ("150000000.00", "USD")}
    plant = projects["Jiaxing plant"]
    assert plant.criteria == ["high", "large"] or sorted(
        r.criterion for r in plant.criteria_rows) == ["high", "large"]
    assert plant.estimated_land_date.isoformat() == "2015-06-30"
    assert plant.productive is True and plant.flags["mega"] is True
    assert projects["Jiashan plant"].zone_code == "jsetdz"  # a zone by its Chinese name
    assert plant.stage == "lead" and plant.created_by_id is not None


def test_a_file_with_one_bad_row_writes_nothing_and_says_where(app, api, upload):
    admin = api("admin")
    siemens = factories.company("Siemens AG")
    rows = project_rows(siemens.id)
    rows[3][4] = "lots"  # row 4 as a spreadsheet numbers it (1 is the header)
    rows[2][7] = "2015-13-45"
    answer = upload(admin, "projects", csv_bytes(rows), dry_run=False)
    assert answer.status_code == 422
    body = answer.get_json()
    assert body["error"]["code"] == "invalid" and body["dry_run"] is False
    assert {(e["row"], e["column"]) for e in body["errors"]} == {
        (4, "total_investment"), (3, "estimated_land_date")}
    assert next(e for e in body["errors"] if e["row"] == 4)["header"] == "总投资"
    assert count(Project) == 0
    dry = upload(admin, "projects", csv_bytes(rows)).get_json()
    assert (dry["created"], dry["skipped"], len(dry["errors"])) == (2, 2, 2)


def test_a_rule_of_the_services_is_a_row_error(app, api, upload):
    """两高一低 never reaches signed: the stage move goes through the stage rules."""
    admin = api("admin")
    siemens = factories.company("Siemens AG")
    rows = [["name_en", "company_id", "zone", "two_high_one_low", "stage"],
            ["Smelter", siemens.id, "jxetdz", "yes", "签约"]]
    body = upload(admin, "projects", csv_bytes(rows), dry_run=False).get_json()
    assert body["errors"] and body["errors"][0]["row"] == 2
    assert body["errors"][0]["column"] in ("stage", "two_high_one_low")
    assert count(Project) == 0


def test_gb18030_and_bom_csv_and_xlsx_read_alike(app, api, upload):
    admin = api("admin")
    rows = [["中文名称", "英文名称", "投资来源地"], ["西门子", "Siemens AG", "德国"]]
    for data in (csv_bytes(rows, encoding="gb18030"), csv_bytes(rows, bom=True),
                 csv_bytes(rows), xlsx_bytes(rows)):
        body = upload(admin, "companies", data).get_json()
        assert (body["created"], body["errors"]) == (1, []), body
    upload(admin, "companies", csv_bytes(rows, encoding="gb18030"), dry_run=False)
    company = db.session.scalar(sa.select(Company))
    assert (company.name_zh, company.country) == ("西门子", "DE")


def test_reimporting_the_same_file_changes_nothing(app, api, upload):
    admin = api("admin")
    siemens = factories.company("Siemens AG")
    data = csv_bytes(project_rows(siemens.id))
    assert upload(admin, "projects", data, dry_run=False).get_json()["created"] == 4
    versions = {p.id: p.version for p in db.session.scalars(sa.select(Project))}
    again = upload(admin, "projects", data, dry_run=False).get_json()
    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, 4), again
    db.session.expire_all()
    assert {p.id: p.version for p in db.session.scalars(sa.select(Project))} == versions


def test_a_near_duplicate_company_is_matched_not_created(app, api, upload):
    admin = api("admin")
    siemens = factories.company("Siemens AG", name_zh="西门子")
    rows = [["name_en", "name_zh", "country"],
            ["SIEMENS Aktiengesellschaft", "西门子股份有限公司", "DE"],  # same once normalised
            ["Siemenns AG", "", "DE"]]  # a close spelling
    body = upload(admin, "companies", csv_bytes(rows), dry_run=False).get_json()
    assert body["created"] == 0, body
    assert {m["id"] for m in body["matched"]} == {siemens.id}
    assert count(Company) == 1


def test_an_export_reimports_unchanged_and_an_edit_changes_only_that(app, api, upload,
                                                                    eur_rate):
    from crm.money import Money

    admin = api("admin")
    factories.user("olga", "staff", zones=["jxetdz"])
    group = factories.company("Siemens AG", name_zh="西门子")
    factories.signed_project(group, zone="jxetdz", name_zh="嘉兴工厂", name_en="Jiaxing plant",
                             criteria=["large", "high"], competing_locations=["Suzhou"],
                             total_investment=Money.parse("150000000", "USD"), new_jobs=120,
                             land_mu=12.3, annual_output=Money.parse("2000000.50", "EUR"),
                             owner="olga", productive=True)
    factories.lead_project(group, zone="jsetdz", name_en="Second")
    for kind in ("projects", "companies"):
        for fmt in ("csv", "xlsx"):
            exported = admin.get(f"/api/v1/exports/{kind}?format={fmt}").get_data()
            body = upload(admin, kind, exported, dry_run=False, name=f"x.{fmt}").get_json()
            assert (body["created"], body["updated"], body["errors"]) == (0, 0, []), body
            assert body["unchanged"] == (2 if kind == "projects" else 1)
    header, *rows = list(csv.reader(io.StringIO(admin.get(
        "/api/v1/exports/projects").get_data().decode("utf-8-sig"))))
    first = rows[0] if rows[0][header.index("Name in English")] == "Second" else rows[1]
    first[header.index("New jobs")] = "7"  # as if edited in Excel, saved as CSV
    data = csv_bytes([header, *rows], bom=True)
    body = upload(admin, "projects", data, dry_run=False).get_json()
    assert (body["updated"], body["unchanged"], body["errors"]) == (1, 1, []), body
    changed = db.session.get(Project, int(first[0]))
    db.session.refresh(changed)
    assert changed.new_jobs == 7
    entries = admin.get(f"/api/v1/audit?kind=projects&id={changed.id}").get_json()
    latest = entries["items"][0] if isinstance(entries, dict) else entries[0]
    assert set(latest["changes"]) == {"new_jobs"}


def test_staff_import_only_into_their_zones_and_partners_not_at_all(app, api, upload):
    staff = api("sam", "staff")  # zone jxetdz
    siemens = factories.company("Siemens AG")
    rows = [["name_en", "company_id", "zone"], ["Ours", siemens.id, "jxetdz"],
            ["Theirs", siemens.id, "jsetdz"]]
    body = upload(staff, "projects", csv_bytes(rows), dry_run=False).get_json()
    assert [(e["row"], e["column"]) for e in body["errors"]] == [(3, "zone")]
    assert count(Project) == 0
    partner = api("pat", "partner")
    assert upload(partner, "projects", csv_bytes(rows)).status_code == 403
    assert upload(partner, "companies", csv_bytes(rows)).status_code == 403


def test_a_file_over_the_size_limit_is_refused(app, api, upload):
    admin = api("admin")
    app.config["IMPORT_MAX_MB"] = 0.001  # about a kilobyte
    try:
        rows = [["name_en"]] + [[f"Company {n} with a long name"] for n in range(100)]
        answer = upload(admin, "companies", csv_bytes(rows))
    finally:
        app.config["IMPORT_MAX_MB"] = 20
    assert answer.status_code == 413
    assert "MB" in answer.get_json()["error"]["message"]


def test_a_missing_file_or_an_unreadable_one(app, api, upload):
    admin = api("admin")
    assert admin.post("/api/v1/imports/companies", data={},
                      content_type="multipart/form-data").status_code == 422
    body = upload(admin, "companies", b"PK\x03\x04garbage", name="x.xlsx").get_json()
    assert body["errors"] and body["errors"][0]["row"] == 1
    assert upload(admin, "companies", b"PK\x03\x04garbage", dry_run=False).status_code == 422


def test_rows_in_chunks_let_go_of_their_records_and_still_write_all(app, api, upload,
                                                                    monkeypatch):
    """A chunk at a time (here 2 rows): the session lets go of what it wrote between chunks,
    the user and their zones stay, and the write is still one transaction."""
    from crm.imports import runner as running

    monkeypatch.setattr(running, "CHUNK", 2)
    held = []
    release = running._release

    def counting(user):
        release(user)
        held.append(sum(1 for obj in db.session.identity_map.values()
                        if type(obj).__name__ in ("Project", "Company", "StageChange")))

    monkeypatch.setattr(running, "_release", counting)
    admin = api("sam", "staff")
    siemens = factories.company("Siemens AG")
    rows = project_rows(siemens.id)
    rows[2][3] = "jxetdz"  # all in the staff's own zone
    body = upload(admin, "projects", csv_bytes(rows), dry_run=False).get_json()
    assert (body["created"], body["errors"]) == (4, []), body
    companies = [["name_en", "country"]] + [[f"Firm {n}", "DE"] for n in range(5)]
    body = upload(admin, "companies", csv_bytes(companies), dry_run=False).get_json()
    assert body["created"] == 5
    assert count(Project) == 4 and count(Company) == 6
    assert len(held) == 5 and set(held) == {0}  # 2 + 3 chunks, nothing kept between them
