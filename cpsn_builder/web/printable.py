"""What a page prints never holds characters HTML forbids, even when it echoes what a user typed."""

from __future__ import annotations

import re

from markupsafe import Markup

_NOT_IN_HTML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff]")


class Printed(Markup):
    """HTML this app rendered itself, so already cleaned: printing it again need not search it again
    (the dashboard's cached figures are a megabyte with 400 partners)."""


def printable(value):
    """Jinja's finalize: every value a template prints, cleaned."""
    if isinstance(value, Printed):
        return value
    if isinstance(value, Markup):
        return Markup(_NOT_IN_HTML.sub("", value))
    if isinstance(value, str):
        return _NOT_IN_HTML.sub("", value)
    return value
