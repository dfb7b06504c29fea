"""Tables built as XML in one pass.

python-docx's `add_row()` and `cell.text` cost about a millisecond a row, and `Table.cell(i, j)`
in a loop is quadratic (design.md measured 69 s for 400 rows); a 10,000-site annex must take
well under a second, so we write the table's XML as text and parse it once.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from .text_cleaning import clean


@dataclass(frozen=True)
class Column:
    heading: str
    width_twips: int
    numeric: bool = False


def _cell(text: str, width: int, right: bool, bold: bool) -> str:
    lines = clean(text).split("\n")
    runs = '<w:br/>'.join(f'<w:t xml:space="preserve">{escape(line)}</w:t>' for line in lines)
    jc = '<w:jc w:val="right"/>' if right else ""
    rpr = f"<w:rPr>{'<w:b/>' if bold else ''}<w:sz w:val=\"18\"/></w:rPr>"  # 9 pt: figures fit their columns
    return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>'
            f'<w:p><w:pPr><w:spacing w:before="0" w:after="0"/>{jc}</w:pPr><w:r>{rpr}{runs}</w:r></w:p></w:tc>')


def table_xml(columns: Sequence[Column], rows: Iterable[Sequence[object]], bold_last_row: bool = False) -> str:
    grid = "".join(f'<w:gridCol w:w="{c.width_twips}"/>' for c in columns)
    header = "".join(_cell(c.heading, c.width_twips, c.numeric, True) for c in columns)
    body = []
    rows = list(rows)
    for index, row in enumerate(rows):
        bold = bold_last_row and index == len(rows) - 1
        body.append("<w:tr><w:trPr><w:cantSplit/></w:trPr>"
                    + "".join(_cell(str(value), c.width_twips, c.numeric, bold) for c, value in zip(columns, row))
                    + "</w:tr>")
    return (f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblStyle w:val="TableGrid"/>'
            f'<w:tblW w:w="{sum(c.width_twips for c in columns)}" w:type="dxa"/><w:tblLayout w:type="fixed"/></w:tblPr>'
            f'<w:tblGrid>{grid}</w:tblGrid>'
            f'<w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>{header}</w:tr>'
            + "".join(body) + "</w:tbl>")


def add_table(document, columns: Sequence[Column], rows: Iterable[Sequence[object]], bold_last_row: bool = False):
    """Append a table at the end of the body (before the final section properties)."""
    element = parse_xml(table_xml(columns, rows, bold_last_row))
    body = document.element.body
    sect_pr = body.sectPr
    if sect_pr is not None:
        sect_pr.addprevious(element)
    else:
        body.append(element)
    document.add_paragraph()  # Word needs a paragraph between adjacent tables; it also gives air
    return element
