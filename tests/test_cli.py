import sqlalchemy as sa

from crm.auth.models import User
from crm.extensions import db
from crm.zones.models import Park, Zone


def test_seed_is_idempotent(app):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["crm", "seed"])
    assert first.exit_code == 0, first.output
    again = runner.invoke(args=["crm", "seed"])
    assert "0 records added" in again.output
    codes = db.session.scalars(sa.select(Zone.code).order_by(Zone.position)).all()
    assert codes == ["jxetdz", "jsetdz", "phetdz", "hnedz", "txedz", "hyedz", "jxip", "xzip",
                     "jxport"]
    sino_german = db.session.scalar(sa.select(Park).where(Park.zone_code == "jxetdz"))
    assert sino_german.name_en == "Zhejiang Sino-German Industrial Park"
    assert sino_german.category == "international"


def test_create_user_with_zones_and_locale(app):
    result = app.test_cli_runner().invoke(args=[
        "crm", "create-user", "zhang", "--role", "staff", "--zone", "jxetdz", "--zone", "jxip",
        "--locale", "en", "--password", "long-enough-pw"])
    assert result.exit_code == 0, result.output
    user = db.session.scalar(sa.select(User).where(User.username == "zhang"))
    assert user.role == "staff" and user.locale == "en"
    assert sorted(user.zone_codes) == ["jxetdz", "jxip"]
    assert user.check_password("long-enough-pw")


def test_create_user_prompts_for_the_password(app):
    result = app.test_cli_runner().invoke(
        args=["crm", "create-user", "li", "--role", "manager"],
        input="prompted-password\nprompted-password\n")
    assert result.exit_code == 0, result.output
    user = db.session.scalar(sa.select(User).where(User.username == "li"))
    assert user.check_password("prompted-password")


def test_create_user_refuses_bad_input_and_writes_nothing(app):
    result = app.test_cli_runner().invoke(args=[
        "crm", "create-user", "wang", "--role", "staff", "--zone", "nowhere",
        "--password", "short"])
    assert result.exit_code == 1
    assert "zones" in result.output and "password" in result.output
    assert db.session.scalar(sa.select(User).where(User.username == "wang")) is None


def test_init_writes_a_secret_key_once(app, tmp_path, monkeypatch):
    monkeypatch.setattr(app, "instance_path", str(tmp_path / "instance"))
    runner = app.test_cli_runner()
    assert runner.invoke(args=["crm", "init"]).exit_code == 0
    key = (tmp_path / "instance" / "secret_key").read_text()
    assert len(key) == 64
    runner.invoke(args=["crm", "init"])
    assert (tmp_path / "instance" / "secret_key").read_text() == key


def test_the_make_run_steps_load_the_demo_outside_any_request(tmp_path):
    """``make run``'s commands in a process of their own, as a new machine runs them: no
    request context (the test client's) hides a message translated too early."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    env = os.environ | {"DATABASE_URL": f"sqlite:///{tmp_path / 'new.sqlite3'}"}
    flask = [sys.executable, "-m", "flask", "--app", "wsgi"]
    root = Path(__file__).resolve().parent.parent
    for step in (["db", "upgrade"], ["crm", "seed"], ["crm", "demo", "--if-empty"]):
        done = subprocess.run(flask + step, cwd=root, env=env, capture_output=True, text=True,
                              timeout=300, check=False)
        assert done.returncode == 0, done.stderr[-2000:]
    assert "Demo data:" in done.stdout and "100 projects" in done.stdout, done.stdout
