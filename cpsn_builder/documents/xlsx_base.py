"""What every workbook the partnership issues shares: its cell styles, and bytes that are the
same for the same inputs."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
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
