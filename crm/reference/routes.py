"""Reference lists for administrators: the Fortune Global 500, the 双百 list and exchange
rates."""


from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..errors import Invalid, NotFound
from ..extensions import db
from ..pages import admin_required
from . import bp, services
from .forms import (
    LinkForm,
    ListUploadForm,
    RateForm,
    ShuangbaiUploadForm,
    UnreadableFile,
    read_list,
    read_shuangbai,
)
from .models import Global500Entry
from .shuangbai import newest_shuangbai_year, replace_shuangbai, shuangbai_entries, shuangbai_years


def row_messages(fields: dict) -> list[str]:
    """Service messages keyed "<row index>.<field>" as "Row n (field): message"."""
    messages = []
    for key, found in fields.items():
        index, _dot, name = key.partition(".")
        for message in found:
            if index.isdigit():
                messages.append(_("Row %(n)d (%(field)s): %(message)s", n=int(index) + 1,
                                  field=name, message=message))
            else:
                messages.append(message)
    return messages


@bp.route("/reference")
@admin_required
def index():
    return render_template("reference/index.html", newest=services.newest_year(),
                           rate_count=len(services.list_rates()))


@bp.route("/reference/global500", methods=["GET"])
@admin_required
def global500():
    newest = services.newest_year()
    year = request.args.get("year", type=int) or newest
    upload = ListUploadForm(formdata=None, year=year)
    return render_list(year, upload)


def render_list(year, upload, status=200):
    from sqlalchemy import func, select

    years = db.session.scalars(
        select(Global500Entry.year).group_by(Global500Entry.year)
        .order_by(Global500Entry.year.desc())).all()
    rows = services.entries(year, with_companies=True) if year else []
    linked = db.session.scalar(
        select(func.count()).select_from(Global500Entry)
        .where(Global500Entry.year == year, Global500Entry.company_id.is_not(None))) if year else 0
    return render_template("reference/global500.html", year=year, years=years, rows=rows,
                           upload=upload, link_form=LinkForm(formdata=None), linked=linked,
                           newest=services.newest_year()), status


@bp.route("/reference/global500/upload", methods=["POST"])
@admin_required
def upload_global500():
    return replace_from_upload(ListUploadForm(), read_list, services.replace_list,
                               "reference.global500", render_list)


def replace_from_upload(form, read, replace, endpoint: str, render):
    """A reference list of a year replaced by an uploaded file: ``read`` gives its rows,
    ``replace(year, rows)`` writes them all or none; a file that cannot be read, or a bad row,
    shows beside the file field (422)."""
    if form.validate_on_submit():
        storage = form.file.data
        try:
            created = replace(form.year.data, read(storage.filename or "", storage.read()))
        except UnreadableFile as error:
            form.file.errors = [*form.file.errors, str(error)]
        except Invalid as error:
            db.session.rollback()
            form.file.errors = [*form.file.errors, *row_messages(error.fields)]
        else:
            flash(_("The %(year)d list now has %(n)d entries.", year=form.year.data,
                    n=len(created)), "success")
            return redirect(url_for(endpoint, year=form.year.data))
    return render(form.year.data if not form.year.errors else None, form, 422)


@bp.route("/reference/global500/<int:entry_id>/link", methods=["POST"])
@admin_required
def link_global500(entry_id: int):
    from ..companies.services import get_company

    entry = db.session.get(Global500Entry, entry_id)
    if entry is None:
        abort(404)
    form = LinkForm()
    if not form.validate_on_submit():
        flash(_("Give a company number, or leave it empty to unlink."), "error")
        return redirect(url_for("reference.global500", year=entry.year))
    company_id = form.company_id.data
    if company_id is not None:
        try:
            company = get_company(current_user, company_id)
        except NotFound:
            flash(_("There is no company number %(id)d.", id=company_id), "error")
            return redirect(url_for("reference.global500", year=entry.year))
        services.link_entry(entry, company.id)
        flash(_("Rank %(rank)d is now linked to %(name)s.", rank=entry.rank, name=company.name),
              "success")
    else:
        services.link_entry(entry, None)
        flash(_("Rank %(rank)d is no longer linked by hand.", rank=entry.rank), "success")
    return redirect(url_for("reference.global500", year=entry.year))


@bp.route("/reference/shuangbai")
@admin_required
def shuangbai():
    year = request.args.get("year", type=int) or newest_shuangbai_year()
    return render_shuangbai(year, ShuangbaiUploadForm(formdata=None, year=year))


def render_shuangbai(year, upload, status=200):
    rows = shuangbai_entries(year) if year else []
    return render_template("reference/shuangbai.html", year=year, years=shuangbai_years(),
                           rows=rows, upload=upload), status


@bp.route("/reference/shuangbai/upload", methods=["POST"])
@admin_required
def upload_shuangbai():
    return replace_from_upload(
        ShuangbaiUploadForm(), read_shuangbai,
        lambda year, rows: replace_shuangbai(current_user, year, rows),
        "reference.shuangbai", render_shuangbai)


@bp.route("/reference/rates", methods=["GET", "POST"])
@admin_required
def rates():
    form = RateForm()
    status = 200
    if form.validate_on_submit():
        try:
            services.save_rates([{"currency": form.currency.data,
                                  "usd_per_unit": form.usd_per_unit.data.strip(),
                                  "valid_from": form.valid_from.data}])
        except Invalid as error:
            db.session.rollback()
            for key, messages in error.fields.items():
                target = form._fields.get(key.partition(".")[2], form.currency)
                target.errors = [*(target.errors or []), *messages]
        else:
            flash(_("The rate was saved."), "success")
            return redirect(url_for("reference.rates"))
    if form.is_submitted():
        status = 422
    return render_template("reference/rates.html", form=form, rates=services.list_rates()), status
