import sqlalchemy as sa
from pydantic import Field

from ..codes import ParkCategory
from ..i18n_codes import Literal_of
from ..zones import services
from ..zones.fields import PARK
from ..zones.models import Park
from . import bp
from .core import Body, PageQuery, operation, page_schema, paginate, require_user


def park_json(park: Park) -> dict:
    return PARK.to_json(park, internal=True)


PARK_SCHEMA = PARK.response_schema()
ParkIn = PARK.body(Body, "In", creating=True)
ParkChange = PARK.body(Body, "Change", extra={"version": (int, ...)})


class ParkQuery(PageQuery):
    zone: str | None = Field(None, max_length=16)
    category: Literal_of(ParkCategory) | None = None


@operation(bp, "/parks", "GET", summary="List parks", tag="parks", query=ParkQuery,
           response=page_schema(PARK_SCHEMA), paginated=True)
def list_parks(query: ParkQuery):
    require_user()
    statement = sa.select(Park).order_by(Park.zone_code, Park.id)
    if query.zone:
        statement = statement.where(Park.zone_code == query.zone)
    if query.category:
        statement = statement.where(Park.category == query.category)
    return paginate(statement, query, lambda rows: [park_json(p) for p in rows])


@operation(bp, "/parks", "POST", summary="Create a park (admin)", tag="parks", body=ParkIn,
           response=PARK_SCHEMA, status=201, errors=(403,),
           permission=("reference", "edit"))
def create_park(body: ParkIn):
    return park_json(services.create_park(body.model_dump())), 201


@operation(bp, "/parks/<int:park_id>", "GET", summary="Read a park", tag="parks",
           response=PARK_SCHEMA, errors=(404,))
def get_park(park_id: int):
    require_user()
    return park_json(services.get_park(park_id))


@operation(bp, "/parks/<int:park_id>", "PATCH", summary="Change a park (admin)", tag="parks",
           body=ParkChange, response=PARK_SCHEMA, errors=(403, 404, 409),
           permission=("reference", "edit"))
def change_park(park_id: int, body: ParkChange):
    values = PARK.sent(body.model_dump(exclude_unset=True))
    version = values.pop("version")
    return park_json(services.update_park(services.get_park(park_id), version, values))
