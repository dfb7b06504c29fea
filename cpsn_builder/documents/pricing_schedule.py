"""The bidders' pricing schedule (.xlsx) and the demand CSV.

The workbook holds an Instructions sheet (what the schedule was issued from, how to fill it in,
exactly how the total is evaluated, each partner's months billed and the bid's totals), a sheet
per chosen lot (a price per volume tier and one connection charge per service line, in yellow;
the evaluated price of each line) and a "Demand by partner" sheet that costs every partner's
quantity of every line over its months billed. The formulas follow the estimate's rules
(shared/worked-example.md) and round as the engine does, per partner and line, so typing in the
engine's central prices reproduces the estimate's contract value to the penny.

The layout is worked out before anything is written, because the lot sheets sum ranges of the
demand sheet and the demand sheet reads the lot sheets' evaluated prices.
"""

from __future__ import annotations

import csv
import functools
import io
import textwrap
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation

from ..catalogue.models import Tier
from ..engine.models import LotResult
from ..exports.cells import safe_text
from .context import Inputs
from .text_cleaning import clean
from .xlsx_base import BOLD, BOX, FONT, HEADER_FILL, MONEY, PRICE, TOP, TOTAL_FILL, WRAP, print_landscape, save_reproducibly, styled

INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
WHOLE = "#,##0"
FRACTION = "#,##0.00##"
UNLOCKED = Protection(locked=False)
DEMAND_SHEET = "Demand by partner"
INSTRUCTIONS_SHEET = "Instructions"
POINTS_PER_LINE = 15

# Lot sheet: table A (a row per tier) and table B (a row per service line) share these columns.
LOT_WIDTHS = (16, 38, 11, 18, 16, 16, 16, 16, 18)
PRICE_HEADERS = (
    "Service line id",
    "Service line",
    "Unit",
    "Tier (units a year)",
    "Annual unit price (£)",
    "Connection charge per unit (£)",
    "Partnership's quantity a year",
    "Tier used in evaluation",
)
EVALUATION_HEADERS = (
    "Service line id",
    "Service line",
    "Unit",
    "Partnership's quantity a year",
    "Evaluated unit price (£)",
    "Connection charge per unit (£)",
    "Annual total (£)",
    "One-off total (£)",
    "Total over the term (£)",
)
DEMAND_WIDTHS = (7, 16, 32, 22, 12, 9, 13, 13, 14, 16, 13, 15)
DEMAND_HEADERS = (
    "Lot",
    "Service line id",
    "Service line",
    "Partner",
    "Quantity a year",
    "Months billed",
    "Unit price (£)",
    "Connection charge (£)",
    "Annual cost (£)",
    "Over the months billed (£)",
    "One-off (£)",
    "Term cost (£)",
)
DEMAND_FIRST = 5  # the demand sheet's first data row (title, note, blank, header above it)
INSTRUCTION_WIDTHS = (34, 22, 22, 22, 46)
LOT_ID_CELL = "$B$3"  # each lot sheet's lot id, named LotId on its sheet, so a returned bid says which lot it prices
BIDDER_LABEL = "Your organisation (bidder)"


@dataclass(frozen=True)
class _LotPlan:
    number: int
    lot: LotResult
    sheet: str
    demand_rows: dict[str, tuple[int, int]]  # line id -> first and last row on the demand sheet
    demand_total_row: int


def build_pricing_schedule(inputs: Inputs) -> bytes:
    workbook = Workbook()
    plans = _plan(inputs)
    instructions = workbook.active
    instructions.title = INSTRUCTIONS_SHEET
    lot_sheets = [workbook.create_sheet(plan.sheet) for plan in plans]
    demand = workbook.create_sheet(DEMAND_SHEET)
    prices = {}
    lot_totals = []
    for sheet, plan in zip(lot_sheets, plans):
        cells, total_row = _write_lot(sheet, inputs, plan)
        prices.update(cells)
        lot_totals.append((plan, total_row))
    _write_demand(demand, inputs, plans, prices)
    _write_instructions(instructions, inputs, lot_totals, workbook)
    for sheet in workbook.worksheets:
        sheet.protection.sheet = True
    workbook.security = WorkbookProtection(lockStructure=True)
    return save_reproducibly(workbook, inputs, f"{inputs.catalogue.procurement.title}: pricing schedule")


def _plan(inputs: Inputs) -> list[_LotPlan]:
    plans = []
    row = DEMAND_FIRST
    for number, lot in enumerate(inputs.estimate.lots, 1):
        ranges = {}
        for line in lot.lines:
            ranges[line.line_id] = (row, row + len(line.partners) - 1)
            row += len(line.partners)
        plans.append(_LotPlan(number, lot, _sheet_title(number, inputs, lot), ranges, row))
        row += 1
    return plans


def _sheet_title(number: int, inputs: Inputs, lot: LotResult) -> str:
    """ "Lot 1 WAN": the lot's short title, else its title cut at a word to fit Excel's 31 characters."""
    catalogue_lot = inputs.catalogue.lot(lot.lot_id)
    name = clean(catalogue_lot.short_title if catalogue_lot and catalogue_lot.short_title else lot.title)
    name = " ".join("".join(" " if ch in "[]:*?/\\" else ch for ch in name).split()).strip("'")
    prefix = f"Lot {number}"
    name = _cut_at_word(name, 31 - len(prefix) - 1)
    return f"{prefix} {name}" if name else prefix


def _cut_at_word(text: str, room: int) -> str:
    if len(text) <= room:
        return text
    head = text[: room + 1]
    cut = head.rsplit(" ", 1)[0] if " " in head else text[:room]
    return cut[:room].rstrip(" ,;-'")


def _with_id_column(widths: tuple[int, ...], column: int, lot: LotResult | list[LotResult]) -> tuple[int, ...]:
    """The widths with the service line id column wide enough for the longest id (ids do not wrap)."""
    lots = lot if isinstance(lot, list) else [lot]
    longest = max((len(line.line_id) for item in lots for line in item.lines), default=0)
    return widths[:column] + (max(widths[column], longest + 2),) + widths[column + 1 :]


def _ref(sheet: str, cell: str) -> str:
    return f"{quote_sheetname(sheet)}!{cell}"


# --- Lot sheets -------------------------------------------------------------------------------


def _write_lot(sheet, inputs: Inputs, plan: _LotPlan) -> tuple[dict[str, tuple[str, str]], int]:
    """Table A (prices per tier) and table B (evaluation per line); returns the cells of each line's
    evaluated unit price and connection charge, and the row of the lot total."""
    lot = plan.lot
    tiers = {line.line_id: inputs.catalogue.service_line(line.line_id)[1].tiers for line in lot.lines}
    widths = _with_id_column(LOT_WIDTHS, 0, lot)
    longest_tier = max(len(_tier_label(t)) for line_tiers in tiers.values() for t in line_tiers)
    widths = widths[:3] + (max(widths[3], longest_tier + 2),) + widths[4:]
    _title(sheet, f"Lot {plan.number}: {lot.title}", len(widths), size=13)
    framework = inputs.framework(lot.lot_id)  # none where the framework had not opened by the date of issue
    extension = " and for the extension years" if inputs.catalogue.procurement.extension_years else ""
    _paragraph(
        sheet,
        2,
        (
            f"{f'Comparable framework lot: {framework}. ' if framework else ''}Enter an annual unit price "
            f"for every volume tier{extension} and one connection charge per unit for every service line, in "
            "the yellow cells of table A. Table B and the totals are calculated (see the Instructions sheet "
            "for how)."
        ),
        widths,
    )
    _put(sheet, 3, 1, "Lot reference").font = BOLD
    _put(sheet, 3, 2, lot.lot_id)
    sheet.defined_names["LotId"] = DefinedName("LotId", attr_text=_ref(plan.sheet, LOT_ID_CELL))
    price_rows, row = _price_table(sheet, lot, tiers, 4, inputs.catalogue.procurement.extension_years)
    cells, total_row = _evaluation_table(sheet, plan, price_rows, row + 1)
    _layout(sheet, widths, total_row, "5:5", inputs)
    sheet.freeze_panes = "A6"
    return cells, total_row


def _price_table(
    sheet, lot: LotResult, tiers: dict[str, list[Tier]], row: int, extension_years: int
) -> tuple[dict[str, tuple[int | None, int]], int]:
    """A row per tier of every line, with the bidder's cells; returns, per line, the row of the
    tier used in evaluation (none for a line nobody needs) and of its connection charge, and the
    next free row.

    Where the contract may be extended, the statement of requirements asks for the extension
    years to be priced too: a price per tier for them, which the evaluated total does not use.
    """
    headers = PRICE_HEADERS + (("Annual unit price in the extension years (£)",) if extension_years else ())
    _section(sheet, row, "A. Your prices")
    _header(sheet, row + 1, headers)
    row += 2
    validation = _price_validation()
    sheet.add_data_validation(validation)
    price_rows = {}
    for line in lot.lines:
        first, evaluated = row, None
        _put(sheet, row, 1, line.line_id)
        _put(sheet, row, 2, line.title, wrap=True)
        _put(sheet, row, 3, line.unit)
        _quantity(sheet.cell(row, 7), line.quantity)
        _input(sheet.cell(row, 6), validation)
        if line.tier_from is None:
            _put(sheet, row, 8, "None: no demand", wrap=True)
        for tier in tiers[line.line_id]:
            _put(sheet, row, 4, _tier_label(tier))
            _input(sheet.cell(row, 5), validation)
            if extension_years:
                _input(sheet.cell(row, 9), validation)
            if row > first:
                sheet.cell(row, 6).fill = TOTAL_FILL  # one connection charge per line
            if tier.from_ == line.tier_from:
                evaluated = row
                _put(sheet, row, 8, "Yes").font = BOLD
            _box(sheet, row, len(headers))
            row += 1
        if row - first > 1:
            for column in (1, 2, 3, 7):
                sheet.merge_cells(start_row=first, end_row=row - 1, start_column=column, end_column=column)
        price_rows[line.line_id] = (evaluated, first)
    return price_rows, row


def _evaluation_table(
    sheet, plan: _LotPlan, price_rows: dict[str, tuple[int | None, int]], row: int
) -> tuple[dict[str, tuple[str, str]], int]:
    """A row per line: its evaluated price and the sums of its partners' costs; then the lot total."""
    _section(sheet, row, "B. Evaluation (calculated)")
    _header(sheet, row + 1, EVALUATION_HEADERS)
    row += 2
    first_line = row
    cells = {}
    for line in plan.lot.lines:
        evaluated, first = price_rows[line.line_id]
        start, end = plan.demand_rows[line.line_id]
        _put(sheet, row, 1, line.line_id)
        _put(sheet, row, 2, line.title, wrap=True)
        _put(sheet, row, 3, line.unit)
        _quantity(sheet.cell(row, 4), line.quantity)
        # A line nobody needs has no tier and costs nothing, whatever is entered for it.
        _money(sheet.cell(row, 5, f"=E{evaluated}" if evaluated else 0), PRICE)
        _money(sheet.cell(row, 6, f"=F{first}"), PRICE)
        for column, source in ((7, "I"), (8, "K"), (9, "L")):
            _money(sheet.cell(row, column, f"=SUM({_ref(DEMAND_SHEET, f'{source}{start}:{source}{end}')})"))
        _box(sheet, row, len(EVALUATION_HEADERS))
        cells[line.line_id] = (_ref(plan.sheet, f"$E${row}"), _ref(plan.sheet, f"$F${row}"))
        row += 1
    _put(sheet, row, 2, f"Lot {plan.number} total").font = BOLD
    for column in (7, 8, 9):
        letter = get_column_letter(column)
        _money(sheet.cell(row, column, f"=SUM({letter}{first_line}:{letter}{row - 1})"), bold=True)
    _box(sheet, row, len(EVALUATION_HEADERS), fill=TOTAL_FILL)
    return cells, row


def _tier_label(tier: Tier) -> str:
    return f"{tier.from_:,} and over" if tier.to is None else f"{tier.from_:,} to {tier.to:,}"


def _price_validation() -> DataValidation:
    return DataValidation(
        type="decimal",
        operator="greaterThanOrEqual",
        formula1="0",
        allow_blank=True,
        showInputMessage=True,
        promptTitle="Price in £, ex VAT",
        prompt="An amount in pounds of 0 or more, without the £ sign; up to four decimal places.",
        showErrorMessage=True,
        errorStyle="stop",
        errorTitle="Not a price",
        error="Enter an amount in pounds of 0 or more (for example 1250 or 0.0125), without the £ sign or text.",
    )


# --- Demand by partner ------------------------------------------------------------------------


def _write_demand(sheet, inputs: Inputs, plans: list[_LotPlan], prices: dict[str, tuple[str, str]]) -> None:
    widths = _with_id_column(DEMAND_WIDTHS, 1, [plan.lot for plan in plans])
    width = len(widths)
    _title(sheet, "Demand by partner", width, size=13)
    _paragraph(
        sheet,
        2,
        (
            "Each partner's quantity of each service line and its months billed in the term, costed at the "
            "evaluated unit price and connection charge of the lot's sheet. Annual cost = ROUND(quantity × "
            "unit price, 2); over the months billed = ROUND(quantity × unit price × months billed ÷ 12, 2); "
            "one-off = ROUND(quantity × connection charge, 2), only for a partner billed for at least one "
            "month; term cost = over the months billed + one-off. Everything here is calculated."
        ),
        widths,
    )
    _header(sheet, 4, DEMAND_HEADERS)
    months = {p.partner_id: p.months_billed for p in inputs.estimate.partners}
    for plan in plans:
        for line in plan.lot.lines:
            price, connection = prices[line.line_id]
            row = plan.demand_rows[line.line_id][0]
            for entry in line.partners:
                _put(sheet, row, 1, f"Lot {plan.number}")
                _put(sheet, row, 2, line.line_id)
                _put(sheet, row, 3, line.title, wrap=True)
                _put(sheet, row, 4, _partner_label(inputs, entry.partner_id), wrap=True)
                _quantity(sheet.cell(row, 5), entry.quantity)
                _number(sheet.cell(row, 6), months[entry.partner_id])
                _money(sheet.cell(row, 7, f"={price}"), PRICE)
                _money(sheet.cell(row, 8, f"={connection}"), PRICE)
                _money(sheet.cell(row, 9, f"=ROUND(E{row}*G{row},2)"))
                _money(sheet.cell(row, 10, f"=ROUND(E{row}*G{row}*F{row}/12,2)"))
                _money(sheet.cell(row, 11, f"=IF(F{row}>=1,ROUND(E{row}*H{row},2),0)"))
                _money(sheet.cell(row, 12, f"=J{row}+K{row}"))
                _box(sheet, row, width)
                row += 1
        first = min(start for start, _ in plan.demand_rows.values())
        total = plan.demand_total_row
        _put(sheet, total, 3, f"Lot {plan.number} total").font = BOLD
        for column in (9, 10, 11, 12):
            letter = get_column_letter(column)
            _money(sheet.cell(total, column, f"=SUM({letter}{first}:{letter}{total - 1})"), bold=True)
        _box(sheet, total, width, fill=TOTAL_FILL)
    last = plans[-1].demand_total_row if plans else DEMAND_FIRST
    _layout(sheet, widths, last, "4:4", inputs)
    sheet.freeze_panes = f"A{DEMAND_FIRST}"


def _partner_label(inputs: Inputs, partner_id: str) -> str:
    partner = inputs.catalogue.partner(partner_id)
    return partner.short_name if partner else partner_id


# --- Instructions -----------------------------------------------------------------------------


def _write_instructions(sheet, inputs: Inputs, lot_totals: list[tuple[_LotPlan, int]], workbook) -> None:
    project = inputs.catalogue.procurement
    term = inputs.estimate.term
    width = len(INSTRUCTION_WIDTHS)
    _title(sheet, f"{project.title}: pricing schedule", width, size=14)
    row = 3

    row = _heading(sheet, row, "About this schedule")
    about = [
        ("Procurement", project.title, "Procurement"),
        ("Partnership", inputs.catalogue.programme.partnership, None),
        ("Document version", inputs.version, "ScheduleVersion"),
        ("Status", inputs.status, "ScheduleStatus"),
        ("Date of issue", _day(inputs.issued), "ScheduleIssued"),
        ("Catalogue version", inputs.estimate.catalogue_version, "CatalogueVersion"),
        ("Catalogue SHA-256", inputs.estimate.catalogue_digest, "CatalogueDigest"),
        ("Responses snapshot", inputs.snapshot, "ResponsesSnapshot"),
        ("Demand counted", inputs.demand_counted, None),
    ]
    for label, value, name in about:
        _put(sheet, row, 1, label).font = BOLD
        _put(sheet, row, 2, value)
        sheet.merge_cells(start_row=row, end_row=row, start_column=2, end_column=width)
        if name:
            # Named cells, so a returned bid can be matched to the issue it priced.
            workbook.defined_names[name] = DefinedName(name, attr_text=_ref(INSTRUCTIONS_SHEET, f"$B${row}"))
        row += 1
    _bidder_cell(sheet, row, width, workbook)
    row += 2

    sheets = ", ".join(f"\u201c{plan.sheet}\u201d" for plan, _ in lot_totals)
    row = _heading(sheet, row, "How to complete this schedule")
    for number, text in enumerate(
        [
            f"Each lot has its own sheet ({sheets}). To bid for a lot, price every service line on its sheet; leave the "
            "sheets of lots you do not bid for blank.",
            "In table A of a lot's sheet, enter an annual unit price for every volume tier of every service line, and one "
            "connection charge per unit for each line (charged once, when a unit is connected). Only the yellow cells "
            "can be changed, and they accept only an amount of £0 or more.",
            f"Prices are in pounds sterling, {inputs.catalogue.programme.prices}, and fixed for the first {project.term_years} "
            "years of the contract. Enter amounts without the £ sign; up to four decimal places (call prices per minute)."
            + (
                f" The contract may be extended by up to {project.extension_years} years: price every tier for the extension "
                "years too (column I of table A); those prices are not part of the evaluated total."
                if project.extension_years
                else ""
            ),
            "Quantities are the partners' demand a year from their opt-in questionnaires: indicative, not a commitment. "
            "They, the months billed and all formulas are locked; the sheets and the workbook's structure are protected.",
            f"Enter your organisation's name in the yellow cell \u201c{BIDDER_LABEL}\u201d above. Return the workbook in "
            ".xlsx format without renaming, adding or removing sheets. Do not change the rest of the \u201cAbout this "
            "schedule\u201d block: it identifies the issue of the schedule you priced.",
        ],
        1,
    ):
        row = _paragraph(sheet, row, f"{number}. {text}", INSTRUCTION_WIDTHS) + 1
    row += 1

    row = _heading(sheet, row, "How your total is evaluated")
    for text in [
        "Tier: every unit of a service line is priced at your price for the tier that holds the partnership's "
        "aggregated quantity of that line (\u201cYes\u201d in column H of table A); all units are charged at that price, "
        "so crossing a tier boundary lowers the price of every unit. Your prices for the other tiers are not in the "
        "evaluated total: they apply if partners joining or leaving move the aggregate into another tier.",
        f"Months billed: the term runs {term.months} months, from {_day(term.start)} to {_day(term.end)}. A partner is "
        "billed for each calendar month of the term in which it is a member on the first day of the month; a partner "
        "that has given notice is billed up to and including the month its notice expires (table below).",
        "For each partner and service line (sheet \u201cDemand by partner\u201d): term cost = ROUND(quantity \u00d7 "
        "evaluated unit price \u00d7 months billed \u00f7 12, 2) + ROUND(quantity \u00d7 connection charge, 2), the "
        "connection charge only for a partner billed for at least one month. ROUND rounds to the penny, a half "
        "penny upwards.",
        "A lot's total is the sum of its partners' term costs; your evaluated total (below) is the sum of the lot "
        "totals. The statement of requirements explains how it is scored.",
    ]:
        row = _paragraph(sheet, row, text, INSTRUCTION_WIDTHS) + 1
    row += 1

    row = _heading(sheet, row, "Partners and months billed")
    _header(sheet, row, ("Partner", "Status", "Member from", "Membership ends", "Months billed"))
    row += 1
    for partner in inputs.estimate.partners:
        _put(sheet, row, 1, partner.name, wrap=True)
        _put(sheet, row, 2, _status(partner.status))
        _put(sheet, row, 3, _day(partner.joins) if partner.joins else "before the term")
        _put(sheet, row, 4, _day(partner.leaves) if partner.leaves else "after the term")
        _number(sheet.cell(row, 5), partner.months_billed).alignment = Alignment(horizontal="left", vertical="top")
        _box(sheet, row, width)
        row += 1
    row += 1

    row = _heading(sheet, row, "Your totals (calculated)")
    _header(sheet, row, ("Lot", "Annual total (£)", "One-off total (£)", "Total over the term (£)", "Sheet"))
    row += 1
    first = row
    for plan, total_row in lot_totals:
        _put(sheet, row, 1, f"Lot {plan.number}: {plan.lot.title}", wrap=True)
        for column, letter in ((2, "G"), (3, "H"), (4, "I")):
            _money(sheet.cell(row, column, f"={_ref(plan.sheet, f'{letter}{total_row}')}"))
        _put(sheet, row, 5, plan.sheet)
        _box(sheet, row, width)
        row += 1
    _put(sheet, row, 1, "Evaluated total").font = BOLD
    for column in (2, 3, 4):
        letter = get_column_letter(column)
        _money(sheet.cell(row, column, f"=SUM({letter}{first}:{letter}{row - 1})" if lot_totals else 0), bold=True)
    _box(sheet, row, width, fill=TOTAL_FILL)
    workbook.defined_names["EvaluatedTotal"] = DefinedName("EvaluatedTotal", attr_text=_ref(INSTRUCTIONS_SHEET, f"$D${row}"))
    _layout(sheet, INSTRUCTION_WIDTHS, row, "1:1", inputs)


def _bidder_cell(sheet, row: int, width: int, workbook) -> None:
    """The one text input of the schedule: who is bidding, so a returned bid names its bidder."""
    _put(sheet, row, 1, BIDDER_LABEL).font = BOLD
    sheet.merge_cells(start_row=row, end_row=row, start_column=2, end_column=width)
    cell = sheet.cell(row, 2)
    cell.protection = UNLOCKED
    cell.fill = INPUT_FILL
    cell.alignment = TOP
    validation = DataValidation(
        type="textLength",
        operator="between",
        formula1="1",
        formula2="200",
        allow_blank=True,
        showInputMessage=True,
        promptTitle="Your organisation",
        prompt="The registered name of the organisation submitting this bid, as on its tender response.",
        showErrorMessage=True,
        errorStyle="stop",
        errorTitle="Not a name",
        error="Enter your organisation's name in 1 to 200 characters.",
    )
    sheet.add_data_validation(validation)
    validation.add(cell)
    workbook.defined_names["BidderName"] = DefinedName("BidderName", attr_text=_ref(INSTRUCTIONS_SHEET, f"$B${row}"))


def _status(status: str) -> str:
    return {"member": "Member", "withdrawing": "Notice given", "prospective": "Prospective"}.get(status, status.capitalize())


def _day(value: date) -> str:
    return f"{value.day} {value:%B %Y}"


# --- Cells and pages --------------------------------------------------------------------------


def _put(sheet, row: int, column: int, text: object, wrap: bool = False):
    """A text cell from the catalogue or the responses, neutralised so no spreadsheet runs it."""
    cell = sheet.cell(row, column, safe_text(clean(text)))
    if wrap:
        _wrapped(sheet).append(cell)
    return styled(cell, ("text", wrap), alignment=WRAP if wrap else TOP)


def _wrapped(sheet) -> list:
    """The sheet's cells of wrapped text, as written: the only ones whose row may need to be taller."""
    return sheet.__dict__.setdefault("_cpsn_wrapped", [])


def _input(cell, validation: DataValidation) -> None:
    styled(cell, "input", protection=UNLOCKED, fill=INPUT_FILL, number_format=PRICE)
    validation.add(cell)


def _number(cell, value: int):
    cell.value = value
    return styled(cell, "whole", number_format=WHOLE, alignment=TOP)


def _quantity(cell, quantity: Decimal) -> None:
    cell.value = quantity
    number_format = WHOLE if quantity == quantity.to_integral_value() else FRACTION
    styled(cell, ("quantity", number_format), number_format=number_format, alignment=TOP)


def _money(cell, number_format: str = MONEY, bold: bool = False):
    font = {"font": BOLD} if bold else {}
    return styled(cell, ("money", number_format, bold), number_format=number_format, alignment=TOP, **font)


def _title(sheet, text: str, width: int, size: int) -> None:
    _put(sheet, 1, 1, text).font = Font(name=FONT, bold=True, size=size)
    sheet.merge_cells(start_row=1, end_row=1, start_column=1, end_column=width)
    sheet.row_dimensions[1].height = size * 1.6


def _heading(sheet, row: int, text: str) -> int:
    _section(sheet, row, text)
    return row + 1


def _section(sheet, row: int, text: str) -> None:
    _put(sheet, row, 1, text).font = Font(name=FONT, bold=True, size=12)
    sheet.row_dimensions[row].height = 18


def _header(sheet, row: int, headers: tuple[str, ...]) -> None:
    for column, text in enumerate(headers, 1):
        cell = _put(sheet, row, column, text, wrap=True)
        cell.font = BOLD
        cell.fill = HEADER_FILL
        cell.border = BOX


def _box(sheet, row: int, width: int, fill: PatternFill | None = None) -> None:
    for column in range(1, width + 1):
        cell = sheet.cell(row, column)
        if fill is None:
            styled(cell, "box", border=BOX)
        else:
            styled(cell, ("box", fill.patternType, fill.fgColor.rgb), border=BOX, fill=fill)


def _paragraph(sheet, row: int, text: str, widths: tuple[int, ...]) -> int:
    """Text wrapped across the sheet's printed width, in a row tall enough to show all of it.

    The height is set rather than left to the application: neither Excel nor LibreOffice fits a
    row to a merged cell (other rows with wrapped text they fit themselves).
    Returns the row used.
    """
    _put(sheet, row, 1, text, wrap=True)
    sheet.merge_cells(start_row=row, end_row=row, start_column=1, end_column=len(widths))
    sheet.row_dimensions[row].height = _height(text, sum(widths))
    return row


@functools.lru_cache(maxsize=4096)
def _height(text: str, width: float, bold: bool = False) -> float:
    # A column width counts digits of the default font; prose in Calibri (Carlito in LibreOffice)
    # runs about a quarter narrower, bold about as wide. Wrapping by whole words a character
    # short of that errs towards a row a line too tall rather than text cut off. (Kept: the demand
    # sheet wraps the same line titles and partner names on thousands of rows.)
    per_line = max(int(width * (1.0 if bold else 1.25)) - 1, 1)
    lines = sum(len(textwrap.wrap(part, per_line)) or 1 for part in str(text).split("\n"))
    return lines * POINTS_PER_LINE + 4


def _fit_rows(sheet) -> None:
    """Rows of wrapped text tall enough for it: LibreOffice does not fit them on opening an .xlsx."""
    merged = {(r, c) for cells in sheet.merged_cells.ranges for r, c in cells.cells}
    needed: dict[int, float] = {}
    for cell in _wrapped(sheet):
        if sheet.row_dimensions[cell.row].height is not None or (cell.row, cell.column) in merged or not isinstance(cell.value, str):
            continue  # a height set by hand (a paragraph), or a merged cell no application fits
        height = _height(cell.value, sheet.column_dimensions[cell.column_letter].width, bool(cell.font.b))
        needed[cell.row] = max(height, needed.get(cell.row, 0))
    for number, height in needed.items():
        if height > _height("", 1):
            sheet.row_dimensions[number].height = height


def _layout(sheet, widths: tuple[int, ...], last_row: int, title_rows: str, inputs: Inputs) -> None:
    """A4 landscape, one page wide, headers repeated, only the filled cells printed."""
    for column, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    _fit_rows(sheet)
    print_landscape(
        sheet,
        len(widths),
        last_row,
        title_rows,
        f"{inputs.catalogue.procurement.title}: pricing schedule, version {inputs.version} ({inputs.status})",
    )


# --- Demand CSV --------------------------------------------------------------------------------


def build_demand_csv(inputs: Inputs) -> str:
    """Demand per partner, lot and service line, from the estimate."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["partner_id", "partner", "lot_id", "lot", "service_line_id", "service_line", "unit", "quantity"])
    for lot in inputs.estimate.lots:
        for line in lot.lines:
            for entry in line.partners:
                writer.writerow(
                    [
                        entry.partner_id,
                        safe_text(clean(inputs.partner_name(entry.partner_id))),
                        lot.lot_id,
                        safe_text(clean(lot.title)),
                        line.line_id,
                        safe_text(clean(line.title)),
                        safe_text(clean(line.unit)),
                        entry.quantity,
                    ]
                )
    return out.getvalue()
