"""Page tests: real HTTP through the app, signed in through the login form; records from
tests/factories.py through the top-level fixtures."""

from tests.factories import find_user as user

__all__ = ["user"]  # page tests look users up by name from here
