"""What people type is shown as text everywhere: pages, the board, reports and spreadsheets."""

from io import BytesIO

from openpyxl import load_workbook

SCRIPT = "<script>alert(1)</script>"
FORMULA = "=cmd|' /C calc'!A0"


def test_typed_text_stays_harmless(api, client, login, make_user):
    admin = api("admin")
    company = admin.post("/api/v1/companies", json={"name_en": FORMULA, "name_zh": SCRIPT,
                                                    "country": "DE"}).get_json()
    project = admin.post("/api/v1/projects", json={
        "name_en": SCRIPT, "name_zh": FORMULA, "company_id": company["id"], "zone": "jxetdz",
        "total_investment": {"amount": "200000000.00", "currency": "USD"},
        "notes": SCRIPT, "public_summary": SCRIPT}).get_json()
    make_user("m", "manager")
    login("m")
    for url in ("/projects?lang=en", "/projects/board?lang=en", f"/projects/{project['id']}",
                f"/companies/{company['id']}", "/reports?lang=en", "/companies?lang=zh"):
        page = client.get(url)
        assert page.status_code == 200, url
        text = page.get_data(as_text=True)
        assert SCRIPT not in text, url
        assert "&lt;script&gt;" in text, url
    sheet = client.get("/reports/shuangbai.xlsx")
    assert sheet.status_code == 200
    book = load_workbook(BytesIO(sheet.data))
    cells = [c.value for ws in book.worksheets for row in ws.iter_rows() for c in row
             if isinstance(c.value, str)]
    assert any(FORMULA in value for value in cells)
    assert not any(value.startswith(("=", "+", "-", "@")) for value in cells)
