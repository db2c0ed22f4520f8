"""Meeting pages: the list, a meeting, its form, my follow-ups, my calendar and the feed."""


import sqlalchemy as sa
from flask import Response, abort, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from .. import clock
from ..access import allowed, can
from ..auth.feeds import feed_secret, user_for_feed
from ..codes import InteractionKind, Stage, TalentStage
from ..companies.services import countries, country_name
from ..db import aware
from ..exports.pages import download
from ..extensions import db
from ..filters import Day, clean
from ..pages import (
    RecordPages,
    check_button,
    delete_and_return,
    edit_form,
    officers,
    page_of,
    permission_required,
    saved,
    staff_required,
    visible_zones,
    zone_choices,
)
from ..pickers import offer
from ..safety import local_path
from ..zones.services import zones as all_zones
from . import bp, services
from .calendar import feed
from .forms import DoneForm, MeetingForm, conflict_message, meeting_data
from .models import FollowUp

PAGES = RecordPages("interactions.show", "interaction_id", "interactions/form.html", "meeting")
FILTERS = {"kind": InteractionKind, "zone": None, "since": Day, "until": Day, "q": None}


def zone_names() -> dict[str, str]:
    return {zone.code: zone.name for zone in all_zones()}


# -- the timeline on company, project and talent pages ----------------------------------------


@bp.app_template_global("record_timeline")
def record_timeline(*, company=None, project=None, talent=None, changes=None) -> list[dict]:
    """The meetings linked to one record and, for projects and talents, its stage changes
    (``changes``, when the page has read them already): newest first. Each entry is
    {"on": date, "meeting": …} or {"on": date, "change": …, "stages": the stage codes}."""
    given = changes
    user = current_user
    if company is not None:
        meetings = services.for_record(user, company_id=company.id)
        changes, stages = [], None
    elif project is not None:
        from ..projects.services import history

        meetings = services.for_record(user, project_id=project.id)
        changes, stages = given if given is not None else history(project), Stage
    else:
        from ..talents.services import history

        meetings = services.for_record(user, talent_id=talent.id)
        changes, stages = history(talent), TalentStage
    entries = [{"on": m.occurred_on, "rank": 1, "id": m.id, "meeting": m} for m in meetings]
    entries += [{"on": aware(c.at).date(), "rank": 0, "id": c.id, "change": c, "stages": stages}
                for c in changes]
    return sorted(entries, key=lambda e: (e["on"], e["rank"], e["id"]), reverse=True)


@bp.app_template_filter("viewable")
def viewable(records) -> list:
    """Of a meeting's linked records, those the signed-in user may see: a meeting can name a
    project of another zone, whose name must not show to officers of this one."""
    return [record for record in records or [] if services.seen(current_user, record)]


# -- list and one meeting ----------------------------------------------------------------------


@bp.route("/meetings")
@staff_required
def index():
    filters = clean(request.args, FILTERS)
    page = page_of(services.with_relations(
        services.interaction_query(current_user, filters), services.LISTED))
    return render_template(
        "interactions/index.html", meetings=page.items, page=page, filters=filters,
        zones=visible_zones(current_user, "interactions"),
        zone_names=zone_names(), country_name=country_name,
        may_create=allowed(current_user, "interactions", "create"),
    )


@bp.route("/meetings/export")
@staff_required
def export():
    """The list as the page shows it (its filters, every page) in a file."""
    return download("interactions", clean(request.args, FILTERS))


@bp.route("/meetings/<int:interaction_id>")
@staff_required
def show(interaction_id: int):
    record = services.get_interaction(current_user, interaction_id)
    may_edit = can(current_user, "edit", record)
    return render_template(
        "interactions/show.html", meeting=record, zone_names=zone_names(),
        country_name=country_name, may_edit=may_edit,
        may_delete=can(current_user, "delete", record),
        may_close=lambda f: may_edit or f.owner_id == current_user.id,
        today=clock.today(),
    )


@bp.route("/meetings/<int:interaction_id>/delete", methods=["POST"])
@staff_required
def delete(interaction_id: int):
    record = services.get_interaction(current_user, interaction_id, "delete")
    return delete_and_return(record, services.delete_interaction, _("The meeting was deleted."),
                             "interactions.index")


# -- log and edit ------------------------------------------------------------------------------


def prepare(form: MeetingForm, record=None) -> None:
    """Fill the choices: the records, people and zones the user may pick."""
    from ..companies.models import Company, Contact

    user = current_user
    offer(form.company_ids, "companies")
    offer(form.project_ids, "projects")
    offer(form.talent_ids, "talents")
    companies = [int(value) for value, _label in form.company_ids.choices]
    contacts = db.session.execute(
        sa.select(Contact, Company).join(Company, Contact.company_id == Company.id)
        .where(Contact.deleted_at.is_(None), Company.id.in_(companies))
        .order_by(Company.name_en, Company.name_zh, Contact.name_en, Contact.name_zh)
    ).all()
    form.contact_ids.choices = options_grouped(
        (company.name, str(contact.id), contact_label(contact))
        for contact, company in contacts)
    people = officers()
    form.attendees.choices = [(u.username, u.label) for u in people]
    owner_choices = [("", "—")] + [(u.username, u.label) for u in people]
    for row in form.rows():
        row.owner.choices = owner_choices
    form.country.choices = [("", "—")] + countries()
    form.zone.choices = zone_choices(user, "interactions", record)
    if record is None:
        form.zone.choices.insert(0, ("", _("From the linked project or talent")))


def contact_label(contact) -> str:
    name = contact.name
    if contact.name_zh and contact.name_en:
        name = f"{contact.name_en} ({contact.name_zh})"
    return f"{name}, {contact.title}" if contact.title else name


def options_grouped(rows) -> list[SelectChoice]:
    """(group, value, label) rows → choices with an optgroup each."""
    return [SelectChoice(value, label, optgroup=group) for group, value, label in rows]


@bp.route("/meetings/new", methods=["GET", "POST"])
@staff_required
@permission_required("interactions", "create")
def new():
    form = MeetingForm()
    if not form.is_submitted():
        prefill(form)
        form.add_empty_rows()
    prepare(form)
    return PAGES.new(form, lambda: services.create_interaction(current_user, form.values()),
                     _("The meeting was logged."))


def prefill(form: MeetingForm) -> None:
    """A new meeting from a record's page: ?company_id=, ?project_id= or ?talent_id=."""
    from ..projects.models import Project

    form.occurred_on.data = clock.today()
    company_id = request.args.get("company_id", type=int)
    project_id = request.args.get("project_id", type=int)
    talent_id = request.args.get("talent_id", type=int)
    form.company_ids.data = [company_id] if company_id else []
    form.project_ids.data = [project_id] if project_id else []
    form.talent_ids.data = [talent_id] if talent_id else []
    form.attendees.data = [current_user.username]
    if project_id:
        project = db.session.get(Project, project_id)
        if project is not None and can(current_user, "view", project) and not company_id:
            form.company_ids.data = [project.company_id]


@bp.route("/meetings/<int:interaction_id>/edit", methods=["GET", "POST"])
@staff_required
def edit(interaction_id: int):
    record = services.get_interaction(current_user, interaction_id, "edit")
    # the follow-up rows sent are the rows
    form = edit_form(MeetingForm, meeting_data(record, current_user),
                     posted=("version", "follow_ups"))
    if not form.is_submitted():
        form.add_empty_rows()
    prepare(form, record)
    # the service keeps the links the form does not show (services.seen)
    return PAGES.edit(form, record, lambda version: services.update_interaction(
        current_user, record, version, form.values()),
        conflict_message(), _("The meeting was saved."))


# -- follow-ups --------------------------------------------------------------------------------

TEAM_COUNTED = 1000


@bp.route("/follow-ups")
@staff_required
def follow_ups():
    team = request.args.get("team") == "1" and allowed(current_user, "reports", "view")
    # a team's open follow-ups may run to hundreds of thousands: counted up to a bound
    page = page_of(services.follow_up_query(current_user,
                                            owner_id=None if team else current_user.id),
                   count_up_to=TEAM_COUNTED if team else None)
    return render_template(
        "interactions/follow_ups.html", follow_ups=page.items, page=page, team=team,
        today=clock.today(),
        may_see_team=allowed(current_user, "reports", "view"),
    )


@bp.route("/follow-ups/<int:follow_up_id>/done", methods=["POST"])
@staff_required
def follow_up_done(follow_up_id: int):
    follow_up = db.session.get(FollowUp, follow_up_id)
    if follow_up is None or not can(current_user, "view", follow_up.interaction):
        abort(404)
    form = DoneForm()
    if not form.validate_on_submit():
        abort(400)
    done = form.done.data != "0"
    services.set_follow_up_done(current_user, follow_up, done)
    return saved(_("Marked as done: %(title)s", title=follow_up.title) if done
                 else _("Open again: %(title)s", title=follow_up.title),
                 local_path(form.next.data) or url_for("interactions.follow_ups"))


# -- my calendar -------------------------------------------------------------------------------


@bp.route("/me/calendar")
@staff_required
def my_calendar():
    url = url_for("interactions.calendar_feed", token=feed_secret(current_user), _external=True)
    webcal = "webcal://" + url.split("://", 1)[1]
    return render_template("interactions/calendar.html", url=url, webcal=webcal)


@bp.route("/me/calendar/reset", methods=["POST"])
@staff_required
def reset_calendar():
    check_button()
    feed_secret(current_user, reset=True)
    return saved(_("Your calendar has a new address; the old one no longer works."),
                 url_for("interactions.my_calendar"))


@bp.route("/calendar/<token>.ics")
def calendar_feed(token: str):
    """The private feed: no sign-in, the URL's secret is the key (404 when wrong or revoked)."""
    user = user_for_feed(token)
    if user is None:
        abort(404)
    response = Response(feed(user, request.host.split(":")[0]),
                        mimetype="text/calendar")
    response.headers["Content-Disposition"] = 'inline; filename="crm.ics"'
    response.headers["Cache-Control"] = "private, max-age=300"
    return response

