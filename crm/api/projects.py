from datetime import date

from flask_babel import gettext as _
from pydantic import Field

from ..access import scope
from ..codes import Criterion, Flag, Likelihood, ParkType, ProjectKind, Stage, TechLevel
from ..db import iso
from ..errors import Invalid
from ..i18n_codes import Literal_of
from ..money import Money, cents_to_decimal_string
from ..projects import services
from ..projects.models import MONEY_FIELDS, Project
from . import bp
from .core import (
    Body,
    PageQuery,
    operation,
    page_schema,
    paginate,
    require,
    require_user,
    values_of,
)
from .fields import MoneyField, Name, Note
from .schemas import HISTORY, PARTNER_PROJECT, PROJECT


def _money(project: Project, name: str) -> dict | None:
    money = Money.from_cents(getattr(project, f"{name}_cents"),
                             getattr(project, f"{name}_currency"))
    return money.as_json() if money else None


def project_json(project: Project, user) -> dict:
    """The project as the user may read it: partners get the public fields only."""
    if scope(user, "projects", "view") == "own":
        return {
            "id": project.id, "name_zh": project.name_zh, "name_en": project.name_en,
            "zone": project.zone_code, "kind": project.kind, "stage": project.stage,
            "total_investment": _money(project, "total_investment"),
            "public_summary": project.public_summary,
        }
    data = {
        "id": project.id,
        "name_zh": project.name_zh,
        "name_en": project.name_en,
        "company_id": project.company_id,
        "zone": project.zone_code,
        "park_id": project.park_id,
        "kind": project.kind,
        "stage": project.stage,
        "criteria": project.criteria,
        "tech_level": project.tech_level,
        "park_type": list(project.park_types or []),
        "total_investment_usd": cents_to_decimal_string(project.total_investment_usd_cents),
        "productive": project.productive,
        "two_high_one_low": project.two_high_one_low,
        "land_mu": project.land_mu,
        "likelihood": project.likelihood,
        "estimated_land_date": _day(project.estimated_land_date),
        "new_jobs": project.new_jobs,
        "competing_locations": list(project.competing_locations or []),
        "paid_in_on": _day(project.paid_in_on),
        "signed_on": _day(project.signed_on),
        "registered_on": _day(project.registered_on),
        "verified": {"by": project.verified_by.username if project.verified_by else None,
                     "at": iso(project.verified_at)} if project.verified_at else None,
        "owner": project.owner.username if project.owner else None,
        "public_summary": project.public_summary,
        "notes": project.notes,
        "flags": project.flags,
        "version": project.version,
        "created_at": iso(project.created_at),
        "updated_at": iso(project.updated_at),
    }
    for name in MONEY_FIELDS:
        data[name] = _money(project, name)
    return data


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


class ProjectFields(Body):
    name_zh: Name = ""
    name_en: Name = ""
    company_id: int | None = None
    zone: str | None = Field(None, max_length=16)
    park_id: int | None = None
    kind: Literal_of(ProjectKind) = ProjectKind.NEW.value
    criteria: list[Literal_of(Criterion)] = Field(default_factory=list, max_length=6)
    tech_level: Literal_of(TechLevel) | None = None
    park_type: list[Literal_of(ParkType)] = Field(default_factory=list, max_length=4)
    total_investment: MoneyField = None
    productive: bool = False
    two_high_one_low: bool = False
    land_mu: float | None = Field(None, ge=0, le=10_000_000)
    annual_output: MoneyField = None
    annual_tax: MoneyField = None
    likelihood: Literal_of(Likelihood) | None = None
    estimated_land_date: date | None = None
    new_jobs: int | None = Field(None, ge=0, le=10_000_000)
    competing_locations: list[Name] = Field(default_factory=list, max_length=50)
    paid_in: MoneyField = None
    paid_in_on: date | None = None
    signed_on: date | None = None
    registered_on: date | None = None
    registered_capital: MoneyField = None
    foreign_capital: MoneyField = None
    owner: str | None = Field(None, max_length=64)
    public_summary: Note = ""
    notes: Note = ""


class ProjectCreate(ProjectFields):
    company_id: int
    zone: str = Field(max_length=16)
    stage: Literal_of((Stage.LEAD.value,)) | None = None  # new projects start at lead


class ProjectChange(ProjectFields):
    version: int
    stage: Literal_of(Stage) | None = None  # accepted only when unchanged: use /stage
    # read-only fields a client may echo back from a GET; they are ignored
    id: int | None = None
    flags: dict | None = None
    total_investment_usd: str | None = None
    verified: dict | None = None
    created_at: str | None = None
    updated_at: str | None = None


class ProjectQuery(PageQuery):
    zone: str | None = Field(None, max_length=16)
    stage: Literal_of(Stage) | None = None
    kind: Literal_of(ProjectKind) | None = None
    criteria: Literal_of(Criterion) | None = None
    flag: Literal_of(Flag) | None = None
    country: str | None = Field(None, max_length=2)
    industry: str | None = Field(None, max_length=200)
    owner: str | None = Field(None, max_length=64)
    company_id: int | None = None
    q: str | None = Field(None, max_length=200)
    sort: Literal_of(tuple(services.SORTS)) | None = None


class StageMove(Body):
    stage: Literal_of(Stage)
    note: Note = ""
    reason: Note = ""
    version: int | None = None


READ_ONLY = {"id", "flags", "total_investment_usd", "verified", "created_at", "updated_at"}


@operation(bp, "/projects", "GET", summary="List projects", tag="projects", query=ProjectQuery,
           response=page_schema({"anyOf": [PROJECT, PARTNER_PROJECT]}), paginated=True)
def list_projects(query: ProjectQuery):
    user = require_user()
    filters = query.model_dump(exclude={"page", "per_page"})
    statement = services.with_relations(services.project_query(user, filters))
    return paginate(statement, query, lambda rows: [project_json(p, user) for p in rows])


@operation(bp, "/projects", "POST", summary="Create a project (it starts at lead)",
           tag="projects", body=ProjectCreate, response=PROJECT, status=201, errors=(403,),
           permission=("projects", "create"))
def create_project(body: ProjectCreate):
    user = require_user()
    values = values_of(body, exclude={"stage"})
    project = services.create_project(user, values)
    return project_json(project, user), 201


@operation(bp, "/projects/<int:project_id>", "GET", summary="Read a project", tag="projects",
           response={"anyOf": [PROJECT, PARTNER_PROJECT]}, errors=(404,))
def get_project(project_id: int):
    user = require_user()
    return project_json(services.get_project(user, project_id), user)


@operation(bp, "/projects/<int:project_id>", "PATCH",
           summary="Change a project; send the version you read", tag="projects",
           body=ProjectChange, response=PROJECT, errors=(403, 404, 409),
           permission=("projects", "edit"))
def change_project(project_id: int, body: ProjectChange):
    user = require_user()
    project = services.get_project(user, project_id)
    values = values_of(body, exclude_unset=True, exclude=READ_ONLY)
    version = values.pop("version")
    stage = values.pop("stage", None)
    if stage is not None and stage != project.stage:
        raise Invalid({"stage": [_("Change the stage with POST /api/v1/projects/{id}/stage.")]})
    for name in ("kind", "criteria", "park_type", "competing_locations", "productive",
                 "two_high_one_low", "name_zh", "name_en", "public_summary", "notes",
                 "company_id", "zone"):
        if name in values and values[name] is None:
            raise Invalid({name: [_("This field cannot be empty.")]})
    return project_json(services.update_project(user, project, version, values), user)


@operation(bp, "/projects/<int:project_id>", "DELETE", summary="Delete a project (to the bin)",
           tag="projects", status=204, errors=(403, 404),
           permission=("projects", "delete"))
def delete_project(project_id: int):
    user = require_user()
    services.delete_project(user, services.get_project(user, project_id))
    return "", 204


@operation(bp, "/projects/<int:project_id>/stage", "POST",
           summary="Move a project to a stage; stages may be skipped", tag="projects",
           body=StageMove, response=PROJECT, errors=(403, 404, 409),
           permission=("projects", "stage"))
def move_stage(project_id: int, body: StageMove):
    user = require_user()
    project = services.get_project(user, project_id)
    services.move_stage(user, project, body.stage, body.note, body.reason, body.version)
    return project_json(project, user)


class Verification(Body):
    note: Note = ""


@operation(bp, "/projects/<int:project_id>/verify", "POST",
           summary="Verify a registered-or-later project (manager, admin); a later change of "
           "stage or amount clears it", tag="projects", body=Verification, response=PROJECT,
           errors=(403, 404), body_optional=True,
           permission=("projects", "verify"))
def verify_project(project_id: int, body: Verification):
    user = require_user()
    project = services.get_project(user, project_id)
    return project_json(services.verify_project(user, project, body.note), user)


@operation(bp, "/projects/<int:project_id>/history", "GET",
           summary="The project's stage history, oldest first", tag="projects",
           response=HISTORY, errors=(404,))
def project_history(project_id: int):
    user = require_user()
    project = services.get_project(user, project_id)
    require(scope(user, "projects", "view") != "own")  # not a public field
    return [
        {"from": change.from_stage, "to": change.to_stage, "at": iso(change.at),
         "by": change.by.username if change.by else None, "note": change.note,
         "reason": change.reason}
        for change in services.history(project)
    ]
