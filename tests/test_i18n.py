"""The locale cascade: saved preference, then ?lang= in the session, then Accept-Language."""

import pytest

from crm.i18n import LANGUAGES


def html_lang(response) -> str:
    text = response.get_data(as_text=True)
    return "zh" if '<html lang="zh-CN"' in text else "en" if '<html lang="en"' in text else "?"


@pytest.mark.parametrize(
    "header, expected",
    [
        ("zh-Hans-CN, en;q=0.8", "zh"),
        ("zh, en;q=0.8", "zh"),
        ("zh-TW", "zh"),
        ("en-US, zh;q=0.5", "en"),
        ("fr-FR, en;q=0.7, zh;q=0.9", "zh"),
        ("fr-FR", "zh"),  # the default
        ("", "zh"),
    ],
)
def test_accept_language_for_anonymous_visitors(client, header, expected):
    response = client.get("/login", headers={"Accept-Language": header} if header else {})
    assert html_lang(response) == expected


def test_chinese_page_shows_chinese_text(client):
    response = client.get("/login", headers={"Accept-Language": "zh-Hans-CN, en;q=0.8"})
    assert "登录" in response.get_data(as_text=True)


def test_lang_switch_is_kept_in_the_session(client):
    assert html_lang(client.get("/login?lang=en", headers={"Accept-Language": "zh"})) == "en"
    assert html_lang(client.get("/login", headers={"Accept-Language": "zh"})) == "en"
    assert html_lang(client.get("/login?lang=zh")) == "zh"


def test_saved_preference_wins_and_the_switch_saves_it(app, client, login, make_user):
    from crm.auth.models import User
    from crm.extensions import db

    make_user("alice", "manager", locale="zh")
    login("alice")
    assert html_lang(client.get("/", headers={"Accept-Language": "en"})) == "zh"
    assert html_lang(client.get("/?lang=en")) == "en"
    db.session.expire_all()
    assert db.session.query(User).filter_by(username="alice").one().locale == "en"
    assert html_lang(client.get("/", headers={"Accept-Language": "zh"})) == "en"


def test_switch_shows_each_language_in_its_own_script(client):
    text = client.get("/login?lang=en").get_data(as_text=True)
    assert "中文" in text and "English" in text
    assert set(LANGUAGES) == {"zh", "en"}


def test_api_messages_follow_accept_language(client):
    zh = client.get("/api/v1/zones", headers={"Accept-Language": "zh-CN"}).get_json()
    en = client.get("/api/v1/zones", headers={"Accept-Language": "en"}).get_json()
    assert zh["error"]["code"] == en["error"]["code"] == "unauthorized"
    assert zh["error"]["message"] != en["error"]["message"]
