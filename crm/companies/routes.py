"""Company pages: the list, a company, its forms and the duplicate check."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm import joinedload

from ..access import allowed, can
from ..errors import Conflict, Invalid
from ..extensions import db
from ..projects.routes import PER_PAGE, count_of, page_number, staff_required
from . import bp, services
from .forms import CompanyForm, company_data
from .models import Company


@bp.route("/companies")
@staff_required
def index():
    q = request.args.get("q", "").strip()
    country = request.args.get("country", "").strip().upper()
    fortune500 = {"yes": True, "no": False}.get(request.args.get("fortune500", ""))
    statement = services.company_query(current_user, q=q or None, country=country or None,
                                       fortune500=fortune500)
    total = count_of(statement)
    page = page_number()
    companies = db.session.scalars(
        statement.options(joinedload(Company.fortune500_entry))
        .limit(PER_PAGE).offset((page - 1) * PER_PAGE)).all()
    return render_template(
        "companies/index.html", companies=companies, total=total, page=page,
        per_page=PER_PAGE, q=q, country=country, fortune500=request.args.get("fortune500", ""),
        countries=services.countries(), country_name=services.country_name,
        may_create=services.can_create(current_user),
    )


@bp.route("/companies/<int:company_id>")
@staff_required
def show(company_id: int):
    from ..projects.services import project_query, with_relations

    company = services.get_company(current_user, company_id)
    children = db.session.scalars(
        services.company_query(current_user).where(Company.parent_id == company.id)).all()
    projects = db.session.scalars(
        with_relations(project_query(current_user, {"company_id": company.id}))
    ).unique().all()
    return render_template(
        "companies/show.html", company=company, ancestors=company.ancestors(),
        children=children, projects=projects, country_name=services.country_name,
        may_edit=can(current_user, "edit", company),
        may_delete=can(current_user, "delete", company),
        may_add_project=allowed(current_user, "projects", "create"),
    )


def prepare(form: CompanyForm, company=None) -> None:
    form.country.choices = [("", "—")] + services.countries()
    others = db.session.scalars(services.company_query(current_user)).all()
    form.parent_id.choices = [("", "—")] + [
        (str(c.id), c.name) for c in others if company is None or c.id != company.id]


@bp.route("/companies/new", methods=["GET", "POST"])
@staff_required
def new():
    if not services.can_create(current_user):
        abort(403)
    form = CompanyForm()
    prepare(form)
    candidates = []
    if form.validate_on_submit():
        try:
            company = services.create_company(current_user, form.values(),
                                              allow_duplicate=form.allow_duplicate.data)
        except Invalid as error:
            db.session.rollback()
            form.show_errors(error.fields)
        except Conflict as error:
            db.session.rollback()
            if error.code != "duplicate":
                raise
            candidates = error.extra.get("candidates", [])
            form.form_errors.append(error.message)
            return render_template("companies/form.html", form=form, company=None,
                                   candidates=candidates), 409
        else:
            flash(_("The company was added."), "success")
            return redirect(url_for("companies.show", company_id=company.id))
    status = 422 if form.is_submitted() else 200
    return render_template("companies/form.html", form=form, company=None,
                           candidates=candidates), status


@bp.route("/companies/<int:company_id>/edit", methods=["GET", "POST"])
@staff_required
def edit(company_id: int):
    company = services.get_company(current_user, company_id, "edit")
    data = company_data(company)
    if request.method == "POST":
        data.pop("version")
    form = CompanyForm(data=data)
    prepare(form, company)
    if form.validate_on_submit():
        version = int(form.version.data) if (form.version.data or "").isdigit() else None
        try:
            services.update_company(current_user, company, version, form.values())
        except Invalid as error:
            db.session.rollback()
            form.show_errors(error.fields)
        except Conflict:
            db.session.rollback()
            db.session.refresh(company)
            form.form_errors.append(_("Someone else changed this company while you were "
                                      "editing it. Your input is kept below: check the "
                                      "current values and save again."))
            form.version.data = str(company.version)
            return render_template("companies/form.html", form=form, company=company,
                                   candidates=[]), 409
        else:
            flash(_("The company was saved."), "success")
            return redirect(url_for("companies.show", company_id=company.id))
    status = 422 if form.is_submitted() else 200
    return render_template("companies/form.html", form=form, company=company,
                           candidates=[]), status


@bp.route("/companies/<int:company_id>/delete", methods=["POST"])
@staff_required
def delete(company_id: int):
    from ..auth.forms import EmptyForm

    company = services.get_company(current_user, company_id, "delete")
    if not EmptyForm().validate_on_submit():
        abort(400)
    try:
        services.delete_company(current_user, company)
    except Invalid as error:
        db.session.rollback()
        flash(error.message, "error")
        return redirect(url_for("companies.show", company_id=company_id))
    flash(_("The company was deleted."), "success")
    return redirect(url_for("companies.index"))
