"""Two records of one company made one (issue 10): an admin merges a duplicate into the
company that stays. Everything that named the duplicate moves to the survivor — projects,
contacts, meetings, subsidiaries, Global 500 and 双百 entries, partners' companies — the
survivor's empty fields take the duplicate's values, and the duplicate goes to the bin
(``merged_into_id`` says where it went) from which an admin can restore it. One transaction;
the audit trail records each record moved as it records any change, and the merge itself as one
entry on the survivor with what moved."""

from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import gettext as _

from ..access import require, require_current
from ..audit.models import AuditEntry
from ..audit.recorder import actor_id, entry
from ..db import db, utcnow
from ..errors import Invalid
from ..reference import services as reference
from .fields import COMPANY
from .models import Company, Contact

# the survivor's fields that take the duplicate's value when they are empty; notes are joined
FILLED = ("name_zh", "name_en", "country", "industry", "industry_detail", "website", "phone")


@dataclass(frozen=True)
class Moved:
    """What a merge moves from the duplicate to the survivor, by kind: the preview a page
    shows before the admin confirms, and the summary the audit entry keeps."""

    projects: int
    contacts: int
    interactions: int
    subsidiaries: int
    global500: int
    shuangbai: int
    partners: int

    def as_dict(self) -> dict[str, int]:
        return dict(self.__dict__)


def _links():
    """The rows that name a company, as (kind, table, column): one list for the preview and
    the move."""
    from ..auth.models import user_company
    from ..interactions.models import interaction_company
    from ..projects.models import Project
    from ..reference.models import Global500Entry
    from ..reports.models import ShuangbaiEntry

    return (("projects", Project.__table__, "company_id"),
            ("contacts", Contact.__table__, "company_id"),
            ("interactions", interaction_company, "company_id"),
            ("subsidiaries", Company.__table__, "parent_id"),
            ("global500", Global500Entry.__table__, "company_id"),
            ("shuangbai", ShuangbaiEntry.__table__, "company_id"),
            ("partners", user_company, "company_id"))


def moved(duplicate: Company) -> Moved:
    """What merging ``duplicate`` away would move (records in the bin included: they keep
    their company when restored)."""
    found = {}
    for kind, table, column in _links():
        found[kind] = db.session.scalar(
            sa.select(sa.func.count()).select_from(table).where(table.c[column] == duplicate.id))
    return Moved(**found)


def check(survivor: Company, duplicate: Company) -> None:
    if survivor.id == duplicate.id:
        raise Invalid({"company_id": [_("Choose another company: a company cannot be merged "
                                        "into itself.")]})
    if survivor.deleted_at is not None or duplicate.deleted_at is not None:
        raise Invalid({"company_id": [_("Both companies must be live (not in the bin).")]})


def merge(user, survivor: Company, version: int | None, duplicate: Company,
          duplicate_version: int | None) -> Company:
    """Merge ``duplicate`` into ``survivor``; both versions as read (409 when stale)."""
    require(user, "companies", "merge")
    require_current(user, survivor, version, "edit")
    require_current(user, duplicate, duplicate_version, "edit")
    check(survivor, duplicate)
    summary = moved(duplicate)
    _move_orm(survivor, duplicate)
    _move_rows(survivor, duplicate)
    filled = {}
    for name in FILLED:
        if not getattr(survivor, name) and getattr(duplicate, name):
            filled[name] = getattr(duplicate, name)
    if duplicate.notes:
        filled["notes"] = "\n\n".join(n for n in (survivor.notes, duplicate.notes) if n)
    if filled:
        COMPANY.assign(survivor, filled)
        from .services import _derive

        _derive(survivor)
    duplicate.merged_into_id = survivor.id
    duplicate.deleted_at = utcnow()
    db.session.flush()
    reference.match_entries({survivor.id, duplicate.id})
    reference.refresh_fortune500()
    db.session.execute(sa.insert(AuditEntry), [entry(
        "companies", "update",
        {"merged_from": [None, duplicate.id]}
        | {f"moved_{kind}": [None, n] for kind, n in summary.as_dict().items() if n},
        record_id=survivor.id, user_id=actor_id())])
    db.session.commit()
    return survivor


def _move_orm(survivor: Company, duplicate: Company) -> None:
    """The records the audit trail follows, moved through the session so each move is an
    entry: projects, contacts, subsidiaries, and meetings' company lists."""
    from ..interactions.models import Interaction, interaction_company
    from ..projects.models import Project

    for model, column in ((Project, Project.company_id), (Contact, Contact.company_id)):
        for record in db.session.scalars(sa.select(model).where(column == duplicate.id)):
            record.company_id = survivor.id
    # subsidiaries go under the survivor, but the survivor and the groups above it (when the
    # duplicate was above them) take the duplicate's own parent: no chain becomes a loop
    above = {survivor.id, *(c.id for c in survivor.ancestors())}
    for child in db.session.scalars(sa.select(Company).where(Company.parent_id == duplicate.id)):
        child.parent_id = duplicate.parent_id if child.id in above else survivor.id
    meetings = db.session.scalars(sa.select(Interaction).join(interaction_company).where(
        interaction_company.c.company_id == duplicate.id))
    for meeting in meetings:
        companies = [c for c in meeting.companies if c.id != duplicate.id]
        if survivor.id not in {c.id for c in companies}:
            companies.append(survivor)
        meeting.companies = companies
    db.session.flush()


def _move_rows(survivor: Company, duplicate: Company) -> None:
    """The list entries and partners' companies, by statement (a year's list is recorded as a
    whole, a partner's companies with the user): an entry moved by a merge is linked by hand,
    so the name rule does not take it back."""
    from ..auth.models import user_company
    from ..reference.models import Global500Entry
    from ..reports.models import ShuangbaiEntry

    db.session.execute(sa.update(Global500Entry).where(Global500Entry.company_id == duplicate.id)
                       .values(company_id=survivor.id, linked_by_hand=True))
    db.session.execute(sa.update(ShuangbaiEntry).where(ShuangbaiEntry.company_id == duplicate.id)
                       .values(company_id=survivor.id))
    partners = sa.select(user_company.c.user_id).where(user_company.c.company_id == survivor.id)
    db.session.execute(sa.update(user_company).where(
        user_company.c.company_id == duplicate.id, user_company.c.user_id.not_in(partners))
        .values(company_id=survivor.id))
    db.session.execute(sa.delete(user_company).where(user_company.c.company_id == duplicate.id))
