"""The governance record file: participation in projects, and motions with their votes.

The web app keeps the same records in its database; this file format lets the CLI, tests and
the demo work from plain data.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from ..catalogue.models import Identifier, Money, ShortText, Text

Choice = Literal["for", "against", "abstain"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ParticipationRecord(_Strict):
    """A partner's position on a project other than the priced procurement (whose responses say it)."""

    partner: Identifier
    project: Identifier
    declined_on: date | None = Field(None, description="The day the partner declined the project; none: it takes part.")
    max_contribution: Money | None = Field(None, description="The most the partner agreed to contribute to the project.")


class VoteRecord(_Strict):
    partner: Identifier
    choice: Choice
    officer: ShortText
    cast_at: datetime


class MotionRecord(_Strict):
    id: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$")]
    project: Identifier
    text: Text
    opens: datetime
    closes: datetime
    votes: list[VoteRecord] = []


class GovernanceFile(_Strict):
    participation: list[ParticipationRecord] = []
    motions: list[MotionRecord] = []
