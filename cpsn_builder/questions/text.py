"""Text people type that documents must be able to hold."""
from __future__ import annotations

import unicodedata


def forbidden_character(text: str) -> str | None:
    """The first character Word documents cannot hold (XML 1.0 control characters), if any."""
    for ch in text:
        if ch in "\t\n\r":
            continue
        if unicodedata.category(ch) == "Cc" or 0xFFFE <= ord(ch) <= 0xFFFF or 0xD800 <= ord(ch) <= 0xDFFF:
            return f"U+{ord(ch):04X}"
    return None


def text_problem(text: str) -> str | None:
    bad = forbidden_character(text)
    if bad:
        return f"contains the control character {bad}, which documents cannot hold: delete it"
    return None
