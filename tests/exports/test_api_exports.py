"""GET /api/v1/exports/{kind}: the list's records with its filters, order and access rules,
as CSV (with a BOM) or XLSX, columns from the record's declaration in the request's language."""

from datetime import date

from crm.money import Money
from tests import factories

from .conftest import column, read_csv, read_xlsx, same_cell


def ids(header, rows) -> list[int]:
    assert header[0] == "ID"
    return [int(row[0]) for row in rows]


def listed(client, url) -> list[int]:
    response = client.get(url)
    assert response.status_code == 200, response.get_json()
    return [item["id"] for item in response.get_json()["items"]]


def test_an_export_is_the_list_with_its_filters_in_its_order(app, api):
    admin = api("admin")
    siemens = factories.company("Siemens AG", country="DE")
    toyota = factories.company("Toyota Motor", country="JP")
    for number, (company, zone) in enumerate([(siemens, "jxetdz"), (toyota, "jxetdz"),
                                              (siemens, "jsetdz"), (toyota, "jxetdz"),
                                              (siemens, "jxetdz")]):
        factories.lead_project(company, zone=zone, name_en=f"Plant {5 - number}")
    factories.contacted_project(siemens, zone="jxetdz", name_en="Plant 0")
    for query in ("zone=jxetdz", "zone=jxetdz&sort=name", "country=DE", "stage=lead&sort=name",
                  "q=plant&sort=created", ""):
        expected = listed(admin, f"/api/v1/projects?per_page=200&{query}")
        assert ids(*read_csv(admin.get(f"/api/v1/exports/projects?{query}"))) == expected, query
        assert ids(*read_xlsx(admin.get(f"/api/v1/exports/projects?format=xlsx&{query}"))) \
            == expected, query
    assert len(listed(admin, "/api/v1/projects?per_page=200&zone=jxetdz")) == 5


def test_a_project_row_holds_what_the_api_reads(app, api, eur_rate):
    admin = api("admin")
    factories.user("olga", "staff", zones=["jxetdz"])
    park = factories.park("jxetdz", name_zh="中德园", name_en="Sino-German Park")
    group = factories.company("Siemens AG", name_zh="西门子")
    project = factories.signed_project(
        group, zone="jxetdz", name_zh="嘉兴工厂", name_en="Jiaxing plant", park_id=park.id,
        criteria=["large", "high"], competing_locations=["Suzhou", "Vietnam"],
        total_investment=Money.parse("150000000", "USD"), new_jobs=120, land_mu=12.5,
        annual_output=Money.parse("2000000.50", "EUR"), owner="olga", productive=True)
    for amount in ("1000000.00", "250000.05"):  # PostgreSQL sums them as a numeric
        assert admin.post(f"/api/v1/projects/{project.id}/payments", json={
            "amount": {"amount": amount, "currency": "USD"},
            "received_on": "2024-06-01"}).status_code == 201
    read = admin.get(f"/api/v1/projects/{project.id}").get_json()
    header, rows = read_csv(admin.get("/api/v1/exports/projects"))
    row = dict(zip(header, rows[0], strict=True))
    assert row["ID"] == str(read["id"])
    assert (row["Name in Chinese"], row["Name in English"]) == ("嘉兴工厂", "Jiaxing plant")
    assert (row["Company"], row["Company (name)"]) == (str(group.id), "Siemens AG")
    assert (row["Park"], row["Park (name)"]) == (str(park.id), "Sino-German Park")
    assert (row["Zone"], row["Kind"], row["Stage"]) == ("jxetdz", "new", "signed")  # codes
    assert row["高大强新优特 criteria"] == "high, large"  # in the codes' order
    assert row["Competing locations"] == "Suzhou, Vietnam"
    # money: the amount and its currency, so an import reads it back
    assert (row["Total investment"], row["Total investment (currency)"]) == (
        "150000000.00", "USD")
    assert (row["Expected annual output"], row["Expected annual output (currency)"]) == (
        "2000000.50", "EUR")
    assert row["Total investment in US dollars"] == read["total_investment_usd"]
    assert (row["Capital paid in"], row["Capital paid in (currency)"]) == ("1250000.05", "USD")
    assert row["Date signed"] == read["signed_on"] == "2024-01-01"
    assert row["Estimated landing date"] == "2030-01-01"
    assert (row["New jobs"], row["Land (mu)"], row["Owner"]) == ("120", "12.5", "olga")
    assert (row["Productive project"], row["两高一低 (high energy use, high pollution, low "
                                            "output)"]) == ("true", "false")
    assert (row["Over US$100M"], row["Fortune Global 500"],
            row["Shuangbai candidate"]) == ("true", "false", "true")
    assert (row["Verified"], row["Verified by"]) == ("", "")
    assert row["Created at"] == read["created_at"] and row["Version"] == str(read["version"])
    # the workbook holds the same row, numbers as numbers
    xlsx_header, xlsx_rows = read_xlsx(admin.get("/api/v1/exports/projects?format=xlsx"))
    assert xlsx_header == header
    assert all(same_cell(text, cell) for text, cell in zip(rows[0], xlsx_rows[0], strict=True))
    cells = dict(zip(xlsx_header, xlsx_rows[0], strict=True))
    assert cells["Total investment"] == 150000000 and cells["New jobs"] == 120
    assert cells["Over US$100M"] is True and cells["Company"] == group.id


def test_every_column_comes_from_the_declaration(app, api):
    """Each field of the record, in its order: nothing added, nothing left out."""
    from crm.exports import EXPORTS

    admin = api("admin")
    factories.lead_project()
    factories.talent()
    factories.meeting(subject="Call")
    for kind, export in EXPORTS.items():
        with app.test_request_context(headers={"Accept-Language": "en"}):
            labels = [str(f.label) for f in export.declaration()[0].fields]
        assert all(label for label in labels), kind
        header, _rows = read_csv(admin.get(f"/api/v1/exports/{kind}"))
        named = [h for h in header if h in labels]
        # each field once, in order (flags and Global 500 entries spread over columns)
        assert [f for f in labels if f in named] == named
        # a text kept in two languages is its two columns (Public summary in Chinese, …)
        assert set(labels) - set(named) <= {"Flags", "Fortune Global 500 list",
                                            "Public summary", "Field"}, kind


def test_staff_export_only_their_zones(app, api, make_user):
    make_user("sam", "staff", zones=["jxetdz"])
    staff = api("sam", None)
    mine = factories.lead_project(zone="jxetdz")
    theirs = factories.lead_project(zone="jsetdz")
    factories.talent("jxetdz", name="Mine Talent")
    factories.talent("jsetdz", name="Their Talent")
    factories.meeting(subject="Ours", project_ids=[mine.id])
    factories.meeting(subject="Theirs", project_ids=[theirs.id])
    assert ids(*read_csv(staff.get("/api/v1/exports/projects"))) == [mine.id]
    header, rows = read_csv(staff.get("/api/v1/exports/talents"))
    assert column(header, rows, "Name in Latin letters") == ["Mine Talent"]
    header, rows = read_xlsx(staff.get("/api/v1/exports/interactions?format=xlsx"))
    assert column(header, rows, "Subject") == ["Ours"]
    # asking for another zone gives nothing of it
    assert read_csv(staff.get("/api/v1/exports/projects?zone=jsetdz"))[1] == []


def test_a_partner_exports_their_projects_public_fields_only(app, api, make_user):
    own = factories.company("Own GmbH")
    other = factories.company("Other AG")
    visible = factories.lead_project(own, name_en="Own plant", notes="internal note",
                                     public_summary_en="A plant",
                                     total_investment=Money.parse("5000000", "USD"))
    factories.lead_project(other, name_en="Hidden plant")
    make_user("pat", "partner", company_ids=[own.id])
    partner = api("pat", None)
    header, rows = read_csv(partner.get("/api/v1/exports/projects"))
    assert header == ["ID", "Name in Chinese", "Name in English", "Zone", "Kind", "Stage",
                      "Total investment", "Total investment (currency)",
                      "Public summary in Chinese", "Public summary in English"]
    assert rows == [[str(visible.id), visible.name_zh, "Own plant", "jxetdz", "new", "lead",
                     "5000000.00", "USD", "", "A plant"]]
    raw = partner.get("/api/v1/exports/projects?format=xlsx").get_data()
    assert read_xlsx(partner.get("/api/v1/exports/projects?format=xlsx"))[0] == header
    assert b"internal note" not in raw and b"Hidden plant" not in raw
    # their companies, public fields only; filters beyond the public ones are refused (422)
    header, rows = read_csv(partner.get("/api/v1/exports/companies"))
    assert header == ["ID", "Name in Chinese", "Name in English", "Country of origin",
                      "Industry", "Industry in detail", "Website"]
    assert column(header, rows, "Name in English") == ["Own GmbH"]
    refused = partner.get("/api/v1/exports/projects?country=DE&format=xlsx")
    assert refused.status_code == 422
    assert set(refused.get_json()["error"]["fields"]) == {"country"}
    assert partner.get("/api/v1/exports/companies?fortune500=1").status_code == 422
    assert partner.get("/api/v1/exports/talents").status_code == 403
    assert partner.get("/api/v1/exports/interactions").status_code == 403


def test_headers_in_the_request_language_or_else_the_users(app, client, make_user, token_for):
    factories.lead_project()
    make_user("wang", "manager", locale="zh")
    make_user("anna", "manager", locale="en")
    wang = {"Authorization": f"Bearer {token_for('wang')}"}
    anna = {"Authorization": f"Bearer {token_for('anna')}"}
    chinese = ["编号", "中文名称", "英文名称", "企业"]
    assert read_csv(client.get("/api/v1/exports/projects", headers=wang))[0][:4] == chinese
    assert read_csv(client.get("/api/v1/exports/projects", headers=anna))[0][:4] == [
        "ID", "Name in Chinese", "Name in English", "Company"]
    asked = anna | {"Accept-Language": "zh-Hans-CN, en;q=0.8"}
    header = read_xlsx(client.get("/api/v1/exports/projects?format=xlsx", headers=asked))[0]
    assert header[:4] == chinese and "总投资（币种）" in header


def test_formulas_are_neutralised_and_numbers_stay_numbers(app, api):
    admin = api("admin")
    factories.lead_project(name_zh="+cmd|' /C calc'!A0", name_en="=HYPERLINK(\"http://x\")",
                           public_summary_en="-2+3", notes="@SUM(A1:A2)", new_jobs=7,
                           land_mu=3.5, total_investment=Money.parse("1234.5", "USD"))
    header, rows = read_csv(admin.get("/api/v1/exports/projects"))
    row = dict(zip(header, rows[0], strict=True))
    assert row["Name in Chinese"] == "'+cmd|' /C calc'!A0"
    assert row["Name in English"] == "'=HYPERLINK(\"http://x\")"
    assert (row["Public summary in English"], row["Notes"]) == ("'-2+3", "'@SUM(A1:A2)")
    assert (row["New jobs"], row["Land (mu)"], row["Total investment"]) == (
        "7", "3.5", "1234.50")
    header, rows = read_xlsx(admin.get("/api/v1/exports/projects?format=xlsx"))
    cells = dict(zip(header, rows[0], strict=True))
    assert cells["Name in English"] == "'=HYPERLINK(\"http://x\")"
    assert cells["Notes"] == "'@SUM(A1:A2)" and cells["Public summary in English"] == "'-2+3"
    assert (cells["New jobs"], cells["Land (mu)"], cells["Total investment"]) == (7, 3.5, 1234.5)


def test_text_that_xml_cannot_hold_is_written_safely(app, api):
    admin = api("admin")
    factories.lead_project(name_en="R&D <lab> \"one\"", notes="bell\x07 and tab\tand\nline")
    header, rows = read_xlsx(admin.get("/api/v1/exports/projects?format=xlsx"))
    cells = dict(zip(header, rows[0], strict=True))
    assert cells["Name in English"] == "R&D <lab> \"one\""
    assert cells["Notes"] == "bell and tab\tand\nline"


def test_a_bad_filter_or_format_is_a_422(app, api):
    admin = api("admin")
    for url, field in (("/api/v1/exports/projects?stage=bogus", "stage"),
                       ("/api/v1/exports/projects?format=pdf", "format"),
                       ("/api/v1/exports/interactions?since=yesterday", "since"),
                       ("/api/v1/exports/talents?talent_type=chef", "talent_type")):
        response = admin.get(url)
        assert response.status_code == 422, url
        assert set(response.get_json()["error"]["fields"]) == {field}
    assert admin.get("/api/v1/exports/projects", headers={
        "Authorization": "Bearer wrong"}).status_code == 401


def test_companies_talents_and_meetings_export(app, api):
    admin = api("admin")
    group = factories.company("Siemens AG", name_zh="西门子")
    child = factories.company("Siemens Jiaxing", parent_id=group.id, phone="+86 573 1234")
    plant = factories.lead_project(child, name_en="Plant")
    expert = factories.talent("jxetdz", name="Ben Early", owner="admin")
    factories.meeting(subject="Visit", occurred_on=date(2026, 3, 2), company_ids=[child.id],
                      project_ids=[plant.id], talent_ids=[expert.id], attendees=["admin"],
                      follow_ups=[{"title": "Send offer", "due_on": date(2026, 4, 1),
                                   "owner": "admin", "done": True},
                                  {"title": "Call back", "due_on": date(2026, 3, 9)}])
    header, rows = read_csv(admin.get("/api/v1/exports/companies?q=siemens"))
    rows = {row[header.index("Name in English")]: dict(zip(header, row, strict=True))
            for row in rows}
    assert rows["Siemens Jiaxing"]["Parent group (name)"] == "Siemens AG"
    assert rows["Siemens Jiaxing"]["Parent group"] == str(group.id)
    assert rows["Siemens Jiaxing"]["Phone"] == "'+86 573 1234"  # starts with +: neutralised
    assert rows["Siemens AG"]["Fortune Global 500"] == "false"
    header, rows = read_csv(admin.get("/api/v1/exports/talents"))
    talent = dict(zip(header, rows[0], strict=True))
    assert (talent["Name in Latin letters"], talent["Owner"], talent["Stage"]) == (
        "Ben Early", "admin", "identified")
    header, rows = read_xlsx(admin.get("/api/v1/exports/interactions?format=xlsx&zone=jxetdz"))
    meeting = dict(zip(header, rows[0], strict=True))
    assert (meeting["Subject"], meeting["Date"], meeting["Kind"]) == ("Visit", "2026-03-02",
                                                                      "meeting")
    assert (meeting["Companies"], meeting["Projects"], meeting["Talents"]) == (
        str(child.id), str(plant.id), str(expert.id))
    assert meeting["Our attendees"] == "admin" and meeting["Logged by"] == factories.BOSS
    assert meeting["Follow-ups"] == "2026-03-09 Call back\n2026-04-01 Send offer ✓"


def test_the_exports_are_in_openapi(client):
    document = client.get("/api/v1/openapi.json").get_json()
    for kind, filters in (("projects", {"zone", "stage", "kind", "criteria", "flag", "q",
                                        "sort"}),
                          ("companies", {"q", "country", "fortune500"}),
                          ("talents", {"talent_type", "stage", "zone"}),
                          ("interactions", {"kind", "zone", "since", "until"})):
        operation = document["paths"][f"/api/v1/exports/{kind}"]["get"]
        names = {p["name"] for p in operation["parameters"]}
        assert filters | {"format"} <= names and not {"page", "per_page"} & names
        assert set(operation["responses"]["200"]["content"]) == {
            "text/csv; charset=utf-8",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
        assert "422" in operation["responses"]


def test_a_large_export_arrives_in_batches(app, api, monkeypatch):
    """More rows than one batch: every row once, in order, in both formats."""
    import crm.exports

    monkeypatch.setattr(crm.exports, "BATCH", 3)
    admin = api("admin")
    acme = factories.company()
    for _ in range(8):
        factories.lead_project(acme)
    expected = listed(admin, "/api/v1/projects?per_page=200")
    assert ids(*read_csv(admin.get("/api/v1/exports/projects"))) == expected
    assert ids(*read_xlsx(admin.get("/api/v1/exports/projects?format=xlsx"))) == expected


def test_a_streamed_csv_reads_on_a_connection_of_its_own(app, api, monkeypatch):
    """The CSV outlives the request's session (closed, its transaction rolled back, when the
    view returns): its rows come through a connection of its own, let go at the end or when
    the download stops half way."""
    import crm.exports
    from crm.extensions import db

    monkeypatch.setattr(crm.exports, "BATCH", 2)
    admin = api("admin")
    acme = factories.company()
    for _ in range(7):
        factories.lead_project(acme)
    expected = listed(admin, "/api/v1/projects?per_page=200")
    pool = db.engine.pool
    db.session.remove()
    before = pool.checkedout()
    response = admin.get("/api/v1/exports/projects")
    db.session.remove()  # as the request's end does, before the file is read
    pieces = iter(response.response)
    first = next(pieces)  # the BOM and the header
    assert pool.checkedout() == before + 1
    text = (first + b"".join(pieces)).decode("utf-8-sig")
    response.close()
    assert [int(line.split(",")[0]) for line in text.splitlines()[1:]] == expected
    assert pool.checkedout() == before
    # a download stopped after its first piece lets go of its connection too
    response = admin.get("/api/v1/exports/projects")
    db.session.remove()
    next(iter(response.response))
    assert pool.checkedout() == before + 1
    response.close()
    assert pool.checkedout() == before


def test_repeated_texts_are_shared_strings_bounded_and_read_back_the_same(app, api, monkeypatch):
    """A column whose texts repeat goes through the workbook's shared strings (a formula
    neutralised, XML escaped), at most SHARED_MOST of them, the others in their cells; every
    cell reads back as the CSV says."""
    import io
    import zipfile

    from crm.exports import sheet

    monkeypatch.setattr(sheet, "SHARED_MOST", 2)
    admin = api("admin")
    names = ["=1+1", "R&D <lab>", "Plant", "=1+1", "R&D <lab>", "Plant"]
    for name in names:
        factories.lead_project(name_en=name, notes=name)
    header, rows = read_csv(admin.get("/api/v1/exports/projects"))
    response = admin.get("/api/v1/exports/projects?format=xlsx")
    xlsx_header, cells = read_xlsx(response)
    assert xlsx_header == header and len(cells) == len(rows) == 6
    for row, read in zip(rows, cells, strict=True):
        assert all(same_cell(text, cell) for text, cell in zip(row, read, strict=True)), row
    assert sorted(column(header, cells, "Name in English")) == sorted(
        ["'=1+1", "R&D <lab>", "Plant"] * 2)
    with zipfile.ZipFile(io.BytesIO(response.get_data())) as package:
        shared = package.read("xl/sharedStrings.xml").decode()
        sheet_xml = package.read("xl/worksheets/sheet1.xml").decode()
    assert shared.count("<si>") == 2 and 't="s"' in sheet_xml and "inlineStr" in sheet_xml


def test_a_chinese_workbook_labels_codes_in_chinese(app, client, make_user, token_for):
    """A code's label (a company's industry) is the reader's language in both formats: the
    workbook's cells are made on the request's thread, which knows the language."""
    factories.company("Parts KK", country="JP", industry="automotive")
    make_user("wang", "manager", locale="zh")
    wang = {"Authorization": f"Bearer {token_for('wang')}"}
    header, rows = read_csv(client.get("/api/v1/exports/companies", headers=wang))
    in_csv = column(header, rows, "行业")
    header, rows = read_xlsx(client.get("/api/v1/exports/companies?format=xlsx", headers=wang))
    assert column(header, rows, "行业") == in_csv == ["汽车及零部件"]
