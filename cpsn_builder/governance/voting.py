"""Motions and votes under the partnership agreement.

A project's decisions are a majority of the members taking part in the vote: carried when more
vote for than against; abstentions and members who do not vote do not count; a tie is not
carried. A partner that declines the project has no vote on it, from the day it declines.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Literal

from .records import Choice, MotionRecord
from .register import Register

MotionState = Literal["not yet open", "open", "closed"]


class VotingError(ValueError):
    """A vote the agreement does not allow; the message says why."""


@dataclass(frozen=True)
class Vote:
    partner_id: str
    choice: Choice
    officer: str
    cast_at: datetime


@dataclass(frozen=True)
class Motion:
    id: str
    project_id: str
    text: str
    opens: datetime
    closes: datetime
    votes: tuple[Vote, ...] = ()

    def state(self, now: datetime) -> MotionState:
        if now < self.opens:
            return "not yet open"
        return "open" if now < self.closes else "closed"

    @classmethod
    def from_record(cls, record: MotionRecord) -> Motion:
        votes = tuple(Vote(v.partner, v.choice, v.officer, v.cast_at) for v in record.votes)
        return cls(record.id, record.project, record.text, record.opens, record.closes, votes)


@dataclass(frozen=True)
class CountedVote:
    vote: Vote
    counted: bool
    reason: str | None  # why a vote in the record does not count


@dataclass(frozen=True)
class MotionResult:
    motion: Motion
    state: MotionState
    as_at: datetime
    eligible: tuple[str, ...]
    votes: tuple[CountedVote, ...]
    votes_for: int
    votes_against: int
    abstentions: int
    did_not_vote: tuple[str, ...]
    carried: bool | None  # None while the motion is open

    @property
    def outcome(self) -> str:
        if self.carried is None:
            return f"{self.state}: {self.votes_for} for, {self.votes_against} against, {self.abstentions} abstaining so far"
        if not self.eligible:
            return "not carried: no partner was eligible to vote"
        if self.votes_for == self.votes_against:
            return f"not carried: a tie, {self.votes_for} for and {self.votes_against} against"
        verdict = "carried" if self.carried else "not carried"
        return f"{verdict}: {self.votes_for} for, {self.votes_against} against, {self.abstentions} abstaining"


def open_motion(motion_id: str, project_id: str, text: str, opens: datetime, closes: datetime, register: Register) -> Motion:
    if register.catalogue.project(project_id) is None:
        raise VotingError(f"unknown project '{project_id}'")
    if closes <= opens:
        raise VotingError("the motion must close after it opens")
    if not text.strip():
        raise VotingError("the motion needs its text")
    return Motion(motion_id, project_id, text.strip(), opens, closes)


def cast_vote(motion: Motion, register: Register, partner_id: str, choice: Choice, officer: str, at: datetime) -> Motion:
    """The motion with the vote added; refused with the reason when the agreement does not allow it."""
    state = motion.state(at)
    if state != "open":
        raise VotingError(
            f"motion {motion.id} is {state}: votes are taken from {motion.opens:%-d %B %Y %H:%M} until {motion.closes:%-d %B %Y %H:%M}"
        )
    if choice not in ("for", "against", "abstain"):
        raise VotingError(f"'{choice}' is not a vote: choose for, against or abstain")
    if not register.takes_part(partner_id, motion.project_id, at.date()):
        raise VotingError(
            f"{_name(register, partner_id)} cannot vote on motion {motion.id}: {_why_not(register, partner_id, motion.project_id, at)}"
        )
    if any(v.partner_id == partner_id for v in motion.votes):
        raise VotingError(f"{_name(register, partner_id)} has already voted on motion {motion.id}: one vote per partner")
    return replace(motion, votes=motion.votes + (Vote(partner_id, choice, officer, at),))


def tally(motion: Motion, register: Register, now: datetime) -> MotionResult:
    """The record: who could vote, who voted how and whether it counts, and the result once closed."""
    state = motion.state(now)
    as_at = motion.closes if state == "closed" else now
    eligible = tuple(register.eligible_voters(motion.project_id, as_at))
    counted = []
    for vote in motion.votes:
        if vote.partner_id in eligible:
            counted.append(CountedVote(vote, True, None))
        else:
            counted.append(CountedVote(vote, False, _why_not(register, vote.partner_id, motion.project_id, as_at)))
    tallied = [c.vote.choice for c in counted if c.counted]
    votes_for, votes_against = tallied.count("for"), tallied.count("against")
    voted = {c.vote.partner_id for c in counted}
    return MotionResult(
        motion=motion,
        state=state,
        as_at=as_at,
        eligible=eligible,
        votes=tuple(counted),
        votes_for=votes_for,
        votes_against=votes_against,
        abstentions=tallied.count("abstain"),
        did_not_vote=tuple(p for p in eligible if p not in voted),
        carried=(votes_for > votes_against) if state == "closed" else None,
    )


def _name(register: Register, partner_id: str) -> str:
    partner = register.catalogue.partner(partner_id)
    return partner.name if partner else f"unknown partner '{partner_id}'"


def _why_not(register: Register, partner_id: str, project_id: str, when: datetime) -> str:
    partner = register.catalogue.partner(partner_id)
    if partner is None:
        return "not a partner"
    position = register.position(partner_id, project_id)
    if position.declined_always:
        return "it declined the project, so its voting rights on it are suspended"
    if position.declined_on is not None and position.declined_on <= when.date():
        return f"it declined the project on {position.declined_on:%-d %B %Y}, so its voting rights on it are suspended"
    if partner.status == "prospective":
        return "it is not yet a member of the partnership"
    if partner.status == "withdrawn":
        return "it has withdrawn from the partnership"
    leaves = register.leaves(partner_id)
    if leaves is not None and when.date() > leaves:
        return f"its notice expired on {leaves:%-d %B %Y}"
    # The one reason left (register.takes_part): it has a join date after that day.
    return f"it joins the partnership on {partner.joined:%-d %B %Y}"
