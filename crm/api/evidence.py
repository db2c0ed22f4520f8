"""A verification's evidence files, /projects/{id}/evidence (API.md "After signing"): managers
and admins add them (multipart field ``file``: PDF, PNG or JPEG by content, at most 10 MiB),
list them and download each; never partners or staff."""

from flask import request, send_file

from .. import jsonschema as s
from ..projects import evidence, services
from . import bp
from .core import operation, require_user

EVIDENCE_SCHEMA = s.obj({"id": s.INT, "filename": s.STR, "content_type": s.STR, "size": s.INT,
                         "by": s.nullable(s.STR), "at": s.DATETIME})
FILE_TYPES = tuple(content_type for _sig, content_type, _suffix in evidence.SIGNATURES)


@operation(bp, "/projects/<int:project_id>/evidence", "GET",
           summary="A project's evidence files (manager, admin), oldest first", tag="projects",
           response=s.array(EVIDENCE_SCHEMA), errors=(404,), permission=("projects", "verify"))
def list_evidence(project_id: int):
    user = require_user()
    project = services.get_project(user, project_id, "verify")
    return [evidence.as_json(e) for e in evidence.evidence_of(user, project)]


@operation(bp, "/projects/<int:project_id>/evidence", "POST",
           summary="Add an evidence file (PDF, PNG or JPEG by content, at most 10 MiB) to a "
           "project's verification", tag="projects", response=EVIDENCE_SCHEMA, status=201,
           upload="file", errors=(404,), permission=("projects", "verify"))
def add_evidence(project_id: int):
    user = require_user()
    project = services.get_project(user, project_id, "verify")
    return evidence.as_json(evidence.add(user, project, request.files.get("file"))), 201


@operation(bp, "/projects/<int:project_id>/evidence/<int:evidence_id>", "GET",
           summary="Download one evidence file", tag="projects", downloads=FILE_TYPES,
           errors=(404,), permission=("projects", "verify"))
def download_evidence(project_id: int, evidence_id: int):
    user = require_user()
    project = services.get_project(user, project_id, "verify")
    found, path = evidence.get(user, project, evidence_id)
    return send_file(path, mimetype=found.content_type, as_attachment=True,
                     download_name=found.filename, max_age=0)
