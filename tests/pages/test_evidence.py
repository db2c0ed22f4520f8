"""A verification's evidence files on the project page (issue 10): managers add and read them,
checked by content and size, kept outside the database; staff and partners never reach them."""

import io
from pathlib import Path

import sqlalchemy as sa

from crm.audit.models import AuditEntry
from crm.extensions import db
from crm.projects.evidence import MAX_BYTES, Evidence
from crm.projects.models import Project
from tests import factories
from tests.conftest import csrf_from

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def upload(client, project_id, content, name="licence.pdf", token=None):
    token = token or csrf_from(client.get(f"/projects/{project_id}").get_data(as_text=True))
    return client.post(f"/projects/{project_id}/evidence", data={
        "csrf_token": token, "file": (io.BytesIO(content), name)},
        content_type="multipart/form-data", follow_redirects=True)


def test_a_manager_adds_evidence_reads_it_back_and_verifies(app, client, make_user, login):
    make_user("mia", "manager")
    project = factories.registered_project()
    login("mia")
    html = client.get(f"/projects/{project.id}").get_data(as_text=True)
    assert 'id="verification"' in html and "No evidence yet" in html

    answer = upload(client, project.id, PDF, name="营业执照.pdf")
    html = answer.get_data(as_text=True)
    assert "The file was added to the project&#39;s evidence." in html or \
        "The file was added to the project's evidence." in html
    assert "营业执照.pdf" in html
    [row] = db.session.scalars(sa.select(Evidence)).all()
    stored = Path(app.config["EVIDENCE_DIR"]) / row.stored_as
    assert stored.read_bytes() == PDF and (row.content_type, row.size) == ("application/pdf",
                                                                           len(PDF))
    download = client.get(f"/projects/{project.id}/evidence/{row.id}")
    assert download.status_code == 200 and download.data == PDF
    assert download.headers["Content-Type"] == "application/pdf"
    assert "attachment" in download.headers["Content-Disposition"]
    download.close()
    assert client.get(f"/projects/{project.id + 1000}/evidence/{row.id}").status_code == 404

    token = csrf_from(client.get(f"/projects/{project.id}").get_data(as_text=True))
    verified = client.post(f"/projects/{project.id}/verify", data={
        "csrf_token": token, "note": "Licence checked"}, follow_redirects=True)
    assert "The project is verified." in verified.get_data(as_text=True)
    db.session.expire_all()
    checked = db.session.get(Project, project.id)
    assert checked.verified_at is not None and checked.verified_note == "Licence checked"
    entry = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.kind == "evidence")).one()
    assert entry.action == "create" and entry.changes["filename"] == [None, "营业执照.pdf"]
    assert "stored_as" not in entry.changes


def test_files_are_checked_by_content_and_size_and_nothing_is_kept_of_a_refusal(
        app, client, make_user, login):
    make_user("mia", "manager")
    project = factories.registered_project()
    login("mia")
    folder = Path(app.config["EVIDENCE_DIR"])
    before = set(folder.iterdir()) if folder.exists() else set()
    for content, name, message in (
            (b"MZ\x90\x00 not a pdf", "licence.pdf", "Only PDF, PNG and JPEG files"),
            (b"", "empty.pdf", "The file is empty."),
            (b"%PDF-" + b"0" * MAX_BYTES, "big.pdf", "at most 10 MiB")):
        answer = upload(client, project.id, content, name=name)
        assert message in answer.get_data(as_text=True), name
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Evidence)) == 0
    assert (set(folder.iterdir()) if folder.exists() else set()) == before
    ok = upload(client, project.id, PNG, name="scan.png")
    assert "scan.png" in ok.get_data(as_text=True)
    assert db.session.scalars(sa.select(Evidence.content_type)).all() == ["image/png"]


def test_staff_and_partners_never_reach_evidence(client, make_user, login, switch_to):
    make_user("mia", "manager")
    make_user("sam", "staff", zones=["jxetdz"])
    make_user("pat", "partner")
    project = factories.registered_project()
    login("mia")
    upload(client, project.id, PDF)
    row = db.session.scalars(sa.select(Evidence)).one()
    for who in ("sam", "pat"):
        switch_to(who)
        assert client.get(f"/projects/{project.id}/evidence/{row.id}").status_code == 403
        token = csrf_from(client.get("/", follow_redirects=True).get_data(as_text=True))
        assert client.post(f"/projects/{project.id}/evidence", data={
            "csrf_token": token, "file": (io.BytesIO(PDF), "x.pdf")},
            content_type="multipart/form-data").status_code == 403
    switch_to("sam")
    html = client.get(f"/projects/{project.id}").get_data(as_text=True)
    assert 'id="verification"' not in html and "licence.pdf" not in html
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Evidence)) == 1
