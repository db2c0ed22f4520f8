"""Moving projects through the pipeline: skips, required fields, lost, 两高一低, history."""

import pytest

from .conftest import error_of, ok, usd

URL = "/api/v1/projects"
READY_TO_SIGN = {"owner": "olga", "likelihood": "high", "estimated_land_date": "2026-06-30",
                 "signed_on": "2025-11-11"}


@pytest.fixture
def olga(make_user):
    return make_user("olga", "staff", zones=["jxetdz"])


def move(client, project_id, **body):
    return client.post(f"{URL}/{project_id}/stage", json=body)


def test_lead_to_signed_in_one_step(admin, project, olga):
    p = project(**READY_TO_SIGN)
    moved = ok(move(admin, p["id"], stage="signed", note="Signed at the Hannover fair"))
    assert moved["stage"] == "signed"
    assert moved["version"] == p["version"] + 1
    assert moved == ok(admin.get(f"{URL}/{p['id']}"))
    history = ok(admin.get(f"{URL}/{p['id']}/history"))
    assert len(history) == 1
    entry = history[0]
    assert entry["from"] == "lead" and entry["to"] == "signed"
    assert entry["by"] == "admin"
    assert entry["note"] == "Signed at the Hannover fair"
    assert entry["at"].endswith("+00:00")
    assert ok(admin.get(URL, query_string={"stage": "signed"}))["total"] == 1


def test_a_skipped_stage_needs_its_fields(admin, project, olga):
    p = project()
    error = error_of(move(admin, p["id"], stage="signed"), 422)
    assert set(error["fields"]) == {"owner", "likelihood", "estimated_land_date", "signed_on"}
    error = error_of(move(admin, p["id"], stage="negotiating"), 422)
    assert set(error["fields"]) == {"owner", "likelihood", "estimated_land_date"}
    assert ok(move(admin, p["id"], stage="contacted"))["stage"] == "contacted"
    filled = ok(admin.patch(f"{URL}/{p['id']}", json={"version": 2} | READY_TO_SIGN))
    error = error_of(move(admin, p["id"], stage="operating"), 422)
    assert set(error["fields"]) == {"registered_on", "registered_capital"}
    after = ok(admin.get(f"{URL}/{p['id']}"))
    assert after == filled and after["stage"] == "contacted"
    ok(admin.patch(f"{URL}/{p['id']}", json={"version": 3, "registered_on": "2025-12-01",
                                              "registered_capital": usd("1000000.00")}))
    assert ok(move(admin, p["id"], stage="operating"))["stage"] == "operating"
    history = ok(admin.get(f"{URL}/{p['id']}/history"))
    assert [(h["from"], h["to"]) for h in history] == [("lead", "contacted"),
                                                        ("contacted", "operating")]
    # off the line needs nothing
    assert ok(move(admin, p["id"], stage="on_hold"))["stage"] == "on_hold"


def test_lost_needs_a_reason(admin, project):
    p = project()
    error = error_of(move(admin, p["id"], stage="lost"), 422)
    assert list(error["fields"]) == ["reason"]
    error = error_of(move(admin, p["id"], stage="lost", reason="   "), 422)
    assert list(error["fields"]) == ["reason"]
    assert ok(admin.get(f"{URL}/{p['id']}")) == p
    assert ok(admin.get(f"{URL}/{p['id']}/history")) == []
    lost = ok(move(admin, p["id"], stage="lost", reason="Chose Vietnam"))
    assert lost["stage"] == "lost"
    history = ok(admin.get(f"{URL}/{p['id']}/history"))
    assert [(h["from"], h["to"], h["note"]) for h in history] == [
        ("lead", "lost", "Chose Vietnam")]
    # and back to the line
    assert ok(move(admin, p["id"], stage="contacted"))["stage"] == "contacted"


@pytest.mark.parametrize("target", ["signed", "registered", "construction", "operating"])
def test_two_high_one_low_cannot_be_signed(admin, project, olga, target):
    p = project(two_high_one_low=True, registered_on="2025-12-01",
                registered_capital=usd("1.00"), **READY_TO_SIGN)
    error = error_of(move(admin, p["id"], stage=target), 422)
    assert error["code"] == "forbidden_stage"
    assert "两高一低" in error["message"]
    assert list(error["fields"]) == ["stage"]
    after = ok(admin.get(f"{URL}/{p['id']}"))
    assert after["stage"] == "lead" and after["version"] == p["version"]
    assert ok(admin.get(f"{URL}/{p['id']}/history")) == []
    # the stages before signing are open to it
    assert ok(move(admin, p["id"], stage="negotiating"))["stage"] == "negotiating"


def test_a_signed_project_cannot_become_two_high_one_low(admin, project, olga):
    p = ok(move(admin, project(**READY_TO_SIGN)["id"], stage="signed"))
    error = error_of(admin.patch(f"{URL}/{p['id']}",
                                 json={"version": p["version"], "two_high_one_low": True}), 422)
    assert list(error["fields"]) == ["two_high_one_low"]
    assert ok(admin.get(f"{URL}/{p['id']}"))["two_high_one_low"] is False


def test_history_is_oldest_first_with_usernames(api, admin, project):
    bob = api("bob", "staff")
    p = project()
    ok(move(admin, p["id"], stage="contacted", note="first call"))
    ok(move(bob, p["id"], stage="on_hold"))
    ok(move(admin, p["id"], stage="contacted"))
    history = ok(bob.get(f"{URL}/{p['id']}/history"))
    assert [(h["from"], h["to"], h["by"]) for h in history] == [
        ("lead", "contacted", "admin"), ("contacted", "on_hold", "bob"),
        ("on_hold", "contacted", "admin")]
    assert history[0]["note"] == "first call" and history[1]["note"] == ""
    assert history[0]["at"] <= history[1]["at"] <= history[2]["at"]


def test_bad_moves(admin, project):
    p = project()
    assert "stage" in error_of(move(admin, p["id"], stage="done"), 422)["fields"]
    assert "stage" in error_of(move(admin, p["id"]), 422)["fields"]
    assert "stage" in error_of(move(admin, p["id"], stage="lead"), 422)["fields"]
    assert "colour" in error_of(move(admin, p["id"], stage="contacted", colour=1), 422)["fields"]
    stale = move(admin, p["id"], stage="contacted", version=p["version"] + 5)
    assert error_of(stale, 409)["code"] == "conflict"
    assert move(admin, 999999, stage="contacted").status_code == 404
    assert ok(admin.get(f"{URL}/{p['id']}")) == p
    moved = ok(move(admin, p["id"], stage="contacted", version=p["version"]))
    assert moved["stage"] == "contacted"


@pytest.mark.parametrize("field", ["owner", "signed_on", "likelihood", "estimated_land_date"])
def test_an_edit_keeps_what_the_stage_requires(admin, project, olga, field):
    """A signed project must keep its owner, date signed …: emptying one is a 422 naming it,
    and nothing is written; a field a later stage needs may still be emptied."""
    p = project(**READY_TO_SIGN)
    signed = ok(move(admin, p["id"], stage="signed"))
    error = error_of(admin.patch(f"{URL}/{p['id']}", json={"version": signed["version"],
                                                           field: None}), 422)
    assert list(error["fields"]) == [field]
    assert ok(admin.get(f"{URL}/{p['id']}")) == signed
    emptied = ok(admin.patch(f"{URL}/{p['id']}", json={"version": signed["version"],
                                                       "registered_on": None}))
    assert emptied["registered_on"] is None
