"""Where the folders that live beside the package are: templates, translations, migrations.

They sit at the top of the repository (STYLE.md). An installed copy can point at them with
``CRM_HOME``; otherwise the repository that holds this package is used.
"""

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
HOME = Path(os.environ.get("CRM_HOME") or PACKAGE_DIR.parent)

TEMPLATES = HOME / "templates"
TRANSLATIONS = HOME / "translations"
MIGRATIONS = HOME / "migrations"
