"""Addresses and header text: nothing a person typed reaches a mail header unchecked."""

from __future__ import annotations

import re

from email_validator import EmailNotValidError, validate_email

_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


class InvalidAddress(ValueError):
    """An email address that cannot be used, with the reason in words a person can act on."""


def checked_address(text: str) -> str:
    """The address, normalised (lower-case domain), or InvalidAddress saying what is wrong.

    Syntax only: looking the domain up would make a form wait on DNS, and council relays
    deliver to internal domains the public DNS may not know.
    """
    text = (text or "").strip()
    if _CONTROL.search(text):
        raise InvalidAddress("An email address cannot contain line breaks or control characters")
    try:
        # SMTPUTF8 is not assumed of a council relay, so addresses must be ASCII before the @
        return validate_email(text, check_deliverability=False, allow_smtputf8=False).normalized.lower()
    except EmailNotValidError as exc:
        raise InvalidAddress(f"Enter an email address like name@council.gov.uk ({exc})") from None


def one_line(text: str, limit: int = 150) -> str:
    """Text for a header (a subject, a display name): control characters and line breaks become
    spaces, runs of space collapse, and it is cut to `limit` characters, so it can never start a
    header of its own."""
    cleaned = " ".join(_CONTROL.sub(" ", text or "").split())
    return cleaned[:limit].rstrip()


def has_line_break(text: str) -> bool:
    return bool(_CONTROL.search(text or ""))
