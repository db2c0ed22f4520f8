"""``flask --app wsgi crm backup PATH`` and ``restore PATH`` on the test's own database
(SQLite file, or PostgreSQL with CRM_TEST_DATABASE_URL): a round trip brings changed and
deleted data back, a write in progress is not in the copy, and bad input changes nothing."""

import sqlalchemy as sa

from crm.extensions import db
from crm.projects.models import Project
from tests import factories


def names() -> dict[int, str]:
    db.session.remove()
    return dict(db.session.execute(
        sa.select(Project.id, Project.name_en).where(Project.deleted_at.is_(None))).all())


def test_backup_and_restore_round_trip(app, tmp_path):
    runner = app.test_cli_runner()
    kept = factories.lead_project(name_en="Kept plant").id
    gone = factories.lead_project(name_en="Deleted later").id
    before = names()
    path = tmp_path / "crm.backup"
    # another connection is writing meanwhile: the copy holds what was committed
    other = sa.create_engine(db.engine.url.render_as_string(hide_password=False))
    with other.connect() as writer:
        writer.execute(sa.update(Project.__table__).where(Project.id == kept)
                       .values(name_en="Not committed"))
        result = runner.invoke(args=["crm", "backup", str(path)])
        writer.rollback()
    other.dispose()
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Backed up") and path.is_file()

    # change and delete, then bring it back
    db.session.execute(sa.update(Project).where(Project.id == kept)
                       .values(name_en="Renamed"))
    db.session.execute(sa.delete(Project).where(Project.id == gone))
    db.session.commit()
    assert names() == {kept: "Renamed"}
    result = runner.invoke(args=["crm", "restore", str(path), "--yes"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Restored")
    assert names() == before == {kept: "Kept plant", gone: "Deleted later"}
    # the restored database takes writes again (its counters and sequences came back too)
    added = factories.lead_project(name_en="After the restore")
    assert added.id not in before and names()[added.id] == "After the restore"


def test_bad_input_changes_nothing(app, tmp_path):
    runner = app.test_cli_runner()
    factories.lead_project(name_en="Plant")
    before = names()
    not_a_backup = tmp_path / "notes.txt"
    not_a_backup.write_text("not a database")
    result = runner.invoke(args=["crm", "restore", str(not_a_backup), "--yes"])
    assert result.exit_code == 1 and "Nothing restored" in result.output
    result = runner.invoke(args=["crm", "restore", str(tmp_path / "missing"), "--yes"])
    assert result.exit_code == 1 and "No file" in result.output
    # an existing file is never overwritten by a backup
    result = runner.invoke(args=["crm", "backup", str(not_a_backup)])
    assert result.exit_code == 1 and "exists already" in result.output
    assert not_a_backup.read_text() == "not a database"
    # a restore asks first; no is no
    path = tmp_path / "crm.backup"
    assert runner.invoke(args=["crm", "backup", str(path)]).exit_code == 0
    factories.lead_project(name_en="Added since")
    result = runner.invoke(args=["crm", "restore", str(path)], input="n\n")
    assert result.exit_code == 1 and "Aborted" in result.output
    assert len(names()) == len(before) + 1


def test_evidence_files_go_with_the_backup_and_come_back(app, tmp_path, make_user,
                                                         monkeypatch):
    """The verification files live outside the database: the backup copies them beside it,
    the restore brings back those missing."""
    from io import BytesIO
    from pathlib import Path

    from werkzeug.datastructures import FileStorage

    from crm.projects import evidence

    monkeypatch.setitem(app.config, "EVIDENCE_DIR", str(tmp_path / "evidence"))  # its own
    manager = make_user("mia", "manager")
    project = factories.registered_project()
    scan = b"%PDF-1.4 licence"
    row = evidence.add(manager, project, FileStorage(BytesIO(scan), "licence.pdf"))
    stored = Path(app.config["EVIDENCE_DIR"]) / row.stored_as
    path = tmp_path / "crm.backup"
    result = app.test_cli_runner().invoke(args=["crm", "backup", str(path)])
    assert result.exit_code == 0, result.output
    assert "1 evidence files" in result.output
    assert (tmp_path / "crm.backup.evidence" / row.stored_as).read_bytes() == scan
    stored.unlink()  # a disk lost
    result = app.test_cli_runner().invoke(args=["crm", "restore", str(path), "--yes"])
    assert result.exit_code == 0, result.output
    assert "1 evidence files back" in result.output and stored.read_bytes() == scan
