"""Page tests: real HTTP through the app, signed in through the login form."""

from datetime import date

import pytest

from crm.auth.models import User
from crm.companies.services import create_company
from crm.extensions import db
from crm.money import Money
from crm.projects.services import create_project


def user(username: str) -> User:
    return db.session.scalar(db.select(User).where(User.username == username))


@pytest.fixture
def company(app):
    def make(name_en="Acme GmbH", name_zh="", country="DE", **values):
        admin = user("boss") or _boss()
        return create_company(admin, {"name_en": name_en, "name_zh": name_zh,
                                      "country": country, **values}, allow_duplicate=True)

    return make


def _boss():
    from crm.auth.services import create_user

    return create_user("boss", "correct-horse-battery", "admin", locale="en")


@pytest.fixture
def project(app):
    def make(company, zone="jxetdz", **values):
        admin = user("boss") or _boss()
        values.setdefault("name_zh", "测试项目")
        return create_project(admin, {"company_id": company.id, "zone": zone, **values})

    return make


@pytest.fixture
def rates(app):
    from crm.reference.services import save_rates

    save_rates([{"currency": "EUR", "usd_per_unit": "1.08", "valid_from": date(2020, 1, 1)}])


__all__ = ["Money", "user"]
