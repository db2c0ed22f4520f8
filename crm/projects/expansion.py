"""增资扩产: an ``expansion`` project links the project it expands (``expands_id``). Its own
amount is the added investment only, so the reports, which count each project by its own
amount once, never count the company's earlier capital twice (DOMAIN.md, 不重复统计)."""

from flask_babel import gettext as _
from sqlalchemy.orm import joinedload

from ..access import can
from ..codes import ProjectKind
from ..db import db
from .models import Project

# how far a chain of expansions is followed when looking for a loop
CHAIN_LIMIT = 100


def problem(user, project: Project, values: dict, merged: dict) -> str | None:
    """Why ``values`` may not set or keep the project's link (None when fine): only an
    expansion links, to a project of the same company that the user may see, not itself, and
    not to one that (through its own links) expands this project."""
    if not {"expands_id", "kind", "company_id"} & set(values):
        return None
    target_id = merged.get("expands_id")
    if target_id is None:
        return None
    if merged.get("kind") != ProjectKind.EXPANSION:
        return _("Only a capital increase and expansion links the project it "
                 "expands.")
    if project.id is not None and target_id == project.id:
        return _("A project cannot expand itself.")
    # an id beyond the column's range names no project (PostgreSQL would refuse to look)
    target = db.session.get(Project, target_id) if 0 < target_id < 2**31 else None
    if target is None or target.deleted_at is not None or not can(user, "view", target):
        return _("No such project.")
    if target.company_id != merged.get("company_id"):
        return _("The project it expands must be of the same company.")
    if project.id is not None and _leads_to(target, project.id):
        return _("That project already expands this one, through its own links.")
    return None


def _leads_to(start: Project, project_id: int) -> bool:
    current, seen = start, 0
    while current is not None and current.expands_id is not None and seen < CHAIN_LIMIT:
        if current.expands_id == project_id:
            return True
        current, seen = db.session.get(Project, current.expands_id), seen + 1
    return False


def expansions_of(user, project: Project) -> list[Project]:
    """The live expansions of ``project`` that the user may see, oldest first (loaded with
    the project by ``services.get_project``: no statement of their own)."""
    return [e for e in project.expansions if e.deleted_at is None and can(user, "view", e)]


def loaded() -> tuple:
    """The loader options that bring a project's link and its expansions with it (joined to
    its own statement)."""
    return joinedload(Project.expands), joinedload(Project.expansions)


def expanded(user, project: Project) -> Project | None:
    """The project ``project`` expands, when there is one the user may see."""
    if project.expands_id is None:
        return None
    target = project.expands
    if target is None or target.deleted_at is not None or not can(user, "view", target):
        return None
    return target
