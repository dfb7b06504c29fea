"""The estimate as readable text tables for the terminal."""

from __future__ import annotations

from decimal import Decimal

from tabulate import tabulate

from ..formatting import number as quantity
from ..formatting import pounds as money
from ..formatting import unit_price
from ..engine import Estimate
from ..engine.scenarios import Comparison
from ..exports.estimate_report import EstimateReport


def _table(rows, headers, numeric_from: int = 1) -> str:
    align = ["left"] * numeric_from + ["right"] * (len(headers) - numeric_from)
    return tabulate(rows, headers=headers, colalign=align, disable_numparse=True)


def render_report(report: EstimateReport) -> str:
    parts = [render_estimate(report.base)]
    for result in report.scenarios:
        parts.append(render_comparison(report.base, result.estimate, result.comparison))
    return "\n\n".join(parts) + "\n"


def render_estimate(est: Estimate) -> str:
    out = [
        f"CPSN estimate: {est.scenario.name}",
        f"Term {_day(est.term.start)} to {_day(est.term.end)} ({est.term.months} months); "
        f"catalogue {est.catalogue_version} ({est.catalogue_digest[:12]}); prices ex VAT",
        "",
        "Partners",
        _table(
            [[p.name, p.status, p.joins or "-", p.leaves or "-", p.months_billed, ", ".join(p.lots)] for p in est.partners]
            + [[x.name, "excluded", "", "", "", x.reason] for x in est.excluded],
            ["partner", "status", "joins", "notice expires", "months billed", "lots"],
            numeric_from=6,
        ),
    ]
    for lot in est.lots:
        out += [
            "",
            f"{lot.title} ({lot.lot_id})",
            _table(
                [
                    [
                        line.title,
                        quantity(line.quantity),
                        line.unit,
                        _tier(line),
                        unit_price(line.unit_price),
                        money(line.annual_cost),
                        money(line.one_off),
                        money(line.term_cost),
                    ]
                    for line in lot.lines
                ]
                + [["Total", "", "", "", "", money(lot.annual_cost), money(lot.one_off), money(lot.term_cost)]],
                ["service line", "quantity", "unit", "tier", "unit price", "annual cost", "one-off", "term cost"],
                numeric_from=1,
            ),
        ]
    sources = _sources(est)
    out += [
        "",
        "Costs and savings by partner",
        _table(
            [
                [
                    p.name,
                    money(p.annual_cost),
                    money(p.baseline),
                    _source(sources.get(p.partner_id, set())),
                    money(p.annual_saving),
                    money(p.one_off),
                    money(p.term_cost),
                    money(p.term_saving),
                ]
                for p in est.partners
            ]
            + [
                [
                    "Total",
                    money(est.totals.annual_cost),
                    money(est.totals.baseline),
                    "",
                    money(est.totals.annual_saving),
                    money(est.totals.one_off),
                    money(est.totals.contract_value),
                    money(est.totals.term_saving),
                ]
            ],
            ["partner", "annual cost", "baseline", "baseline from", "annual saving", "one-off", "term cost", "term saving"],
        ),
    ]
    out += ["", "By financial year, April to March (the partnership; part years from the months billed)", _years_table(est)]
    env = est.envelope
    position = f"headroom {money(env.headroom)}" if env.within else f"OVERRUN {money(-env.headroom)}"
    out += [
        "",
        "Envelope",
        f"Contract value {money(env.contract_value)} of {money(env.envelope)}: {env.utilisation_percent:.2f}% used, {position}",
        "",
        "Sensitivity (low and high use each line's low and high unit prices)",
        _table(
            [
                [
                    c.case,
                    money(c.totals.annual_cost),
                    money(c.totals.annual_saving),
                    money(c.totals.contract_value),
                    f"{c.envelope.utilisation_percent:.2f}%",
                ]
                for c in est.sensitivity
            ],
            ["case", "annual cost", "annual saving", "contract value", "of envelope"],
        ),
        "",
        f"Rounding: every figure is rounded to the penny and totals are sums of the rounded parts; "
        f"the contract value differs from exact arithmetic by {money(est.rounding.difference.quantize(Decimal('0.0001')))}.",
    ]
    if est.warnings:
        out += ["", "Warnings"] + [f"- {w}" for w in est.warnings]
    return "\n".join(out)


def render_comparison(base: Estimate, other: Estimate, comparison: Comparison) -> str:
    out = [f"Scenario: {comparison.scenario.name} (beside the base case)"]
    out.append(
        _table(
            [
                [
                    "Contract value",
                    money(base.totals.contract_value),
                    money(other.totals.contract_value),
                    money(comparison.contract_value_change),
                ],
                ["Annual cost", money(base.totals.annual_cost), money(other.totals.annual_cost), money(comparison.annual_cost_change)],
                [
                    "Annual saving",
                    money(base.totals.annual_saving),
                    money(other.totals.annual_saving),
                    money(comparison.annual_saving_change),
                ],
                ["Envelope used", f"{base.envelope.utilisation_percent:.2f}%", f"{other.envelope.utilisation_percent:.2f}%", ""],
            ],
            ["", "base case", "scenario", "change"],
        )
    )
    changes = comparison.tier_changes
    out += ["", "Unit prices that change (the tier effect)" if changes else "No unit price changes tier."]
    if changes:
        out.append(
            _table(
                [
                    [
                        c.title,
                        quantity(c.base_quantity),
                        quantity(c.scenario_quantity),
                        unit_price(c.base_price),
                        unit_price(c.scenario_price),
                    ]
                    for c in changes
                ],
                ["service line", "base quantity", "scenario quantity", "base price", "scenario price"],
            )
        )
    out += [
        "",
        "Annual cost by partner",
        _table(
            [
                [
                    p.name,
                    money(p.base_annual_cost) if p.base_annual_cost is not None else "not in",
                    money(p.scenario_annual_cost) if p.scenario_annual_cost is not None else "not in",
                    money(p.annual_cost_change),
                ]
                for p in comparison.partners
            ],
            ["partner", "base case", "scenario", "change"],
        ),
    ]
    if other.warnings:
        out += ["", "Warnings"] + [f"- {w}" for w in other.warnings]
    return "\n".join(out)


def _years_table(est: Estimate) -> str:
    """The partnership's year profile; the total row is the term's figures (the years add up to them)."""
    fields = ("annual_cost", "one_off", "cost", "baseline", "saving")
    rows = [[y.year, y.months, *(money(getattr(y, name)) for name in fields)] for y in est.years]
    rows.append(
        ["Total", sum(y.months for y in est.years), *(money(sum((getattr(y, name) for y in est.years), Decimal(0))) for name in fields)]
    )
    return _table(rows, ["year", "months", "annual cost", "one-off", "cost", "current spend", "saving"])


def _tier(line) -> str:
    if line.tier_from is None:
        return "-"
    return f"{line.tier_from:,}+" if line.tier_to is None else f"{line.tier_from:,}-{line.tier_to:,}"


def _sources(est: Estimate) -> dict[str, set[str]]:
    """Where each partner's baselines came from, in one pass (a pass per partner was quadratic)."""
    sources: dict[str, set[str]] = {}
    for lot in est.lots:
        for pl in lot.partners:
            sources.setdefault(pl.partner_id, set()).add(pl.baseline_source)
    return sources


def _source(sources: set[str]) -> str:
    return next(iter(sources)) if len(sources) == 1 else "stated and derived"


def _day(value) -> str:
    return f"{value.day} {value:%B %Y}"
