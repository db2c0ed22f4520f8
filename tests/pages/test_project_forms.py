from crm.extensions import db
from crm.projects.models import Project
from tests.conftest import csrf_from


def form_fields(company_id, **extra):
    data = {"name_zh": "嘉兴新厂", "name_en": "Jiaxing new plant", "company_id": str(company_id),
            "zone": "jxetdz", "park_id": "", "kind": "new", "tech_level": "", "likelihood": "",
            "owner": "", "competing_locations": "Suzhou, Wuxi\nVietnam",
            "total_investment_amount": "2000000", "total_investment_currency": "EUR"}
    for name in ("registered_capital", "foreign_capital", "annual_output", "annual_tax"):
        data[f"{name}_amount"] = ""
        data[f"{name}_currency"] = "USD"
    data.update(extra)
    return data


def test_create_project_through_the_form(client, make_user, login, company, eur_rate):
    make_user("sam", "staff", zones=["jxetdz"])
    acme = company()
    login("sam")
    page = client.get("/projects/new").get_data(as_text=True)
    assert "Acme GmbH" in page and 'value="jsetdz"' not in page  # only zones sam may add to
    data = form_fields(acme.id, csrf_token=csrf_from(page), criteria=["high", "new"])
    response = client.post("/projects/new", data=data, follow_redirects=True)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "The project was added." in html
    assert "Jiaxing new plant" in html and "EUR 2.0M (about US$2.2M)" in html
    assert "High-tech" in html and "Suzhou, Wuxi, Vietnam" in html
    saved = db.session.scalar(db.select(Project))
    assert saved.criteria == ["high", "new"] and saved.created_by_id is not None


def test_create_refuses_another_zone_and_bad_money(client, make_user, login, company):
    make_user("sam", "staff", zones=["jxetdz"])
    acme = company()
    login("sam")
    token = csrf_from(client.get("/projects/new").get_data(as_text=True))
    response = client.post("/projects/new", data=form_fields(
        acme.id, csrf_token=token, zone="jsetdz", total_investment_amount="lots"))
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Write the amount as a number" in html
    assert "Not a valid choice" in html
    assert db.session.scalar(db.select(db.func.count()).select_from(Project)) == 0


def test_missing_rate_is_shown_beside_the_amount(client, make_user, login, company):
    from datetime import timedelta

    from crm import clock
    from crm.reference.services import save_rates

    make_user("mia", "manager")
    acme = company()
    # the currencies offered are the rate table's: EUR has a rate, but only from next year
    save_rates([{"currency": "EUR", "usd_per_unit": "1.1",
                 "valid_from": clock.today() + timedelta(days=365)}])
    login("mia")
    token = csrf_from(client.get("/projects/new").get_data(as_text=True))
    response = client.post("/projects/new", data=form_fields(acme.id, csrf_token=token))
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "No exchange rate for EUR" in html
    assert 'id="total_investment_amount-errors"' in html


def test_stale_edit_keeps_input_and_changes_nothing(client, make_user, login, company, project):
    make_user("mia", "manager")
    acme = company()
    record = project(acme, name_zh="旧名", name_en="Old name")
    login("mia")
    page = client.get(f"/projects/{record.id}/edit").get_data(as_text=True)
    token = csrf_from(page)
    assert 'value="Old name"' in page
    stale = record.version
    # someone else saves meanwhile
    client.post(f"/projects/{record.id}/edit", data=form_fields(
        acme.id, csrf_token=token, version=str(stale), name_zh="旧名", name_en="Other's name",
        total_investment_amount=""))
    db.session.expire_all()
    assert db.session.get(Project, record.id).name_en == "Other's name"
    response = client.post(f"/projects/{record.id}/edit", data=form_fields(
        acme.id, csrf_token=token, version=str(stale), name_zh="旧名", name_en="My new name",
        notes="my careful notes", total_investment_amount=""))
    html = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "Someone else changed this project" in html
    assert 'value="My new name"' in html and "my careful notes" in html
    db.session.expire_all()
    saved = db.session.get(Project, record.id)
    assert saved.name_en == "Other's name" and saved.notes == ""


def test_edit_saves_and_keeps_english_name(client, make_user, login, company, project):
    make_user("mia", "manager", locale="zh")
    acme = company()
    record = project(acme, name_zh="旧名", name_en="Old name")
    login("mia")
    page = client.get(f"/projects/{record.id}/edit").get_data(as_text=True)
    data = form_fields(acme.id, csrf_token=csrf_from(page), version=str(record.version),
                       name_zh="新名", name_en="Old name", total_investment_amount="")
    response = client.post(f"/projects/{record.id}/edit", data=data)
    assert response.status_code == 302
    db.session.expire_all()
    saved = db.session.get(Project, record.id)
    assert (saved.name_zh, saved.name_en) == ("新名", "Old name")


def test_staff_of_another_zone_gets_404(client, make_user, login, company, project):
    make_user("sam", "staff", zones=["jsetdz"])
    acme = company()
    record = project(acme, name_en="Hidden", zone="jxetdz")
    login("sam")
    assert client.get(f"/projects/{record.id}").status_code == 404
    assert client.get(f"/projects/{record.id}/edit").status_code == 404
    token = csrf_from(client.get("/projects").get_data(as_text=True))
    response = client.post(f"/projects/{record.id}/edit", data=form_fields(
        acme.id, csrf_token=token, version=str(record.version), name_en="Hacked"))
    assert response.status_code == 404
    db.session.expire_all()
    assert db.session.get(Project, record.id).name_en == "Hidden"


def test_delete_through_the_confirm_button(client, make_user, login, company, project):
    make_user("mia", "manager")
    record = project(company(), name_en="Doomed", name_zh="")
    login("mia")
    page = client.get(f"/projects/{record.id}").get_data(as_text=True)
    assert "Meetings" in page and "No meetings are linked" in page
    response = client.post(f"/projects/{record.id}/delete",
                           data={"csrf_token": csrf_from(page)}, follow_redirects=True)
    assert "The project was deleted." in response.get_data(as_text=True)
    assert client.get(f"/projects/{record.id}").status_code == 404
