"""Fixtures for document tests: inputs from the demo, and reading documents back."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path

import docx
import pytest

from conftest import REPO
from cpsn_builder.documents.context import Inputs
from cpsn_builder.documents.rendering import soffice, to_pdf
from cpsn_builder.governance.loader import load_governance
from cpsn_builder.governance.report import governance_report

ISSUED = date(2011, 3, 1)


@pytest.fixture(scope="session")
def inputs(catalogue, demo_responses, demo_estimate) -> Inputs:
    return Inputs(catalogue, demo_responses, demo_estimate, ISSUED, "1.0", "Final", "Head of Procurement")


@pytest.fixture(scope="session")
def governance(catalogue, demo_responses, demo_estimate):
    records = load_governance(REPO / "demo" / "governance.yml", catalogue)
    return governance_report(catalogue, demo_responses, records, datetime(2011, 3, 1), demo_estimate)


def read_docx(data: bytes):
    return docx.Document(io.BytesIO(data))


def headings(document) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")]


def table_rows(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


SOFFICE = soffice()


def to_pdf_text(data: bytes, suffix: str, tmp_path: Path) -> str:
    """Open the document in LibreOffice (a real client), convert it to PDF and return the PDF's text.

    The conversion is the product's own (documents.rendering.to_pdf), which remembers the last few
    by the document's bytes: tests that print the same document share one LibreOffice run.
    """
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui")
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed: apt-get install poppler-utils")
    pdf = tmp_path / "document.pdf"
    pdf.write_bytes(to_pdf(data, suffix))
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout


def run_calc(tmp_path: Path, *args: str) -> None:
    """Run LibreOffice with a profile of its own (a running LibreOffice locks its profile).

    The profile is told to recalculate every formula of an Excel file on load (Calc's default is
    never to, keeping the results stored in the file): openpyxl stores none, so Calc computes them
    anyway, but a workbook saved by Excel or Calc carries results and would otherwise be read back
    unchanged. Converting to .xlsx then writes Calc's own results, which openpyxl reads.
    """
    if soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui")
    profile = tmp_path / f"lo-profile-{len(list(tmp_path.glob('lo-profile-*')))}"
    (profile / "user").mkdir(parents=True)
    (profile / "user" / "registrymodifications.xcu").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
        '<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse">'
        "<value>0</value></prop></item>\n</oor:items>\n"
    )
    subprocess.run(
        [soffice(), f"-env:UserInstallation={profile.as_uri()}", "--headless", *args],
        check=True,
        capture_output=True,
        timeout=300,
        env={**os.environ, "HOME": str(tmp_path)},
    )
