"""Which existing record a row without an id is, so that a file imported twice changes nothing.

A company: the duplicate rule itself (``crm.companies.services.duplicates``: names equal once
normalised as for the Global 500 match, ``crm.text.name_key``, or the same website or phone),
else a close spelling: among the companies the search index finds for pieces of the name, one
whose normalised name is at least ``CLOSE`` alike (difflib's ratio). A project: the same
company and a name equal but for case; a talent: the same name in the same zone; a meeting:
the same day and subject (and zone, when the row gives one).
"""

import re
from difflib import SequenceMatcher

import sqlalchemy as sa

from ..access import visible
from ..db import db
from ..search import matches
from ..text import name_key

CLOSE = 0.9
CANDIDATES = 50
WORD = re.compile(r"[^\W\d_]{3,}|[\u3400-\u9fff]{2,}", re.UNICODE)


def company(user, values: dict):
    """(the company this row is, how it matched: ``same`` or ``close``) or (None, None)."""
    from ..companies.models import Company
    from ..companies.services import duplicates

    found = [c for c, _reasons in duplicates(values)]
    if found:
        return found[0], "same"
    keys = [k for k in (name_key(values.get("name_zh")), name_key(values.get("name_en"))) if k]
    pieces = _pieces(values.get("name_zh"), values.get("name_en"))
    if not keys or not pieces:
        return None, None
    statement = sa.select(Company).where(
        Company.deleted_at.is_(None), visible(user, Company),
        sa.or_(*(matches(Company, piece) for piece in pieces))).limit(CANDIDATES)
    best, score = None, CLOSE
    for candidate in db.session.scalars(statement):
        for mine in keys:
            for theirs in (candidate.name_key_zh, candidate.name_key_en):
                if theirs and (ratio := SequenceMatcher(None, mine, theirs).ratio()) >= score:
                    best, score = candidate, ratio
    return (best, "close") if best is not None else (None, None)


def _pieces(*names: str | None) -> list[str]:
    """Words of the names the search index can look up (three letters or two characters)."""
    pieces = []
    for name in names:
        for word in WORD.findall((name or "").lower()):
            pieces.append(word[:3] if word.isascii() else word[:2])
    return list(dict.fromkeys(pieces))[:4]


def company_named(user, name: str):
    """The company a reference by name (a project's company, a parent group) means."""
    values = {"name_zh": name, "name_en": name}
    found, _how = company(user, values)
    return found


def project(user, values: dict):
    from ..projects.models import Project

    names = {name.strip().lower() for name in (values.get("name_zh"), values.get("name_en"))
             if name and name.strip()}
    if not names or not isinstance(values.get("company_id"), int):
        return None
    statement = sa.select(Project).where(
        Project.deleted_at.is_(None), visible(user, Project),
        Project.company_id == values["company_id"],
        sa.or_(sa.func.lower(Project.name_zh).in_(names),
               sa.func.lower(Project.name_en).in_(names)))
    return db.session.scalars(statement.order_by(Project.id).limit(1)).first()


def talent(user, values: dict):
    from ..talents.models import Talent

    names = {name.strip().lower() for name in (values.get("name"), values.get("name_zh"))
             if name and name.strip()}
    if not names or not values.get("zone"):
        return None
    statement = sa.select(Talent).where(
        Talent.deleted_at.is_(None), visible(user, Talent), Talent.zone_code == values["zone"],
        sa.or_(sa.func.lower(Talent.name).in_(names), sa.func.lower(Talent.name_zh).in_(names)))
    return db.session.scalars(statement.order_by(Talent.id).limit(1)).first()


def interaction(user, values: dict):
    from ..interactions.models import Interaction

    if not values.get("occurred_on") or not values.get("subject"):
        return None
    statement = sa.select(Interaction).where(
        Interaction.deleted_at.is_(None), visible(user, Interaction),
        Interaction.occurred_on == values["occurred_on"],
        Interaction.subject == values["subject"])
    if values.get("zone"):
        statement = statement.where(Interaction.zone_code == values["zone"])
    return db.session.scalars(statement.order_by(Interaction.id).limit(1)).first()
