"""The API's machinery: declared operations, request parsing with per-field errors,
pagination, and the registry that ``openapi.json`` is built from.

An operation declares its path, methods, body and query models (pydantic) and its response
schema once; the same declaration validates requests and documents them.
"""

import json
from dataclasses import dataclass
from functools import wraps
from typing import Any

import sqlalchemy as sa
from flask import current_app, g, request
from flask_babel import gettext as _
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..access import allowed
from ..errors import Forbidden, Invalid, NotFound, ServiceError
from ..pagination import MAX_PER_PAGE, PER_PAGE
from ..pagination import paginate as page_of


class BadRequest(ServiceError):
    status = 400
    code = "bad_request"


class TooLarge(ServiceError):
    status = 413
    code = "too_large"


class Unauthorized(ServiceError):
    status = 401
    code = "unauthorized"


class Body(BaseModel):
    """A request body: unknown fields are refused, text is stripped."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Query(BaseModel):
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)


@dataclass
class Operation:
    rule: str
    method: str
    endpoint: str
    summary: str
    tag: str
    body: type[BaseModel] | None = None
    query: type[BaseModel] | None = None
    response: Any = None  # a pydantic model, a JSON Schema dict, or None (no content)
    status: int = 200
    auth: bool = True
    list_of: bool = False
    paginated: bool = False
    errors: tuple[int, ...] = ()
    body_optional: bool = False
    downloads: tuple[str, ...] = ()  # a file, in one of these media types, instead of JSON
    upload: str | None = None  # a multipart/form-data body with a file in this field
    also: tuple[int, ...] = ()  # other success statuses with the same answer (a replace: 200)
    duplicates: bool = False  # its 409 answers the likely duplicates (schemas.DUPLICATE)


OPERATIONS: list[Operation] = []


def operation(bp, rule: str, method: str, *, summary: str, tag: str, body=None, query=None,
              response=None, status: int = 200, auth: bool = True, list_of: bool = False,
              paginated: bool = False, errors: tuple[int, ...] = (), body_optional: bool = False,
              permission: tuple[str, str] | None = None, downloads: tuple[str, ...] = (),
              upload: str | None = None, also: tuple[int, ...] = (), duplicates: bool = False):
    """Register a view on ``bp`` and in the OpenAPI registry; parse its body and query.

    ``permission`` (area, action) is checked for the role before the body is read, so a role
    that may never do this learns 403, not what its body lacked. With ``body_optional`` an
    empty body reads as ``{}``. ``upload`` names the file field of a multipart body (the
    view reads ``request.files`` itself). ``duplicates``: a 409 names the likely duplicates
    of what was sent rather than a version conflict."""

    def decorator(view):
        endpoint = f"{view.__module__.rsplit('.', 1)[-1]}_{view.__name__}"
        OPERATIONS.append(
            Operation(rule, method, endpoint, summary, tag, body, query, response, status, auth,
                      list_of, paginated, tuple(errors) + ((403,) if permission else ()),
                      body_optional, downloads, upload, tuple(also), duplicates)
        )

        @wraps(view)
        def wrapper(**kwargs):
            if auth:
                user = require_user()
                if permission is not None:
                    require(allowed(user, *permission))
            if any(isinstance(v, int) and v > MAX_INT for v in kwargs.values()):
                raise NotFound()  # no record has such an id; the database could not look
            if query is not None:
                kwargs["query"] = parse(query, request.args.to_dict(flat=True))
            if body is not None:
                empty = body_optional and not request.get_data(cache=True).strip()
                kwargs["body"] = parse(body, {} if empty else read_json())
            return view(**kwargs)

        wrapper.public = not auth
        bp.add_url_rule(rule, endpoint=endpoint, view_func=wrapper, methods=[method])
        return wrapper

    return decorator


def require_user():
    if getattr(g, "api_user", None) is None:
        raise Unauthorized(_("Send a valid token: Authorization: Bearer <token>."))
    return g.api_user


def require(allowed: bool):
    if not allowed:
        raise Forbidden(_("Your role may not do this."))


def read_json() -> Any:
    limit = current_app.config["API_MAX_JSON"]
    if request.content_length is not None and request.content_length > limit:
        raise TooLarge(_("A JSON body holds at most 1 MiB."))
    raw = request.get_data(cache=True)
    if len(raw) > limit:
        raise TooLarge(_("A JSON body holds at most 1 MiB."))
    if not raw.strip():
        raise BadRequest(_("The request body must be a JSON object."))
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise BadRequest(_("The request body is not valid JSON.")) from exc
    if not isinstance(data, dict | list):
        raise BadRequest(_("The request body must be a JSON object."))
    return data


# every whole number a request sends fits a database INTEGER (ids, versions, pages, counts)
MAX_INT = 2**31 - 1


def parse(model: type[BaseModel], data: Any) -> BaseModel:
    if not isinstance(data, dict) and not _is_list_model(model):
        raise Invalid({"": [_("The request body must be a JSON object.")]})
    errors: dict[str, list[str]] = {}
    for path in _paths_of(data, lambda v: isinstance(v, str) and "\x00" in v):
        errors.setdefault(path, []).append(_("Text may not hold NUL characters."))
    if errors:
        raise Invalid(errors)
    try:
        result = model.model_validate(data)
    except ValidationError as exc:
        raise Invalid(field_errors(exc)) from exc
    for path in _paths_of(result, lambda v: isinstance(v, int) and not isinstance(v, bool)
                          and abs(v) > MAX_INT):
        errors.setdefault(path, []).append(_("Must be at most %(n)s.", n=MAX_INT))
    if errors:
        raise Invalid(errors)
    return result


def _paths_of(value: Any, test, path: str = "") -> list[str]:
    """The dotted paths (``name``, ``rows.0.rank``) of the values in ``value`` that pass
    ``test``: in JSON data, and in parsed models and their lists."""
    found = []
    if isinstance(value, BaseModel):
        items = ((name, getattr(value, name)) for name in type(value).model_fields)
    elif isinstance(value, dict):
        items = value.items()
    elif isinstance(value, list | tuple):
        items = enumerate(value)
    else:
        return [path] if test(value) else []
    for key, item in items:
        if _is_list_model(type(value)) and key == "root":
            found += _paths_of(item, test, path)
            continue
        found += _paths_of(item, test, f"{path}.{key}" if path else str(key))
    for key in (value.keys() if isinstance(value, dict) else ()):
        if test(key):
            found.append(f"{path}.{key}" if path else str(key))
    return found


def values_of(body: BaseModel, *, exclude_unset: bool = False,
              exclude: set[str] | frozenset[str] = frozenset()) -> dict:
    """A body's fields as parsed, not serialised: unlike ``model_dump`` it keeps the values
    validators made (``Money`` stays ``Money`` instead of becoming a dict)."""
    return {
        name: getattr(body, name)
        for name in type(body).model_fields
        if name not in exclude and (not exclude_unset or name in body.model_fields_set)
    }


def _is_list_model(model) -> bool:
    from pydantic import RootModel

    return isinstance(model, type) and issubclass(model, RootModel)


def field_errors(exc: ValidationError) -> dict[str, list[str]]:
    fields: dict[str, list[str]] = {}
    for error in exc.errors(include_url=False):
        location = [str(part) for part in error["loc"] if part != "__root__"]
        if location and location[0] == "root":
            location = location[1:]
        name = ".".join(location)
        fields.setdefault(name, []).append(message_for(error))
    return fields


def message_for(error: dict) -> str:
    """A pydantic error, said in the request's language."""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return _("This field is required.")
    if kind == "extra_forbidden":
        return _("Unknown field.")
    if kind == "string_too_long":
        return _("At most %(n)d characters.", n=ctx.get("max_length", 0))
    if kind == "string_too_short":
        return _("This field is required.")
    if kind in ("too_long",):
        return _("At most %(n)d items.", n=ctx.get("max_length", 0))
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return _("Must be a whole number.")
    if kind in ("float_parsing", "float_type", "decimal_parsing", "decimal_type",
                "finite_number"):
        return _("Must be a number.")
    if kind in ("greater_than_equal", "greater_than"):
        return _("Must be at least %(n)s.", n=ctx.get("ge", ctx.get("gt", 0)))
    if kind in ("less_than_equal", "less_than"):
        return _("Must be at most %(n)s.", n=ctx.get("le", ctx.get("lt", 0)))
    if kind.startswith("date") or kind.startswith("datetime"):
        return _("Must be a date written YYYY-MM-DD.")
    if kind in ("bool_parsing", "bool_type"):
        return _("Must be true or false.")
    if kind in ("literal_error", "enum"):
        expected = ctx.get("expected", "")
        return _("Must be one of: %(codes)s.", codes=expected.replace("'", ""))
    if kind in ("list_type", "tuple_type", "set_type"):
        return _("Must be a list.")
    if kind in ("string_type", "string_sub_type"):
        return _("Must be text.")
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return _("Must be an object.")
    if kind == "decimal_max_places":
        return _("At most %(n)d decimal places.", n=ctx.get("decimal_places", 2))
    if kind == "value_error":
        # our own validators raise ValueError with an already translated message
        return str(ctx.get("error", "")) or _("Invalid value.")
    if kind == "string_pattern_mismatch":
        return _("Invalid format.")
    return _("Invalid value.")


# -- lists -------------------------------------------------------------------------------------


# what a reader of the public view (a partner) may filter a list by (API.md)
PUBLIC_FILTERS = frozenset({"zone", "stage", "kind", "q", "sort", "page", "per_page",
                            "format"})  # an export's file format is no filter


def only_public_filters(user, area: str, query: BaseModel) -> None:
    """A reader without the ``internal`` permission filters by the public fields only: any
    other filter would tell, by comparing totals, what they may not read (422 on each)."""
    if allowed(user, area, "internal"):
        return
    refused = sorted(set(query.model_fields_set) - PUBLIC_FILTERS)
    if refused:
        message = _("You may filter only by zone, stage, kind and the search.")
        raise Invalid({name: [message] for name in refused})


class PageQuery(Query):
    page: int = Field(1, ge=1)
    per_page: int = Field(PER_PAGE, ge=1, le=MAX_PER_PAGE)


def paginate(statement: sa.Select, query: PageQuery, serialize, *, entities=True) -> dict:
    """``{"items", "page", "per_page", "total"}`` for a SELECT of one entity (or of plain
    rows with ``entities=False``)."""
    page = page_of(statement, query.page, query.per_page, rows=not entities)
    return {"items": serialize(page.items), "page": page.page, "per_page": page.per_page,
            "total": page.total}


def page_schema(item_schema: dict) -> dict:
    return {
        "type": "object",
        "required": ["items", "page", "per_page", "total"],
        "properties": {
            "items": {"type": "array", "items": item_schema},
            "page": {"type": "integer", "minimum": 1},
            "per_page": {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE},
            "total": {"type": "integer", "minimum": 0},
        },
    }
