"""Returned files that are not a safe .xlsx, or not a CPSN pricing schedule: refused before reading prices."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import defusedxml
import openpyxl
import openpyxl.xml
import pytest
from bid_files import fill_schedule, problems_of, save
from lxml.etree import XMLSyntaxError
from openpyxl.xml import functions as xml_functions

from cpsn_builder.tenders import zip_guard

DATA = Path(__file__).parent / "data"
BILLION_LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10) for i in range(1, 10))
    + b']>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">&lol9;</workbook>'
)


def _zip(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in entries.items():
            archive.writestr(name, body)
    return out.getvalue()


def _replace_entry(data: bytes, name: str, body: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    return _zip({item: (body if item == name else source.read(item)) for item in source.namelist()})


def test_a_file_that_is_not_a_workbook_is_refused(schedule):
    assert problems_of(b"Dear procurement team, our prices follow.\n", schedule, "prices.txt") == [
        "prices.txt: not an Excel workbook (.xlsx): the file is not a spreadsheet of any kind Excel saves; save it from "
        "Excel or LibreOffice Calc as an Excel workbook (.xlsx) and send it again"
    ]
    assert problems_of(b"", schedule) == ["bid.xlsx: the file is empty: send the priced schedule itself (.xlsx)"]
    (problem,) = problems_of(_zip({"word/document.xml": b"<w:document/>"}), schedule, "bid.docx")
    assert problem.startswith("bid.docx: not an Excel workbook (.xlsx): the file is a zip archive without a workbook")


def test_a_password_protected_workbook_is_refused_with_how_to_remove_the_password(schedule):
    encrypted = (DATA / "password-protected.xlsx").read_bytes()
    assert encrypted.startswith(bytes.fromhex("D0CF11E0"))  # an OLE compound file, as Excel saves an encrypted .xlsx
    (problem,) = problems_of(encrypted, schedule)
    assert problem.startswith("bid.xlsx: the workbook is password-protected, so it cannot be read: open it, remove the password")
    assert "save it as .xlsx and send it again" in problem


def test_an_old_xls_workbook_is_told_to_save_as_xlsx(schedule):
    # An unencrypted compound file without the encryption streams: an Excel 97-2003 workbook.
    (problem,) = problems_of(bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 1024, schedule, "bid.xls")
    assert problem.startswith("bid.xls: this is an Excel 97-2003 workbook (.xls), not an Excel workbook (.xlsx): save it")


def test_a_corrupt_workbook_is_refused(catalogue, schedule):
    bid = fill_schedule(schedule, "Acme Ltd", "central", catalogue)
    cut_short = bid[: len(bid) // 2]
    expected = "bid.xlsx: the workbook is corrupt (damaged or cut short in sending), so it cannot be read"
    assert problems_of(cut_short, schedule)[0].startswith(expected)
    # Damage inside a part: the zip's directory is intact, but the part fails its checksum.
    archive = zipfile.ZipFile(io.BytesIO(bid))
    entry = archive.getinfo("xl/worksheets/sheet2.xml")
    start = entry.header_offset + 30 + len(entry.filename) + len(entry.extra) + 20
    damaged = bid[:start] + bytes(b ^ 0xFF for b in bid[start : start + 40]) + bid[start + 40 :]
    (problem,) = problems_of(damaged, schedule)
    assert problem.startswith("bid.xlsx: the workbook is corrupt (its part xl/worksheets/sheet2.xml is damaged)")
    # Parts that are not spreadsheet XML at all.
    (problem,) = problems_of(_replace_entry(bid, "xl/workbook.xml", b"not xml at all"), schedule)
    assert problem.startswith("bid.xlsx: the workbook is corrupt and cannot be read")


def test_a_zip_bomb_is_refused_before_anything_is_inflated(catalogue, schedule):
    bid = fill_schedule(schedule, "Acme Ltd", "central", catalogue)
    huge = _replace_entry(bid, "xl/worksheets/sheet9.xml", b" " * (40 * 2**20))
    assert len(huge) < 200_000  # 40 MiB of one byte packs into a few hundred KiB
    (problem,) = problems_of(huge, schedule)
    assert problem.startswith(
        "bid.xlsx: the workbook would unpack to 40 MiB, more than a pricing schedule can be (32 MiB): "
        "it cannot be read safely (a zip bomb?)"
    )
    dense = _replace_entry(bid, "xl/worksheets/sheet9.xml", b" " * (8 * 2**20))
    (problem,) = problems_of(dense, schedule)
    assert "the workbook's part xl/worksheets/sheet9.xml unpacks" in problem and "(a zip bomb?)" in problem
    many = _zip({"xl/workbook.xml": b"<workbook/>", **{f"xl/media/image{i}.png": b"x" for i in range(1200)}})
    (problem,) = problems_of(many, schedule)
    assert "the workbook has 1,201 parts, more than any spreadsheet needs (1,000)" in problem


def test_a_zip_bomb_cannot_lie_about_its_size():
    """The guard trusts each entry's declared size because zipfile inflates no further than it."""
    body = b"\0" * (4 * 2**20)
    data = bytearray(_zip({"xl/workbook.xml": body}))
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("xl/workbook.xml")
    # Declare 1 KiB in both the local header and the central directory.
    for offset in (info.header_offset + 22, bytes(data).rindex(b"PK\x01\x02") + 24):
        data[offset : offset + 4] = (1024).to_bytes(4, "little")
    archive = zipfile.ZipFile(io.BytesIO(bytes(data)))
    with archive.open("xl/workbook.xml") as stream, pytest.raises(zipfile.BadZipFile):
        while stream.read(65536):
            pass
    assert zip_guard.container_problems(bytes(data), "x.xlsx")[0].message.startswith("the workbook is corrupt")


def test_an_xml_bomb_is_refused_and_openpyxl_parses_through_defusedxml(catalogue, schedule):
    assert openpyxl.xml.DEFUSEDXML, "openpyxl must parse returned workbooks through defusedxml"
    # Worksheets are parsed by iterparse, defusedxml's; the other parts by lxml without resolving entities.
    assert xml_functions.iterparse.__module__.startswith("defusedxml")
    with pytest.raises(defusedxml.EntitiesForbidden):
        list(xml_functions.iterparse(io.BytesIO(BILLION_LAUGHS)))
    with pytest.raises((defusedxml.EntitiesForbidden, XMLSyntaxError)):
        xml_functions.fromstring(BILLION_LAUGHS)
    bid = fill_schedule(schedule, "Acme Ltd", "central", catalogue)
    (problem,) = problems_of(_replace_entry(bid, "xl/workbook.xml", BILLION_LAUGHS), schedule)
    assert problem == (
        "bid.xlsx: the workbook's part xl/workbook.xml declares XML entities, which no spreadsheet writes: "
        "it cannot be read safely (an XML bomb?); save it from Excel or LibreOffice Calc as an Excel "
        "workbook (.xlsx) and send it again"
    )
    # The same in UTF-16, which an XML parser also reads.
    (problem,) = problems_of(_replace_entry(bid, "xl/styles.xml", BILLION_LAUGHS.decode().encode("utf-16")), schedule)
    assert "declares XML entities" in problem


def test_a_workbook_of_another_kind_is_not_a_cpsn_pricing_schedule(schedule):
    book = openpyxl.Workbook()
    book.active.title = "Prices"
    book.active["A1"] = "Our prices"
    (problem,) = problems_of(save(book), schedule, "our-prices.xlsx")
    assert problem == (
        "our-prices.xlsx: not a CPSN pricing schedule: the workbook has no Instructions sheet or no named "
        "cell CatalogueDigest; send the pricing schedule the partnership issued, with your prices in it"
    )
    book.active.title = "Instructions"  # the right sheet name is not enough
    assert problems_of(save(book), schedule, "our-prices.xlsx") == [problem]
