"""The calendar feed's project days (issue 10): planned milestones without an actual day and
the estimated landing dates of projects not yet signed, of the projects the user owns and may
see, named in the user's language."""

from datetime import date

from icalendar import Calendar

from crm.auth.feeds import feed_secret
from crm.projects import milestones
from tests import factories


def fetch(client, user) -> dict[str, tuple]:
    response = client.get(f"/calendar/{feed_secret(user)}.ics")
    assert response.status_code == 200
    return {str(e["UID"]).split("@")[0]: (str(e["SUMMARY"]), e["DTSTART"].dt,
                                          [str(c) for c in e["CATEGORIES"].cats])
            for e in Calendar.from_ical(response.data).walk("VEVENT")}


def test_planned_milestones_and_landing_dates_of_the_users_projects(client, app):
    boss = factories.boss()
    sam = factories.user("sam", "staff", zones=["jxetdz"])
    lead = factories.negotiating_project(name_en="Lake mill", owner="sam",
                                         estimated_land_date=date(2027, 3, 1))
    signed = factories.signed_project(name_en="Harbour plant", owner="sam",
                                      estimated_land_date=date(2025, 1, 1))
    milestones.set_dates(boss, signed, signed.version, [
        {"code": "land", "planned_on": date(2027, 2, 1), "actual_on": None},
        {"code": "construction", "planned_on": date(2026, 1, 1), "actual_on": date(2026, 1, 5)},
    ])
    factories.negotiating_project(name_en="Not mine", owner="boss",
                                  estimated_land_date=date(2027, 3, 1))
    events = fetch(client, sam)
    assert events == {
        f"milestone-{signed.id}-land": ("Land supplied (planned): Harbour plant",
                                        date(2027, 2, 1), ["milestone"]),
        f"land-{lead.id}": ("Estimated landing: Lake mill", date(2027, 3, 1), ["land"]),
    }  # the signed project's landing date is past concern; a milestone reached is no event


def test_in_the_users_language_and_only_while_they_may_see_it(client, app):
    li = factories.user("li", "staff", zones=["jxetdz"], locale="zh")
    project = factories.negotiating_project(name_zh="湖畔工厂", name_en="Lake mill",
                                            owner="li", estimated_land_date=date(2027, 3, 1))
    assert fetch(client, li)[f"land-{project.id}"][0] == "预计落地：湖畔工厂"
    factories.move(project, "on_hold")
    assert fetch(client, li) == {}  # on hold: no landing to count down to
    moved = factories.negotiating_project(owner="li", zone="jsetdz",
                                          estimated_land_date=date(2027, 3, 1))
    assert f"land-{moved.id}" not in fetch(client, li)  # another zone's: not visible to li
