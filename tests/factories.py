"""Test data, made through the real services as a user would make it (STYLE.md: factories for
data, per stage after Data Hub's ``test/factories.py``).

Each project factory builds on the one before and adds what its stage needs (DOMAIN.md), so a
test says which state it starts from::

    lead_project -> contacted_project -> negotiating_project (owner, likelihood,
    estimated_land_date) -> signed_project (signed_on) -> registered_project (registered_on,
    registered_capital) -> construction_project -> operating_project

    factories.signed_project(acme, zone="jsetdz", total_investment=Money.parse("2e8", "USD"))

Every factory acts as ``by`` (the admin ``boss`` when not given) and takes the service's own
field names as keyword overrides. Only ``backdate`` writes rows directly: the services always
take times from the clock, and reports need the past.
"""

from collections.abc import Callable
from datetime import date, datetime, timedelta

import sqlalchemy as sa

import crm.companies.services  # noqa: F401 (first: crm.projects alone imports in a circle)
from crm.auth.models import User
from crm.auth.services import create_user
from crm.companies.contacts import create_contact
from crm.companies.models import Company, Contact
from crm.companies.services import create_company
from crm.extensions import db
from crm.interactions.models import Interaction
from crm.interactions.services import create_interaction
from crm.money import Money
from crm.projects import services as projects
from crm.projects.models import Project, StageChange
from crm.reference.services import save_rates
from crm.talents import services as talents
from crm.talents.models import Talent, TalentStageChange
from crm.zones.models import Park
from crm.zones.services import create_park

PASSWORD = "correct-horse-battery"
BOSS = "boss"


# -- people ------------------------------------------------------------------------------------


def find_user(username: str) -> User | None:
    return db.session.scalar(sa.select(User).where(User.username == username))


def user(username: str, role: str = "staff", **values) -> User:
    """``user("sam", "staff", zones=["jxetdz"])``: English unless ``locale`` says otherwise."""
    values.setdefault("locale", "en")
    return create_user(username, values.pop("password", PASSWORD), role, **values)


def boss() -> User:
    """The admin ``boss`` who makes the records a test needs, made on first use."""
    return find_user(BOSS) or user(BOSS, "admin")


# -- companies, reference data -----------------------------------------------------------------


def company(name_en: str = "Acme GmbH", *, by: User | None = None, country: str = "DE",
            **values) -> Company:
    """A German company by default; a name like another's is allowed (no duplicate check)."""
    return create_company(by or boss(), {"name_en": name_en, "country": country, **values},
                          allow_duplicate=True)


_company = company  # for the project factories, whose ``company`` argument hides it


def contact(of: Company, *, by: User | None = None, **values) -> Contact:
    """A person at ``of``: ``Hans Müller`` unless a name is given."""
    if not (values.get("name_zh") or values.get("name_en")):
        values["name_en"] = "Hans Müller"
    return create_contact(by or boss(), of, values)


def park(zone: str = "jxetdz", *, category: str = "other", **values) -> Park:
    return create_park({"zone": zone, "category": category, **values})


def rate(currency: str = "EUR", usd_per_unit: str = "1.08",
         valid_from: date = date(2020, 1, 1)) -> None:
    """An exchange rate in force since ``valid_from`` (EUR at 1.08 since 2020 by default)."""
    save_rates([{"currency": currency, "usd_per_unit": usd_per_unit, "valid_from": valid_from}])


# -- projects, stage by stage ------------------------------------------------------------------


def lead_project(company: Company | None = None, *, by: User | None = None,
                 zone: str = "jxetdz", **values) -> Project:
    """A new project at ``lead`` (``create_project``); numbered names, and a company of its own,
    unless given."""
    by = by or boss()
    number = _count(Project) + 1
    values.setdefault("name_zh", f"项目{number}")
    values.setdefault("name_en", f"Project {number}")
    company = company or _company(f"Company {number} GmbH", by=by)
    return projects.create_project(by, {"company_id": company.id, "zone": zone, **values})


# what a stage adds to the one before it (DOMAIN.md: "some fields become required")
STAGE_NEEDS: dict[str, Callable[[User], dict]] = {
    "negotiating": lambda by: {"owner": by.username, "likelihood": "high",
                               "estimated_land_date": date(2030, 1, 1)},
    "signed": lambda by: {"signed_on": date(2024, 1, 1)},
    "registered": lambda by: {"registered_on": date(2024, 1, 1),
                              "registered_capital": Money.parse("1000", "USD")},
}
PIPELINE = ("lead", "contacted", "negotiating", "signed", "registered", "construction",
            "operating")


def ready_for(stage: str, by: User | None = None) -> dict:
    """Every field a project needs before it may enter ``stage`` (a skipped stage's needs too):
    ``lead_project(**ready_for("registered"))`` is a lead that may move straight on."""
    by = by or boss()
    values = {}
    for step in PIPELINE[:PIPELINE.index(stage) + 1]:
        values |= _needs(step, by)
    return values


def _needs(stage: str, by: User) -> dict:
    return STAGE_NEEDS[stage](by) if stage in STAGE_NEEDS else {}


def _after(before: Callable[..., Project], stage: str) -> Callable[..., Project]:
    """The factory of ``stage``: what ``before`` makes, given what ``stage`` needs, moved on."""

    def make(company: Company | None = None, *, by: User | None = None, **values) -> Project:
        by = by or boss()
        return move(before(company, by=by, **(_needs(stage, by) | values)), stage, by=by)

    make.__name__ = make.__qualname__ = f"{stage}_project"
    make.__doc__ = f"A project moved on to ``{stage}`` from {before.__name__}."
    return make


contacted_project = _after(lead_project, "contacted")
negotiating_project = _after(contacted_project, "negotiating")
signed_project = _after(negotiating_project, "signed")
registered_project = _after(signed_project, "registered")
construction_project = _after(registered_project, "construction")
operating_project = _after(construction_project, "operating")

PROJECT_AT = {"lead": lead_project, "contacted": contacted_project,
              "negotiating": negotiating_project, "signed": signed_project,
              "registered": registered_project, "construction": construction_project,
              "operating": operating_project}


def move(record: Project | Talent, *stages: str, by: User | None = None, note: str = "",
         reason: str = "") -> Project | Talent:
    """Move a project or a talent through ``stages`` in turn (``move_stage``); a move to
    ``lost`` gets a reason when none is given."""
    service = talents if isinstance(record, Talent) else projects
    for stage in stages:
        why = reason or ("Went elsewhere" if stage == "lost" else "")
        service.move_stage(by or boss(), record, stage, note, why, record.version)
    return record


# -- talents and meetings ----------------------------------------------------------------------


def talent(zone: str = "jxetdz", *, by: User | None = None, **values) -> Talent:
    """A German research talent, ``Anna Schmidt``, at ``identified``."""
    values = {"name": "Anna Schmidt", "talent_type": "rnd", "nationality": "DE"} | values
    return talents.create_talent(by or boss(), {"zone": zone, **values})


def meeting(by: User | None = None, **values) -> Interaction:
    """A meeting (``create_interaction``); its zone comes from what it links to unless given."""
    values = {"subject": "Site visit", "occurred_on": date(2026, 3, 2)} | values
    return create_interaction(by or boss(), values)


# -- the past ----------------------------------------------------------------------------------


def verify(project: Project, by: User | None = None, note: str = "Licence seen") -> Project:
    """A manager's verification (核实) of a project that has reached registered."""
    return projects.verify_project(by or boss(), project, note)


def backdate(record: Project | Talent, *, created: datetime | None = None,
             moves: datetime | list[datetime] | None = None) -> None:
    """Set when ``record`` was made and when its moves happened: ``moves`` is one time per
    move, oldest first, or one time for all of them a minute apart."""
    model, history, key = (Talent, TalentStageChange, TalentStageChange.talent_id) \
        if isinstance(record, Talent) else (Project, StageChange, StageChange.project_id)
    if created is not None:
        db.session.execute(sa.update(model).where(model.id == record.id)
                           .values(created_at=created))
    if moves is not None:
        ids = db.session.scalars(sa.select(history.id).where(key == record.id)
                                 .order_by(history.id)).all()
        times = moves if isinstance(moves, list | tuple) else [
            moves + timedelta(minutes=i) for i in range(len(ids))]
        for change_id, when in zip(ids, times, strict=True):
            db.session.execute(sa.update(history).where(history.id == change_id)
                               .values(at=when))
    db.session.commit()
    db.session.expire(record)


def _count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))
