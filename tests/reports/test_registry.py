"""The registry of reports: every report the dashboard shows is registered, and every report
with a workbook downloads, read from the same query string as its page."""

import io

from openpyxl import load_workbook

from crm.reports.registry import REPORTS, WORKBOOKS


def test_the_dashboard_reports_are_registered():
    assert list(REPORTS) == ["funnel", "shuangbai", "league", "targets", "activity",
                             "paid_in", "industries"]
    assert WORKBOOKS == ["funnel", "shuangbai", "league", "paid_in", "industries"]
    assert all(code == report.code for code, report in REPORTS.items())


def test_every_workbook_downloads(app, client, make_user, login):
    make_user("manager", "manager")
    login("manager")
    for code in WORKBOOKS:
        response = client.get(f"/reports/{code}.xlsx?year=2025&from=2025-01-01&to=2025-06-30")
        assert response.status_code == 200, code
        assert response.headers["Content-Disposition"].startswith(
            f'attachment; filename="{code}-')
        assert load_workbook(io.BytesIO(response.data)).active.max_row > 1


def test_params_drop_what_they_do_not_take():
    league = REPORTS["league"].params({"from": "2025-06-30", "to": "2025-01-01", "sort": " "})
    assert (league["start"].isoformat(), league["end"].isoformat(), league["sort"]) == (
        "2025-01-01", "2025-06-30", None)
    assert REPORTS["funnel"].params({"year": "abc", "kind": "bogus", "zone": "jxetdz"}) == {
        "filters": {"zone": "jxetdz"}}
    assert REPORTS["activity"].params({"zone": ""}) == {}
