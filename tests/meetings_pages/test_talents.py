"""International talent pages: the list, create, edit with versions, stage moves, delete."""

import re

from crm.extensions import db
from crm.talents.models import Talent


def talent_form(token, **extra):
    data = {"csrf_token": token, "name": "Anna Schmidt", "name_zh": "", "talent_type": "rnd",
            "nationality": "DE", "field_zh": "", "field_en": "Battery chemistry", "employer": "BASF",
            "zone": "jxetdz", "owner": "sam", "notes": ""}
    data.update(extra)
    return data


def test_create_talent_and_validation(client, make_user, login, token):
    make_user("sam", "staff", zones=["jxetdz"])
    login("sam")
    page = client.get("/talents/new").get_data(as_text=True)
    assert '<option selected value="jxetdz">' in page and 'value="jsetdz"' not in page
    csrf = token("/talents/new")
    response = client.post("/talents/new", data=talent_form(csrf, name="", name_zh=""))
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Give the name in Latin letters or in Chinese." in html
    assert 'value="Battery chemistry"' in html  # the input stays
    response = client.post("/talents/new", data=talent_form(csrf, zone="jsetdz"))
    assert response.status_code == 422  # not a zone of theirs
    response = client.post("/talents/new", data=talent_form(csrf, name_zh="安娜"),
                           follow_redirects=True)
    html = response.get_data(as_text=True)
    assert "The talent was added." in html and "Anna Schmidt (安娜)" in html
    assert "Identified" in html and "Germany" in html and "Battery chemistry" in html


def test_talent_list_filters_and_search(client, make_user, login, talent):
    make_user("sam", "staff", zones=["jxetdz"])
    talent(name="Anna Schmidt", nationality="DE", talent_type="rnd")
    talent(name="", name_zh="王小明", nationality="SG", talent_type="managerial")
    talent(name="Jiashan Person", zone="jsetdz")
    login("sam")
    html = client.get("/talents").get_data(as_text=True)
    assert "Anna Schmidt" in html and "王小明" in html and "Jiashan Person" not in html
    for query, shown, hidden in (
        ({"q": "schmidt"}, "Anna Schmidt", "王小明"),
        ({"q": "王小"}, "王小明", "Anna Schmidt"),
        ({"q": "wangxiao"}, "王小明", "Anna Schmidt"),  # pinyin
        ({"q": "wxm"}, "王小明", "Anna Schmidt"),  # pinyin initials
        ({"talent_type": "managerial"}, "王小明", "Anna Schmidt"),
        ({"nationality": "DE"}, "Anna Schmidt", "王小明"),
        ({"stage": "identified", "zone": "jxetdz"}, "Anna Schmidt", "Jiashan Person"),
    ):
        html = client.get("/talents", query_string=query).get_data(as_text=True)
        assert shown in html and hidden not in html, query


def test_edit_talent_and_stale_version_keeps_input(client, make_user, login, talent, token,
                                                   boss):
    from crm.talents.services import update_talent

    make_user("sam", "staff", zones=["jxetdz"])
    anna = talent()
    login("sam")
    url = f"/talents/{anna.id}/edit"
    csrf = token(url)
    stale = anna.version
    response = client.post(url, data=talent_form(csrf, version=str(stale), employer="CATL"))
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Talent, anna.id).employer == "CATL"
    # meanwhile someone else changes it; a save based on the old version is refused
    update_talent(boss, db.session.get(Talent, anna.id), stale + 1, {"field_en": "Robotics"})
    response = client.post(url, data=talent_form(csrf, version=str(stale + 1),
                                                 employer="My employer"))
    html = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "Someone else changed this talent" in html
    assert 'value="My employer"' in html
    assert f'name="version" type="hidden" value="{stale + 2}"' in html
    db.session.expire_all()
    assert db.session.get(Talent, anna.id).employer == "CATL"
    # saving again against the current version works
    response = client.post(url, data=talent_form(csrf, version=str(stale + 2),
                                                 employer="My employer"))
    assert response.status_code == 302


def test_stage_move_and_lost_needs_a_reason(client, make_user, login, talent, token):
    make_user("sam", "staff", zones=["jxetdz"])
    anna = talent()
    login("sam")
    html = client.get(f"/talents/{anna.id}").get_data(as_text=True)
    assert '<option selected value="contacted">' in html  # the next stage is suggested
    csrf = token(f"/talents/{anna.id}")
    response = client.post(f"/talents/{anna.id}/stage", data={
        "csrf_token": csrf, "stage": "contacted", "note": "Met at the Hannover fair",
        "reason": "", "version": str(anna.version)}, follow_redirects=True)
    html = response.get_data(as_text=True)
    assert "Moved to Contacted." in html and "Met at the Hannover fair" in html
    version = db.session.get(Talent, anna.id).version
    response = client.post(f"/talents/{anna.id}/stage", data={
        "csrf_token": csrf, "stage": "lost", "note": "", "reason": "", "version": str(version)})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert re.search(r'class="field error">\s*<label for="reason">', html)
    assert "Say why the talent was lost." in html
    response = client.post(f"/talents/{anna.id}/stage", data={
        "csrf_token": csrf, "stage": "lost", "note": "", "reason": "Took a job in Munich",
        "version": str(version)}, follow_redirects=True)
    assert "Took a job in Munich" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Talent, anna.id).stage == "lost"


def test_delete_talent_with_confirmation(client, make_user, login, talent, token):
    make_user("sam", "staff", zones=["jxetdz"])
    anna = talent()
    login("sam")
    html = client.get(f"/talents/{anna.id}").get_data(as_text=True)
    assert 'data-confirm="Delete this talent?"' in html
    response = client.post(f"/talents/{anna.id}/delete", data={"csrf_token": token()},
                           follow_redirects=True)
    assert "The talent was deleted." in response.get_data(as_text=True)
    assert client.get(f"/talents/{anna.id}").status_code == 404
