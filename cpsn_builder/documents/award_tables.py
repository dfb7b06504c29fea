"""The award report's tables: bids, lots, partners and years, as the Recommendation gives them.

Money tables print whole pounds (the £ in the heading). Each column is rounded together
(money_text.whole_pounds) so its figures add up to its total, and a figure that appears in two
tables (a partner's term cost and saving) is rounded to the same pound in both.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from ..engine.models import Estimate, PartnerSummary
from ..tenders.models import CriterionScore, Evaluation, Flag, FlagResolution, LotRanking, LotTender, Recommendation
from .docx_base import LANDSCAPE_TWIPS, PORTRAIT_TWIPS, paragraph
from .docx_tables import Column, add_table
from .money_text import MINUS, figure, whole_pounds

ZERO = Decimal(0)
MONEY_WIDTH = 1180
FLAG_LABELS = {
    "abnormally_low": "Abnormally low price",
    "over_envelope": "Over the budget",
    "above_high_case": "Priced above the high case",
    "rising_tiers": "Tier prices rise with volume",
    "late": "Late bid",
}


def lot_numbers(estimate: Estimate) -> dict[str, int]:
    """Lots numbered as the bidders' pricing schedule numbers its sheets (Lot 1, Lot 2 ...)."""
    return {lot.lot_id: number for number, lot in enumerate(estimate.lots, 1)}


def score(value: Decimal) -> str:
    return f"{value:.2f}"


def signed_percent(value: Decimal) -> str:
    return f"{MINUS}{-value:.1f}%" if value < 0 else f"+{value:.1f}%" if value > 0 else "0.0%"


def rank_text(ranking: LotRanking, tender: LotTender) -> str:
    """The rank, with "=" where another bid shares it (equal total and quality); "-" where not ranked."""
    if tender.rank is None:
        return "-"
    shared = sum(1 for t in ranking.tenders if t.rank == tender.rank) > 1
    return f"{tender.rank}=" if shared else str(tender.rank)


def any_shared_rank(evaluation: Evaluation) -> bool:
    return any(rank_text(lot, t).endswith("=") for lot in evaluation.lots for t in lot.tenders)


def next_bid(ranking: LotRanking, bidder: str) -> LotTender | None:
    """The best-placed compliant bid other than this bidder's (tenders are in rank order)."""
    return next((t for t in ranking.tenders if t.compliant and t.rank is not None and t.bidder != bidder), None)


def recommended_table(document, recommendation: Recommendation, numbers: dict[str, int]) -> None:
    """A row per lot: the bidder recommended, its scores and its margin over the next bid."""
    evaluation = recommendation.evaluation
    awarded = dict(recommendation.awarded)
    rows = []
    for ranking in evaluation.lots:
        bidder = awarded.get(ranking.lot_id)
        tender = ranking.tender(bidder) if bidder else None
        label = f"Lot {numbers[ranking.lot_id]}: {ranking.title}"
        if tender is None:
            rows.append((label, "Not awarded", "", "", "", "", ""))
            continue
        other = next_bid(ranking, bidder)
        margin = score(tender.total - other.total) if other else "only bid"
        rows.append(
            (label, bidder, score(tender.price_score), score(tender.quality_score), score(tender.total), rank_text(ranking, tender), margin)
        )
    figures = [Column(h, 880, True) for h in ("Price", "Quality", "Total", "Rank")] + [Column("Margin", 1000, True)]
    first = (PORTRAIT_TWIPS - sum(c.width_twips for c in figures)) // 2
    add_table(
        document,
        [Column("Lot", first), Column("Recommended bidder", PORTRAIT_TWIPS - first - sum(c.width_twips for c in figures))] + figures,
        rows,
    )


def lot_value_table(document, recommendation: Recommendation, numbers: dict[str, int]) -> None:
    """Each lot's estimate beside its tendered cost; lots not awarded stay at the estimate's prices."""
    estimate, tendered = recommendation.evaluation.estimate, recommendation.tendered
    awarded = dict(recommendation.awarded)
    lots = tendered.lots
    estimated = whole_pounds([estimate.lot(lot.lot_id).term_cost for lot in lots], estimate.totals.contract_value)
    tender = whole_pounds([lot.term_cost for lot in lots], tendered.totals.contract_value)
    rows = []
    for lot, before, after in zip(lots, estimated, tender):
        bidder = awarded.get(lot.lot_id)
        rows.append(
            (
                f"Lot {numbers[lot.lot_id]}: {lot.title}",
                bidder if bidder else "Not awarded: estimate's prices",
                figure(before),
                figure(after),
                figure(after - before),
            )
        )
    rows.append(("Total", "", figure(sum(estimated)), figure(sum(tender)), figure(sum(tender) - sum(estimated))))
    money = [Column(h, 1400, True) for h in ("Estimate", "Tendered", "Difference")]
    rest = PORTRAIT_TWIPS - 4200
    add_table(document, [Column("Lot", rest // 2), Column("Bidder", rest - rest // 2)] + money, rows, bold_last_row=True)


def partner_rounding(tendered: Estimate) -> tuple[dict[str, int], dict[str, int]]:
    """Each partner's term cost and term saving in whole pounds, as the partner table prints them."""
    partners = tendered.partners
    costs = whole_pounds([p.term_cost for p in partners], tendered.totals.contract_value)
    savings = whole_pounds([p.term_saving for p in partners], tendered.totals.term_saving)
    return ({p.partner_id: c for p, c in zip(partners, costs)}, {p.partner_id: s for p, s in zip(partners, savings)})


def money_table(
    document, first: str, heads: Sequence[str], parts: Sequence[tuple[str, Sequence[Decimal]]], totals: Sequence[Decimal]
) -> None:
    """Rows of whole pounds and a bold total row; each column rounded together so it adds up."""
    columns = list(zip(*[values for _, values in parts])) if parts else [()] * len(heads)
    rounded = [whole_pounds(list(column), total) for column, total in zip(columns, totals)]
    rows = [[label] + [figure(rounded[c][r]) for c in range(len(heads))] for r, (label, _) in enumerate(parts)]
    rows.append(["Total"] + [figure(sum(rounded[c])) for c in range(len(heads))])
    add_table(
        document,
        [Column(first, PORTRAIT_TWIPS - MONEY_WIDTH * len(heads))] + [Column(h, MONEY_WIDTH, True) for h in heads],
        rows,
        bold_last_row=True,
    )


def partner_table(document, tendered: Estimate) -> None:
    heads = ["Annual charges", "Current spending", "Annual saving", "One-off charges", "Term cost", "Term saving"]
    parts = [(p.name, [p.annual_cost, p.baseline, p.annual_saving, p.one_off, p.term_cost, p.term_saving]) for p in tendered.partners]
    t = tendered.totals
    money_table(document, "Partner", heads, parts, [t.annual_cost, t.baseline, t.annual_saving, t.one_off, t.contract_value, t.term_saving])


def years_table(document, tendered: Estimate) -> None:
    years = tendered.years
    parts = [(y.year, [y.annual_cost, y.one_off, y.cost, y.baseline, y.saving]) for y in years if y.months]
    totals = [
        sum((y.annual_cost for y in years), ZERO),
        sum((y.one_off for y in years), ZERO),
        tendered.totals.contract_value,
        sum((y.baseline for y in years), ZERO),
        tendered.totals.term_saving,
    ]
    money_table(document, "Year", ["Annual charges", "One-off charges", "Total cost", "Current spending", "Saving"], parts, totals)


def partner_years_table(document, tendered: Estimate) -> None:
    """Each partner's cost and saving in each financial year, then its whole term in bold: a small
    table per partner, kept on one page, so no partner's years are split from its name.

    A partner's years are rounded to add up to the pound its term figures show in the partner table.
    """
    costs, savings = partner_rounding(tendered)
    width = 2000
    for partner in tendered.partners:
        name = paragraph(document, partner.name)
        name.runs[0].bold = True
        name.paragraph_format.keep_with_next = True
        rows = _partner_years(partner, costs[partner.partner_id], savings[partner.partner_id])
        add_table(
            document,
            [Column("Year", PORTRAIT_TWIPS - 2 * width), Column("Cost", width, True), Column("Saving", width, True)],
            rows,
            bold_last_row=True,
        )


def _partner_years(partner: PartnerSummary, cost: int, saving: int) -> list[tuple[str, ...]]:
    years = [y for y in partner.years if y.months]
    year_costs = whole_pounds([y.cost for y in years], Decimal(cost))
    year_savings = whole_pounds([y.saving for y in years], Decimal(saving))
    rows = [(year.year, figure(c), figure(s)) for year, c, s in zip(years, year_costs, year_savings)]
    rows.append(
        (f"Whole term ({len(years)} year{'s' if len(years) != 1 else ''} billed)", figure(sum(year_costs)), figure(sum(year_savings)))
    )
    return rows


def flag_table(document, evaluation: Evaluation, resolutions: Sequence[FlagResolution], numbers: dict[str, int]) -> None:
    rows = [
        (
            flag.bidder,
            _flag_place(flag, evaluation, numbers),
            f"{FLAG_LABELS.get(flag.kind, flag.kind)}. {flag.message}",
            resolution_of(flag, resolutions) or "Not recorded",
        )
        for flag in evaluation.flags
    ]
    add_table(
        document,
        [
            Column("Bidder", 1700),
            Column("Lot", 1500),
            Column("What was flagged", 3600),
            Column("How it was resolved", PORTRAIT_TWIPS - 6800),
        ],
        rows,
    )


def resolution_of(flag: Flag, resolutions: Sequence[FlagResolution]) -> str | None:
    key = (flag.kind, flag.bidder, flag.lot_id, flag.line_id)
    return next((r.resolution for r in resolutions if (r.kind, r.bidder, r.lot_id, r.line_id) == key), None)


def _flag_place(flag: Flag, evaluation: Evaluation, numbers: dict[str, int]) -> str:
    if flag.lot_id is None:
        return "Whole bid"
    ranking = evaluation.lot(flag.lot_id)
    place = f"Lot {numbers.get(flag.lot_id, '?')}: {ranking.title if ranking else flag.lot_id}"
    return f"{place}, line {flag.line_id}" if flag.line_id else place


def criteria_key(document, evaluation: Evaluation) -> None:
    """What the appendix's Q columns are: each quality criterion, its weight and its minimum mark."""
    criteria = criteria_of(evaluation)
    rows = [(c.criterion_id, c.title, score(c.weight), str(c.minimum)) for c in criteria]
    rows.append(
        ("Price", "Lowest compliant evaluated price ÷ the bid's evaluated price × the price weight", score(evaluation.price_weight), "")
    )
    add_table(
        document,
        [
            Column("Column", 1200),
            Column("Criterion", LANDSCAPE_TWIPS - 4200),
            Column("Weight", 1500, True),
            Column("Minimum mark", 1500, True),
        ],
        rows,
    )


def criteria_of(evaluation: Evaluation) -> list[CriterionScore]:
    """The criteria as scored, from the first tender that has them (every tender has the same)."""
    for ranking in evaluation.lots:
        for tender in ranking.tenders:
            if tender.quality:
                return list(tender.quality)
    return []


def evaluation_table(document, ranking: LotRanking, criteria: Sequence[CriterionScore]) -> None:
    """Every bid for a lot: evaluated price, price score, each criterion's moderated mark and score, total, rank."""
    marks = [Column(f"{c.criterion_id} ({score(c.weight)})", 1050, True) for c in criteria]
    figures = (
        [Column("Evaluated price (£)", 1750, True), Column("Against estimate", 1000, True), Column("Price", 800, True)]
        + marks
        + [Column("Quality", 850, True), Column("Total", 800, True), Column("Rank", 600, True)]
    )
    used = sum(c.width_twips for c in figures)
    columns = [Column("Bidder", LANDSCAPE_TWIPS - used)] + figures
    rows = [
        [tender.bidder, pence(tender.evaluated_price), signed_percent(tender.difference_percent), score(tender.price_score)]
        + [_mark(tender, c.criterion_id) for c in criteria]
        + [score(tender.quality_score), score(tender.total), rank_text(ranking, tender)]
        for tender in ranking.tenders
    ]
    add_table(document, columns, rows)


def _mark(tender: LotTender, criterion_id: str) -> str:
    found = next((c for c in tender.quality if c.criterion_id == criterion_id), None)
    if found is None or found.moderated is None:
        return "not scored"
    return f"{found.moderated}: {score(found.score)}" + (" *" if found.below_minimum else "")


def pence(value: Decimal) -> str:
    """Pounds and pence in a column headed (£)."""
    text = f"{abs(value):,.2f}"
    return f"{MINUS}{text}" if value < 0 else text
