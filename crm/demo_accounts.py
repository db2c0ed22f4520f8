"""The demo's accounts, whose passwords the README publishes: the warning that ``make run``
prints while any still signs in with its published password, and their removal
(``flask --app wsgi crm demo --remove``)."""

import sqlalchemy as sa

from .auth.models import User
from .extensions import db


def accounts() -> list[tuple[str, str]]:
    """(user name, published password) of every demo account (crm.demo's lists)."""
    from .demo import DEMO_USERS, PARTNER

    return [(username, password) for username, password, *_rest in DEMO_USERS] + [
        (PARTNER[0], PARTNER[1])]


def is_demo_account(user) -> bool:
    """Is ``user`` one of the demo's accounts? Their overview says what to try first."""
    return user.username in dict(accounts())


def _found() -> list[tuple[User, str]]:
    published = dict(accounts())
    users = db.session.scalars(sa.select(User).where(User.username.in_(published))).all()
    by_name = {user.username: user for user in users}
    return [(by_name[name], password) for name, password in published.items()
            if name in by_name]


def published() -> list[User]:
    """The demo accounts that anyone who read the README can sign in as."""
    return [user for user, password in _found()
            if user.active and user.check_password(password)]


def warning(users: list[User]) -> str:
    """The warning that ``make run`` prints while ``users`` (``published()``) exist."""
    if not users:
        return ""
    names = ", ".join(user.username for user in users)
    rule = "!" * 78
    return "\n".join([
        rule,
        "!! WARNING: demo accounts with published passwords exist:",
        f"!!   {names}",
        "!! Their passwords are in the README (admin / demo-admin-2026, ...): anyone can sign",
        "!! in as them. For real use, remove them (and create your own admin with",
        "!! flask --app wsgi crm create-user NAME --role admin):",
        "!!   flask --app wsgi crm demo --remove",
        rule,
    ])


def _references(user: User) -> int:
    """Rows that name the user and would not go with them (owners, authors, the audit)."""
    count = 0
    for table in db.metadata.sorted_tables:
        for key in table.foreign_keys:
            if key.column.table.name == User.__tablename__ and \
                    (key.ondelete or "").upper() != "CASCADE":
                count += db.session.scalar(sa.select(sa.func.count()).select_from(table)
                                           .where(key.parent == user.id)) or 0
    return count


def remove() -> list[str]:
    """Delete each demo account that still has its published password; one that records name
    (projects it owns, meetings it logged, the audit trail) is deactivated instead, so that
    history keeps its name, and can no longer sign in. What was done, a line an account."""
    done = []
    for user, password in _found():
        if not user.check_password(password):
            done.append(f"Kept {user.username}: its password is no longer the published one.")
            continue
        named = _references(user)
        if named:
            user.active = False
            user.password_hash = ""  # no password signs in
            user.session_version += 1  # its sessions and API tokens end
            done.append(f"Deactivated {user.username}: {named} records name it, so it stays "
                        "for their history; it can no longer sign in.")
        else:
            db.session.delete(user)
            done.append(f"Deleted {user.username}.")
        db.session.commit()
    return done or ["No demo accounts found."]
