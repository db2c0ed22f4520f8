"""The schema is the migrations' work: they run both ways and match the models."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask import current_app
from flask_migrate import downgrade, upgrade

from crm.extensions import db


def differences():
    with db.engine.connect() as connection:
        # as `flask db migrate` compares: the app's options (crm/search.py's indexes left out)
        options = current_app.extensions["migrate"].configure_args
        context = MigrationContext.configure(connection, opts=options)
        return compare_metadata(context, db.metadata)


def test_models_match_the_migrated_schema(app):
    assert differences() == []


def test_downgrade_to_nothing_and_up_again(app):
    import sqlalchemy as sa

    db.session.remove()
    downgrade(revision="base")
    with db.engine.connect() as connection:
        remaining = set(sa.inspect(connection).get_table_names()) - {"alembic_version"}
    assert remaining == set()
    upgrade()
    assert differences() == []
