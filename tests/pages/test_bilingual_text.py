"""Free text in both languages (issue 16): a project's public summary and a talent's field are
kept as ``_zh`` and ``_en``; pages show the reader's language and fall back to the other one,
marked; the API's ``public_summary`` and ``field`` are the request's language."""

from flask_babel import refresh

from crm.extensions import db
from crm.i18n import written_in
from crm.projects.models import Project
from crm.talents.models import Talent
from tests import factories
from tests.api.conftest import error_of, ok

MARK_ZH, MARK_EN = "(in Chinese)", "（英文）"  # on an English page, on a Chinese page


def test_the_project_page_shows_the_readers_language_and_marks_a_fallback(
        client, make_user, login, project):
    make_user("sam", "staff", zones=["jxetdz"])
    only_zh = project(public_summary_zh="德国电机企业在嘉兴设厂。")
    both = project(public_summary_zh="中文简介。", public_summary_en="English summary.")
    login("sam")
    english = client.get(f"/projects/{only_zh.id}?lang=en").get_data(as_text=True)
    assert "德国电机企业在嘉兴设厂。" in english and MARK_ZH in english
    assert 'lang="zh-CN"' in english
    chinese = client.get(f"/projects/{only_zh.id}?lang=zh").get_data(as_text=True)
    assert "德国电机企业在嘉兴设厂。" in chinese and MARK_EN not in chinese
    chinese = client.get(f"/projects/{both.id}?lang=zh").get_data(as_text=True)
    assert "中文简介。" in chinese and "English summary." not in chinese
    english = client.get(f"/projects/{both.id}?lang=en").get_data(as_text=True)
    assert "English summary." in english and "中文简介。" not in english
    assert MARK_ZH not in english


def test_the_form_edits_both_languages_without_touching_the_other(
        client, make_user, login, project):
    make_user("sam", "staff", zones=["jxetdz"])
    plant = project(public_summary_en="English summary.")
    login("sam")
    url = f"/projects/{plant.id}/edit?lang=zh"
    html = client.get(url).get_data(as_text=True)
    assert 'name="public_summary_zh"' in html and 'name="public_summary_en"' in html
    assert "English summary." in html  # the English text is on the form, kept as it is
    assert 'name="public_summary"' not in html


def test_the_partner_portal_reads_english_and_falls_back_to_chinese_marked(
        client, make_user, login, company, project):
    acme = company("Acme GmbH")
    project(acme, name_en="Chinese only", public_summary_zh="仅有中文的简介。")
    project(acme, name_en="Both", public_summary_zh="中文简介。",
            public_summary_en="An English summary.")
    make_user("pat", "partner", locale=None, company_ids=[acme.id])
    login("pat")
    html = client.get("/partner").get_data(as_text=True)
    assert "仅有中文的简介。" in html and MARK_ZH in html
    assert "An English summary." in html and "中文简介。" not in html
    assert html.count(MARK_ZH) == 1


def test_talent_field_in_both_languages(client, make_user, login, talent):
    make_user("sam", "staff", zones=["jxetdz"])
    anna = talent(field_zh="电池化学")
    login("sam")
    english = client.get(f"/talents/{anna.id}?lang=en").get_data(as_text=True)
    assert "电池化学" in english and MARK_ZH in english
    listed = client.get("/talents?lang=zh").get_data(as_text=True)
    assert "电池化学" in listed and MARK_EN not in listed


def test_written_in(app, project):
    plant = project(public_summary_zh="中文", public_summary_en="")
    with app.test_request_context(headers={"Accept-Language": "en"}):
        assert written_in(plant, "public_summary") == ("中文", "zh")
        assert written_in({"public_summary_zh": "", "public_summary_en": "x"},
                          "public_summary") == ("x", None)
    with app.test_request_context(headers={"Accept-Language": "zh"}):
        refresh()  # the locale is kept on the app context
        assert written_in(plant, "public_summary") == ("中文", None)
        assert written_in({"public_summary_zh": "", "public_summary_en": ""},
                          "public_summary") == ("", None)


# -- the API -----------------------------------------------------------------------------------


def test_the_api_writes_public_summary_in_the_requests_language(api, app):
    admin = api("admin", "admin")
    plant = factories.lead_project()
    url = f"/api/v1/projects/{plant.id}"
    changed = ok(admin.patch(url, json={"version": 1, "public_summary": "A plant."}))
    assert (changed["public_summary"], changed["public_summary_en"],
            changed["public_summary_zh"]) == ("A plant.", "A plant.", "")
    zh = {"Accept-Language": "zh-CN"}
    changed = ok(admin.patch(url, headers=zh, json={"version": 2, "public_summary": "一个工厂。"}))
    assert (changed["public_summary"], changed["public_summary_en"],
            changed["public_summary_zh"]) == ("一个工厂。", "A plant.", "一个工厂。")
    # an English reader of a project with Chinese only reads the Chinese
    other = factories.lead_project(public_summary_zh="只有中文。")
    assert ok(admin.get(f"/api/v1/projects/{other.id}"))["public_summary"] == "只有中文。"
    # the same column twice with two texts is refused; the same text is fine
    error = error_of(admin.patch(url, json={"version": 3, "public_summary": "x",
                                            "public_summary_en": "y"}), 422)
    assert list(error["fields"]) == ["public_summary"]
    ok(admin.patch(url, json={"version": 3, "public_summary": "x", "public_summary_en": "x"}))
    # null empties it, as before; a create takes it too
    body = {"company_id": plant.company_id, "zone": "jxetdz", "name_en": "New",
            "public_summary": "Fresh."}
    created = ok(admin.post("/api/v1/projects", json=body), 201)
    assert (created["public_summary_en"], created["public_summary_zh"]) == ("Fresh.", "")
    db.session.expire_all()
    assert db.session.get(Project, plant.id).public_summary_zh == "一个工厂。"


def test_the_api_writes_a_talents_field_in_the_requests_language(api, app):
    admin = api("admin", "admin")
    body = {"name": "Anna Schmidt", "talent_type": "rnd", "zone": "jxetdz", "field": "电池化学"}
    created = ok(admin.post("/api/v1/talents", json=body,
                            headers={"Accept-Language": "zh"}), 201)
    assert (created["field"], created["field_zh"], created["field_en"]) == (
        "电池化学", "电池化学", "")
    changed = ok(admin.patch(f"/api/v1/talents/{created['id']}",
                             json={"version": 1, "field": "Battery chemistry"}))
    assert (changed["field"], changed["field_zh"], changed["field_en"]) == (
        "Battery chemistry", "电池化学", "Battery chemistry")
    db.session.expire_all()
    assert db.session.get(Talent, created["id"]).field_zh == "电池化学"
