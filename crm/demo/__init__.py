"""The demo data set that ``make run`` loads into a new database.

Everything is made through the real services (users, exchange rates, the Fortune Global 500
list, parks, companies, projects and their stage moves), so every derived field — US-dollar
values, flags, Fortune 500 origin, search text, reached stage — is what the app itself would
compute. Only the timestamps are rewritten afterwards, so that the pipeline shows two years
of history. A fixed ``random.Random(2026)`` makes the demo the same every time.
"""

import random

import sqlalchemy as sa

from .. import clock
from ..auth.models import User
from ..auth.services import create_user
from ..codes import Role
from ..companies.models import Company
from ..extensions import db
from ..projects.models import Project
from ..reference.models import ExchangeRate, Global500Entry
from ..reference.services import replace_list, save_rates
from ..zones.models import Park
from ..zones.services import create_park
from .activity import (  # noqa: F401 (bench data)
    KEY_COUNTRIES,
    MEETING_SUBJECTS,
    PLACES,
    _activity,
    _reports,
)
from .companies import COMPANIES, CURRENCY, _companies, _short_names  # noqa: F401 (bench data)
from .projects import (  # noqa: F401 (bench data)
    COMPETING,
    KIND_NAME,
    KINDS,
    LOST_REASONS,
    _path,
    _plan,
    _projects,
)
from .tables import (  # noqa: F401 (the demo accounts, the tour, the bench data)
    DEMO_USERS,
    GLOBAL500,
    GLOBAL500_YEAR,
    PARKS,
    PARTNER,
    RATES,
    RATES_FROM,
    SEED,
    STAFF_PASSWORD,
    ZONE_CODES,
    ZONE_PROFILES,
)


def _user(username: str) -> User | None:
    return db.session.scalar(sa.select(User).where(User.username == username))


def _count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model)) or 0


def _users() -> None:
    for username, password, role, zones, locale, name in DEMO_USERS:
        if _user(username) is None:
            create_user(username, password, role, zones=zones, locale=locale, display_name=name)


def _reference() -> None:
    have = set(db.session.scalars(
        sa.select(ExchangeRate.currency).where(ExchangeRate.valid_from == RATES_FROM)))
    missing = [{"currency": c, "usd_per_unit": r, "valid_from": RATES_FROM}
               for c, r in RATES.items() if c not in have]
    if missing:
        save_rates(missing)
    if not db.session.scalar(sa.select(sa.func.count()).select_from(Global500Entry)
                             .where(Global500Entry.year == GLOBAL500_YEAR)):
        replace_list(GLOBAL500_YEAR, [{"rank": rank, "name_en": en, "name_zh": zh}
                                      for rank, en, zh in GLOBAL500])


def _parks() -> dict[str, list[Park]]:
    for zone, name_zh, name_en, category in PARKS:
        exists = db.session.scalar(
            sa.select(Park.id).where(Park.zone_code == zone, Park.name_zh == name_zh))
        if exists is None:
            create_park({"zone": zone, "name_zh": name_zh, "name_en": name_en,
                         "category": category})
    by_zone: dict[str, list[Park]] = {}
    for park in db.session.scalars(sa.select(Park).order_by(Park.id)):
        by_zone.setdefault(park.zone_code, []).append(park)
    return by_zone


def _profiles(admin: User) -> None:
    """Every zone's public profile in both languages, where the zone has none yet."""
    from ..zones.models import Zone
    from ..zones.services import update_zone_profile

    names = ("summary_zh", "summary_en", "industries_zh", "industries_en", "contact_name",
             "contact_email", "contact_phone")
    for code, profile in ZONE_PROFILES.items():
        zone = db.session.get(Zone, code)
        if zone is not None and not (zone.summary_zh or zone.summary_en):
            update_zone_profile(admin, zone, dict(zip(names, profile, strict=True)))


def load_demo() -> str:
    """Load the demo data set: only what is missing, so running it twice adds nothing."""
    rng = random.Random(SEED)
    _users()
    admin = _user("admin")
    _reference()
    parks = _parks()
    _profiles(admin)
    companies = _companies(rng, admin)
    username, password, locale, name, company_key = PARTNER
    if _user(username) is None:
        create_user(username, password, Role.PARTNER, company_ids=[companies[company_key].id],
                    locale=locale, display_name=name)
    _projects(_plan(rng, companies, parks, clock.today()))
    # a separate generator, so that the projects above stay the same whatever is added here
    _activity(random.Random(SEED + 1), clock.today())
    _reports(admin, clock.today())
    return (f"Demo data: {_count(User)} users, {_count(Company)} companies, "
            f"{_count(Project)} projects.")

