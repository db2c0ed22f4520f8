"""A meeting's (an interaction's) fields, declared once (crm/records.py): the API's body,
answer and schema, the form and the service's limits come from this list. Follow-ups are rows
of their own, with their own body (``FollowUpIn``) and form rows."""

from datetime import date

from flask_babel import lazy_gettext as _l
from pydantic import BaseModel, ConfigDict
from pydantic import Field as PydanticField

from .. import jsonschema as s
from ..codes import InteractionKind
from ..records import (
    CODE,
    COUNTRY,
    DATETIME,
    DAY,
    IDS,
    NAMES,
    NOTE,
    ROWS,
    TEXT,
    VALUE,
    ZONE,
    Field,
    Name,
    Record,
)
from . import listed


class FollowUpIn(BaseModel):
    """A follow-up in a meeting's body: with an ``id`` it updates that one."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    id: int | None = None
    title: Name
    due_on: date
    owner: str | None = PydanticField(None, max_length=64)
    done: bool = False


FOLLOW_UP = s.obj({"id": s.INT, "title": s.STR, "due_on": s.DATE, "owner": s.nullable(s.STR),
                   "done": s.BOOL})


def _follow_ups(record) -> list[dict]:
    return [{"id": f.id, "title": f.title, "due_on": f.due_on.isoformat(),
             "owner": f.owner.username if f.owner else None, "done": f.done}
            for f in record.follow_ups]


# a meeting's links to other records: the API's name → the meeting's relation
LINKED = {"company_ids": "companies", "project_ids": "projects", "talent_ids": "talents",
          "contact_ids": "contacts"}


def _ids(name: str):
    """The ids a meeting links to under ``name``: as a list read them, else its rows'."""
    relation = LINKED[name]

    def read(record) -> list[int]:
        found = listed.read(record, name)
        return found if found is not None else sorted(r.id for r in getattr(record, relation))

    return read


def _attendees(record) -> list[str]:
    found = listed.read(record, "attendees")
    return found if found is not None else sorted(u.username for u in record.attendees)


INTERACTION = Record("Interaction", [
    Field("id", _l("ID"), kind=VALUE, writable=False, schema=s.INT),
    Field("kind", _l("Kind"), CODE, InteractionKind, nullable=False,
          initial=InteractionKind.MEETING.value),
    Field("occurred_on", _l("Date"), DAY, required=True, nullable=False),
    Field("location", _l("Place"), TEXT, hint=_l("The city, and the venue if it helps.")),
    Field("country", _l("Country"), COUNTRY),
    Field("subject", _l("Subject"), TEXT, required=True, nullable=False),
    Field("notes", _l("Notes"), NOTE),
    Field("zone", _l("Zone"), ZONE, attr="zone_code"),
    Field("company_ids", _l("Companies"), IDS, read=_ids("company_ids")),
    Field("project_ids", _l("Projects"), IDS, read=_ids("project_ids")),
    Field("talent_ids", _l("Talents"), IDS, read=_ids("talent_ids")),
    Field("contact_ids", _l("Their attendees"), IDS, read=_ids("contact_ids"),
          hint=_l("Contacts of the companies; add a missing one on the company's page.")),
    Field("attendees", _l("Our attendees"), NAMES,
          read=_attendees),
    Field("logged_by", _l("Logged by"), kind=VALUE, writable=False, schema=s.nullable(s.STR),
          read=lambda record: record.logged_by.username if record.logged_by else None),
    Field("follow_ups", _l("Follow-ups"), ROWS, read=_follow_ups, schema=s.array(FOLLOW_UP),
          rows=FollowUpIn),
    Field("version", _l("Version"), kind=VALUE, writable=False, schema=s.INT),
    Field("created_at", _l("Created at"), kind=DATETIME, writable=False),
    Field("updated_at", _l("Updated at"), kind=DATETIME, writable=False),
])
