"""Rule 8: exact arithmetic, figures rounded to the penny once, totals summing the rounded parts."""

from decimal import Decimal as D

from cpsn_builder.engine import estimate
from cpsn_builder.responses.models import Response, ResponseSet


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


def test_sub_penny_prices_round_half_up_and_the_difference_is_shown(catalogue):
    est = estimate(catalogue, ResponseSet("cpsn", (telephony("fenland", 12_345), telephony("huntingdonshire", 1))))
    line = next(line for line in est.lot("telephony").lines if line.line_id == "uk_call_minute")
    assert line.unit_price == D("0.015")
    fenland, hunts = line.partners
    assert fenland.annual_cost == D("185.18")  # 185.175 rounds half up
    assert fenland.term_cost == D("925.88")  # 925.875 over 60 months
    assert hunts.annual_cost == D("0.02")  # 0.015
    assert hunts.term_cost == D("0.08")  # 0.075
    assert est.totals.contract_value == D("925.96")  # the sum of the rounded parts shown
    assert est.rounding.contract_value_exact == D("925.950")
    assert est.rounding.difference == D("0.010")
