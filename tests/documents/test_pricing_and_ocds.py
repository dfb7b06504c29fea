"""The demand CSV and the OCDS release package (the pricing schedule: test_pricing_schedule.py)."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from decimal import Decimal as D

import jsonschema
from referencing import Registry, Resource

from conftest import REPO
from cpsn_builder.documents.ocds import build_ocds
from cpsn_builder.documents.pricing_schedule import build_demand_csv

OCDS = REPO / "tests" / "data" / "ocds"  # OCDS 1.1.5 and the Lots extension, vendored (see its README)
RELEASE_URL = "https://standard.open-contracting.org/schema/1__1__5/release-schema.json"


def test_demand_csv_adds_up_to_the_estimate(inputs):
    rows = list(csv.DictReader(io.StringIO(build_demand_csv(inputs))))
    for lot in inputs.estimate.lots:
        for line in lot.lines:
            assert sum(D(r["quantity"]) for r in rows if r["service_line_id"] == line.line_id) == line.quantity


def _validator():
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


def test_the_vendored_schemas_are_the_ones_their_readme_names():
    """Nobody edits a vendored schema to make an export pass: each file matches the hash its README records."""
    recorded = dict(re.findall(r"^\| `([^`]+\.json)` \|.*\| `([0-9a-f]{64})` \|$", (OCDS / "README.md").read_text(), re.M))
    assert sorted(recorded) == sorted(p.name for p in OCDS.glob("*.json"))
    for name, digest in recorded.items():
        assert hashlib.sha256((OCDS / name).read_bytes()).hexdigest() == digest, name
    assert json.loads((OCDS / "release-schema.json").read_text())["id"] == RELEASE_URL
    assert "Apache License" in (OCDS / "LICENSE").read_text()


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
