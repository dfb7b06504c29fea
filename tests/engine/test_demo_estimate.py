"""The demo data: what a newcomer sees first, and the sums behind every total."""

from decimal import Decimal as D


def test_demo_lands_in_the_region_of_the_envelope(demo_estimate):
    # The seed report speaks of a procurement "in the region of £40m".
    assert D(30_000_000) < demo_estimate.totals.contract_value < D(40_000_000)
    assert demo_estimate.envelope.within


def test_every_total_is_the_sum_of_its_parts(demo_estimate):
    est = demo_estimate
    for lot in est.lots:
        for line in lot.lines:
            assert line.annual_cost == sum(p.annual_cost for p in line.partners)
            assert line.term_cost == sum(p.term_cost for p in line.partners)
            assert line.quantity == sum(p.quantity for p in line.partners)
        assert lot.annual_cost == sum(line.annual_cost for line in lot.lines) == sum(p.annual_cost for p in lot.partners)
        assert lot.term_cost == sum(line.term_cost for line in lot.lines)
        assert lot.annual_saving == sum(p.annual_saving for p in lot.partners)
        for p in lot.partners:
            assert p.annual_saving == p.baseline - p.annual_cost
    assert est.totals.contract_value == sum(p.term_cost for p in est.partners) == sum(lot.term_cost for lot in est.lots)
    assert est.totals.annual_saving == sum(p.annual_saving for p in est.partners)
    assert est.envelope.headroom == est.envelope.envelope - est.totals.contract_value


def test_money_is_in_pence(demo_estimate):
    for p in demo_estimate.partners:
        for amount in (p.annual_cost, p.term_cost, p.baseline, p.annual_saving):
            assert amount == amount.quantize(D("0.01"))


def test_who_is_in_and_why_the_others_are_not(demo_estimate):
    reasons = {x.partner_id: x.reason for x in demo_estimate.excluded}
    assert reasons == {
        "cambridge-city": "prospective partner, not yet a member (add it in a scenario)",
        "east-cambs": "declined the project",
        "peterborough": "no response",
    }
    south = demo_estimate.partner("south-cambs")
    assert south.status == "withdrawing" and south.months_billed == 42


def test_unchosen_lots_are_named(demo_estimate, catalogue):
    assert {lot.lot_id for lot in demo_estimate.lots} | set(demo_estimate.unchosen_lots) == {lot.id for lot in catalogue.lots}
