"""JSON Schema pieces for what the API answers (openapi.json): plain dicts, no imports, so
record declarations can name their schemas without importing the API."""

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
