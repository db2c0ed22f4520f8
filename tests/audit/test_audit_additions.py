"""What else the audit trail records (issue 14): follow-ups, exchange rates, reference lists,
targets, key lists, parks, zone profiles, API tokens and sign-ins; who reads entries about
users; and that no one changes the trail."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from crm.audit.models import AuditEntry
from crm.clock import now
from crm.extensions import db
from tests.conftest import PASSWORD, csrf_from


def trail(client, kind, **filters):
    query = "&".join(f"{k}={v}" for k, v in ({"kind": kind} | filters).items())
    response = client.get(f"/api/v1/audit?{query}&per_page=200")
    assert response.status_code == 200, response.get_json()
    return response.get_json()["items"]


def test_follow_up_changes_are_recorded(api):
    admin = api("admin")
    meeting = admin.post("/api/v1/interactions", json={
        "occurred_on": "2026-11-20", "subject": "Visit", "follow_ups": [
            {"title": "Send offer", "due_on": "2026-12-01", "owner": "admin"}]}).get_json()
    follow_up = meeting["follow_ups"][0]
    changed = admin.patch(f"/api/v1/interactions/{meeting['id']}", json={
        "version": meeting["version"],
        "follow_ups": [follow_up | {"done": True, "due_on": "2026-12-03"}]})
    assert changed.status_code == 200, changed.get_json()
    admin.patch(f"/api/v1/interactions/{meeting['id']}",
                json={"version": changed.get_json()["version"], "follow_ups": []})
    entries = trail(admin, "follow_ups", id=follow_up["id"])
    assert [e["action"] for e in entries] == ["delete", "update", "create"]
    assert entries[1]["changes"] == {"done": [False, True],
                                     "due_on": ["2026-12-01", "2026-12-03"]}
    assert entries[2]["changes"]["title"] == [None, "Send offer"]
    assert entries[0]["changes"]["title"] == ["Send offer", None]


def test_exchange_rates_parks_and_zone_profiles_are_recorded(api, client, login):
    admin = api("admin")
    rates = [{"currency": "EUR", "usd_per_unit": "1.08", "valid_from": "2026-01-01"}]
    assert admin.post("/api/v1/reference/exchange-rates", json=rates).status_code == 201
    rates[0]["usd_per_unit"] = "1.10"
    assert admin.post("/api/v1/reference/exchange-rates", json=rates).status_code == 201
    update, create = trail(admin, "exchange_rates")
    assert create["changes"]["currency"] == [None, "EUR"]
    assert update["changes"] == {"usd_per_unit": ["1.08", "1.10"]}

    park = admin.post("/api/v1/parks", json={"zone": "jxetdz", "name_en": "Sino-German Park",
                                             "category": "international"}).get_json()
    admin.patch(f"/api/v1/parks/{park['id']}", json={"version": 1, "name_zh": "中德园"})
    actions = [(e["action"], e["user"]) for e in trail(admin, "parks", id=park["id"])]
    assert actions == [("update", "admin"), ("create", "admin")]

    login("admin")
    url = "/zones/jxetdz/edit"
    response = client.post(url, data={"csrf_token": csrf_from(client.get(url).get_data(
        as_text=True)), "summary_en": "Our zone.", "contact_email": "desk@jxetdz.example"})
    assert response.status_code == 302, response.get_data(as_text=True)
    [profile] = trail(admin, "zones")
    assert (profile["record_id"], profile["record_key"]) == (None, "jxetdz")
    assert profile["changes"]["summary_en"] == ["", "Our zone."]
    html = client.get("/admin/audit?kind=zones").get_data(as_text=True)
    assert 'href="/zones/jxetdz"' in html and "Our zone." in html


def test_a_list_replaced_is_one_entry(api):
    admin = api("admin")
    first = [{"rank": 1, "name_en": "Walmart"}, {"rank": 2, "name_en": "Amazon"}]
    admin.post("/api/v1/reference/global500?year=2025", json=first)
    admin.post("/api/v1/reference/global500?year=2025",
               json=first[:1] + [{"rank": 2, "name_en": "State Grid"}])
    second, initial = trail(admin, "global500")
    assert (initial["action"], initial["record_id"], initial["user"]) == ("replace", 2025, "admin")
    assert initial["changes"] == {"entries": [0, 2], "added": ["Amazon", "Walmart"]}
    assert second["changes"] == {"entries": [2, 2], "added": ["State Grid"],
                                 "removed": ["Amazon"]}
    admin.post("/api/v1/reference/shuangbai?year=2025", json=[{"name_zh": "上榜企业"}])
    [listed] = trail(admin, "shuangbai")
    assert listed["changes"] == {"entries": [0, 1], "added": ["上榜企业"]}


def test_targets_and_key_lists_are_recorded(api, client, login):
    admin = api("admin")
    login("admin")
    token = csrf_from(client.get("/reports/key-lists").get_data(as_text=True))
    client.post("/reports/key-countries", data={"csrf_token": token, "code": "DE"})
    client.post("/reports/key-countries/DE/delete", data={"csrf_token": token})
    client.post("/reports/key-industries", data={"csrf_token": token, "name_en": "Robotics"})
    removed, added = trail(admin, "key_countries")
    assert (added["action"], added["changes"]) == ("update", {"added": ["DE"]})
    assert removed["changes"] == {"removed": ["DE"]}
    assert trail(admin, "key_industries")[0]["changes"] == {"added": ["Robotics"]}
    response = client.post("/reports/targets", data={
        "csrf_token": token, "year": "2026", "zone": "", "metric": "shuangbai_increase",
        "target_value": "2"})
    assert response.status_code == 302, response.get_data(as_text=True)
    [target] = trail(admin, "targets")
    assert target["changes"]["target_value"] == [None, 2.0]


def test_tokens_and_sign_ins_are_recorded(api, client, login, make_user):
    admin = api("admin")  # an API sign-in: a token exchanged for the password
    make_user("sam", "staff", zones=["jxetdz"])
    assert login("sam", "wrong password").status_code == 401
    assert login("nobody", "wrong password").status_code == 401
    login("sam")
    page = client.get("/me/tokens").get_data(as_text=True)
    client.post("/me/tokens/new", data={"csrf_token": csrf_from(page)})
    sams = [e for e in trail(admin, "api_tokens") if e["user"] == "sam"]
    assert [e["action"] for e in sams] == ["create"]
    token_id = sams[0]["record_id"]
    client.post(f"/me/tokens/{token_id}/revoke", data={"csrf_token": csrf_from(page)})
    revoked = trail(admin, "api_tokens", id=token_id)[0]
    assert revoked["action"] == "revoke" and revoked["changes"]["revoked_at"][0] is None
    assert all("token_hash" not in e["changes"] for e in trail(admin, "api_tokens"))

    sign_ins = trail(admin, "sign_ins")
    seen = [(e["action"], e["user"], e["changes"]["username"][1], e["changes"]["via"][1])
            for e in reversed(sign_ins)]
    assert seen == [("sign_in", "admin", "admin", "api"),
                    ("sign_in_failed", None, "sam", "page"),
                    ("sign_in_failed", None, "nobody", "page"),
                    ("sign_in", "sam", "sam", "page")]
    sam_id = sign_ins[0]["record_id"]
    assert [e["record_id"] for e in reversed(sign_ins)][1:] == [sam_id, None, sam_id]
    assert client.post("/api/v1/auth/token", json={"username": "sam", "password": "x"}
                       ).status_code == 401
    failed = trail(admin, "sign_ins")[0]
    assert (failed["action"], failed["changes"]["via"]) == ("sign_in_failed", [None, "api"])
    assert PASSWORD not in str(trail(admin, "sign_ins"))


def test_managers_read_entries_about_users_only_as_far_as_they_may_see_users(
        api, client, login):
    admin = api("admin")
    manager = api("mia", "manager")
    admin.post("/api/v1/users", json={"username": "bob", "password": PASSWORD,
                                      "role": "staff", "zones": ["jxetdz"]})
    admin.post("/api/v1/parks", json={"zone": "jxetdz", "name_en": "Park"})
    kinds = {e["kind"] for e in trail(manager, "parks")} | {
        e["kind"] for e in manager.get("/api/v1/audit?per_page=200").get_json()["items"]}
    assert kinds == {"parks"}
    for kind in ("users", "sign_ins", "api_tokens"):
        assert trail(manager, kind) == [], kind
        assert trail(admin, kind), kind
    login("mia")
    html = client.get("/admin/audit").get_data(as_text=True)
    assert "Park" in html and "bob" not in html and 'value="sign_ins"' not in html


def test_the_trail_is_never_changed(app, api):
    admin = api("admin")
    admin.post("/api/v1/parks", json={"zone": "jxetdz", "name_en": "Park"})
    entry_id = db.session.scalar(sa.select(sa.func.min(AuditEntry.id)))
    for statement in (sa.update(AuditEntry).values(action="delete"),
                      sa.delete(AuditEntry).where(AuditEntry.id == entry_id)):
        with pytest.raises(sa.exc.DatabaseError), db.engine.begin() as connection:
            connection.execute(statement)
    assert db.session.get(AuditEntry, entry_id).action == "create"


def test_old_sign_ins_are_purged_and_nothing_else(app, api):
    admin = api("admin")  # a sign-in now
    long_ago = now() - timedelta(days=400)
    with db.engine.begin() as connection:
        for kind, action in (("sign_ins", "sign_in"), ("sign_ins", "sign_in_failed"),
                             ("parks", "create")):
            connection.execute(sa.insert(AuditEntry).values(
                at=long_ago, kind=kind, action=action, record_id=1, changes={}))
    result = app.test_cli_runner().invoke(args=["crm", "purge-sign-ins"])
    assert result.exit_code == 0, result.output
    assert "older than 365 days removed: 2" in result.output
    old = sa.select(AuditEntry.kind).where(AuditEntry.at < now() - timedelta(days=365))
    assert db.session.scalars(old).all() == ["parks"]
    assert [e["action"] for e in trail(admin, "sign_ins")] == ["sign_in"]  # the recent one
    # a recent sign-in is kept by the table itself, whatever asks for its deletion
    with pytest.raises(sa.exc.DatabaseError), db.engine.begin() as connection:
        connection.execute(sa.delete(AuditEntry).where(AuditEntry.kind == "sign_ins"))
