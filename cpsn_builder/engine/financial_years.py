"""The estimate by financial year (1 April to 31 March), for each partner and the partnership.

Councils budget by financial year, so the term figures are profiled over the years the term
touches, using the months each partner is billed (rule 5): a partner joining part way through a
year, or whose notice expires in one, has a part year.

Rounding (the README's estimate rule 9). The engine rounds each partner x service line's term
recurring cost once, pennies(annual x months / 12), and each partner x lot's term baseline once,
pennies(baseline x months / 12). A year's share is the difference of rounded cumulative amounts:

    year k = pennies(annual x months billed up to the end of year k / 12)
           - pennies(annual x months billed up to the end of year k-1 / 12)

so the years telescope to the term figure exactly: no penny is lost or made by profiling, and a
year's share may differ by a penny from the year before (an annual cost of £185.175 is billed
£185.18, £185.17, £185.18...). One-off connection charges fall in the financial year of the
partner's first billed month. The partnership's year is the sum of its partners' years.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from .models import YearFigures
from .pricing import PENNY

ZERO = Decimal("0.00")  # money: every figure carries pence, zero included ("0.00" in JSON)
TWELVE = Decimal(12)


@dataclass(slots=True)
class Amounts:
    """A partner's annual amounts (a charge per service line, or a baseline per lot) as the profile
    needs them: those that are whole pennies, and the exact value of those that are not.

    The engine fills one as it prices each line, so the profile needs no second pass over them.
    """

    whole: list[Decimal] = field(default_factory=list)
    sub_penny: list[Decimal] = field(default_factory=list)

    def add(self, exact: Decimal, rounded: Decimal) -> None:
        if exact == rounded:
            self.whole.append(rounded)
        else:
            self.sub_penny.append(exact)


@dataclass(frozen=True, slots=True)
class YearSpan:
    """A financial year and the term's months in it, as indices into the term's month starts."""

    year: str
    start: date
    end: date
    first: int  # index of the year's first month of the term
    stop: int  # index after its last


def financial_year_of(day: date) -> int:
    """The calendar year in which the financial year holding `day` begins (1 April)."""
    return day.year if day.month >= 4 else day.year - 1


def year_label(begins: int) -> str:
    return f"{begins}/{(begins + 1) % 100:02d}"


def year_spans(starts: Sequence[date]) -> tuple[YearSpan, ...]:
    """Every financial year the term's months (consecutive month starts) touch, in order."""
    if not starts:
        return ()
    begins = financial_year_of(starts[0])
    to_april = (4 - starts[0].month) % 12 or 12  # months from the first to the next 1 April
    edges = [0, *range(to_april, len(starts), 12), len(starts)]
    return tuple(
        YearSpan(year_label(begins + k), date(begins + k, 4, 1), date(begins + k + 1, 3, 31), first, stop)
        for k, (first, stop) in enumerate(zip(edges, edges[1:]))
    )


def billed_months(starts: Sequence[date], joins: date | None, leaves: date | None) -> range:
    """The indices of the months a partner is billed: it is a member on their first day (rule 5).

    Membership is one stretch of time, so the billed months are one run of consecutive months;
    its length is what term.months_billed counts.
    """
    first = 0 if joins is None else bisect_left(starts, joins)
    stop = len(starts) if leaves is None else bisect_right(starts, leaves)
    return range(first, max(first, stop))


def cumulative_months(spans: Sequence[YearSpan], billed: range) -> list[int]:
    """Months billed from the start of the term up to the end of each financial year."""
    return [max(0, min(span.stop, billed.stop) - billed.start) for span in spans]


def partner_years(
    spans: Sequence[YearSpan], billed: range, recurring: Amounts, one_off: Decimal, baselines: Amounts
) -> tuple[YearFigures, ...]:
    """A partner's figures for each financial year.

    `recurring` holds the annual cost of each of the partner's service lines and `baselines` its
    baseline for each lot; `one_off` is its connection charges (already rounded).
    """
    cumulative = cumulative_months(spans, billed)
    costs = _cumulative_pennies(recurring, cumulative)
    spends = _cumulative_pennies(baselines, cumulative)
    first_year = next((i for i, span in enumerate(spans) if span.first <= billed.start < span.stop), None) if billed else None
    years = []
    before_months = 0
    before_cost = before_spend = ZERO
    for index, span in enumerate(spans):
        annual_cost = costs[index] - before_cost
        baseline = spends[index] - before_spend
        charge = one_off if index == first_year else ZERO
        cost = annual_cost + charge
        years.append(
            YearFigures(
                span.year, span.start, span.end, cumulative[index] - before_months, annual_cost, charge, cost, baseline, baseline - cost
            )
        )
        before_months, before_cost, before_spend = cumulative[index], costs[index], spends[index]
    return tuple(years)


def partnership_years(spans: Sequence[YearSpan], partners: Iterable[Sequence[YearFigures]]) -> tuple[YearFigures, ...]:
    """The partnership's year: each figure the sum of the partners' for that year."""
    sums = [[ZERO] * 5 for _ in spans]
    for years in partners:
        for row, year in zip(sums, years):
            row[0] += year.annual_cost
            row[1] += year.one_off
            row[2] += year.cost
            row[3] += year.baseline
            row[4] += year.saving
    return tuple(YearFigures(span.year, span.start, span.end, span.stop - span.first, *row) for span, row in zip(spans, sums))


def _cumulative_pennies(amounts: Amounts, cumulative: Sequence[int]) -> list[Decimal]:
    """For each cumulative month count m: the sum over the amounts of pennies(amount x m / 12).

    Where an amount is a whole number of pennies and m a whole number of years, its share is
    exact (amount x m / 12) and needs no rounding, so those amounts are added once and multiplied:
    the profile then costs the engine a rounding per line per year only for part years and
    sub-penny amounts.
    """
    whole_total: Decimal | None = None
    found: dict[int, Decimal] = {0: ZERO}
    result = []
    for months in cumulative:
        total = found.get(months)
        if total is None:
            if months % 12:
                total = _sum_pennies(amounts.whole, months) + _sum_pennies(amounts.sub_penny, months)
            else:
                if whole_total is None:
                    whole_total = sum(amounts.whole, ZERO)
                total = whole_total * (months // 12)
                if amounts.sub_penny:
                    total += _sum_pennies(amounts.sub_penny, months)
            found[months] = total
        result.append(total)
    return result


def _sum_pennies(amounts: list[Decimal], months: int) -> Decimal:
    """The sum of pennies(amount x months / 12), written out because it runs per line per year."""
    quantize = Decimal.quantize
    return sum([quantize(a * months / TWELVE, PENNY, ROUND_HALF_UP) for a in amounts], ZERO)
