"""Forms. A lot's questions become a WTForms class at run time, built from the catalogue."""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxesInput,
    GovCheckboxInput,
    GovFileInput,
    GovPasswordInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import BooleanField, HiddenField, PasswordField, RadioField, SelectField, SelectMultipleField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, Regexp, ValidationError

from ..catalogue.models import CheckboxQuestion, Lot, NumberQuestion, RadioQuestion, TextQuestion
from ..responses.checks import text_problem, type_answer


EMAIL = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"  # the same rule as the response file format's


class AnswerCheck:
    """The same check, with the same words, as `cpsn-builder responses check` gives for a file."""

    def __init__(self, question):
        self.question = question

    def __call__(self, form, field):
        value = field.data
        if value is None or (isinstance(value, str) and not value.strip()):
            return  # a draft may leave questions unanswered; submitting checks they are all answered
        _, why = type_answer(self.question, value.strip() if isinstance(value, str) else value)
        if why:
            raise ValidationError(f"{self.question.label}: {why}")


def parse_money(text: str | None, what: str) -> Decimal | None:
    """'£1,250.50' -> Decimal('1250.50'); blank -> None; anything else is an error that says why."""
    if text is None or not str(text).strip():
        return None
    cleaned = str(text).strip().replace(",", "").replace("£", "")
    try:
        amount = Decimal(cleaned)
    except InvalidOperation:
        raise ValidationError(f"{what} must be an amount in pounds, like 12500 or 12,500.50") from None
    if not amount.is_finite():
        raise ValidationError(f"{what} must be an amount in pounds, like 12500")
    if amount < 0:
        raise ValidationError(f"{what} cannot be negative")
    if amount > Decimal("1000000000"):
        raise ValidationError(f"{what} must be less than £1,000,000,000: check the figure")
    if amount != amount.quantize(Decimal("0.01")):
        raise ValidationError(f"{what} can have at most two decimal places (pence)")
    return amount


class MoneyCheck:
    def __init__(self, what: str):
        self.what = what

    def __call__(self, form, field):
        parse_money(field.data, self.what)


class TextCheck:
    def __call__(self, form, field):
        why = text_problem(field.data or "")
        if why:
            raise ValidationError(f"{field.label.text} {why}")


_LOT_FORMS: dict[tuple[int, str], type[FlaskForm]] = {}


def lot_form_class(lot: Lot) -> type[FlaskForm]:
    """A form class for one lot: a field per question, the current spend, and the version seen."""
    key = (id(lot), lot.id)
    if key not in _LOT_FORMS:
        _LOT_FORMS[key] = _build_lot_form(lot)
    return _LOT_FORMS[key]


def _build_lot_form(lot: Lot) -> type[FlaskForm]:
    fields = {}
    for question in lot.questions:
        hint = question.hint or ""
        if question.depends is not None:
            parent = lot.question(question.depends.question)
            condition = "ticked" if question.depends.equals is True else f"chose '{question.depends.equals}' for"
            hint = f"Only if you {condition} '{parent.label}'. {hint}".strip()
        if isinstance(question, NumberQuestion):
            fields[question.id] = StringField(f"{question.label} ({question.unit})", description=hint,
                                              widget=GovTextInput(), validators=[AnswerCheck(question)])
        elif isinstance(question, CheckboxQuestion):
            fields[question.id] = BooleanField(question.label, description=hint, widget=GovCheckboxInput())
        elif isinstance(question, RadioQuestion):
            fields[question.id] = RadioField(question.label, description=hint, widget=GovRadioInput(),
                                             choices=[(o.value, o.label) for o in question.options], validators=[Optional()])
        elif isinstance(question, TextQuestion):
            fields[question.id] = TextAreaField(question.label, description=hint, widget=GovTextArea(),
                                                validators=[AnswerCheck(question)])
    fields["current_spend"] = StringField(
        "Current annual spend on these services (£, optional)",
        description="What you pay a year today. Leave blank to have it estimated from typical prices.",
        widget=GovTextInput(), validators=[MoneyCheck("Current annual spend")])
    fields["version"] = HiddenField()
    fields["save"] = SubmitField("Save and continue", widget=GovSubmitInput())
    return type(f"LotForm_{lot.id}", (FlaskForm,), fields)


class SignInForm(FlaskForm):
    email = StringField("Email address", widget=GovTextInput(), validators=[DataRequired("Enter your email address"), Length(max=254)])
    password = PasswordField("Password", widget=GovPasswordInput(), validators=[DataRequired("Enter your password"), Length(max=200)])
    submit = SubmitField("Sign in", widget=GovSubmitInput())


class OrganisationForm(FlaskForm):
    contact_name = StringField("Contact name", widget=GovTextInput(),
                               validators=[Optional(), Length(max=200, message="Contact name must be 200 characters or fewer"), TextCheck()])
    contact_email = StringField("Contact email address", widget=GovTextInput(),
                                validators=[Optional(), Length(max=254), Regexp(EMAIL, message="Enter an email address like name@council.gov.uk")])
    contact_phone = StringField("Contact telephone (optional)", widget=GovTextInput(),
                                validators=[Optional(), Length(max=40, message="Telephone must be 40 characters or fewer"), TextCheck()])
    version = HiddenField()
    save = SubmitField("Save and continue", widget=GovSubmitInput())


def lots_form_class(lots: tuple[Lot, ...]) -> type[FlaskForm]:
    choices = [(lot.id, lot.title) for lot in lots]

    class LotsForm(FlaskForm):
        participation = RadioField("Will your organisation take part in the CPSN procurement?", widget=GovRadioInput(),
                                   choices=[("yes", "Yes, we want some of these services"), ("no", "No, we decline this project")],
                                   validators=[Optional()])
        lots = SelectMultipleField("Which lots do you want?", widget=GovCheckboxesInput(),
                                   description="Choose every lot you want included in the statement of requirements.",
                                   choices=choices, validators=[Optional()])
        version = HiddenField()
        save = SubmitField("Save and continue", widget=GovSubmitInput())

    return LotsForm


class SiteForm(FlaskForm):
    name = StringField("Site name", widget=GovTextInput(),
                       validators=[DataRequired("Enter the site name"), Length(max=200, message="Site name must be 200 characters or fewer"), TextCheck()])
    postcode = StringField("Postcode", widget=GovTextInput(), validators=[DataRequired("Enter the site's postcode"), Length(max=20)])
    service_line = SelectField("Service line", widget=GovSelect(), validators=[DataRequired("Choose the service the site needs")])
    notes = TextAreaField("Notes (optional)", widget=GovTextArea(),
                          validators=[Optional(), Length(max=2000, message="Notes must be 2,000 characters or fewer"), TextCheck()])
    version = HiddenField()
    save = SubmitField("Save site", widget=GovSubmitInput())


class UploadForm(FlaskForm):
    file = FileField("Upload a CSV file of sites", widget=GovFileInput())
    version = HiddenField()
    upload = SubmitField("Upload and replace all sites", widget=GovSubmitInput())


class ContributionForm(FlaskForm):
    max_contribution = StringField("The most your organisation agrees to contribute to shared costs (£)", widget=GovTextInput(),
                                   description="Shared procurement and programme costs are never charged above this amount.",
                                   validators=[MoneyCheck("Maximum contribution")])
    version = HiddenField()
    save = SubmitField("Save and continue", widget=GovSubmitInput())


class VersionForm(FlaskForm):
    """A bare form (CSRF and the version seen) for buttons such as Submit or Remove."""

    version = HiddenField()
    submit = SubmitField("Submit answers", widget=GovSubmitInput())


class DeadlineForm(FlaskForm):
    deadline = StringField("Deadline for answers (YYYY-MM-DD HH:MM, blank for none)", widget=GovTextInput(), validators=[Optional()])
    save = SubmitField("Save deadline", widget=GovSubmitInput())


class OneLine:
    """Text that goes into an email header (a name) stays on one line."""

    def __call__(self, form, field):
        from ..mail.addresses import has_line_break
        if has_line_break(field.data or ""):
            raise ValidationError(f"{field.label.text} must be on one line, without line breaks or control characters")


class EmailAddress:
    """An address an email can be sent to, checked by the email-validator library."""

    def __call__(self, form, field):
        from ..mail.addresses import InvalidAddress, checked_address
        try:
            field.data = checked_address(field.data or "")
        except InvalidAddress as exc:
            raise ValidationError(str(exc)) from None


class UserForm(FlaskForm):
    """Invite someone: they get an email with a link to set their own password (no password is typed here)."""

    name = StringField("Name", widget=GovTextInput(), validators=[DataRequired("Enter the person's name"), Length(max=200), TextCheck(), OneLine()])
    email = StringField("Email address", widget=GovTextInput(), validators=[DataRequired("Enter an email address"), Length(max=254), EmailAddress()])
    role = RadioField("Role", widget=GovRadioInput(), choices=[("partner", "Partner officer"), ("lead", "Procurement lead"), ("cabinet", "Cabinet viewer")],
                      validators=[DataRequired("Choose a role")])
    partner_id = SelectField("Partner (for partner officers)", widget=GovSelect(), validators=[Optional()])
    save = SubmitField("Send invitation", widget=GovSubmitInput())


class ForgotPasswordForm(FlaskForm):
    email = StringField("Email address", widget=GovTextInput(), validators=[DataRequired("Enter your email address"), Length(max=254), EmailAddress()])
    submit = SubmitField("Send a link", widget=GovSubmitInput())


class NewPasswordForm(FlaskForm):
    password = PasswordField("New password", description="At least 10 characters. A few unrelated words make a strong password that is easy to remember.",
                             widget=GovPasswordInput(),
                             validators=[DataRequired("Enter a new password"), Length(min=10, max=200, message="Password must be between 10 and 200 characters")])
    confirm = PasswordField("Type the new password again", widget=GovPasswordInput(), validators=[DataRequired("Type the new password again")])
    submit = SubmitField("Set password", widget=GovSubmitInput())

    def validate_confirm(self, field):
        if self.password.data and field.data != self.password.data:
            raise ValidationError("The passwords do not match: type the same password twice")


class MotionForm(FlaskForm):
    code = StringField("Reference", description="For example M-2011-03", widget=GovTextInput(),
                       validators=[DataRequired("Enter a reference for the motion"), Length(max=40),
                                   Regexp(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$", message="Use letters, digits, '-', '_' and '.' only")])
    project_id = SelectField("Project", widget=GovSelect(), validators=[DataRequired("Choose the project the motion is about")])
    text = TextAreaField("Motion", widget=GovTextArea(), validators=[DataRequired("Enter the text of the motion"), Length(max=5000), TextCheck()])
    opens = StringField("Voting opens (YYYY-MM-DD HH:MM)", widget=GovTextInput(), validators=[DataRequired("Enter when voting opens")])
    closes = StringField("Voting closes (YYYY-MM-DD HH:MM)", widget=GovTextInput(), validators=[DataRequired("Enter when voting closes")])
    save = SubmitField("Open the motion", widget=GovSubmitInput())


class VoteForm(FlaskForm):
    choice = RadioField("Your organisation's vote", widget=GovRadioInput(),
                        choices=[("for", "For"), ("against", "Against"), ("abstain", "Abstain")],
                        validators=[DataRequired("Choose for, against or abstain")])
    save = SubmitField("Cast the vote", widget=GovSubmitInput())


class RepresentativeForm(FlaskForm):
    user_id = SelectField("Officer", widget=GovSelect(), validators=[DataRequired("Choose the officer who holds the delegation")])
    granted_by = StringField("Delegated by", description="Who granted the authority, for example the chief executive", widget=GovTextInput(),
                             validators=[DataRequired("Enter who delegated the authority"), Length(max=200), TextCheck()])
    valid_from = StringField("From (YYYY-MM-DD)", widget=GovTextInput(), validators=[Optional()])
    valid_until = StringField("Until (YYYY-MM-DD, blank if open-ended)", widget=GovTextInput(), validators=[Optional()])
    save = SubmitField("Record the delegation", widget=GovSubmitInput())


class ParticipationForm(FlaskForm):
    partner_id = SelectField("Partner", widget=GovSelect(), validators=[DataRequired("Choose the partner")])
    project_id = SelectField("Project", widget=GovSelect(), validators=[DataRequired("Choose the project")])
    declined_on = StringField("Declined on (YYYY-MM-DD, blank if it takes part)", widget=GovTextInput(), validators=[Optional()])
    max_contribution = StringField("Most it agrees to contribute (£, blank if none agreed)", widget=GovTextInput(),
                                   validators=[MoneyCheck("Maximum contribution")])
    save = SubmitField("Save", widget=GovSubmitInput())


class PartnerForm(FlaskForm):
    status = RadioField("Membership", widget=GovRadioInput(), validators=[DataRequired("Choose the partner's membership")],
                        choices=[("member", "Member"), ("prospective", "Prospective (may join later)"),
                                 ("withdrawing", "Member that has given notice"), ("withdrawn", "Withdrawn")])
    joined = StringField("Member from (YYYY-MM-DD)", widget=GovTextInput(), validators=[Optional()])
    notice_given = StringField("Notice given on (YYYY-MM-DD)", description="Withdrawal takes effect when the notice period ends.",
                               widget=GovTextInput(), validators=[Optional()])
    save = SubmitField("Save membership", widget=GovSubmitInput())
