"""Errors that services raise, and one set of handlers: JSON for the API, pages for people."""

from flask import Flask, jsonify, make_response, render_template, request
from flask_babel import gettext as _
from werkzeug.exceptions import HTTPException

from .extensions import db


class ServiceError(Exception):
    status = 400
    code = "bad_request"
    headers: dict[str, str] = {}  # sent with the error's answer (Retry-After, WWW-Authenticate)

    def __init__(self, message: str | None = None, **extra):
        super().__init__(message)
        self.message = message
        self.extra = extra


class Invalid(ServiceError):
    """Invalid data or a broken rule: 422, with messages per field."""

    status = 422
    code = "invalid"

    def __init__(self, fields: dict[str, list[str]] | None = None, message: str | None = None,
                 code: str | None = None):
        super().__init__(message)
        self.fields = {k: list(v) for k, v in (fields or {}).items()}
        if code:
            self.code = code


class Forbidden(ServiceError):
    status = 403
    code = "forbidden"


class NotFound(ServiceError):
    status = 404
    code = "not_found"


class Conflict(ServiceError):
    """A stale version, or a duplicate: 409."""

    status = 409
    code = "conflict"

    def __init__(self, message: str | None = None, code: str | None = None, **extra):
        super().__init__(message, **extra)
        if code:
            self.code = code


class TooManyRequests(ServiceError):
    """A rate limit or a sign-in lockout: 429, with ``Retry-After`` (seconds)."""

    status = 429
    code = "too_many_requests"

    def __init__(self, message: str | None = None, *, retry_after: int):
        super().__init__(message)
        self.headers = {"Retry-After": str(int(retry_after))}


def default_message(status: int) -> str:
    return {
        400: _("The request could not be read."),
        401: _("Please sign in."),
        403: _("You may not do this."),
        404: _("Not found."),
        405: _("This method is not allowed here."),
        409: _("Someone else changed this record; reload it and try again."),
        413: _("The request is too large."),
        422: _("Some values are not valid."),
        429: _("Too many attempts; wait a few minutes and try again."),
        500: _("Something went wrong on our side."),
    }.get(status, _("Something went wrong on our side."))


HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    415: "unsupported_media_type",
    422: "invalid",
    429: "too_many_requests",
    500: "server_error",
}


def json_error(status: int, code: str | None = None, message: str | None = None,
               fields: dict | None = None, **extra):
    body = {"code": code or HTTP_CODES.get(status, "error"),
            "message": message or default_message(status)}
    if fields:
        body["fields"] = fields
    body.update(extra)
    return jsonify(error=body), status


def wants_json() -> bool:
    if request.path.startswith("/api/"):
        return True
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return best == "application/json" and request.accept_mimetypes[best] > request.accept_mimetypes["text/html"]


def configure(app: Flask) -> None:
    @app.errorhandler(ServiceError)
    def service_error(error: ServiceError):
        db.session.rollback()
        if wants_json():
            fields = getattr(error, "fields", None)
            body, status = json_error(error.status, error.code, error.message, fields,
                                      **error.extra)
        else:
            body, status = render_error(error.status, error.message)
        response = make_response(body, status)
        response.headers.update(error.headers)
        return response

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        body, status = json_error(error.code or 500) if wants_json() else render_error(
            error.code or 500)
        response = make_response(body, status)
        # keep what the exception says beyond its page, e.g. Allow on a 405 (RFC 9110)
        for name, value in error.get_headers():
            if name.lower() != "content-type":
                response.headers[name] = value
        return response

    @app.errorhandler(Exception)
    def server_error(error: Exception):
        db.session.rollback()
        app.logger.exception("unhandled error", exc_info=error)
        if app.config.get("PROPAGATE_EXCEPTIONS") and app.testing:
            raise error
        if wants_json():
            return json_error(500)
        return render_error(500)


def render_error(status: int, message: str | None = None):
    if status not in (400, 403, 404, 405, 409, 413, 422, 429, 500):
        status_page = 500 if status >= 500 else 400
    else:
        status_page = status
    return render_template("errors/error.html", status=status, message=message
                           or default_message(status_page)), status
