"""Report tests: data built through the services, with creation and stage-move times set
directly in the database so that years and periods can be tested."""

from datetime import UTC, date, datetime, timedelta

import pytest
import sqlalchemy as sa

from crm.companies.services import create_company
from crm.extensions import db
from crm.money import Money
from crm.projects.models import Project, StageChange
from crm.projects.services import create_project, move_stage


def at(year, month=6, day=15, hour=4) -> datetime:
    """A time in the middle of a city day (04:00 UTC is noon in Jiaxing)."""
    return datetime(year, month, day, hour, tzinfo=UTC)


@pytest.fixture
def boss(make_user):
    return make_user("boss", "admin")


class Builder:
    def __init__(self, admin):
        self.admin = admin
        self.count = 0

    def company(self, name_en="Acme GmbH", country="DE", **values):
        return create_company(self.admin, {"name_en": name_en, "country": country, **values},
                              allow_duplicate=True)

    def project(self, company=None, zone="jxetdz", usd=None, path=(), created=None,
                moves=None, land_mu=None, output=None, tax=None, **values):
        """A project moved along ``path``; ``created`` and ``moves`` (a time, or a list of
        times one per move) are written into the database afterwards."""
        self.count += 1
        company = company or self.company(f"Company {self.count} GmbH")
        data = {"company_id": company.id, "zone": zone,
                "name_zh": values.pop("name_zh", f"项目{self.count}"),
                "name_en": values.pop("name_en", f"Project {self.count}"),
                "owner": self.admin.username, "likelihood": "high",
                "estimated_land_date": date(2030, 1, 1), "signed_on": date(2024, 1, 1),
                "registered_on": date(2024, 1, 1),
                "registered_capital": Money.parse(1000, "USD"), **values}
        if usd is not None:
            data["total_investment"] = Money.parse(usd, "USD")
        if land_mu is not None:
            data["land_mu"] = land_mu
        if output is not None:
            data["annual_output"] = Money.parse(output, "USD")
        if tax is not None:
            data["annual_tax"] = Money.parse(tax, "USD")
        project = create_project(self.admin, data)
        for stage in path:
            move_stage(self.admin, project, stage, "moved", "gone" if stage == "lost" else "")
        if created is not None:
            db.session.execute(sa.update(Project).where(Project.id == project.id)
                               .values(created_at=created))
        if moves is not None:
            times = moves if isinstance(moves, list | tuple) else [
                moves + timedelta(minutes=i) for i in range(len(path))]
            ids = db.session.scalars(sa.select(StageChange.id).where(
                StageChange.project_id == project.id).order_by(StageChange.id)).all()
            for change_id, when in zip(ids, times, strict=True):
                db.session.execute(sa.update(StageChange).where(StageChange.id == change_id)
                                   .values(at=when))
        db.session.commit()
        return db.session.get(Project, project.id)


@pytest.fixture
def build(app, boss):
    return Builder(boss)
