"""Tables built as XML text in one pass and spliced into the document when it is saved.

python-docx's `add_row()` and `cell.text` cost about a millisecond a row, and `Table.cell(i, j)`
in a loop is quadratic (design.md measured 69 s for 400 rows); a 50,000-site annex must take
under a second, so a table is kept as the pieces of its XML text (a cell's text is made once and
shared by every cell that shows the same value) and streamed into the saved package's body in
place of a placeholder paragraph, never joined into one string nor parsed into lxml elements
(50,000 rows as elements took hundreds of MiB).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
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


@lru_cache(maxsize=16384)  # partners, lots and figures repeat down a column; cached cells share one string
def _cell(text: str, width: int, right: bool, bold: bool, shade: str | None = None, keep: bool = False) -> str:
    lines = clean(text).split("\n")
    runs = "<w:br/>".join(f'<w:t xml:space="preserve">{escape(line)}</w:t>' for line in lines)
    jc = '<w:jc w:val="right"/>' if right else ""
    keep_next = "<w:keepNext/>" if keep else ""
    rpr = f'<w:rPr>{"<w:b/>" if bold else ""}<w:sz w:val="18"/></w:rPr>'  # 9 pt: figures fit their columns
    fill = f'<w:shd w:val="clear" w:color="auto" w:fill="{shade}"/>' if shade else ""
    # Figures never wrap: a number broken over two lines is misread.
    no_wrap = "<w:noWrap/>" if right else ""
    return (
        f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{fill}{no_wrap}</w:tcPr>'
        f'<w:p><w:pPr>{keep_next}<w:spacing w:before="20" w:after="20"/>{jc}</w:pPr><w:r>{rpr}{runs}</w:r></w:p></w:tc>'
    )


def table_xml(
    columns: Sequence[Column],
    rows: Iterable[Sequence[object]],
    bold_last_row: bool = False,
    namespaces: bool = True,
    bold_rows: Iterable[int] = (),
) -> str:
    """A table whose first row repeats on every page, as one string (see table_parts)."""
    return "".join(table_parts(columns, rows, bold_last_row, namespaces, bold_rows))


def table_parts(
    columns: Sequence[Column],
    rows: Iterable[Sequence[object]],
    bold_last_row: bool = False,
    namespaces: bool = True,
    bold_rows: Iterable[int] = (),
) -> list[str]:
    """A table whose first row repeats on every page, as the pieces of its XML in order.

    Rows may split across pages: LibreOffice 7.4 drops the data rows of a table whose rows are all
    "cannot split" when only its repeated header fits at the foot of a page.
    """
    grid = "".join(f'<w:gridCol w:w="{c.width_twips}"/>' for c in columns)
    # The header keeps with the first row, so it never stands alone at the foot of a page.
    header = "".join(_cell(c.heading, c.width_twips, c.numeric, True, HEADER_SHADE, keep=True) for c in columns)
    rows = list(rows)
    bold_rows = set(bold_rows) | ({len(rows) - 1} if bold_last_row and rows else set())
    declarations = f" {nsdecls('w')}" if namespaces else ""  # inside the body, w: is already declared
    parts = [
        f'<w:tbl{declarations}><w:tblPr><w:tblStyle w:val="TableGrid"/>'
        f'<w:tblW w:w="{sum(c.width_twips for c in columns)}" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
        '<w:tblCellMar><w:left w:w="80" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>"
        + (f"<w:tr><w:trPr><w:tblHeader/></w:trPr>{header}</w:tr>" if any(c.heading for c in columns) else "")
    ]
    # A short table moves to the next page whole; a long one never leaves its last row (a total) alone.
    together = len(rows) <= KEEP_WHOLE_ROWS
    for index, row in enumerate(rows):
        bold = index in bold_rows
        keep = index < len(rows) - 1 and (together or index == len(rows) - 2)
        parts.append("<w:tr>")
        parts.extend(_cell(str(value), c.width_twips, c.numeric, bold, keep=keep) for c, value in zip(columns, row))
        parts.append("</w:tr>")
    parts.append("</w:tbl>")
    return parts


def add_table(
    document, columns: Sequence[Column], rows: Iterable[Sequence[object]], bold_last_row: bool = False, bold_rows: Iterable[int] = ()
) -> None:
    """Append a table: a placeholder paragraph now, the table's XML spliced in when the document is saved."""
    pending = document.__dict__.setdefault("_pending_tables", {})
    body = document.paragraphs
    if body and body[-1].text:
        body[-1].paragraph_format.keep_with_next = True  # a table's introduction stays with it
    marker = f"@@cpsn-table-{len(pending)}@@"
    pending[marker] = table_parts(columns, rows, bold_last_row, namespaces=False, bold_rows=bold_rows)
    document.add_paragraph(marker)
    document.add_paragraph()  # Word needs a paragraph between adjacent tables; it also gives air


def splice_tables(document, blob: bytes) -> Iterator[bytes]:
    """The serialised body with each placeholder paragraph replaced by its table, in pieces.

    One pass finds every placeholder (a pass per table was quadratic in big documents); the
    pieces go straight into the zip, so the body with its tables never exists as one string.
    """
    pending = document.__dict__.get("_pending_tables")
    if not pending:
        return iter((blob,))
    matches = list(_PLACEHOLDER.finditer(blob))
    lost = set(pending) - {m.group(1).decode() for m in matches}
    if lost:
        raise RuntimeError(f"table placeholders {sorted(lost)} were lost from the document body")
    return _spliced(blob, matches, pending)


def _spliced(blob: bytes, matches: list[re.Match], pending: dict[str, list[str]]) -> Iterator[bytes]:
    position = 0
    for match in matches:
        yield blob[position : match.start()]
        parts = pending[match.group(1).decode()]
        for start in range(0, len(parts), _BATCH):
            yield "".join(parts[start : start + _BATCH]).encode("utf-8")
        position = match.end()
    yield blob[position:]


_BATCH = 4096  # pieces encoded and compressed at a time

# A placeholder paragraph: <w:p ...> ... @@cpsn-table-N@@ ... </w:p>, never spanning paragraphs.
_PLACEHOLDER = re.compile(rb"<w:p(?:\s[^>]*)?>(?:(?!</w:p>)(?!<w:p[\s>]).)*?(@@cpsn-table-\d+@@).*?</w:p>", re.DOTALL)
