"""Votes at the edges: the minute a motion opens and closes, the day notice expires, the day a
partner joins or declines, and every outcome as the record states it."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from catalogue_builder import load_case
from cpsn_builder.governance.records import GovernanceFile, MotionRecord, ParticipationRecord, VoteRecord
from cpsn_builder.governance.register import build_register
from cpsn_builder.governance.voting import Motion, Vote, VotingError, cast_vote, open_motion, tally

OPENS, CLOSES = datetime(2011, 1, 10, 9), datetime(2011, 1, 21, 17)
DURING, AFTER = datetime(2011, 1, 12, 10), datetime(2011, 2, 1)
SECOND = timedelta(seconds=1)
TEXT = "Approve the statement of requirements."


@pytest.fixture
def register(catalogue, demo_responses):
    return build_register(catalogue, demo_responses)


def motion(register, votes=(), opens=OPENS, closes=CLOSES, project="cpsn"):
    m = open_motion("M-1", project, TEXT, opens, closes, register)
    for partner, choice, at in votes:
        m = cast_vote(m, register, partner, choice, "officer", at)
    return m


def test_a_motion_is_open_from_the_minute_it_opens_until_the_minute_it_closes(register):
    m = motion(register)
    assert [m.state(t) for t in (OPENS - SECOND, OPENS, CLOSES - SECOND, CLOSES)] == ["not yet open", "open", "open", "closed"]


def test_a_vote_at_the_opening_minute_counts_and_one_at_the_closing_minute_is_refused(register):
    m = motion(register, [("fenland", "for", OPENS), ("cambs-county", "against", CLOSES - SECOND)])
    with pytest.raises(VotingError) as caught:
        cast_vote(m, register, "huntingdonshire", "for", "officer", CLOSES)
    assert str(caught.value) == "motion M-1 is closed: votes are taken from 10 January 2011 09:00 until 21 January 2011 17:00"
    with pytest.raises(VotingError) as caught:
        cast_vote(m, register, "huntingdonshire", "for", "officer", OPENS - SECOND)
    assert str(caught.value) == "motion M-1 is not yet open: votes are taken from 10 January 2011 09:00 until 21 January 2011 17:00"
    result = tally(m, register, CLOSES)
    assert (result.state, result.votes_for, result.votes_against, result.carried) == ("closed", 1, 1, False)


def test_a_motion_must_close_after_it_opens(register):
    for closes in (OPENS, OPENS - SECOND):
        with pytest.raises(VotingError) as caught:
            open_motion("M-1", "cpsn", TEXT, OPENS, closes, register)
        assert str(caught.value) == "the motion must close after it opens"
    assert open_motion("M-1", "cpsn", TEXT, OPENS, OPENS + SECOND, register).closes == OPENS + SECOND


def test_a_motion_needs_a_known_project_and_its_text(register):
    with pytest.raises(VotingError) as caught:
        open_motion("M-1", "atlantis", TEXT, OPENS, CLOSES, register)
    assert str(caught.value) == "unknown project 'atlantis'"
    with pytest.raises(VotingError) as caught:
        open_motion("M-1", "cpsn", "  \n ", OPENS, CLOSES, register)
    assert str(caught.value) == "the motion needs its text"
    m = open_motion("M-9", "tell-us-once", "  Adopt Tell Us Once.  ", OPENS, CLOSES, register)
    assert m == Motion("M-9", "tell-us-once", "Adopt Tell Us Once.", OPENS, CLOSES, ())


def test_a_vote_is_for_against_or_abstain(register):
    with pytest.raises(VotingError) as caught:
        cast_vote(motion(register), register, "fenland", "maybe", "officer", DURING)
    assert str(caught.value) == "'maybe' is not a vote: choose for, against or abstain"


def test_the_vote_is_recorded_with_who_cast_it_and_when(register):
    m = cast_vote(motion(register, [("fenland", "for", DURING)]), register, "cambs-county", "abstain", "Director", OPENS)
    assert m.votes == (Vote("fenland", "for", "officer", DURING), Vote("cambs-county", "abstain", "Director", OPENS))


@pytest.mark.parametrize(
    ("partner", "why"),
    [
        ("atlantis", "unknown partner 'atlantis' cannot vote on motion M-1: not a partner"),
        ("cambridge-city", "Cambridge City Council cannot vote on motion M-1: it is not yet a member of the partnership"),
        (
            "east-cambs",
            "East Cambridgeshire District Council cannot vote on motion M-1: it declined the project, so its voting rights on it are suspended",
        ),
    ],
)
def test_who_cannot_vote_and_why(register, partner, why):
    with pytest.raises(VotingError) as caught:
        cast_vote(motion(register), register, partner, "for", "officer", DURING)
    assert str(caught.value) == why


def test_one_vote_per_partner_says_so(register):
    with pytest.raises(VotingError) as caught:
        cast_vote(motion(register, [("fenland", "for", DURING)]), register, "fenland", "against", "another officer", DURING)
    assert str(caught.value) == "Fenland District Council has already voted on motion M-1: one vote per partner"


def test_the_outcome_as_the_record_states_it(register):
    def outcome(votes, now=AFTER):
        return tally(motion(register, [(p, c, DURING) for p, c in votes]), register, now).outcome

    assert (
        outcome([("fenland", "for"), ("cambs-county", "for"), ("south-cambs", "against"), ("huntingdonshire", "abstain")])
        == "carried: 2 for, 1 against, 1 abstaining"
    )
    assert (
        outcome([("fenland", "for"), ("cambs-county", "against"), ("south-cambs", "against")])
        == "not carried: 1 for, 2 against, 0 abstaining"
    )
    assert (
        outcome([("fenland", "for"), ("cambs-county", "against"), ("south-cambs", "abstain")]) == "not carried: a tie, 1 for and 1 against"
    )
    assert outcome([("fenland", "abstain")]) == "not carried: a tie, 0 for and 0 against"
    assert outcome([("fenland", "for")], now=DURING) == "open: 1 for, 0 against, 0 abstaining so far"
    assert outcome([], now=OPENS - SECOND) == "not yet open: 0 for, 0 against, 0 abstaining so far"


def test_the_result_of_a_closed_motion_is_as_at_its_close(register):
    result = tally(motion(register, [("fenland", "for", DURING), ("huntingdonshire", "against", DURING)]), register, AFTER)
    assert (result.state, result.as_at) == ("closed", CLOSES)
    assert result.did_not_vote == ("cambs-county", "cambs-fire", "south-cambs")
    assert [(c.vote.partner_id, c.counted, c.reason) for c in result.votes] == [("fenland", True, None), ("huntingdonshire", True, None)]
    during = tally(motion(register), register, DURING)
    assert (during.state, during.as_at, during.carried) == ("open", DURING, None)
    early = tally(motion(register), register, OPENS - SECOND)
    assert (early.state, early.as_at, early.carried) == ("not yet open", OPENS - SECOND, None)


def test_a_partner_that_declines_on_the_closing_day_loses_its_vote(catalogue, demo_responses):
    m = motion(
        build_register(catalogue, demo_responses),
        [("fenland", "for", DURING), ("cambs-county", "against", DURING), ("huntingdonshire", "for", DURING)],
    )
    records = GovernanceFile(participation=[ParticipationRecord(partner="fenland", project="cpsn", declined_on=CLOSES.date())])
    after = build_register(catalogue, demo_responses, records)
    result = tally(m, after, AFTER)
    fenland = result.votes[0]
    assert (fenland.counted, fenland.reason) == (
        False,
        "it declined the project on 21 January 2011, so its voting rights on it are suspended",
    )
    assert (result.votes_for, result.votes_against, result.carried) == (1, 1, False)
    # declining the day after the close changes nothing
    later = build_register(
        catalogue,
        demo_responses,
        GovernanceFile(
            participation=[ParticipationRecord(partner="fenland", project="cpsn", declined_on=CLOSES.date() + timedelta(days=1))]
        ),
    )
    assert tally(m, later, AFTER).carried is True


def test_a_partner_cannot_vote_on_the_day_it_declines(catalogue, demo_responses):
    records = GovernanceFile(participation=[ParticipationRecord(partner="fenland", project="cpsn", declined_on=date(2011, 1, 12))])
    register = build_register(catalogue, demo_responses, records)
    m = motion(register, [("fenland", "for", datetime(2011, 1, 11, 23, 59))])
    with pytest.raises(VotingError) as caught:
        cast_vote(m, register, "fenland", "against", "officer", datetime(2011, 1, 12, 0, 1))
    assert "it declined the project on 12 January 2011" in str(caught.value)


# A small partnership: B's notice (15 March 2013) expires on 15 March 2015; E joins on 2 April 2013; D has withdrawn.
PARTNERS = """\
partners:
  - {id: a, name: County A, short_name: A, type: county, status: member}
  - {id: b, name: District B, short_name: B, type: district, status: withdrawing, notice_given: 2013-03-15}
  - {id: d, name: Former D, short_name: D, type: district, status: withdrawn}
  - {id: e, name: District E, short_name: E, type: district, status: member, joined: 2013-04-02}
"""


@pytest.fixture
def small(tmp_path):
    catalogue, responses = load_case(
        tmp_path, {"a.yml": "partner: a\nproject: cpsn\nlots: [wan]\nanswers: {wan: {circuits: 1}}\n"}, partners=PARTNERS
    )
    return build_register(catalogue, responses)


def test_a_partner_votes_on_the_day_its_notice_expires_and_not_after(small):
    m = motion(small, [("b", "against", datetime(2015, 3, 15, 16))], opens=datetime(2015, 3, 10), closes=datetime(2015, 3, 20))
    fresh = motion(small, opens=datetime(2015, 3, 10), closes=datetime(2015, 3, 20))
    with pytest.raises(VotingError) as caught:
        cast_vote(fresh, small, "b", "for", "officer", datetime(2015, 3, 16))
    assert str(caught.value) == "District B cannot vote on motion M-1: its notice expired on 15 March 2015"
    # at the close B is no longer a member: its vote stays in the record, not counted
    result = tally(m, small, datetime(2015, 4, 1))
    assert result.eligible == ("a", "e")
    assert [(c.counted, c.reason) for c in result.votes] == [(False, "its notice expired on 15 March 2015")]
    assert (result.votes_against, result.carried) == (0, False)


def test_a_partner_votes_from_the_day_it_joins(small):
    opens, closes = datetime(2013, 4, 1, 9), datetime(2013, 4, 5, 17)
    with pytest.raises(VotingError) as caught:
        motion(small, [("e", "for", datetime(2013, 4, 1, 23, 59))], opens=opens, closes=closes)
    assert str(caught.value) == "District E cannot vote on motion M-1: it joins the partnership on 2 April 2013"
    m = motion(small, [("e", "for", datetime(2013, 4, 2, 0, 0))], opens=opens, closes=closes)
    result = tally(m, small, closes)
    assert result.eligible == ("a", "b", "e") and result.carried is True


def test_a_withdrawn_partner_cannot_vote(small):
    with pytest.raises(VotingError) as caught:
        motion(small, [("d", "for", DURING)])
    assert str(caught.value) == "Former D cannot vote on motion M-1: it has withdrawn from the partnership"


def test_a_motion_from_the_governance_file():
    record = MotionRecord(
        id="M-7",
        project="cpsn",
        text=TEXT,
        opens=OPENS,
        closes=CLOSES,
        votes=[VoteRecord(partner="fenland", choice="against", officer="ICT Manager", cast_at=DURING)],
    )
    assert Motion.from_record(record) == Motion("M-7", "cpsn", TEXT, OPENS, CLOSES, (Vote("fenland", "against", "ICT Manager", DURING),))
