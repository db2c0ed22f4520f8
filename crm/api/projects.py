from typing import Any

from flask_babel import gettext as _
from pydantic import Field

from .. import codes
from ..access import allowed, can
from ..codes import Criterion, Flag, Industry, ProjectKind, Stage
from ..errors import Invalid
from ..i18n_codes import Literal_of
from ..projects import services
from ..projects.fields import PROJECT
from ..projects.models import Project
from . import bp
from .core import (
    Body,
    PageQuery,
    only_public_filters,
    operation,
    page_schema,
    paginate,
    require,
    require_user,
    values_of,
)
from .fields import Note, history_json, history_schema, in_request_language, stage_move


def project_json(project: Project, user) -> dict:
    """The project as the user may read it: partners get the public fields only."""
    return PROJECT.as_read_by(project, user)


# read-only fields a client may echo back from a GET are accepted and ignored
_SENT = {"version", "stage"}  # read-only, yet what a PATCH sends them for matters
_ECHOED = {name: (Any, None) for name in PROJECT.read_only - _SENT}
# public_summary: written in the request's language (``in_request_language``)
_IN_LANGUAGE = {"public_summary": (Note | None, None)}
ProjectCreate = PROJECT.body(Body, "Create", creating=True, extra={
    # new projects start at lead
    "stage": (Literal_of((Stage.LEAD.value,)) | None, None), **_IN_LANGUAGE})
ProjectChange = PROJECT.body(Body, "Change", extra={
    "version": (int, ...),
    # accepted only when unchanged: a move goes through /stage
    "stage": (Literal_of(Stage) | None, None), **_ECHOED, **_IN_LANGUAGE})
PROJECT_SCHEMA = PROJECT.response_schema()
PROJECT_ANSWER = PROJECT.either_view()  # a partner reads the public view


class ProjectQuery(PageQuery):
    zone: str | None = Field(None, max_length=16)
    stage: Literal_of(Stage) | None = None
    kind: Literal_of(ProjectKind) | None = None
    criteria: Literal_of(Criterion) | None = None
    flag: Literal_of(Flag) | None = None
    warning: Literal_of(codes.Warning) | None = None
    country: str | None = Field(None, max_length=2)
    industry: Literal_of(Industry) | None = None
    owner: str | None = Field(None, max_length=64)
    company_id: int | None = None
    q: str | None = Field(None, max_length=200)
    sort: Literal_of(tuple(services.SORTS)) | None = None


StageMove = stage_move(Stage)


@operation(bp, "/projects", "GET", summary="List projects", tag="projects", query=ProjectQuery,
           response=page_schema(PROJECT_ANSWER), paginated=True)
def list_projects(query: ProjectQuery):
    user = require_user()
    only_public_filters(user, "projects", query)
    filters = query.model_dump(exclude={"page", "per_page"})
    statement = services.with_relations(services.project_query(user, filters))
    return paginate(statement, query, lambda rows: rows_json(rows, user))


def rows_json(rows, user) -> list[dict]:
    """A page of projects, their warnings read in one statement (none for partners)."""
    from ..projects import warnings

    if allowed(user, "projects", "internal"):
        warnings.attach(rows)
    return [project_json(p, user) for p in rows]


@operation(bp, "/projects", "POST", summary="Create a project (it starts at lead)",
           tag="projects", body=ProjectCreate, response=PROJECT_SCHEMA, status=201, errors=(403,),
           permission=("projects", "create"))
def create_project(body: ProjectCreate):
    user = require_user()
    values = in_request_language(body, values_of(body, exclude={"stage"}), "public_summary")
    project = services.create_project(user, values)
    return project_json(project, user), 201


@operation(bp, "/projects/<int:project_id>", "GET", summary="Read a project", tag="projects",
           response=PROJECT_ANSWER, errors=(404,))
def get_project(project_id: int):
    user = require_user()
    return project_json(services.get_project(user, project_id), user)


@operation(bp, "/projects/<int:project_id>", "PATCH",
           summary="Change a project; send the version you read", tag="projects",
           body=ProjectChange, response=PROJECT_SCHEMA, errors=(403, 404, 409),
           permission=("projects", "edit"))
def change_project(project_id: int, body: ProjectChange):
    user = require_user()
    project = services.get_project(user, project_id)
    values = PROJECT.sent(in_request_language(
        body, values_of(body, exclude_unset=True, exclude=PROJECT.read_only - _SENT),
        "public_summary"))
    version = values.pop("version")
    stage = values.pop("stage", None)
    if stage is not None and stage != project.stage:
        raise Invalid({"stage": [_("Change the stage with POST /api/v1/projects/{id}/stage.")]})
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
           body=StageMove, response=PROJECT_SCHEMA, errors=(403, 404, 409),
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
           "stage or amount clears it", tag="projects", body=Verification, response=PROJECT_SCHEMA,
           errors=(403, 404), body_optional=True,
           permission=("projects", "verify"))
def verify_project(project_id: int, body: Verification):
    user = require_user()
    project = services.get_project(user, project_id)
    return project_json(services.verify_project(user, project, body.note), user)


@operation(bp, "/projects/<int:project_id>/history", "GET",
           summary="The project's stage history, oldest first", tag="projects",
           response=history_schema(Stage), errors=(404,))
def project_history(project_id: int):
    user = require_user()
    project = services.get_project(user, project_id)
    require(can(user, "internal", project))  # not a public field
    return history_json(services.history(project))
