"""Rule 9: the estimate by financial year (April to March), adding up to the term to the penny."""

from datetime import date
from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

import estimate_generators as generated
from catalogue_builder import PROGRAMME, WORKED_RESPONSES, load_case, write_response, write_worked_example
from cpsn_builder.catalogue import load_catalogue
from cpsn_builder.engine import JoinChange, NoticeChange, Scenario, estimate
from cpsn_builder.engine.financial_years import financial_year_of, year_spans
from cpsn_builder.engine.term import month_starts
from cpsn_builder.responses import load_responses
from cpsn_builder.responses.models import Response, ResponseSet

YEARS = ["2012/13", "2013/14", "2014/15", "2015/16", "2016/17"]
EXTENDED = YEARS + ["2017/18", "2018/19"]


@pytest.fixture
def worked(tmp_path):
    catalogue = load_catalogue(write_worked_example(tmp_path / "catalogue"))
    folder = tmp_path / "responses"
    write_response(
        folder, "a.yml", "{partner: a, project: cpsn, lots: [wan], answers: {wan: {circuits: 250}}, current_spend: {wan: 1150000}}\n"
    )
    write_response(folder, "b.yml", "{partner: b, project: cpsn, lots: [wan], answers: {wan: {circuits: 40}}}\n")
    write_response(folder, "c.yml", "{partner: c, project: cpsn, lots: [wan], answers: {wan: {circuits: 15}}}\n")
    return catalogue, load_responses([folder], catalogue)


def column(years, name):
    return [getattr(year, name) for year in years]


def assert_years_add_up(est):
    """Each partner's years sum to its term figures, and the partnership's to the totals, exactly."""
    labels = column(est.years, "year")
    assert sum(column(est.years, "months")) == est.term.months
    for p in est.partners:
        assert column(p.years, "year") == labels
        assert sum(column(p.years, "months")) == p.months_billed
        assert sum(column(p.years, "cost")) == p.term_cost
        assert sum(column(p.years, "one_off")) == p.one_off
        assert sum(column(p.years, "baseline")) == sum(
            pl.term_baseline for lot in est.lots for pl in lot.partners if pl.partner_id == p.partner_id
        )
        assert sum(column(p.years, "saving")) == p.term_saving
        for year in p.years:
            assert year.cost == year.annual_cost + year.one_off
            assert year.saving == year.baseline - year.cost
    for index, year in enumerate(est.years):
        for name in ("annual_cost", "one_off", "cost", "baseline", "saving"):
            assert getattr(year, name) == sum(getattr(p.years[index], name) for p in est.partners)
    assert sum(column(est.years, "cost")) == est.totals.contract_value
    assert sum(column(est.years, "one_off")) == est.totals.one_off
    assert sum(column(est.years, "saving")) == est.totals.term_saving


def test_financial_years_run_april_to_march():
    assert financial_year_of(date(2012, 4, 1)) == 2012
    assert financial_year_of(date(2013, 3, 31)) == 2012
    spans = year_spans(month_starts(date(2012, 4, 1), 60))
    assert [(s.year, s.start, s.end, s.stop - s.first) for s in spans[:1]] == [("2012/13", date(2012, 4, 1), date(2013, 3, 31), 12)]
    assert [s.year for s in spans] == YEARS
    # a term starting mid-year has part years at both ends
    spans = year_spans(month_starts(date(2012, 10, 1), 24))
    assert [(s.year, s.stop - s.first) for s in spans] == [("2012/13", 6), ("2013/14", 12), ("2014/15", 6)]
    assert [s.year for s in year_spans(month_starts(date(2099, 4, 1), 12))] == ["2099/00"]


def test_a_term_starting_in_march_opens_with_a_one_month_year(tmp_path):
    programme = PROGRAMME.replace("contract_start: 2012-04-01", "contract_start: 2012-03-01")
    est = estimate(*load_case(tmp_path, WORKED_RESPONSES, programme=programme))
    # March 2012 is the last month of 2011/12; February 2017 falls in 2016/17
    assert [(y.year, y.start, y.months) for y in est.years] == [
        ("2011/12", date(2011, 4, 1), 1),
        ("2012/13", date(2012, 4, 1), 12),
        ("2013/14", date(2013, 4, 1), 12),
        ("2014/15", date(2014, 4, 1), 12),
        ("2015/16", date(2015, 4, 1), 12),
        ("2016/17", date(2016, 4, 1), 11),
    ]
    # A's 900,000 a year: one month in the first year, its 375,000 of connections too
    a = est.partner("a").years
    assert (a[0].annual_cost, a[0].one_off, a[-1].annual_cost) == (D(75000), D(375000), D(825000))
    assert_years_add_up(est)


def test_worked_example_by_year(worked):
    est = estimate(*worked)
    a, b = est.partner("a"), est.partner("b")
    # A: member throughout, £900,000 a year, its £375,000 connection charges in the first year
    assert column(a.years, "year") == YEARS
    assert column(a.years, "months") == [12] * 5
    assert column(a.years, "annual_cost") == [D("900000.00")] * 5
    assert column(a.years, "one_off") == [D("375000.00")] + [D("0.00")] * 4
    assert column(a.years, "cost") == [D("1275000.00")] + [D("900000.00")] * 4
    assert column(a.years, "saving") == [D("-125000.00")] + [D("250000.00")] * 4
    # B: notice expires 15 March 2015, billed April 2012 to March 2015: three whole years, then nothing
    assert column(b.years, "months") == [12, 12, 12, 0, 0]
    assert column(b.years, "cost") == [D("204000.00"), D("144000.00"), D("144000.00"), D("0.00"), D("0.00")]
    assert column(b.years, "baseline") == [D("192000.00")] * 3 + [D("0.00")] * 2
    assert column(b.years, "saving") == [D("-12000.00"), D("48000.00"), D("48000.00"), D("0.00"), D("0.00")]
    assert sum(column(b.years, "cost")) == b.term_cost == D("492000.00")
    # the partnership: the sum of the two, over the whole term's months
    assert column(est.years, "months") == [12] * 5
    assert column(est.years, "cost") == [D("1479000.00"), D("1044000.00"), D("1044000.00"), D("900000.00"), D("900000.00")]
    assert sum(column(est.years, "cost")) == est.totals.contract_value == D("5367000.00")
    assert_years_add_up(est)


def test_a_partner_joining_on_the_2nd_is_billed_from_the_next_month(worked):
    est = estimate(*worked, Scenario("C joins", with_partners=(JoinChange("c", date(2013, 5, 2)),)))
    c = est.partner("c")
    # billed from June 2013: 10 months of 2013/14; £3,000 x 15 = £45,000 a year; one-off 15 x £1,500 in 2013/14
    assert c.months_billed == 46
    assert column(c.years, "months") == [0, 10, 12, 12, 12]
    assert column(c.years, "annual_cost") == [D("0.00"), D("37500.00"), D("45000.00"), D("45000.00"), D("45000.00")]
    assert column(c.years, "one_off") == [D("0.00"), D("22500.00"), D("0.00"), D("0.00"), D("0.00")]
    assert column(c.years, "baseline") == [D("0.00"), D("60000.00"), D("72000.00"), D("72000.00"), D("72000.00")]
    assert sum(column(c.years, "cost")) == c.term_cost == D("195000.00")
    assert column(est.years, "months") == [12] * 5
    assert_years_add_up(est)


def telephony(partner_id, minutes):
    return Response(
        partner_id,
        "cpsn",
        lots=("telephony",),
        answers={
            "telephony": {
                "analogue_lines": D(0),
                "needs_sip": False,
                "uk_minutes": D(minutes),
                "mobile_minutes": D(0),
                "international_minutes": D(0),
                "number_porting": "keep",
            }
        },
    )


def test_sub_penny_annual_costs_are_profiled_by_rounded_cumulative_amounts(catalogue):
    # 12,345 minutes at £0.015 = £185.175 a year: every year rounded on its own would give
    # 5 x £185.18 = £925.90, two pennies more than the term's £925.88. Cumulative rounding bills
    # £185.18, £370.35, £555.53, £740.70, £925.88 by the end of each year.
    est = estimate(catalogue, ResponseSet("cpsn", (telephony("fenland", 12_345),)))
    fenland = est.partner("fenland")
    assert fenland.annual_cost == D("185.18")
    assert column(fenland.years, "annual_cost") == [D("185.18"), D("185.17"), D("185.18"), D("185.17"), D("185.18")]
    assert sum(column(fenland.years, "annual_cost")) == fenland.term_cost == D("925.88")
    assert_years_add_up(est)


def test_a_part_year_with_sub_penny_costs(catalogue):
    # Notice on 30 September 2013 expires on 30 September 2015: billed 42 months, 6 in 2015/16.
    # £185.175 x 42 / 12 = £648.1125, so the term is £648.11 and 2015/16 is £648.11 - £555.53.
    est = estimate(
        catalogue,
        ResponseSet("cpsn", (telephony("fenland", 12_345),)),
        Scenario("notice", notices=(NoticeChange("fenland", date(2013, 9, 30)),)),
    )
    fenland = est.partner("fenland")
    assert fenland.months_billed == 42
    assert column(fenland.years, "months") == [12, 12, 12, 6, 0]
    assert column(fenland.years, "annual_cost") == [D("185.18"), D("185.17"), D("185.18"), D("92.58"), D("0.00")]
    assert fenland.term_cost == D("648.11")
    assert_years_add_up(est)


def test_a_partner_never_billed_has_zero_years(worked):
    est = estimate(*worked, Scenario("C joins late", with_partners=(JoinChange("c", date(2017, 3, 2)),)))
    c = est.partner("c")
    assert c.months_billed == 0
    assert column(c.years, "cost") == [D("0.00")] * 5
    assert_years_add_up(est)


def test_the_demo_years_add_up_to_its_totals(demo_estimate):
    assert column(demo_estimate.years, "year") == YEARS
    south = demo_estimate.partner("south-cambs")
    # notice given 30 September 2013 expires 30 September 2015: half of 2015/16
    assert column(south.years, "months") == [12, 12, 12, 6, 0]
    # connection charges all fall in 2012/13: every demo partner is billed from April 2012
    assert demo_estimate.years[0].one_off == demo_estimate.totals.one_off > 0
    assert_years_add_up(demo_estimate)


def test_the_extension_years_are_profiled_too(catalogue, demo_responses):
    est = estimate(catalogue, demo_responses, Scenario("extension", extension=True))
    assert column(est.years, "year") == EXTENDED
    assert column(est.years, "months") == [12] * 7
    assert column(est.partner("cambs-county").years, "months") == [12] * 7
    assert column(est.partner("south-cambs").years, "months") == [12, 12, 12, 6, 0, 0, 0]
    assert_years_add_up(est)


def with_fractions(response, data):
    """The response with thousandths added to its quantities and stated spend, so that annual costs
    and baselines have sub-penny parts to round."""
    thousandths = st.integers(0, 999).map(lambda n: D(n) / 1000)
    answers = {
        lot: {q: v + data.draw(thousandths) if isinstance(v, D) else v for q, v in values.items()}
        for lot, values in response.answers.items()
    }
    spend = {lot: v + data.draw(thousandths) for lot, v in response.current_spend.items()}
    return Response(response.partner_id, "cpsn", lots=response.lots, answers=answers, current_spend=spend)


notice_days = st.dates(date(2010, 1, 1), date(2017, 6, 30))
join_days = st.dates(date(2011, 1, 1), date(2019, 6, 30))


@generated.SETTINGS
@given(generated.response_sets(), st.data())
def test_years_add_up_to_the_term_for_any_demand_and_dates(responses, data):
    if data.draw(st.booleans()):
        responses = ResponseSet("cpsn", tuple(with_fractions(r, data) for r in responses.responses))
    present = [r.partner_id for r in responses.responses]
    notices = tuple(NoticeChange(partner_id, data.draw(notice_days)) for partner_id in present if data.draw(st.booleans()))
    scenario = Scenario("drawn", notices=notices, extension=data.draw(st.booleans()))
    assert_years_add_up(estimate(generated.CATALOGUE, responses, scenario))


@generated.SETTINGS
@given(
    generated.response_sets(),
    st.lists(st.sampled_from(["cambridge-city", "east-cambs", "peterborough"]), min_size=1, unique=True),
    st.data(),
)
def test_years_add_up_when_prospective_partners_join_on_any_day(responses, joiners, data):
    joining = []
    for partner_id in joiners:
        lots = data.draw(st.lists(st.sampled_from(generated.CATALOGUE.lots), min_size=1, max_size=3, unique_by=lambda lot: lot.id))
        joining.append(
            Response(
                partner_id,
                "cpsn",
                lots=tuple(lot.id for lot in lots),
                answers={lot.id: data.draw(generated.lot_answers(lot)) for lot in lots},
            )
        )
    scenario = Scenario(
        "join", with_partners=tuple(JoinChange(p, data.draw(join_days)) for p in joiners), extension=data.draw(st.booleans())
    )
    est = estimate(generated.CATALOGUE, ResponseSet("cpsn", responses.responses + tuple(joining)), scenario)
    assert_years_add_up(est)
    for p in est.partners:
        billed = [index for index, year in enumerate(p.years) if year.months]
        # connection charges fall in the year of the first billed month, and in no other
        assert [index for index, year in enumerate(p.years) if year.one_off] == ([billed[0]] if billed and p.one_off else [])
