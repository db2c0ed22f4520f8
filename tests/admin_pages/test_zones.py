"""Public zone profiles: open without sign-in, in both languages; admins edit them."""

import pytest

from crm.extensions import db
from crm.zones.models import Zone
from tests import factories
from tests.conftest import csrf_from


def test_zone_list_opens_without_sign_in(client):
    response = client.get("/zones?lang=en")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert html.count('href="/zones/') == 9
    assert "Jiaxing Port Area" in html and "National" in html and "Provincial" in html
    html = client.get("/zones?lang=zh").get_data(as_text=True)
    assert '<html lang="zh-CN">' in html and "嘉兴港区" in html


def test_zone_profile_in_both_languages_lists_international_park_first(client):
    factories.park("jxetdz", name_zh="嘉兴新经济园", name_en="Jiaxing New Economy Park",
                   category="new_economy")
    factories.park("jxetdz", name_zh="科创园", name_en="Science Park")
    zone = db.session.get(Zone, "jxetdz")
    zone.summary_en, zone.summary_zh = "A national zone on the Shanghai side.", "国家级开发区。"
    zone.industries_en, zone.industries_zh = "Auto parts, Precision machinery", "汽车零部件、精密机械"
    zone.contact_email = "invest@jxetdz.example"
    db.session.commit()

    response = client.get("/zones/jxetdz?lang=en")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Jiaxing Economic and Technological Development Zone" in html
    assert "A national zone on the Shanghai side." in html
    assert "Auto parts" in html and "Precision machinery" in html
    assert "invest@jxetdz.example" in html
    sino_german = html.index("Zhejiang Sino-German Industrial Park")
    assert "International park" in html[sino_german:sino_german + 400]
    assert sino_german < html.index("Jiaxing New Economy Park") < html.index("Science Park")
    assert "Edit profile" not in html

    html = client.get("/zones/jxetdz?lang=zh").get_data(as_text=True)
    assert "嘉兴经济技术开发区" in html and "浙江中德工业园" in html
    assert "国家级开发区。" in html and "精密机械" in html
    assert html.index("浙江中德工业园") < html.index("嘉兴新经济园")


def test_unknown_zone_is_not_found(client):
    assert client.get("/zones/nowhere").status_code == 404


def test_other_pages_still_need_sign_in(client):
    for url in ("/", "/partner", "/admin/audit", "/zones/jxetdz/edit"):
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response.headers["Location"], url


def profile_fields(token, **extra):
    data = {"csrf_token": token, "summary_zh": "平湖经济技术开发区简介", "summary_en":
            "Pinghu, next to Shanghai.", "industries_zh": "光机电\n数字经济",
            "industries_en": "Opto-mechatronics\nDigital economy", "contact_name": "Ms Wang",
            "contact_email": "wang@pinghu.example", "contact_phone": "+86 573 0000 0000"}
    data.update(extra)
    return data


def test_admin_edits_a_zone_profile(client, make_user, login):
    make_user("root", "admin")
    login("root")
    page = client.get("/zones/phetdz/edit").get_data(as_text=True)
    assert "Summary in Chinese" in page
    response = client.post("/zones/phetdz/edit", data=profile_fields(csrf_from(page)),
                           follow_redirects=True)
    html = response.get_data(as_text=True)
    assert "The zone profile was saved." in html
    assert "Pinghu, next to Shanghai." in html and "Digital economy" in html
    assert "Ms Wang" in html and "wang@pinghu.example" in html
    zone = db.session.get(Zone, "phetdz")
    db.session.refresh(zone)
    assert zone.industries_zh == "光机电\n数字经济" and zone.contact_phone == "+86 573 0000 0000"

    response = client.post("/zones/phetdz/edit", data=profile_fields(
        csrf_from(page), contact_email="not an address"))
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Give an email address." in html and 'id="contact_email-errors"' in html


@pytest.mark.parametrize("role", ["staff", "manager", "partner"])
def test_zone_edit_is_refused_to_others(client, make_user, login, role):
    make_user("someone", role, zones=["phetdz"] if role == "staff" else [])
    login("someone")
    assert client.get("/zones/phetdz/edit").status_code == 403
    token = csrf_from(client.get("/zones").get_data(as_text=True))
    response = client.post("/zones/phetdz/edit", data=profile_fields(token))
    assert response.status_code == 403
    assert db.session.get(Zone, "phetdz").contact_name == ""
