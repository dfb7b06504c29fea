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


def add_table_of_contents(first: Paragraph, entries: list[tuple[str, str, int | None]], add_paragraph, width_twips: int) -> None:
    """A TOC field over several paragraphs, pre-filled with the headings: (text, bookmark, page).

    Each entry links to its heading's bookmark and shows its page number at a right tab with dot
    leaders. LibreOffice shows the pre-filled result as it is, so the page numbers must be right
    (documents/pagination.py finds them); where they are not known, the field is marked dirty so
    Word fills them in when the document opens.
    """
    known = all(page is not None for _, _, page in entries)
    p = first._p
    p.append(_run_with(_fld_char("begin", dirty=not known)))
    p.append(_run_with(_instruction('TOC \\o "1-1" \\h \\z \\u')))
    p.append(_run_with(_fld_char("separate")))
    paragraph = first
    for index, (text, bookmark, page) in enumerate(entries):
        if index:
            paragraph = add_paragraph()
        _toc_layout(paragraph, width_twips)
        link = OxmlElement("w:hyperlink")
        link.set(qn("w:anchor"), bookmark)
        link.set(qn("w:history"), "1")
        link.append(_run_with(_text(text)))
        tab = OxmlElement("w:tab")
        link.append(_run_with(tab))
        link.append(_run_with(_text("" if page is None else str(page))))
        paragraph._p.append(link)
    paragraph._p.append(_run_with(_fld_char("end")))


def _toc_layout(paragraph: Paragraph, width_twips: int) -> None:
    """A right-aligned tab stop with dot leaders at the text's right edge, and a little air."""
    ppr = paragraph._p.get_or_add_pPr()
    tabs = OxmlElement("w:tabs")
    tab = OxmlElement("w:tab")
    tab.set(qn("w:val"), "right")
    tab.set(qn("w:leader"), "dot")
    tab.set(qn("w:pos"), str(width_twips))
    tabs.append(tab)
    ppr.append(tabs)
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:before"), "0")
    spacing.set(qn("w:after"), "80")
    ppr.append(spacing)


def add_bookmark(paragraph: Paragraph, name: str, number: int) -> None:
    """A bookmark around the paragraph's text, for contents links and Word's TOC update."""
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(number))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(number))
    p = paragraph._p
    ppr = p.pPr
    if ppr is not None:
        ppr.addnext(start)
    else:
        p.insert(0, start)
    p.append(end)


def request_field_update(document) -> None:
    """Ask Word to refresh fields (contents, page numbers) when the document opens."""
    settings = document.settings.element
    update = settings.find(qn("w:updateFields"))
    if update is None:
        update = OxmlElement("w:updateFields")
        settings.append(update)
    update.set(qn("w:val"), "true")
