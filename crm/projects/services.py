"""Projects: the one place that validates, writes and moves them through the pipeline."""

from functools import partial

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import joinedload, selectinload

from .. import clock, stages
from ..access import can, can_in_zone, get_record, require_current, visible
from ..codes import Criterion, Flag, ParkType, ProjectKind, Stage
from ..companies.models import Company
from ..counts import counted
from ..db import db, utcnow
from ..errors import Forbidden, Invalid
from ..money import Money, NoRate
from ..pagination import KEYS_FIRST
from ..records import MONEY
from ..search import matches
from ..text import search_text
from ..writes import adding
from ..zones.models import Park, Zone
from . import expansion, milestones, rules
from .fields import PROJECT, VERIFIED_FIELDS
from .models import Project, ProjectCriterion, StageChange

# -- reading -----------------------------------------------------------------------------------


def get_project(user, project_id: int, action: str = "view") -> Project:
    """The project, or 404 when missing or hidden from the user; 403 when they may see it but
    not do ``action``."""
    from . import warnings
    from .evidence import Evidence

    # one statement brings it with its criteria, milestones and links (a few rows each,
    # joined); to be shown (its page, the API's read), with its evidence files and warnings
    # too, read afresh so that they are of now (a change, as an import's row, reads neither)
    shown = action == "view"
    extra = (warnings.loaded(), joinedload(Project.evidence).joinedload(Evidence.by))
    project = get_record(user, Project, project_id, action, fresh=shown, options=(
        *relations(single=True), *expansion.loaded(), *(extra if shown else ())))
    if shown:
        warnings.attach([project])
    return project


def project_query(user, filters: dict | None = None) -> sa.Select:
    """The projects the user may see, filtered (API.md list filters and the page's extras)."""
    filters = {k: v for k, v in (filters or {}).items() if v not in (None, "", [])}
    statement = sa.select(Project).where(visible(user, Project))
    if "zone" in filters:
        statement = statement.where(Project.zone_code == filters["zone"])
    if "stage" in filters:
        statement = statement.where(Project.stage == filters["stage"])
    if "kind" in filters:
        statement = statement.where(Project.kind == filters["kind"])
    if "criteria" in filters:
        for code in _as_list(filters["criteria"]):
            statement = statement.where(
                Project.id.in_(sa.select(ProjectCriterion.project_id).where(
                    ProjectCriterion.criterion == code))
            )
    for flag in _as_list(filters.get("flag", [])):
        statement = statement.where(Project.flag(flag) if flag in Flag.codes() else sa.false())
    if "country" in filters or "industry" in filters:
        companies = sa.select(Company.id)
        if "country" in filters:
            companies = companies.where(Company.country == str(filters["country"]).upper())
        if "industry" in filters:
            companies = companies.where(Company.industry == filters["industry"])
        statement = statement.where(Project.company_id.in_(companies))
    if "warning" in filters:
        from . import warnings

        statement = statement.where(warnings.condition(filters["warning"]))
    if "owner" in filters:
        from ..auth.models import User

        statement = statement.where(
            Project.owner_id.in_(sa.select(User.id).where(User.username == filters["owner"])))
    if "company_id" in filters:
        statement = statement.where(Project.company_id == filters["company_id"])
    if "q" in filters:
        statement = statement.where(matches(Project, str(filters["q"])))
    if not filters.keys() - {"zone", "sort"}:
        statement = counted(statement, user, Project, filters.get("zone"))
    return statement.order_by(*sort_order(filters.get("sort")))


SORTS = {
    "updated": (Project.updated_at.desc(), Project.id.desc()),
    "created": (Project.created_at.desc(), Project.id.desc()),
    "name": (Project.name_zh, Project.name_en, Project.id),
    "investment": (Project.total_investment_usd_cents.desc().nulls_last(), Project.id.desc()),
    "stage": (Project.reached_order.desc(), Project.id.desc()),
    "land_date": (Project.estimated_land_date.asc().nulls_last(), Project.id),
}


def sort_order(key: str | None):
    return SORTS.get(key or "updated", SORTS["updated"])


def _as_list(value) -> list[str]:
    if isinstance(value, list | tuple):
        return [str(v) for v in value]
    return [v for v in str(value).split(",") if v]


def relations(*, single: bool = False) -> tuple:
    """What a list row or a project's page shows, loaded with it (no query per row). A list's
    rows: their criteria, milestones' days, paid-in sums and warnings as columns of its own
    statement (``listed``). ``single``: one project, its park (its page names it), criteria
    and milestones (a few rows each) joined to its own statement; its payments, which may be
    many, by themselves."""
    from . import listed

    joined = (joinedload(Project.company), joinedload(Project.zone), joinedload(Project.owner),
              joinedload(Project.verified_by))
    if not single:
        return (*joined, *listed.options())
    return (*joined, joinedload(Project.park), joinedload(Project.criteria_rows),
            joinedload(Project.milestone_rows), selectinload(Project.payments))


def with_relations(statement: sa.Select) -> sa.Select:
    """Load what a list row shows in a fixed number of queries (no query per row), a page's
    rows by their keys (its columns computed for those alone: ``pagination.KEYS_FIRST``)."""
    return statement.options(*relations()).execution_options(**{KEYS_FIRST: True})


def board(user, stages: list[str], limit: int) -> tuple[dict[str, int], dict[str, list]]:
    """The board's columns in a fixed number of queries, whatever the number of stages: how
    many projects each stage holds, and its first ``limit`` cards in the list's own order
    (latest change first: the column is the top of the list its "more" link opens, and the
    index of each stage in that order serves it) by one UNION ALL of a LIMIT per stage, so
    no column loads more than it shows."""
    from ..reports.funnel import stage_counts  # the reports package imports this one

    # how many a stage holds: the funnel's counts (its rollup, a few rows, when it holds what
    # the user may see; counting 100,000 projects by stage took 25 ms on SQLite)
    counts: dict[str, int] = {}
    for row in stage_counts(user, {}):  # (reached order, stage, projects, …)
        counts[row.stage] = counts.get(row.stage, 0) + int(row[2] or 0)
    seen = visible(user, Project)
    newest = sort_order(None)
    firsts = db.session.scalars(sa.union_all(*(
        sa.select(Project.id).where(seen, Project.stage == stage).order_by(*newest)
        .limit(limit).subquery().select() for stage in stages))).all()
    cards: dict[str, list] = {}
    # the cards by their ids, known to be few (planned with the union inside, PostgreSQL
    # hashed each warning's rows of every project for them: 15 ms)
    for project in db.session.scalars(with_relations(
            sa.select(Project).where(Project.id.in_(firsts)).order_by(*newest))
    ).unique():
        cards.setdefault(project.stage, []).append(project)
    return counts, cards


def history(project: Project) -> list[StageChange]:
    return db.session.scalars(
        sa.select(StageChange).options(joinedload(StageChange.by))
        .where(StageChange.project_id == project.id).order_by(StageChange.at, StageChange.id)
    ).all()


# -- writing -----------------------------------------------------------------------------------


def create_project(user, values: dict) -> Project:
    """A new project at ``lead``, written whole or not at all."""
    _refuse_unknown(values)
    values = {f.name: d for f in PROJECT.writable() if (d := f.default()) is not None} | values
    errors = {f.name: [_("This field is required.")] for f in PROJECT.writable()
              if f.required and values.get(f.name) in (None, "")}
    if errors:
        raise Invalid(errors)
    _may_place(user, values["zone"], _l("You may add projects only to your own zones."))
    project = Project(stage=Stage.LEAD, reached_order=Stage.LEAD.order, created_by_id=user.id,
                      stage_changed_at=utcnow())
    # in the session before its company and criteria are set, so that adding it does not walk
    # all that they reach (the company's, the zone's records: a sixth of an import's row);
    # not flushed half made, and out again if a value is refused. An import's new project
    # stays outside the session instead, written by statement with its batch (writes.adding)
    with db.session.no_autoflush, adding(db.session, project):
        _apply(user, project, values, creating=True)
    db.session.commit()
    return project


def update_project(user, project: Project, version: int | None, values: dict) -> Project:
    """Change the fields given that differ from the record's; only they are checked
    (STYLE.md), and a stale version is 409."""
    require_current(user, project, version)
    _refuse_unknown(values)
    values = PROJECT.changes(project, values)
    if "zone" in values:
        _may_place(user, values["zone"], _l("You may move projects only into your own zones."))
    with db.session.no_autoflush:  # one UPDATE, so one version step, per change
        _apply(user, project, values, creating=False)
    db.session.commit()
    return project


def _refuse_unknown(values: dict) -> None:
    unknown = PROJECT.unknown(values)
    if unknown:
        raise Invalid(unknown)


def _may_place(user, zone: str | None, refusal) -> None:
    """May the user put a project in ``zone``? Invalid for a zone that does not exist.
    ``refusal`` is lazy: translated only when raised, in the reader's language."""
    if not can_in_zone(user, "create", "projects", zone):
        if not zone or db.session.get(Zone, zone) is None:
            raise Invalid({"zone": [_("No such zone.")]})
        raise Forbidden(str(refusal))


def _apply(user, project: Project, values: dict, *, creating: bool) -> None:
    """Validate ``values`` against the project and set them; raises Invalid, writes nothing."""
    errors = PROJECT.check(values)

    def error(name: str, message: str) -> None:
        errors.setdefault(name, []).append(message)

    merged = {"zone": project.zone_code, "kind": project.kind,
              "park_type": project.park_types or [], "park_id": project.park_id,
              "company_id": project.company_id, "expands_id": project.expands_id} | values

    if creating or "name_zh" in values or "name_en" in values:
        name_zh = values.get("name_zh", project.name_zh) or ""
        name_en = values.get("name_en", project.name_en) or ""
        if not (name_zh.strip() or name_en.strip()):
            error("name_zh", _("Give the name in Chinese or in English."))

    company = None
    if "company_id" in values:
        company = db.session.get(Company, values["company_id"]) if values["company_id"] else None
        if company is None or not can(user, "view", company):
            error("company_id", _("No such company."))
    if "zone" in values and (not values["zone"] or db.session.get(Zone, values["zone"]) is None):
        error("zone", _("No such zone."))
    if ("park_id" in values or "zone" in values) and merged["park_id"] is not None:
        park = db.session.get(Park, merged["park_id"])
        if park is None:
            error("park_id", _("No such park."))
        elif park.zone_code != merged["zone"]:
            error("park_id", _("This park is in another zone."))
    if "kind" in values and values["kind"] not in ProjectKind.codes():
        error("kind", _("Unknown kind."))
    if "criteria" in values:
        bad = set(values["criteria"] or []) - set(Criterion.codes())
        if bad:
            error("criteria", _("Unknown criteria: %(codes)s", codes=", ".join(sorted(bad))))
    if "park_type" in values:
        bad = set(values["park_type"] or []) - set(ParkType.codes())
        if bad:
            error("park_type", _("Unknown park types: %(codes)s", codes=", ".join(sorted(bad))))
    if ("park_type" in values or "kind" in values) and merged.get("park_type") and (
        merged["kind"] != ProjectKind.PARK_COOPERATION
    ):
        error("park_type", _("Park types are for international park cooperation projects."))

    if "company_id" not in errors and "kind" not in errors:
        reason = expansion.problem(user, project, values, merged)
        if reason:
            error("expands_id", reason)

    owner = None
    if values.get("owner"):
        from ..auth.services import officers_named

        owner = officers_named([values["owner"]]).get(values["owner"])
        if owner is None:
            error("owner", _("No such officer."))

    for name in milestones.AS_FIELDS:
        reason = milestones.future_actual(values.get(name))
        if reason:
            error(name, reason)

    if not creating:  # an edit keeps what the project's stage requires (DOMAIN.md)
        for name in rules.required_at(project.stage):
            if name in values and values[name] in (None, ""):
                error(name, _("%(stage)s needs this field first.",
                              stage=str(Stage(project.stage).label)))
    if values.get("two_high_one_low") and not creating:
        reason = rules.forbidden_reason(True, project.stage)
        if reason:
            error("two_high_one_low", reason)

    amounts = _in_usd(values, error)
    if errors:
        raise Invalid(errors)

    # all checked: now write
    PROJECT.assign(project, values | amounts, skip=("criteria", "owner"))
    if "criteria" in values:
        wanted = set(values["criteria"] or [])
        kept = [row for row in project.criteria_rows if row.criterion in wanted]
        if len(kept) < len(project.criteria_rows):  # (a new list only when one goes)
            project.criteria_rows = kept
        have = {row.criterion for row in project.criteria_rows}
        for code in Criterion.codes():
            if code in wanted and code not in have:
                project.criteria_rows.append(ProjectCriterion(criterion=code))
    if "owner" in values:
        project.owner = owner
    if company is not None:
        project.company = company
    if "name_zh" in values or "name_en" in values or creating:
        project.search_text = search_text(project.name_zh, project.name_en)
    if not creating and set(values) & set(VERIFIED_FIELDS):
        _clear_verification(project)


def _in_usd(values: dict, error) -> dict[str, Money | None]:
    """The amounts among ``values`` with their US-dollar value at today's rate."""
    today = clock.today()
    amounts = {}
    for name in PROJECT.names(MONEY):
        money = values.get(name)
        if money is None:
            if name in values:
                amounts[name] = None
            continue
        try:
            amounts[name] = money.in_usd(today)
        except NoRate:
            error(name, _("No exchange rate for %(currency)s is in force on %(day)s; an "
                          "administrator must add one first.",
                          currency=money.currency, day=today.isoformat()))
        except ValueError:
            error(name, _("This amount is too large in US dollars."))
    return amounts


def _clear_verification(project: Project) -> None:
    project.verified_by_id = None
    project.verified_at = None
    project.verified_note = ""


def move_stage(user, project: Project, target: str, note: str = "", reason: str = "",
               version: int | None = None) -> Project:
    """Move a project to ``target`` (skipping stages is allowed); history records the move."""
    stages.move(user, project, target, note, reason, version, stages=Stage,
                history=partial(StageChange, project_id=project.id),
                already=_l("The project is already at this stage."),
                lost=_l("Say why the project was lost."),
                check=partial(_may_enter, project),
                reached=partial(milestones.reached, project))
    _clear_verification(project)
    db.session.commit()
    return project


def _may_enter(project: Project, target: str) -> None:
    """The plan's rules for projects: 两高一低 ones stop before signing, and a stage needs its
    fields first."""
    forbidden = rules.forbidden_reason(project.two_high_one_low, target)
    if forbidden:
        raise Invalid({"stage": [forbidden]}, message=forbidden, code="forbidden_stage")
    missing = rules.missing_fields(project, target)
    if missing:
        needs = _("%(stage)s needs this field first.", stage=str(Stage(target).label))
        raise Invalid({name: [needs] for name in missing},
                      message=_("Fill in what this stage needs first."), code="missing_fields")


def verify_project(user, project: Project, note: str = "") -> Project:
    """A manager's check (核实) of a registered-or-later project, e.g. against its licence."""
    if not can(user, "verify", project):
        raise Forbidden()
    if not project.verifiable:
        raise Invalid({"stage": [_("Only registered projects and later ones are verified.")]})
    note = (note or "").strip()
    if len(note) > stages.NOTE_LIMIT:
        raise Invalid({"note": [_("At most %(n)d characters.", n=stages.NOTE_LIMIT)]})
    project.verified_by_id = user.id
    project.verified_at = utcnow()
    project.verified_note = note
    db.session.commit()
    return project


def delete_project(user, project: Project) -> None:
    from ..audit.services import to_bin

    to_bin(user, project)


# -- summaries ---------------------------------------------------------------------------------


def dashboard_summary(user) -> dict:
    """A few counts for the start page over what the user may see: the funnel's counts by
    stage (read from the rollups), added up."""
    from ..reports.common import counts_officially  # the reports import this package
    from ..reports.funnel import stage_counts

    by_stage: dict[str, int] = {}
    unverified: dict[str, int] = {}
    total = mega = 0
    for _order, stage, n, _cents, pending, flagged in stage_counts(user, {}):
        # a stage of registered and later counts its verified projects, the others beside
        into = by_stage if counts_officially(Stage(stage), pending) else unverified
        into[stage] = into.get(stage, 0) + int(n or 0)
        total += int(n or 0)
        mega += int(flagged or 0)
    active = total - sum(by_stage.get(s, 0) for s in (Stage.LOST, Stage.ON_HOLD))
    return {"total": total, "mega": mega, "active": active,
            "by_stage": {stage: n for stage, n in by_stage.items() if n},
            "unverified": {stage: n for stage, n in unverified.items() if n}}
