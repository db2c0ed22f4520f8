"""The settings page (issue 10): the warnings' thresholds, for administrators only, checked
(whole days from 1 to 3650, a clear message beside the field) and recorded in the audit
trail."""

import pytest

from crm import settings
from tests import factories
from tests.conftest import csrf_from

FIELDS = ("stale_after_days", "signed_not_started_days", "started_not_operating_days",
          "registered_no_capital_days")


def post(client, **changes):
    page = client.get("/admin/settings").get_data(as_text=True)
    data = {"stale_after_days": "90", "signed_not_started_days": "180",
            "started_not_operating_days": "540", "registered_no_capital_days": "180",
            "csrf_token": csrf_from(page)} | changes
    return client.post("/admin/settings", data=data)


@pytest.mark.parametrize("role", ["manager", "staff", "partner"])
def test_only_administrators_open_it(client, login, role):
    factories.user("someone", role, zones=["jxetdz"] if role == "staff" else [])
    login("someone")
    assert client.get("/admin/settings").status_code == 403
    assert client.post("/admin/settings", data={"stale_after_days": "5"}).status_code in (
        400, 403)
    assert settings.values()["stale_after_days"] == 90


def test_the_page_shows_the_defaults_and_saves_a_change_audited(client, login, api):
    factories.user("root", "admin")
    login("root")
    html = client.get("/admin/settings").get_data(as_text=True)
    for name, default in zip(FIELDS, ("90", "180", "540", "180"), strict=True):
        assert f'name="{name}"' in html and f'value="{default}"' in html
    assert "/admin/settings" in client.get("/reference").get_data(as_text=True)
    response = post(client, stale_after_days="60", registered_no_capital_days=" 365 ")
    assert response.status_code == 302
    settings.forget()
    assert settings.values() == {"stale_after_days": 60, "signed_not_started_days": 180,
                                 "started_not_operating_days": 540,
                                 "registered_no_capital_days": 365}
    assert 'value="60"' in client.get("/admin/settings").get_data(as_text=True)
    entries = api("root", None).get("/api/v1/audit?kind=settings").get_json()["items"]
    assert sorted((e["action"], e["user"], e["changes"]["value"][1]) for e in entries) == [
        ("create", "root", 60), ("create", "root", 365)]
    post(client, stale_after_days="45", registered_no_capital_days="365")
    entries = api("root", None).get("/api/v1/audit?kind=settings").get_json()["items"]
    assert len(entries) == 3  # what did not change is not recorded again
    assert entries[0]["action"] == "update" and entries[0]["changes"] == {"value": [60, 45]}


@pytest.mark.parametrize("typed", ["0", "-5", "ninety", "", "3651", "1.5"])
def test_a_threshold_must_be_a_whole_number_of_days(client, login, typed):
    factories.user("root", "admin")
    login("root")
    response = post(client, signed_not_started_days=typed, stale_after_days="30")
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Give a whole number of days from 1 to 3650." in html
    assert html.count("Give a whole number of days") == 1  # beside that field only
    settings.forget()
    assert settings.values()["stale_after_days"] == 90  # nothing written


def test_the_service_refuses_an_unknown_setting_and_a_non_admin(boss):
    from crm.errors import Forbidden, Invalid

    with pytest.raises(Invalid) as refused:
        settings.save(boss, {"colour": "5"})
    assert "colour" in refused.value.fields
    with pytest.raises(Forbidden):
        settings.save(factories.user("mia", "manager"), {"stale_after_days": "5"})
