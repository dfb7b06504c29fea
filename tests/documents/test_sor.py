"""The statement of requirements, read back and checked against the estimate."""
from __future__ import annotations

import dataclasses
import io
import zipfile

from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

from cpsn_builder.documents.context import Inputs
from cpsn_builder.documents.money_text import quantity
from cpsn_builder.documents.sor import build_sor
from cpsn_builder.engine import estimate
from cpsn_builder.responses.models import ResponseSet
from documents_helpers import ISSUED, headings, read_docx, table_rows, to_pdf_text


def test_headings_are_real_styles_and_cover_the_chosen_lots(inputs):
    document = read_docx(build_sor(inputs))
    found = headings(document)
    titles = [text for _, text in found]
    assert ("Heading 1", "1. Introduction and background") in found
    for number, lot in enumerate(inputs.estimate.lots, 4):
        assert ("Heading 1", f"{number}. {lot.title}") in found
        assert ("Heading 2", f"{number}.2 Requirements") in found
    for title in ("Security and PSN compliance", "Implementation and transition", "Exit", "Pricing instructions", "Evaluation approach"):
        assert any(t.endswith(title) for t in titles), title
    assert titles[-1] == "Annex A. Site list"


def test_a_lot_nobody_chose_appears_nowhere(catalogue, demo_responses):
    without_cctv = ResponseSet("cpsn", tuple(
        dataclasses.replace(r, lots=tuple(lot_id for lot_id in r.lots if lot_id != "cctv"),
                            answers={k: v for k, v in r.answers.items() if k != "cctv"},
                            sites=tuple(s for s in r.sites if s.lot_id != "cctv"))
        for r in demo_responses.responses))
    est = estimate(catalogue, without_cctv)
    data = build_sor(Inputs(catalogue, without_cctv, est, ISSUED))
    document = read_docx(data)
    text = "\n".join(p.text for p in document.paragraphs) + "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    # (the project's own description still mentions CCTV as a possible scope, as the seed does)
    assert "CCTV transmission" not in text and "CCTV-0" not in text and "camera" not in text.lower()


def test_requirements_quote_the_aggregated_figures(inputs):
    document = read_docx(build_sor(inputs))
    wan = inputs.estimate.lot("wan")
    requirement_rows = [row for t in document.tables for row in table_rows(t) if row[0] == "WAN-001"]
    [row] = requirement_rows
    broadband = next(line for line in wan.lines if line.line_id == "broadband_site")
    assert f"{quantity(broadband.quantity)} broadband site" in row[1]
    assert row[2] == "Must"


def test_demand_tables_equal_the_estimate(inputs):
    document = read_docx(build_sor(inputs))
    totals = {row[0]: row[2] for t in document.tables for row in table_rows(t) if len(row) == 4 and row[1] == "All partners"}
    for lot in inputs.estimate.lots:
        for line in lot.lines:
            assert totals[line.title] == quantity(line.quantity)


def test_participation_matrix(inputs):
    document = read_docx(build_sor(inputs))
    matrix = next(t for t in document.tables if table_rows(t)[0][:2] == ["Partner", "Lot 1"])
    rows = {row[0]: row[1:] for row in table_rows(matrix)[1:]}
    for partner in inputs.estimate.partners:
        assert [lot.lot_id for lot, mark in zip(inputs.estimate.lots, rows[partner.name]) if mark == "Yes"] == list(partner.lots)


def test_page_furniture_a4_header_footer_fields_and_landscape_annex(inputs):
    data = build_sor(inputs)
    document = read_docx(data)
    first, annex = document.sections[0], document.sections[-1]
    assert (round(first.page_width.mm), round(first.page_height.mm)) == (210, 297)
    assert annex.orientation == WD_ORIENT.LANDSCAPE and annex.page_width > annex.page_height
    assert first.header.paragraphs[0].text == "OFFICIAL"
    footer_xml = first.footer.paragraphs[0]._p.xml
    assert "PAGE" in footer_xml and "NUMPAGES" in footer_xml
    assert document.settings.element.find(qn("w:updateFields")).get(qn("w:val")) == "true"
    body = document.element.body.xml
    assert 'TOC \\o "1-2"' in body
    # the contents field is pre-filled with the headings, so any viewer shows them
    contents = [p.text for p in document.paragraphs][:200]
    assert "1. Introduction and background" in contents and contents.count("1. Introduction and background") == 2


def test_document_control_and_core_properties_come_from_the_inputs(inputs):
    document = read_docx(build_sor(inputs))
    control = {row[0]: row[1] for row in table_rows(document.tables[0])}
    assert control["Version"] == "1.0" and control["Status"] == "Final" and control["Author"] == "Head of Procurement"
    assert inputs.estimate.catalogue_digest in control["Catalogue"]
    assert document.core_properties.created.date() == ISSUED
    assert document.core_properties.author == "Head of Procurement"


def test_the_same_inputs_give_byte_identical_files(inputs):
    first, second = build_sor(inputs), build_sor(inputs)
    assert first == second
    assert {info.date_time for info in zipfile.ZipFile(io.BytesIO(first)).infolist()} == {(2012, 1, 1, 0, 0, 0)}


def test_every_site_is_in_the_annex(inputs):
    document = read_docx(build_sor(inputs))
    annex = table_rows(document.tables[-1])
    assert annex[0] == ["Partner", "Site", "Postcode", "Service line"]
    expected = sum(len(r.sites) for r in inputs.responses.responses if inputs.estimate.partner(r.partner_id))
    assert len(annex) - 1 == expected
    assert ["Fenland District Council", "Fenland Hall", "PE15 8NQ", "1 Gbps Ethernet circuit"] in annex


def test_libreoffice_opens_it_and_shows_headings_and_figures(inputs, tmp_path):
    text = to_pdf_text(build_sor(inputs), ".docx", tmp_path)
    for heading in ("1. Introduction and background", "Annex A. Site list", inputs.estimate.lots[0].title):
        assert heading in text
    assert "£40,000,000.00" in text
    assert "Page 1 of" in text
