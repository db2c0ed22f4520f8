"""``flask --app wsgi crm remind`` (for cron): each active user's today page (follow-ups,
warned projects, landing dates, this month's milestones) in their own language, by e-mail
when ``CRM_SMTP_URL`` is set, printed otherwise. Users with nothing to see to get nothing."""

import smtplib
import ssl
from collections.abc import Callable
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formataddr
from urllib.parse import parse_qs, unquote, urlsplit

import sqlalchemy as sa
from flask import current_app
from flask_babel import force_locale, format_date
from flask_babel import gettext as _

from ..access import allowed
from ..auth.models import User
from ..db import db
from . import services


@dataclass(frozen=True)
class Smtp:
    host: str
    port: int
    tls: bool  # TLS from the start (smtps://)
    starttls: bool
    username: str | None
    password: str | None


def smtp_of(url: str) -> Smtp:
    """``smtp://[user:pass@]host[:port][?starttls=1]`` or ``smtps://…``; ValueError when it is
    not such an address."""
    parts = urlsplit(url)
    if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
        raise ValueError(f"CRM_SMTP_URL must be smtp://host:port or smtps://host:port: {url!r}")
    flag = (parse_qs(parts.query).get("starttls") or [""])[0].lower()
    return Smtp(host=parts.hostname, port=parts.port or (465 if parts.scheme == "smtps" else 25),
                tls=parts.scheme == "smtps", starttls=flag in ("1", "true", "yes"),
                username=unquote(parts.username) if parts.username else None,
                password=unquote(parts.password) if parts.password else None)


def _connect(smtp: Smtp) -> smtplib.SMTP:
    context = ssl.create_default_context()
    server = (smtplib.SMTP_SSL(smtp.host, smtp.port, timeout=30, context=context) if smtp.tls
              else smtplib.SMTP(smtp.host, smtp.port, timeout=30))
    if smtp.starttls:
        server.starttls(context=context)
    if smtp.username:
        server.login(smtp.username, smtp.password or "")
    return server


def recipients() -> list[User]:
    """The active users who have a workspace (not partners), by name."""
    users = db.session.scalars(
        sa.select(User).where(User.active.is_(True)).order_by(User.username)).all()
    return [user for user in users if allowed(user, "workspace", "use")]


def message_of(user) -> tuple[str, str] | None:
    """The reminder's subject and text in the user's language; None with nothing in it."""
    today = services.for_user(user)
    if today.empty:
        return None
    with force_locale(user.locale or current_app.config["BABEL_DEFAULT_LOCALE"]):
        subject = _("Today in the CRM, %(day)s", day=today.day.isoformat())
        return subject, text_of(today)


def text_of(today: services.Today) -> str:
    """The today page as plain text, a section a list (what the page shows, in its words)."""
    from ..codes import MilestoneCode
    from ..codes import Warning as WarningCode
    from ..projects.warnings import of as warnings_of
    from ..zones.services import zones

    def day(value) -> str:
        return format_date(value, "medium")

    if today.team:
        names = [z.name for z in zones() if z.code in today.zones]
        scope = _("Your zones") + ": " + ", ".join(names) if names else _("Every zone")
    else:
        scope = _("Your follow-ups and the projects you own")
    lines = [f"{_('Today, %(day)s', day=day(today.day))} · {scope}"]

    def section(title, listed, line):
        if listed:
            lines.extend(["", title, *(f"- {line(row)}" for row in listed.rows)])
            if listed.more:
                lines.append("- …")

    def follow_up(item) -> str:
        late = f" [{_('Overdue')}]" if item.due_on < today.day else ""
        owner = (f" · {item.owner.label if item.owner else _('Nobody')}" if today.team
                 else "")
        return f"{day(item.due_on)}{late} {item.title}{owner} · {item.interaction.subject}"

    def warned(project) -> str:
        codes = ", ".join(WarningCode.label_of(code) for code in warnings_of(project))
        return f"{project.name} ({project.zone.name}): {codes}"

    def landing(project) -> str:
        countdown = services.land_countdown(project, today.day)
        left = f" ({countdown[1]})" if countdown else ""
        return f"{day(project.estimated_land_date)}{left} {project.name} ({project.zone.name})"

    def planned(row) -> str:
        project, milestone = row
        return (f"{day(milestone.planned_on)} {MilestoneCode.label_of(milestone.code)}: "
                f"{project.name} ({project.zone.name})")

    section(_("Follow-ups due and overdue"), today.follow_ups, follow_up)
    section(_("Projects with warnings"), today.warned, warned)
    section(_("Estimated landing within 90 days"), today.landing, landing)
    section(_("Milestones planned this month"), today.milestones, planned)
    return "\n".join(lines) + "\n"


def run(echo: Callable[[str], None], warn: Callable[[str], None]) -> dict[str, int]:
    """Send (or print) every user's reminder; answers how many were sent, printed, empty."""
    url = current_app.config.get("SMTP_URL") or ""
    smtp = smtp_of(url) if url else None
    tally = {"sent": 0, "printed": 0, "empty": 0, "no_address": 0}
    server = None
    try:
        for user in recipients():
            made = message_of(user)
            if made is None:
                tally["empty"] += 1
                continue
            subject, text = made
            if smtp is None:
                echo(f"== {user.username} <{user.email or '-'}> [{user.locale}] {subject}")
                echo(text)
                tally["printed"] += 1
                continue
            if not user.email:
                warn(f"{user.username}: no e-mail address, nothing sent")
                tally["no_address"] += 1
                continue
            mail = EmailMessage()
            mail["Subject"] = subject
            mail["From"] = current_app.config["MAIL_FROM"]
            mail["To"] = formataddr((user.label, user.email))
            mail.set_content(text)
            server = server or _connect(smtp)
            try:
                server.send_message(mail)
            except smtplib.SMTPRecipientsRefused:
                warn(f"{user.username}: the server refused {user.email}, nothing sent")
                tally["no_address"] += 1
                continue
            tally["sent"] += 1
    finally:
        if server is not None:
            server.quit()
    return tally
