"""``flask crm remind`` (issue 10): each active user's today page in their language, printed
without CRM_SMTP_URL, by e-mail through a local SMTP sink with it; nothing for users with
nothing to see to, for partners or for deactivated users."""

from datetime import date, timedelta

import pytest

from crm import clock
from crm.auth.services import change_user
from crm.today.remind import smtp_of
from tests import factories
from tests.today.smtp_sink import SmtpSink

DAY = date(2026, 6, 10)


@pytest.fixture
def world(app, monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: DAY)
    factories.boss()
    factories.user("sam", "staff", zones=["jxetdz"], email="sam@example.com")
    factories.user("li", "staff", zones=["jxetdz"], locale="zh", email="li@example.com")
    factories.user("idle", "staff", zones=["jxetdz"], email="idle@example.com")
    factories.user("gone", "staff", zones=["jxetdz"], email="gone@example.com")
    factories.user("pat", "partner", email="pat@example.com")
    for owner, name in (("sam", "Harbour plant"), ("li", "Lake mill"), ("gone", "Old one")):
        project = factories.negotiating_project(
            name_en=name, name_zh=f"{name}项目", owner=owner,
            estimated_land_date=DAY + timedelta(days=45))
        factories.backdate(project, created=clock.day_start(DAY - timedelta(days=100)))
    factories.meeting(zone="jxetdz", follow_ups=[{"title": "Send the offer", "owner": "sam",
                                   "due_on": DAY - timedelta(days=1)}])
    change_user(factories.find_user("gone"), None, {"active": False}, factories.boss())
    return app


def invoke(app):
    return app.test_cli_runner().invoke(args=["crm", "remind"])


def test_printed_when_no_smtp_is_configured(world):
    world.config["SMTP_URL"] = ""
    result = invoke(world)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "== sam <sam@example.com> [en] Today in the CRM, 2026-06-10" in out
    sam = out[out.index("== sam"):]
    assert "Follow-ups due and overdue" in sam and "Send the offer" in sam
    assert "[Overdue]" in sam
    assert "Projects with warnings" in sam and "Harbour plant (Jiaxing" in sam
    assert "Stale" in sam and "in 45 days" in sam
    assert "Old one" not in sam and "Lake mill" not in sam  # their own only
    li = out[out.index("== li"):out.index("== sam")]
    assert "Lake mill项目" in li and "久未跟进" in li and "还有45天" in li
    # an admin sees to every zone: the deactivated officer's project too
    boss = out[out.index("== boss"):out.index("== li")]
    assert "Your zones" not in boss and "Every zone" in boss and "Old one" in boss
    assert "== idle" not in out and "== gone" not in out and "== pat" not in out
    assert "3 printed" in result.stderr and "0 sent" in result.stderr
    assert "1 with nothing to see to" in result.stderr


def test_sent_through_smtp_with_a_login(world):
    with SmtpSink() as sink:
        world.config["SMTP_URL"] = f"smtp://crm%40bureau:s%20cret@127.0.0.1:{sink.port}"
        world.config["MAIL_FROM"] = "crm@bureau.example"
        try:
            result = invoke(world)
        finally:
            world.config["SMTP_URL"] = ""
    assert result.exit_code == 0, result.output
    assert "2 sent" in result.stderr and result.stdout == ""
    assert "boss: no e-mail address, nothing sent" in result.stderr
    assert sink.logins == [("crm@bureau", "s cret")]
    mails = {to[0]: message for _sender, to, message in sink.messages}
    assert set(mails) == {"li@example.com", "sam@example.com"}
    sam = mails["sam@example.com"]
    assert sam["From"] == "crm@bureau.example"
    assert sam["Subject"] == "Today in the CRM, 2026-06-10"
    assert "Send the offer" in sam.get_content() and "Harbour plant" in sam.get_content()
    li = mails["li@example.com"]
    assert li["Subject"] == "招商引资项目管理系统今日提醒（2026-06-10）"
    assert "久未跟进" in li.get_content()


def test_a_user_without_an_address_is_told_about(world):
    change_user(factories.find_user("sam"), None, {"email": ""}, factories.boss())
    with SmtpSink() as sink:
        world.config["SMTP_URL"] = f"smtp://127.0.0.1:{sink.port}"
        try:
            result = invoke(world)
        finally:
            world.config["SMTP_URL"] = ""
    assert "sam: no e-mail address, nothing sent" in result.stderr
    assert "1 sent" in result.stderr
    assert [to for _s, to, _m in sink.messages] == [["li@example.com"]]
    assert sink.logins == []


def test_a_bad_address_or_no_server_is_an_error(world):
    world.config["SMTP_URL"] = "http://mail.example"
    try:
        result = invoke(world)
        assert result.exit_code == 1 and "smtp://" in result.stderr
        with SmtpSink() as sink:
            port = sink.port
        world.config["SMTP_URL"] = f"smtp://127.0.0.1:{port}"  # closed again
        result = invoke(world)
        assert result.exit_code == 1 and "No reminders sent" in result.stderr
    finally:
        world.config["SMTP_URL"] = ""


def test_the_smtp_address():
    plain = smtp_of("smtp://mail.example")
    assert (plain.host, plain.port, plain.tls, plain.starttls, plain.username) == (
        "mail.example", 25, False, False, None)
    secure = smtp_of("smtp://u:p@mail.example:587?starttls=1")
    assert (secure.port, secure.starttls, secure.username, secure.password) == (
        587, True, "u", "p")
    assert smtp_of("smtps://mail.example").port == 465
    with pytest.raises(ValueError):
        smtp_of("mail.example:25")
