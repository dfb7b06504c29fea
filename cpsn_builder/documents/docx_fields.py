"""Word fields (PAGE, NUMPAGES, TOC), which python-docx has no API for.

A field is begin / instruction / separate / result / end. The result is what a viewer shows until
Word updates the field, so we always write a sensible result: LibreOffice does not update fields
when it converts headlessly.
"""
from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph


def _fld_char(kind: str, dirty: bool = False):
    element = OxmlElement("w:fldChar")
    element.set(qn("w:fldCharType"), kind)
    if dirty:
        element.set(qn("w:dirty"), "true")
    return element


def _run_with(*children):
    run = OxmlElement("w:r")
    for child in children:
        run.append(child)
    return run


def _text(value: str):
    element = OxmlElement("w:t")
    element.set(qn("xml:space"), "preserve")
    element.text = value
    return element


def _instruction(code: str):
    element = OxmlElement("w:instrText")
    element.set(qn("xml:space"), "preserve")
    element.text = f" {code} "
    return element


def add_simple_field(paragraph: Paragraph, code: str, shown: str) -> None:
    """A one-paragraph field such as PAGE, showing `shown` until updated."""
    p = paragraph._p
    p.append(_run_with(_fld_char("begin")))
    p.append(_run_with(_instruction(code)))
    p.append(_run_with(_fld_char("separate")))
    p.append(_run_with(_text(shown)))
    p.append(_run_with(_fld_char("end")))


def add_table_of_contents(first: Paragraph, entries: list[tuple[int, str]], add_paragraph) -> None:
    """A TOC field over several paragraphs, pre-filled with the headings (level, text).

    `first` holds the field's start; `add_paragraph()` appends each further paragraph. Marked
    dirty so Word rebuilds it (with page numbers) when the document opens.
    """
    p = first._p
    p.append(_run_with(_fld_char("begin", dirty=True)))
    p.append(_run_with(_instruction('TOC \\o "1-2" \\h \\z \\u')))
    p.append(_run_with(_fld_char("separate")))
    paragraph = first
    for index, (level, text) in enumerate(entries):
        if index:
            paragraph = add_paragraph()
        paragraph.paragraph_format.left_indent = None if level == 1 else 360 * 635  # 0.25 inch per level
        paragraph._p.append(_run_with(_text(text)))
    paragraph._p.append(_run_with(_fld_char("end")))


def request_field_update(document) -> None:
    """Ask Word to refresh fields (contents, page numbers) when the document opens."""
    settings = document.settings.element
    update = settings.find(qn("w:updateFields"))
    if update is None:
        update = OxmlElement("w:updateFields")
        settings.append(update)
    update.set(qn("w:val"), "true")
