"""Every locked cell of a returned schedule compared with the schedule as issued.

Both are read with their formulas (data_only=False). Excel and LibreOffice Calc legitimately
rewrite a saved workbook: 60 comes back as 60.0, `=sum(a1:a2)` as `=SUM(A1:A2)`, an empty text
cell as no cell; those are the same content. Anything else is a change to what the bidder was
asked not to touch (quantities, months billed, labels, formulas).
"""

from __future__ import annotations

import re
import weakref
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation

from openpyxl.utils.cell import coordinate_to_tuple
from openpyxl.worksheet.formula import ArrayFormula
from openpyxl.worksheet.worksheet import Worksheet

from .models import Problem

LISTED_PER_SHEET = 20  # past this, one line says how many more cells changed
_QUOTED = re.compile(r"('(?:[^']|'')*'|\"(?:[^\"]|\"\")*\")")
_PREFIXES = re.compile(r"_xlfn\.|_xlws\.|of:", re.I)
# An issued sheet's open cells and contents, by sheet: the issued schedule is parsed once and never
# changed, and every bid returned on it is compared with it (a second a bid on a national schedule).
_ISSUED_OPEN: weakref.WeakKeyDictionary[Worksheet, frozenset[str]] = weakref.WeakKeyDictionary()
_ISSUED_CONTENTS: weakref.WeakKeyDictionary[Worksheet, dict[str, object]] = weakref.WeakKeyDictionary()


def unlocked(sheet: Worksheet) -> frozenset[str]:
    """The cells a bidder may fill in: the ones the issued sheet leaves unlocked."""
    found = _ISSUED_OPEN.get(sheet)
    if found is None:
        found = frozenset(c.coordinate for c in _cells_of(sheet) if c.protection is not None and not c.protection.locked)
        _ISSUED_OPEN[sheet] = found
    return found


def _cells_of(sheet: Worksheet):
    """The cells the file holds. iter_rows would make every cell of the rectangle up to the last one,
    which one value typed in XFD1048576 makes seventeen billion cells."""
    return list(sheet._cells.values())


def changed_cells(file_name: str, issued: Worksheet, returned: Worksheet, inputs: frozenset[str]) -> list[Problem]:
    """A problem for each locked cell whose content differs from the issued sheet's."""
    before = _ISSUED_CONTENTS.get(issued)
    if before is None:
        before = _ISSUED_CONTENTS[issued] = _contents(issued)
    after = _contents(returned)
    problems = []
    changed = sorted((set(before) | set(after)) - inputs, key=_order)
    changed = [c for c in changed if before.get(c) != after.get(c)]
    for coordinate in changed[:LISTED_PER_SHEET]:
        problems.append(
            Problem(
                file_name,
                f"a locked cell was changed: it was {_shown(issued, coordinate)}, it is now "
                f"{_shown(returned, coordinate)}; only the yellow cells may be filled in, so put it back as "
                "it was (or start again from the issued schedule)",
                returned.title,
                coordinate,
            )
        )
    if len(changed) > LISTED_PER_SHEET:
        problems.append(
            Problem(
                file_name,
                f"and {len(changed) - LISTED_PER_SHEET:,} more locked cells were changed on this "
                "sheet: start again from the issued schedule and fill in only the yellow cells",
                returned.title,
            )
        )
    return problems


def _order(coordinate: str) -> tuple[int, str]:
    letters = coordinate.rstrip("0123456789")
    return int(coordinate[len(letters) :]), letters.rjust(3)


def _contents(sheet: Worksheet) -> dict[str, object]:
    contents = {}
    for cell in _cells_of(sheet):
        value = _normal(cell.value)
        if value is not None:
            contents[cell.coordinate] = value
    return contents


def _normal(value: object) -> object:
    """The content as both applications mean it, so a legitimate rewrite compares equal."""
    if isinstance(value, ArrayFormula):
        value = value.text
    if value is None or (isinstance(value, str) and value == ""):
        return None
    if isinstance(value, bool):
        return ("logical", value)
    if isinstance(value, (int, float, Decimal)):
        try:
            number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
            return ("number", number.normalize())
        except InvalidOperation:
            return ("text", str(value))
    if isinstance(value, (datetime, date, time)):
        return ("date", value.isoformat())
    text = str(value)
    if text.startswith("="):
        return ("formula", _formula(text))
    return ("text", text)


def _formula(text: str) -> str:
    """A formula in one spelling: capitals and no spaces outside quotes, no function-namespace prefixes."""
    parts = _QUOTED.split(text.lstrip("="))
    return "".join(part if index % 2 else _PREFIXES.sub("", part).replace(" ", "").upper() for index, part in enumerate(parts))


def value_at(sheet: Worksheet, coordinate: str) -> object:
    """A cell's value, without adding the cell to the sheet as sheet[coordinate] does (the issued
    schedule is parsed once and read by every bid, so it is never changed)."""
    cell = sheet._cells.get(coordinate_to_tuple(coordinate))
    return None if cell is None else cell.value


def _shown(sheet: Worksheet, coordinate: str) -> str:
    value = value_at(sheet, coordinate)
    if isinstance(value, ArrayFormula):
        value = value.text
    if value is None or value == "":
        return "empty"
    if isinstance(value, str):
        shown = value if len(value) <= 60 else value[:57] + "..."
        return f"the formula {shown}" if value.startswith("=") else f"\u201c{shown}\u201d"
    if isinstance(value, float) and value.is_integer():
        return f"{int(value):,}"
    return str(value)
