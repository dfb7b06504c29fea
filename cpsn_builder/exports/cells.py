"""Text cells for spreadsheets and CSV that Excel will not run as formulas."""

from __future__ import annotations

_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def safe_text(value: object) -> object:
    """Prefix a text cell that Excel would read as a formula with an apostrophe; numbers pass."""
    if isinstance(value, str) and value.startswith(_TRIGGERS):
        return "'" + value
    return value
