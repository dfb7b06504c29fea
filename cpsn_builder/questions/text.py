"""Text people type that documents must be able to hold."""

from __future__ import annotations

import re


# Unicode's control characters (category Cc: U+0000-U+001F and U+007F-U+009F) but tab, line feed
# and carriage return, surrogates, and U+FFFE/U+FFFF: one regular expression search, because a
# loop over every character of every answer was a tenth of reading 7,000 response files.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def forbidden_character(text: str) -> str | None:
    """The first character Word documents cannot hold (XML 1.0 control characters), if any."""
    found = _FORBIDDEN.search(text)
    return f"U+{ord(found.group()):04X}" if found else None


def text_problem(text: str) -> str | None:
    bad = forbidden_character(text)
    if bad:
        return f"contains the control character {bad}, which documents cannot hold: delete it"
    return None
