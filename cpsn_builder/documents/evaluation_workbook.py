"""The evaluation workbook (.xlsx): every price, mark and score of the evaluation, for the record.

A summary of the bids, a sheet per lot (each bid's evaluated price against the estimate, scores,
rank, compliance and flags; then each criterion's marks by evaluator, the moderated mark and its
score), the line prices of every bid, and the flags. Cells hold the Evaluation's values, never
formulas, so the workbook says what was decided whatever application opens it; text cells are
neutralised (exports.cells.safe_text) because bidders' names come from their files.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from ..exports.cells import safe_text
from ..tenders.models import Evaluation, Flag, LotRanking
from .context import Inputs
from .xlsx_base import BOLD, BOX, FONT, HEADER_FILL, MONEY, PRICE, TOP, TOTAL_FILL, WRAP, print_landscape, save_reproducibly
from .text_cleaning import clean

SCORE = "0.00"
PERCENT = '0.0"%"'
QUANTITY = "#,##0.##"
LINE_POINTS = 15
FLAG_KINDS = {
    "abnormally_low": "Abnormally low price",
    "over_envelope": "Over the budget",
    "above_high_case": "Priced above the high case",
    "rising_tiers": "Tier prices rise with volume",
    "late": "Late bid",
}
LOT_WIDTHS = (30, 24, 16, 16, 12, 11, 11, 11, 11, 11, 40, 48)
BID_HEADERS = (
    "Bidder",
    "Evaluated price (£)",
    "Estimate (£)",
    "Difference (£)",
    "Difference (%)",
    "Price score",
    "Quality score",
    "Total",
    "Rank",
    "Compliant",
    "Why not compliant",
    "Flags",
)


@dataclass(frozen=True)
class Cell:
    """A value and how to show it: a number format for figures, wrapping for long text."""

    value: object
    number_format: str | None = None
    wrap: bool = False


def build_evaluation_workbook(evaluation: Evaluation, inputs: Inputs) -> bytes:
    workbook = Workbook()
    title = clean(f"{inputs.catalogue.procurement.title}: evaluation, version {inputs.version} ({inputs.status})")
    numbers = {lot.lot_id: number for number, lot in enumerate(evaluation.estimate.lots, 1)}
    summary = workbook.active
    summary.title = "Bids"
    _write_bids(summary, evaluation, numbers, title)
    for ranking in evaluation.lots:
        _write_lot(
            workbook.create_sheet(_sheet_name(inputs, numbers.get(ranking.lot_id, 0), ranking)),
            evaluation,
            ranking,
            numbers.get(ranking.lot_id, 0),
            title,
        )
    _write_lines(workbook.create_sheet("Line prices"), evaluation, numbers, title)
    _write_flags(workbook.create_sheet("Flags"), evaluation, numbers, title)
    return save_reproducibly(workbook, inputs, title)


# --- Sheets -----------------------------------------------------------------------------------


def _write_bids(sheet, evaluation: Evaluation, numbers: dict[str, int], title: str) -> None:
    widths = (30, 28, 66, 30, 20, 10)
    _put(sheet, 1, 1, "Evaluation of the bids").font = Font(name=FONT, bold=True, size=13)
    issue = evaluation.sources[0].issue if evaluation.sources else None  # every bid priced the same issue, or was refused
    issued = (
        f"Bids priced the pricing schedule version {issue.schedule_version} for {issue.procurement} (catalogue "
        f"{issue.catalogue_version}; responses: {issue.responses_snapshot}). "
        if issue
        else ""
    )
    notes = (
        f"{issued}Price weight {evaluation.price_weight.normalize():f}, quality weight {evaluation.quality_weight.normalize():f}. "
        f"An evaluated price more than {evaluation.abnormally_low_percent.normalize():f}% below the estimate is flagged as "
        "abnormally low. Every figure is the evaluation's; nothing is calculated in this workbook."
    )
    _put(sheet, 2, 1, notes, wrap=True)
    sheet.merge_cells(start_row=2, end_row=2, start_column=1, end_column=len(widths))
    sheet.row_dimensions[2].height = LINE_POINTS * (1 + len(notes) // int(sum(widths) * 1.1)) + 3
    rows = [
        [
            Cell(bid.bidder),
            Cell(bid.file_name),
            Cell(bid.sha256),
            Cell(", ".join(f"Lot {numbers.get(lot, '?')}" for lot in bid.lots), wrap=True),
            Cell(bid.tendered_contract_value, MONEY),
            Cell(len(bid.flags)),
        ]
        for bid in evaluation.bids
    ]
    last = _table(sheet, 4, ("Bidder", "File", "SHA-256 of the file", "Lots bid for", "Tendered contract value (£)", "Flags"), rows)
    _layout(sheet, widths, last, "4:4", title)


def _write_lot(sheet, evaluation: Evaluation, ranking: LotRanking, number: int, title: str) -> None:
    _put(sheet, 1, 1, f"Lot {number}: {ranking.title}").font = Font(name=FONT, bold=True, size=13)
    _put(sheet, 2, 1, "Estimate at the catalogue's central prices (£):")
    sheet.merge_cells(start_row=2, end_row=2, start_column=1, end_column=2)
    _money(sheet.cell(2, 3, ranking.estimate))
    if ranking.tied:
        _put(sheet, 3, 1, "Tied for first place: " + ", ".join(ranking.tied))
    rows = [
        [
            Cell(t.bidder),
            Cell(t.evaluated_price, MONEY),
            Cell(t.estimate, MONEY),
            Cell(t.difference, MONEY),
            Cell(t.difference_percent, PERCENT),
            Cell(t.price_score, SCORE),
            Cell(t.quality_score, SCORE),
            Cell(t.total, SCORE),
            Cell(t.rank if t.rank is not None else "not ranked"),
            Cell("Yes" if t.compliant else "No"),
            Cell("; ".join(t.reasons), wrap=True),
            Cell("; ".join(f.message for f in t.flags), wrap=True),
        ]
        for t in ranking.tenders
    ]
    _section(sheet, 5, "A. Bids")
    row = _table(sheet, 6, BID_HEADERS, rows or [[Cell("No bids were received for this lot.")]])
    evaluators = _evaluators(ranking)
    _section(sheet, row + 2, "B. Quality marks (0 to 4) by evaluator, the moderated mark and its score")
    headers = ("Bidder", "Criterion", "Weight", "Minimum mark", *evaluators, "Moderated mark", "Score", "Below minimum")
    marks = []
    for tender in ranking.tenders:
        for criterion in tender.quality:
            given = dict(criterion.evaluators)
            marks.append(
                [
                    Cell(tender.bidder),
                    Cell(f"{criterion.criterion_id} {criterion.title}", wrap=True),
                    Cell(criterion.weight, SCORE),
                    Cell(criterion.minimum),
                ]
                + [Cell(given.get(name, "")) for name in evaluators]
                + [
                    Cell(criterion.moderated if criterion.moderated is not None else "not agreed"),
                    Cell(criterion.score, SCORE),
                    Cell("Yes" if criterion.below_minimum else "No"),
                ]
            )
    last = _table(sheet, row + 3, headers, marks or [[Cell("No marks.")]])
    _layout(sheet, LOT_WIDTHS[: max(len(BID_HEADERS), len(headers))] + (11,) * max(0, len(headers) - len(LOT_WIDTHS)), last, "6:6", title)
    sheet.freeze_panes = "B7"


def _evaluators(ranking: LotRanking) -> list[str]:
    """Every evaluator who marked a bid for the lot, in the order they first appear."""
    names: list[str] = []
    for tender in ranking.tenders:
        for criterion in tender.quality:
            names.extend(name for name, _ in criterion.evaluators if name not in names)
    return names


def _write_lines(sheet, evaluation: Evaluation, numbers: dict[str, int], title: str) -> None:
    """Each bid's price for every line of every lot it bid for, beside the estimate's, then the lot's evaluated price."""
    headers = (
        "Bidder",
        "Lot",
        "Service line id",
        "Service line",
        "Partnership's quantity a year",
        "Tier used (from units)",
        "Bid's unit price (£)",
        "Estimate's unit price (£)",
        "High case unit price (£)",
        "Connection charge (£)",
        "Term cost (£)",
    )
    rows, totals = [], []
    for bid in evaluation.bids:
        for lot_id in bid.lots:
            ranking = evaluation.lot(lot_id)
            tender = ranking.tender(bid.bidder) if ranking else None
            if tender is None:
                continue
            lot = f"Lot {numbers.get(lot_id, 0)}"
            for line in tender.lines:
                rows.append(
                    [
                        Cell(bid.bidder),
                        Cell(lot),
                        Cell(line.line_id),
                        Cell(line.title, wrap=True),
                        Cell(line.quantity, QUANTITY),
                        Cell(line.tier_from if line.tier_from is not None else "no demand"),
                        Cell(line.unit_price if line.unit_price is not None else "none", PRICE),
                        Cell(line.estimate_unit_price if line.estimate_unit_price is not None else "none", PRICE),
                        Cell(line.high_price, PRICE),
                        Cell(line.connection_charge, PRICE),
                        Cell(line.term_cost, MONEY),
                    ]
                )
            totals.append(len(rows))
            rows.append(
                [Cell(bid.bidder), Cell(lot), Cell(""), Cell(f"{lot} evaluated price", wrap=True)]
                + [Cell("")] * 6
                + [Cell(tender.evaluated_price, MONEY)]
            )
    _put(sheet, 1, 1, "Line prices of every bid").font = Font(name=FONT, bold=True, size=13)
    _put(
        sheet,
        2,
        1,
        "The bid's unit price is its price for the volume tier the partnership's quantity falls in; each lot's "
        "evaluated price is the sum of its lines' term costs.",
    )
    last = _table(sheet, 4, headers, rows or [[Cell("No bids.")]], bold_rows={4 + 1 + index for index in totals})
    _layout(sheet, (30, 8, 18, 36, 14, 12, 14, 14, 14, 14, 16), last, "4:4", title)
    sheet.freeze_panes = "A5"


def _write_flags(sheet, evaluation: Evaluation, numbers: dict[str, int], title: str) -> None:
    rows = [
        [
            Cell(FLAG_KINDS.get(flag.kind, flag.kind)),
            Cell(flag.bidder),
            Cell(_lot_label(flag, numbers)),
            Cell(flag.line_id or ""),
            Cell(flag.message, wrap=True),
        ]
        for flag in evaluation.flags
    ]
    _put(sheet, 1, 1, "Flags: matters to clarify before award").font = Font(name=FONT, bold=True, size=13)
    last = _table(sheet, 3, ("Flag", "Bidder", "Lot", "Service line id", "What was found"), rows or [[Cell("No flags.")]])
    _layout(sheet, (26, 30, 10, 18, 90), last, "3:3", title)


def _lot_label(flag: Flag, numbers: dict[str, int]) -> str:
    return f"Lot {numbers[flag.lot_id]}" if flag.lot_id in numbers else "Whole bid"


def _sheet_name(inputs: Inputs, number: int, ranking: LotRanking) -> str:
    """ "Lot 1 WAN", as the pricing schedule names its sheets: Excel allows 31 characters and no []:*?/\\."""
    lot = inputs.catalogue.lot(ranking.lot_id)
    name = clean(lot.short_title if lot and lot.short_title else ranking.title)
    name = " ".join("".join(" " if ch in "[]:*?/\\" else ch for ch in name).split()).strip("'")
    return f"Lot {number} {name}"[:31].rstrip()


# --- Cells and pages --------------------------------------------------------------------------


def _put(sheet, row: int, column: int, text: object, wrap: bool = False):
    cell = sheet.cell(row, column, safe_text(clean(text)))
    cell.alignment = WRAP if wrap else TOP
    return cell


def _money(cell):
    cell.number_format = MONEY
    cell.alignment = TOP
    return cell


def _section(sheet, row: int, text: str) -> None:
    _put(sheet, row, 1, text).font = Font(name=FONT, bold=True, size=12)


def _table(sheet, row: int, headers: Sequence[str], rows: Sequence[Sequence[Cell]], bold_rows: set[int] = frozenset()) -> int:
    """A boxed table with a shaded header row at `row`; returns the last row written."""
    for column, text in enumerate(headers, 1):
        cell = _put(sheet, row, column, text, wrap=True)
        cell.font, cell.fill, cell.border = BOLD, HEADER_FILL, BOX
    for offset, values in enumerate(rows, 1):
        number = row + offset
        for column, item in enumerate(values, 1):
            if isinstance(item.value, (Decimal, int)) and not isinstance(item.value, bool):
                cell = sheet.cell(number, column, item.value)
                cell.number_format = item.number_format or "0"
                cell.alignment = TOP
            else:
                cell = _put(sheet, number, column, item.value, wrap=item.wrap)
            cell.border = BOX
            if number in bold_rows:
                cell.font, cell.fill = BOLD, TOTAL_FILL
        for column in range(len(values) + 1, len(headers) + 1):
            sheet.cell(number, column).border = BOX
    return row + len(rows)


def _fit_rows(sheet, widths: Sequence[int]) -> None:
    """Rows tall enough for their wrapped text: LibreOffice does not fit them when it opens an .xlsx.

    A column's width counts digits; prose runs about a fifth narrower, so a line holds a little
    more than the width, and a word never breaks, so the estimate errs a line tall rather than short.
    """
    for row in sheet.iter_rows():
        if sheet.row_dimensions[row[0].row].height is not None:
            continue  # set where it was written (a merged paragraph, which no application fits)
        lines = [
            len(textwrap.wrap(cell.value, max(int(widths[cell.column - 1] * 1.15) - 1, 1))) or 1
            for cell in row
            if cell.alignment.wrap_text and isinstance(cell.value, str) and cell.column <= len(widths)
        ]
        if lines and max(lines) > 1:
            sheet.row_dimensions[row[0].row].height = max(lines) * LINE_POINTS + 3


def _layout(sheet, widths: Sequence[int], last_row: int, title_rows: str, title: str) -> None:
    """A4 landscape, one page wide, the header row repeated on every page."""
    for column, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    _fit_rows(sheet, widths)
    print_landscape(sheet, len(widths), last_row, title_rows, title)
