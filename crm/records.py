"""A record's named fields as a dict (its JSON, a public view), and a service's last step of
writing checked values to it."""

from .db import db
from .errors import Invalid


def fields_of(record, names) -> dict:
    """``{name: record.name}`` for each of ``names``, in that order."""
    return {name: getattr(record, name) for name in names}


def save_fields(record, values: dict, errors: dict[str, list[str]]):
    """Refuse with the ``errors`` (422) when there are any; else set ``values`` on the record
    and commit."""
    if errors:
        raise Invalid(errors)
    for name, value in values.items():
        setattr(record, name, value)
    db.session.commit()
    return record
