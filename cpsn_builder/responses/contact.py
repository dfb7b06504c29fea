"""A partner's contact details: the one definition of a valid email address and telephone number,
used by the web form and by response files alike."""

from __future__ import annotations

import re

import phonenumbers

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
EMAIL_PATTERN = EMAIL.pattern
EMAIL_MESSAGE = "Enter an email address in the correct format, like name@council.gov.uk"
PHONE_MESSAGE = "Enter a telephone number, like 01480 388388, 07712 345678 or +44 1223 715000"


def normalise_phone(text: str) -> str | None:
    """A UK (or +country) telephone number as people write it ('01480 388388'); None if it is not one.

    Google's libphonenumber decides, so 'call me maybe', '123' and a 20-digit string are refused."""
    try:
        parsed = phonenumbers.parse(text, "GB")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(parsed):
        return None
    style = phonenumbers.PhoneNumberFormat.NATIONAL if parsed.country_code == 44 else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    return phonenumbers.format_number(parsed, style)
