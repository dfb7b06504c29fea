"""The tender round's forms. The marks and award forms are built at run time: their fields are the
SoR's quality criteria (catalogue data) and the lots and flags of the evaluation."""

from __future__ import annotations

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovCheckboxInput, GovFileInput, GovRadioInput, GovSubmitInput, GovTextArea, GovTextInput
from wtforms import BooleanField, MultipleFileField, RadioField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from ..catalogue.document_models import Evaluation as CriteriaSet
from ..tenders.models import Award, Evaluation, Flag
from .forms import TextCheck

NO_AWARD = "none"


class OpenRoundForm(FlaskForm):
    """Which issued version the bids price; the closing time comes from the GOV.UK date input `closing-*`."""

    version = RadioField(
        "Which issued version of the statement of requirements do the bids price?",
        widget=GovRadioInput(),
        validators=[DataRequired("Choose the issued version the bids price")],
    )
    save = SubmitField("Open the tender round", widget=GovSubmitInput())


class ClosingForm(FlaskForm):
    """Only the CSRF token: the closing time is read from the date input by web/time_input.py."""

    save = SubmitField("Save closing time", widget=GovSubmitInput())


class UploadForm(FlaskForm):
    files = MultipleFileField(
        "Upload returned pricing schedules",
        widget=GovFileInput(),
        description="Excel workbooks (.xlsx). You can choose several files at once; if any is refused, none is saved.",
    )
    late = BooleanField(
        "Record as a late bid",
        widget=GovCheckboxInput(),
        description="Only after the closing time: the bid carries a \u201clate\u201d flag into the evaluation.",
    )
    late_reason = TextAreaField(
        "Why is the late bid accepted?",
        widget=GovTextArea(),
        validators=[Optional(), Length(max=1000, message="The reason must be 1,000 characters or fewer"), TextCheck()],
    )
    upload = SubmitField("Upload", widget=GovSubmitInput())


class WithdrawAwardForm(FlaskForm):
    save = SubmitField("Withdraw the recommendation", widget=GovSubmitInput())


def criterion_field(criterion_id: str) -> str:
    return f"score_{criterion_id.lower()}"


def marks_form(criteria: CriteriaSet, evaluator: bool, **kwargs) -> FlaskForm:
    """One score per quality criterion, 0-4 with the SoR's scale labels; with the evaluator's name
    for an evaluator's scores, without it for the moderated scores."""
    scale = [(str(point.score), f"{point.score}: {point.label}") for point in sorted(criteria.scale, key=lambda p: p.score)]

    class MarksForm(FlaskForm):
        pass

    if evaluator:
        MarksForm.evaluator = StringField(
            "Evaluator",
            widget=GovTextInput(),
            description="The evaluator's name, like Sam Patel",
            validators=[
                DataRequired("Enter the evaluator's name"),
                Length(max=120, message="Evaluator must be 120 characters or fewer"),
                TextCheck(),
            ],
        )
    for criterion in criteria.criteria:
        minimum = f" Minimum {criterion.minimum}." if criterion.minimum else ""
        setattr(
            MarksForm,
            criterion_field(criterion.id),
            RadioField(
                f"{criterion.id} {criterion.title} (weight {criterion.weight.normalize():f})",
                widget=GovRadioInput(),
                choices=scale,
                description=f"{criterion.covers}{minimum}",
                validators=[DataRequired(f"Choose a score for {criterion.id} {criterion.title}")],
            ),
        )
    MarksForm.save = SubmitField("Save the evaluator's scores" if evaluator else "Save the moderated scores", widget=GovSubmitInput())
    return MarksForm(**kwargs)


def flag_field(index: int) -> str:
    return f"resolution_{index}"


def award_form(evaluation: Evaluation, lot_titles: dict[str, str], proposal: Award | None) -> FlaskForm:
    """A bidder and a reason per lot bid for, and how each flag was resolved. The blank form starts
    from the evaluation's proposal (each leader with why; a tie left to choose); a posted form is
    given no proposal, so a lot left unchosen is an error, not a silent choice."""

    class AwardForm(FlaskForm):
        pass

    data = {}
    for lot in evaluation.lots:
        if not lot.tenders:
            continue
        choices = [(t.bidder, t.bidder) for t in lot.tenders] + [(NO_AWARD, "Do not award this lot now")]
        setattr(
            AwardForm,
            f"bidder_{lot.lot_id}",
            RadioField(
                f"Recommended bidder for {lot_titles.get(lot.lot_id, lot.title)}",
                widget=GovRadioInput(),
                choices=choices,
                validators=[DataRequired(f"Choose the bidder to recommend for {lot_titles.get(lot.lot_id, lot.title)}")],
            ),
        )
        setattr(
            AwardForm,
            f"reason_{lot.lot_id}",
            TextAreaField(
                f"Why, for {lot_titles.get(lot.lot_id, lot.title)}",
                widget=GovTextArea(),
                validators=[
                    DataRequired(f"Enter why this bidder is recommended for {lot_titles.get(lot.lot_id, lot.title)}"),
                    Length(max=2000, message="A reason must be 2,000 characters or fewer"),
                    TextCheck(),
                ],
            ),
        )
    for index, flag in enumerate(evaluation.flags):
        setattr(
            AwardForm,
            flag_field(index),
            TextAreaField(
                f"How was this resolved? {flag.message}",
                widget=GovTextArea(),
                validators=[
                    DataRequired(f"Enter how this flag was resolved: {flag.message}"),
                    Length(max=2000, message="A resolution must be 2,000 characters or fewer"),
                    TextCheck(),
                ],
            ),
        )
    for lot_id, bidder, reason in proposal.choices if proposal else ():
        if f"bidder_{lot_id}" in data or not hasattr(AwardForm, f"bidder_{lot_id}"):
            continue
        data[f"bidder_{lot_id}"], data[f"reason_{lot_id}"] = bidder or NO_AWARD, reason
    AwardForm.save = SubmitField("Publish the award recommendation", widget=GovSubmitInput())
    return AwardForm(data=data)


def flags_of(evaluation: Evaluation) -> list[tuple[int, Flag]]:
    return list(enumerate(evaluation.flags))
