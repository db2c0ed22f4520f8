"""The import pages: upload, the dry run's report, "Confirm import"; the template."""

import io
import re

import openpyxl
import sqlalchemy as sa

from crm.companies.models import Company
from crm.extensions import db
from tests import factories
from tests.conftest import csrf_from

from .conftest import csv_bytes


def post_file(client, url: str, data: bytes, name: str = "companies.csv"):
    token = csrf_from(client.get(url).get_data(as_text=True))
    return client.post(url, data={"csrf_token": token, "file": (io.BytesIO(data), name)},
                       content_type="multipart/form-data")


def companies() -> list[str]:
    db.session.expire_all()
    return sorted(db.session.scalars(sa.select(Company.name_en)))


def test_upload_dry_run_then_confirm(app, client, login, kept_files):
    factories.user("sam", "staff", zones=["jxetdz"])
    login("sam")
    listed = client.get("/companies").get_data(as_text=True)
    assert 'href="/imports/companies"' in listed
    rows = [["Name in English", "Country of origin"], ["Siemens AG", "DE"], ["Toyota", "日本"]]
    page = post_file(client, "/imports/companies", csv_bytes(rows))
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Dry run" in html and "Confirm import" in html
    assert companies() == []  # nothing written before the confirmation
    token = re.search(r'name="token" value="([^"]+)"', html).group(1)
    assert [p.name for p in kept_files.iterdir()] == [f"{factories.find_user('sam').id}-{token}"]
    done = client.post("/imports/companies/confirm",
                       data={"csrf_token": csrf_from(html), "token": token})
    assert done.status_code == 302 and done.headers["Location"].endswith("/companies")
    assert list(kept_files.iterdir()) == []  # removed once confirmed
    assert companies() == ["Siemens AG", "Toyota"]
    # the kept file is gone: a second confirmation finds nothing to import
    again = client.post("/imports/companies/confirm",
                        data={"csrf_token": csrf_from(html), "token": token})
    assert again.status_code == 422 and companies() == ["Siemens AG", "Toyota"]
    # the same file again: both rows are taken as the companies already there
    html = post_file(client, "/imports/companies", csv_bytes(rows)).get_data(as_text=True)
    assert "Row 2: Siemens AG (no. " in html and "Row 3: Toyota (no. " in html


def test_a_bad_file_shows_its_problems_by_row_and_column_and_no_confirm(app, client, login):
    factories.user("sam", "staff", zones=["jxetdz"], locale="zh")
    login("sam")
    rows = [["英文名称", "投资来源地"], ["Siemens AG", "Atlantis"]]
    page = post_file(client, "/imports/companies", csv_bytes(rows, encoding="gb18030"))
    html = page.get_data(as_text=True)
    assert "<td>2</td><td>投资来源地</td>" in html
    assert "Atlantis" in html and 'name="token"' not in html
    assert companies() == []


def test_the_template_lists_headers_and_allowed_codes(app, client, login):
    factories.user("sam", "staff", zones=["jxetdz"], locale="zh")
    login("sam")
    answer = client.get("/imports/projects/template.xlsx")
    assert answer.status_code == 200 and "attachment" in answer.headers["Content-Disposition"]
    book = openpyxl.load_workbook(io.BytesIO(answer.get_data()))
    headers = [c.value for c in book.worksheets[0][1]]
    assert "中文名称" in headers and "总投资（币种）" in headers and "阶段" in headers
    codes = [[c.value for c in row] for row in book.worksheets[1].iter_rows()]
    assert ["阶段", "signed", "已签约"] in codes
    assert any(row[1] == "jxetdz" for row in codes)


def test_partners_may_not_import(app, client, login):
    company = factories.company("Siemens AG")
    factories.user("pat", "partner", company_ids=[company.id])
    login("pat")
    assert client.get("/imports/projects").status_code == 403
    assert client.get("/imports/projects/template.xlsx").status_code == 403


def test_an_xlsx_upload_and_a_file_over_the_limit(app, client, login):
    from .conftest import xlsx_bytes

    factories.user("sam", "staff", zones=["jxetdz"])
    login("sam")
    rows = [["Name in English", "Country of origin"], ["Siemens AG", "Germany"]]
    html = post_file(client, "/imports/companies", xlsx_bytes(rows), "c.xlsx") \
        .get_data(as_text=True)
    assert "Confirm import" in html
    app.config["IMPORT_MAX_MB"] = 0.0001  # about 100 bytes
    try:
        page = post_file(client, "/imports/companies", xlsx_bytes(rows), "c.xlsx")
    finally:
        app.config["IMPORT_MAX_MB"] = 20
    assert page.status_code == 413
    assert "split it into smaller files" in page.get_data(as_text=True)
    assert 'name="token"' not in page.get_data(as_text=True)
    assert companies() == []


def test_a_filled_in_template_imports(app, client, login):
    from .conftest import xlsx_bytes

    factories.user("sam", "staff", zones=["jxetdz"], locale="zh")
    login("sam")
    siemens = factories.company("Siemens AG", name_zh="西门子")
    book = openpyxl.load_workbook(io.BytesIO(client.get(
        "/imports/projects/template.xlsx").get_data()))
    headers = [c.value for c in book.worksheets[0][1]]
    # the company by its name, the zone by its Chinese name, the amount as people write it
    row = dict.fromkeys(headers, None) | {
        "中文名称": "嘉兴工厂", "企业": "西门子", "开发区": "嘉兴经济技术开发区",
        "总投资": "1.5亿美元"}
    html = post_file(client, "/imports/projects", xlsx_bytes([headers, list(row.values())]),
                     "p.xlsx").get_data(as_text=True)
    assert "确认导入" in html
    token = re.search(r'name="token" value="([^"]+)"', html)
    assert token, html[html.find("<table"):html.find("</table>")]
    client.post("/imports/projects/confirm", data={"csrf_token": csrf_from(html),
                                                   "token": token.group(1)})
    from crm.projects.models import Project

    project = db.session.scalar(sa.select(Project))
    assert (project.name_zh, project.company_id, project.zone_code) == (
        "嘉兴工厂", siemens.id, "jxetdz")


def test_a_run_says_how_far_it_got(app, client, login, kept_files, monkeypatch):
    """After each chunk the run writes the last row it read where the page's script asks for
    it (under the id the script gave the form); the file is removed when the run ends."""
    from crm.imports import files
    from crm.imports import runner as running

    monkeypatch.setattr(running, "CHUNK", 2)
    written = []
    monkeypatch.setattr(files.Path, "write_text",
                        lambda self, text, *a, **k: written.append((self.name, text)))
    sam = factories.user("sam", "staff", zones=["jxetdz"])
    login("sam")
    rows = [["name_en"]] + [[f"Firm {n}"] for n in range(5)]
    url = "/imports/companies"
    token = csrf_from(client.get(url).get_data(as_text=True))
    ident = "a" * 32
    page = client.post(url, data={"csrf_token": token, "progress": ident,
                                  "file": (io.BytesIO(csv_bytes(rows)), "c.csv")},
                       content_type="multipart/form-data")
    assert page.status_code == 200
    assert written == [(f"{sam.id}-{ident}.progress", row) for row in ("3", "5", "6")]
    monkeypatch.undo()
    assert client.get(f"/imports/companies/progress/{ident}").get_json() == {"row": None}
    (kept_files / f"{sam.id}-{ident}.progress").write_text("4001")
    assert client.get(f"/imports/companies/progress/{ident}").get_json() == {"row": 4001}
    assert client.get("/imports/companies/progress/short").get_json() == {"row": None}
