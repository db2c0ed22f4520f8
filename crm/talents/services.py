"""International talents: validation, their own stages with history, lists."""

from functools import partial

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import joinedload

from .. import stages
from ..access import can_in_zone, get_record, require, require_current, visible
from ..codes import TalentStage, TalentType
from ..db import db, utcnow
from ..errors import Forbidden, Invalid
from ..search import matches
from ..text import search_text
from ..zones.models import Zone
from .fields import TALENT
from .models import Talent, TalentStageChange


def get_talent(user, talent_id: int, action: str = "view") -> Talent:
    return get_record(user, Talent, talent_id, action)


def talent_query(user, filters: dict | None = None) -> sa.Select:
    filters = {k: v for k, v in (filters or {}).items() if v not in (None, "")}
    statement = sa.select(Talent).where(visible(user, Talent))
    for name, column in (("talent_type", Talent.talent_type), ("stage", Talent.stage),
                         ("zone", Talent.zone_code)):
        if name in filters:
            statement = statement.where(column == filters[name])
    if "nationality" in filters:
        statement = statement.where(Talent.nationality == str(filters["nationality"]).upper())
    if "q" in filters:
        statement = statement.where(matches(Talent, str(filters["q"])))
    return statement.order_by(Talent.updated_at.desc(), Talent.id.desc())


def with_relations(statement: sa.Select) -> sa.Select:
    """Load what a list row shows (the owner) in the same query."""
    return statement.options(joinedload(Talent.owner))


def _apply(user, talent: Talent, values: dict, creating: bool) -> None:
    from ..auth.services import officers_named
    from ..companies.services import is_country

    errors = TALENT.unknown(values) | TALENT.check(values)
    if creating or "name" in values or "name_zh" in values:
        if not ((values.get("name", talent.name) or "").strip()
                or (values.get("name_zh", talent.name_zh) or "").strip()):
            errors.setdefault("name", []).append(_("Give the name in Latin letters or in Chinese."))
    if creating or "talent_type" in values:
        if values.get("talent_type") not in TalentType.codes():
            errors.setdefault("talent_type", []).append(
                _("Must be one of: %(codes)s.", codes=", ".join(TalentType.codes())))
    nationality = (values.get("nationality") or "").upper()
    if nationality and not is_country(nationality):
        errors.setdefault("nationality", []).append(_("Use a two-letter ISO 3166 country code."))
    if creating or "zone" in values:
        zone = values.get("zone")
        if not zone or db.session.get(Zone, zone) is None:
            errors.setdefault("zone", []).append(_("No such zone."))
        elif not can_in_zone(user, "create", "talents", zone) and (
            creating or zone != talent.zone_code
        ):
            raise Forbidden(_("You may add talents only to your own zones."))
    owner = None
    if values.get("owner"):
        owner = officers_named([values["owner"]]).get(values["owner"])
        if owner is None:
            errors.setdefault("owner", []).append(_("No such officer."))
    if errors:
        raise Invalid(errors)
    TALENT.assign(talent, values, skip=("owner",))
    if "owner" in values:
        talent.owner = owner
    talent.search_text = search_text(talent.name, talent.name_zh)


def create_talent(user, values: dict) -> Talent:
    require(user, "talents", "create")
    talent = Talent(stage=TalentStage.IDENTIFIED, reached_order=TalentStage.IDENTIFIED.order,
                    stage_changed_at=utcnow())
    _apply(user, talent, values, creating=True)
    db.session.add(talent)
    db.session.commit()
    return talent


def update_talent(user, talent: Talent, version: int | None, values: dict) -> Talent:
    require_current(user, talent, version)
    _apply(user, talent, values, creating=False)
    db.session.commit()
    return talent


def move_stage(user, talent: Talent, target: str, note: str = "", reason: str = "",
               version: int | None = None) -> Talent:
    stages.move(user, talent, target, note, reason, version, stages=TalentStage,
                history=partial(TalentStageChange, talent_id=talent.id),
                already=_l("The talent is already at this stage."),
                lost=_l("Say why the talent was lost."))
    db.session.commit()
    return talent


def history(talent: Talent) -> list[TalentStageChange]:
    return db.session.scalars(
        sa.select(TalentStageChange).options(joinedload(TalentStageChange.by))
        .where(TalentStageChange.talent_id == talent.id)
        .order_by(TalentStageChange.at, TalentStageChange.id)
    ).all()


def delete_talent(user, talent: Talent) -> None:
    from ..audit.services import to_bin

    to_bin(user, talent)
