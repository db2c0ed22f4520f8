"""The supervision pages: the measures list and its filters, a measure's page with its
reports and inspections, the forms."""

import sqlalchemy as sa

from crm import clock
from crm.extensions import db
from crm.supervision.models import Inspection, Measure, ProgressReport
from tests.conftest import csrf_from


def test_the_measures_list_filters_by_year_unit_and_status(app, measures, make_user, login,
                                                           client):
    make_user("zhang", "staff", zones=["jxetdz"])
    login("zhang")
    html = client.get("/supervision?lang=zh").get_data(as_text=True)
    assert "3.10.1" in html and "提升利用外资质量效益" in html and "市科技局" in html
    english = client.get("/supervision?lang=en&unit=jxport").get_data(as_text=True)
    assert "Bonded zone and cross-border e-commerce" in english
    assert "Integrate neighbouring zones" not in english
    assert "Municipal Bureau of Commerce" not in client.get(
        "/supervision?unit=jxport").get_data(as_text=True).split("<tbody>")[1]
    assert "3.2.1" not in client.get("/supervision?status=closed").get_data(as_text=True)
    assert "3.2.1" in client.get("/supervision?year=2015").get_data(as_text=True)


def test_staff_report_on_the_page_for_their_zone_only(app, measures, make_user, login, client):
    make_user("zhang", "staff", zones=["jxetdz"])
    login("zhang")
    month = clock.today().strftime("%Y-%m")
    page = client.get(f"/supervision/measures/{measures['3.2.4']}").get_data(as_text=True)
    assert 'value="jxetdz"' in page and 'value="jxip"' not in page.split("Report progress")[-1]
    token = csrf_from(page)
    saved = client.post(f"/supervision/measures/{measures['3.2.4']}/reports", data={
        "csrf_token": token, "unit": "jxetdz", "period": month, "status": "behind",
        "text": "进度滞后"})
    assert saved.status_code == 302
    refused = client.post(f"/supervision/measures/{measures['3.2.4']}/reports", data={
        "csrf_token": token, "unit": "jxip", "period": month, "status": "done"})
    assert refused.status_code == 422  # not a unit they may choose
    none_of_theirs = client.post(f"/supervision/measures/{measures['4.2.1']}/reports", data={
        "csrf_token": token, "unit": "市商务局", "period": month, "status": "done"})
    assert none_of_theirs.status_code == 403
    reports = db.session.scalars(sa.select(ProgressReport)).all()
    assert [(r.unit, r.status, r.text) for r in reports] == [("jxetdz", "behind", "进度滞后")]
    shown = client.get(f"/supervision/measures/{measures['3.2.4']}?period={month}")
    assert "进度滞后" in shown.get_data(as_text=True)


def test_managers_add_edit_inspect_and_record_a_rectification(app, measures, make_user,
                                                               login, client):
    make_user("boss", "manager")
    login("boss")
    token = csrf_from(client.get("/supervision/measures/new").get_data(as_text=True))
    added = client.post("/supervision/measures/new", data={
        "csrf_token": token, "code": "3.5.1", "year": "2026", "title_zh": "新经济园建设",
        "title_en": "", "unit_zones": ["jsetdz", "phetdz"], "status": "open",
        "unit_departments": "市商务局 | Municipal Bureau of Commerce"})
    assert added.status_code == 302, added.get_data(as_text=True)
    measure = db.session.scalar(sa.select(Measure).where(Measure.year == 2026))
    assert [u.key for u in measure.units] == ["jsetdz", "phetdz", "市商务局"]
    edit = client.get(f"/supervision/measures/{measure.id}/edit").get_data(as_text=True)
    bad = client.post(f"/supervision/measures/{measure.id}/edit", data={
        "csrf_token": csrf_from(edit), "version": measure.version, "code": "x.y", "year": "2026",
        "title_zh": "新经济园建设", "status": "closed"})
    assert bad.status_code == 422
    closed = client.post(f"/supervision/measures/{measure.id}/edit", data={
        "csrf_token": csrf_from(edit), "version": measure.version, "code": "3.5.1",
        "year": "2026", "title_zh": "新经济园建设", "status": "closed",
        "unit_zones": ["jsetdz"], "unit_departments": ""})
    assert closed.status_code == 302
    db.session.refresh(measure)
    assert measure.status == "closed" and [u.key for u in measure.units] == ["jsetdz"]
    page = client.get(f"/supervision/measures/{measures['3.9.1']}?lang=en")
    inspected = client.post(f"/supervision/measures/{measures['3.9.1']}/inspections", data={
        "csrf_token": csrf_from(page.get_data(as_text=True)), "unit": "txedz",
        "inspected_on": "2015-09-01", "finding": "违建未拆除", "rectify_by": "2015-10-01"})
    assert inspected.status_code == 302
    html = client.get(f"/supervision/measures/{measures['3.9.1']}?lang=en").get_data(
        as_text=True)
    assert "违建未拆除" in html and "Rectification overdue" in html
    inspection = db.session.scalar(sa.select(Inspection))
    done = client.post(f"/supervision/inspections/{inspection.id}/rectified",
                       data={"csrf_token": csrf_from(html)})
    assert done.status_code == 302
    db.session.refresh(inspection)
    assert inspection.rectified_on == clock.today()
    assert "Rectification overdue" not in client.get(
        f"/supervision/measures/{measures['3.9.1']}?lang=en").get_data(as_text=True)
