"""Forms of the lead's requirements editor."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxesInput,
    GovFileInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import HiddenField, RadioField, SelectField, SelectMultipleField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from ..requirements.models import MAX_CLAUSE

PRIORITIES = [
    ("Must", "Must", "Mandatory: a bid that does not meet it is not evaluated further."),
    ("Should", "Should", "Important, and scored."),
    ("Could", "Could", "Desirable, and scored."),
    ("Won't", "Won't", "Out of scope for this contract, stated so bidders do not price it."),
]


class ClauseForm(FlaskForm):
    text = TextAreaField(
        "Requirement",
        widget=GovTextArea(),
        validators=[
            DataRequired("Enter the requirement"),
            Length(max=MAX_CLAUSE, message=f"Requirement must be {MAX_CLAUSE:,} characters or fewer"),
        ],
    )
    priority = RadioField(
        "Priority",
        widget=GovRadioInput(),
        choices=[(value, label) for value, label, _ in PRIORITIES],
        validators=[DataRequired("Choose the priority")],
    )
    partners = SelectMultipleField(
        "Which partners does it apply to?",
        widget=GovCheckboxesInput(),
        description="Leave every box unticked if it applies to every partner taking the lot.",
        validators=[Optional()],
    )
    version = HiddenField()
    save = SubmitField("Save requirement", widget=GovSubmitInput())


class WithdrawForm(FlaskForm):
    reason = StringField(
        "Why is it withdrawn?",
        widget=GovTextInput(),
        description="The version history and the addendum to bidders quote it.",
        validators=[
            DataRequired("Enter why the requirement is withdrawn"),
            Length(max=200, message="Reason must be 200 characters or fewer"),
        ],
    )
    version = HiddenField()
    save = SubmitField("Withdraw requirement", widget=GovSubmitInput())


class SectionForm(FlaskForm):
    text = TextAreaField(
        "Section text",
        widget=GovTextArea(),
        validators=[
            DataRequired("Enter the section's text"),
            Length(max=20_000, message="Section text must be 20,000 characters or fewer"),
        ],
    )
    version = HiddenField()
    save = SubmitField("Save section", widget=GovSubmitInput())


class ImportForm(FlaskForm):
    file = FileField("Upload a requirement set (.yml)", widget=GovFileInput())
    upload = SubmitField("Upload and replace the set", widget=GovSubmitInput())


class ProposalForm(FlaskForm):
    lot = RadioField("Which lot is it for?", widget=GovRadioInput(), validators=[DataRequired("Choose the lot it is for")])
    text = TextAreaField(
        "Your requirement",
        widget=GovTextArea(),
        description="Write it as bidders would read it, for example \u201cThe supplier shall connect our "
        "depots at March and Whittlesey within 60 days of an order.\u201d",
        validators=[
            DataRequired("Enter your requirement"),
            Length(max=MAX_CLAUSE, message=f"Requirement must be {MAX_CLAUSE:,} characters or fewer"),
        ],
    )
    priority = RadioField(
        "How important is it?",
        widget=GovRadioInput(),
        choices=[(v, l) for v, l, _ in PRIORITIES[:3]],
        validators=[DataRequired("Choose how important it is")],
    )
    why = TextAreaField(
        "Why do you need it?",
        widget=GovTextArea(),
        description="The lead reads this when deciding whether to add it.",
        validators=[DataRequired("Enter why you need it"), Length(max=2000, message="Why you need it must be 2,000 characters or fewer")],
    )
    sites = SelectMultipleField("Which of your sites does it apply to? (optional)", widget=GovCheckboxesInput(), validators=[Optional()])
    save = SubmitField("Send to the procurement lead", widget=GovSubmitInput())


class DecisionForm(FlaskForm):
    decision = RadioField(
        "Your decision",
        widget=GovRadioInput(),
        choices=[
            ("accept", "Accept: add it to the lot as a new requirement for this partner"),
            ("merge", "Merge: an existing requirement already covers it"),
            ("decline", "Decline"),
        ],
        validators=[DataRequired("Choose accept, merge or decline")],
    )
    text = TextAreaField(
        "Requirement as it will be added",
        widget=GovTextArea(),
        validators=[Optional(), Length(max=MAX_CLAUSE, message=f"Requirement must be {MAX_CLAUSE:,} characters or fewer")],
    )
    priority = RadioField("Priority", widget=GovRadioInput(), choices=[(v, l) for v, l, _ in PRIORITIES], validators=[Optional()])
    clause = SelectField("Which requirement covers it?", widget=GovSelect(), validators=[Optional()])
    reason = TextAreaField(
        "Reason the partner will see",
        widget=GovTextArea(),
        validators=[Optional(), Length(max=2000, message="Reason must be 2,000 characters or fewer")],
    )
    save = SubmitField("Save decision", widget=GovSubmitInput())


class IssueForm(FlaskForm):
    label = StringField(
        "Version number",
        widget=GovTextInput(),
        description="For example 0.1 for a first draft, 1.0 for the final.",
        validators=[DataRequired("Enter the version number")],
    )
    status = RadioField(
        "Status",
        widget=GovRadioInput(),
        choices=[("Draft", "Draft, for review"), ("Final", "Final, issued to bidders")],
        validators=[DataRequired("Choose draft or final")],
    )
    author = StringField(
        "Author",
        widget=GovTextInput(),
        validators=[DataRequired("Enter the author's name or post"), Length(max=120, message="Author must be 120 characters or fewer")],
    )
    summary = StringField(
        "Summary of changes",
        widget=GovTextInput(),
        description="The version history in the document quotes it, for example \u201cPartners' own requirements added\u201d.",
        validators=[DataRequired("Enter a summary of the changes"), Length(max=200, message="Summary must be 200 characters or fewer")],
    )
    save = SubmitField("Issue version", widget=GovSubmitInput())
