"""Every document as a reader meets it: opened in LibreOffice, printed to PDF, its pages written to
test-output/documents/ as PNG for a person to look at, and checked for what a reader would notice:
a table row that vanished, a contents page number that is wrong, a figure broken across lines."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import REPO
from cpsn_builder.documents.cabinet_report import build_cabinet_report
from cpsn_builder.documents.rendering import soffice, to_pdf
from cpsn_builder.documents.sor import sor_document
from cpsn_builder.documents.withdrawal_report import build_withdrawal_report
from cpsn_builder.governance.finances import network_withdrawal_impact, withdrawal_impact
from cpsn_builder.governance.loader import load_finances
from documents_helpers import read_docx

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
