"""The factories make what they say: a stage's project has come through every stage before
it, with what each one needs; overrides win; the past can be set."""

from datetime import UTC, date, datetime

import pytest

from tests import factories

PIPELINE = factories.PIPELINE


@pytest.mark.parametrize("stage", PIPELINE)
def test_each_stage_builds_on_the_one_before(app, stage):
    project = factories.PROJECT_AT[stage](zone="jsetdz")
    assert (project.stage, project.zone_code) == (stage, "jsetdz")
    steps = [(change.from_stage, change.to_stage) for change in project.history]
    assert steps == list(zip(PIPELINE, PIPELINE[1:], strict=False))[:PIPELINE.index(stage)]


def test_overrides_win_and_a_ready_lead_moves_straight_on(app, make_user):
    olga = make_user("olga", "staff", zones=["jxetdz"])
    signed = factories.signed_project(signed_on=date(2025, 5, 20), by=olga)
    assert (signed.signed_on, signed.owner.username) == (date(2025, 5, 20), "olga")
    lead = factories.lead_project(**factories.ready_for("operating"))
    assert factories.move(lead, "operating").stage == "operating"
    assert factories.move(factories.lead_project(), "contacted", "lost").stage == "lost"


def test_backdate_sets_creation_and_move_times(app):
    project = factories.contacted_project()
    created, moved = datetime(2024, 1, 1, 4, tzinfo=UTC), datetime(2024, 2, 1, 4, tzinfo=UTC)
    factories.backdate(project, created=created, moves=moved)
    assert utc(project.created_at) == created
    assert [utc(change.at) for change in project.history] == [moved]


def utc(moment: datetime) -> datetime:
    """SQLite gives times back without their zone; they are UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
