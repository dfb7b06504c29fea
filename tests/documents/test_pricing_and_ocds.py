"""The bidders' pricing schedule, the demand CSV and the OCDS release package."""
from __future__ import annotations

import csv
import io
import json
import subprocess
from decimal import Decimal as D

import jsonschema
import openpyxl
import pytest
from referencing import Registry, Resource

from conftest import SHARED
from cpsn_builder.documents.ocds import build_ocds
from cpsn_builder.documents.pricing_schedule import build_demand_csv, build_pricing_schedule
from documents_helpers import SOFFICE

OCDS = SHARED / "ocds"
RELEASE_URL = "https://standard.open-contracting.org/schema/1__1__5/release-schema.json"


def workbook(inputs):
    return openpyxl.load_workbook(io.BytesIO(build_pricing_schedule(inputs)))


def test_a_sheet_per_chosen_lot_with_locked_quantities_and_open_price_cells(inputs):
    book = workbook(inputs)
    assert book.sheetnames[0] == "Instructions"
    assert len(book.sheetnames) == 1 + len(inputs.estimate.lots)
    for sheet, lot in zip(book.worksheets[1:], inputs.estimate.lots):
        assert sheet.protection.sheet
        for row, line in enumerate(lot.lines, 3):
            assert sheet.cell(row, 1).value == line.line_id
            assert D(str(sheet.cell(row, 4).value)) == line.quantity
            assert sheet.cell(row, 4).protection.locked
            assert not sheet.cell(row, 5).protection.locked and not sheet.cell(row, 7).protection.locked
            assert sheet.cell(row, 6).value == f"=D{row}*E{row}"
        total_row = 3 + len(lot.lines)
        assert sheet.cell(total_row, 9).value == f"=SUM(I3:I{total_row - 1})"


def test_text_cells_are_neutralised_against_formula_injection(inputs):
    hostile = inputs.catalogue.lots[0].service_lines[0].model_copy(update={"title": "=HYPERLINK(\"http://x\")"})
    lot = inputs.catalogue.lots[0].model_copy(update={"service_lines": [hostile, *inputs.catalogue.lots[0].service_lines[1:]]})
    from dataclasses import replace
    from cpsn_builder.catalogue import Catalogue
    from cpsn_builder.engine import estimate
    catalogue = Catalogue(inputs.catalogue.root, inputs.catalogue.programme, inputs.catalogue.partners,
                          (lot, *inputs.catalogue.lots[1:]), inputs.catalogue.digest)
    changed = replace(inputs, catalogue=catalogue, estimate=estimate(catalogue, inputs.responses))
    sheet = openpyxl.load_workbook(io.BytesIO(build_pricing_schedule(changed))).worksheets[1]
    assert sheet.cell(3, 2).value == "'=HYPERLINK(\"http://x\")"
    assert "'=HYPERLINK" in build_demand_csv(changed)


def test_libreoffice_calculates_the_bid_totals(inputs, tmp_path):
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui")
    book = workbook(inputs)
    sheet = book.worksheets[1]
    sheet["E3"], sheet["G3"] = 100, 10
    source = tmp_path / "priced.xlsx"
    book.save(source)
    result = subprocess.run([SOFFICE, f"-env:UserInstallation=file://{tmp_path / 'lo'}", "--headless", "--convert-to",
                             "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,2",
                             "--outdir", str(tmp_path), str(source)], capture_output=True, text=True, timeout=180)
    exported = list(tmp_path.glob("priced*.csv"))
    if not exported:
        pytest.skip(f"this LibreOffice cannot export spreadsheets (install libreoffice-calc-nogui): {result.stderr[-200:]}")
    rows = list(csv.reader(exported[0].open(encoding="utf-8")))
    quantity = inputs.estimate.lots[0].lines[0].quantity
    years = inputs.catalogue.procurement.term_years
    assert D(rows[2][5]) == quantity * 100
    assert D(rows[2][8]) == quantity * 100 * years + quantity * 10


def test_demand_csv_adds_up_to_the_estimate(inputs):
    rows = list(csv.DictReader(io.StringIO(build_demand_csv(inputs))))
    for lot in inputs.estimate.lots:
        for line in lot.lines:
            assert sum(D(r["quantity"]) for r in rows if r["service_line_id"] == line.line_id) == line.quantity


def _validator():
    if not OCDS.is_dir():
        pytest.skip(f"the OCDS schema files are not at {OCDS} (they sit beside the project in shared/ocds, not in a clone)")
    release = json.loads((OCDS / "release-schema.json").read_text())
    patch = json.loads((OCDS / "lots-extension-release-schema.json").read_text())
    package = json.loads((OCDS / "release-package-schema.json").read_text())
    registry = Registry().with_resource(RELEASE_URL, Resource.from_contents(_merge_patch(release, patch)))
    return jsonschema.Draft4Validator(package, registry=registry, format_checker=jsonschema.FormatChecker())


def _merge_patch(target, patch):
    """RFC 7386 JSON Merge Patch: how OCDS extensions apply to the release schema."""
    if not isinstance(patch, dict):
        return patch
    result = dict(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = _merge_patch(result.get(key), value)
    return result


def test_ocds_package_is_valid_against_the_schema_with_lots(inputs):
    data = json.loads(build_ocds(inputs))
    errors = [f"{list(e.path)}: {e.message}" for e in _validator().iter_errors(data)]
    assert errors == []


def test_the_validator_would_catch_a_broken_package(inputs):
    data = json.loads(build_ocds(inputs))
    del data["releases"][0]["ocid"]
    data["releases"][0]["tender"]["lots"][0]["value"]["amount"] = "lots"
    assert len(list(_validator().iter_errors(data))) >= 2


def test_ocds_figures_are_the_estimates(inputs):
    release = json.loads(build_ocds(inputs))["releases"][0]
    assert release["planning"]["budget"]["amount"] == {"amount": 40000000, "currency": "GBP"}
    assert D(str(release["tender"]["value"]["amount"])) == inputs.estimate.totals.contract_value
    lots = {lot["id"]: lot for lot in release["tender"]["lots"]}
    assert set(lots) == {lot.lot_id for lot in inputs.estimate.lots}
    for lot in inputs.estimate.lots:
        assert D(str(lots[lot.lot_id]["value"]["amount"])) == lot.term_cost
    items = {item["id"]: item for item in release["tender"]["items"]}
    line = inputs.estimate.lot("cctv").lines[0]
    assert items[line.line_id]["relatedLot"] == "cctv" and D(str(items[line.line_id]["quantity"])) == line.quantity
    assert {p["id"] for p in release["parties"]} == {p.partner_id for p in inputs.estimate.partners}
    assert "procuringEntity" in next(p for p in release["parties"] if p["id"] == "cambs-county")["roles"]
