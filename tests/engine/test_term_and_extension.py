"""The term an estimate covers, and the optional extension years (worked example: 5 years from
1 April 2012, with 2 extension years available)."""

from datetime import date
from decimal import Decimal as D

import pytest

from catalogue_builder import PROGRAMME, WORKED_RESPONSES, load_case
from cpsn_builder.engine import Scenario, estimate, parse_scenario
from cpsn_builder.engine.models import Term


@pytest.fixture
def worked(tmp_path):
    return load_case(tmp_path, WORKED_RESPONSES)


def test_the_base_term_is_sixty_months_without_the_extension(worked):
    est = estimate(*worked)
    assert est.term == Term(start=date(2012, 4, 1), end=date(2017, 3, 31), months=60, years=5, extension_included=False)


def test_the_extension_adds_its_years_to_the_term(worked):
    est = estimate(*worked, Scenario("with extension", extension=True))
    assert est.term == Term(start=date(2012, 4, 1), end=date(2019, 3, 31), months=84, years=7, extension_included=True)


def test_the_extension_bills_members_for_the_extra_years(worked):
    est = estimate(*worked, Scenario("with extension", extension=True))
    a, b = est.partner("a"), est.partner("b")
    # A: 900,000 a year for 84 months + 375,000 one-off; its baseline over 7 years is 8,050,000
    assert (a.months_billed, a.term_cost, a.term_saving) == (84, D("6675000.00"), D("1375000.00"))
    # B's notice still expires in March 2015: 36 months, as in the base case
    assert (b.months_billed, b.term_cost) == (36, D("492000.00"))
    assert est.totals.contract_value == D("7167000.00")
    assert est.envelope.utilisation_percent == D("17.9175")


def test_the_extension_scenario_as_written_on_the_command_line(worked):
    scenario = parse_scenario("extension")
    assert scenario.extension and scenario.name == "with the extension years"
    assert estimate(*worked, scenario).term.months == 84


def test_other_scenarios_leave_the_extension_out(worked):
    scenario = parse_scenario("without:b")
    assert scenario.extension is False
    assert estimate(*worked, scenario).term.months == 60


def test_a_project_with_no_extension_years_keeps_its_term(tmp_path):
    catalogue, responses = load_case(tmp_path, WORKED_RESPONSES, programme=PROGRAMME.replace("extension_years: 2", "extension_years: 0"))
    est = estimate(catalogue, responses, Scenario("with extension", extension=True))
    assert (est.term.months, est.term.end, est.partner("a").months_billed) == (60, date(2017, 3, 31), 60)


def test_a_term_starting_mid_month_bills_whole_calendar_months(tmp_path):
    # From 15 April 2012 for 5 years: the term ends on 14 April 2017; A is billed the 60 months April 2012 .. March 2017
    catalogue, responses = load_case(tmp_path, WORKED_RESPONSES, programme=PROGRAMME.replace("2012-04-01", "2012-04-15"))
    est = estimate(catalogue, responses)
    assert (est.term.start, est.term.end, est.term.months) == (date(2012, 4, 15), date(2017, 4, 14), 60)
    assert est.partner("a").months_billed == 60
