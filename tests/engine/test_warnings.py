"""The estimate's warnings and its position against the envelope, at and either side of the line.

Worked example: contract value £5,367,000 (A £4,875,000, B £492,000).
"""

from datetime import date
from decimal import Decimal as D


from catalogue_builder import PROGRAMME, WORKED_RESPONSES, load_case
from cpsn_builder.engine import JoinChange, NoticeChange, Scenario, estimate
from cpsn_builder.engine.models import EnvelopePosition


def with_envelope(tmp_path, envelope):
    return load_case(tmp_path, WORKED_RESPONSES, programme=PROGRAMME.replace("envelope: 40000000", f"envelope: {envelope}"))


def test_within_the_envelope_there_is_no_warning(tmp_path):
    est = estimate(*with_envelope(tmp_path, 40000000))
    assert est.envelope.within and est.warnings == ()


def test_exactly_on_the_envelope_is_within_it(tmp_path):
    est = estimate(*with_envelope(tmp_path, 5367000))
    assert est.envelope == EnvelopePosition(D(5367000), D(5367000), D(0), D("100.0000"), True)
    assert est.warnings == ()


def test_an_overrun_is_shown_and_warned_of(tmp_path):
    est = estimate(*with_envelope(tmp_path, 5000000))
    # 5,367,000 / 5,000,000 = 107.34%
    assert est.envelope == EnvelopePosition(D(5000000), D(5367000), D(-367000), D("107.3400"), False)
    assert est.warnings == ("The contract value £5,367,000.00 exceeds the envelope £5,000,000.00 by £367,000.00.",)


def test_a_penny_over_is_an_overrun(tmp_path):
    est = estimate(*with_envelope(tmp_path, "5366999.99"))
    assert not est.envelope.within and est.envelope.headroom == D("-0.01")
    assert est.warnings == ("The contract value £5,367,000.00 exceeds the envelope £5,366,999.99 by £0.01.",)


def test_no_envelope_money_means_the_whole_value_is_an_overrun(tmp_path):
    est = estimate(*with_envelope(tmp_path, 0))
    assert est.envelope == EnvelopePosition(D(0), D(5367000), D(-5367000), D(0), False)


def test_the_sensitivity_cases_have_their_own_envelope_position(tmp_path):
    # high case: 7,011,000 against 6,000,000; the central case is within, so only the high case shows the overrun
    est = estimate(*with_envelope(tmp_path, 6000000))
    low, central, high = est.sensitivity
    assert low.envelope == EnvelopePosition(D(6000000), D(4271000), D(1729000), D("71.1833"), True)
    assert central.envelope == est.envelope == EnvelopePosition(D(6000000), D(5367000), D(633000), D("89.4500"), True)
    assert high.envelope == EnvelopePosition(D(6000000), D(7011000), D(-1011000), D("116.8500"), False)
    assert est.warnings == ()


def test_a_partner_whose_notice_expires_before_the_term_is_never_billed(tmp_path):
    # notice on 1 January 2010 expires on 1 January 2012, before the term starts on 1 April 2012
    est = estimate(*load_case(tmp_path, WORKED_RESPONSES), Scenario("B gone", notices=(NoticeChange("b", date(2010, 1, 1)),)))
    b = est.partner("b")
    assert (b.months_billed, b.leaves, b.status) == (0, date(2012, 1, 1), "withdrawing")
    # its circuits still count towards the tier (290: £3,600), but no connection charge and no term cost
    assert est.lot("wan").lines[0].unit_price == D(3600)
    assert (b.annual_cost, b.one_off, b.term_cost) == (D(144000), D(0), D(0))
    assert est.lot("wan").lines[0].partners[1].one_off == D(0)
    assert est.totals.contract_value == D(4875000)
    assert est.warnings == (
        "District B is never billed in the term (membership start to 2012-01-01), yet its demand counts towards the price tiers.",
    )


def test_a_partner_joining_after_the_term_is_never_billed(tmp_path):
    est = estimate(*load_case(tmp_path, WORKED_RESPONSES), Scenario("C late", with_partners=(JoinChange("c", date(2017, 4, 1)),)))
    c = est.partner("c")
    assert (c.months_billed, c.joins, c.one_off, c.term_cost) == (0, date(2017, 4, 1), D(0), D(0))
    # 305 circuits: everyone else is priced at £3,000
    assert est.partner("a").annual_cost == D(750000)
    assert est.warnings == (
        "Prospective C is never billed in the term (membership 2017-04-01 to end), yet its demand counts towards the price tiers.",
    )


def test_an_overrun_and_a_partner_never_billed_are_both_warned_of(tmp_path):
    est = estimate(*with_envelope(tmp_path, 4000000), Scenario("B gone", notices=(NoticeChange("b", date(2010, 1, 1)),)))
    assert est.warnings == (
        "The contract value £4,875,000.00 exceeds the envelope £4,000,000.00 by £875,000.00.",
        "District B is never billed in the term (membership start to 2012-01-01), yet its demand counts towards the price tiers.",
    )
