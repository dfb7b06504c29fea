"""The cabinet savings report: the seed reports' layout, the estimate's figures, and the agreement."""
from __future__ import annotations

from datetime import date

import pytest

from cpsn_builder.documents.cabinet_report import build_cabinet_report
from cpsn_builder.documents.money_text import percent, pounds
from cpsn_builder.governance.finances import network_withdrawal_impact
from documents_helpers import headings, read_docx, table_rows, to_pdf_text

SEED_LAYOUT = ["Purpose", "Background", "Proposal", "Key figures", "Financial implications", "Legal implications",
               "Risk implications", "Equality and diversity implications", "Recommendations"]


def section_names(document):
    return [text.split(". ", 1)[1] for style, text in headings(document) if style == "Heading 2"]


def test_partnership_report_follows_the_seed_layout(inputs):
    document = read_docx(build_cabinet_report(inputs))
    assert section_names(document) == SEED_LAYOUT
    assert document.paragraphs[0].text == "CABINET"


def test_key_figures_are_the_estimates(inputs):
    est = inputs.estimate
    document = read_docx(build_cabinet_report(inputs))
    figures = {row[0]: row[1] for row in table_rows(document.tables[0])}
    assert figures["Budget envelope for the term"] == pounds(est.envelope.envelope)
    assert figures["Estimated contract value"] == pounds(est.totals.contract_value)
    assert figures["Annual saving"] == pounds(est.totals.annual_saving)
    assert figures["Whole-term saving"] == pounds(est.totals.term_saving)
    assert figures["Share of the envelope used"] == percent(est.envelope.utilisation_percent)
    cases = {row[0]: row[1:] for row in table_rows(document.tables[1])[1:]}
    for case in est.sensitivity:
        assert cases[case.case.title()][0] == pounds(case.totals.contract_value)


def test_per_partner_table_and_chart_with_alternative_text(inputs):
    est = inputs.estimate
    document = read_docx(build_cabinet_report(inputs))
    table = table_rows(document.tables[2])
    assert table[0][0] == "Partner"
    for partner, row in zip(est.partners, table[1:]):
        assert row == [partner.name, pounds(partner.annual_cost), pounds(partner.baseline), pounds(partner.annual_saving), pounds(partner.term_cost)]
    assert table[-1] == ["Total", pounds(est.totals.annual_cost), pounds(est.totals.baseline), pounds(est.totals.annual_saving), pounds(est.totals.contract_value)]
    [picture] = document.inline_shapes
    description = picture._inline.docPr.get("descr")
    assert description.startswith("Annual saving by partner.")
    for partner in est.partners:
        assert f"{partner.name}: saving £{partner.annual_saving:,.0f} a year" in description


def test_a_partners_own_report(inputs):
    fenland = inputs.estimate.partner("fenland")
    document = read_docx(build_cabinet_report(inputs, "fenland"))
    assert ("Heading 1", "What the CPSN procurement means for Fenland District Council") in headings(document)
    figures = {row[0]: row[1] for row in table_rows(document.tables[0])}
    assert figures["Annual saving"] == pounds(fenland.annual_saving)
    assert figures["Months billed in the term"] == "60"
    by_lot = table_rows(document.tables[2])
    assert by_lot[-1][3] == pounds(fenland.annual_saving)
    assert len(by_lot) == len(fenland.lots) + 2


def test_no_report_for_a_partner_outside_the_estimate(inputs):
    with pytest.raises(ValueError, match="Peterborough City Council is not in the estimate"):
        build_cabinet_report(inputs, "peterborough")


def test_governance_votes_caps_and_shortfalls_are_reported(inputs, governance):
    document = read_docx(build_cabinet_report(inputs, governance=governance))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Voting rights on Tell Us Once are suspended for: Cambridgeshire Fire and Rescue Service." in text
    assert "Result: carried: 3 for, 1 against, 1 abstaining." in text
    assert "£2,000.00 of these costs cannot be placed" in text
    caps = [row for t in document.tables for row in table_rows(t) if row[0] == "Fenland District Council" and len(row) == 4]
    assert ["Fenland District Council", "£20,000.00", "£20,000.00", "Yes"] in caps
    votes = [row for t in document.tables for row in table_rows(t) if row[0] == "Cambridgeshire Fire and Rescue Service" and row[1] == "against"]
    assert votes and votes[0][2].startswith("not counted: it declined the project on 01 February 2011")


def test_withdrawal_impact_statement(inputs, governance):
    impact = network_withdrawal_impact(inputs.catalogue, inputs.responses, "south-cambs", date(2013, 9, 30))
    document = read_docx(build_cabinet_report(inputs, "south-cambs", governance, impact))
    assert "Withdrawal impact statement" in section_names(document)
    rows = {row[0]: row[1] for t in document.tables for row in table_rows(t) if len(row) == 2}
    assert rows["CPSN services that end"] == pounds(impact.network_annual_cost)
    assert rows["Core contribution that stops"] == pounds(impact.core_contribution)
    text = "\n".join(p.text for p in document.paragraphs)
    assert "expires on 30 September 2015" in text


def test_reports_are_reproducible(inputs, governance):
    assert build_cabinet_report(inputs, governance=governance) == build_cabinet_report(inputs, governance=governance)


def test_libreoffice_opens_the_report(inputs, governance, tmp_path):
    text = to_pdf_text(build_cabinet_report(inputs, governance=governance), ".docx", tmp_path)
    for heading in ("1. Purpose", "5. Financial implications", "9. Recommendations"):
        assert heading in text
    assert pounds(inputs.estimate.totals.contract_value) in text
