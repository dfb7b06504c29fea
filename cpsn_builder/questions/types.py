"""One class per question type: how a catalogue question is asked, read, checked, stored and summarised.

A view or template never looks at a question's `type`: it asks the question's class for its form
field, its rendering parameters, the typed answer of what was typed (or written in a file), the
stored form of that answer, and how the answer reads on check-your-answers and in documents. The
same messages serve the web form and `cpsn-builder responses check`, so the two can never disagree.

The classes build their WTForms field only when asked, so the engine and the command line can use
the parsing and the messages without importing the web stack.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any, ClassVar

from ..catalogue.models import CheckboxQuestion, NumberQuestion, RadioQuestion, TextQuestion
from .formatting import capitalised, count, number
from .text import text_problem

Answer = bool | Decimal | str

# Digits, optionally grouped in thousands with commas, optionally with decimals: "12", "1,250", "2.5".
# Not "1E+3", "0x10", "Infinity" or "12 sites", which Decimal() alone would accept or misread.
_NUMBER = re.compile(r"^[+-]?(\d+|\d{1,3}(,\d{3})+)(\.\d+)?$")


class AnswerError(ValueError):
    """What is wrong with an answer and how to put it right, in the GOV.UK error message style."""


class QuestionType:
    """Behaviour shared by every type; a subclass per catalogue question type fills it in."""

    model: ClassVar[type]

    def __init__(self, question):
        self.question = question

    @property
    def id(self) -> str:
        return self.question.id

    @property
    def label(self) -> str:
        return self.question.label

    @property
    def name(self) -> str:
        """How messages name the answer ('number of broadband sites')."""
        return self.question.name or self.question.label.rstrip("?").lower()

    @property
    def required(self) -> bool:
        return self.question.required

    @property
    def field_label(self) -> str:
        return self.label if self.required else f"{self.label} (optional)"

    @property
    def hint(self) -> str:
        return self.question.hint or ""

    def missing_message(self) -> str:
        return f"Enter {self.name}"

    def is_blank(self, raw: Any) -> bool:
        return raw is None or (isinstance(raw, str) and not raw.strip())

    def parse(self, raw: Any) -> Answer | None:
        """The typed answer of what a form or a file holds; None when blank. Raises AnswerError."""
        if self.is_blank(raw):
            return None
        return self._parse(raw)

    def _parse(self, raw: Any) -> Answer:
        raise NotImplementedError

    def to_stored(self, value: Answer) -> Any:
        """The answer as the database's JSON holds it (numbers as decimal strings, never floats)."""
        return value

    def from_stored(self, stored: Any) -> Answer:
        return stored

    def to_file(self, value: Answer) -> Any:
        """The answer as a response file writes it."""
        return value

    def to_form(self, value: Answer | None) -> Any:
        """The answer as the form field shows it again."""
        return value

    def summary(self, value: Answer | None) -> str:
        """How the answer reads on check-your-answers."""
        return "Not answered" if value is None else str(value)

    # --- the web form (imports kept inside so the engine never loads WTForms or Flask)

    def form_field(self):
        from govuk_frontend_wtf.wtforms_widgets import GovTextInput
        from wtforms import StringField

        return StringField(self.field_label, description=self.hint, widget=GovTextInput(), validators=[_Check(self)])

    def field_params(self) -> dict:
        """Parameters for the govuk-frontend macro that renders the field."""
        return {}


class _Check:
    """A WTForms validator that asks the question's class, so the form says what a file check says."""

    def __init__(self, kind: QuestionType):
        self.kind = kind

    def __call__(self, form, field):
        from wtforms.validators import ValidationError

        try:
            self.kind.parse(field.data)
        except AnswerError as exc:
            raise ValidationError(str(exc)) from None


class NumberType(QuestionType):
    model = NumberQuestion

    @property
    def unit_singular(self) -> str:
        return self.question.unit_singular or self.question.unit

    @property
    def hint(self) -> str:
        q = self.question
        limits = f"{'A whole number' if q.integer else 'A number'} from {number(q.min)} to {number(q.max)}."
        return f"{q.hint} {limits}" if q.hint else limits

    def missing_message(self) -> str:
        return f"Enter the {self.name}"

    def _format_message(self) -> str:
        return (
            f"Enter the {self.name} as a whole number, like 12"
            if self.question.integer
            else f"Enter the {self.name} as a number, like 12.5"
        )

    def _parse(self, raw: Any) -> Decimal:
        q = self.question
        if isinstance(raw, bool):
            raise AnswerError(self._format_message())
        if isinstance(raw, str):
            text = raw.strip()
            if not _NUMBER.match(text):
                raise AnswerError(self._format_message())
            value = Decimal(text.replace(",", ""))
        else:
            try:
                value = Decimal(raw) if isinstance(raw, (int, Decimal)) else Decimal(str(raw))
            except (InvalidOperation, ValueError, TypeError):
                raise AnswerError(self._format_message()) from None
            if not value.is_finite():
                raise AnswerError(self._format_message())
        if q.integer and value != value.to_integral_value():
            raise AnswerError(self._format_message())
        if value < q.min:
            raise AnswerError(f"{capitalised(self.name)} must be {number(q.min)} or more")
        if value > q.max:
            raise AnswerError(f"{capitalised(self.name)} must be {number(q.max)} or fewer")
        return Decimal(int(value)) if q.integer else value.normalize()

    def to_stored(self, value: Decimal) -> str:
        return str(value)

    def from_stored(self, stored: Any) -> Decimal:
        return Decimal(str(stored))

    def to_file(self, value: Decimal) -> int | str:
        return int(value) if value == value.to_integral_value() else str(value)

    def to_form(self, value):
        return None if value is None else str(value)

    def summary(self, value: Decimal | None) -> str:
        if value is None:
            return "Not answered"
        return count(value, self.unit_singular, self.question.unit)

    def field_params(self) -> dict:
        return {
            "classes": "govuk-input--width-10",
            "inputmode": "numeric" if self.question.integer else "decimal",
            "spellcheck": False,
            "suffix": {"text": self.question.unit},
        }


class CheckboxType(QuestionType):
    model = CheckboxQuestion

    def is_blank(self, raw: Any) -> bool:
        return raw is None

    def _parse(self, raw: Any) -> bool:
        if isinstance(raw, bool):
            return raw
        raise AnswerError(f"'{str(raw)[:40]}' is not a yes or no answer: write true or false")

    def summary(self, value: bool | None) -> str:
        return "Yes" if value else "No"

    def to_form(self, value):
        return bool(value)

    def form_field(self):
        from govuk_frontend_wtf.wtforms_widgets import GovCheckboxInput
        from wtforms import BooleanField

        return BooleanField(self.label, description=self.hint, widget=GovCheckboxInput())


class RadioType(QuestionType):
    model = RadioQuestion

    def missing_message(self) -> str:
        return f"Select {self.name}"

    def _parse(self, raw: Any) -> str:
        values = [o.value for o in self.question.options]
        if raw in values:
            return raw
        raise AnswerError(f"Select {self.name}: '{str(raw)[:40]}' is not one of the options ({', '.join(values)})")

    def summary(self, value: str | None) -> str:
        if value is None:
            return "Not answered"
        return next((o.label for o in self.question.options if o.value == value), value)

    def form_field(self):
        from govuk_frontend_wtf.wtforms_widgets import GovRadioInput
        from wtforms import RadioField

        return RadioField(
            self.field_label,
            description=self.hint,
            widget=GovRadioInput(),
            validate_choice=False,
            choices=[(o.value, o.label) for o in self.question.options],
            validators=[_Check(self)],
        )

    def field_params(self) -> dict:
        return {"fieldset": {"legend": {"text": self.field_label, "classes": "govuk-fieldset__legend--s"}}}


class TextType(QuestionType):
    model = TextQuestion

    def _parse(self, raw: Any) -> str:
        text = (raw if isinstance(raw, str) else str(raw)).strip()
        limit = self.question.max_length
        if len(text) > limit:
            raise AnswerError(f"{capitalised(self.name)} must be {limit:,} characters or fewer")
        why = text_problem(text)
        if why:
            raise AnswerError(f"{capitalised(self.name)} {why}")
        return text

    def summary(self, value: str | None) -> str:
        return "Not given" if value is None else value

    def form_field(self):
        from govuk_frontend_wtf.wtforms_widgets import GovTextArea
        from wtforms import TextAreaField

        return TextAreaField(self.field_label, description=self.hint, widget=GovTextArea(), validators=[_Check(self)])


_TYPES = {kind.model: kind for kind in (NumberType, CheckboxType, RadioType, TextType)}


def question_type(question) -> QuestionType:
    """The behaviour of a catalogue question."""
    return _TYPES[type(question)](question)
