from pydantic import Field

from ..codes import TalentStage, TalentType
from ..db import iso
from ..i18n_codes import Literal_of
from ..talents import services
from ..talents.models import Talent
from . import bp
from .core import Body, PageQuery, operation, page_schema, paginate, require_user
from .fields import Name, Note
from .schemas import DATETIME, INT, STR, array, enum, nullable, obj

TALENT = obj({
    "id": INT, "name": STR, "name_zh": STR, "nationality": STR,
    "talent_type": enum(TalentType), "field": STR, "employer": STR, "zone": STR,
    "stage": enum(TalentStage), "owner": nullable(STR), "notes": STR, "version": INT,
    "created_at": DATETIME, "updated_at": DATETIME,
})
TALENT_HISTORY = array(obj({"from": nullable(enum(TalentStage)), "to": enum(TalentStage),
                            "at": DATETIME, "by": nullable(STR), "note": STR, "reason": STR}))


def talent_json(talent: Talent) -> dict:
    return {
        "id": talent.id, "name": talent.name, "name_zh": talent.name_zh,
        "nationality": talent.nationality, "talent_type": talent.talent_type,
        "field": talent.field, "employer": talent.employer, "zone": talent.zone_code,
        "stage": talent.stage, "owner": talent.owner.username if talent.owner else None,
        "notes": talent.notes, "version": talent.version,
        "created_at": iso(talent.created_at), "updated_at": iso(talent.updated_at),
    }


class TalentIn(Body):
    name: Name = ""
    name_zh: Name = ""
    nationality: str = Field("", max_length=2)
    talent_type: Literal_of(TalentType)
    field: Name = ""
    employer: Name = ""
    zone: str = Field(max_length=16)
    owner: str | None = Field(None, max_length=64)
    notes: Note = ""
    stage: Literal_of((TalentStage.IDENTIFIED.value,)) | None = None  # new talents start here


class TalentChange(Body):
    version: int
    name: Name | None = None
    name_zh: Name | None = None
    nationality: str | None = Field(None, max_length=2)
    talent_type: Literal_of(TalentType) | None = None
    field: Name | None = None
    employer: Name | None = None
    zone: str | None = Field(None, max_length=16)
    owner: str | None = Field(None, max_length=64)
    notes: Note | None = None


class TalentQuery(PageQuery):
    talent_type: Literal_of(TalentType) | None = None
    stage: Literal_of(TalentStage) | None = None
    zone: str | None = Field(None, max_length=16)
    nationality: str | None = Field(None, max_length=2)
    q: str | None = Field(None, max_length=200)


class TalentStageMove(Body):
    stage: Literal_of(TalentStage)
    note: Note = ""
    reason: Note = ""
    version: int | None = None


@operation(bp, "/talents", "GET", summary="List international talents", tag="talents",
           query=TalentQuery, response=page_schema(TALENT), paginated=True,
           permission=("talents", "view"))
def list_talents(query: TalentQuery):
    user = require_user()
    statement = services.talent_query(user, query.model_dump(exclude={"page", "per_page"}))
    return paginate(statement, query, lambda rows: [talent_json(t) for t in rows])


@operation(bp, "/talents", "POST", summary="Create a talent (it starts at identified)",
           tag="talents", body=TalentIn, response=TALENT, status=201, errors=(403,),
           permission=("talents", "create"))
def create_talent(body: TalentIn):
    values = body.model_dump(exclude={"stage"})
    return talent_json(services.create_talent(require_user(), values)), 201


@operation(bp, "/talents/<int:talent_id>", "GET", summary="Read a talent", tag="talents",
           response=TALENT, errors=(404,))
def get_talent(talent_id: int):
    return talent_json(services.get_talent(require_user(), talent_id))


@operation(bp, "/talents/<int:talent_id>", "PATCH", summary="Change a talent", tag="talents",
           body=TalentChange, response=TALENT, errors=(403, 404, 409),
           permission=("talents", "edit"))
def change_talent(talent_id: int, body: TalentChange):
    user = require_user()
    talent = services.get_talent(user, talent_id)
    values = body.model_dump(exclude_unset=True)
    version = values.pop("version")
    for name in list(values):
        if values[name] is None and name != "owner":
            values[name] = ""
    return talent_json(services.update_talent(user, talent, version, values))


@operation(bp, "/talents/<int:talent_id>", "DELETE", summary="Delete a talent (to the bin)",
           tag="talents", status=204, errors=(403, 404),
           permission=("talents", "delete"))
def delete_talent(talent_id: int):
    user = require_user()
    services.delete_talent(user, services.get_talent(user, talent_id))
    return "", 204


@operation(bp, "/talents/<int:talent_id>/stage", "POST", summary="Move a talent to a stage",
           tag="talents", body=TalentStageMove, response=TALENT, errors=(403, 404, 409),
           permission=("talents", "stage"))
def move_talent(talent_id: int, body: TalentStageMove):
    user = require_user()
    talent = services.get_talent(user, talent_id)
    services.move_stage(user, talent, body.stage, body.note, body.reason, body.version)
    return talent_json(talent)


@operation(bp, "/talents/<int:talent_id>/history", "GET",
           summary="The talent's stage history, oldest first", tag="talents",
           response=TALENT_HISTORY, errors=(404,))
def talent_history(talent_id: int):
    talent = services.get_talent(require_user(), talent_id)
    return [{"from": c.from_stage, "to": c.to_stage, "at": iso(c.at),
             "by": c.by.username if c.by else None, "note": c.note, "reason": c.reason}
            for c in services.history(talent)]
