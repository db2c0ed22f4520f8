"""Rollups: the counts behind the reports, kept by the database in the same transaction as
every write (issue 15), so a report reads a few hundred rows however many projects and
meetings there are.

- ``models``: the tables (``rollup_project``, ``rollup_stay``, ``rollup_day``,
  ``rollup_signed_again``) and ``StageChange.stay_days``, the stay each change ends;
- ``sql``: what each one counts, as SQL over a row;
- ``triggers``: the triggers that apply those rules to every write;
- ``upkeep``: rebuild, check against a recount, pause for a bulk load.

The reports read them where their filters allow (zone, kind, year; the projects by industry)
and count the records themselves otherwise (criteria, country, flags; the funnel of one
industry, whose stays the rollups do not split by industry).
"""

from .models import (
    ALL,
    ALL_YEARS,
    NO_INDUSTRY,
    DayRollup,
    ProjectRollup,
    SignedAgain,
    StayRollup,
)
from .upkeep import check, fill_stays, install, paused, rebuild, uninstall

__all__ = ["ALL", "ALL_YEARS", "NO_INDUSTRY", "DayRollup", "ProjectRollup", "SignedAgain", "StayRollup",
           "check", "fill_stays", "install", "paused", "rebuild", "uninstall"]
