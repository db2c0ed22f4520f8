"""The verification card of a project's page (managers, admins): its evidence files, uploaded
and downloaded, and the verification itself (核实) with a note — the same services as the API's
``/projects/{id}/verify`` and ``/projects/{id}/evidence``."""

from flask import flash, redirect, send_file, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import StringField, SubmitField
from wtforms.validators import Length

from ..errors import Invalid
from ..extensions import db
from ..pages import permission_required
from ..stages import NOTE_LIMIT
from . import bp, evidence, services


class EvidenceForm(FlaskForm):
    file = FileField(_l("Evidence file (PDF, PNG or JPEG, at most 10 MiB)"))
    submit = SubmitField(_l("Upload"))


class VerifyForm(FlaskForm):
    note = StringField(_l("Verification note"), validators=[Length(max=NOTE_LIMIT)])
    submit = SubmitField(_l("Verify"))


def card(project) -> dict:
    """What the project page shows of its verification to one who may verify (else nothing)."""
    from ..access import can

    if not can(current_user, "verify", project):
        return {}
    return {"evidence": evidence.evidence_of(current_user, project),
            "evidence_form": EvidenceForm(formdata=None),
            "verify_form": VerifyForm(formdata=None),
            # the service's own rule: a project that has reached registered is verified
            "verifiable": project.verifiable}


def _back(project_id: int):
    return redirect(url_for("projects.show", project_id=project_id) + "#verification")


def _refused(error: Invalid, project_id: int):
    db.session.rollback()
    flash(" ".join(m for ms in error.fields.values() for m in ms) or error.message, "error")
    return _back(project_id)


@bp.route("/projects/<int:project_id>/evidence", methods=["POST"])
@permission_required("projects", "verify")
def upload_evidence(project_id: int):
    project = services.get_project(current_user, project_id, "verify")
    form = EvidenceForm()
    if not form.validate_on_submit():
        flash(_("The upload was refused: try again."), "error")
        return _back(project_id)
    try:
        evidence.add(current_user, project, form.file.data)
    except Invalid as error:
        return _refused(error, project_id)
    flash(_("The file was added to the project's evidence."), "success")
    return _back(project_id)


@bp.route("/projects/<int:project_id>/evidence/<int:evidence_id>")
@permission_required("projects", "verify")
def download_evidence(project_id: int, evidence_id: int):
    project = services.get_project(current_user, project_id, "verify")
    found, path = evidence.get(current_user, project, evidence_id)
    return send_file(path, mimetype=found.content_type, as_attachment=True,
                     download_name=found.filename, max_age=0)


@bp.route("/projects/<int:project_id>/verify", methods=["POST"])
@permission_required("projects", "verify")
def verify(project_id: int):
    project = services.get_project(current_user, project_id, "verify")
    form = VerifyForm()
    if not form.validate_on_submit():
        flash(" ".join(form.note.errors) or _("The upload was refused: try again."), "error")
        return _back(project_id)
    try:
        services.verify_project(current_user, project, form.note.data or "")
    except Invalid as error:
        return _refused(error, project_id)
    flash(_("The project is verified."), "success")
    return _back(project_id)
