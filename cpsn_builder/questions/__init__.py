"""The catalogue's question types and the rules between answers: what the form, the file check,
check-your-answers and the database all ask about a question, in one place."""

from .rules import applicable, applies, lot_problems
from .types import AnswerError, QuestionType, question_type

__all__ = ["AnswerError", "QuestionType", "applicable", "applies", "lot_problems", "question_type"]
