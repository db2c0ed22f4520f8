"""A project's milestones, /projects/{id}/milestones (API.md "After signing")."""

from datetime import date

from pydantic import Field

from .. import jsonschema as s
from ..access import can
from ..codes import MilestoneCode
from ..i18n_codes import Literal_of
from ..projects import milestones, services
from . import bp
from .core import Body, operation, require, require_user

MILESTONES_SCHEMA = s.array(s.obj({"code": s.enum(MilestoneCode),
                                   "planned_on": s.nullable(s.DATE),
                                   "actual_on": s.nullable(s.DATE)}))


class MilestoneDates(Body):
    code: Literal_of(MilestoneCode)
    planned_on: date | None = None
    actual_on: date | None = None


class MilestonesPut(Body):
    version: int
    milestones: list[MilestoneDates] = Field(..., max_length=len(MilestoneCode.codes()))


def _project(project_id: int, action: str = "view"):
    user = require_user()
    project = services.get_project(user, project_id, action)
    require(can(user, "internal", project))  # partners neither read nor set them
    return user, project


@operation(bp, "/projects/<int:project_id>/milestones", "GET",
           summary="A project's milestones in order, each with its planned and actual day",
           tag="projects", response=MILESTONES_SCHEMA, errors=(403, 404))
def get_milestones(project_id: int):
    _user, project = _project(project_id)
    return milestones.as_json(project)


@operation(bp, "/projects/<int:project_id>/milestones", "PUT",
           summary="Set a project's milestone days (an actual day may not be in the future); "
           "send the project's version", tag="projects", body=MilestonesPut,
           response=MILESTONES_SCHEMA, errors=(404, 409), permission=("projects", "edit"))
def put_milestones(project_id: int, body: MilestonesPut):
    user, project = _project(project_id, "edit")
    milestones.set_dates(user, project, body.version,
                         [entry.model_dump() for entry in body.milestones])
    return milestones.as_json(project)
