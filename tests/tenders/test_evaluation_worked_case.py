"""The case worked by hand in tests/tenders/worked_case.py: every score and the tendered savings to the penny."""

from __future__ import annotations

from decimal import Decimal

import pytest
from worked_case import BIDS, MODERATED, load, marks

from cpsn_builder.tenders.award import AwardProblems, award_problems, default_award, recommend
from cpsn_builder.tenders.evaluation import evaluate
from cpsn_builder.tenders.models import Award, FlagResolution

D = Decimal


@pytest.fixture
def case(tmp_path):
    catalogue, responses = load(tmp_path)
    return catalogue, responses, evaluate(catalogue, responses, BIDS, marks())


def test_evaluated_prices_are_the_estimate_at_each_bids_prices(case):
    _, _, evaluation = case
    wan, internet = evaluation.lot("wan"), evaluation.lot("internet")
    # The estimate at the catalogue's prices: WAN 3,600 a circuit (110 circuits, the 100-and-over tier),
    # A 60 x 3,600 x 60/12 + 60 x 1,500 = 1,170,000; B 50 x 3,600 x 48/12 + 50 x 1,500 = 795,000.
    assert wan.estimate == D("1965000.00")
    # Internet 10,000 a gateway: A 2 x 10,000 x 5 = 100,000; B 1 x 10,000 x 4 = 40,000.
    assert internet.estimate == D("140000.00")
    prices = {(t.bidder, lot.lot_id): t.evaluated_price for lot in evaluation.lots for t in lot.tenders}
    assert prices == {
        # A 60 x 3,400 x 5 + 90,000 = 1,110,000; B 50 x 3,400 x 4 + 75,000 = 755,000
        ("Anglia Networks", "wan"): D("1865000.00"),
        # A 60 x 2,200 x 5 + 30,000 = 690,000; B 50 x 2,200 x 4 + 25,000 = 465,000
        ("Breckland Data", "wan"): D("1155000.00"),
        # A 60 x 3,389 x 5 + 93,000 = 1,109,700; B 50 x 3,389 x 4 + 77,500 = 755,300
        ("Cam Telecom", "wan"): D("1865000.00"),
        ("Anglia Networks", "internet"): D("126000.00"),  # 2 x 9,000 x 5 + 1 x 9,000 x 4
        ("Cam Telecom", "internet"): D("112000.00"),  # 2 x 8,000 x 5 + 1 x 8,000 x 4
    }
    values = {b.bidder: b.tendered_contract_value for b in evaluation.bids}
    assert values == {"Anglia Networks": D("1991000.00"), "Breckland Data": D("1155000.00"), "Cam Telecom": D("1977000.00")}


def test_scores_ranks_and_the_tie(case):
    _, _, evaluation = case
    wan = evaluation.lot("wan")
    rows = [(t.bidder, t.price_score, t.quality_score, t.total, t.rank) for t in wan.tenders]
    # Lowest compliant price 1,155,000 scores 40; 1,155,000 / 1,865,000 x 40 = 24.772... -> 24.77.
    # Quality (4, 3, 3, 3, 3, 2): 20 + 9 + 7.5 + 6 + 3.75 + 2.5 = 48.75; (2, 2, 2, 2, 1, 1): 10 + 6 + 5 + 4 + 1.25 + 1.25.
    assert rows == [
        ("Anglia Networks", D("24.77"), D("48.75"), D("73.52"), 1),
        ("Cam Telecom", D("24.77"), D("48.75"), D("73.52"), 1),
        ("Breckland Data", D("40.00"), D("27.50"), D("67.50"), 3),
    ]
    assert wan.leader is None and wan.tied == ("Anglia Networks", "Cam Telecom")
    internet = evaluation.lot("internet")
    anglia, cam = internet.tenders
    assert (anglia.bidder, anglia.price_score, anglia.quality_score, anglia.total, anglia.rank) == (
        "Anglia Networks",
        D("40.00"),
        D("42.50"),
        D("82.50"),
        1,
    )
    # Cam's lower price scores nothing: a mark below a criterion's minimum makes the tender non-compliant.
    assert (cam.bidder, cam.compliant, cam.price_score, cam.rank) == ("Cam Telecom", False, D("0.00"), None)
    assert cam.reasons == ("Q1 Technical solution scored 1, below the minimum of 2.",)
    assert cam.quality_score == D("32.50")
    assert internet.leader == "Anglia Networks"


def test_the_abnormally_low_bid_is_flagged_not_excluded(case):
    _, _, evaluation = case
    assert [(f.kind, f.bidder, f.lot_id) for f in evaluation.flags] == [("abnormally_low", "Breckland Data", "wan")]
    # 1,965,000 - 1,155,000 = 810,000, 41.2% of the estimate.
    assert "41.2% below the estimate of £1,965,000.00" in evaluation.flags[0].message
    assert evaluation.lot("wan").tender("Breckland Data").rank == 3


def test_the_award_waits_for_the_tie_and_the_flag(case):
    _, _, evaluation = case
    proposed = default_award(evaluation)
    assert proposed.choices == (("internet", "Anglia Networks", "The highest total score, 82.50 of 100, of the only compliant tender."),)
    problems = award_problems(evaluation, proposed)
    assert problems == [
        "Wide area network: Anglia Networks and Cam Telecom are tied on total and quality score; choose one and say why.",
        "Say how this flag was resolved: " + evaluation.flags[0].message,
    ]


def _award():
    return Award(
        choices=(
            ("wan", "Anglia Networks", "Tied with Cam Telecom; Anglia's transition plan carries less risk."),
            ("internet", "Anglia Networks", "The only compliant tender."),
        ),
        resolutions=(FlagResolution("abnormally_low", "Breckland Data", "wan", None, "Prices explained; not the recommended bid."),),
    )


def test_tendered_savings_per_partner_to_the_penny(case):
    catalogue, responses, evaluation = case
    recommendation = recommend(evaluation, _award(), catalogue, responses)
    tendered = recommendation.tendered
    assert recommendation.tendered_contract_value == D("1991000.00") == tendered.totals.contract_value
    assert recommendation.awarded == (("wan", "Anglia Networks"), ("internet", "Anglia Networks"))
    assert recommendation.unawarded == ()
    a, b = tendered.partners
    # Baselines from the catalogue's baseline prices: A 60 x 4,800 + 2 x 12,000 = 312,000 a year;
    # B 50 x 4,800 + 12,000 = 252,000.
    assert (a.annual_cost, a.baseline, a.annual_saving) == (D("222000.00"), D("312000.00"), D("90000.00"))
    assert (a.term_cost, a.term_saving) == (D("1200000.00"), D("360000.00"))  # 312,000 x 5 - 1,200,000
    assert (b.annual_cost, b.annual_saving) == (D("179000.00"), D("73000.00"))
    assert (b.months_billed, b.term_cost, b.term_saving) == (48, D("791000.00"), D("217000.00"))  # 252,000 x 4 - 791,000
    assert tendered.totals.term_saving == D("577000.00")
    for partner in tendered.partners:
        assert sum(year.cost for year in partner.years) == partner.term_cost
        assert sum(year.saving for year in partner.years) == partner.term_saving


def test_an_award_with_problems_is_refused(case):
    catalogue, responses, evaluation = case
    with pytest.raises(AwardProblems) as refused:
        recommend(evaluation, Award(choices=(("internet", "Cam Telecom", "Cheapest."),), resolutions=()), catalogue, responses)
    assert (
        "Internet access: Cam Telecom's tender is not compliant (Q1 Technical solution scored 1, below the minimum of 2.)."
        in refused.value.problems
    )


def test_a_tender_not_yet_moderated_is_neither_scored_nor_awardable(tmp_path):
    catalogue, responses = load(tmp_path)
    partial = {key: value for key, value in MODERATED.items() if key != ("Cam Telecom", "wan")}
    evaluation = evaluate(catalogue, responses, BIDS, marks(partial))
    cam = evaluation.lot("wan").tender("Cam Telecom")
    assert not cam.scored and cam.rank is None and cam.reasons[0].startswith("Not yet moderated: Q1 Technical solution")
    # With Cam out of the ranking Anglia leads, but no award is proposed until every tender is moderated.
    assert evaluation.lot("wan").leader == "Anglia Networks"
    assert [c[0] for c in default_award(evaluation).choices] == ["internet"]
    assert "Wide area network: moderate every criterion of Cam Telecom's tender before the award." in award_problems(evaluation, _award())
