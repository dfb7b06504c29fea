"""The catalogue's document texts (`catalogue/documents/*.yml`): terms worded for the date of issue,
the statement of requirements' sections, and the cabinet reports' council facts and shared text.

Text fields are templates rendered in the same sandbox as requirement clauses; `checks.py` renders
each one with sample figures so a typo is a `catalogue check` error, not a blank in a document.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import Field

from .models import Identifier, ShortText, Text, _Strict


class Wording(_Strict):
    """One wording of a term and the dates it applies (either end open)."""

    from_: date | None = Field(None, alias="from")
    until: date | None = None
    text: Text

    def applies(self, day: date) -> bool:
        return (self.from_ is None or self.from_ <= day) and (self.until is None or day <= self.until)


class Framework(_Strict):
    reference: ShortText
    name: ShortText
    from_: date = Field(alias="from")


class References(_Strict):
    terms: dict[Identifier, Annotated[list[Wording], Field(min_length=1)]]
    frameworks: list[Framework] = []

    def worded_for(self, day: date) -> dict[str, str]:
        """Every term as it was worded on `day` (the checks guarantee exactly one wording applies)."""
        return {name: next(w.text for w in wordings if w.applies(day)) for name, wordings in self.terms.items()}

    def cites(self, framework_text: str, day: date) -> bool:
        """Whether a document issued on `day` may cite this framework lot (it had opened by then)."""
        return all(f.from_ <= day for f in self.frameworks if f.reference in framework_text)


class Bullets(_Strict):
    bullets: Annotated[list[Text], Field(min_length=1)]


class Subheading(_Strict):
    heading: ShortText


TableName = Literal["partners", "timetable", "evaluation", "scoring", "glossary"]
ListName = Literal["lots", "late_joiners"]


class TableBlock(_Strict):
    table: TableName


class ListBlock(_Strict):
    list: ListName


Block = Text | Bullets | Subheading | TableBlock | ListBlock


class SorSection(_Strict):
    id: Identifier
    title: ShortText | None = None
    generated: Literal["lots", "site_annex"] | None = Field(None, description="Sections the code writes: the lots, or the site annex.")
    annex: Annotated[str, Field(pattern=r"^[A-Z]$")] | None = Field(None, description="An annex letter instead of a section number.")
    blocks: list[Block] = []


class Milestone(_Strict):
    event: ShortText
    date: date


class Criterion(_Strict):
    id: Annotated[str, Field(pattern=r"^Q\d{1,2}$")]
    title: ShortText
    weight: Annotated[Decimal, Field(gt=0, le=100)]
    minimum: Annotated[int, Field(ge=0, le=4)] = 0
    covers: Text
    page_limit: Annotated[int, Field(ge=1, le=100)]


class ScalePoint(_Strict):
    score: Annotated[int, Field(ge=0, le=4)]
    label: ShortText
    meaning: Text


class Evaluation(_Strict):
    price_weight: Annotated[Decimal, Field(ge=0, le=100)]
    criteria: Annotated[list[Criterion], Field(min_length=1)]
    scale: Annotated[list[ScalePoint], Field(min_length=2)]
    abnormally_low_percent: Annotated[Decimal, Field(gt=0, lt=100)] = Field(
        Decimal(30), description="An evaluated price this far below the estimate is flagged as abnormally low, to clarify."
    )

    @property
    def quality_weight(self) -> Decimal:
        return sum((c.weight for c in self.criteria), Decimal(0))


class Approval(_Strict):
    role: ShortText
    post: ShortText


class Revision(_Strict):
    version: ShortText
    date: date
    summary: ShortText
    author: ShortText | None = None


class GlossaryEntry(_Strict):
    term: ShortText
    meaning: Text


class SorTexts(_Strict):
    sections: Annotated[list[SorSection], Field(min_length=1)]
    timetable: list[Milestone] = []
    current_contracts_end: date | None = None
    evaluation: Evaluation
    approvals: list[Approval] = []
    history: list[Revision] = []
    glossary: list[GlossaryEntry] = []

    def section_ids(self) -> list[str]:
        return [s.id for s in self.sections]


class Contact(_Strict):
    name: ShortText | None = None
    post: ShortText
    telephone: Annotated[str, Field(pattern=r"^[0-9 +()]{6,20}$")] | None = None
    email: Annotated[str, Field(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$", max_length=200)] | None = None


class Council(_Strict):
    partner: Identifier
    meeting: ShortText = "Cabinet"
    meeting_date: date | None = None
    report_of: ShortText = Field(description="The post of the officer reporting, e.g. Director of Commerce & Technology.")
    portfolio_holder: ShortText
    key_decision: bool = False
    forward_plan: ShortText | None = Field(None, description="The key decision's forward plan reference.")
    wards: ShortText = "All"
    contacts: Annotated[list[Contact], Field(min_length=1)]


class Option(_Strict):
    title: ShortText
    text: Text
    recommended: bool = False


class Implications(_Strict):
    legal: Text
    human_resources: Text
    equality: Text
    crime_and_disorder_with_cctv: Text
    crime_and_disorder_without_cctv: Text
    environmental: Text
    data_protection: Text


class CabinetTexts(_Strict):
    lead: Identifier = Field(description="The partner whose cabinet receives the partnership's report.")
    councils: Annotated[list[Council], Field(min_length=1)]
    options: Annotated[list[Option], Field(min_length=2)]
    reasons: Annotated[list[Text], Field(min_length=1)]
    implications: Implications
    background_papers: list[Text] = []

    def council(self, partner_id: str) -> Council | None:
        return next((c for c in self.councils if c.partner == partner_id), None)


class DocumentTexts(_Strict):
    """The three files together, as the documents use them."""

    references: References
    sor: SorTexts
    cabinet: CabinetTexts
