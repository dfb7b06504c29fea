"""Text from users and catalogue authors with XML-special, exotic or forbidden characters still makes valid documents."""

from __future__ import annotations

import dataclasses
import io
import json

import openpyxl

import pytest

from cpsn_builder.catalogue import Catalogue
from cpsn_builder.documents.cabinet_report import build_cabinet_report
from cpsn_builder.documents.ocds import build_ocds
from cpsn_builder.documents.pricing_schedule import build_pricing_schedule
from cpsn_builder.documents.sor import build_sor
from cpsn_builder.engine import estimate
from cpsn_builder.responses.models import ResponseSet, Site
from documents_helpers import read_docx, to_pdf_text

NASTY = [
    "CCTV & Telephony <urgent> \"quoted\" 'single'",
    "Emoji 📡🚒 and accents: Café, Ōtautahi",
    "Right-to-left: مجلس المقاطعة עירייה",
    "Control characters: bell\x07 escape\x1b null\x00 end",
    "Long " + "x" * 10_000,
]


@pytest.fixture(scope="module")
def hostile(catalogue, demo_responses):
    lot = catalogue.lot("cctv")
    requirements = [r.model_copy(update={"text": text}) for r, text in zip(lot.requirements, NASTY)]
    requirements += [lot.requirements[0].model_copy(update={"id": f"CCTV-9{i}{i}", "text": text}) for i, text in enumerate(NASTY[3:])]
    lots = tuple(
        lot_.model_copy(update={"requirements": requirements, "description": NASTY[0] + NASTY[3]}) if lot_.id == "cctv" else lot_
        for lot_ in catalogue.lots
    )
    changed = Catalogue(catalogue.root, catalogue.programme, catalogue.partners, lots, catalogue.digest)
    fenland = demo_responses.for_partner("fenland")
    sites = fenland.sites + tuple(Site(text, "PE15 8NQ", "cctv", "camera_circuit") for text in NASTY)
    responses = ResponseSet("cpsn", tuple(dataclasses.replace(r, sites=sites) if r is fenland else r for r in demo_responses.responses))
    from documents_helpers import ISSUED
    from cpsn_builder.documents.context import Inputs

    return Inputs(changed, responses, estimate(changed, responses), ISSUED)


def test_sor_with_hostile_text_is_valid_and_keeps_the_text(hostile, tmp_path):
    data = build_sor(hostile)
    document = read_docx(data)
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    assert NASTY[0] in cells and NASTY[1] in cells and NASTY[2] in cells
    assert "Control characters: bell escape null end" in cells  # forbidden characters dropped, the rest kept
    assert NASTY[4] in cells
    text = to_pdf_text(data, ".docx", tmp_path)
    assert "CCTV & Telephony <urgent>" in text


def test_cabinet_report_pricing_and_ocds_with_hostile_text(hostile):
    read_docx(build_cabinet_report(hostile))
    book = openpyxl.load_workbook(io.BytesIO(build_pricing_schedule(hostile)))
    assert len(book.sheetnames) == 2 + len(hostile.estimate.lots)  # instructions, the lots, demand by partner
    package = json.loads(build_ocds(hostile))
    cctv = next(lot for lot in package["releases"][0]["tender"]["lots"] if lot["id"] == "cctv")
    assert "\x07" not in cctv["description"] and "CCTV & Telephony <urgent>" in cctv["description"]
