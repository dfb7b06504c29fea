"""A4 Word documents with the partnership's furniture, saved byte-for-byte reproducibly."""
from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from datetime import datetime, timezone

import docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

from .docx_fields import add_simple_field, request_field_update
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
    stamp = info.issued if info.issued.tzinfo else info.issued.replace(tzinfo=timezone.utc)
    props.created = stamp
    props.modified = stamp
    props.last_printed = stamp


def save_reproducibly(document) -> bytes:
    """The .docx bytes with fixed zip timestamps, so the same inputs give the same file."""
    raw = io.BytesIO()
    document.save(raw)
    return normalise_zip(raw.getvalue())


def normalise_zip(data: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(item.filename))
    return out.getvalue()
