"""Typing helpers that turn the domain's codes into pydantic-checked literals."""

from typing import Literal


def Literal_of(codes):  # noqa: N802 - reads like the typing construct it returns
    """``Literal["a", "b", ...]`` of a Code enum's codes or of a sequence of strings."""
    values = tuple(codes.codes()) if hasattr(codes, "codes") else tuple(codes)
    return Literal.__getitem__(values)
