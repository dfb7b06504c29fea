"""Forms of the lead's requirements editor."""
from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxesInput, GovFileInput, GovRadioInput, GovSubmitInput, GovTextArea, GovTextInput,
)
from wtforms import HiddenField, RadioField, SelectMultipleField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from ..requirements.models import MAX_CLAUSE

PRIORITIES = [
    ("Must", "Must", "Mandatory: a bid that does not meet it is not evaluated further."),
    ("Should", "Should", "Important, and scored."),
    ("Could", "Could", "Desirable, and scored."),
    ("Won't", "Won't", "Out of scope for this contract, stated so bidders do not price it."),
]


class ClauseForm(FlaskForm):
    text = TextAreaField("Requirement", widget=GovTextArea(), validators=[
        DataRequired("Enter the requirement"),
        Length(max=MAX_CLAUSE, message=f"Requirement must be {MAX_CLAUSE:,} characters or fewer")])
    priority = RadioField("Priority", widget=GovRadioInput(), choices=[(value, label) for value, label, _ in PRIORITIES],
                          validators=[DataRequired("Choose the priority")])
    partners = SelectMultipleField("Which partners does it apply to?", widget=GovCheckboxesInput(),
                                   description="Leave every box unticked if it applies to every partner taking the lot.",
                                   validators=[Optional()])
    version = HiddenField()
    save = SubmitField("Save requirement", widget=GovSubmitInput())


class WithdrawForm(FlaskForm):
    reason = StringField("Why is it withdrawn?", widget=GovTextInput(),
                         description="The version history and the addendum to bidders quote it.",
                         validators=[DataRequired("Enter why the requirement is withdrawn"),
                                     Length(max=200, message="Reason must be 200 characters or fewer")])
    version = HiddenField()
    save = SubmitField("Withdraw requirement", widget=GovSubmitInput())


class SectionForm(FlaskForm):
    text = TextAreaField("Section text", widget=GovTextArea(), validators=[
        DataRequired("Enter the section's text"), Length(max=20_000, message="Section text must be 20,000 characters or fewer")])
    version = HiddenField()
    save = SubmitField("Save section", widget=GovSubmitInput())


class ImportForm(FlaskForm):
    file = FileField("Upload a requirement set (.yml)", widget=GovFileInput())
    upload = SubmitField("Upload and replace the set", widget=GovSubmitInput())
