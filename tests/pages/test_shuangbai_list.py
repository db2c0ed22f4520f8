"""Admins keep the yearly 双百 list on a page too: upload, see it linked, and the tracker counts it."""

from io import BytesIO

from tests.conftest import csrf_from


def upload(client, year, content: bytes, name="list.csv"):
    page = client.get(f"/reference/shuangbai?year={year}&lang=en")
    return client.post("/reference/shuangbai/upload", data={
        "csrf_token": csrf_from(page.get_data(as_text=True)), "year": str(year),
        "file": (BytesIO(content), name)}, content_type="multipart/form-data")


def test_admin_uploads_a_list_that_links_companies(api, client, login, make_user):
    admin = api("admin")
    company = admin.post("/api/v1/companies", json={"name_zh": "博世（嘉兴）有限公司",
                                                    "name_en": "Bosch Jiaxing"}).get_json()
    make_user("boss", "admin")
    login("boss")
    csv_text = "name_zh,name_en\n博世（嘉兴）有限公司,Bosch (Jiaxing) Co. Ltd.\n某某公司,\n"
    response = upload(client, 2026, ("\ufeff" + csv_text).encode())
    assert response.status_code == 302
    page = client.get("/reference/shuangbai?year=2026&lang=en").get_data(as_text=True)
    assert "博世（嘉兴）有限公司" in page and f"/companies/{company['id']}" in page
    assert "not matched" in page
    listed = admin.get("/api/v1/reference/shuangbai?year=2026").get_json()
    assert [e["company_id"] for e in listed] == [company["id"], None]
    report = admin.get("/api/v1/reports/shuangbai?year=2026").get_json()
    assert report["count"] == 2


def test_a_bad_file_changes_nothing(api, client, login, make_user):
    admin = api("admin")
    make_user("boss", "admin")
    login("boss")
    assert upload(client, 2026, b"name_zh\nA\n").status_code == 302
    bad = upload(client, 2026, b"rank,title\n1,x\n")
    assert bad.status_code == 422
    assert "name_zh or name_en" in bad.get_data(as_text=True)
    unreadable = upload(client, 2026, b"\xff\xfe\x00", name="list.csv")
    assert unreadable.status_code == 422
    assert [e["name_zh"] for e in admin.get(
        "/api/v1/reference/shuangbai?year=2026").get_json()] == ["A"]


def test_only_admins_keep_the_list(client, login, make_user):
    make_user("m", "manager")
    login("m")
    assert client.get("/reference/shuangbai").status_code == 403
