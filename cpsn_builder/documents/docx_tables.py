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


HEADER_SHADE = "D9E2F3"
KEEP_WHOLE_ROWS = 12  # tables up to this many rows are kept on one page


def _cell(text: str, width: int, right: bool, bold: bool, shade: str | None = None, keep: bool = False) -> str:
    lines = clean(text).split("\n")
    runs = '<w:br/>'.join(f'<w:t xml:space="preserve">{escape(line)}</w:t>' for line in lines)
    jc = '<w:jc w:val="right"/>' if right else ""
    keep_next = "<w:keepNext/>" if keep else ""
    rpr = f"<w:rPr>{'<w:b/>' if bold else ''}<w:sz w:val=\"18\"/></w:rPr>"  # 9 pt: figures fit their columns
    fill = f'<w:shd w:val="clear" w:color="auto" w:fill="{shade}"/>' if shade else ""
    # Figures never wrap: a number broken over two lines is misread.
    no_wrap = "<w:noWrap/>" if right else ""
    return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{fill}{no_wrap}</w:tcPr>'
            f'<w:p><w:pPr>{keep_next}<w:spacing w:before="20" w:after="20"/>{jc}</w:pPr><w:r>{rpr}{runs}</w:r></w:p></w:tc>')


def table_xml(columns: Sequence[Column], rows: Iterable[Sequence[object]], bold_last_row: bool = False,
              namespaces: bool = True, bold_rows: Iterable[int] = ()) -> str:
    """A table whose first row repeats on every page.

    Rows may split across pages: LibreOffice 7.4 drops the data rows of a table whose rows are all
    "cannot split" when only its repeated header fits at the foot of a page.
    """
    grid = "".join(f'<w:gridCol w:w="{c.width_twips}"/>' for c in columns)
    # The header keeps with the first row, so it never stands alone at the foot of a page.
    header = "".join(_cell(c.heading, c.width_twips, c.numeric, True, HEADER_SHADE, keep=True) for c in columns)
    body = []
    rows = list(rows)
    bold_rows = set(bold_rows) | ({len(rows) - 1} if bold_last_row and rows else set())
    # A short table moves to the next page whole; a long one never leaves its last row (a total) alone.
    together = len(rows) <= KEEP_WHOLE_ROWS
    for index, row in enumerate(rows):
        bold = index in bold_rows
        keep = index < len(rows) - 1 and (together or index == len(rows) - 2)
        body.append("<w:tr>" + "".join(_cell(str(value), c.width_twips, c.numeric, bold, keep=keep) for c, value in zip(columns, row))
                    + "</w:tr>")
    declarations = f" {nsdecls('w')}" if namespaces else ""  # inside the body, w: is already declared
    return (f'<w:tbl{declarations}><w:tblPr><w:tblStyle w:val="TableGrid"/>'
            f'<w:tblW w:w="{sum(c.width_twips for c in columns)}" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
            '<w:tblCellMar><w:left w:w="80" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr>'
            f'<w:tblGrid>{grid}</w:tblGrid>'
            + (f'<w:tr><w:trPr><w:tblHeader/></w:trPr>{header}</w:tr>' if any(c.heading for c in columns) else "")
            + "".join(body) + "</w:tbl>")


def add_table(document, columns: Sequence[Column], rows: Iterable[Sequence[object]], bold_last_row: bool = False,
              bold_rows: Iterable[int] = ()) -> None:
    """Append a table: a placeholder paragraph now, the table's XML spliced in when the document is saved."""
    pending = document.__dict__.setdefault("_pending_tables", {})
    body = document.paragraphs
    if body and body[-1].text:
        body[-1].paragraph_format.keep_with_next = True  # a table's introduction stays with it
    marker = f"@@cpsn-table-{len(pending)}@@"
    pending[marker] = table_xml(columns, rows, bold_last_row, namespaces=False, bold_rows=bold_rows)
    document.add_paragraph(marker)
    document.add_paragraph()  # Word needs a paragraph between adjacent tables; it also gives air


def splice_tables(document, blob: bytes) -> bytes:
    """Replace each placeholder paragraph in the serialised body with its table."""
    pending = document.__dict__.get("_pending_tables")
    if not pending:
        return blob
    text = blob.decode("utf-8")
    found: list[str] = []

    def table(match: re.Match) -> str:
        found.append(match.group(1))
        return pending[match.group(1)]

    # One pass over the body for all tables (a pass per table was quadratic in big documents).
    text = _PLACEHOLDER.sub(table, text)
    lost = set(pending) - set(found)
    if lost:
        raise RuntimeError(f"table placeholders {sorted(lost)} were lost from the document body")
    return text.encode("utf-8")


# A placeholder paragraph: <w:p ...> ... @@cpsn-table-N@@ ... </w:p>, never spanning paragraphs.
_PLACEHOLDER = re.compile(r"<w:p(?:\s[^>]*)?>(?:(?!</w:p>)(?!<w:p[\s>]).)*?(@@cpsn-table-\d+@@).*?</w:p>", re.DOTALL)
