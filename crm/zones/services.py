"""Zones and parks: the seeded zones of DOMAIN.md and the parks admins keep."""

import sqlalchemy as sa
from flask_babel import gettext as _

from ..codes import ParkCategory
from ..db import db, held
from ..errors import Conflict, Invalid, NotFound
from ..records import save_fields
from .fields import PARK
from .models import Park, Zone

ZONES = [
    ("jxetdz", "嘉兴经济技术开发区", "Jiaxing Economic and Technological Development Zone",
     "national"),
    ("jsetdz", "嘉善经济技术开发区", "Jiashan Economic and Technological Development Zone",
     "national"),
    ("phetdz", "平湖经济技术开发区", "Pinghu Economic and Technological Development Zone",
     "national"),
    ("hnedz", "海宁经济开发区", "Haining Economic Development Zone", "provincial"),
    ("txedz", "桐乡经济开发区", "Tongxiang Economic Development Zone", "provincial"),
    ("hyedz", "海盐经济开发区", "Haiyan Economic Development Zone", "provincial"),
    ("jxip", "嘉兴工业园区", "Jiaxing Industrial Park", "provincial"),
    ("xzip", "秀洲工业园区", "Xiuzhou Industrial Park", "provincial"),
    ("jxport", "嘉兴港区", "Jiaxing Port Area", "provincial"),
]

PARKS = [
    ("jxetdz", "浙江中德工业园", "Zhejiang Sino-German Industrial Park", "international"),
]


def seed_zones() -> int:
    """Insert the zones and the plan's named parks that are missing; returns how many."""
    added = 0
    for position, (code, name_zh, name_en, level) in enumerate(ZONES):
        if db.session.get(Zone, code) is None:
            db.session.add(Zone(code=code, name_zh=name_zh, name_en=name_en, level=level,
                                position=position))
            added += 1
    db.session.flush()
    for zone_code, name_zh, name_en, category in PARKS:
        exists = db.session.scalar(
            sa.select(Park.id).where(Park.zone_code == zone_code, Park.name_zh == name_zh))
        if exists is None:
            db.session.add(Park(zone_code=zone_code, name_zh=name_zh, name_en=name_en,
                                category=category))
            added += 1
    db.session.commit()
    return added


def zones() -> list[Zone]:
    """Every zone in order, read once a request (``held``: a page asks several times)."""
    return held("zones", lambda: db.session.scalars(
        sa.select(Zone).order_by(Zone.position, Zone.code)).all())


def get_park(park_id: int) -> Park:
    park = db.session.get(Park, park_id)
    if park is None:
        raise NotFound()
    return park


def _validate(values: dict, errors: dict) -> None:
    if "zone" in values and db.session.get(Zone, values["zone"] or "") is None:
        errors.setdefault("zone", []).append(_("No such zone."))
    if "category" in values and values["category"] not in ParkCategory.codes():
        errors.setdefault("category", []).append(_("Unknown category."))


def create_park(values: dict) -> Park:
    errors: dict[str, list[str]] = {}
    _validate(values, errors)
    if not (values.get("name_zh") or values.get("name_en")):
        errors.setdefault("name_zh", []).append(_("Give the name in Chinese or in English."))
    if errors:
        raise Invalid(errors)
    park = Park()
    PARK.assign(park, {f.name: f.default() for f in PARK.writable()} | values)
    db.session.add(park)
    db.session.commit()
    return park


def update_park(park: Park, version: int, values: dict) -> Park:
    if version != park.version:
        raise Conflict()
    errors: dict[str, list[str]] = {}
    _validate(values, errors)
    name_zh = values.get("name_zh", park.name_zh)
    name_en = values.get("name_en", park.name_en)
    if not (name_zh or name_en):
        errors.setdefault("name_zh", []).append(_("Give the name in Chinese or in English."))
    if errors:
        raise Invalid(errors)
    PARK.assign(park, values)
    db.session.commit()
    return park


# -- the public zone profile -------------------------------------------------------------------

PROFILE_LIMITS = {
    "summary_zh": 10_000, "summary_en": 10_000, "industries_zh": 2_000, "industries_en": 2_000,
    "contact_name": 200, "contact_email": 200, "contact_phone": 64,
}


def get_zone(code: str) -> Zone:
    zone = db.session.get(Zone, code)
    if zone is None:
        raise NotFound()
    return zone


def update_zone_profile(user, zone: Zone, values: dict) -> Zone:
    """An admin's edit of a zone's public profile: the profile fields only, within limits."""
    from ..access import require

    require(user, "reference", "edit")  # admins
    errors: dict[str, list[str]] = {}
    cleaned = {}
    for name, limit in PROFILE_LIMITS.items():
        if name not in values:
            continue
        text = (values[name] or "").strip()
        if len(text) > limit:
            errors.setdefault(name, []).append(
                _("At most %(n)d characters.", n=limit))
        cleaned[name] = text
    email = cleaned.get("contact_email")
    if email and ("@" not in email or any(c.isspace() for c in email)):
        errors.setdefault("contact_email", []).append(_("Give an email address."))
    return save_fields(zone, cleaned, errors)


def parks_in_order(zone: Zone) -> list[Park]:
    """International parks first, then new-economy parks, then the others."""
    rank = {ParkCategory.INTERNATIONAL: 0, ParkCategory.NEW_ECONOMY: 1}
    return sorted(zone.parks, key=lambda park: (rank.get(park.category, 2), park.id))
