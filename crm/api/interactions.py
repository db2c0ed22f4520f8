from datetime import date

from pydantic import Field

from ..codes import InteractionKind
from ..db import db, drop_listed
from ..i18n_codes import Literal_of
from ..interactions import listed, services
from ..interactions.fields import INTERACTION
from ..interactions.models import Interaction
from . import bp
from .core import Body, PageQuery, operation, page_schema, paginate, require_user


def interaction_json(record: Interaction, user, *, listed: bool = False) -> dict:
    """The meeting as ``user`` reads it: of its links, those they may see (services.seen);
    ``listed``: as the user's list read them with the meeting (interactions/listed.py)."""
    return INTERACTION.to_json(record, internal=True) | services.links_seen_by(
        user, record, listed_for_user=listed)


INTERACTION_SCHEMA = INTERACTION.response_schema()
InteractionIn = INTERACTION.body(Body, "In", creating=True)
InteractionChange = INTERACTION.body(Body, "Change", extra={"version": (int, ...)})


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
           tag="interactions", query=InteractionQuery,
           response=page_schema(INTERACTION_SCHEMA),
           paginated=True, permission=("interactions", "view"))
def list_interactions(query: InteractionQuery):
    user = require_user()
    # the links' columns are this user's: none that an earlier list of the session read
    # (a test's session spans requests) is left on a meeting it holds, which then reads its
    # rows
    drop_listed(db.session, Interaction)
    statement = services.with_relations(services.interaction_query(
        user, query.model_dump(exclude={"page", "per_page"})), ("follow_ups",)).options(
        *listed.options(user))
    return paginate(statement, query,
                    lambda rows: [interaction_json(r, user, listed=True) for r in rows])


@operation(bp, "/interactions", "POST", summary="Log a meeting with its links and follow-ups",
           tag="interactions", body=InteractionIn, response=INTERACTION_SCHEMA, status=201,
           errors=(403,),
           permission=("interactions", "create"))
def create_interaction(body: InteractionIn):
    user = require_user()
    record = services.create_interaction(user, body.model_dump())
    return interaction_json(record, user), 201


@operation(bp, "/interactions/<int:interaction_id>", "GET", summary="Read an interaction",
           tag="interactions", response=INTERACTION_SCHEMA, errors=(404,))
def get_interaction(interaction_id: int):
    user = require_user()
    return interaction_json(services.get_interaction(user, interaction_id), user)


@operation(bp, "/interactions/<int:interaction_id>", "PATCH",
           summary="Change an interaction; follow_ups replaces the list (items with an id "
           "update theirs)", tag="interactions", body=InteractionChange,
           response=INTERACTION_SCHEMA,
           errors=(403, 404, 409),
           permission=("interactions", "edit"))
def change_interaction(interaction_id: int, body: InteractionChange):
    user = require_user()
    record = services.get_interaction(user, interaction_id)
    values = INTERACTION.sent(body.model_dump(exclude_unset=True))
    version = values.pop("version")
    return interaction_json(services.update_interaction(user, record, version, values), user)


@operation(bp, "/interactions/<int:interaction_id>", "DELETE",
           summary="Delete an interaction (to the bin)", tag="interactions", status=204,
           errors=(403, 404),
           permission=("interactions", "delete"))
def delete_interaction(interaction_id: int):
    user = require_user()
    services.delete_interaction(user, services.get_interaction(user, interaction_id))
    return "", 204
