"""What the API's list of meetings shows of each meeting's links, read as columns of the list's
statement: the ids of the companies, projects, talents and contacts its user may see
(``services.seen``, as SQL: ``access.visible``, ``contacts.seen_sql``) and the user names of
our attendees. Loaded as rows, they took six statements and some 300 objects a page of 50
(issue 15); here each is a correlated subquery into the meeting's ``*_listed`` expression,
which ``read`` reads while it is there (``crm.db.listed_columns``: a flush drops it).

The ids come in ascending order and the user names in alphabetical order, read either way.
"""

from functools import lru_cache

import sqlalchemy as sa
from sqlalchemy.orm import with_expression

from ..access import Reader, reader, visible
from ..db import aggregated, listed_columns
from .models import (
    Interaction,
    interaction_attendee,
    interaction_company,
    interaction_contact,
    interaction_project,
    interaction_talent,
)

NAMES = ("company_ids_listed", "project_ids_listed", "talent_ids_listed",
         "contact_ids_listed", "attendees_listed")
SEPARATOR = " "  # neither an id nor a user name holds a space


def _columns(user) -> dict:
    from ..auth.models import User
    from ..companies.contacts import seen_sql
    from ..companies.models import Company, Contact
    from ..projects.models import Project
    from ..talents.models import Talent

    def ids(table, model, condition):
        column = table.c[f"{model.__tablename__}_id"]
        return aggregated(sa.cast(model.id, sa.String), sa.and_(
            table.c.interaction_id == Interaction.id, column == model.id, condition),
            separator=SEPARATOR)

    return {
        "company_ids_listed": ids(interaction_company, Company, visible(user, Company)),
        "project_ids_listed": ids(interaction_project, Project, visible(user, Project)),
        "talent_ids_listed": ids(interaction_talent, Talent, visible(user, Talent)),
        "contact_ids_listed": ids(interaction_contact, Contact, seen_sql(user)),
        "attendees_listed": aggregated(User.username, sa.and_(
            interaction_attendee.c.interaction_id == Interaction.id,
            interaction_attendee.c.user_id == User.id), separator=SEPARATOR),
    }


def options(user) -> tuple:
    """The loader options of a list's statement for ``user``, made once for each reader."""
    return _options(reader(user))


@lru_cache(maxsize=256)
def _options(who: Reader) -> tuple:
    return tuple(with_expression(getattr(Interaction, name), sql)
                 for name, sql in _columns(who).items())


def read(record: Interaction, name: str) -> list | None:
    """The ids (or user names, for ``attendees``) a list read of ``name``; None when the
    record was not read by a list (or a write has been flushed since)."""
    key = f"{name}_listed"
    if key not in record.__dict__:
        return None
    words = (record.__dict__[key] or "").split(SEPARATOR)
    if name == "attendees":
        return sorted(word for word in words if word)
    return sorted(int(word) for word in words if word)


listed_columns(Interaction, NAMES)
