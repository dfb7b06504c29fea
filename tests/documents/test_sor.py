"""The statement of requirements, read back and checked against the estimate."""

from __future__ import annotations

import dataclasses
import io
import re
import sys
import zipfile
from datetime import date

from docx.enum.section import WD_ORIENT

from cpsn_builder.documents.context import Inputs
from cpsn_builder.documents.money_text import quantity
from cpsn_builder.documents.sor import build_sor, sor_outline
from cpsn_builder.engine import estimate
from cpsn_builder.responses.models import ResponseSet
from conftest import REPO
from documents_helpers import ISSUED, headings, read_docx, table_rows


def test_headings_are_real_styles_and_cover_the_chosen_lots(inputs):
    document = read_docx(build_sor(inputs))
    found = headings(document)
    titles = [text for _, text in found]
    assert ("Heading 1", "1. Introduction and background") in found
    first = next(i for i, t in enumerate(titles) if t.endswith(f"Lot 1: {inputs.estimate.lots[0].title}"))
    number = int(titles[first].split(".")[0])
    for lot_number, lot in enumerate(inputs.estimate.lots, 1):
        assert ("Heading 1", f"{number}. Lot {lot_number}: {lot.title}") in found
        assert ("Heading 2", f"{number}.2 Requirements") in found
        number += 1
    # what a UK public-sector ICT tender contains, beyond the lots
    for title in (
        "Procurement route and timetable",
        "Instructions to bidders and form of response",
        "Evaluation methodology",
        "Service management",
        "Contract management and governance",
        "Current arrangements",
        "Staff transfer (TUPE)",
        "Social value and sustainability",
        "Business continuity and disaster recovery",
        "Data protection and freedom of information",
        "Accessibility and equality",
        "Growth and new partners",
        "Terms and conditions",
        "Glossary",
        "Security and PSN compliance",
        "Exit",
        "Pricing",
    ):
        assert any(t.split(". ", 1)[-1] == title for t in titles), title
    assert titles[-1] == "Annex A. Site list"


def test_sections_follow_the_catalogue_text_and_the_date_of_issue(catalogue, demo_responses, demo_estimate):
    """A 2011 document cites the law of 2011; the same document issued in 2026 cites today's."""

    def body(day):
        document = read_docx(build_sor(Inputs(catalogue, demo_responses, demo_estimate, day)))
        return document, "\n".join(p.text for p in document.paragraphs) + "\n".join(
            c.text for t in document.tables for r in t.rows for c in r.cells
        )

    old_doc, old = body(date(2011, 3, 1))
    new_doc, new = body(date(2026, 3, 1))
    assert "Public Contracts Regulations 2006" in old and "Official Journal of the European Union" in old
    assert "Procurement Act 2023" in new and "Find a Tender" in new and "Procurement Act 2023" not in old
    assert old_doc.sections[0].header.paragraphs[0].text == "NOT PROTECTIVELY MARKED"
    assert new_doc.sections[0].header.paragraphs[0].text == "OFFICIAL"
    assert "OFFICIAL" not in old.replace("NOT PROTECTIVELY MARKED", "")
    assert "RM3808" not in old and "RM3808" in new  # a framework cited only once it existed
    assert "Data Protection Act 1998" in old and "UK General Data Protection Regulation" in new


def test_a_lot_nobody_chose_appears_nowhere(catalogue, demo_responses):
    without_cctv = ResponseSet(
        "cpsn",
        tuple(
            dataclasses.replace(
                r,
                lots=tuple(lot_id for lot_id in r.lots if lot_id != "cctv"),
                answers={k: v for k, v in r.answers.items() if k != "cctv"},
                sites=tuple(s for s in r.sites if s.lot_id != "cctv"),
            )
            for r in demo_responses.responses
        ),
    )
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
    """Partners down the side, lines across, and a bold total row that equals the estimate's aggregate."""
    document = read_docx(build_sor(inputs))
    tables = [t for t in document.tables if table_rows(t)[-1][0] == "All partners"]
    for lot, table in zip(inputs.estimate.lots, tables):
        rows = table_rows(table)
        assert rows[0][1:] == [f"{line.title} ({line.unit}s)" for line in lot.lines]
        assert rows[-1][1:] == [quantity(line.quantity) for line in lot.lines]
        assert [r[0] for r in rows[1:-1]] == [inputs.partner_name(p.partner_id) for p in lot.partners]
        assert all(run.bold for cell in table.rows[-1].cells for p in cell.paragraphs for run in p.runs)


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
    assert first.header.paragraphs[0].text == "NOT PROTECTIVELY MARKED"  # issued in 2011, before OFFICIAL existed
    footer_xml = first.footer.paragraphs[0]._p.xml
    assert "PAGE" in footer_xml and "NUMPAGES" in footer_xml
    body = document.element.body.xml
    assert 'TOC \\o "1-1"' in body
    # one contents entry per top-level heading, pre-filled so any viewer shows them
    contents = [p.text for p in document.paragraphs][:80]
    assert "1. Introduction and background\t" in contents
    assert not any(text.split("\t")[0].endswith(("Description", "Aggregated demand")) for text in contents)


def test_without_page_numbers_word_is_asked_to_fill_them(inputs):
    document = read_docx(build_sor(inputs, pages=None))
    assert 'w:dirty="true"' in document.element.body.xml
    outline, _ = sor_outline(inputs)
    paged = read_docx(build_sor(inputs, pages={h.text: 3 for h in outline}))
    assert 'w:dirty="true"' not in paged.element.body.xml
    assert "1. Introduction and background\t3" in [p.text for p in paged.paragraphs]


def test_document_control_and_core_properties_come_from_the_inputs(inputs):
    document = read_docx(build_sor(inputs))
    cover = {row[0]: row[1] for row in table_rows(document.tables[0])}
    control = {row[0]: row[1] for row in table_rows(document.tables[1])}
    assert cover["Version"] == "1.0" and cover["Status"] == "Final" and cover["Date of issue"] == "1 March 2011"
    assert control["Author"] == "Head of Procurement"
    assert inputs.estimate.catalogue_digest in control["Catalogue"]
    history = table_rows(document.tables[2])
    assert history[0] == ["Version", "Date", "Changes"] and history[-1][:2] == ["1.0", "1 March 2011"]
    assert document.core_properties.created.date() == ISSUED
    assert document.core_properties.author == "Head of Procurement"
    assert document.core_properties.comments == ""  # not "generated by python-docx"
    app = zipfile.ZipFile(io.BytesIO(build_sor(inputs))).read("docProps/app.xml").decode()
    assert "CPSN Builder" in app and "Microsoft" not in app
    assert "docProps/thumbnail.jpeg" not in zipfile.ZipFile(io.BytesIO(build_sor(inputs))).namelist()


def test_the_same_inputs_give_byte_identical_files(inputs):
    first, second = build_sor(inputs), build_sor(inputs)
    assert first == second
    assert {info.date_time for info in zipfile.ZipFile(io.BytesIO(first)).infolist()} == {(2012, 1, 1, 0, 0, 0)}


def test_every_site_is_in_the_annex(inputs):
    document = read_docx(build_sor(inputs))
    annex = table_rows(document.tables[-1])
    assert annex[0] == ["Partner", "Site", "Postcode", "Service line", "Lot"]
    expected = sum(len(r.sites) for r in inputs.responses.responses if inputs.estimate.partner(r.partner_id))
    assert len(annex) - 1 == expected
    assert ["Fenland District Council", "Fenland Hall", "PE15 8NQ", "1 Gbps Ethernet circuit", "Lot 1"] in annex
    intro = [p.text for p in document.paragraphs if p.text.startswith(f"The {expected} sites partners have named so far")]
    assert intro, "the annex says the list is partial"


def test_requirement_figures_never_run_into_the_numbers_after_them(inputs):
    """ "3 10 Gbps links" reads as 310: a figure is never followed by another number."""
    document = read_docx(build_sor(inputs))
    for table in document.tables:
        for row in table_rows(table):
            if row[0][:4] in ("WAN-", "WANI"):
                assert not re.search(r"\d \d", row[1]), row[1]


def test_the_document_control_says_which_answers_the_figures_count(catalogue, demo_responses):
    import io

    from docx import Document as read_docx

    from cpsn_builder.documents.context import Inputs
    from cpsn_builder.documents.sor import build_sor
    from cpsn_builder.engine import estimate

    est = estimate(catalogue, demo_responses)
    for basis, expected in (
        (None, f"Figures count the demand in the response files of the {len(est.partners)} partners taking part."),
        (
            "Figures include submitted answers only: 6 partners; draft answers from X are left out until submitted.",
            "Figures include submitted answers only: 6 partners; draft answers from X are left out until submitted.",
        ),
    ):
        data = build_sor(Inputs(catalogue, demo_responses, est, est.term.start, basis=basis))
        rows = {row.cells[0].text: row.cells[1].text for table in read_docx(io.BytesIO(data)).tables for row in table.rows}
        assert rows["Demand counted"] == expected


def _paragraphs_with(data: bytes, *words: str) -> list[str]:
    return [p.text for p in read_docx(data).paragraphs if any(word in p.text for word in words)]


def test_the_partners_are_named_in_a_sentence_and_a_lot_one_partner_takes_says_so(catalogue, demo_responses):
    fenland = ResponseSet("cpsn", tuple(r for r in demo_responses.responses if r.partner_id == "fenland"))
    data = build_sor(Inputs(catalogue, fenland, estimate(catalogue, fenland), ISSUED))
    assert "Its members are Fenland District Council." in " ".join(_paragraphs_with(data, "Its members"))
    assert set(_paragraphs_with(data, "this lot:")) == {"1 partner takes this lot: Fenland District Council."}
    assert "procurement procurement" not in " ".join(p.text for p in read_docx(data).paragraphs)


def test_twenty_partners_are_counted_and_pointed_to_not_listed_in_prose(catalogue):
    sys.path.insert(0, str(REPO / "bench"))
    from synthetic import scaled_demo  # the demo's partners four times over

    scaled_catalogue, responses = scaled_demo(4)
    est = estimate(scaled_catalogue, responses)
    data = build_sor(Inputs(scaled_catalogue, responses, est, ISSUED))
    assert "Its members are the 20 partners listed in section 3." in " ".join(_paragraphs_with(data, "Its members"))
    takers = _paragraphs_with(data, "take this lot")
    assert len(takers) == len(est.lots)
    for lot, text in zip(est.lots, takers):
        if len(lot.partners) == 20:
            assert text == "All 20 partners take this lot; the table in section 3 shows each partner's lots."
        elif len(lot.partners) > 12:
            assert text == f"{len(lot.partners)} of the 20 partners take this lot; the table in section 3 shows each partner's lots."
        else:  # few enough to read in a sentence: named
            named = [scaled_catalogue.partner(p.partner_id).name for p in lot.partners]
            assert text == f"{len(named)} partners take this lot: {', '.join(named[:-1])} and {named[-1]}."
    assert any(text.startswith("All 20") for text in takers) and any(": " in text for text in takers)
