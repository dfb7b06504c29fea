"""Who is in an estimate (rule 1) and from when to when they are billed (rule 5), base case and scenarios."""

from datetime import date
from decimal import Decimal as D

import pytest

from catalogue_builder import PROGRAMME, WAN_TWO_LINES, load_case
from cpsn_builder.engine import JoinChange, NoticeChange, Scenario, ScenarioError, estimate

PARTNERS = """\
partners:
  - {id: a, name: County A, short_name: A, type: county, status: member}
  - {id: b, name: District B, short_name: B, type: district, status: withdrawing, notice_given: 2013-03-15}
  - {id: c, name: Prospective C, short_name: C, type: district, status: prospective, joined: 2013-06-01}
  - {id: d, name: Former D, short_name: D, type: district, status: withdrawn}
  - {id: e, name: District E, short_name: E, type: district, status: member, joined: 2013-04-02}
  - {id: f, name: District F, short_name: F, type: district, status: member}
  - {id: g, name: District G, short_name: G, type: district, status: member}
  - {id: h, name: District H, short_name: H, type: district, status: member}
  - {id: i, name: Prospective I, short_name: I, type: district, status: prospective}
"""


def wan(partner, circuits):
    return f"partner: {partner}\nproject: cpsn\nlots: [wan]\nanswers: {{wan: {{circuits: {circuits}}}}}\n"


RESPONSES = {
    "a.yml": wan("a", 100),
    "b.yml": wan("b", 40),
    "c.yml": wan("c", 15),
    "d.yml": wan("d", 5),
    "e.yml": wan("e", 10),
    "f.yml": "partner: f\nproject: cpsn\nlots: []\n",
    "g.yml": "partner: g\nproject: cpsn\ndeclined: true\n",
    # h and i sent nothing
}


@pytest.fixture
def case(tmp_path):
    return load_case(tmp_path, RESPONSES, partners=PARTNERS)


def billing(est):
    return {p.partner_id: (p.status, p.joins, p.leaves, p.months_billed) for p in est.partners}


def test_who_is_in_the_base_case_and_why_the_others_are_not(case):
    est = estimate(*case)
    assert billing(est) == {
        "a": ("member", None, None, 60),
        "b": ("withdrawing", None, date(2015, 3, 15), 36),  # April 2012 .. March 2015
        "e": ("member", date(2013, 4, 2), None, 47),  # joined on the 2nd: May 2013 .. March 2017
    }
    assert [(x.partner_id, x.name, x.reason) for x in est.excluded] == [
        ("c", "Prospective C", "prospective partner, not yet a member (add it in a scenario)"),
        ("d", "Former D", "withdrawn from the partnership"),
        ("f", "District F", "opted into no lots"),
        ("g", "District G", "declined the project"),
        ("h", "District H", "no response"),
        ("i", "Prospective I", "no response"),
    ]
    # 100 + 40 + 10: only the partners in the estimate count towards the tier
    assert est.lot("wan").lines[0].quantity == D(150)


def test_a_partner_left_out_says_so_whatever_else_is_true_of_it(case):
    est = estimate(*case, Scenario("S", without=("a", "g")))
    reasons = {x.partner_id: x.reason for x in est.excluded}
    # g also declined, but the scenario's reason is the one shown
    assert (reasons["a"], reasons["g"]) == ("left out in this scenario", "left out in this scenario")
    assert est.lot("wan").lines[0].quantity == D(50)


def test_a_prospective_partner_added_joins_on_its_expected_date(case):
    est = estimate(*case, Scenario("S", with_partners=(JoinChange("c"),)))
    # expected to join on 1 June 2013: billed June 2013 .. March 2017
    assert billing(est)["c"] == ("member", date(2013, 6, 1), None, 46)
    assert est.lot("wan").lines[0].quantity == D(165)


def test_a_join_date_in_the_scenario_wins(case):
    est = estimate(*case, Scenario("S", with_partners=(JoinChange("c", date(2014, 1, 1)),)))
    assert billing(est)["c"] == ("member", date(2014, 1, 1), None, 39)  # January 2014 .. March 2017


def test_notice_given_in_a_scenario(case):
    est = estimate(*case, Scenario("S", notices=(NoticeChange("a", date(2013, 1, 31)),)))
    rows = billing(est)
    # notice on 31 January 2013 expires on 31 January 2015: April 2012 .. January 2015
    assert rows["a"] == ("withdrawing", None, date(2015, 1, 31), 34)
    assert rows["b"] == ("withdrawing", None, date(2015, 3, 15), 36)
    assert rows["e"] == ("member", date(2013, 4, 2), None, 47)


def test_a_later_notice_in_a_scenario_replaces_the_one_on_record(case):
    est = estimate(*case, Scenario("S", notices=(NoticeChange("b", date(2014, 3, 15)),)))
    assert billing(est)["b"] == ("withdrawing", None, date(2016, 3, 15), 48)  # April 2012 .. March 2016


def test_the_programmes_notice_period_sets_when_notice_expires(tmp_path):
    programme = PROGRAMME.replace("projects:", "notice_period_months: 12\nprojects:")
    est = estimate(*load_case(tmp_path, RESPONSES, partners=PARTNERS, programme=programme))
    assert billing(est)["b"] == ("withdrawing", None, date(2014, 3, 15), 24)  # April 2012 .. March 2014


@pytest.mark.parametrize(
    ("scenario", "message"),
    [
        (Scenario("S", without=("zed",)), "scenario 'S': unknown partner 'zed' (known: a, b, c, d, e, f, g, h, i)"),
        (Scenario("S", with_partners=(JoinChange("zed"),)), "scenario 'S': unknown partner 'zed' (known: a, b, c, d, e, f, g, h, i)"),
        (
            Scenario("S", notices=(NoticeChange("zed", date(2013, 1, 1)),)),
            "scenario 'S': unknown partner 'zed' (known: a, b, c, d, e, f, g, h, i)",
        ),
        (
            Scenario("S", with_partners=(JoinChange("a"),)),
            "scenario 'S': 'a' is already a member partner; only prospective partners can be added",
        ),
        (
            Scenario("S", with_partners=(JoinChange("b"),)),
            "scenario 'S': 'b' is already a withdrawing partner; only prospective partners can be added",
        ),
        (
            Scenario("S", with_partners=(JoinChange("i"),)),
            "scenario 'S': there is no response from 'i', so its demand is unknown; add its response file first",
        ),
    ],
)
def test_a_scenario_that_cannot_apply_says_why(case, scenario, message):
    with pytest.raises(ScenarioError) as caught:
        estimate(*case, scenario)
    assert str(caught.value) == message


GIG = {
    "a.yml": """\
        partner: a
        project: cpsn
        lots: [wan]
        answers: {wan: {needs_gig: true, gig_circuits: 3, circuits: 100}}
    """,
    # B unticked "needs 1 Gbps" after answering the follow-up: the stale answer must not count
    "b.yml": """\
        partner: b
        project: cpsn
        lots: [wan]
        answers: {wan: {needs_gig: false, gig_circuits: 20, circuits: 40}}
    """,
}


def test_an_answer_to_a_question_that_does_not_apply_is_not_demand(tmp_path):
    est = estimate(*load_case(tmp_path, GIG, lots=(WAN_TWO_LINES,)))
    gig = est.lot("wan").lines[0]
    # only A's 3 circuits: tier 1-9 at £9,000
    assert (gig.quantity, gig.unit_price) == (D(3), D(9000))
    assert [(p.partner_id, p.quantity, p.annual_cost) for p in gig.partners] == [("a", D(3), D(27000)), ("b", D(0), D(0))]
    # B's derived baseline counts its 40 circuits only: 40 x 4,800
    assert est.lot("wan").partners[1].baseline == D(192000)


# A lot whose only quantity is a follow-up: a partner may opt in and leave the box unticked.
GIG_ONLY = """\
id: gig
title: 1 Gbps upgrades
order: 2
description: Optional upgrades.
framework_lot: RM3808 Lot 1
questions:
  - {id: needs_gig, type: checkbox, label: Needs 1 Gbps circuits}
  - {id: gig_circuits, type: number, label: 1 Gbps circuits, unit: circuits, max: 1000, depends: {question: needs_gig}}
service_lines:
  - id: gig_circuit
    title: 1 Gbps upgrade
    unit: circuit
    quantity: gig_circuits
    tiers:
      - {from: 1, price: 5000}
    connection_charge: 0
    low: 4000
    high: 6000
    baseline_price: 5500
requirements:
  - {id: GIG-001, priority: Should, text: "Upgrade {{ demand.gig_circuit | number }} circuits."}
"""


def test_a_lot_opted_into_without_any_answers_has_no_demand(tmp_path):
    from catalogue_builder import WAN_LOT

    responses = {"a.yml": "partner: a\nproject: cpsn\nlots: [wan, gig]\nanswers: {wan: {circuits: 100}}\n"}
    est = estimate(*load_case(tmp_path, responses, lots=(WAN_LOT, GIG_ONLY)))
    gig = est.lot("gig").lines[0]
    assert (gig.quantity, gig.unit_price, gig.annual_cost) == (D(0), None, D(0))
    assert est.partner("a").lots == ("wan", "gig")


def test_a_stale_answer_kept_in_the_database_is_not_demand(tmp_path):
    # A response file's loader drops an answer to a question that does not apply, but the web form
    # stores what it is given: B unticked "needs 1 Gbps" and its 20 circuits stayed in its record.
    from cpsn_builder.responses import ResponseSet
    from cpsn_builder.responses.conversion import from_stored
    from cpsn_builder.web.models import PartnerResponse

    catalogue, from_files = load_case(tmp_path, {"a.yml": GIG["a.yml"]}, lots=(WAN_TWO_LINES,))
    record = PartnerResponse(
        partner_id="b",
        project_id="cpsn",
        declined=False,
        lots=["wan"],
        answers={"wan": {"needs_gig": False, "gig_circuits": "20", "circuits": "40"}},
        current_spend={},
        sites=[],
    )
    responses = ResponseSet("cpsn", (from_files.for_partner("a"), from_stored(record, catalogue)))
    assert responses.for_partner("b").answers["wan"]["gig_circuits"] == D(20)
    gig = estimate(catalogue, responses).lot("wan").lines[0]
    assert (gig.quantity, gig.unit_price) == (D(3), D(9000))
    assert [(p.partner_id, p.quantity) for p in gig.partners] == [("a", D(3)), ("b", D(0))]
