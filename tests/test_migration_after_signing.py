"""Migration 0007a: signed_on and registered_on become the milestones' actual days, and come
back as columns on a downgrade."""

from datetime import date

import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from crm.extensions import db
from crm.projects.models import Project
from tests import factories


def test_signed_and_registered_days_are_carried_both_ways(app):
    signed = factories.lead_project(signed_on=date(2025, 3, 4), registered_on=date(2025, 5, 6))
    plain = factories.lead_project()
    land = signed.milestone_row("land")
    land.planned_on = date(2027, 1, 1)
    db.session.commit()
    ids = (signed.id, plain.id)
    db.session.remove()
    downgrade(revision="0006r")
    try:
        with db.engine.connect() as connection:
            rows = connection.execute(sa.text(
                "SELECT id, signed_on, registered_on FROM project ORDER BY id")).all()
            assert "project_milestone" not in sa.inspect(connection).get_table_names()
        assert [(r[0], str(r[1]) if r[1] else None, str(r[2]) if r[2] else None)
                for r in rows] == [(ids[0], "2025-03-04", "2025-05-06"), (ids[1], None, None)]
        with db.engine.begin() as connection:
            connection.execute(sa.text("UPDATE project SET signed_on = :day WHERE id = :id"),
                               {"day": date(2024, 1, 2), "id": ids[1]})
    finally:
        upgrade()
    with db.engine.connect() as connection:
        columns = {c["name"] for c in sa.inspect(connection).get_columns("project")}
        assert not columns & {"signed_on", "registered_on"}
        rows = connection.execute(sa.text(
            "SELECT project_id, code, planned_on, actual_on FROM project_milestone "
            "ORDER BY project_id, code")).all()
    assert [(r[0], r[1], r[2], str(r[3])) for r in rows] == [
        (ids[0], "registered", None, "2025-05-06"), (ids[0], "signed", None, "2025-03-04"),
        (ids[1], "signed", None, "2024-01-02")]
    assert db.session.get(Project, ids[1]).signed_on == date(2024, 1, 2)


def test_paid_in_becomes_one_payment_and_comes_back_as_the_sum(app):
    from decimal import Decimal

    from crm.money import Money
    from crm.projects.models import Payment

    with_payments = factories.lead_project(signed_on=date(2025, 3, 4))
    for cents, currency, usd_cents, day in ((10000, "EUR", 11000, date(2025, 4, 1)),
                                            (5000, "USD", 5000, date(2025, 6, 1))):
        with_payments.payments.append(Payment(
            amount=Money(Decimal(cents) / 100, currency, usd_cents, Decimal("1.1")),
            received_on=day))
    signed_only, bare = factories.lead_project(signed_on=date(2024, 5, 6)), \
        factories.lead_project()
    db.session.commit()
    ids = (with_payments.id, signed_only.id, bare.id)
    db.session.remove()
    downgrade(revision="0006r")
    try:
        with db.engine.begin() as connection:
            rows = connection.execute(sa.text(
                "SELECT id, paid_in_cents, paid_in_currency, paid_in_usd_cents, paid_in_on "
                "FROM project ORDER BY id")).all()
            assert [(r[0], r[1], r[2], r[3], str(r[4]) if r[4] else None) for r in rows] == [
                (ids[0], 16000, "USD", 16000, "2025-06-01"), (ids[1], None, None, None, None),
                (ids[2], None, None, None, None)]
            # paid_in as the old schema kept it: with its day, or with none (the signed day)
            connection.execute(sa.text(
                "UPDATE project SET paid_in_cents = 300000, paid_in_currency = 'EUR', "
                "paid_in_usd_cents = 330000, paid_in_rate = '1.1' WHERE id = :id"),
                {"id": ids[1]})
    finally:
        upgrade()
    with db.engine.connect() as connection:
        columns = {c["name"] for c in sa.inspect(connection).get_columns("project")}
        assert not {c for c in columns if c.startswith("paid_in")}
        rows = connection.execute(sa.text(
            "SELECT project_id, amount_cents, amount_currency, amount_usd_cents, received_on "
            "FROM project_payment ORDER BY project_id, id")).all()
    assert [(r[0], r[1], r[2], r[3], str(r[4])) for r in rows] == [
        (ids[0], 16000, "USD", 16000, "2025-06-01"),
        (ids[1], 300000, "EUR", 330000, "2024-05-06")]
    assert db.session.get(Project, ids[1]).paid_in_usd_cents == 330000
    assert db.session.get(Project, ids[2]).paid_in_usd_cents is None
