"""SQL statements per request on the key pages and API calls: a small constant, the same with
few records and with more (no query per row). The benchmark (``make bench``) measures time at
100,000 projects; this guards the count, so an N+1 cannot come back unnoticed."""

from datetime import date

import sqlalchemy as sa

from crm.extensions import db
from tests import factories

# request → the most statements it may take (sign-in and session included), as measured: a
# change that adds one shows here; the two above 10 (a project's and the meetings' pages, whose
# meetings load their links) are what issue 15 still has to bring down; an API call's count
# includes the one statement of its token's rate limit (crm/auth/limits.py); the overview's
# open and overdue coordination items and a project's coordination items are one each (issue 11)
BUDGET = {
    # issue 10 added the paid-in report to /reports, and to a project its milestones, its
    # payments (and on its page the currencies of the ledger's form, and for those who verify
    # the list of its evidence files); issue 11 its coordination items
    # the warnings (issue 10) add two where projects show: the settings (their thresholds) and
    # one statement for the whole page's warnings; issue 16 the report of projects by industry
    # to /reports (one grouped statement)
    "/": 4, "/reports": 12, "/projects": 9, "/projects/board": 7, "/projects/{project}": 15,
    "/companies/{company}": 7, "/meetings": 9, "/follow-ups": 4, "/projects/new": 9,
    "/api/v1/projects": 8, "/api/v1/projects/{project}": 8, "/api/v1/interactions": 10,
    "/api/v1/companies": 5, "/api/v1/reports/funnel": 5, "/api/v1/reports/league": 5,
    "/api/v1/reports/shuangbai": 5,
    # issue 10's today page: its four bounded lists, the settings and the listed warnings
    "/today": 10,
}


def _world(size: int) -> dict:
    """``size`` projects in every stage of two zones, each with a meeting and a follow-up."""
    boss = factories.boss()
    company = factories.company()
    made = []
    for index in range(size):
        for stage in ("lead", "negotiating", "signed", "registered"):
            maker = getattr(factories, f"{stage}_project")
            zone = ("jxetdz", "jsetdz")[index % 2]
            project = maker(factories.company(name_en=f"Firm {stage} {index}"), zone=zone)
            factories.meeting(by=boss, kind="meeting", zone=zone, project_ids=[project.id],
                              company_ids=[project.company_id],
                              follow_ups=[{"title": "Call back", "due_on": date(2026, 1, 2),
                                           "owner": "boss"}])
            made.append(project)
    return {"project": made[0].id, "company": company.id}


def _counts(client, ids: dict, headers: dict) -> dict[str, int]:
    seen = []

    def count(*_args):
        seen.append(1)

    counts = {}
    sa.event.listen(db.engine, "before_cursor_execute", count)
    try:
        for path in BUDGET:
            url = path.format(**ids)
            db.session.remove()  # as a new request starts: nothing loaded yet
            seen.clear()
            response = client.get(url, headers=headers if url.startswith("/api/") else {})
            assert response.status_code == 200, (url, response.status_code)
            counts[path] = len(seen)
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", count)
    return counts


def test_key_pages_take_a_fixed_number_of_statements(client, login, token_for):
    from crm.clock import today
    from crm.reference.targets import save_target

    factories.user("mia", "manager")
    for metric, zone in (("intl_park_entries", "jxetdz"), ("new_economy_parks", None),
                         ("shuangbai_increase", None)):  # /reports shows their actuals
        save_target(factories.boss(), {"year": today().year, "zone": zone, "metric": metric,
                                       "target_value": 2})
    login("mia")
    headers = {"Authorization": f"Bearer {token_for('mia')}"}
    ids = _world(1)
    few = _counts(client, ids, headers)
    _world(3)  # four times the records: the same statements
    more = _counts(client, ids, headers)
    grew = {path: (few[path], more[path]) for path in BUDGET if more[path] != few[path]}
    assert grew == {}, f"statements grow with the rows (a query per row): {grew}"
    over = {path: n for path, n in few.items() if n > BUDGET[path]}
    assert over == {}, f"over budget: {over}"
