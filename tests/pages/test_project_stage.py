from crm.extensions import db
from crm.projects.models import Project
from tests import factories
from tests.conftest import csrf_from


def test_two_high_one_low_refused_at_signed(client, make_user, login, company, project):
    mia = make_user("mia", "manager")
    record = project(company(), name_en="Smoky", two_high_one_low=True,
                     **factories.ready_for("signed", by=mia))
    login("mia")
    page = client.get(f"/projects/{record.id}").get_data(as_text=True)
    response = client.post(f"/projects/{record.id}/stage", data={
        "csrf_token": csrf_from(page), "stage": "signed", "note": "they signed",
        "version": str(record.version)})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "两高一低" in html and "cannot be signed" in html
    db.session.expire_all()
    saved = db.session.get(Project, record.id)
    assert saved.stage == "lead" and saved.history == []


def test_move_records_history_and_checklist(client, make_user, login, company, project):
    make_user("mia", "manager")
    record = project(company(), name_en="Good one")
    login("mia")
    page = client.get(f"/projects/{record.id}").get_data(as_text=True)
    assert "To reach Contacted" in page
    response = client.post(f"/projects/{record.id}/stage", data={
        "csrf_token": csrf_from(page), "stage": "contacted", "note": "first call went well",
        "version": str(record.version)}, follow_redirects=True)
    html = response.get_data(as_text=True)
    assert "Moved to Contacted." in html
    assert "Lead → Contacted" in html and "first call went well" in html
    # next is negotiating: it needs an owner, a likelihood and a landing date
    assert "To reach Negotiating" in html
    for label in ("Owner", "Likelihood to land", "Estimated landing date"):
        assert f"<li>{label}</li>" in html


def test_lost_needs_a_reason(client, make_user, login, company, project):
    make_user("mia", "manager")
    record = project(company())
    login("mia")
    page = client.get(f"/projects/{record.id}").get_data(as_text=True)
    response = client.post(f"/projects/{record.id}/stage", data={
        "csrf_token": csrf_from(page), "stage": "lost", "note": "", "reason": ""})
    assert response.status_code == 422
    assert "Say why the project was lost." in response.get_data(as_text=True)
