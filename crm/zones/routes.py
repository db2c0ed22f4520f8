"""Public zone profiles: open to anyone, in either language; admins edit them."""

import re

from flask import render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..access import allowed
from ..pages import admin_required, form_page, saved
from . import bp, services


def split_list(text: str | None) -> list[str]:
    """Industries kept one a line or separated by commas (either language's commas)."""
    return [part.strip() for part in re.split(r"[\n,，、;；]+", text or "") if part.strip()]


@bp.route("/zones")
def index():
    from ..supervision.bulletin import published_periods

    return render_template("zones/index.html", zones=services.zones(),
                           bulletins=published_periods())


@bp.route("/zones/<code>")
def show(code: str):
    zone = services.get_zone(code)
    from ..supervision.bulletin import published_periods

    return render_template(
        "zones/show.html", zone=zone, parks=services.parks_in_order(zone),
        bulletins=published_periods(),
        industries=split_list(zone.industries),
        may_edit=allowed(current_user, "reference", "edit"))


@bp.route("/zones/<code>/edit", methods=["GET", "POST"])
@admin_required
def edit(code: str):
    from .forms import ZoneProfileForm

    zone = services.get_zone(code)
    form = ZoneProfileForm(obj=zone)
    return form_page(
        form, lambda: services.update_zone_profile(current_user, zone, form.values()),
        done=lambda zone: saved(_("The zone profile was saved."),
                                url_for("zones.show", code=zone.code)),
        render=lambda status: (render_template("zones/form.html", form=form, zone=zone), status))
