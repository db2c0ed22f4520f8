"""``GET /api/v1/openapi.json``: built from the operations' own declarations."""

import re

from flask import url_for

from . import bp
from .core import OPERATIONS, operation
from .schemas import DUPLICATE, ERROR

STATUS_TEXT = {
    200: "OK", 201: "Created", 204: "No content", 400: "Malformed JSON",
    401: "No token, or a bad one", 403: "The role may not do this",
    404: "Missing, or hidden from this user", 409: "Version conflict or duplicate",
    413: "Body too large", 422: "Invalid data or a broken rule",
    429: "Too many attempts or requests (Retry-After says how long to wait)",
}

PARAM = re.compile(r"<(?:(\w+):)?(\w+)>")


def _path(rule: str) -> tuple[str, list[dict]]:
    parameters = []
    for converter, name in PARAM.findall(rule):
        kind = {"int": "integer"}.get(converter, "string")
        parameters.append({"name": name, "in": "path", "required": True,
                           "schema": {"type": kind}})
    return PARAM.sub(r"{\2}", rule), parameters


def _model_schema(model, components: dict) -> dict:
    schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
    for name, definition in schema.pop("$defs", {}).items():
        components[name] = definition
    components[model.__name__] = schema
    return {"$ref": f"#/components/schemas/{model.__name__}"}


def _query_parameters(model) -> list[dict]:
    schema = model.model_json_schema()
    required = set(schema.get("required", []))
    parameters = []
    for name, prop in schema.get("properties", {}).items():
        prop = {k: v for k, v in prop.items() if k != "title"}
        parameters.append({"name": name, "in": "query", "required": name in required,
                           "schema": prop})
    return parameters


def build_document() -> dict:
    components: dict = {"Error": ERROR, "Duplicate": DUPLICATE}
    paths: dict = {}
    for op in OPERATIONS:
        path, parameters = _path("/api/v1" + op.rule)
        if op.query is not None:
            parameters = parameters + _query_parameters(op.query)
        responses: dict = {}
        if op.downloads:
            responses[str(op.status)] = {
                "description": STATUS_TEXT.get(op.status, "OK"),
                "content": {media: {"schema": {"type": "string", "format": "binary"}}
                            for media in op.downloads},
            }
        elif op.response is None:
            responses[str(op.status)] = {"description": STATUS_TEXT.get(op.status, "OK")}
        else:
            schema = op.response
            if isinstance(schema, type):
                schema = _model_schema(schema, components)
            for status in (op.status, *op.also):
                responses[str(status)] = {
                    "description": STATUS_TEXT.get(status, "OK"),
                    "content": {"application/json": {"schema": schema}},
                }
        errors = set(op.errors)
        if op.auth:
            errors.update((401, 429))  # 429: the token's rate limit
        if op.body is not None or op.upload:
            errors.update((400, 413, 422))
        if op.query is not None:
            errors.add(422)
        for status in sorted(errors):
            ref = "Duplicate" if status == 409 and op.duplicates else "Error"
            responses[str(status)] = {
                "description": STATUS_TEXT.get(status, "Error"),
                "content": {"application/json": {"schema":
                                                 {"$ref": f"#/components/schemas/{ref}"}}},
            }
        entry = {
            "operationId": op.endpoint,
            "summary": op.summary,
            "tags": [op.tag],
            "parameters": parameters,
            "responses": responses,
        }
        if op.body is not None:
            entry["requestBody"] = {
                "required": not op.body_optional,
                "content": {"application/json": {"schema": _model_schema(op.body, components)}},
            }
        if op.upload:
            entry["requestBody"] = {"required": True, "content": {"multipart/form-data": {
                "schema": {"type": "object", "required": [op.upload], "properties": {
                    op.upload: {"type": "string", "format": "binary"}}}}}}
        if op.auth:
            entry["security"] = [{"bearer": []}]
        else:
            entry["security"] = []
        paths.setdefault(path, {})[op.method.lower()] = entry
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Investment Promotion CRM API",
            "version": "1",
            "description": "The JSON API of the investment-promotion CRM. Codes are those of "
            "DOMAIN.md; errors are {error: {code, message, fields}}.",
        },
        "servers": [{"url": url_for("main.index", _external=True).rstrip("/")}],
        "paths": paths,
        "components": {
            "schemas": components,
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        },
    }


@operation(bp, "/openapi.json", "GET", summary="This document", tag="meta", auth=False,
           response={"type": "object"})
def openapi_document():
    return build_document()
