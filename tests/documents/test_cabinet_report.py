"""The cabinet reports: the council's format (seeds 000 and 003), figures from the estimate, in whole pounds that add up."""

from __future__ import annotations

import sys
from decimal import Decimal

import pytest

from cpsn_builder.documents.cabinet_report import build_cabinet_report
from cpsn_builder.documents.charts import bar_chart, largest
from cpsn_builder.documents.context import Inputs
from cpsn_builder.documents.money_text import figure, whole_pounds
from cpsn_builder.engine import estimate
from conftest import REPO
from documents_helpers import ISSUED, read_docx, table_rows


def _text(document) -> str:
    return "\n".join(p.text for p in document.paragraphs)


def _table(document, first_header: str, contains: str | None = None):
    for table in document.tables:
        rows = table_rows(table)
        if rows[0][0] == first_header and (contains is None or contains in rows[0]):
            return rows
    raise AssertionError(f"no table headed {first_header}")


def test_front_sheet_and_sections_in_the_council_format(inputs, governance):
    document = read_docx(build_cabinet_report(inputs, governance=governance))
    text = _text(document)
    assert text.startswith("CAMBRIDGESHIRE COUNTY COUNCIL\nCABINET\n22 MARCH 2011")
    facts = {row[0]: row[1] for row in table_rows(document.tables[0])}
    assert facts["Report of"] and facts["Portfolio holder"] and facts["Key decision"].startswith("YES (Forward Plan reference")
    assert facts["Wards affected"] == "All"
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    for title in (
        "Purpose of report",
        "Recommendations",
        "Background",
        "Options considered",
        "Reasons for the recommendations",
        "Financial implications",
        "Legal implications",
        "Human resource implications",
        "Equality and diversity implications",
        "Crime and disorder implications (Section 17)",
        "Environmental implications",
        "Risk management implications",
        "Background papers",
        "Contact officers",
    ):
        assert any(h.split(". ", 1)[1] == title for h in headings), title
    assert [int(h.split(".")[0]) for h in headings] == list(range(1, len(headings) + 1))
    assert "It is recommended that Cabinet:" in text and "\ni)\t" in text
    assert "\n1.1\tTo report" in text and "\n3.1\tThe " in text  # numbered paragraphs, as in the seeds


def test_figures_are_whole_pounds_and_every_table_adds_up(inputs):
    document = read_docx(build_cabinet_report(inputs))
    est = inputs.estimate
    rows = _table(document, "Partner", "Annual charges")
    assert [r[0] for r in rows[1:-1]] == [p.name for p in est.partners]
    assert rows[-1][0] == "Total"
    for column in range(1, len(rows[0])):
        values = [int(r[column].replace(",", "").replace("\u2212", "-")) for r in rows[1:]]
        assert sum(values[:-1]) == values[-1], rows[0][column]
    assert rows[-1][5] == figure(int(est.totals.contract_value))  # the contract value, to the pound
    assert "." not in "".join(c for r in rows for c in r[1:])  # no pence on million-pound figures
    key = {r[0]: r[1] for r in _table(document, "Figure")}
    assert key["of which one-off connection charges"] == figure(int(est.totals.one_off))


def test_financial_years_add_up_to_the_term(inputs):
    document = read_docx(build_cabinet_report(inputs))
    rows = _table(document, "Year")
    assert rows[1][0] == "2012/13" and rows[-1][0] == "Total"
    totals = rows[-1]
    assert totals[3] == figure(int(inputs.estimate.totals.contract_value))
    assert totals[5] == figure(int(inputs.estimate.totals.term_saving))
    for column in range(1, 6):
        values = [int(r[column].replace(",", "").replace("\u2212", "-")) for r in rows[1:]]
        assert sum(values[:-1]) == values[-1]


def test_a_partner_report_has_its_own_sensitivity_and_explains_derived_spend(inputs):
    partner = next(p for p in inputs.estimate.partners if p.partner_id == "fenland")
    document = read_docx(build_cabinet_report(inputs, "fenland"))
    text = _text(document)
    assert text.startswith("FENLAND DISTRICT COUNCIL")
    case = {r[0]: r[1:] for r in _table(document, "Case")}
    assert case["Central"] == [figure(int(partner.term_cost)), figure(int(partner.annual_saving))]
    assert case["Low"][0] != case["High"][0]
    assert "\u2020 The Council stated no current spending" in text  # what "(derived)" meant


def test_a_partner_under_notice_is_asked_to_note_not_to_approve(inputs):
    document = read_docx(build_cabinet_report(inputs, "south-cambs"))
    text = _text(document)
    assert "notice to leave the partnership expires on 30 September 2015" in text
    assert "no decision is needed" in text and "agrees that the Council takes part" not in text


def test_a_cost_increase_is_called_one(inputs):
    """A negative saving reads as a cost increase, never "a saving of -£57,940"."""
    import dataclasses

    est = inputs.estimate
    partner = est.partners[0]
    worse = dataclasses.replace(partner, annual_saving=Decimal("-57940.00"))
    changed = dataclasses.replace(inputs, estimate=dataclasses.replace(est, partners=(worse, *est.partners[1:])))
    text = _text(read_docx(build_cabinet_report(changed, partner.partner_id)))
    assert "an annual cost increase of £57,940" in text and "-£57,940" not in text and "saving of \u2212" not in text


def test_whole_pounds_round_so_the_parts_add_up():
    parts = [Decimal("10.40"), Decimal("10.40"), Decimal("10.20"), Decimal("-5.50")]
    assert whole_pounds(parts, sum(parts)) == [11, 10, 10, -5]
    assert sum(whole_pounds(parts, sum(parts))) == 26


def test_same_inputs_give_identical_bytes(inputs, governance):
    assert build_cabinet_report(inputs, governance=governance) == build_cabinet_report(inputs, governance=governance)


def test_a_chart_of_more_bars_than_a_page_holds_keeps_the_largest_savings_and_increases():
    labels = [f"P{i}" for i in range(20)]
    values = [Decimal(i * 100) for i in range(18)] + [Decimal("-5000"), Decimal("-50")]
    shown, shown_values = largest(labels, values)
    # the 15 largest by size, whichever way: P19's increase of £50 is smaller than P5's saving of £500
    assert shown == ["P17", "P16", "P15", "P14", "P13", "P12", "P11", "P10", "P9", "P8", "P7", "P6", "P5", "P4", "P18"]
    assert shown_values == sorted(shown_values, reverse=True) and shown_values[-1] == Decimal("-5000")
    assert largest(labels[:15], values[:15]) == (labels[:15], values[:15])  # what fits is left as given
    with pytest.raises(ValueError, match="20 bars do not fit on a page: choose at most 15"):
        bar_chart("Too tall", labels, values, "£")


def test_twenty_partners_are_counted_in_the_background_and_pointed_to():
    sys.path.insert(0, str(REPO / "bench"))
    from synthetic import scaled_demo  # the demo's partners four times over

    scaled_catalogue, responses = scaled_demo(4)
    report = read_docx(build_cabinet_report(Inputs(scaled_catalogue, responses, estimate(scaled_catalogue, responses), ISSUED)))
    background = next(p.text for p in report.paragraphs if "Its partners are" in p.text)
    assert background.endswith("Its partners are the 20 public bodies listed with each one's costs and savings in section 4.")
    assert next(p.text for p in report.paragraphs if p.text.startswith("4.")) == "4. Key issues: costs and savings"
