import io

from crm.extensions import db
from crm.reference.models import ExchangeRate, Global500Entry
from tests.conftest import csrf_from


def test_reference_pages_are_for_admins(client, make_user, login):
    make_user("sam", "staff", zones=["jxetdz"])
    make_user("mia", "manager")
    for name in ("sam", "mia"):
        login(name)
        for url in ("/reference", "/reference/global500", "/reference/rates"):
            assert client.get(url).status_code == 403, (name, url)
        client.post("/logout", data={"csrf_token": csrf_from(client.get("/").get_data(
            as_text=True))})
    make_user("root", "admin")
    login("root")
    html = client.get("/reference").get_data(as_text=True)
    assert "Fortune Global 500" in html and "Exchange rates" in html


def test_rates_form_adds_a_rate(client, make_user, login):
    make_user("root", "admin")
    login("root")
    page = client.get("/reference/rates").get_data(as_text=True)
    response = client.post("/reference/rates", data={
        "csrf_token": csrf_from(page), "currency": "eur", "usd_per_unit": "1.0825",
        "valid_from": "2024-01-01"}, follow_redirects=True)
    html = response.get_data(as_text=True)
    assert "The rate was saved." in html and "EUR" in html and "1.0825" in html
    rate = db.session.scalar(db.select(ExchangeRate))
    assert rate.currency == "EUR" and str(rate.usd_per_unit) == "1.0825"
    response = client.post("/reference/rates", data={
        "csrf_token": csrf_from(page), "currency": "USD", "usd_per_unit": "1",
        "valid_from": "2024-01-01"})
    assert response.status_code == 422
    assert "US dollars need no rate." in response.get_data(as_text=True)


def test_global500_csv_upload_links_company_and_badge(client, make_user, login, company):
    make_user("root", "admin")
    acme = company(name_en="Toyota Motor Corporation", name_zh="丰田汽车", country="JP")
    other = company(name_en="Nippon Parts", country="JP")
    login("root")
    page = client.get("/reference/global500").get_data(as_text=True)
    csv_bytes = ("\ufeffrank,name_en,name_zh\n10,Toyota Motor,丰田汽车公司\n"
                 "20,Unmatched Co,\n").encode()
    response = client.post("/reference/global500/upload", data={
        "csrf_token": csrf_from(page), "year": "2024",
        "file": (io.BytesIO(csv_bytes), "g500.csv")},
        content_type="multipart/form-data", follow_redirects=True)
    html = response.get_data(as_text=True)
    assert "The 2024 list now has 2 entries." in html
    assert "Unmatched Co" in html and "not matched" in html
    # link rank 10 by hand (the names differ), then rank 20 to another company
    entry = db.session.scalar(db.select(Global500Entry).where(Global500Entry.rank == 10))
    response = client.post(f"/reference/global500/{entry.id}/link", data={
        "csrf_token": csrf_from(html), "company_id": str(acme.id)}, follow_redirects=True)
    html = response.get_data(as_text=True)
    assert "Rank 10 is now linked to Toyota Motor Corporation." in html
    assert f'href="/companies/{acme.id}"' in html
    company_page = client.get(f"/companies/{acme.id}").get_data(as_text=True)
    assert "Fortune Global 500" in company_page and "2024 list, rank 10" in company_page
    assert "Fortune Global 500" not in client.get(f"/companies/{other.id}").get_data(
        as_text=True).split("<main", 1)[1].split("Details", 1)[0]
    response = client.post(f"/reference/global500/{entry.id}/link", data={
        "csrf_token": csrf_from(html), "company_id": "99999"}, follow_redirects=True)
    assert "There is no company number 99999." in response.get_data(as_text=True)


def test_global500_upload_matches_names_and_reports_bad_rows(client, make_user, login, company):
    make_user("root", "admin")
    acme = company(name_en="Siemens AG", country="DE")
    login("root")
    page = client.get("/reference/global500").get_data(as_text=True)
    body = b'[{"rank": 5, "name_en": "Siemens"}, {"rank": 6, "name_en": "BASF"}]'
    response = client.post("/reference/global500/upload", data={
        "csrf_token": csrf_from(page), "year": "2023", "file": (io.BytesIO(body), "list.json")},
        content_type="multipart/form-data", follow_redirects=True)
    assert "The 2023 list now has 2 entries." in response.get_data(as_text=True)
    assert "2023 list, rank 5" in client.get(f"/companies/{acme.id}").get_data(as_text=True)
    bad = b"rank,name_en\nx,Foo\n"
    response = client.post("/reference/global500/upload", data={
        "csrf_token": csrf_from(page), "year": "2023", "file": (io.BytesIO(bad), "list.csv")},
        content_type="multipart/form-data")
    assert response.status_code == 422
    assert "Row 1 (rank)" in response.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count()).select_from(Global500Entry)) == 2
