from datetime import date

from icalendar import Calendar


def test_private_feed_has_meetings_and_open_follow_ups(client, pipeline):
    admin = pipeline["admin"]
    admin.post("/api/v1/interactions", json={
        "kind": "visit", "occurred_on": "2026-11-20", "subject": "Visit; Bosch, Stuttgart",
        "location": "Stuttgart", "project_ids": [pipeline["project_ids"][0]],
        "follow_ups": [{"title": "Send offer", "due_on": "2026-12-05", "owner": "admin"},
                       {"title": "Closed", "due_on": "2026-12-01", "owner": "admin",
                        "done": True}]})
    url = admin.get("/api/v1/me/calendar").get_json()["url"]
    path = url.split("//", 1)[1].split("/", 1)[1]
    feed = client.get("/" + path)  # no token, no session
    assert feed.status_code == 200
    assert feed.mimetype == "text/calendar"
    text = feed.get_data(as_text=True)
    assert text.startswith("BEGIN:VCALENDAR\r\n") and "VERSION:2.0" in text
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    assert "DUE;VALUE=DATE:20261205" in text
    calendar = Calendar.from_ical(feed.data)
    events = calendar.walk("VEVENT")
    todos = calendar.walk("VTODO")
    assert [str(e["SUMMARY"]) for e in events] == ["Visit; Bosch, Stuttgart"]
    assert events[0]["DTSTART"].dt == date(2026, 11, 20)
    assert [str(t["SUMMARY"]) for t in todos] == ["Send offer"]
    for component in events + todos:
        assert component["UID"] and component["DTSTAMP"]


def test_wrong_or_revoked_url_gets_nothing(client, pipeline):
    admin = pipeline["admin"]
    old = admin.get("/api/v1/me/calendar").get_json()["url"]
    assert admin.get("/api/v1/me/calendar").get_json()["url"] == old
    new = admin.post("/api/v1/me/calendar/reset").get_json()["url"]
    assert new != old

    def fetch(url):
        return client.get("/" + url.split("//", 1)[1].split("/", 1)[1])

    assert fetch(old).status_code == 404
    assert fetch(new).status_code == 200
    assert client.get("/calendar/not-a-token.ics").status_code == 404
