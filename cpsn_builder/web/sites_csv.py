"""The site list as CSV: a template to download, and an upload checked line by line and column by column.

An upload with any error saves nothing, and every error names its line and column. Each line is
checked by the one site check (responses/sites.py), so a file says what the form says.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from ..catalogue import Catalogue
from ..exports.cells import safe_text
from ..responses.sites import check_site

COLUMNS = ["name", "postcode", "service_line", "notes"]
MAX_ROWS = 20_000
MAX_BYTES = 2 * 1024 * 1024  # 20,000 sites at about 100 bytes a line


@dataclass(frozen=True)
class CsvError:
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"line {self.line}" + (f", column {self.column}" if self.column else "")
        return f"{where[0].upper()}{where[1:]}: {self.message}"


def template(sites, catalogue: Catalogue) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for site in sites:
        writer.writerow([safe_text(site.name), site.postcode, site.service_line_id, safe_text(site.notes or "")])
    return out.getvalue()


def parse(data: bytes, catalogue: Catalogue, lots: list[str]) -> tuple[list[dict], list[CsvError]]:
    if len(data) > MAX_BYTES:  # before decoding or reading a line of it
        return [], [
            CsvError(
                1,
                "",
                f"the file is larger than {MAX_BYTES // 1024 // 1024} MB, the most that can be uploaded "
                f"at once (about {MAX_ROWS:,} sites): split it",
            )
        ]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return [], [CsvError(1, "", "the file is not UTF-8 text: save it from your spreadsheet as 'CSV UTF-8'")]
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        rows = _site_rows(reader)
    except csv.Error as exc:  # a stray quote, a NUL byte...
        return [], [
            CsvError(reader.line_num or 1, "", f"the file is not a readable CSV ({exc}): save it from your spreadsheet as 'CSV UTF-8'")
        ]
    except _TooMany as exc:
        return [], [CsvError(exc.line, "", f"the file has more than {MAX_ROWS:,} sites; at most {MAX_ROWS:,} can be uploaded at once")]
    if not rows:
        return [], [CsvError(1, "", "the file is empty: download the template, fill it in and upload it")]
    header = [h.strip().lower() for h in rows[0][1]]
    missing = [c for c in COLUMNS[:3] if c not in header]
    if missing:
        return [], [CsvError(rows[0][0], "", f"the header row must name the columns {', '.join(COLUMNS)}; missing: {', '.join(missing)}")]
    if len(rows) == 1:
        return [], [CsvError(rows[0][0], "", "the file has a header row but no sites: add one line per site")]
    index = {name: header.index(name) for name in COLUMNS if name in header}
    sites, errors, seen = [], [], set()
    for number, row in rows[1:]:
        cell = {name: (row[i].strip() if i < len(row) else "") for name, i in index.items()}
        site, problems = check_site(
            cell.get("name", ""), cell.get("postcode", ""), cell.get("service_line", ""), cell.get("notes", ""), catalogue, lots, seen
        )
        errors += [CsvError(number, column, message) for column, message in problems]
        if site:
            seen.add(site.key)
            sites.append(site)
    return sites, errors


class _TooMany(Exception):
    def __init__(self, line: int):
        self.line = line


def _site_rows(reader) -> list[tuple[int, list[str]]]:
    """(line number, cells) of the header and every non-blank line; blank lines are not sites.

    Stops reading as soon as there are more sites than can be uploaded."""
    rows = []
    for row in reader:
        if not any(cell.strip() for cell in row):
            continue
        rows.append((reader.line_num, row))
        if len(rows) - 1 > MAX_ROWS:
            raise _TooMany(reader.line_num)
    return rows
