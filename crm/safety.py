"""Small guards against abuse of user input."""


def local_path(target: str | None) -> str | None:
    """``target`` when it is a path on this site, else None.

    Only a single leading ``/`` and no backslash: ``//evil``, ``/\\evil`` and ``https:evil``
    all fail, as does anything with a scheme or control characters.
    """
    if not target or not target.startswith("/") or target.startswith("//"):
        return None
    if "\\" in target or any(ord(c) < 32 or ord(c) == 127 for c in target):
        return None
    return target


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: str) -> str:
    """Text that a spreadsheet will not run as a formula."""
    if value and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
