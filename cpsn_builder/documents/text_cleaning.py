"""Making stored text safe for documents.

XML 1.0 cannot hold most control characters, and python-docx raises ValueError on them; input
checks reject them, but documents must never crash on data that reached the database another
way, so every string passes through `clean` on its way into a document.
"""

from __future__ import annotations

import re

_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def clean(text: object) -> str:
    """The text with XML-forbidden characters removed and line endings made plain."""
    value = "" if text is None else str(text)
    return _FORBIDDEN.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))
