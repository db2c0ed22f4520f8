"""``POST /imports/{kind}?dry_run=1`` (API.md): a CSV or XLSX file (multipart field ``file``)
imported as records of ``kind`` (``crm/imports``); a dry run unless ``dry_run=0``. A write of a
file with any problem is a 422 whose body holds the usual ``error`` and, beside it, the same
report, and writes nothing."""

from flask import request
from flask_babel import gettext as _
from pydantic import Field

from .. import jsonschema as s
from ..errors import Invalid
from ..imports import KINDS, run
from ..imports.files import kept_upload
from . import bp
from .core import Query, operation, require_user

REPORT_SCHEMA = s.obj({
    "dry_run": s.BOOL, "created": s.INT, "updated": s.INT, "unchanged": s.INT,
    "skipped": s.INT,
    "errors": s.array(s.obj({"row": s.INT, "column": s.STR, "header": s.STR,
                             "message": s.STR})),
    "errors_total": s.INT,
    "matched": s.array(s.obj({"row": s.INT, "id": s.INT, "name": s.STR})),
    "matched_total": s.INT,
    "ignored_columns": s.array(s.STR),
})


class ImportQuery(Query):
    dry_run: bool = Field(True, description="1 (the default): report only, write nothing")


def _register(kind: str) -> None:
    def view(query: ImportQuery):
        user = require_user()
        upload = request.files.get("file")
        if upload is None or not upload.filename and not upload.content_length:
            raise Invalid({"file": [_("Send the file (CSV or XLSX) in the multipart field "
                                      "file.")]})
        with kept_upload(upload) as path:
            report = run(user, kind, path, dry_run=query.dry_run)
        if not query.dry_run and report.errors_total:
            return {"error": {"code": "invalid", "message": _(
                "The file has problems; nothing was written.")}} | report.as_json(), 422
        return report.as_json()

    view.__name__ = f"import_{kind}"
    operation(bp, f"/imports/{kind}", "POST", tag="imports", query=ImportQuery,
              summary=f"Import {kind} from a CSV or XLSX file (multipart field file): a dry "
              "run unless dry_run=0; rows and columns of every problem",
              response=REPORT_SCHEMA, upload="file",
              permission=(KINDS[kind].area, "create"))(view)


for _kind in KINDS:
    _register(_kind)
