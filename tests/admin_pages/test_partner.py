"""The partner portal: their companies' projects only, public fields only, in English."""

from crm.money import Money
from tests.admin_pages.conftest import sign_in


def make_projects(make_user, company, project):
    owner = make_user("olga", "staff", zones=["jxetdz"], display_name="Olga Officer",
                      email="olga@zone.example")
    acme, other = company("Acme GmbH"), company("Rival Corp", country="US")
    ours = project(acme, name_en="Acme battery plant", name_zh="阿克米电池厂",
                   public_summary_en="A battery plant for the Yangtze delta.",
                   notes="CONFIDENTIAL: they also talk to Suzhou",
                   owner="olga", total_investment=Money.parse("25000000", "USD"))
    theirs = project(other, name_en="Rival warehouse", notes="rival notes")
    return owner, acme, ours, theirs


def test_partner_sees_only_their_companys_projects_and_public_fields(
        client, make_user, login, company, project):
    _owner, acme, ours, theirs = make_projects(make_user, company, project)
    make_user("pat", "partner", locale=None, company_ids=[acme.id])
    login("pat")
    response = client.get("/", headers={"Accept-Language": "zh-CN,zh;q=0.9"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/partner")
    response = client.get("/partner", headers={"Accept-Language": "zh-CN,zh;q=0.9"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert '<html lang="en">' in html and "My projects" in html  # English for a partner
    assert "Acme battery plant" in html and "A battery plant for the Yangtze delta." in html
    assert "Lead" in html and "Jiaxing Economic and Technological Development Zone" in html
    assert "US$25.0M" in html  # as entered
    assert "Rival warehouse" not in html
    assert "CONFIDENTIAL" not in html and "Olga" not in html

    page = client.get(f"/partner/projects/{ours.id}").get_data(as_text=True)
    assert "Acme battery plant" in page and "阿克米电池厂" in page
    assert "CONFIDENTIAL" not in page and "Suzhou" not in page
    assert "Olga Officer" in page and "olga@zone.example" in page  # their officer
    assert "/zones/jxetdz?lang=en" in page
    assert client.get(f"/partner/projects/{theirs.id}").status_code == 404


def test_without_an_owner_the_zone_contact_is_given(client, make_user, login, company,
                                                    project, app):
    from crm.extensions import db
    from crm.zones.models import Zone

    zone = db.session.get(Zone, "jsetdz")
    zone.contact_name, zone.contact_email = "Jiashan desk", "invest@jiashan.example"
    db.session.commit()
    acme = company()
    record = project(acme, zone="jsetdz", name_en="Acme depot")
    make_user("pat", "partner", company_ids=[acme.id])
    login("pat")
    page = client.get(f"/partner/projects/{record.id}").get_data(as_text=True)
    assert "Jiashan desk" in page and "invest@jiashan.example" in page


def test_officer_pages_refuse_partners_and_partner_pages_refuse_officers(
        app, client, make_user, login):
    make_user("pat", "partner")
    login("pat")
    assert client.get("/projects").status_code == 403
    assert client.get("/partner").status_code == 200
    make_user("sam", "staff", zones=["jxetdz"])
    officers_browser = app.test_client()
    sign_in(officers_browser, "sam")
    assert officers_browser.get("/partner").status_code == 403
