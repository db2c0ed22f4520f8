"""JSON Schemas of what the API answers, for openapi.json (requests are pydantic models)."""

from ..codes import (
    Role,
    ZoneLevel,
)
from ..jsonschema import (  # noqa: F401 (the API's modules take them from here)
    BOOL,
    DATE,
    DATETIME,
    DECIMAL,
    INT,
    MONEY,
    NUM,
    STR,
    array,
    enum,
    nullable,
    obj,
)

ERROR = obj(
    {
        "error": obj(
            {
                "code": STR,
                "message": STR,
                "fields": {"type": "object", "additionalProperties": array(STR)},
            },
            required=["code", "message"],
        )
    }
)

ZONE = obj({"code": STR, "name_zh": STR, "name_en": STR, "level": enum(ZoneLevel)})

USER = obj({
    "id": INT, "username": STR, "display_name": STR, "email": STR, "role": enum(Role),
    "zones": array(STR), "company_ids": array(INT), "locale": {"type": "string",
                                                               "enum": ["zh", "en"]},
    "active": BOOL, "version": INT,
})

DUPLICATE = obj({
    "error": obj({"code": {"type": "string", "enum": ["duplicate"]}, "message": STR,
                  "candidates": array(obj({"id": INT, "name_zh": STR, "name_en": STR,
                                           "reasons": array(STR)}))}),
})

GLOBAL500 = array(obj({"year": INT, "rank": INT, "name_en": STR, "name_zh": STR,
                       "company_id": nullable(INT)}))

RATES = array(obj({"currency": STR, "usd_per_unit": {"type": "string"}, "valid_from": DATE}))
