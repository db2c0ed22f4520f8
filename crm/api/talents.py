from pydantic import Field

from ..codes import TalentStage, TalentType
from ..i18n_codes import Literal_of
from ..talents import services
from ..talents.fields import TALENT
from ..talents.models import Talent
from . import bp
from .core import Body, PageQuery, operation, page_schema, paginate, require_user, values_of
from .fields import Name, history_json, history_schema, in_request_language, stage_move


def talent_json(talent: Talent) -> dict:
    return TALENT.to_json(talent, internal=True)


TALENT_SCHEMA = TALENT.response_schema()
TalentIn = TALENT.body(Body, "In", creating=True, extra={
    # new talents start here
    "stage": (Literal_of((TalentStage.IDENTIFIED.value,)) | None, None),
    # field: written in the request's language (``in_request_language``)
    "field": (Name | None, None)})
TalentChange = TALENT.body(Body, "Change", extra={"version": (int, ...),
                                                  "field": (Name | None, None)})


class TalentQuery(PageQuery):
    talent_type: Literal_of(TalentType) | None = None
    stage: Literal_of(TalentStage) | None = None
    zone: str | None = Field(None, max_length=16)
    nationality: str | None = Field(None, max_length=2)
    q: str | None = Field(None, max_length=200)


TalentStageMove = stage_move(TalentStage)


@operation(bp, "/talents", "GET", summary="List international talents", tag="talents",
           query=TalentQuery, response=page_schema(TALENT_SCHEMA), paginated=True,
           permission=("talents", "view"))
def list_talents(query: TalentQuery):
    user = require_user()
    statement = services.with_relations(
        services.talent_query(user, query.model_dump(exclude={"page", "per_page"})))
    return paginate(statement, query, lambda rows: [talent_json(t) for t in rows])


@operation(bp, "/talents", "POST", summary="Create a talent (it starts at identified)",
           tag="talents", body=TalentIn, response=TALENT_SCHEMA, status=201, errors=(403,),
           permission=("talents", "create"))
def create_talent(body: TalentIn):
    values = in_request_language(body, values_of(body, exclude={"stage"}), "field")
    return talent_json(services.create_talent(require_user(), values)), 201


@operation(bp, "/talents/<int:talent_id>", "GET", summary="Read a talent", tag="talents",
           response=TALENT_SCHEMA, errors=(404,))
def get_talent(talent_id: int):
    return talent_json(services.get_talent(require_user(), talent_id))


@operation(bp, "/talents/<int:talent_id>", "PATCH", summary="Change a talent", tag="talents",
           body=TalentChange, response=TALENT_SCHEMA, errors=(403, 404, 409),
           permission=("talents", "edit"))
def change_talent(talent_id: int, body: TalentChange):
    user = require_user()
    talent = services.get_talent(user, talent_id)
    values = TALENT.sent(in_request_language(body, values_of(body, exclude_unset=True),
                                             "field"))
    version = values.pop("version")
    return talent_json(services.update_talent(user, talent, version, values))


@operation(bp, "/talents/<int:talent_id>", "DELETE", summary="Delete a talent (to the bin)",
           tag="talents", status=204, errors=(403, 404),
           permission=("talents", "delete"))
def delete_talent(talent_id: int):
    user = require_user()
    services.delete_talent(user, services.get_talent(user, talent_id))
    return "", 204


@operation(bp, "/talents/<int:talent_id>/stage", "POST", summary="Move a talent to a stage",
           tag="talents", body=TalentStageMove, response=TALENT_SCHEMA, errors=(403, 404, 409),
           permission=("talents", "stage"))
def move_talent(talent_id: int, body: TalentStageMove):
    user = require_user()
    talent = services.get_talent(user, talent_id)
    services.move_stage(user, talent, body.stage, body.note, body.reason, body.version)
    return talent_json(talent)


@operation(bp, "/talents/<int:talent_id>/history", "GET",
           summary="The talent's stage history, oldest first", tag="talents",
           response=history_schema(TalentStage), errors=(404,))
def talent_history(talent_id: int):
    talent = services.get_talent(require_user(), talent_id)
    return history_json(services.history(talent))
