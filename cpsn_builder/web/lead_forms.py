"""The lead's small forms whose fields are not WTForms fields (the GOV.UK date input is read by
web/time_input.py): each carries the CSRF token, so every POST is still checked."""
from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField
from wtforms.validators import DataRequired


class CsrfForm(FlaskForm):
    """Only the CSRF token: the deadline page and confirmation pages."""


class ConfirmForm(FlaskForm):
    """A confirmation page's button: the version of the answers the lead saw, so a stale page is refused."""

    version = HiddenField()


class BasisForm(FlaskForm):
    basis = RadioField("What the figures include", choices=[("submitted", "Submitted answers only"), ("drafts", "Submitted answers and drafts")],
                       validators=[DataRequired("Choose what the figures include")])
