"""Every document as a reader meets it: opened in LibreOffice, printed to PDF, its pages written to
test-output/documents/ as PNG for a person to look at, and checked for what a reader would notice:
a table row that vanished, a contents page number that is wrong, a figure broken across lines."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO
from cpsn_builder.documents.cabinet_report import build_cabinet_report
from cpsn_builder.documents.context import Inputs
from cpsn_builder.documents.rendering import soffice, to_pdf
from cpsn_builder.documents.sor import sor_document
from cpsn_builder.documents.withdrawal_report import build_withdrawal_report
from cpsn_builder.engine import estimate
from cpsn_builder.governance.finances import network_withdrawal_impact, withdrawal_impact
from cpsn_builder.governance.loader import load_finances
from documents_helpers import ISSUED, read_docx

OUT = REPO / "test-output" / "documents"
FIGURE = re.compile(r"[\u2212-]?£?\d{1,3}(?:,\d{3})+(?:\.\d\d)?")

pytestmark = pytest.mark.skipif(
    soffice() is None or shutil.which("pdftotext") is None,
    reason="LibreOffice and poppler-utils are needed: apt-get install libreoffice-writer-nogui poppler-utils",
)


@pytest.fixture(scope="module")
def rendered(inputs, governance, catalogue):
    finances = load_finances(REPO / "demo" / "staffordshire" / "finances.yml")
    impact = network_withdrawal_impact(catalogue, inputs.responses, "south-cambs", catalogue.partner("south-cambs").notice_given)
    documents = {
        "statement-of-requirements": sor_document(inputs)[0],
        "cabinet-report": build_cabinet_report(inputs, governance=governance),
        "cabinet-report-fenland": build_cabinet_report(inputs, "fenland", governance),
        "cabinet-report-south-cambs": build_cabinet_report(inputs, "south-cambs", governance, impact),
        "withdrawal-cannock-chase": build_withdrawal_report(withdrawal_impact(finances, "cannock-chase", None)),
    }
    out = {}
    for name, data in documents.items():
        folder = OUT / name
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        pdf = folder / f"{name}.pdf"
        pdf.write_bytes(to_pdf(data))
        subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdf), str(folder / "page")], check=True)
        out[name] = (data, pdf)
    return out


def _pages(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    return text.split("\f")


def _squash(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.slow
def test_every_table_cell_is_printed(rendered):
    for name, (data, pdf) in rendered.items():
        printed = _squash(" ".join(_pages(pdf)))
        for table in read_docx(data).tables:
            for row in table.rows:
                for cell in row.cells:
                    assert _squash(cell.text) in printed, f"{name}: '{cell.text}' is in the .docx but not on any page"


@pytest.mark.slow
def test_no_figure_is_broken_across_lines(rendered):
    for name, (data, pdf) in rendered.items():
        lines = {line.strip() for page in _pages(pdf) for line in page.splitlines()}
        printed = "\n".join(lines)
        document = read_docx(data)
        texts = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
        for figure in {m.group(0) for text in texts for m in FIGURE.finditer(text)}:
            assert figure in printed, f"{name}: {figure} does not appear whole on any printed line"


@pytest.mark.slow
def test_contents_page_numbers_are_the_pages_the_headings_land_on(rendered):
    data, pdf = rendered["statement-of-requirements"]
    pages = _pages(pdf)
    entries = [p.text.split("\t") for p in read_docx(data).paragraphs if "\t" in p.text and re.match(r"^(\d+\.|Annex)", p.text)]
    assert len(entries) > 20
    contents_end = max(i for i, page in enumerate(pages) if "Contents" in page) + 1
    for title, page in entries:
        number = int(page)
        assert number > contents_end, f"'{title}' points into the contents"
        body = _squash(pages[number - 1])
        assert _squash(title) in body, f"contents say '{title}' is on page {number}, but it is not there"
        assert not any(_squash(title) in _squash(p) for p in pages[contents_end : number - 1]), f"'{title}' appears before page {number}"


@pytest.mark.slow
def test_a_chart_of_many_partners_keeps_to_its_page_and_says_which_it_shows(catalogue, tmp_path):
    """20 partners: the figure keeps its 15 largest savings on the caption's page, axis and all (40
    partners used to print 22 bars, no axis, and the caption alone on the page before)."""
    sys.path.insert(0, str(REPO / "bench"))
    from synthetic import scaled_demo  # the demo's partners four times over

    scaled_catalogue, responses = scaled_demo(4)
    est = estimate(scaled_catalogue, responses)
    assert len(est.partners) == 20
    data = build_cabinet_report(Inputs(scaled_catalogue, responses, est, ISSUED))
    pdf = tmp_path / "cabinet-report-20.pdf"
    pdf.write_bytes(to_pdf(data))
    pages = _pages(pdf)
    [number] = [n for n, page in enumerate(pages, 1) if "Figure 1:" in page]
    assert "the 15 largest savings of the 20 partners (table 2 gives every partner's figures)" in _squash(pages[number - 1])
    images = subprocess.run(
        ["pdfimages", "-list", "-f", str(number), "-l", str(number), str(pdf)], check=True, capture_output=True, text=True
    )
    [picture] = [line.split() for line in images.stdout.splitlines()[2:] if line.split()[2] == "image"]
    height_inches = int(picture[4]) / int(picture[13])  # pixels over the y-ppi LibreOffice printed it at
    section = read_docx(data).sections[0]
    assert height_inches <= (section.page_height - section.top_margin - section.bottom_margin) / 914400 * 0.85
    described = read_docx(data).inline_shapes[0]._inline.docPr.get("descr")
    ranked = sorted(est.partners, key=lambda p: p.annual_saving, reverse=True)
    assert all(p.name in described for p in ranked[:15]) and not any(f"{p.name}:" in described for p in ranked[15:])
