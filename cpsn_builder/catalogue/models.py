"""The catalogue's typed schema: programme, partners and lots, as read from `catalogue/*.yml`.

Structural rules (types, required keys, no unknown keys, ranges) live here; rules that need
several parts of the catalogue at once (tiers without gaps, ids unique across files, `depends`
pointing at a real question) live in `checks.py`, where they can name the exact line.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import cached_property
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, TypeAdapter, ValidationError

Identifier = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_-]*$", max_length=40)]
Money = Annotated[Decimal, Field(ge=0, allow_inf_nan=False, max_digits=15, decimal_places=4)]
Text = Annotated[str, StringConstraints(min_length=1, max_length=10_000, strip_whitespace=True)]
ShortText = Annotated[str, StringConstraints(min_length=1, max_length=200, strip_whitespace=True)]
_SHEET_FORBIDDEN = set("[]:*?/\\")


def _sheet_name(value: str) -> str:
    """Excel refuses sheet names with []:*?/\\ or that start or end with an apostrophe."""
    bad = sorted(set(value) & _SHEET_FORBIDDEN)
    if bad or value.startswith("'") or value.endswith("'"):
        raise ValueError(f"{value!r} cannot name a spreadsheet sheet: leave out {' '.join(bad) or 'the apostrophe at either end'}")
    return value


SheetName = Annotated[str, StringConstraints(min_length=1, max_length=24, strip_whitespace=True), AfterValidator(_sheet_name)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class CostLine(_Strict):
    id: Identifier
    title: ShortText
    amount: Money


AllocationRule = Literal["equal", "pro_rata_contract_value"]


class SharedCosts(_Strict):
    """A project's shared costs (procurement exercise, core team) and how they are shared out."""

    allocation: AllocationRule = Field(description="equal shares, or pro rata to each partner's estimated contract value")
    lines: Annotated[list[CostLine], Field(min_length=1)]


class Project(_Strict):
    id: Identifier
    title: ShortText
    description: Text
    procurement: bool = Field(False, description="True for the project whose demand the engine prices (CPSN).")
    envelope: Money | None = Field(None, description="Budget for the whole term, ex VAT.")
    contract_start: Annotated[date, Field(ge=date(1990, 1, 1), le=date(2100, 12, 31))] | None = None
    term_years: Annotated[int, Field(ge=1, le=25)] | None = None
    extension_years: Annotated[int, Field(ge=0, le=10)] = 0
    replaces: ShortText | None = None
    issue_date: date | None = Field(None, description="The documents' date when no response records a submission time.")
    shared_costs: SharedCosts | None = None


class Programme(_Strict):
    id: Identifier
    name: ShortText
    board: ShortText
    partnership: ShortText = Field(description="The partnership's name, shown in headers and documents.")
    catalogue_version: ShortText
    currency: Literal["GBP"] = "GBP"
    prices: Literal["ex VAT"] = "ex VAT"
    notice_period_months: Annotated[int, Field(ge=0, le=120)] = 24
    withdrawal_warning_percent: Annotated[Decimal, Field(ge=0, le=100)] = Field(
        Decimal(30), description="Warn when this share of the members has given notice (Staffordshire: 40% undermined the partnership)."
    )
    projects: Annotated[list[Project], Field(min_length=1)]


PartnerType = Literal["county", "district", "city", "unitary", "fire", "police", "health", "other"]
PartnerStatus = Literal["member", "prospective", "withdrawing", "withdrawn"]


class Partner(_Strict):
    id: Identifier
    name: ShortText
    short_name: ShortText
    type: PartnerType
    status: PartnerStatus
    joined: date | None = Field(None, description="Membership starts on this date (a prospective partner's expected date).")
    notice_given: date | None = Field(None, description="Date written notice to withdraw was given.")
    core_contribution: Money = Field(Decimal(0), description="Annual core contribution to the partnership.")


class PartnerList(_Strict):
    partners: Annotated[list[Partner], Field(min_length=1)]


class Depends(_Strict):
    question: Identifier
    equals: bool | Identifier = True


class Option(_Strict):
    value: Identifier
    label: ShortText


class AtMost(_Strict):
    """A cross-question rule: this answer may not exceed the total of other number answers."""

    questions: Annotated[list[Identifier], Field(min_length=1)] = Field(
        description="Number questions of the same lot whose answers, added up, bound this one."
    )
    name: ShortText = Field(description="What the total is, for the error message: 'the number of sites you gave'.")


class _QuestionBase(_Strict):
    id: Identifier
    label: ShortText
    name: ShortText | None = Field(
        None,
        description="How error messages name the answer, in lower case: 'number of broadband sites' "
        "('Enter the number of broadband sites'). Defaults to the label.",
    )
    hint: Text | None = None
    depends: Depends | None = Field(
        None,
        description="A follow-up: asked (and required, unless required is false) only when this answer has this value; "
        "otherwise an answer to it is a contradiction.",
    )
    required: bool = Field(True, description="False marks the question optional: '(optional)' after its label.")


class NumberQuestion(_QuestionBase):
    type: Literal["number"]
    unit: ShortText = Field(description="The unit, plural, shown after the input: 'circuits'.")
    unit_singular: ShortText | None = Field(None, description="The unit for one: 'circuit'. Defaults to unit.")
    min: Decimal = Decimal(0)
    max: Decimal
    integer: bool = True
    at_most: AtMost | None = None


class CheckboxQuestion(_QuestionBase):
    type: Literal["checkbox"]
    required: bool = False  # an unticked box is an answer


class RadioQuestion(_QuestionBase):
    type: Literal["radio"]
    options: Annotated[list[Option], Field(min_length=2)]


class TextQuestion(_QuestionBase):
    type: Literal["text"]
    max_length: Annotated[int, Field(ge=1, le=10_000)] = 500
    required: bool = False


Question = Annotated[NumberQuestion | CheckboxQuestion | RadioQuestion | TextQuestion, Field(discriminator="type")]


class Tier(_Strict):
    from_: Annotated[int, Field(alias="from", ge=1)]
    to: Annotated[int, Field(ge=1)] | None = None
    price: Money


class ServiceLine(_Strict):
    id: Identifier
    title: ShortText
    unit: ShortText
    quantity: Identifier = Field(description="The number question whose answer is a partner's quantity.")
    tiers: Annotated[list[Tier], Field(min_length=1)]
    connection_charge: Money = Decimal(0)
    low: Money = Field(description="Annual unit price in the low case of the sensitivity.")
    high: Money = Field(description="Annual unit price in the high case of the sensitivity.")
    baseline_price: Money = Field(description="Today's annual unit price, used where a partner states no current spend.")


Priority = Literal["Must", "Should", "Could", "Won't"]


RequirementId = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2,8}-\d{3}$")]


class Requirement(_Strict):
    id: RequirementId
    priority: Priority
    text: Text
    partners: list[Identifier] = Field(
        [], description="The partners a clause applies to (a partner's own requirement); empty for every partner."
    )


class ServiceLevel(_Strict):
    measure: ShortText
    target: ShortText
    notes: Text | None = None


class Lot(_Strict):
    id: Identifier
    title: ShortText
    short_title: SheetName | None = Field(
        None,
        description="A short name for the lot (at most 24 characters), used where space is tight: the pricing "
        'schedule\'s sheet names, which Excel limits to 31 characters with "Lot 1 " in front.',
    )
    order: Annotated[int, Field(ge=0)]
    description: Text
    framework_lot: ShortText = Field(description="The national framework lot this resembles (e.g. RM3808 Lot 1).")
    questions: Annotated[list[Question], Field(min_length=1)]
    service_lines: Annotated[list[ServiceLine], Field(min_length=1)]
    requirements: list[Requirement] = []
    service_levels: list[ServiceLevel] = []

    def question(self, question_id: str):
        questions, by_id = self._questions_by_id
        if questions is not self.questions:  # a model_copy with other questions carried the old index along
            del self.__dict__["_questions_by_id"]
            questions, by_id = self._questions_by_id
        return by_id.get(question_id)

    @cached_property
    def _questions_by_id(self) -> tuple[list, dict]:
        # Checking 7,000 responses asks for a question by id hundreds of thousands of times; the
        # first of a repeated id wins, as the search it replaces found it.
        return self.questions, {q.id: q for q in reversed(self.questions) if q is not None}


def partial_lot(doc) -> Lot | None:
    """A lot built from the well-formed parts of a file that failed validation.

    Malformed items stay in place as None, so positions (and so line numbers) are kept; the
    cross-checks skip them. Used only for reporting, never for pricing.
    """
    data = doc.data if isinstance(doc.data, dict) else {}
    if not isinstance(data.get("id"), str):
        return None

    def items(key, adapter):
        values = data.get(key)
        if not isinstance(values, list):
            return []
        out = []
        for value in values:
            try:
                out.append(adapter.validate_python(value))
            except ValidationError:
                out.append(None)
        return out

    return Lot.model_construct(
        id=data["id"],
        questions=items("questions", TypeAdapter(Question)),
        service_lines=items("service_lines", TypeAdapter(ServiceLine)),
        requirements=items("requirements", TypeAdapter(Requirement)),
    )
