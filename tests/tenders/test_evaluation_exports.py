"""The evaluation's JSON (valid against its schema), CSV and terminal table carry the case's figures."""

from __future__ import annotations

import csv
import io
import json

import jsonschema
from worked_case import BIDS, load, marks

from cpsn_builder.cli.render_evaluation import render_evaluation
from cpsn_builder.exports.evaluation_csv import to_csv
from cpsn_builder.exports.evaluation_json import json_schema, to_json
from cpsn_builder.tenders.evaluation import evaluate


def _evaluation(tmp_path):
    catalogue, responses = load(tmp_path)
    return evaluate(catalogue, responses, BIDS, marks())


def test_json_is_valid_and_exact(tmp_path):
    data = json.loads(to_json(_evaluation(tmp_path)))
    jsonschema.validate(data, json_schema())
    assert data["format"] == "cpsn-builder/evaluation"
    wan = data["lots"][0]
    assert wan["tied"] == ["Anglia Networks", "Cam Telecom"]
    assert [(t["bidder"], t["evaluated_price"], t["total"], t["rank"]) for t in wan["tenders"]] == [
        ("Anglia Networks", "1865000.00", "73.52", 1),
        ("Cam Telecom", "1865000.00", "73.52", 1),
        ("Breckland Data", "1155000.00", "67.50", 3),
    ]
    assert [f["kind"] for f in data["flags"]] == ["abnormally_low"]


def test_csv_has_a_row_per_tender_with_its_marks(tmp_path):
    rows = list(csv.DictReader(io.StringIO(to_csv(_evaluation(tmp_path)))))
    assert [(r["lot"], r["bidder"], r["rank"], r["compliant"]) for r in rows] == [
        ("wan", "Anglia Networks", "1", "yes"),
        ("wan", "Cam Telecom", "1", "yes"),
        ("wan", "Breckland Data", "3", "yes"),
        ("internet", "Anglia Networks", "1", "yes"),
        ("internet", "Cam Telecom", "", "no"),
    ]
    cam = rows[-1]
    assert (cam["Q1_moderated"], cam["Q1_score"], cam["quality_score"]) == ("1", "5.00", "32.50")
    assert rows[2]["flags"] == "abnormally_low"


def test_table_names_the_tie_the_leader_and_the_flag(tmp_path):
    text = render_evaluation(_evaluation(tmp_path))
    assert "Tied on total and quality: Anglia Networks and Cam Telecom; the lead chooses, with the reason." in text
    assert "Highest total: Anglia Networks." in text
    assert "Breckland Data's evaluated price for Wide area network, £1,155,000.00, is 41.2% below" in text
    assert "Q1 Technical solution scored 1, below the minimum of 2." in text
