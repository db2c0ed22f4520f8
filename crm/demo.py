"""The demo data set that ``make run`` loads into a new database."""

import sqlalchemy as sa

from .auth.models import User
from .auth.services import create_user
from .codes import Role
from .extensions import db

DEMO_USERS = [
    ("admin", "demo-admin-2026", Role.ADMIN, [], "zh", "系统管理员"),
]


def load_demo() -> str:
    for username, password, role, zones, locale, name in DEMO_USERS:
        if db.session.scalar(sa.select(User.id).where(User.username == username)) is None:
            create_user(username, password, role, zones=zones, locale=locale, display_name=name)
    return "Demo data loaded."
