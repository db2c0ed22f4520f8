"""Imports (issue 12): companies, projects, talents and meetings from CSV or XLSX files, each
row through its area's own services, all rows in one transaction or none, a dry run first.

``reading`` reads a file's rows as they come; ``layout`` recognises its columns from the
record's declaration and reads its cells with ``values`` (the parsers of what people type);
``matching`` finds the record a row without an id already is; ``kinds`` calls the services;
``runner`` puts them together into a report; ``template`` writes the template of a kind; ``pages``
serves the pages (the API's operation is ``crm/api/imports.py``).
"""

from .kinds import KINDS
from .runner import Report, run

__all__ = ["KINDS", "Report", "run"]
