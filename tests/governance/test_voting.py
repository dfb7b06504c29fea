"""Decisions under the agreement: a majority of those voting; declining a project suspends the vote on it."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from cpsn_builder.governance.records import GovernanceFile, ParticipationRecord
from cpsn_builder.governance.register import build_register
from cpsn_builder.governance.voting import VotingError, cast_vote, open_motion, tally

OPENS, CLOSES = datetime(2011, 1, 10, 9), datetime(2011, 1, 21, 17)
DURING, AFTER = datetime(2011, 1, 12, 10), datetime(2011, 2, 1)
MEMBERS = ["cambs-county", "cambs-fire", "fenland", "huntingdonshire", "south-cambs"]


@pytest.fixture
def register(catalogue, demo_responses):
    return build_register(catalogue, demo_responses)


def motion_with(register, votes, project="cpsn"):
    motion = open_motion("M-1", project, "Approve the statement of requirements.", OPENS, CLOSES, register)
    for partner, choice in votes:
        motion = cast_vote(motion, register, partner, choice, "officer", DURING)
    return motion


def test_more_for_than_against_among_those_voting_carries(register):
    result = tally(
        motion_with(register, [("cambs-county", "for"), ("fenland", "for"), ("south-cambs", "against"), ("huntingdonshire", "abstain")]),
        register,
        AFTER,
    )
    assert (result.votes_for, result.votes_against, result.abstentions) == (2, 1, 1)
    assert result.carried is True
    assert result.did_not_vote == ("cambs-fire",)
    assert result.eligible == tuple(MEMBERS)


def test_a_tie_is_not_carried(register):
    result = tally(motion_with(register, [("cambs-county", "for"), ("fenland", "against")]), register, AFTER)
    assert result.carried is False
    assert result.outcome.startswith("not carried: a tie")


def test_everyone_abstaining_carries_nothing(register):
    result = tally(motion_with(register, [(p, "abstain") for p in MEMBERS]), register, AFTER)
    assert result.abstentions == 5 and result.carried is False


def test_no_votes_at_all_is_not_carried(register):
    assert tally(motion_with(register, []), register, AFTER).carried is False


def test_nobody_eligible(catalogue, demo_responses):
    records = GovernanceFile(
        participation=[ParticipationRecord(partner=p, project="tell-us-once", declined_on=date(2010, 1, 1)) for p in MEMBERS]
    )
    register = build_register(catalogue, demo_responses, records)
    motion = open_motion("M-2", "tell-us-once", "Adopt Tell Us Once.", OPENS, CLOSES, register)
    with pytest.raises(VotingError, match="declined the project on 1 January 2010"):
        cast_vote(motion, register, "fenland", "for", "officer", DURING)
    result = tally(motion, register, AFTER)
    assert result.eligible == () and result.carried is False
    assert result.outcome == "not carried: no partner was eligible to vote"


def test_a_partner_that_declines_while_the_motion_is_open(catalogue, demo_responses):
    before = build_register(catalogue, demo_responses)
    motion = motion_with(before, [("cambs-fire", "against"), ("cambs-county", "for"), ("fenland", "for"), ("huntingdonshire", "against")])
    assert tally(motion, before, AFTER).carried is False  # 2 for, 2 against: a tie
    # the fire service declines the project on 15 January, while the motion is open
    records = GovernanceFile(participation=[ParticipationRecord(partner="cambs-fire", project="cpsn", declined_on=date(2011, 1, 15))])
    after = build_register(catalogue, demo_responses, records)
    with pytest.raises(VotingError, match="declined the project on 15 January 2011"):
        cast_vote(motion, after, "cambs-fire", "for", "officer", datetime(2011, 1, 16))
    result = tally(motion, after, AFTER)
    fire = next(c for c in result.votes if c.vote.partner_id == "cambs-fire")
    assert fire.counted is False
    assert "declined the project on 15 January 2011" in fire.reason
    assert len(result.votes) == 4  # the vote stays in the record
    assert "cambs-fire" not in result.eligible
    assert (result.votes_for, result.votes_against, result.carried) == (2, 1, True)
    # declining one project leaves the vote on others untouched
    assert after.takes_part("cambs-fire", "tell-us-once", date(2011, 1, 16))


def test_the_tie_a_discounted_vote_breaks(catalogue, demo_responses):
    register = build_register(catalogue, demo_responses)
    motion = motion_with(register, [("cambs-fire", "for"), ("cambs-county", "for"), ("fenland", "against"), ("huntingdonshire", "against")])
    assert tally(motion, register, AFTER).carried is False


def test_a_closed_motion_cannot_change(register):
    motion = motion_with(register, [("cambs-county", "for")])
    with pytest.raises(VotingError, match="is closed"):
        cast_vote(motion, register, "fenland", "against", "officer", AFTER)
    with pytest.raises(VotingError, match="not yet open"):
        cast_vote(motion, register, "fenland", "against", "officer", datetime(2011, 1, 1))


def test_one_vote_per_partner(register):
    motion = motion_with(register, [("cambs-county", "for")])
    with pytest.raises(VotingError, match="already voted"):
        cast_vote(motion, register, "cambs-county", "against", "another officer", DURING)


def test_prospective_and_declined_partners_cannot_vote(register):
    motion = motion_with(register, [])
    with pytest.raises(VotingError, match="not yet a member"):
        cast_vote(motion, register, "cambridge-city", "for", "officer", DURING)
    with pytest.raises(VotingError, match="declined the project"):
        cast_vote(motion, register, "east-cambs", "for", "officer", DURING)


def test_an_open_motion_has_no_result_yet(register):
    result = tally(motion_with(register, [("cambs-county", "for")]), register, DURING)
    assert result.state == "open" and result.carried is None


def test_notice_expiry_ends_the_vote(catalogue, demo_responses):
    register = build_register(catalogue, demo_responses)
    # South Cambridgeshire's notice (30 September 2013) expires on 30 September 2015
    assert register.takes_part("south-cambs", "cpsn", date(2015, 9, 30))
    assert not register.takes_part("south-cambs", "cpsn", date(2015, 10, 1))
