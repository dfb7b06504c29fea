"""The lead's small forms whose fields are not WTForms fields (the GOV.UK date input is read by
web/time_input.py): each carries the CSRF token, so every POST is still checked."""

from __future__ import annotations

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovSelect, GovTextArea, GovTextInput
from wtforms import HiddenField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Regexp

from .forms import TextCheck


class CsrfForm(FlaskForm):
    """Only the CSRF token: the deadline page and confirmation pages."""


class ConfirmForm(FlaskForm):
    """A confirmation page's button: the version of the answers the lead saw, so a stale page is refused."""

    version = HiddenField()


class BasisForm(FlaskForm):
    basis = RadioField(
        "What the figures include",
        choices=[("submitted", "Submitted answers only"), ("drafts", "Submitted answers and drafts")],
        validators=[DataRequired("Choose what the figures include")],
    )


class MotionForm(FlaskForm):
    """A motion's reference, project and text; when voting opens and closes come from the GOV.UK
    date inputs `opens-*` and `closes-*` (web/time_input.py)."""

    code = StringField(
        "Reference",
        description="For example M-2011-03",
        widget=GovTextInput(),
        validators=[
            DataRequired("Enter a reference for the motion"),
            Length(max=40, message="Reference must be 40 characters or fewer"),
            Regexp(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$", message="Reference must use only letters, digits, '-', '_' and '.'"),
        ],
    )
    project_id = SelectField("Project", widget=GovSelect(), validators=[DataRequired("Select the project the motion is about")])
    text = TextAreaField(
        "Motion",
        widget=GovTextArea(),
        validators=[
            DataRequired("Enter the text of the motion"),
            Length(max=5000, message="Motion must be 5,000 characters or fewer"),
            TextCheck(),
        ],
    )
