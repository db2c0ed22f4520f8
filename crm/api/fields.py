"""Request field types shared by the resources: money and bounded text (declared in
crm/records.py), a stage move and a stage history."""

from ..records import MoneyField, Name, Note  # noqa: F401 (the resources take them from here)


def stage_move(stages):
    """The body of a move to another stage (``stages``: Stage or TalentStage)."""
    from pydantic import create_model

    from ..i18n_codes import Literal_of
    from .core import Body

    return create_model(f"{stages.__name__}Move", __base__=Body,
                        stage=(Literal_of(stages), ...), note=(Note, ""), reason=(Note, ""),
                        version=(int | None, None))


def history_schema(stages) -> dict:
    from ..jsonschema import DATETIME, STR, array, enum, nullable, obj

    return array(obj({"from": nullable(enum(stages)), "to": enum(stages), "at": DATETIME,
                      "by": nullable(STR), "note": STR, "reason": STR}))


def history_json(changes) -> list[dict]:
    """A record's stage moves, oldest first, as the API shows them."""
    from ..db import iso

    return [{"from": c.from_stage, "to": c.to_stage, "at": iso(c.at),
             "by": c.by.username if c.by else None, "note": c.note, "reason": c.reason}
            for c in changes]


def in_request_language(body, values: dict, name: str) -> dict:
    """``name`` (``public_summary``), the API's field of text kept in two languages, written
    as the request's language's column (``public_summary_en`` for ``Accept-Language: en``):
    the field reads that language, else the other one. A body that also gives that column
    another text is refused (422)."""
    from flask_babel import gettext as _

    from ..errors import Invalid
    from ..i18n import language

    values.pop(name, None)
    if name not in body.model_fields_set:
        return values
    text, column = getattr(body, name), f"{name}_{language()}"
    if column in body.model_fields_set and (values.get(column) or "") != (text or ""):
        raise Invalid({name: [_("%(name)s is %(column)s in this request's language: give one "
                                "of the two, or the same text in both.", name=name,
                                column=column)]})
    values[column] = text
    return values

