"""Tables built as XML text in one pass and spliced into the document when it is saved.

python-docx's `add_row()` and `cell.text` cost about a millisecond a row, and `Table.cell(i, j)`
in a loop is quadratic (design.md measured 69 s for 400 rows); a 10,000-site annex must take
well under a second, so we write the table's XML as text and parse it once.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

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


def table_xml(columns: Sequence[Column], rows: Iterable[Sequence[object]], bold_last_row: bool = False,
              namespaces: bool = True) -> str:
    grid = "".join(f'<w:gridCol w:w="{c.width_twips}"/>' for c in columns)
    header = "".join(_cell(c.heading, c.width_twips, c.numeric, True) for c in columns)
    body = []
    rows = list(rows)
    for index, row in enumerate(rows):
        bold = bold_last_row and index == len(rows) - 1
        body.append("<w:tr><w:trPr><w:cantSplit/></w:trPr>"
                    + "".join(_cell(str(value), c.width_twips, c.numeric, bold) for c, value in zip(columns, row))
                    + "</w:tr>")
    declarations = f" {nsdecls('w')}" if namespaces else ""  # inside the body, w: is already declared
    return (f'<w:tbl{declarations}><w:tblPr><w:tblStyle w:val="TableGrid"/>'
            f'<w:tblW w:w="{sum(c.width_twips for c in columns)}" w:type="dxa"/><w:tblLayout w:type="fixed"/></w:tblPr>'
            f'<w:tblGrid>{grid}</w:tblGrid>'
            f'<w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>{header}</w:tr>'
            + "".join(body) + "</w:tbl>")


def add_table(document, columns: Sequence[Column], rows: Iterable[Sequence[object]], bold_last_row: bool = False) -> None:
    """Append a table: a placeholder paragraph now, the table's XML spliced in when the document is saved."""
    pending = document.__dict__.setdefault("_pending_tables", {})
    marker = f"@@cpsn-table-{len(pending)}@@"
    pending[marker] = table_xml(columns, rows, bold_last_row, namespaces=False)
    document.add_paragraph(marker)
    document.add_paragraph()  # Word needs a paragraph between adjacent tables; it also gives air


def splice_tables(document, blob: bytes) -> bytes:
    """Replace each placeholder paragraph in the serialised body with its table."""
    pending = document.__dict__.get("_pending_tables")
    if not pending:
        return blob
    text = blob.decode("utf-8")
    for marker, xml in pending.items():
        paragraph = re.compile(r"<w:p(?:\s[^>]*)?>(?:(?!</w:p>).)*?" + re.escape(marker) + r".*?</w:p>", re.DOTALL)
        text, count = paragraph.subn(lambda _match, table=xml: table, text, count=1)
        if count != 1:
            raise RuntimeError(f"table placeholder {marker} was lost from the document body")
    return text.encode("utf-8")
