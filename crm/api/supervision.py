"""The monthly bulletin (月度通报): read, publish, and read published without a login."""

from pydantic import Field

from .. import jsonschema as s
from ..codes import ProgressStatus
from ..supervision import bulletin as bulletins
from ..supervision.services import PERIOD_PATTERN as PERIOD
from . import bp
from .core import Query, operation, require_user

STATUS = {"type": "string", "enum": [*ProgressStatus.codes(), bulletins.MISSING]}
UNIT_ROW = s.obj({"unit": s.STR, "unit_zh": s.STR, "unit_en": s.STR, "zone": s.BOOL,
                  "position": s.nullable(s.INT), "rank": s.nullable(s.INT)}
                 | {name: s.INT for name in bulletins.COUNTED})
ITEM_ROW = s.obj({"measure_id": s.INT, "code": s.STR, "title_zh": s.STR, "title_en": s.STR,
                  "unit": s.STR, "status": STATUS, "overdue": s.BOOL,
                  "overdue_rectifications": s.INT, "text": s.STR})
BULLETIN = s.obj({"period": s.STR, "as_of": s.DATE, "published": s.BOOL,
                  "published_at": s.nullable(s.DATETIME), "units": s.array(UNIT_ROW),
                  "items": s.array(ITEM_ROW),
                  "coordination": s.obj({"open": s.INT, "overdue": s.INT})})


class BulletinQuery(Query):
    period: str = Field(..., pattern=PERIOD)
    zone: str | None = Field(None, max_length=16)


class PublicQuery(Query):
    zone: str | None = Field(None, max_length=16)


@operation(bp, "/reports/supervision", "GET",
           summary="The monthly bulletin: each unit's progress, zones ranked", tag="supervision",
           query=BulletinQuery, response=BULLETIN, errors=(),
           permission=("supervision", "view"))
def supervision_bulletin(query: BulletinQuery):
    return bulletins.bulletin(require_user(), query.period, query.zone)


@operation(bp, "/reports/supervision/<period>/publish", "POST",
           summary="Publish a month's bulletin: frozen, and public (manager, admin)",
           tag="supervision", response=BULLETIN, errors=(409, 422),
           permission=("supervision", "publish"))
def publish_bulletin(period: str):
    return bulletins.publish(require_user(), period)


@operation(bp, "/public/supervision/<period>", "GET",
           summary="A published bulletin, without a login (404 before it is published)",
           tag="supervision", query=PublicQuery, response=BULLETIN, auth=False, errors=(404,))
def public_bulletin(period: str, query: PublicQuery):
    return bulletins.public(period, query.zone)
