from crm.companies.models import Company
from crm.extensions import db
from tests.conftest import csrf_from


def company_form(**extra):
    data = {"name_zh": "", "name_en": "Siemens AG", "country": "DE", "industry": "high_end_equipment", "industry_detail": "Machinery",
            "website": "", "phone": "", "parent_id": "", "notes": ""}
    data.update(extra)
    return data


def count() -> int:
    return db.session.scalar(db.select(db.func.count()).select_from(Company))


def test_duplicate_shows_candidates_then_create_anyway(client, make_user, login, company):
    make_user("sam", "staff", zones=["jxetdz"])
    existing = company(name_en="Siemens AG")
    login("sam")
    token = csrf_from(client.get("/companies/new").get_data(as_text=True))
    response = client.post("/companies/new", data=company_form(csrf_token=token,
                                                               name_en="SIEMENS"))
    html = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "looks like one already in the CRM" in html
    assert f'href="/companies/{existing.id}"' in html
    assert 'name="allow_duplicate"' in html and 'value="SIEMENS"' in html
    assert count() == 1
    response = client.post("/companies/new", data=company_form(
        csrf_token=token, name_en="SIEMENS", allow_duplicate="y"), follow_redirects=True)
    assert "The company was added." in response.get_data(as_text=True)
    assert count() == 2


def test_company_page_and_list(client, make_user, login, company, project):
    make_user("mia", "manager")
    parent = company(name_en="Parent Holding", country="JP")
    child = company(name_en="Child Ltd", country="JP", parent_id=parent.id)
    project(child, name_en="Child plant", name_zh="")
    login("mia")
    html = client.get(f"/companies/{child.id}").get_data(as_text=True)
    assert "Japan" in html and "Parent Holding" in html and "Child plant" in html
    html = client.get(f"/companies/{parent.id}").get_data(as_text=True)
    assert "Child Ltd" in html  # a subsidiary
    html = client.get("/companies", query_string={"q": "child"}).get_data(as_text=True)
    assert "Child Ltd" in html and "Parent Holding" not in html


def test_edit_and_delete_company(client, make_user, login, company):
    make_user("mia", "manager")
    acme = company(name_en="Acme", name_zh="阿克米")
    login("mia")
    page = client.get(f"/companies/{acme.id}/edit").get_data(as_text=True)
    response = client.post(f"/companies/{acme.id}/edit", data=company_form(
        csrf_token=csrf_from(page), name_en="Acme Corp", name_zh="阿克米",
        version=str(acme.version)), follow_redirects=True)
    assert "Acme Corp" in response.get_data(as_text=True)
    response = client.post(f"/companies/{acme.id}/delete",
                           data={"csrf_token": csrf_from(page)}, follow_redirects=True)
    assert "The company was deleted." in response.get_data(as_text=True)
    assert client.get(f"/companies/{acme.id}").status_code == 404


def test_company_in_use_cannot_be_deleted(client, make_user, login, company, project):
    make_user("mia", "manager")
    acme = company()
    project(acme)
    login("mia")
    page = client.get(f"/companies/{acme.id}").get_data(as_text=True)
    response = client.post(f"/companies/{acme.id}/delete",
                           data={"csrf_token": csrf_from(page)}, follow_redirects=True)
    assert "still name this company" in response.get_data(as_text=True)
    assert client.get(f"/companies/{acme.id}").status_code == 200
