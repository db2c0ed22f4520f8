"""Meetings and their follow-ups: validation, links, and what is due."""

from datetime import date
from functools import lru_cache

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import joinedload, selectinload, undefer

from .. import clock
from ..access import (
    can,
    can_in_zone,
    for_each_role,
    get_record,
    require,
    require_current,
    visible,
)
from ..codes import InteractionKind
from ..counts import counted
from ..db import db, held, hold, utcnow
from ..errors import Forbidden, Invalid
from ..text import like_pattern
from . import listed
from .fields import INTERACTION, LINKED
from .models import FollowUp, Interaction

LINKS = (*LINKED, "attendees")  # the links, each set from the records or people it names


def get_interaction(user, interaction_id: int, action: str = "view") -> Interaction:
    return get_record(user, Interaction, interaction_id, action)


def interaction_query(user, filters: dict | None = None) -> sa.Select:
    from .models import interaction_company, interaction_project, interaction_talent

    filters = {k: v for k, v in (filters or {}).items() if v not in (None, "")}
    statement = sa.select(Interaction).where(visible(user, Interaction))
    if "kind" in filters:
        statement = statement.where(Interaction.kind == filters["kind"])
    if "zone" in filters:
        statement = statement.where(Interaction.zone_code == filters["zone"])
    for name, table in (("company_id", interaction_company), ("project_id", interaction_project),
                        ("talent_id", interaction_talent)):
        if name in filters:
            statement = statement.where(Interaction.id.in_(
                sa.select(table.c.interaction_id).where(table.c[name] == filters[name])))
    if "since" in filters:
        statement = statement.where(Interaction.occurred_on >= filters["since"])
    if "until" in filters:
        statement = statement.where(Interaction.occurred_on <= filters["until"])
    if "q" in filters:
        pattern = like_pattern(str(filters["q"]))
        statement = statement.where(sa.or_(
            sa.func.lower(Interaction.subject).like(pattern, escape="\\"),
            sa.func.lower(Interaction.location).like(pattern, escape="\\")))
    if not filters.keys() - {"zone"}:
        statement = counted(statement, user, Interaction, filters.get("zone"))
    return statement.order_by(Interaction.occurred_on.desc(), Interaction.id.desc())


LOADED = ("companies", "projects", "talents", "contacts", "attendees", "follow_ups")
# what a list of meetings shows, and a record's timeline: the number of open follow-ups only
LISTED = ("companies", "projects", "talents", "open_follow_ups")
TIMELINE = ("contacts", "attendees", "open_follow_ups")


def with_relations(statement: sa.Select, shown: tuple[str, ...] = LOADED) -> sa.Select:
    """Load with the meetings what a view of them reads (``shown``: collections, one
    statement each whatever the number of meetings, and ``open_follow_ups``, a number read
    with the meetings): all the collections for one meeting or the API."""
    from ..companies.models import Contact

    options = [selectinload(getattr(Interaction, name)) for name in shown
               if name not in ("follow_ups", "open_follow_ups", "contacts")]
    if "contacts" in shown:  # with their company: who may see a contact depends on it
        options.append(selectinload(Interaction.contacts).joinedload(Contact.company))
    if "follow_ups" in shown:
        options.append(selectinload(Interaction.follow_ups).joinedload(FollowUp.owner))
    if "open_follow_ups" in shown:
        options.append(undefer(Interaction.open_follow_ups))
    return statement.options(*options, joinedload(Interaction.logged_by))


def seen(user, linked) -> bool:
    """May ``user`` see this record that a meeting links to? A contact is seen with its
    company's internal fields (API.md); a record in the bin by no one. The one rule for what a
    meeting shows of its links (pages and API) and for what an edit leaves as it is."""
    from ..companies.contacts import may_see
    from ..companies.models import Contact

    if isinstance(linked, Contact):
        return may_see(user, linked)
    return can(user, "view", linked)


def links_seen_by(user, record: Interaction, *, listed_for_user: bool = False
                  ) -> dict[str, list[int]]:
    """The ids of each kind of link that ``user`` may see, under the API's names, in
    ascending order: from the rows, or (``listed_for_user``: the user's own list read the
    record) as that list read them (``listed``)."""
    found = {name: listed.read(record, name) if listed_for_user else None for name in LINKED}
    return {name: ids if ids is not None else sorted(
        linked.id for linked in getattr(record, LINKED[name]) if seen(user, linked))
        for name, ids in found.items()}


def _linked(user, record: Interaction, model, name: str, values: dict, errors) -> list | None:
    """The records a link field holds after this change (None: not sent): those sent, each
    one the user may see (any other id is a 422 on the field, as if it did not exist), and
    those already linked that the user cannot see, which no one can take off who cannot see
    them (another zone's project, a company in the bin)."""
    if name not in values:
        return None
    ids = list(dict.fromkeys(values.get(name) or []))
    rows = db.session.scalars(sa.select(model).where(model.id.in_(ids))).all() if ids else []
    by_id = {row.id: row for row in rows if seen(user, row)}
    missing = [i for i in ids if i not in by_id]
    if missing:
        errors.setdefault(name, []).append(
            _("No such record: %(ids)s", ids=", ".join(map(str, missing))))
    kept = [linked for linked in getattr(record, LINKED[name]) if not seen(user, linked)]
    return [by_id[i] for i in ids if i in by_id] + kept


def _contacts(user, record: Interaction, values: dict, companies: list | None, errors):
    """The contacts after this change: live people of the meeting's companies as they will be
    (422 on ``contact_ids`` otherwise, for those sent and for those a change of companies
    would leave behind); a contact the user cannot see stays while its company does."""
    from ..companies.models import Contact

    contacts = _linked(user, record, Contact, "contact_ids", values, errors)
    if companies is None and contacts is None:
        return None
    company_ids = {c.id for c in (record.companies if companies is None else companies)}
    current = list(record.contacts) if contacts is None else contacts
    strays = [c.id for c in current if seen(user, c) and c.company_id not in company_ids]
    if strays:
        errors.setdefault("contact_ids", []).append(
            _("Not a contact of the meeting's companies: %(ids)s",
              ids=", ".join(map(str, strays))))
    return [c for c in current if c.company_id in company_ids]


def _users(usernames, errors, field="attendees"):
    from ..auth.services import officers_named

    names = list(dict.fromkeys(usernames or []))
    if not names:
        return []
    ok = officers_named(names)
    missing = [n for n in names if n not in ok]
    if missing:
        errors.setdefault(field, []).append(
            _("No such officer: %(names)s", names=", ".join(missing)))
    return [ok[n] for n in names if n in ok]


def _apply(user, record: Interaction, values: dict, creating: bool) -> None:
    from ..companies.models import Company
    from ..companies.services import is_country
    from ..projects.models import Project
    from ..talents.models import Talent
    from ..zones.models import Zone

    errors = INTERACTION.unknown(values) | INTERACTION.check(values)
    if creating or "kind" in values:
        if values.get("kind") not in InteractionKind.codes():
            errors.setdefault("kind", []).append(
                _("Must be one of: %(codes)s.", codes=", ".join(InteractionKind.codes())))
    if (creating or "occurred_on" in values) and not isinstance(values.get("occurred_on"), date):
        errors.setdefault("occurred_on", []).append(_("Must be a date written YYYY-MM-DD."))
    if (creating or "subject" in values) and not (values.get("subject") or "").strip():
        errors.setdefault("subject", []).append(_("This field is required."))
    country = (values.get("country") or "").upper()
    if country and not is_country(country):
        errors.setdefault("country", []).append(_("Use a two-letter ISO 3166 country code."))

    companies = _linked(user, record, Company, "company_ids", values, errors)
    projects = _linked(user, record, Project, "project_ids", values, errors)
    talents = _linked(user, record, Talent, "talent_ids", values, errors)
    contacts = _contacts(user, record, values, companies, errors)
    attendees = _users(values.get("attendees"), errors) if "attendees" in values else None

    zone = values.get("zone")
    if creating and not zone:
        linked = (projects or []) + (talents or [])
        zone = linked[0].zone_code if linked else (user.zone_codes or [None])[0]
    if zone and (creating or zone != record.zone_code):
        if db.session.get(Zone, zone) is None:
            errors.setdefault("zone", []).append(_("No such zone."))
        elif not can_in_zone(user, "create", "interactions", zone):
            errors.setdefault("zone", []).append(_("You may log meetings only in your own zones."))

    follow_ups = None
    if "follow_ups" in values:
        follow_ups = _follow_ups(record, values["follow_ups"] or [], errors)
    if errors:
        raise Invalid(errors)

    INTERACTION.assign(record, values, skip=("zone", *LINKS, "follow_ups"))
    if zone:
        record.zone_code = zone
    if companies is not None:
        record.companies = companies
    if projects is not None:
        record.projects = projects
    if talents is not None:
        record.talents = talents
    if contacts is not None:
        record.contacts = contacts
    if attendees is not None:
        record.attendees = attendees
    if follow_ups is not None:
        record.follow_ups = follow_ups


def _follow_ups(record: Interaction, items: list[dict], errors) -> list[FollowUp]:
    """The meeting's follow-ups after this change: items with an id update theirs, items
    without one are new, and those left out are removed."""
    existing = {f.id: f for f in record.follow_ups}
    result = []
    owners = _users([i.get("owner") for i in items if i.get("owner")], errors, "follow_ups")
    by_name = {u.username: u for u in owners}
    for index, item in enumerate(items):
        follow_up = existing.get(item["id"]) if item.get("id") else FollowUp()
        if follow_up is None:
            errors.setdefault(f"follow_ups.{index}.id", []).append(_("No such follow-up."))
            continue
        title = (item.get("title") or "").strip()
        if not title:
            errors.setdefault(f"follow_ups.{index}.title", []).append(
                _("This field is required."))
        if not isinstance(item.get("due_on"), date):
            errors.setdefault(f"follow_ups.{index}.due_on", []).append(
                _("Must be a date written YYYY-MM-DD."))
        follow_up.title = title
        follow_up.due_on = item.get("due_on")
        follow_up.owner = by_name.get(item.get("owner")) if item.get("owner") else None
        done = bool(item.get("done"))
        if done and not follow_up.done:
            follow_up.done_at = utcnow()
        elif not done:
            follow_up.done_at = None
        follow_up.done = done
        result.append(follow_up)
    return result


def create_interaction(user, values: dict) -> Interaction:
    require(user, "interactions", "create")
    record = Interaction(logged_by_id=user.id)
    values = {"kind": InteractionKind.MEETING} | values
    _apply(user, record, values, creating=True)
    db.session.add(record)
    db.session.commit()
    return record


def update_interaction(user, record: Interaction, version: int | None, values: dict):
    require_current(user, record, version)
    _apply(user, record, values, creating=False)
    record.updated_at = utcnow()  # a change to links or follow-ups alone still bumps the version
    db.session.commit()
    return record


def delete_interaction(user, record: Interaction) -> None:
    from ..audit.services import to_bin

    to_bin(user, record)


def set_follow_up_done(user, follow_up: FollowUp, done: bool) -> None:
    if not can(user, "edit", follow_up.interaction) and follow_up.owner_id != user.id:
        raise Forbidden()
    follow_up.done = done
    follow_up.done_at = utcnow() if done else None
    # the meeting's version counts the tick (its follow-ups are part of it): an edit made from
    # an older read is then a conflict rather than a silent undo of the tick
    follow_up.interaction.updated_at = follow_up.done_at or utcnow()
    db.session.commit()


# -- follow-ups --------------------------------------------------------------------------------


def follow_up_query(user, *, owner_id: int | None = None, open_only: bool = True) -> sa.Select:
    """Follow-ups on meetings the user may see: overdue first, then by due date."""
    today = clock.today()
    statement = (
        sa.select(FollowUp).join(Interaction)
        .where(visible(user, Interaction))
        .options(joinedload(FollowUp.owner), joinedload(FollowUp.interaction))
    )
    if owner_id is not None:
        statement = statement.where(FollowUp.owner_id == owner_id)
    if open_only:  # open ones only: the overdue come first by due date anyway, and the
        # index of open follow-ups by due date gives a page without sorting them all
        return statement.where(FollowUp.done.is_(False)).order_by(FollowUp.due_on, FollowUp.id)
    overdue_first = sa.case((sa.and_(FollowUp.done.is_(False), FollowUp.due_on < today), 0),
                            else_=1)
    return statement.order_by(overdue_first, FollowUp.due_on, FollowUp.id)


def _overdue(user, today: date) -> sa.Select:
    return sa.select(sa.func.count()).select_from(FollowUp).join(Interaction).where(
        visible(user, Interaction), FollowUp.owner_id == user.id,
        FollowUp.done.is_(False), FollowUp.due_on < today)


def overdue_packed(today: date | None = None) -> sa.Case:
    """The overdue count of the user of a statement's ``user`` row, whatever their role, on
    ``today`` (the clock's, unless given): the signed-in user's statement selects it
    (crm/auth/session.py, ``prime_overdue``), so the navigation, which shows it on every
    page, takes no statement of its own."""
    return _packed(today or clock.today())


@lru_cache(maxsize=2)
def _packed(today: date) -> sa.Case:
    """Made once a day (it names no one: the user is the statement's row)."""
    return for_each_role(lambda user: _overdue(user, today).scalar_subquery())


def prime_overdue(user, count: int | None) -> None:
    hold(("overdue", user.id), count or 0)


def overdue_count(user) -> int:
    """The user's own open follow-ups past their due date (for the navigation)."""
    return held(("overdue", user.id),
                lambda: db.session.scalar(_overdue(user, clock.today())) or 0)


def for_record(user, *, company_id=None, project_id=None, talent_id=None) -> list[Interaction]:
    """The meetings linked to one record, newest first (for its timeline)."""
    filters = {"company_id": company_id, "project_id": project_id, "talent_id": talent_id}
    return db.session.scalars(
        with_relations(interaction_query(user, filters), TIMELINE).limit(200)).all()
