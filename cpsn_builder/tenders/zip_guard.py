"""What a returned file must be before any spreadsheet parser sees it: a sane .xlsx zip.

openpyxl inflates every part it reads, so a zip bomb (a small file that inflates to gigabytes) or
an XML bomb (entities that expand to gigabytes) must be stopped here. zipfile never inflates an
entry past the size its header declares (it stops there, and the CRC check then fails), so
capping the declared sizes caps what openpyxl can be made to read.
"""

from __future__ import annotations

import io
import zipfile
import zlib

from .models import Problem

MAX_UNCOMPRESSED = 32 * 2**20  # a schedule for hundreds of partners is a few MiB
MAX_ENTRIES = 1000  # a schedule has about twenty parts
MAX_RATIO = 100  # spreadsheet XML deflates 4 to 20 times; a bomb thousands of times
RATIO_FROM = 2**20  # small parts may deflate well without being a danger
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# An encrypted .xlsx is an OLE compound file holding these streams (named in UTF-16).
ENCRYPTED_STREAMS = ("EncryptionInfo".encode("utf-16-le"), "EncryptedPackage".encode("utf-16-le"))
XML_DECLARATIONS = tuple(text.encode(encoding) for text in ("<!DOCTYPE", "<!ENTITY") for encoding in ("ascii", "utf-16-le", "utf-16-be"))
SAVE_AS = "save it from Excel or LibreOffice Calc as an Excel workbook (.xlsx) and send it again"


def container_problems(data: bytes, file_name: str) -> list[Problem]:
    """Why the bytes cannot be opened safely as an .xlsx; empty when they can."""

    def problem(message: str) -> list[Problem]:
        return [Problem(file_name, message)]

    if not data:
        return problem("the file is empty: send the priced schedule itself (.xlsx)")
    if data.startswith(OLE_MAGIC):
        if any(stream in data for stream in ENCRYPTED_STREAMS):
            return problem(
                "the workbook is password-protected, so it cannot be read: open it, remove the password "
                "(in Excel: File > Info > Protect Workbook > Encrypt with Password, and clear it; in Calc: "
                "File > Save As without \u201cSave with password\u201d), save it as .xlsx and send it again"
            )
        return problem(f"this is an Excel 97-2003 workbook (.xls), not an Excel workbook (.xlsx): {SAVE_AS}")
    if not data.startswith(b"PK"):
        return problem(f"not an Excel workbook (.xlsx): the file is not a spreadsheet of any kind Excel saves; {SAVE_AS}")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError, EOFError):
        return problem(f"the workbook is corrupt (damaged or cut short in sending), so it cannot be read: {SAVE_AS}")
    return _entry_problems(archive, entries, problem)


def _entry_problems(archive: zipfile.ZipFile, entries: list[zipfile.ZipInfo], problem) -> list[Problem]:
    names = {entry.filename for entry in entries}
    if "xl/workbook.xml" not in names:
        return problem(
            "not an Excel workbook (.xlsx): the file is a zip archive without a workbook in it (a Word "
            "document or another archive?); send the CPSN pricing schedule you priced"
        )
    if len(entries) > MAX_ENTRIES:
        return problem(
            f"the workbook has {len(entries):,} parts, more than any spreadsheet needs ({MAX_ENTRIES:,}): it "
            f"cannot be read safely; {SAVE_AS}"
        )
    total = sum(entry.file_size for entry in entries)
    if total > MAX_UNCOMPRESSED:
        return problem(
            f"the workbook would unpack to {total / 2**20:,.0f} MiB, more than a pricing schedule can be "
            f"({MAX_UNCOMPRESSED // 2**20} MiB): it cannot be read safely (a zip bomb?); {SAVE_AS}"
        )
    for entry in entries:
        if entry.flag_bits & 0x1:
            return problem(
                "the workbook is password-protected, so it cannot be read: remove the password, save it as .xlsx and send it again"
            )
        if entry.file_size > RATIO_FROM and entry.file_size > MAX_RATIO * max(entry.compress_size, 1):
            return problem(
                f"the workbook's part {entry.filename} unpacks {entry.file_size // max(entry.compress_size, 1):,} "
                f"times over, far beyond any spreadsheet: it cannot be read safely (a zip bomb?); {SAVE_AS}"
            )
    for entry in entries:
        if not entry.filename.endswith((".xml", ".rels")):
            continue
        try:
            head = archive.read(entry)
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError, ValueError):
            return problem(f"the workbook is corrupt (its part {entry.filename} is damaged), so it cannot be read: {SAVE_AS}")
        # Spreadsheet XML never declares a document type; entities are how an XML bomb multiplies.
        if any(marker in head for marker in XML_DECLARATIONS):
            return problem(
                f"the workbook's part {entry.filename} declares XML entities, which no spreadsheet writes: it "
                f"cannot be read safely (an XML bomb?); {SAVE_AS}"
            )
    return []
