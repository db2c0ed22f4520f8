"""Which existing record a row without an id is, so that a file imported twice changes nothing.

A company: the duplicate rule itself (``crm.companies.services.duplicates``: names equal once
normalised as for the Global 500 match, ``crm.text.name_key``, or the same website or phone),
else a close spelling: among the companies the search index finds for pieces of the name, one
whose normalised name is at least ``CLOSE`` alike (difflib's ratio). A project: the same
company and a name equal but for case; a talent: the same name in the same zone; a meeting:
the same day and subject (and zone, when the row gives one).

An import asks per chunk of rows (``Batch``): what the rows name is read in one query a chunk
and kept while the chunk is written, and a kind may answer its matches from one query a chunk
too (``ProjectBatch``), the same rule in memory, with the records the chunk writes indexed as
they are written (a file that names a project twice matches the first row's).
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


class Batch:
    """A chunk of rows of one kind: ``find`` is the kind's match; ``keep`` holds the records
    the rows name (read at once) for as long as the chunk is written, so that each row finds
    them in the session instead of reading them again."""

    def __init__(self, importer, user, rows: list[dict]):
        self.importer = importer
        self.keep = _named(importer.declaration()[1], rows)

    def find(self, user, values: dict):
        return self.importer.find(user, values)

    def wrote(self, record) -> None:
        """A row created or changed ``record``."""


def _named(model, rows: list[dict]) -> list:
    """The companies, parks and zones the rows name by id (as ``Kind.resolve`` leaves them),
    read in one query each."""
    from ..companies.models import Company
    from ..zones.models import Park, Zone

    wanted = {Company: set(), Park: set()}
    for values in rows:
        for name, target in (("company_id", Company), ("parent_id", Company),
                             ("park_id", Park)):
            if isinstance(values.get(name), int):
                wanted[target].add(values[name])
    kept = list(db.session.scalars(sa.select(Zone))) if any("zone" in v for v in rows) else []
    for target, ids in wanted.items():
        if ids:
            kept += db.session.scalars(sa.select(target).where(target.id.in_(ids))).all()
    return kept


def _looked_up(names: set[str]):
    """A chunk's names for ``IN``, looked up by hash on both databases. SQLite indexes an IN
    list of parameters; PostgreSQL compares each row to the list's 1,000 parameters one after
    another (it hashes only a list of constants), and the company a file names gains the
    run's projects chunk after chunk: the 20th chunk of the bench's file took 0.9 s. One
    array parameter, unnested, is a hashed subplan (20 ms at 9,000 rows), whatever the plan."""
    if db.session.get_bind().dialect.name != "postgresql":
        return names
    from sqlalchemy.dialects.postgresql import ARRAY

    return sa.select(sa.func.unnest(sa.literal(sorted(names), ARRAY(sa.Text))))


def _project_names(values: dict) -> set[str]:
    return {name.strip().lower() for name in (values.get("name_zh"), values.get("name_en"))
            if name and name.strip()}


class ProjectBatch(Batch):
    """``project`` for a chunk: the live projects the user sees of the companies the rows name
    by id, with one of the rows' names, read in one query; the rows looked up in memory."""

    def __init__(self, importer, user, rows: list[dict]):
        from ..projects.models import Project

        super().__init__(importer, user, rows)
        self.keys: dict[tuple, dict] = {}  # (company id, name lower case) → {project: order}
        self.written: dict[int, list] = {}  # id(project) → its keys
        self.new = 0
        self.companies = {v["company_id"] for v in rows if isinstance(v.get("company_id"), int)}
        names = set().union(*(_project_names(v) for v in rows)) if rows else set()
        if self.companies and names:
            self.keep += db.session.scalars(sa.select(Project).where(
                Project.deleted_at.is_(None), visible(user, Project),
                Project.company_id.in_(self.companies),
                sa.or_(sa.func.lower(Project.name_zh).in_(_looked_up(names)),
                       sa.func.lower(Project.name_en).in_(_looked_up(names))))).all()
            for found in self.keep:
                if isinstance(found, Project):
                    self._index(found, (0, found.id))

    def _index(self, record, order) -> None:
        keys = [(record.company_id, name.lower()) for name in (record.name_zh, record.name_en)
                if name]
        for key in keys:
            self.keys.setdefault(key, {})[record] = order
        self.written[id(record)] = keys

    def find(self, user, values):
        names = _project_names(values)
        if not names or not isinstance(values.get("company_id"), int):
            return None
        found = {}  # read for the chunk, or written by its earlier rows (not yet in the
        for name in names:  # database: crm.writes.adding)
            found |= self.keys.get((values["company_id"], name), {})
        if found:
            return min(found, key=found.get)
        if values["company_id"] not in self.companies:  # a company named by name
            return project(user, values)
        return None

    def wrote(self, record) -> None:
        order = None
        for key in self.written.pop(id(record), []):
            order = self.keys[key].pop(record, order)
        if record.deleted_at is None:
            self.new += 1
            self._index(record, order or ((0, record.id) if record.id else (1, self.new)))
