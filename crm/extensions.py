"""Extensions, created unbound here and bound to the app in create_app."""

from flask_babel import Babel
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect
from sqlalchemy import MetaData

from .writes import WriteSession

# Constraint names fixed by convention, so Alembic can name what it creates and drops.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# the session raises Conflict (409) for a write that lost a race to another (crm/writes.py)
db = SQLAlchemy(metadata=MetaData(naming_convention=NAMING),
                session_options={"class_": WriteSession})
migrate = Migrate()
login = LoginManager()
babel = Babel()
csrf = CSRFProtect()
