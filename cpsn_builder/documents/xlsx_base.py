"""What every workbook the partnership issues shares: its cell styles, and bytes that are the
same for the same inputs."""

from __future__ import annotations

import io
from collections.abc import Hashable
from copy import copy

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins
from openpyxl.xml.functions import tostring

from .context import Inputs
from .docx_base import normalise_zip
from .text_cleaning import clean

FONT = "Calibri"  # named, or LibreOffice falls back to a serif for styled cells
BOLD = Font(name=FONT, bold=True)
HEADER_FILL = PatternFill("solid", fgColor="D9E2F3")
TOTAL_FILL = PatternFill("solid", fgColor="F2F2F2")
THIN = Side(style="thin", color="808080")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")
MONEY = '"£"#,##0.00'
PRICE = '"£"#,##0.00##'
# The file says which program wrote it (openpyxl's own claims "Microsoft Excel Compatible").
APP_PROPERTIES = (
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    b"<Application>CPSN Builder</Application></Properties>"
)


def styled(cell, key: Hashable, **styles):
    """Set cell.<name> = value for each of `styles`, as openpyxl would; `key` names that combination.

    openpyxl hashes each style object against the workbook's style lists on every assignment: two
    thirds of the time of a 400-partner pricing schedule. The ids a combination gives a cell in a
    given starting style are always the same, so they are worked out once per workbook and copied
    onto later cells (the style array, which openpyxl copies itself when it applies a named style).
    """
    memo = cell.parent.parent.__dict__.setdefault("_cpsn_styles", {})
    start = (None if cell._style is None else tuple(cell._style), key)  # None: a cell never styled
    found = memo.get(start)
    if found is None:
        for name, value in styles.items():
            setattr(cell, name, value)
        memo[start] = copy(cell._style)
    else:
        cell._style = copy(found)
    return cell


def save_reproducibly(workbook: Workbook, inputs: Inputs, title: str) -> bytes:
    """The .xlsx with its dates taken from the inputs and fixed zip times, so the same inputs give
    the same bytes (openpyxl stamps the save time into docProps/core.xml and every zip entry)."""
    properties = workbook.properties
    properties.creator = properties.lastModifiedBy = clean(inputs.author)
    properties.title = clean(title)
    buffer = io.BytesIO()
    workbook.save(buffer)
    properties.created = properties.modified = inputs.issued_at
    core = tostring(properties.to_tree())
    return normalise_zip(buffer.getvalue(), {"docProps/core.xml": lambda _blob: core, "docProps/app.xml": lambda _blob: APP_PROPERTIES})


def print_landscape(sheet, columns: int, last_row: int, title_rows: str, header: str) -> None:
    """A4 landscape, one page wide, the title rows repeated on every page, only the filled cells
    printed, the header's text top left and "Page X of Y" at the foot."""
    sheet.print_area = f"A1:{get_column_letter(columns)}{last_row}"
    sheet.print_title_rows = title_rows
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_margins = PageMargins(left=0.5, right=0.5, top=0.75, bottom=0.75, header=0.3, footer=0.3)
    sheet.print_options.gridLines = False
    sheet.oddHeader.left.text = clean(header).replace("&", "&&")
    sheet.oddFooter.left.text = "&A"
    sheet.oddFooter.right.text = "Page &P of &N"
