"""Documents benchmark: the statement of requirements for 10,000 sites, beside a plain python-docx build.

The baseline builds the same big tables (every site, and demand by line and partner) the way
python-docx's tutorial does: add_table, then add_row and cell.text for each row.
"""
from __future__ import annotations

import io
from datetime import date

import docx

from cpsn_builder.documents.context import Inputs
from cpsn_builder.documents.sor import build_sor
from cpsn_builder.engine import estimate

import synthetic
from bench_engine import median_seconds


def baseline(inputs: Inputs) -> bytes:
    document = docx.Document()
    demand = document.add_table(rows=1, cols=4)
    for cell, text in zip(demand.rows[0].cells, ("Service line", "Partner", "Quantity", "Unit")):
        cell.text = text
    for lot in inputs.estimate.lots:
        for line in lot.lines:
            for entry in line.partners:
                cells = demand.add_row().cells
                cells[0].text, cells[1].text, cells[2].text, cells[3].text = line.title, entry.partner_id, str(entry.quantity), line.unit
    sites = document.add_table(rows=1, cols=4)
    for cell, text in zip(sites.rows[0].cells, ("Partner", "Site", "Postcode", "Service line")):
        cell.text = text
    for response in inputs.responses.responses:
        for site in response.sites:
            cells = sites.add_row().cells
            cells[0].text, cells[1].text, cells[2].text, cells[3].text = response.partner_id, site.name, site.postcode, site.service_line_id
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def run() -> list[str]:
    catalogue, responses = synthetic.national(partners=40, lots=7, sites=10_000)
    inputs = Inputs(catalogue, responses, estimate(catalogue, responses), date(2011, 3, 1))
    sites = sum(len(r.sites) for r in responses.responses)
    ours = median_seconds(lambda: build_sor(inputs), 5)
    plain = median_seconds(lambda: baseline(inputs), 3)
    return [
        f"Documents: statement of requirements, {sites:,} sites, {len(responses.responses)} partners, median of runs",
        f"  cpsn-builder SoR (whole document)      {ours * 1000:8.0f} ms",
        f"  python-docx add_row/cell.text tables   {plain * 1000:8.0f} ms",
        f"  ratio: {plain / ours:.1f}x faster (target 8x); under 1.5 s: {'met' if ours < 1.5 else 'NOT met'}",
    ]


if __name__ == "__main__":
    print("\n".join(run()))
