"""Zones and roles: officers see their zones' talents and meetings; partners see none."""

import pytest


def test_staff_of_another_zone_get_404(client, make_user, login, talent, meeting, token):
    make_user("sam", "staff", zones=["jxetdz"])
    theirs = talent(zone="jsetdz", name="Hidden Talent")
    record = meeting(zone="jsetdz", subject="Hidden meeting", talent_ids=[theirs.id])
    login("sam")
    for url in (f"/talents/{theirs.id}", f"/talents/{theirs.id}/edit",
                f"/meetings/{record.id}", f"/meetings/{record.id}/edit"):
        assert client.get(url).status_code == 404, url
    csrf = token()
    for url in (f"/talents/{theirs.id}/delete", f"/talents/{theirs.id}/stage",
                f"/meetings/{record.id}/delete"):
        assert client.post(url, data={"csrf_token": csrf}).status_code == 404, url
    assert "Hidden Talent" not in client.get("/talents").get_data(as_text=True)
    assert "Hidden meeting" not in client.get("/meetings").get_data(as_text=True)


def test_a_linked_record_of_another_zone_is_not_named(
        client, make_user, login, company, project, meeting):
    make_user("sam", "staff", zones=["jxetdz"])
    bosch = company()
    theirs = project(bosch, zone="jsetdz", name_en="Secret Jiashan plant")
    record = meeting(zone="jxetdz", subject="Joint visit", project_ids=[theirs.id],
                     company_ids=[bosch.id])
    login("sam")
    for url in (f"/meetings/{record.id}", "/meetings", f"/meetings/{record.id}/edit"):
        html = client.get(url).get_data(as_text=True)
        assert "Joint visit" in html and "Secret Jiashan plant" not in html, url


@pytest.mark.parametrize("url", [
    "/meetings", "/meetings/new", "/follow-ups", "/me/calendar", "/talents", "/talents/new",
])
def test_partners_reach_none_of_these_pages(client, make_user, login, url):
    make_user("pat", "partner")
    login("pat")
    assert client.get(url).status_code == 403


def test_signed_out_visitors_are_sent_to_sign_in(client, app):
    response = client.get("/meetings")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_editing_keeps_a_link_the_editor_cannot_see(
        client, make_user, login, company, project, meeting, token):
    make_user("sam", "staff", zones=["jxetdz"])
    bosch = company()
    ours = project(bosch, zone="jxetdz", name_en="Our plant")
    theirs = project(bosch, zone="jsetdz", name_en="Secret Jiashan plant")
    record = meeting(zone="jxetdz", subject="Joint visit", project_ids=[ours.id, theirs.id])
    login("sam")
    url = f"/meetings/{record.id}/edit"
    response = client.post(url, data={
        "csrf_token": token(url), "kind": "visit", "occurred_on": "2026-03-02",
        "subject": "Joint visit, renamed", "zone": "jxetdz", "country": "",
        "project_ids": [str(ours.id)], "version": str(record.version)})
    assert response.status_code == 302, response.get_data(as_text=True)
    assert record.subject == "Joint visit, renamed"
    assert {p.id for p in record.projects} == {ours.id, theirs.id}
