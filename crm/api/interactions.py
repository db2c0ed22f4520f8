from datetime import date

from pydantic import Field

from ..codes import InteractionKind
from ..db import iso
from ..i18n_codes import Literal_of
from ..interactions import services
from ..interactions.models import Interaction
from . import bp
from .core import Body, PageQuery, operation, page_schema, paginate, require_user
from .fields import Name, Note
from .schemas import BOOL, DATE, DATETIME, INT, STR, array, enum, nullable, obj

FOLLOW_UP = obj({"id": INT, "title": STR, "due_on": DATE, "owner": nullable(STR),
                 "done": BOOL})
INTERACTION = obj({
    "id": INT, "kind": enum(InteractionKind), "occurred_on": DATE, "location": STR,
    "country": STR, "subject": STR, "notes": STR, "zone": STR,
    "company_ids": array(INT), "project_ids": array(INT), "talent_ids": array(INT),
    "contact_ids": array(INT), "attendees": array(STR), "logged_by": nullable(STR),
    "follow_ups": array(FOLLOW_UP), "version": INT, "created_at": DATETIME,
    "updated_at": DATETIME,
})


def interaction_json(record: Interaction) -> dict:
    return {
        "id": record.id, "kind": record.kind, "occurred_on": record.occurred_on.isoformat(),
        "location": record.location, "country": record.country, "subject": record.subject,
        "notes": record.notes, "zone": record.zone_code,
        "company_ids": [c.id for c in record.companies],
        "project_ids": [p.id for p in record.projects],
        "talent_ids": [t.id for t in record.talents],
        "contact_ids": [c.id for c in record.contacts],
        "attendees": [u.username for u in record.attendees],
        "logged_by": record.logged_by.username if record.logged_by else None,
        "follow_ups": [
            {"id": f.id, "title": f.title, "due_on": f.due_on.isoformat(),
             "owner": f.owner.username if f.owner else None, "done": f.done}
            for f in record.follow_ups
        ],
        "version": record.version,
        "created_at": iso(record.created_at), "updated_at": iso(record.updated_at),
    }


class FollowUpIn(Body):
    id: int | None = None
    title: Name
    due_on: date
    owner: str | None = Field(None, max_length=64)
    done: bool = False


class InteractionIn(Body):
    kind: Literal_of(InteractionKind) = InteractionKind.MEETING.value
    occurred_on: date
    location: Name = ""
    country: str = Field("", max_length=2)
    subject: Name
    notes: Note = ""
    zone: str | None = Field(None, max_length=16)
    company_ids: list[int] = Field(default_factory=list, max_length=100)
    project_ids: list[int] = Field(default_factory=list, max_length=100)
    talent_ids: list[int] = Field(default_factory=list, max_length=100)
    contact_ids: list[int] = Field(default_factory=list, max_length=100)
    attendees: list[str] = Field(default_factory=list, max_length=100)
    follow_ups: list[FollowUpIn] = Field(default_factory=list, max_length=100)


class InteractionChange(Body):
    version: int
    kind: Literal_of(InteractionKind) | None = None
    occurred_on: date | None = None
    location: Name | None = None
    country: str | None = Field(None, max_length=2)
    subject: Name | None = None
    notes: Note | None = None
    zone: str | None = Field(None, max_length=16)
    company_ids: list[int] | None = Field(None, max_length=100)
    project_ids: list[int] | None = Field(None, max_length=100)
    talent_ids: list[int] | None = Field(None, max_length=100)
    contact_ids: list[int] | None = Field(None, max_length=100)
    attendees: list[str] | None = Field(None, max_length=100)
    follow_ups: list[FollowUpIn] | None = Field(None, max_length=100)


class InteractionQuery(PageQuery):
    kind: Literal_of(InteractionKind) | None = None
    zone: str | None = Field(None, max_length=16)
    company_id: int | None = None
    project_id: int | None = None
    talent_id: int | None = None
    since: date | None = None
    until: date | None = None
    q: str | None = Field(None, max_length=200)


@operation(bp, "/interactions", "GET", summary="List meetings and other interactions",
           tag="interactions", query=InteractionQuery, response=page_schema(INTERACTION),
           paginated=True, permission=("interactions", "view"))
def list_interactions(query: InteractionQuery):
    user = require_user()
    statement = services.with_relations(services.interaction_query(
        user, query.model_dump(exclude={"page", "per_page"})))
    return paginate(statement, query, lambda rows: [interaction_json(r) for r in rows])


@operation(bp, "/interactions", "POST", summary="Log a meeting with its links and follow-ups",
           tag="interactions", body=InteractionIn, response=INTERACTION, status=201,
           errors=(403,),
           permission=("interactions", "create"))
def create_interaction(body: InteractionIn):
    values = body.model_dump()
    record = services.create_interaction(require_user(), values)
    return interaction_json(record), 201


@operation(bp, "/interactions/<int:interaction_id>", "GET", summary="Read an interaction",
           tag="interactions", response=INTERACTION, errors=(404,))
def get_interaction(interaction_id: int):
    return interaction_json(services.get_interaction(require_user(), interaction_id))


@operation(bp, "/interactions/<int:interaction_id>", "PATCH",
           summary="Change an interaction; follow_ups replaces the list (items with an id "
           "update theirs)", tag="interactions", body=InteractionChange, response=INTERACTION,
           errors=(403, 404, 409),
           permission=("interactions", "edit"))
def change_interaction(interaction_id: int, body: InteractionChange):
    user = require_user()
    record = services.get_interaction(user, interaction_id)
    values = body.model_dump(exclude_unset=True)
    version = values.pop("version")
    for name in ("location", "country", "notes"):
        if name in values and values[name] is None:
            values[name] = ""
    for name in ("company_ids", "project_ids", "talent_ids", "contact_ids", "attendees",
                 "follow_ups"):
        if name in values and values[name] is None:
            values[name] = []
    return interaction_json(services.update_interaction(user, record, version, values))


@operation(bp, "/interactions/<int:interaction_id>", "DELETE",
           summary="Delete an interaction (to the bin)", tag="interactions", status=204,
           errors=(403, 404),
           permission=("interactions", "delete"))
def delete_interaction(interaction_id: int):
    user = require_user()
    services.delete_interaction(user, services.get_interaction(user, interaction_id))
    return "", 204
