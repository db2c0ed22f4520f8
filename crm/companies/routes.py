"""Company pages: the list, a company, its forms and the duplicate check, its contacts and the
one-page brief for a visit."""


from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from .. import clock
from ..access import allowed, can
from ..codes import Industry
from ..db import count_of
from ..errors import Conflict, Invalid, NotFound
from ..exports.pages import download
from ..extensions import db
from ..filters import clean
from ..forms import int_or_none
from ..pages import (
    RecordPages,
    check_button,
    edit_form,
    edit_page,
    form_page,
    page_of,
    permission_required,
    saved,
    staff_required,
)
from ..pickers import offer
from . import bp, contacts, merge, services
from .forms import (
    CONTACT_LANGUAGES,
    CompanyForm,
    ContactForm,
    MergeForm,
    company_data,
    contact_data,
)
from .models import Company

PAGES = RecordPages("companies.show", "company_id", "companies/form.html", "company",
                    {"candidates": []})
BRIEF_MEETINGS = 5
BRIEF_PROJECTS = 12


def list_filters() -> dict:
    """The list's filters from the query string, as ``company_query`` takes them."""
    return {"q": request.args.get("q", "").strip() or None,
            "country": request.args.get("country", "").strip().upper() or None,
            "fortune500": {"yes": True, "no": False}.get(request.args.get("fortune500", "")),
            "industry": clean(request.args, {"industry": Industry})["industry"] or None}


@bp.route("/companies")
@staff_required
def index():
    filters = list_filters()
    page = page_of(services.with_relations(services.company_query(current_user, **filters)))
    return render_template(
        "companies/index.html", companies=page.items, page=page,
        q=filters["q"] or "", country=filters["country"] or "", industry=filters["industry"] or "",
        fortune500=request.args.get("fortune500", ""),
        countries=services.countries(), country_name=services.country_name,
        may_create=services.can_create(current_user),
    )


@bp.route("/companies/export")
@staff_required
def export():
    """The list as the page shows it (its filters, every page) in a file."""
    return download("companies", list_filters())


@bp.route("/companies/<int:company_id>")
@staff_required
def show(company_id: int):
    from sqlalchemy.orm import joinedload

    from ..projects.models import Project
    from ..projects.services import project_query

    try:
        company = services.get_company(current_user, company_id, shown=True)
    except NotFound:
        gone = db.session.get(Company, company_id)
        if gone is None or gone.merged_into_id is None:
            raise
        # an old link to a company merged away: to the one it was merged into
        survivor = services.get_company(current_user, gone.merged_into_id)
        flash(_("That company was merged into this one."), "info")
        return redirect(url_for("companies.show", company_id=survivor.id))
    children = db.session.scalars(
        services.company_query(current_user).where(Company.parent_id == company.id)).all()
    # the table shows each project's name, zone, stage and investment: its zone loaded with it
    # (a company may have many projects: their criteria, milestones and payments are not read)
    projects = db.session.scalars(project_query(current_user, {"company_id": company.id})
                                  .options(joinedload(Project.zone))).all()
    return render_template(
        "companies/show.html", company=company, ancestors=company.ancestors(),
        children=children, projects=projects, country_name=services.country_name,
        contacts=contacts.contacts_of([company.id]), language_name=language_name,
        may_edit=can(current_user, "edit", company),
        may_delete=can(current_user, "delete", company),
        may_merge=allowed(current_user, "companies", "merge"),
        may_add_project=allowed(current_user, "projects", "create"),
        may_log=allowed(current_user, "interactions", "create"),
    )


@bp.route("/companies/<int:company_id>/brief")
@staff_required
def brief(company_id: int):
    """One printable page for an upcoming visit: the group, projects, recent meetings and
    what is still open from them."""
    from ..interactions.services import LOADED, interaction_query
    from ..interactions.services import with_relations as meetings_with_relations
    from ..projects.services import project_query, with_relations

    company = services.get_company(current_user, company_id)
    statement = project_query(current_user, {"company_id": company.id})
    projects = db.session.scalars(
        with_relations(statement).limit(BRIEF_PROJECTS)).unique().all()
    meetings = db.session.scalars(meetings_with_relations(
        interaction_query(current_user, {"company_id": company.id}), LOADED
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


def contacts_url(company) -> str:
    return PAGES.url(company) + "#contacts"


def render_contact_form(form, company, contact, status: int = 200):
    return render_template("companies/contact_form.html", form=form, company=company,
                           contact=contact), status


@bp.route("/companies/<int:company_id>/contacts/new", methods=["GET", "POST"])
@staff_required
def new_contact(company_id: int):
    company = contacts.get_company_of_contacts(current_user, company_id, "edit")
    form = ContactForm()
    prepare_contact(form)
    return form_page(
        form, lambda: contacts.create_contact(current_user, company, form.values()),
        done=lambda _contact: saved(_("The contact was added."), contacts_url(company)),
        render=lambda status: render_contact_form(form, company, None, status))


@bp.route("/contacts/<int:contact_id>/edit", methods=["GET", "POST"])
@staff_required
def edit_contact(contact_id: int):
    contact = contacts.get_contact(current_user, contact_id, "edit")
    form = edit_form(ContactForm, contact_data(contact))
    prepare_contact(form, contact)
    company = contact.company
    return edit_page(
        form, contact, lambda version: contacts.update_contact(
            current_user, contact, version, form.values()),
        conflict=_("Someone else changed this contact while you were editing it. Your input "
                   "is kept below: check the current values and save again."),
        done=lambda _contact: saved(_("The contact was saved."), contacts_url(company)),
        render=lambda status: render_contact_form(form, company, contact, status))


@bp.route("/contacts/<int:contact_id>/delete", methods=["POST"])
@staff_required
def delete_contact(contact_id: int):
    contact = contacts.get_contact(current_user, contact_id, "delete")
    check_button()
    contacts.delete_contact(current_user, contact)
    return saved(_("The contact was deleted."), contacts_url(contact.company))


def prepare(form: CompanyForm, company=None) -> None:
    form.country.choices = [("", "—")] + services.countries()
    others = db.session.scalars(services.company_query(current_user)).all()
    form.parent_id.choices = [("", "—")] + [
        (str(c.id), c.name) for c in others if company is None or c.id != company.id]


@bp.route("/companies/new", methods=["GET", "POST"])
@staff_required
@permission_required("companies", "create")
def new():
    form = CompanyForm()
    prepare(form)
    try:
        return PAGES.new(form, lambda: services.create_company(
            current_user, form.values(), allow_duplicate=form.allow_duplicate.data),
            _("The company was added."))
    except Conflict as error:  # a likely duplicate: the candidates, and a box to add it anyway
        db.session.rollback()
        if error.code != "duplicate":
            raise
        form.form_errors.append(error.message)
        return PAGES.render_form(form, None, 409,
                                 candidates=error.extra.get("candidates", []))


@bp.route("/companies/<int:company_id>/edit", methods=["GET", "POST"])
@staff_required
def edit(company_id: int):
    company = services.get_company(current_user, company_id, "edit")
    form = edit_form(CompanyForm, company_data(company))
    prepare(form, company)
    return PAGES.edit(
        form, company, lambda version: services.update_company(
            current_user, company, version, form.values()),
        _("Someone else changed this company while you were editing it. Your input is kept "
          "below: check the current values and save again."),
        _("The company was saved."))


@bp.route("/companies/<int:company_id>/delete", methods=["POST"])
@staff_required
def delete(company_id: int):
    company = services.get_company(current_user, company_id, "delete")
    check_button()
    try:
        services.delete_company(current_user, company)
    except Invalid as error:
        db.session.rollback()
        flash(error.message, "error")
        return redirect(url_for("companies.show", company_id=company_id))
    return saved(_("The company was deleted."), url_for("companies.index"))


def _compared(survivor: Company, duplicate: Company) -> list[tuple[str, str, str]]:
    """(label, the survivor's value, the duplicate's) of the fields a merge fills."""
    from .fields import COMPANY

    def shown(company, name):
        value = getattr(company, name)
        return services.country_name(value) if name == "country" else value

    return [(str(COMPANY.by_name[name].label), shown(survivor, name), shown(duplicate, name))
            for name in merge.FILLED]


@bp.route("/companies/<int:company_id>/merge", methods=["GET", "POST"])
@permission_required("companies", "merge")
def merge_duplicate(company_id: int):
    """Choose the duplicate, see what would move, confirm: the duplicate's records move here
    and it goes to the bin (crm/companies/merge.py)."""
    survivor = services.get_company(current_user, company_id, "edit")
    form = MergeForm()
    offer(form.duplicate_id, "companies", blank=True)
    if not form.validate_on_submit():
        return render_template("companies/merge.html", form=form, company=survivor,
                               duplicate=None), 422 if form.is_submitted() else 200
    duplicate = services.get_company(current_user, form.duplicate_id.data, "edit")
    try:
        merge.check(survivor, duplicate)
        if form.confirmed.data != "1":  # the preview: nothing is written yet
            form.version.data, form.duplicate_version.data = survivor.version, duplicate.version
            form.confirmed.data = "1"
            return render_template("companies/merge.html", form=form, company=survivor,
                                   duplicate=duplicate, moved=merge.moved(duplicate),
                                   compared=_compared(survivor, duplicate))
        merge.merge(current_user, survivor, int_or_none(form.version.data), duplicate,
                    int_or_none(form.duplicate_version.data))
    except (Invalid, Conflict) as error:
        db.session.rollback()
        form.confirmed.data = ""
        form.form_errors.append(
            _("One of the companies changed meanwhile: look again.")
            if isinstance(error, Conflict)
            else " ".join(m for ms in error.fields.values() for m in ms) or error.message)
        return render_template("companies/merge.html", form=form, company=survivor,
                               duplicate=None), 409 if isinstance(error, Conflict) else 422
    return saved(_("The companies were merged: the duplicate is in the bin."),
                 url_for("companies.show", company_id=survivor.id))
