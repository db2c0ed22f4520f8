import sqlalchemy as sa

from ..zones.models import Zone
from . import bp
from .core import PageQuery, operation, page_schema, paginate
from .schemas import ZONE


def zone_json(zone: Zone) -> dict:
    return {"code": zone.code, "name_zh": zone.name_zh, "name_en": zone.name_en,
            "level": zone.level}


@operation(bp, "/zones", "GET", summary="List the development zones", tag="zones",
           query=PageQuery, response=page_schema(ZONE), paginated=True)
def list_zones(query: PageQuery):
    statement = sa.select(Zone).order_by(Zone.position, Zone.code)
    return paginate(statement, query, lambda rows: [zone_json(z) for z in rows])
