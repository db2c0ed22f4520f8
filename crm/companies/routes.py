"""Company pages: the list, a company, its forms and the duplicate check, its contacts and the
one-page brief for a visit."""


from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from .. import clock
from ..access import allowed, can
from ..errors import Conflict, Invalid
from ..extensions import db
from ..pages import PER_PAGE, count_of, page_number, staff_required
from . import bp, contacts, services
from .forms import CONTACT_LANGUAGES, CompanyForm, ContactForm, company_data, contact_data
from .models import Company

BRIEF_MEETINGS = 5
BRIEF_PROJECTS = 12


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
        services.with_relations(statement).limit(PER_PAGE).offset((page - 1) * PER_PAGE)).all()
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
        contacts=contacts.contacts_of([company.id]), language_name=language_name,
        may_edit=can(current_user, "edit", company),
        may_delete=can(current_user, "delete", company),
        may_add_project=allowed(current_user, "projects", "create"),
        may_log=allowed(current_user, "interactions", "create"),
    )


@bp.route("/companies/<int:company_id>/brief")
@staff_required
def brief(company_id: int):
    """One printable page for an upcoming visit: the group, projects, recent meetings and
    what is still open from them."""
    from ..interactions.services import interaction_query
    from ..interactions.services import with_relations as meetings_with_relations
    from ..projects.services import project_query, with_relations

    company = services.get_company(current_user, company_id)
    statement = project_query(current_user, {"company_id": company.id})
    projects = db.session.scalars(
        with_relations(statement).limit(BRIEF_PROJECTS)).unique().all()
    meetings = db.session.scalars(meetings_with_relations(
        interaction_query(current_user, {"company_id": company.id})
    ).limit(BRIEF_MEETINGS)).all()
    open_follow_ups = sorted((f for m in meetings for f in m.follow_ups if not f.done),
                             key=lambda f: (f.due_on, f.id))
    return render_template(
        "companies/brief.html", company=company, ancestors=company.ancestors(),
        projects=projects, more_projects=max(count_of(statement) - len(projects), 0),
        amounts={p.id: p.total_investment
                 for p in projects},
        meetings=meetings, follow_ups=open_follow_ups, today=clock.today(),
        contacts=contacts.contacts_of([company.id]), country_name=services.country_name,
        language_name=language_name,
    )


# -- contacts ----------------------------------------------------------------------------------


def language_name(code: str | None) -> str:
    from babel import Locale

    from ..i18n import language

    if not code:
        return ""
    names = Locale.parse("zh_Hans_CN" if language() == "zh" else "en").languages
    return names.get(code.split("-")[0], code)


def prepare_contact(form: ContactForm, contact=None) -> None:
    codes = list(CONTACT_LANGUAGES)
    if contact is not None and contact.language and contact.language not in codes:
        codes.append(contact.language)
    form.language.choices = [("", "—")] + [(code, language_name(code)) for code in codes]


@bp.route("/companies/<int:company_id>/contacts/new", methods=["GET", "POST"])
@staff_required
def new_contact(company_id: int):
    company = services.get_company(current_user, company_id, "edit")
    form = ContactForm()
    prepare_contact(form)
    if form.validate_on_submit():
        try:
            contacts.create_contact(current_user, company, form.values())
        except Invalid as error:
            db.session.rollback()
            form.show_errors(error.fields)
        else:
            flash(_("The contact was added."), "success")
            return redirect(url_for("companies.show", company_id=company.id) + "#contacts")
    status = 422 if form.is_submitted() else 200
    return render_template("companies/contact_form.html", form=form, company=company,
                           contact=None), status


@bp.route("/contacts/<int:contact_id>/edit", methods=["GET", "POST"])
@staff_required
def edit_contact(contact_id: int):
    contact = contacts.get_contact(current_user, contact_id, "edit")
    data = contact_data(contact)
    if request.method == "POST":
        data.pop("version")
    form = ContactForm(data=data)
    prepare_contact(form, contact)
    company = contact.company
    status = 422 if form.is_submitted() else 200
    if form.validate_on_submit():
        status = form.save_edit(contact, lambda version: contacts.update_contact(
            current_user, contact, version, form.values()),
            _("Someone else changed this contact while you were editing it. Your input is "
              "kept below: check the current values and save again."))
        if status is None:
            flash(_("The contact was saved."), "success")
            return redirect(url_for("companies.show", company_id=company.id) + "#contacts")
    return render_template("companies/contact_form.html", form=form, company=company,
                           contact=contact), status


@bp.route("/contacts/<int:contact_id>/delete", methods=["POST"])
@staff_required
def delete_contact(contact_id: int):
    from ..auth.forms import EmptyForm

    contact = contacts.get_contact(current_user, contact_id, "delete")
    if not EmptyForm().validate_on_submit():
        abort(400)
    contacts.delete_contact(current_user, contact)
    flash(_("The contact was deleted."), "success")
    return redirect(url_for("companies.show", company_id=contact.company_id) + "#contacts")


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
    status = 422 if form.is_submitted() else 200
    if form.validate_on_submit():
        status = form.save_edit(company, lambda version: services.update_company(
            current_user, company, version, form.values()),
            _("Someone else changed this company while you were editing it. Your input is "
              "kept below: check the current values and save again."))
        if status is None:
            flash(_("The company was saved."), "success")
            return redirect(url_for("companies.show", company_id=company.id))
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
