"""A4 Word documents with the partnership's furniture, saved byte-for-byte reproducibly."""
from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from datetime import datetime, UTC

import docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

from docx.opc.pkgwriter import _ContentTypesItem

from .docx_fields import add_simple_field, request_field_update
from .docx_tables import splice_tables
from .text_cleaning import clean

A4_WIDTH, A4_HEIGHT = Mm(210), Mm(297)
FIXED_ZIP_TIME = (2012, 1, 1, 0, 0, 0)
# Usable width of an A4 portrait page with 20 mm margins, in twentieths of a point.
PORTRAIT_TWIPS = int((210 - 40) / 25.4 * 1440)
LANDSCAPE_TWIPS = int((297 - 40) / 25.4 * 1440)


@dataclass(frozen=True)
class DocumentInfo:
    title: str
    subject: str
    author: str
    version: str
    status: str          # Draft or Final
    issued: datetime     # the date shown, and the core properties' created/modified


def new_document(info: DocumentInfo, classification: str = "OFFICIAL"):
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = A4_WIDTH, A4_HEIGHT
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(20))
    normal = document.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(11)
    _furnish(section, classification)
    request_field_update(document)
    _core_properties(document, info)
    return document


def _furnish(section, classification: str) -> None:
    header = section.header.paragraphs[0]
    header.text = classification
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("Page ")
    add_simple_field(footer, "PAGE", "1")
    footer.add_run(" of ")
    add_simple_field(footer, "NUMPAGES", "1")


def add_landscape_section(document):
    """A new landscape section: width and height swapped, not only the orientation flag."""
    section = document.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = A4_HEIGHT, A4_WIDTH
    return section


def add_portrait_section(document):
    section = document.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = A4_WIDTH, A4_HEIGHT
    return section


def paragraph(document, text: str, style: str | None = None):
    return document.add_paragraph(clean(text), style=style)


def heading(document, text: str, level: int):
    return document.add_heading(clean(text), level=level)


def _core_properties(document, info: DocumentInfo) -> None:
    props = document.core_properties
    props.title = clean(info.title)
    props.subject = clean(info.subject)
    props.author = clean(info.author)
    props.last_modified_by = clean(info.author)
    props.version = clean(info.version)
    props.revision = 1
    stamp = info.issued if info.issued.tzinfo else info.issued.replace(tzinfo=UTC)
    props.created = stamp
    props.modified = stamp
    props.last_printed = stamp


def save_reproducibly(document) -> bytes:
    """The .docx bytes with fixed zip timestamps, so the same inputs give the same file.

    The package is written here rather than by python-docx's writer, whose zip entries carry
    the time of saving; big tables are spliced into the body's XML as text on the way out
    (see docx_tables), which avoids moving thousands of rows between lxml documents.
    """
    package = document.part.package
    parts = list(package.parts)
    for part in parts:
        part.before_marshal()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        _write(archive, "[Content_Types].xml", _ContentTypesItem.from_parts(parts).blob)
        _write(archive, "_rels/.rels", package.rels.xml)
        for part in parts:
            blob = splice_tables(document, part.blob) if part is document.part else part.blob
            _write(archive, part.partname.membername, blob)
            if len(part.rels):
                _write(archive, part.partname.rels_uri.membername, part.rels.xml)
    return out.getvalue()


def _write(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    archive.writestr(info, data)


def normalise_zip(data: bytes) -> bytes:
    """Rewrite a zip (an .xlsx from openpyxl) with fixed timestamps."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            _write(target, item.filename, source.read(item.filename))
    return out.getvalue()
