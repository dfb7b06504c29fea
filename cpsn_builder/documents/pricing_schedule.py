"""The bidders' pricing schedule (.xlsx) and the demand CSV.

Quantities are the partnership's aggregated demand from the estimate, locked; bidders fill the
unlocked yellow cells with unit prices and connection charges, and formulas total each line,
each lot and the whole bid over the term.
"""
from __future__ import annotations

import csv
import io


from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter

from ..exports.cells import safe_text
from .context import Inputs
from .docx_base import normalise_zip
from .text_cleaning import clean

INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
HEADER_FONT = Font(bold=True)
MONEY = '"£"#,##0.00'
PRICE = '"£"#,##0.00##'
HEADERS = ["Service line id", "Service line", "Unit", "Aggregated quantity a year", "Annual unit price (£)",
           "Annual total (£)", "Connection charge per unit (£)", "One-off total (£)", "Total over the term (£)"]


def build_pricing_schedule(inputs: Inputs) -> bytes:
    workbook = Workbook()
    _instructions(workbook.active, inputs)
    term_years = inputs.catalogue.procurement.term_years
    lot_totals = []
    for number, lot in enumerate(inputs.estimate.lots, 1):
        sheet = workbook.create_sheet(_sheet_title(number, lot.title))
        lot_totals.append(f"'{sheet.title}'!I{_write_lot(sheet, inputs, lot, term_years)}")
    summary = workbook.active
    row = summary.max_row + 2
    summary.cell(row, 1, "Total bid over the term (£)").font = HEADER_FONT
    total = summary.cell(row, 2, "=" + "+".join(lot_totals) if lot_totals else 0)
    total.number_format = MONEY
    summary.protection.sheet = True
    stamp = inputs.issued_at
    workbook.properties.creator = clean(inputs.author)
    workbook.properties.title = clean(f"{inputs.catalogue.procurement.title}: pricing schedule")
    workbook.properties.created = stamp
    workbook.properties.modified = stamp
    buffer = io.BytesIO()
    workbook.save(buffer)
    return normalise_zip(buffer.getvalue())


def _sheet_title(number: int, title: str) -> str:
    """Excel sheet names: at most 31 characters, none of []:*?/\\."""
    cleaned = "".join(ch for ch in clean(title) if ch not in "[]:*?/\\'")
    return f"Lot {number} {cleaned}"[:31].rstrip()


def _instructions(sheet, inputs: Inputs) -> None:
    project = inputs.catalogue.procurement
    sheet.title = "Instructions"
    lines = [
        f"{project.title}: pricing schedule",
        f"Version {inputs.version} ({inputs.status}), {inputs.issued:%d %B %Y}. Catalogue {inputs.estimate.catalogue_version}.",
        "",
        "1. Each lot has its own sheet. Quantities are the partners' aggregated demand for a year; they are indicative and locked.",
        "2. Enter an annual unit price and a connection charge per unit in the yellow cells of every line you bid for.",
        f"3. Prices are in pounds sterling, {inputs.catalogue.programme.prices}, fixed for the first {project.term_years} years.",
        f"4. The totals are calculated: annual total = quantity x unit price; term total = annual total x {project.term_years} + one-off total.",
        "5. Do not change the sheets' structure; they are protected apart from the price cells.",
    ]
    for row, text in enumerate(lines, 1):
        sheet.cell(row, 1, safe_text(clean(text)))
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.column_dimensions["A"].width = 110


def _write_lot(sheet, inputs: Inputs, lot, term_years: int) -> int:
    """Writes the lot's lines and returns the row of its total."""
    sheet.append([safe_text(clean(f"{lot.title} ({inputs.catalogue.lot(lot.lot_id).framework_lot})"))])
    sheet["A1"].font = Font(bold=True, size=12)
    sheet.append(HEADERS)
    for cell in sheet[2]:
        cell.font = HEADER_FONT
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    first = 3
    for row, line in enumerate(lot.lines, first):
        values = [line.line_id, line.title, line.unit, line.quantity, None, f"=D{row}*E{row}", None, f"=D{row}*G{row}",
                  f"=F{row}*{term_years}+H{row}"]
        for column, value in enumerate(values, 1):
            # Our formulas go in as formulas; any text from the catalogue is neutralised first.
            is_formula = column in (6, 8, 9)
            sheet.cell(row, column, value if is_formula or not isinstance(value, str) else safe_text(clean(value)))
        for column in (5, 7):
            cell = sheet.cell(row, column)
            cell.protection = Protection(locked=False)
            cell.fill = INPUT_FILL
            cell.number_format = PRICE
        sheet.cell(row, 4).number_format = "#,##0"
        for column in (6, 8, 9):
            sheet.cell(row, column).number_format = MONEY
    last = first + len(lot.lines) - 1
    total_row = last + 1
    sheet.cell(total_row, 2, "Lot total").font = HEADER_FONT
    for column in (6, 8, 9):
        letter = get_column_letter(column)
        cell = sheet.cell(total_row, column, f"=SUM({letter}{first}:{letter}{last})")
        cell.number_format = MONEY
        cell.font = HEADER_FONT
    for column, width in zip("ABCDEFGHI", (20, 38, 12, 16, 16, 18, 18, 18, 20)):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A3"
    sheet.protection.sheet = True
    return total_row


def build_demand_csv(inputs: Inputs) -> str:
    """Demand per partner, lot and service line, from the estimate."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["partner_id", "partner", "lot_id", "lot", "service_line_id", "service_line", "unit", "quantity"])
    for lot in inputs.estimate.lots:
        for line in lot.lines:
            for entry in line.partners:
                writer.writerow([entry.partner_id, safe_text(clean(inputs.partner_name(entry.partner_id))), lot.lot_id,
                                 safe_text(clean(lot.title)), line.line_id, safe_text(clean(line.title)),
                                 safe_text(clean(line.unit)), entry.quantity])
    return out.getvalue()
