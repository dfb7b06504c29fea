"""The bidders' pricing schedule: agrees with the estimate, prints as a bidder would want, rebuilds identically."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
import zipfile
from dataclasses import replace
from datetime import date
from decimal import Decimal as D
from pathlib import Path

import openpyxl
import pytest

from conftest import DEMO_RESPONSES, REPO
from documents_helpers import run_calc
from cpsn_builder.catalogue import Catalogue
from cpsn_builder.documents.context import issue_date
from cpsn_builder.documents.docx_base import FIXED_ZIP_TIME
from cpsn_builder.documents.pricing_schedule import build_demand_csv, build_pricing_schedule
from cpsn_builder.engine import estimate

PAGES = REPO / "test-output" / "pricing-schedule"
PENNY = D("0.01")
HALF = D("0.5")
FIRST_PRICE_ROW = 6  # table A's first row on a lot sheet
DEMAND_FIRST_ROW = 5


def workbook(inputs) -> openpyxl.Workbook:
    return load(build_pricing_schedule(inputs))


def load(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


@pytest.fixture(scope="module")
def schedule(inputs) -> bytes:
    """The demo schedule, built once for the checks that only read it."""
    return build_pricing_schedule(inputs)


def price_rows(sheet, inputs, lot):
    """(row, service line, tier index) of every row of a lot sheet's table A, read from the sheet."""
    row = FIRST_PRICE_ROW
    for line in lot.lines:
        assert sheet.cell(row, 1).value == line.line_id
        for index, _ in enumerate(inputs.catalogue.service_line(line.line_id)[1].tiers):
            yield row, line, index
            row += 1


def fill_central_prices(book, inputs) -> None:
    """What a bidder pricing at the engine's central prices types in: the estimate's unit price for the
    tier that holds the aggregate, the catalogue's price for every other tier, the connection charge."""
    for sheet, lot in zip(book.worksheets[1:], inputs.estimate.lots):
        for row, line, index in price_rows(sheet, inputs, lot):
            tier = inputs.catalogue.service_line(line.line_id)[1].tiers[index]
            price = line.unit_price if tier.from_ == line.tier_from else tier.price
            sheet.cell(row, 5).value = float(price)
            sheet.cell(row, 9).value = float(price) * 2  # the extension years' price, not in the evaluated total
            if index == 0:
                sheet.cell(row, 6).value = float(line.connection_charge)


def recalculate(book: openpyxl.Workbook, tmp_path: Path) -> openpyxl.Workbook:
    """The workbook with every formula's result as LibreOffice Calc computes it."""
    source = tmp_path / "priced.xlsx"
    book.save(source)
    out = tmp_path / "calc"
    run_calc(tmp_path, "--convert-to", "xlsx", "--outdir", str(out), str(source))
    assert (out / "priced.xlsx").is_file(), "LibreOffice could not open the schedule"
    return openpyxl.load_workbook(out / "priced.xlsx", data_only=True)


def pounds(value) -> D:
    # Calc's results are binary floating point; a penny figure read back is within far less than a penny.
    return D(repr(value)).quantize(PENNY)


def demand_rows(book):
    sheet = book["Demand by partner"]
    return [row for row in sheet.iter_rows(min_row=DEMAND_FIRST_ROW, values_only=True) if row[1]]


# --- Agreement with the estimate ---------------------------------------------------------------


def test_each_partner_is_costed_over_its_own_months_billed(inputs, schedule):
    rows = demand_rows(load(schedule))
    expected = [
        (
            line.line_id,
            inputs.catalogue.partner(entry.partner_id).short_name,
            entry.quantity,
            inputs.estimate.partner(entry.partner_id).months_billed,
        )
        for lot in inputs.estimate.lots
        for line in lot.lines
        for entry in line.partners
    ]
    assert [(r[1], r[3], D(str(r[4])), r[5]) for r in rows] == expected
    assert {r[5] for r in rows if r[3] == "South Cambs DC"} == {42}  # it leaves when its notice expires
    first = DEMAND_FIRST_ROW
    assert rows[0][9] == f"=ROUND(E{first}*G{first}*F{first}/12,2)"
    assert rows[0][10] == f"=IF(F{first}>=1,ROUND(E{first}*H{first},2),0)"


def test_libreoffice_totals_the_central_prices_to_the_estimates_contract_value(inputs, schedule, tmp_path):
    book = load(schedule)
    fill_central_prices(book, inputs)
    calc = recalculate(book, tmp_path)
    summary = calc["Instructions"]
    total_row = next(r for r in range(1, summary.max_row + 1) if summary.cell(r, 1).value == "Evaluated total")
    assert pounds(summary.cell(total_row, 4).value) == inputs.estimate.totals.contract_value == D("34877900.00")
    assert pounds(summary.cell(total_row, 2).value) == inputs.estimate.totals.annual_cost
    assert pounds(summary.cell(total_row, 3).value) == inputs.estimate.totals.one_off
    for number, lot in enumerate(inputs.estimate.lots, 1):
        sheet = calc.worksheets[number]
        row = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 2).value == f"Lot {number} total")
        assert (pounds(sheet.cell(row, 7).value), pounds(sheet.cell(row, 8).value), pounds(sheet.cell(row, 9).value)) == (
            lot.annual_cost,
            lot.one_off,
            lot.term_cost,
        ), lot.lot_id
        lines = {sheet.cell(r, 1).value: r for r in range(row - len(lot.lines), row)}
        for line in lot.lines:
            assert D(repr(sheet.cell(lines[line.line_id], 5).value)) == line.unit_price
            assert pounds(sheet.cell(lines[line.line_id], 9).value) == line.term_cost, line.line_id
    assert pounds(calc["Lot 1 WAN"].cell(lot_total_row_of(calc["Lot 1 WAN"]), 9).value) == D("17381000.00")


def lot_total_row_of(sheet) -> int:
    return next(r for r in range(1, sheet.max_row + 1) if str(sheet.cell(r, 2).value).endswith(" total"))


def _half_penny_catalogue(catalogue, est):
    """The catalogue with each line's evaluated tier price moved to where the most partners' amounts
    fall on an exact half penny, and half a penny added to every connection charge."""
    months = {p.partner_id: p.months_billed for p in est.partners}

    def halves(line, price):
        return sum(
            ((e.quantity * price * 100) % 1 == HALF) + ((e.quantity * price * months[e.partner_id] / 12 * 100) % 1 == HALF)
            for e in line.partners
        )

    results = {line.line_id: line for lot in est.lots for line in lot.lines}
    lots = []
    for lot in catalogue.lots:
        lines = []
        for service_line in lot.service_lines:
            result = results.get(service_line.id)
            if result is None or result.unit_price is None:
                lines.append(service_line)
                continue
            price = max((result.unit_price - D(k) / 10_000 for k in range(1, 2000)), key=lambda p: halves(result, p))
            tiers = [t.model_copy(update={"price": price}) if t.from_ == result.tier_from else t for t in service_line.tiers]
            lines.append(service_line.model_copy(update={"tiers": tiers, "connection_charge": service_line.connection_charge + D("0.005")}))
        lots.append(lot.model_copy(update={"service_lines": lines}))
    return Catalogue(catalogue.root, catalogue.programme, catalogue.partners, tuple(lots), catalogue.digest)


def test_half_pennies_round_up_in_libreoffice_as_in_the_engine(inputs, tmp_path):
    catalogue = _half_penny_catalogue(inputs.catalogue, inputs.estimate)
    priced = replace(inputs, catalogue=catalogue, estimate=estimate(catalogue, inputs.responses))
    months = {p.partner_id: p.months_billed for p in priced.estimate.partners}
    amounts = []  # each amount the schedule rounds, exactly and as Calc's binary floating point computes it
    for lot in priced.estimate.lots:
        for line in lot.lines:
            for e in line.partners:
                q, p, c, m = e.quantity, line.unit_price or D(0), line.connection_charge, months[e.partner_id]
                amounts += [(q * p, float(q) * float(p)), (q * p * m / 12, float(q) * float(p) * m / 12), (q * c, float(q) * float(c))]
    on_half = [(exact, binary) for exact, binary in amounts if (exact * 100) % 1 == HALF]
    # Binary floating point holds some of these a hair below the half penny: ROUND must still round them up.
    below = [exact for exact, binary in on_half if binary < float(exact)]
    assert len(on_half) >= 50 and below

    book = workbook(priced)
    fill_central_prices(book, priced)
    rows = demand_rows(recalculate(book, tmp_path))
    entries = [(line.line_id, e) for lot in priced.estimate.lots for line in lot.lines for e in line.partners]
    assert len(rows) == len(entries)
    for row, (line_id, entry) in zip(rows, entries):
        assert row[1] == line_id
        assert (pounds(row[8]), pounds(row[10]), pounds(row[11])) == (entry.annual_cost, entry.one_off, entry.term_cost), (
            line_id,
            entry.partner_id,
        )


# --- Tier prices and protection ----------------------------------------------------------------


def test_a_price_for_every_tier_and_one_connection_charge_per_line_evaluated_at_the_aggregates_tier(inputs, schedule):
    book = load(schedule)
    assert inputs.catalogue.procurement.extension_years == 2
    assert "extended by up to 2 years: price every tier for the extension years too" in " ".join(
        str(c.value) for r in book["Instructions"].iter_rows() for c in r if c.value
    )
    for sheet, lot in zip(book.worksheets[1:], inputs.estimate.lots):
        assert sheet.cell(FIRST_PRICE_ROW - 1, 9).value == "Annual unit price in the extension years (£)"
        evaluated = {}
        for row, line, index in price_rows(sheet, inputs, lot):
            tier = inputs.catalogue.service_line(line.line_id)[1].tiers[index]
            assert sheet.cell(row, 4).value == (f"{tier.from_:,} and over" if tier.to is None else f"{tier.from_:,} to {tier.to:,}")
            if sheet.cell(row, 8).value == "Yes":
                evaluated[line.line_id] = (row, tier.from_)
        assert {k: v[1] for k, v in evaluated.items()} == {line.line_id: line.tier_from for line in lot.lines if line.tier_from}
        total = lot_total_row_of(sheet)
        for row in range(total - len(lot.lines), total):
            line_id = sheet.cell(row, 1).value
            assert sheet.cell(row, 5).value == f"=E{evaluated[line_id][0]}"


def test_only_the_price_cells_are_open_and_they_take_only_amounts(inputs, schedule):
    book = load(schedule)
    assert book.security.lockStructure
    for sheet in book.worksheets:
        assert sheet.protection.sheet, sheet.title
    for sheet, lot in zip(book.worksheets[1:], inputs.estimate.lots):
        expected = set()
        for row, _, index in price_rows(sheet, inputs, lot):
            expected |= {f"E{row}", f"I{row}"}  # the term's price and the extension years' price of each tier
            if index == 0:
                expected.add(f"F{row}")
        open_cells = {c.coordinate for r in sheet.iter_rows() for c in r if not c.protection.locked}
        assert open_cells == expected, sheet.title
        (validation,) = sheet.data_validations.dataValidation
        assert (validation.type, validation.operator, validation.formula1) == ("decimal", "greaterThanOrEqual", "0")
        assert validation.showErrorMessage and validation.errorStyle == "stop" and "0 or more" in validation.error
        assert validation.showInputMessage and validation.prompt
        covered = {str(c) for r in validation.sqref.ranges for c in _cells(r)}
        assert covered == expected
        for coordinate in expected:
            assert sheet[coordinate].number_format == '"£"#,##0.00##'
    assert not [c for r in book["Demand by partner"].iter_rows() for c in r if not c.protection.locked]
    # On the Instructions sheet only the bidder's name is open (a cell merged across the block).
    ((title, cell),) = book.defined_names["BidderName"].destinations
    instructions = book["Instructions"]
    open_cells = {c.coordinate.rstrip("0123456789") for r in instructions.iter_rows() for c in r if not c.protection.locked}
    assert (title, open_cells) == ("Instructions", {"B", "C", "D", "E"})
    assert {c.row for r in instructions.iter_rows() for c in r if not c.protection.locked} == {int(cell.split("$")[-1])}
    assert instructions[cell.replace("$", "")].fill.fgColor.rgb.endswith("FFF2CC")
    (validation,) = instructions.data_validations.dataValidation
    assert (validation.type, validation.formula1, validation.formula2) == ("textLength", "1", "200")
    assert validation.showInputMessage and validation.prompt and cell.replace("$", "") in str(validation.sqref)


def _cells(cell_range):
    return [
        f"{openpyxl.utils.get_column_letter(c)}{r}"
        for r in range(cell_range.min_row, cell_range.max_row + 1)
        for c in range(cell_range.min_col, cell_range.max_col + 1)
    ]


def test_sheet_names_read_and_fit_excels_31_characters(inputs, schedule):
    book = load(schedule)
    lots = [inputs.catalogue.lot(lot.lot_id) for lot in inputs.estimate.lots]
    assert book.sheetnames == ["Instructions", *[f"Lot {i} {lot.short_title}" for i, lot in enumerate(lots, 1)], "Demand by partner"]
    assert book.sheetnames[1:4] == ["Lot 1 WAN", "Lot 2 Internal WAN", "Lot 3 Internet and PSN"]
    # Without a short title, the title is cut at a word, not mid-word.
    catalogue = Catalogue(
        inputs.catalogue.root,
        inputs.catalogue.programme,
        inputs.catalogue.partners,
        tuple(lot.model_copy(update={"short_title": None}) for lot in inputs.catalogue.lots),
        inputs.catalogue.digest,
    )
    names = workbook(replace(inputs, catalogue=catalogue)).sheetnames
    assert names[3] == "Lot 3 Internet and Public"
    for name, lot in zip(names[1:-1], inputs.estimate.lots):
        assert len(name) <= 31
        words = name.split(" ", 2)[2].split()
        assert lot.title.split()[: len(words)] == words


def test_text_cells_are_neutralised_against_formula_injection(inputs):
    hostile = inputs.catalogue.lots[0].service_lines[0].model_copy(update={"title": '=HYPERLINK("http://x")'})
    lot = inputs.catalogue.lots[0].model_copy(update={"service_lines": [hostile, *inputs.catalogue.lots[0].service_lines[1:]]})
    catalogue = Catalogue(
        inputs.catalogue.root,
        inputs.catalogue.programme,
        inputs.catalogue.partners,
        (lot, *inputs.catalogue.lots[1:]),
        inputs.catalogue.digest,
    )
    changed = replace(inputs, catalogue=catalogue, estimate=estimate(catalogue, inputs.responses))
    book = workbook(changed)
    assert book["Lot 1 WAN"].cell(FIRST_PRICE_ROW, 2).value == '\'=HYPERLINK("http://x")'
    assert {r[2] for r in demand_rows(book) if r[1] == hostile.id} == {'\'=HYPERLINK("http://x")'}
    assert "'=HYPERLINK" in build_demand_csv(changed)


def test_no_framework_is_cited_before_it_existed(inputs, schedule):
    def text(book):
        return " ".join(str(c.value) for sheet in book.worksheets for r in sheet.iter_rows() for c in r if c.value)

    assert "RM3808" not in text(load(schedule))  # a 2011 schedule: the framework opened years later
    assert "Comparable framework lot: CCS Network Services (RM3808) Lot 1" in text(workbook(replace(inputs, issued=date(2024, 1, 1))))


# --- What it was issued from ---------------------------------------------------------------------


def test_the_about_block_records_what_the_schedule_was_issued_from(inputs, schedule):
    book = load(schedule)
    sheet = book["Instructions"]
    about = {sheet.cell(r, 1).value: sheet.cell(r, 2).value for r in range(1, 15)}
    assert about["Procurement"] == inputs.catalogue.procurement.title
    assert about["Catalogue version"] == inputs.estimate.catalogue_version == "2011.1"
    assert about["Catalogue SHA-256"] == inputs.estimate.catalogue_digest
    assert about["Responses snapshot"] == inputs.snapshot
    assert (about["Document version"], about["Status"], about["Date of issue"]) == ("1.0", "Final", "1 March 2011")
    assert about["Your organisation (bidder)"] is None  # for the bidder to fill in
    for name, label in (
        ("CatalogueDigest", "Catalogue SHA-256"),
        ("ResponsesSnapshot", "Responses snapshot"),
        ("ScheduleVersion", "Document version"),
        ("Procurement", "Procurement"),
        ("BidderName", "Your organisation (bidder)"),
    ):
        ((title, cell),) = book.defined_names[name].destinations
        assert book[title][cell.replace("$", "")].value == about[label]
    # Each lot sheet names the lot it prices, so a returned bid's prices are read against the right lot.
    for sheet, lot in zip(book.worksheets[1:-1], inputs.estimate.lots):
        ((title, cell),) = sheet.defined_names["LotId"].destinations
        assert (title, sheet[cell.replace("$", "")].value, sheet["A3"].value) == (sheet.title, lot.lot_id, "Lot reference")


# --- Reproducible bytes --------------------------------------------------------------------------


def test_two_builds_are_byte_identical_and_dated_from_the_inputs(inputs, schedule):
    first = build_pricing_schedule(inputs)
    assert first == schedule  # built earlier, from the same inputs
    core = zipfile.ZipFile(io.BytesIO(first)).read("docProps/core.xml").decode()
    assert re.findall(r"<dcterms:(?:created|modified)[^>]*>([^<]+)<", core) == ["2011-03-01T00:00:00Z"] * 2
    assert {info.date_time for info in zipfile.ZipFile(io.BytesIO(first)).infolist()} == {
        FIXED_ZIP_TIME
    }  # the same fixed time as the Word documents, not the build's
    assert b"<Application>CPSN Builder</Application>" in zipfile.ZipFile(io.BytesIO(first)).read("docProps/app.xml")


def test_a_build_under_another_clock_gives_the_same_bytes(inputs, tmp_path):
    faketime = shutil.which("faketime")
    if faketime is None:
        pytest.skip("faketime is not installed: apt-get install faketime")
    out = tmp_path / "later.xlsx"
    subprocess.run(
        [
            faketime,
            "2030-01-01 12:34:56",
            sys.executable,
            "-m",
            "cpsn_builder",
            "pricing-schedule",
            "--responses",
            str(DEMO_RESPONSES),
            "--version",
            inputs.version,
            "--status",
            inputs.status,
            "--author",
            inputs.author,
            "--out",
            str(out),
        ],
        check=True,
        capture_output=True,
        cwd=REPO,
        timeout=300,
    )
    # No --date: the date comes from the data (the demo responses carry no submission times).
    dated = replace(inputs, issued=issue_date(inputs.catalogue, inputs.responses))
    assert out.read_bytes() == build_pricing_schedule(dated)


# --- On paper ------------------------------------------------------------------------------------


def test_every_sheet_prints_a4_landscape_one_page_wide_with_its_headers(inputs, schedule):
    book = load(schedule)
    for sheet in book.worksheets:
        setup = sheet.page_setup
        assert (setup.orientation, setup.paperSize, setup.fitToWidth, setup.fitToHeight) == ("landscape", 9, 1, 0), sheet.title
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.print_title_rows
        (area,) = sheet.print_area if isinstance(sheet.print_area, list) else [sheet.print_area]
        last_column, last_row = re.fullmatch(r".*!\$A\$1:\$([A-Z]+)\$(\d+)", area).groups()
        used = [c for r in sheet.iter_rows() for c in r if c.value is not None]
        assert max(c.row for c in used) == int(last_row), sheet.title
        assert max(c.column for c in used) == openpyxl.utils.column_index_from_string(last_column), sheet.title


def test_the_demo_schedule_on_paper(inputs, schedule, tmp_path):
    """Print the demo schedule through LibreOffice and read it page by page, as a bidder would.

    The pages are written to test-output/pricing-schedule/ for people to look at.
    """
    if shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None:
        pytest.skip("poppler-utils (pdftotext, pdftoppm) is not installed")
    source = tmp_path / "pricing-schedule.xlsx"
    source.write_bytes(schedule)
    sheetnames = openpyxl.load_workbook(source).sheetnames
    run_calc(tmp_path, "--convert-to", "pdf", "--outdir", str(tmp_path), str(source))
    pdf = tmp_path / "pricing-schedule.pdf"
    shutil.rmtree(PAGES, ignore_errors=True)
    PAGES.mkdir(parents=True)
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdf), str(PAGES / "page")], check=True, timeout=120)
    shutil.copy(pdf, PAGES / "pricing-schedule.pdf")
    pages = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout.split("\f")
    pages = [p for p in pages if p.strip()]
    assert len(list(PAGES.glob("page-*.png"))) == len(pages)

    # The rightmost column's header on every page: one page wide, and headers repeated.
    last_header = {"Instructions": None, "Demand by partner": "Term cost (£)"}
    by_sheet: dict[str, list[str]] = {}
    for page in pages:
        sheet = next(name for name in sheetnames if re.search(rf"^\s*{re.escape(name)}\s+Page \d+ of \d+\s*$", page, re.M))
        by_sheet.setdefault(sheet, []).append(page)
        header = last_header.get(sheet, "Total over the term")
        if header:
            assert header in page, f"a page of {sheet} without its headers or cut off on the right"
        body = [line for line in page.splitlines() if line.strip() and "Page " not in line and "pricing schedule, version" not in line]
        assert len(body) > 3, f"a nearly empty page of {sheet}: {body}"
    assert set(by_sheet) == set(sheetnames)
    for sheet in sheetnames[1:-1]:
        assert len(by_sheet[sheet]) == 1, f"{sheet} runs to {len(by_sheet[sheet])} pages"
    assert len(by_sheet["Instructions"]) <= 2
    instructions = " ".join(" ".join(by_sheet["Instructions"]).split())
    for text in (
        "term cost = ROUND(quantity × evaluated unit price × months billed ÷ 12, 2) + ROUND(quantity × connection charge, 2)",
        "the tier that holds the partnership's aggregated quantity",
        inputs.estimate.catalogue_digest,
        "South Cambridgeshire District Council Notice given",
    ):
        assert text in instructions
