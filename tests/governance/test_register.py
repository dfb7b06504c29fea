"""Who is a member and who takes part in which project on a given day, and what each agreed to pay."""

from datetime import date
from decimal import Decimal as D

from cpsn_builder.governance.records import GovernanceFile, ParticipationRecord
from cpsn_builder.governance.register import Position, Register, build_register


def test_membership_runs_from_joining_to_the_day_notice_expires(catalogue, demo_responses):
    register = build_register(catalogue, demo_responses)
    # members since 1 June 2010; South Cambridgeshire's notice (30 September 2013) expires on 30 September 2015
    assert [register.member_on("fenland", d) for d in (date(2010, 5, 31), date(2010, 6, 1))] == [False, True]
    assert [register.member_on("south-cambs", d) for d in (date(2015, 9, 30), date(2015, 10, 1))] == [True, False]
    assert register.leaves("south-cambs") == date(2015, 9, 30) and register.leaves("fenland") is None
    # prospective partners and unknown ones are not members
    assert not register.member_on("cambridge-city", date(2020, 1, 1))
    assert not register.member_on("atlantis", date(2012, 1, 1)) and register.leaves("atlantis") is None


def test_notice_given_on_another_day_moves_the_end_of_membership(catalogue):
    register = Register(catalogue, notice_overrides={"fenland": date(2013, 1, 31)})
    assert register.leaves("fenland") == date(2015, 1, 31)
    assert [register.member_on("fenland", d) for d in (date(2015, 1, 31), date(2015, 2, 1))] == [True, False]


def test_positions_from_the_responses(catalogue, demo_responses):
    register = build_register(catalogue, demo_responses)
    assert register.position("east-cambs", "cpsn") == Position(declined_always=True)
    assert register.position("fenland", "cpsn") == Position(max_contribution=D(20000))
    assert register.max_contribution("fenland", "cpsn") == D(20000)
    # no response, or no record for the project: it takes part, and nothing can be charged
    assert register.position("peterborough", "cpsn") == Position()
    assert register.max_contribution("fenland", "tell-us-once") == D(0)
    assert register.takes_part("fenland", "tell-us-once", date(2012, 1, 1))


def test_a_record_adds_to_what_the_response_said(catalogue, demo_responses):
    records = GovernanceFile(
        participation=[
            ParticipationRecord(partner="fenland", project="cpsn", declined_on=date(2012, 5, 1)),
            ParticipationRecord(partner="east-cambs", project="cpsn", max_contribution=D(1000)),
            ParticipationRecord(partner="huntingdonshire", project="cpsn", max_contribution=D(7000)),
        ]
    )
    register = build_register(catalogue, demo_responses, records)
    # Fenland declines from 1 May 2012 and keeps the maximum its response agreed
    assert register.position("fenland", "cpsn") == Position(declined_on=date(2012, 5, 1), max_contribution=D(20000))
    assert [register.takes_part("fenland", "cpsn", d) for d in (date(2012, 4, 30), date(2012, 5, 1))] == [True, False]
    # a response that declined stays declined
    assert register.position("east-cambs", "cpsn") == Position(declined_always=True, max_contribution=D(1000))
    # a record's maximum replaces the response's
    assert register.max_contribution("huntingdonshire", "cpsn") == D(7000)


def test_eligible_voters_in_catalogue_order(catalogue, demo_responses):
    from datetime import datetime

    register = build_register(catalogue, demo_responses)
    assert register.eligible_voters("cpsn", datetime(2015, 10, 1)) == ["cambs-county", "cambs-fire", "fenland", "huntingdonshire"]
    assert build_register(catalogue, None).eligible_voters("cpsn", datetime(2012, 1, 1)) == [
        "cambs-county",
        "cambs-fire",
        "fenland",
        "huntingdonshire",
        "south-cambs",
    ]
