from datetime import date

from pydantic import Field

from ..audit import services
from ..audit.models import ACTIONS
from ..db import iso
from ..i18n_codes import Literal_of
from . import bp
from .core import PageQuery, operation, page_schema, paginate, require_user
from .schemas import DATETIME, INT, STR, nullable, obj

ENTRY = obj({"at": DATETIME, "user": nullable(STR),
             "action": {"type": "string", "enum": list(ACTIONS)}, "kind": STR,
             "record_id": nullable(INT), "record_key": nullable(STR),
             "changes": {"type": "object", "additionalProperties": {"type": "array"}}})
BIN_ITEM = obj({"kind": STR, "id": INT, "name": STR, "deleted_at": DATETIME})


class AuditQuery(PageQuery):
    kind: Literal_of(services.KINDS) | None = None
    id: int | None = None
    user: str | None = Field(None, max_length=64)
    since: date | None = None


class BinQuery(PageQuery):
    kind: Literal_of(services.BIN_KINDS) | None = None


def entry_json(entry) -> dict:
    return {"at": iso(entry.at), "user": entry.user.username if entry.user else None,
            "action": entry.action, "kind": entry.kind, "record_id": entry.record_id,
            "record_key": entry.record_key, "changes": entry.changes}


@operation(bp, "/audit", "GET", summary="The audit trail, newest first (manager, admin; "
           "entries about users, their tokens and sign-ins: admin)",
           tag="audit", query=AuditQuery, response=page_schema(ENTRY), paginated=True,
           errors=(403,))
def audit(query: AuditQuery):
    statement = services.audit_query(require_user(), kind=query.kind, record_id=query.id,
                                     username=query.user, since=query.since)
    return paginate(statement, query, lambda rows: [entry_json(e) for e in rows])


@operation(bp, "/bin", "GET", summary="Deleted records (admin)", tag="bin", query=BinQuery,
           response=page_schema(BIN_ITEM), paginated=True, errors=(403,))
def bin_list(query: BinQuery):
    statement = services.bin_query(require_user(), query.kind)
    return paginate(statement, query, lambda rows: [
        {"kind": r.kind, "id": r.id, "name": r.name or "", "deleted_at": iso(r.deleted_at)}
        for r in rows], entities=False)


@operation(bp, "/bin/<kind>/<int:record_id>/restore", "POST",
           summary="Restore a deleted record, whole with its links and history (admin)",
           tag="bin", response={"type": "object"}, errors=(403, 404, 422),
           permission=("bin", "restore"))
def restore(kind: str, record_id: int):
    from .companies import company_json
    from .coordination import item_json
    from .interactions import interaction_json
    from .projects import project_json
    from .talents import talent_json

    user = require_user()
    record = services.restore(user, kind, record_id)
    serialize = {"companies": lambda c: company_json(c, user), "talents": talent_json,
                 "interactions": lambda i: interaction_json(i, user),
                 "projects": lambda p: project_json(p, user), "coordination": item_json}[kind]
    return serialize(record)
