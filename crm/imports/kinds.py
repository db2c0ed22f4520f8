"""The kinds of records a file imports, each through its area's own services (the same as the
pages and the API call), so every rule holds: access and zones, flags, 两高一低, what a stage
requires, the audit trail. Keyed by the API's plural name (``KINDS``)."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..errors import Invalid
from . import matching
from .layout import Named

IMPORTED = _l("Imported from a file")


class Kind:
    kind: str  # the API's plural name
    area: str  # the access table's area
    title = ""
    # the fields a row without an id is matched by: a match keeps the record's own spelling
    # of them where it has one (a close spelling in a file does not rename the record)
    identity: tuple[str, ...] = ()

    def prepare(self, record, values: dict) -> dict:
        """The row's values for an existing record, before they are compared with it."""
        return values

    def kept_on_match(self, record, values: dict) -> dict:
        record_values = self.record.current(record)
        return {name: value for name, value in values.items()
                if name not in self.identity or not record_values.get(name)}

    def declaration(self):
        """(the Record, its model)"""
        raise NotImplementedError

    @property
    def record(self):
        return self.declaration()[0]

    def get(self, user, record_id: int):
        raise NotImplementedError

    def find(self, user, values: dict):
        """The existing record a row without an id is (``matching``), or None."""
        return None

    def batch(self, user, rows: list[dict]) -> matching.Batch:
        """What a chunk of rows (their values as read) looks up, read at once."""
        return matching.Batch(self, user, rows)

    def create(self, user, values: dict):
        raise NotImplementedError

    def update(self, user, record, values: dict):
        raise NotImplementedError

    def move(self, user, record, stage: str) -> None:
        raise Invalid({"stage": [_("Unknown field.")]})

    def resolve(self, user, values: dict) -> None:
        """References given by name (``Named``) made ids, or a row error (Invalid)."""
        errors = {}
        for name, value in list(values.items()):
            if isinstance(value, Named):
                found = self.named(user, name, str(value))
                if found is None:
                    errors[name] = [_("No such record: %(name)s.", name=str(value))]
                else:
                    values[name] = found
        if errors:
            raise Invalid(errors)

    def named(self, user, field: str, name: str) -> int | None:
        if field in ("company_id", "parent_id"):
            company = matching.company_named(user, name)
            return company.id if company is not None else None
        if field == "park_id":
            return _park_named(name)
        return None


def _park_named(name: str) -> int | None:
    import sqlalchemy as sa

    from ..db import db
    from ..zones.models import Park

    return db.session.scalar(sa.select(Park.id).where(
        sa.or_(Park.name_zh == name, Park.name_en == name)).order_by(Park.id).limit(1))


class Companies(Kind):
    kind = area = "companies"
    title = _l("Companies")
    identity = ("name_zh", "name_en")

    def declaration(self):
        from ..companies.fields import COMPANY
        from ..companies.models import Company

        return COMPANY, Company

    def get(self, user, record_id):
        from ..companies.services import get_company

        return get_company(user, record_id, "edit")

    def find(self, user, values):
        return matching.company(user, values)[0]

    def create(self, user, values):
        from ..companies.services import create_company

        return create_company(user, values)

    def update(self, user, record, values):
        from ..companies.services import update_company

        return update_company(user, record, record.version, values)


class Projects(Kind):
    kind = area = "projects"
    title = _l("Projects")
    identity = ("name_zh", "name_en")

    def declaration(self):
        from ..projects.fields import PROJECT
        from ..projects.models import Project

        return PROJECT, Project

    def get(self, user, record_id):
        from ..projects.services import get_project

        return get_project(user, record_id, "edit")

    def find(self, user, values):
        return matching.project(user, values)

    def batch(self, user, rows):
        return matching.ProjectBatch(self, user, rows)

    def create(self, user, values):
        from ..projects.services import create_project

        return create_project(user, values)

    def update(self, user, record, values):
        from ..projects.services import update_project

        return update_project(user, record, record.version, values)

    def move(self, user, record, stage):
        from ..projects.services import move_stage

        move_stage(user, record, stage, note=str(IMPORTED))


class Talents(Kind):
    kind = area = "talents"
    title = _l("Talents")
    identity = ("name", "name_zh")

    def declaration(self):
        from ..talents.fields import TALENT
        from ..talents.models import Talent

        return TALENT, Talent

    def get(self, user, record_id):
        from ..talents.services import get_talent

        return get_talent(user, record_id, "edit")

    def find(self, user, values):
        return matching.talent(user, values)

    def create(self, user, values):
        from ..talents.services import create_talent

        return create_talent(user, values)

    def update(self, user, record, values):
        from ..talents.services import update_talent

        return update_talent(user, record, record.version, values)

    def move(self, user, record, stage):
        from ..talents.services import move_stage

        move_stage(user, record, stage, note=str(IMPORTED))


class Interactions(Kind):
    kind = area = "interactions"
    title = _l("Meetings")

    def declaration(self):
        from ..interactions.fields import INTERACTION
        from ..interactions.models import Interaction

        return INTERACTION, Interaction

    def prepare(self, record, values):
        """Follow-ups as the export writes them (day, title, ✓) carry no id: each is the one of
        the same day and title the meeting has (its owner kept), or new; when the lines say
        what the meeting already has, they are no change."""
        if "follow_ups" not in values:
            return values
        have = {(f.due_on, f.title): f for f in record.follow_ups}
        items = []
        for item in values["follow_ups"]:
            existing = have.pop((item["due_on"], item["title"]), None)
            if existing is not None:
                item = item | {"id": existing.id,
                               "owner": existing.owner.username if existing.owner else None}
            items.append(item)
        same = not have and all("id" in i and i["done"] == next(
            f.done for f in record.follow_ups if f.id == i["id"]) for i in items)
        return {k: v for k, v in values.items() if k != "follow_ups"} if same \
            else values | {"follow_ups": items}

    def get(self, user, record_id):
        from ..interactions.services import get_interaction

        return get_interaction(user, record_id, "edit")

    def find(self, user, values):
        return matching.interaction(user, values)

    def create(self, user, values):
        from ..interactions.services import create_interaction

        return create_interaction(user, values)

    def update(self, user, record, values):
        from ..interactions.services import update_interaction

        return update_interaction(user, record, record.version, values)


KINDS: dict[str, Kind] = {k.kind: k for k in (Companies(), Projects(), Talents(),
                                               Interactions())}
