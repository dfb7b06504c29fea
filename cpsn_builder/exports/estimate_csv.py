"""The estimate as CSV: one row per scenario, partner, lot and service line, with lot subtotals;
or, by financial year, one row per scenario, partner and year, with the partnership's years.

Rows whose service_line is empty are the partner's lot subtotal, carrying its baseline and saving.
In the by-year CSV, rows whose partner is empty are the partnership: the sum of the partners'
rows for that scenario and year.
"""

from __future__ import annotations

import csv
import io

from .cells import safe_text
from .estimate_report import EstimateReport

COLUMNS = [
    "scenario",
    "partner",
    "lot",
    "service_line",
    "quantity",
    "unit",
    "unit_price",
    "annual_cost",
    "one_off",
    "term_cost",
    "baseline",
    "baseline_source",
    "annual_saving",
    "term_saving",
]


def to_csv(report: EstimateReport) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for est in [report.base, *(s.estimate for s in report.scenarios)]:
        for lot in est.lots:
            for index, partner_lot in enumerate(lot.partners):
                for line in lot.lines:
                    entry = line.partners[index]
                    writer.writerow(
                        [
                            safe_text(est.scenario.name),
                            entry.partner_id,
                            lot.lot_id,
                            line.line_id,
                            entry.quantity,
                            line.unit,
                            "" if line.unit_price is None else line.unit_price,
                            entry.annual_cost,
                            entry.one_off,
                            entry.term_cost,
                            "",
                            "",
                            "",
                            "",
                        ]
                    )
                writer.writerow(
                    [
                        safe_text(est.scenario.name),
                        partner_lot.partner_id,
                        lot.lot_id,
                        "",
                        "",
                        "",
                        "",
                        partner_lot.annual_cost,
                        partner_lot.one_off,
                        partner_lot.term_cost,
                        partner_lot.baseline,
                        partner_lot.baseline_source,
                        partner_lot.annual_saving,
                        partner_lot.term_saving,
                    ]
                )
    return out.getvalue()


YEAR_COLUMNS = [
    "scenario",
    "partner",
    "partner_name",
    "financial_year",
    "start",
    "end",
    "months",
    "annual_cost",
    "one_off",
    "cost",
    "baseline",
    "saving",
]


def to_years_csv(report: EstimateReport) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(YEAR_COLUMNS)
    for est in [report.base, *(s.estimate for s in report.scenarios)]:
        scenario = safe_text(est.scenario.name)
        for partner_id, name, years in [*((p.partner_id, p.name, p.years) for p in est.partners), ("", "Partnership", est.years)]:
            for year in years:
                writer.writerow(
                    [
                        scenario,
                        partner_id,
                        safe_text(name),
                        year.year,
                        year.start.isoformat(),
                        year.end.isoformat(),
                        year.months,
                        year.annual_cost,
                        year.one_off,
                        year.cost,
                        year.baseline,
                        year.saving,
                    ]
                )
    return out.getvalue()
