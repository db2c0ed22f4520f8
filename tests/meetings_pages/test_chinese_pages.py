"""Every page of this area answers in Chinese too, with the records' Chinese names."""

from datetime import date

from tests import factories


def test_pages_render_in_chinese(client, make_user, login, company, project, talent, meeting):
    make_user("sam", "staff", zones=["jxetdz"])
    bosch = company(name_en="Bosch", name_zh="博世")
    plant = project(bosch, name_zh="电池工厂")
    wang = talent(name="", name_zh="王小明")
    hans = factories.contact(bosch, name_zh="汉斯", language="de")
    record = meeting(subject="洽谈用地", zone="jxetdz", company_ids=[bosch.id],
                     project_ids=[plant.id], talent_ids=[wang.id], contact_ids=[hans.id],
                     follow_ups=[{"title": "发送报价", "due_on": date(2020, 1, 1),
                                  "owner": "sam"}])
    login("sam")
    client.get("/?lang=zh")
    pages = {
        "/meetings": "洽谈用地", f"/meetings/{record.id}": "汉斯",
        f"/meetings/{record.id}/edit": "发送报价", "/meetings/new": "王小明",
        "/follow-ups": "发送报价", "/me/calendar": "webcal://",
        "/talents": "王小明", f"/talents/{wang.id}": "洽谈用地", "/talents/new": "—",
        f"/talents/{wang.id}/edit": "王小明", f"/companies/{bosch.id}": "汉斯",
        f"/companies/{bosch.id}/brief": "电池工厂", f"/projects/{plant.id}": "洽谈用地",
        f"/companies/{bosch.id}/contacts/new": "博世", f"/contacts/{hans.id}/edit": "汉斯",
    }
    for url, text in pages.items():
        response = client.get(url)
        html = response.get_data(as_text=True)
        assert response.status_code == 200, url
        assert '<html lang="zh-CN">' in html and text in html, url
