"""Coordination items (问题协调): a project's obstacles that need the government's help."""

from pydantic import Field

from .. import clock
from .. import jsonschema as s
from ..codes import ObstacleCategory, ObstacleStatus
from ..coordination import services
from ..coordination.fields import COORDINATION
from ..coordination.models import CoordinationItem
from ..i18n_codes import Literal_of
from . import bp
from .core import Body, PageQuery, operation, page_schema, paginate, require_user, values_of


def item_json(item: CoordinationItem) -> dict:
    return COORDINATION.to_json(item, internal=True) | {
        "zone": item.project.zone_code, "overdue": item.overdue(clock.today())}


ITEM_SCHEMA = s.obj(COORDINATION.response_schema()["properties"]
                    | {"zone": s.STR, "overdue": s.BOOL})
ItemIn = COORDINATION.body(Body, "In", creating=True)
ItemChange = COORDINATION.body(Body, "Change", extra={"version": (int, ...)})


class ItemQuery(PageQuery):
    status: Literal_of(ObstacleStatus) | None = None
    zone: str | None = Field(None, max_length=16)
    category: Literal_of(ObstacleCategory) | None = None
    overdue: bool | None = None
    project_id: int | None = Field(None, ge=1, le=2**31 - 1)


@operation(bp, "/coordination", "GET",
           summary="Coordination items of the projects the user sees, overdue first",
           tag="coordination", query=ItemQuery, response=page_schema(ITEM_SCHEMA),
           paginated=True, errors=(),
           permission=("coordination", "view"))
def list_items(query: ItemQuery):
    statement = services.item_query(require_user(), query.model_dump(
        include={"status", "zone", "category", "overdue", "project_id"}))
    return paginate(statement, query, lambda rows: [item_json(i) for i in rows])


@operation(bp, "/coordination", "POST", summary="Record a project's obstacle",
           tag="coordination", body=ItemIn, response=ITEM_SCHEMA, status=201, errors=(422,),
           permission=("coordination", "create"))
def create_item(body: ItemIn):
    return item_json(services.create_item(require_user(), body.model_dump())), 201


@operation(bp, "/coordination/<int:item_id>", "GET", summary="Read a coordination item",
           tag="coordination", response=ITEM_SCHEMA, errors=(404,),
           permission=("coordination", "view"))
def get_item(item_id: int):
    return item_json(services.get_item(require_user(), item_id))


@operation(bp, "/coordination/<int:item_id>", "PATCH",
           summary="Change a coordination item (status, escalation, resolution)",
           tag="coordination", body=ItemChange, response=ITEM_SCHEMA, errors=(404, 409, 422),
           permission=("coordination", "edit"))
def change_item(item_id: int, body: ItemChange):
    user = require_user()
    values = COORDINATION.sent(values_of(body, exclude_unset=True))
    version = values.pop("version")
    item = services.get_item(user, item_id, "edit")
    return item_json(services.update_item(user, item, version, values))


@operation(bp, "/coordination/<int:item_id>", "DELETE",
           summary="Delete a coordination item (to the bin)", tag="coordination", status=204,
           errors=(404,), permission=("coordination", "delete"))
def delete_item(item_id: int):
    user = require_user()
    services.delete_item(user, services.get_item(user, item_id, "delete"))
    return "", 204
