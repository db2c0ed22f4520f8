"""My calendar: the private feed address, which serves iCalendar, and its reset."""

import re
from datetime import date


def feed_path(html: str) -> str:
    url = re.search(r'id="calendar-url"[^>]*value="([^"]+)"', html).group(1)
    assert url.startswith("http://localhost/calendar/") and url.endswith(".ics")
    return url.removeprefix("http://localhost")


def test_calendar_page_shows_a_working_url_and_reset_revokes_it(
        client, make_user, login, meeting, token):
    make_user("sam", "staff", zones=["jxetdz"])
    meeting(zone="jxetdz", subject="Visit to Bosch", attendees=["sam"],
            follow_ups=[{"title": "Send offer", "due_on": date(2026, 4, 1), "owner": "sam"}])
    login("sam")
    page = client.get("/me/calendar")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Outlook" in html and "webcal://localhost/calendar/" in html
    old = feed_path(html)
    assert feed_path(client.get("/me/calendar").get_data(as_text=True)) == old  # stable
    response = client.get(old)
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    body = response.get_data(as_text=True)
    assert "SUMMARY:Visit to Bosch" in body and "SUMMARY:Send offer" in body
    assert 'data-confirm="Reset your calendar address?' in html
    csrf = token("/me/calendar")
    assert client.post("/me/calendar/reset").status_code == 400  # no CSRF token
    assert client.get(old).status_code == 200
    response = client.post("/me/calendar/reset", data={"csrf_token": csrf},
                           follow_redirects=True)
    html = response.get_data(as_text=True)
    assert "the old one no longer works" in html
    new = feed_path(html)
    assert new != old
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200
