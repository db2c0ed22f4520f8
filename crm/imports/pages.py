"""The import pages: for each list, upload a file, read the dry run's report, then "Confirm
import"; while a run works, its page asks ``progress`` how far it got. The file waits server-side between the two steps (``files.keep``, a random token in
``instance/imports/``) and is removed once confirmed. The template of each kind downloads as
XLSX in the reader's language."""

from contextlib import contextmanager

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from .. import clock
from ..access import allowed
from ..errors import ServiceError
from ..exports.sheet import XLSX_TYPE
from ..pages import staff_required
from . import files, template
from .kinds import KINDS
from .runner import run

bp = Blueprint("imports", __name__)
LISTS = {"projects": "projects.index", "companies": "companies.index",
         "talents": "talents.index", "interactions": "interactions.index"}


@bp.app_template_global()
def import_url(kind: str) -> str | None:
    """The import page of a list, for the list's page: None when the user may not import."""
    if kind in KINDS and allowed(current_user, KINDS[kind].area, "create"):
        return url_for("imports.upload", kind=kind)
    return None


def _kind(kind: str):
    if kind not in KINDS:
        abort(404)
    importer = KINDS[kind]
    if not allowed(current_user, importer.area, "create"):
        abort(403)
    return importer


def _page(importer, report=None, token=None, error=None, status=200):
    return render_template(
        "imports/page.html", importer=importer, report=report, token=token, error=error,
        list_url=url_for(LISTS[importer.kind]), max_mb=current_app.config["IMPORT_MAX_MB"],
        header_of=lambda e: e.get("header") or e.get("column") or "",
    ), status


@bp.route("/imports/<kind>", methods=["GET", "POST"])
@staff_required
def upload(kind: str):
    importer = _kind(kind)
    if request.method == "GET":
        return _page(importer)
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        return _page(importer, error=_("Choose a CSV or XLSX file first."), status=422)
    try:
        token, path = files.keep(upload, current_user)
        with _progress() as progress:
            report = run(current_user, kind, path, dry_run=True, progress=progress)
    except ServiceError as exc:
        return _page(importer, error=exc.message, status=exc.status)
    if report.errors_total:
        path.unlink(missing_ok=True)
        token = None
    return _page(importer, report=report, token=token)


@bp.route("/imports/<kind>/confirm", methods=["POST"])
@staff_required
def confirm(kind: str):
    importer = _kind(kind)
    path = files.kept(request.form.get("token", ""), current_user)
    if path is None:
        return _page(importer, error=_("That upload is no longer here; upload the file "
                                       "again."), status=422)
    try:
        with _progress() as progress:
            report = run(current_user, kind, path, dry_run=False, progress=progress)
    except ServiceError as exc:
        return _page(importer, error=exc.message, status=exc.status)
    finally:
        path.unlink(missing_ok=True)
    if report.errors_total:
        return _page(importer, report=report,
                     error=_("The file has problems; nothing was written."), status=422)
    flash(_("Imported: %(created)d created, %(updated)d updated, %(unchanged)d unchanged.",
            created=report.created, updated=report.updated, unchanged=report.unchanged),
          "success")
    return redirect(url_for(LISTS[kind]))


@contextmanager
def _progress():
    """How far the run got, written where ``progress`` reads it (when the page's script gave
    the run an id), and removed after."""
    path = files.progress_file(current_user, request.form.get("progress", ""))
    if path is None:
        yield None
        return
    try:
        yield lambda row: path.write_text(str(row))
    finally:
        path.unlink(missing_ok=True)


@bp.route("/imports/<kind>/progress/<ident>")
@staff_required
def progress(kind: str, ident: str):
    """``{"row": N}``: the last row a running import of the user's has read (null: none)."""
    _kind(kind)
    return {"row": files.progress_of(current_user, ident)}


@bp.route("/imports/<kind>/template.xlsx")
@staff_required
def template_file(kind: str):
    importer = _kind(kind)
    name = f"{kind}-template-{clock.today().isoformat()}.xlsx"
    return template.workbook(importer), 200, {
        "Content-Type": XLSX_TYPE, "Content-Disposition": f'attachment; filename="{name}"',
        "Cache-Control": "private, no-store"}
