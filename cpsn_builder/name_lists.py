"""Names in a sentence, as every output writes them: "A, B and C", and past a dozen, a count that
says where the names are listed instead.

More names than MOST_NAMED in a sentence and nobody reads them: 400 partners filled two pages of a
statement of requirements' introduction.
"""

from __future__ import annotations

from collections.abc import Iterable

MOST_NAMED = 12


def join_and(items: Iterable[object]) -> str:
    """['A', 'B', 'C'] -> 'A, B and C'."""
    items = [str(item) for item in items]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1] if items else ""


def names(items: Iterable[object], noun: str = "partners", where: str = "") -> str:
    """Up to MOST_NAMED names, 'A, B and C'; more, 'the 400 partners listed in section 3'
    (names(partners, "partners", "listed in section 3"))."""
    items = [str(item) for item in items]
    if len(items) <= MOST_NAMED:
        return join_and(items)
    return " ".join(part for part in ("the", f"{len(items):,}", noun, where) if part)
