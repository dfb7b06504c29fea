"""Forms. A lot's questions become a WTForms class at run time, built from the catalogue."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxesInput,
    GovFileInput,
    GovPasswordInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import HiddenField, PasswordField, RadioField, SelectField, SelectMultipleField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, Regexp, ValidationError

from ..catalogue.models import Lot
from ..questions import AnswerError, applicable, lot_problems, question_type
from ..questions.money import parse_money as parse_money_answer
from ..questions.text import text_problem
from ..responses.contact import EMAIL_MESSAGE, EMAIL_PATTERN, PHONE_MESSAGE, normalise_phone
from ..responses.sites import check_site


EMAIL = EMAIL_PATTERN  # the same rule as the response file format's


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


class AmountCheck:
    """An amount of money a partner types, with the questionnaire's GOV.UK-style messages."""

    def __init__(self, name: str, most):
        self.name, self.most = name, most

    def __call__(self, form, field):
        try:
            parse_money_answer(field.data, self.name, self.most)
        except AnswerError as exc:
            raise ValidationError(str(exc)) from None


class LotForm(FlaskForm):
    """A lot's questions, built from the catalogue; the catalogue's rules between answers checked on save."""

    lot: Lot

    def answers(self) -> dict:
        """The typed answers that count: blanks left out, follow-ups that no longer apply dropped."""
        typed = {}
        for question in self.lot.questions:
            value = question_type(question).parse(getattr(self, question.id).data)
            if value is not None:
                typed[question.id] = value
        return applicable(self.lot, typed)

    def current_spend_amount(self):
        return parse_money_answer(self.current_spend.data, "current annual spend", SPEND_MOST)

    def validate(self, extra_validators=None) -> bool:
        if not super().validate(extra_validators):
            return False
        for question_id, message in lot_problems(self.lot, self.answers(), complete=False):
            getattr(self, question_id).errors.append(message)
        return not self.errors


SPEND_MOST = Decimal("100000000")  # £100m a year for one lot: beyond it is a typing slip
_LOT_FORMS: dict[tuple[int, str], type[LotForm]] = {}


def lot_form_class(lot: Lot) -> type[LotForm]:
    """A form class for one lot: a field per question (from its type), the current spend, the version seen."""
    key = (id(lot), lot.id)
    if key not in _LOT_FORMS:
        fields = {question.id: question_type(question).form_field() for question in lot.questions}
        fields["current_spend"] = StringField(
            "Current annual spend on these services (optional)",
            description="What you pay a year today, in pounds. Leave it blank to have it estimated from typical prices.",
            widget=GovTextInput(),
            validators=[AmountCheck("current annual spend", SPEND_MOST)],
        )
        fields["version"] = HiddenField()
        fields["save"] = SubmitField("Save and continue", widget=GovSubmitInput())
        _LOT_FORMS[key] = type(f"LotForm_{lot.id}", (LotForm,), {"lot": lot, **fields})
    return _LOT_FORMS[key]


class SignInForm(FlaskForm):
    email = StringField("Email address", widget=GovTextInput(), validators=[DataRequired("Enter your email address"), Length(max=254)])
    password = PasswordField("Password", widget=GovPasswordInput(), validators=[DataRequired("Enter your password"), Length(max=200)])
    submit = SubmitField("Sign in", widget=GovSubmitInput())


class GovEmailInput(GovTextInput):
    input_type = "email"


class GovTelInput(GovTextInput):
    input_type = "tel"


class PhoneCheck:
    def __call__(self, form, field):
        if field.data and field.data.strip() and normalise_phone(field.data.strip()) is None:
            raise ValidationError(PHONE_MESSAGE)


class OrganisationForm(FlaskForm):
    contact_name = StringField(
        "Contact name",
        widget=GovTextInput(),
        validators=[Optional(), Length(max=200, message="Contact name must be 200 characters or fewer"), TextCheck()],
    )
    contact_email = StringField(
        "Contact email address",
        widget=GovEmailInput(),
        description="The procurement lead will use it to contact you about these answers.",
        validators=[
            Optional(),
            Length(max=254, message="Email address must be 254 characters or fewer"),
            Regexp(EMAIL, message=EMAIL_MESSAGE),
        ],
    )
    contact_phone = StringField(
        "Contact telephone number (optional)",
        widget=GovTelInput(),
        description="For international numbers include the country code, like +44.",
        validators=[Optional(), Length(max=40, message="Telephone number must be 40 characters or fewer"), PhoneCheck()],
    )
    version = HiddenField()
    save = SubmitField("Save and continue", widget=GovSubmitInput())


def lots_form_class(lots: tuple[Lot, ...]) -> type[FlaskForm]:
    choices = [(lot.id, lot.title) for lot in lots]

    class LotsForm(FlaskForm):
        participation = RadioField(
            "Will your organisation take part in the CPSN procurement?",
            widget=GovRadioInput(),
            choices=[("yes", "Yes, we want some of these services"), ("no", "No, we decline this project")],
            validators=[Optional()],
        )
        lots = SelectMultipleField(
            "Which lots do you want?",
            widget=GovCheckboxesInput(),
            description="Select every lot you want included in the statement of requirements.",
            choices=choices,
            validators=[Optional()],
        )
        confirm_decline = HiddenField()
        version = HiddenField()
        save = SubmitField("Save and continue", widget=GovSubmitInput())

    return LotsForm


class SiteForm(FlaskForm):
    """A site; the one site check (responses/sites.py) reports every problem at once, as uploads and files do."""

    name = StringField("Site name", widget=GovTextInput())
    postcode = StringField("Postcode", widget=GovTextInput())
    service_line = SelectField("Service the site needs", widget=GovSelect(), validate_choice=False)
    notes = TextAreaField("Notes (optional)", widget=GovTextArea())
    version = HiddenField()
    save = SubmitField("Save site", widget=GovSubmitInput())

    def check(self, catalogue, lots, seen) -> bool:
        """Validate (CSRF included) and check the site; `self.site` is the checked site."""
        valid = self.validate()
        self.site, problems = check_site(self.name.data, self.postcode.data, self.service_line.data, self.notes.data, catalogue, lots, seen)
        for field, message in problems:
            getattr(self, field).errors = list(getattr(self, field).errors) + [message]
        return valid and self.site is not None


class UploadForm(FlaskForm):
    file = FileField("Upload a CSV file of sites", widget=GovFileInput())
    version = HiddenField()
    upload = SubmitField("Upload and replace all sites", widget=GovSubmitInput())


class ContributionForm(FlaskForm):
    max_contribution = StringField(
        "The most your organisation agrees to contribute to shared costs, for the whole term", widget=GovTextInput()
    )
    version = HiddenField()
    save = SubmitField("Save and continue", widget=GovSubmitInput())


class VersionForm(FlaskForm):
    """A bare form (CSRF and the version seen) for buttons such as Submit or Remove."""

    version = HiddenField()
    submit = SubmitField("Submit answers", widget=GovSubmitInput())


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

    name = StringField(
        "Name", widget=GovTextInput(), validators=[DataRequired("Enter the person's name"), Length(max=200), TextCheck(), OneLine()]
    )
    email = StringField(
        "Email address", widget=GovTextInput(), validators=[DataRequired("Enter an email address"), Length(max=254), EmailAddress()]
    )
    role = RadioField(
        "Role",
        widget=GovRadioInput(),
        choices=[("partner", "Partner officer"), ("lead", "Procurement lead"), ("cabinet", "Cabinet viewer")],
        validators=[DataRequired("Choose a role")],
    )
    partner_id = SelectField("Partner (for partner officers)", widget=GovSelect(), validators=[Optional()])
    save = SubmitField("Send invitation", widget=GovSubmitInput())


class ForgotPasswordForm(FlaskForm):
    email = StringField(
        "Email address", widget=GovTextInput(), validators=[DataRequired("Enter your email address"), Length(max=254), EmailAddress()]
    )
    submit = SubmitField("Send a link", widget=GovSubmitInput())


class NewPasswordForm(FlaskForm):
    password = PasswordField(
        "New password",
        description="At least 10 characters. A few unrelated words make a strong password that is easy to remember.",
        widget=GovPasswordInput(),
        validators=[
            DataRequired("Enter a new password"),
            Length(min=10, max=200, message="Password must be between 10 and 200 characters"),
        ],
    )
    confirm = PasswordField(
        "Type the new password again", widget=GovPasswordInput(), validators=[DataRequired("Type the new password again")]
    )
    submit = SubmitField("Set password", widget=GovSubmitInput())

    def validate_confirm(self, field):
        if self.password.data and field.data != self.password.data:
            raise ValidationError("The passwords do not match: type the same password twice")


class VoteForm(FlaskForm):
    choice = RadioField(
        "Your organisation's vote",
        widget=GovRadioInput(),
        choices=[("for", "For"), ("against", "Against"), ("abstain", "Abstain")],
        validators=[DataRequired("Choose for, against or abstain")],
    )
    save = SubmitField("Cast the vote", widget=GovSubmitInput())


class RepresentativeForm(FlaskForm):
    user_id = SelectField("Officer", widget=GovSelect(), validators=[DataRequired("Choose the officer who holds the delegation")])
    granted_by = StringField(
        "Delegated by",
        description="Who granted the authority, for example the chief executive",
        widget=GovTextInput(),
        validators=[DataRequired("Enter who delegated the authority"), Length(max=200), TextCheck()],
    )
    save = SubmitField("Record the delegation", widget=GovSubmitInput())


class ParticipationForm(FlaskForm):
    partner_id = SelectField("Partner", widget=GovSelect(), validators=[DataRequired("Choose the partner")])
    project_id = SelectField("Project", widget=GovSelect(), validators=[DataRequired("Choose the project")])
    max_contribution = StringField(
        "Most it agrees to contribute (£, blank if none agreed)", widget=GovTextInput(), validators=[MoneyCheck("Maximum contribution")]
    )
    save = SubmitField("Save", widget=GovSubmitInput())


class PartnerForm(FlaskForm):
    status = RadioField(
        "Membership",
        widget=GovRadioInput(),
        validators=[DataRequired("Choose the partner's membership")],
        choices=[
            ("member", "Member"),
            ("prospective", "Prospective (may join later)"),
            ("withdrawing", "Member that has given notice"),
            ("withdrawn", "Withdrawn"),
        ],
    )
    save = SubmitField("Save membership", widget=GovSubmitInput())
