"""The pipeline's rules as data (after Data Hub's validate.py): stage order, what a stage
requires, what it forbids. Every caller — form, API, importer, board — reads them here."""

from flask_babel import lazy_gettext as _l

from ..codes import Stage

# field -> the first stage that needs it (a skipped stage's needs apply too)
REQUIRED_FROM = {
    "owner": Stage.NEGOTIATING,
    "likelihood": Stage.NEGOTIATING,
    "estimated_land_date": Stage.NEGOTIATING,
    "signed_on": Stage.SIGNED,
    "registered_on": Stage.REGISTERED,
    "registered_capital": Stage.REGISTERED,
}

def required_at(stage: str) -> list[str]:
    """The fields a project at ``stage`` must keep."""
    return [name for name, first in REQUIRED_FROM.items() if reaches(stage, first)]


def reaches(target: str, stage: Stage) -> bool:
    """Does moving to ``target`` reach ``stage`` or beyond on the pipeline?"""
    target_stage = Stage(target)
    return target_stage.in_pipeline and target_stage.order >= stage.order


def missing_fields(project, target: str) -> list[str]:
    """Fields ``target`` requires that the project has not got (for the checklist)."""
    from .fields import PROJECT

    return [name for name in required_at(target)
            if getattr(project, PROJECT[name].column) in (None, "")]


def next_stage(stage: str) -> Stage | None:
    return Stage(stage).following()


def forbidden_reason(two_high_one_low: bool, target: str) -> str | None:
    """Why the plan forbids a project so marked to be at ``target``, or None."""
    if two_high_one_low and reaches(target, Stage.SIGNED):
        return str(_l("A 两高一低 project (high energy use, high pollution, low output) may not "
                      "enter a zone: it cannot be signed or move beyond."))
    return None
