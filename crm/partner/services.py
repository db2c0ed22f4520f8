"""What a partner may read of a project: its public fields, never notes, owner or flags."""

from sqlalchemy.orm import joinedload

from ..pagination import Page, paginate
from ..projects import services as projects
from ..projects.fields import PROJECT
from ..projects.models import Project

LIST_ORDER = {"sort": "name"}  # a partner's list of their projects, and its export


def public_fields(project: Project) -> dict:
    """Only the fields declared public; templates get this dict, never the project itself
    (and the zone and name to show, not codes)."""
    return {f.name: f.value_of(project) for f in PROJECT.fields if f.public} | {
        "name": project.name, "zone": project.zone}


def partner_projects(user, page: int, per_page: int) -> Page:
    """One page of the projects of the companies linked to the partner, as public fields."""
    statement = projects.project_query(user, LIST_ORDER).options(joinedload(Project.zone))
    return paginate(statement, page, per_page).map(public_fields)


def partner_project(user, project_id: int) -> tuple[dict, dict]:
    """A project's public fields and who to contact about it; 404 for another's project."""
    project = projects.get_project(user, project_id)
    return public_fields(project), officer_contact(project)


def officer_contact(project: Project) -> dict:
    """The project's officer (its owner), or the zone's contact when it has no owner."""
    owner = project.owner
    if owner is not None and owner.active:
        return {"name": owner.label, "email": owner.email, "phone": ""}
    zone = project.zone
    return {"name": zone.contact_name, "email": zone.contact_email, "phone": zone.contact_phone}
