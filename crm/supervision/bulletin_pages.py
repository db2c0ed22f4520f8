"""The bulletin's pages: read and print it (A4, one zone a page when printed by zone),
download it as XLSX, publish it; and the published bulletins, open to anyone."""

from flask import Response, abort, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..access import allowed
from ..errors import Conflict, Invalid
from ..pages import check_button, permission_required, saved
from ..reports import xlsx
from ..zones.services import zones
from . import bp
from . import bulletin as bulletins
from .routes import officers_required, period_arg


def zone_arg() -> str | None:
    zone = request.args.get("zone") or None
    return zone if zone in {z.code for z in zones()} else None


def status_label(status: str) -> str:
    from ..codes import ProgressStatus

    return _("Not reported") if status == bulletins.MISSING else ProgressStatus.label_of(status)


def grouped(bulletin: dict) -> list[tuple[dict, list[dict]]]:
    """Each unit with its items, in the bulletin's order (zones by rank first)."""
    items: dict[str, list] = {}
    for item in bulletin["items"]:
        items.setdefault(item["unit"], []).append(item)
    return [(unit, items.get(unit["unit"], [])) for unit in bulletin["units"]]


def render_bulletin(bulletin: dict, *, public: bool, zone: str | None):
    return render_template(
        "supervision/bulletin.html", bulletin=bulletin, groups=grouped(bulletin),
        public=public, zone=zone, zones=zones(), by_zone=request.args.get("by") == "zone",
        status_label=status_label,
        may_publish=not public and allowed(current_user, "supervision", "publish"))


@bp.route("/supervision/bulletin")
@officers_required
def bulletin():
    zone = zone_arg()
    return render_bulletin(bulletins.bulletin(current_user, period_arg(), zone), public=False,
                           zone=zone)


@bp.route("/supervision/bulletin.xlsx")
@officers_required
def bulletin_xlsx():
    zone = zone_arg()
    found = bulletins.bulletin(current_user, period_arg(), zone)
    return Response(workbook(found), mimetype=xlsx.XLSX, headers={
        "Content-Disposition": f"attachment; filename=bulletin-{found['period']}.xlsx"})


def workbook(bulletin: dict) -> bytes:
    from ..i18n import language

    name = "unit_zh" if language() == "zh" else "unit_en"
    book, sheet = xlsx.book(_("Bulletin %(period)s", period=bulletin["period"]), [
        _("Rank"), _("Unit"), _("Measures"), _("Reported"), _("Not reported"), _("On track"),
        _("Behind"), _("Done"), _("Overdue measures"), _("Overdue rectifications"),
        _("Open coordination items"), _("Overdue coordination items")])
    for unit in bulletin["units"]:
        sheet.append([unit["rank"], xlsx.text(unit[name] or unit["unit"]), unit["measures"],
                      unit["reported"], unit["missing"], unit["on_track"], unit["behind"],
                      unit["done"], unit["overdue"], unit["overdue_rectifications"],
                      unit["open_coordination"], unit["overdue_coordination"]])
    items = book.create_sheet(_("Measures"))
    items.append([_("Number"), _("Measure"), _("Unit"), _("Progress"), _("Overdue"),
                  _("Overdue rectifications"), _("Report")])
    xlsx.bold_row(items)
    title = "title_zh" if language() == "zh" else "title_en"
    for item in bulletin["items"]:
        items.append([item["code"], xlsx.text(item[title]), xlsx.text(item["unit"]),
                      status_label(item["status"]), _("Yes") if item["overdue"] else "",
                      item["overdue_rectifications"], xlsx.text(item["text"])])
    return xlsx.finish(book, sheet)


@bp.route("/supervision/bulletin/<period>/publish", methods=["POST"])
@permission_required("supervision", "publish")
def publish(period: str):
    check_button()
    try:
        bulletins.publish(current_user, period)
    except (Conflict, Invalid):
        abort(409)
    return saved(_("The bulletin of %(period)s is published.", period=period),
                 url_for("supervision.public", period=period))


@bp.route("/public/supervision/<period>")
def public(period: str):
    zone = zone_arg()
    return render_bulletin(bulletins.public(period, zone), public=True, zone=zone)
