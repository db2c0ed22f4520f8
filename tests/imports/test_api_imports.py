"""POST /api/v1/imports/{kind}: a dry run by default, a write of a clean file in one
transaction, a 422 that writes nothing for a file with any bad row."""

import sqlalchemy as sa

from crm.companies.models import Company
from crm.extensions import db
from crm.projects.models import Project
from tests import factories

from .conftest import csv_bytes, xlsx_bytes


def count(model) -> int:
    db.session.expire_all()
    return db.session.scalar(sa.select(sa.func.count()).select_from(model)
                             .where(model.deleted_at.is_(None)))


def test_companies_with_english_headers_dry_run_then_write(app, api, upload):
    admin = api("admin")
    data = csv_bytes([["Name in English", "Name in Chinese", "Country of origin", "Industry"],
                      ["Siemens AG", "西门子", "Germany", "Electrical"],
                      ["Toyota Motor", "丰田汽车", "JP", "Cars"]])
    answer = upload(admin, "companies", data)
    assert answer.status_code == 200, answer.get_json()
    body = answer.get_json()
    assert (body["dry_run"], body["created"], body["errors"]) == (True, 2, [])
    assert count(Company) == 0
    answer = upload(admin, "companies", data, dry_run=False)
    assert answer.status_code == 200, answer.get_json()
    assert answer.get_json()["created"] == 2
    assert count(Company) == 2
    siemens = db.session.scalar(sa.select(Company).where(Company.name_en == "Siemens AG"))
    assert (siemens.country, siemens.name_zh) == ("DE", "西门子")
