"""The demo accounts' passwords are published: ``make run`` warns while any still signs in
with its own, and ``crm demo --remove`` removes them (issue 14)."""

import sqlalchemy as sa

from crm.auth.models import User
from crm.demo import DEMO_USERS, STAFF_PASSWORD
from crm.demo_accounts import published
from crm.extensions import db
from tests import factories


def demo(app, *args):
    result = app.test_cli_runner().invoke(args=["crm", "demo", *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_make_run_warns_of_the_demo_accounts_until_they_are_removed(app, client):
    loaded = demo(app, "--if-empty")  # what make run runs, here on a new database
    assert "Demo data: " in loaded
    assert "WARNING: demo accounts with published passwords exist:" in loaded
    assert "admin, manager, zhang.wei" in loaded and "crm demo --remove" in loaded
    signed_in = client.post("/api/v1/auth/token",
                            json={"username": "admin", "password": "demo-admin-2026"})
    assert signed_in.status_code == 200
    token = {"Authorization": f"Bearer {signed_in.get_json()['token']}"}

    removed = demo(app, "--remove").splitlines()
    assert len(removed) == len(DEMO_USERS) + 1
    assert "Deleted partner.siemens." in removed  # nothing names the partner
    assert any(line.startswith("Deactivated zhang.wei: ") for line in removed)
    assert client.get("/api/v1/zones", headers=token).status_code == 401
    for username, password, *_rest in DEMO_USERS:
        refused = client.post("/api/v1/auth/token",
                              json={"username": username, "password": password})
        assert refused.status_code == 401, username
    again = demo(app, "--if-empty")
    assert "no demo data loaded" in again and "WARNING" not in again
    assert not db.session.scalars(sa.select(User).where(User.active.is_(True))).all()


def test_remove_leaves_an_account_whose_password_was_changed(app):
    factories.user("manager", "manager", password="a-password-of-our-own")
    staff = factories.user("li.na", "staff", zones=["jsetdz"], password=STAFF_PASSWORD)
    assert [user.username for user in published()] == ["li.na"]
    assert demo(app, "--remove").splitlines() == [
        "Kept manager: its password is no longer the published one.", "Deleted li.na."]
    assert db.session.get(User, staff.id) is None
    assert factories.find_user("manager").active
    assert demo(app, "--remove").splitlines() == [
        "Kept manager: its password is no longer the published one."]
