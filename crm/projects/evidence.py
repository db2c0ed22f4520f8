"""A verification's evidence (核实材料, issue 10): the business licence scan and the like, PDF,
PNG or JPEG as their first bytes say (not as their name or the browser claims), at most 10 MiB.

The files live outside the database rows, in ``EVIDENCE_DIR`` (``instance/evidence`` unless
``CRM_EVIDENCE_DIR`` says otherwise), each under a random name; a row holds what a person reads
of it (its name, type, size, who added it and when) and the file's SHA-256. Managers and admins
(who verify) add and read them; staff and partners never do."""

import hashlib
import secrets
from datetime import datetime
from pathlib import Path

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..access import can
from ..db import db, iso, utcnow
from ..errors import Forbidden, Invalid, NotFound

MAX_BYTES = 10 * 1024 * 1024
# the first bytes of each kind allowed → its content type and the stored file's suffix
SIGNATURES = (
    (b"%PDF-", "application/pdf", ".pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png", ".png"),
    (b"\xff\xd8\xff", "image/jpeg", ".jpg"),
)
NAME_LIMIT = 200


class Evidence(db.Model):
    """One file that supports a project's verification."""

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(sa.ForeignKey("project.id"), index=True)
    filename: Mapped[str] = mapped_column(sa.String(NAME_LIMIT))
    content_type: Mapped[str] = mapped_column(sa.String(40))
    size: Mapped[int] = mapped_column(sa.Integer)
    sha256: Mapped[str] = mapped_column(sa.String(64))
    stored_as: Mapped[str] = mapped_column(sa.String(80), unique=True)
    by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id"))
    at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)

    by: Mapped["User | None"] = relationship()  # noqa: F821


def as_json(evidence: Evidence) -> dict:
    return {"id": evidence.id, "filename": evidence.filename,
            "content_type": evidence.content_type, "size": evidence.size,
            "by": evidence.by.username if evidence.by else None, "at": iso(evidence.at)}


def folder() -> Path:
    return Path(current_app.config["EVIDENCE_DIR"])


def _may(user, project) -> None:
    """Those who verify a project read and add its evidence; others learn nothing of it."""
    if not can(user, "verify", project):
        raise Forbidden()


def evidence_of(user, project) -> list[Evidence]:
    """The project's evidence files, oldest first (loaded with it by ``get_project``)."""
    _may(user, project)
    return list(project.evidence)


def sniff(head: bytes) -> tuple[str, str] | None:
    """(content type, suffix) of a file by its first bytes, or None when not allowed."""
    for signature, content_type, suffix in SIGNATURES:
        if head.startswith(signature):
            return content_type, suffix
    return None


def add(user, project, upload) -> Evidence:
    """Keep ``upload`` (a werkzeug FileStorage) as evidence of ``project``: the file is written
    first, then its row; a row that cannot be written takes its file with it."""
    _may(user, project)
    if upload is None or not getattr(upload, "filename", None):
        raise Invalid({"file": [_("Choose a file: a PDF, PNG or JPEG scan.")]})
    content = upload.stream.read(MAX_BYTES + 1)
    if len(content) > MAX_BYTES:
        raise Invalid({"file": [_("A file holds at most 10 MiB.")]})
    if not content:
        raise Invalid({"file": [_("The file is empty.")]})
    kind = sniff(content[:16])
    if kind is None:
        raise Invalid({"file": [_("Only PDF, PNG and JPEG files are accepted (checked by "
                                  "their content).")]})
    content_type, suffix = kind
    name = Path(upload.filename.replace("\\", "/")).name.strip()[:NAME_LIMIT] or "evidence"
    stored_as = secrets.token_hex(16) + suffix
    path = folder() / stored_as
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    try:
        evidence = Evidence(project_id=project.id, filename=name, content_type=content_type,
                            size=len(content), sha256=hashlib.sha256(content).hexdigest(),
                            stored_as=stored_as, by_id=user.id)
        db.session.add(evidence)
        db.session.commit()
    except BaseException:
        db.session.rollback()
        path.unlink(missing_ok=True)
        raise
    return evidence


def get(user, project, evidence_id: int) -> tuple[Evidence, Path]:
    """One file of the project's evidence and where it lies (404 when it is another's)."""
    _may(user, project)
    evidence = db.session.get(Evidence, evidence_id)
    if evidence is None or evidence.project_id != project.id:
        raise NotFound()
    path = folder() / evidence.stored_as
    if not path.is_file():
        raise NotFound(_("The file of this evidence is missing from the server."))
    return evidence, path
