"""JSON Schemas of what the API answers, for openapi.json (requests are pydantic models)."""

from ..codes import (
    Criterion,
    Likelihood,
    ParkCategory,
    ParkType,
    ProjectKind,
    Role,
    Stage,
    TechLevel,
    ZoneLevel,
)

STR = {"type": "string"}
INT = {"type": "integer"}
NUM = {"type": "number"}
BOOL = {"type": "boolean"}
DATE = {"type": "string", "format": "date"}
DATETIME = {"type": "string", "format": "date-time"}
DECIMAL = {"type": "string", "pattern": r"^\d+(\.\d{1,2})?$"}


def nullable(schema: dict) -> dict:
    return {"anyOf": [schema, {"type": "null"}]}


def enum(codes) -> dict:
    return {"type": "string", "enum": codes.codes()}


def obj(properties: dict, required: list[str] | None = None) -> dict:
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties) if required is None else required,
    }


def array(items: dict) -> dict:
    return {"type": "array", "items": items}


MONEY = obj({"amount": DECIMAL, "currency": {"type": "string", "pattern": "^[A-Z]{3}$"}})

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

PARK = obj({"id": INT, "zone": STR, "name_zh": STR, "name_en": STR,
            "category": enum(ParkCategory), "version": INT})

USER = obj({
    "id": INT, "username": STR, "display_name": STR, "email": STR, "role": enum(Role),
    "zones": array(STR), "company_ids": array(INT), "locale": {"type": "string",
                                                               "enum": ["zh", "en"]},
    "active": BOOL, "version": INT,
})

COMPANY = obj({
    "id": INT, "name_zh": STR, "name_en": STR, "country": STR, "industry": STR,
    "website": STR, "phone": STR, "notes": STR, "parent_id": nullable(INT), "fortune500": BOOL,
    "fortune500_entry": nullable(obj({"year": INT, "rank": INT, "name_en": STR, "name_zh": STR,
                                      "company_id": nullable(INT)})),
    "version": INT, "created_at": DATETIME, "updated_at": DATETIME,
})

DUPLICATE = obj({
    "error": obj({"code": {"type": "string", "enum": ["duplicate"]}, "message": STR,
                  "candidates": array(obj({"id": INT, "name_zh": STR, "name_en": STR,
                                           "reasons": array(STR)}))}),
})

FLAGS = obj({"mega": BOOL, "fortune500": BOOL, "shuangbai_candidate": BOOL})

PROJECT = obj({
    "id": INT, "name_zh": STR, "name_en": STR, "company_id": INT, "zone": STR,
    "park_id": nullable(INT), "kind": enum(ProjectKind), "stage": enum(Stage),
    "criteria": array(enum(Criterion)), "tech_level": nullable(enum(TechLevel)),
    "park_type": array(enum(ParkType)),
    "total_investment": nullable(MONEY), "total_investment_usd": nullable(DECIMAL),
    "productive": BOOL, "two_high_one_low": BOOL, "land_mu": nullable(NUM),
    "annual_output": nullable(MONEY), "annual_tax": nullable(MONEY),
    "likelihood": nullable(enum(Likelihood)), "estimated_land_date": nullable(DATE),
    "new_jobs": nullable(INT), "competing_locations": array(STR),
    "paid_in": nullable(MONEY), "paid_in_on": nullable(DATE),
    "signed_on": nullable(DATE), "registered_on": nullable(DATE),
    "registered_capital": nullable(MONEY), "foreign_capital": nullable(MONEY),
    "verified": nullable(obj({"by": STR, "at": DATETIME})),
    "owner": nullable(STR), "public_summary": STR, "notes": STR, "flags": FLAGS,
    "version": INT, "created_at": DATETIME, "updated_at": DATETIME,
})

PARTNER_PROJECT = obj({
    "id": INT, "name_zh": STR, "name_en": STR, "zone": STR, "kind": enum(ProjectKind),
    "stage": enum(Stage), "total_investment": nullable(MONEY), "public_summary": STR,
})

HISTORY = array(obj({"from": nullable(enum(Stage)), "to": enum(Stage), "at": DATETIME,
                     "by": nullable(STR), "note": STR}))

GLOBAL500 = array(obj({"year": INT, "rank": INT, "name_en": STR, "name_zh": STR,
                       "company_id": nullable(INT)}))

RATES = array(obj({"currency": STR, "usd_per_unit": {"type": "string"}, "valid_from": DATE}))
