"""Turning pydantic's validation errors into problems a person can act on, with file and line."""

from __future__ import annotations

import types
import typing
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .problems import Problem
from .yaml_lines import PathKey, SourceDocument

M = TypeVar("M", bound=BaseModel)


def validate_document(model: type[M], doc: SourceDocument, data: Any = None, base: PathKey = ()) -> tuple[M | None, list[Problem]]:
    """Validate `data` (default: the whole document) found at `base` in `doc` against `model`."""
    data = doc.data if data is None else data
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        return None, [doc.problem(base + tuple(err["loc"]), describe(model, err)) for err in exc.errors()]


def dotted(loc: PathKey) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def describe(model: type[BaseModel], err: dict) -> str:
    loc = tuple(err["loc"])
    kind = err["type"]
    where = dotted(loc)
    given = err.get("input")
    ctx = err.get("ctx") or {}
    if kind == "extra_forbidden":
        allowed = _allowed_keys(model, loc[:-1])
        hint = f" (allowed here: {', '.join(allowed)})" if allowed else ""
        return f"unknown key '{loc[-1]}': remove it or correct its spelling{hint}"
    if kind == "missing":
        return f"missing required key '{loc[-1]}' in {dotted(loc[:-1]) or 'the file'}: add it"
    prefix = f"{where}: " if where else ""
    if kind in ("decimal_parsing", "decimal_type", "int_parsing", "int_type", "float_parsing", "float_type"):
        return f"{prefix}{given!r} is not a number: write a plain number such as 1200 or 12.50 (no £ or commas)"
    if kind in ("int_from_float", "decimal_max_places"):
        return f"{prefix}{given} must be a whole number"
    if kind.startswith("date"):
        return f"{prefix}{given!r} is not a date: write it as YYYY-MM-DD, e.g. 2012-04-01"
    if kind in ("bool_parsing", "bool_type"):
        return f"{prefix}{given!r} is not yes/no: write true or false"
    if kind in ("list_type", "tuple_type"):
        return f"{prefix}expected a list (lines starting with '- '), found {type(given).__name__}"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"{prefix}expected a mapping of 'key: value' lines, found {type(given).__name__}"
    if kind in ("string_type",):
        return f"{prefix}expected text, found {given!r}: put it in quotes"
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        bound = next(iter(ctx.values()), "")
        words = {"greater_than_equal": "at least", "greater_than": "more than", "less_than_equal": "at most", "less_than": "less than"}[
            kind
        ]
        return f"{prefix}{given} is out of range: it must be {words} {bound}"
    if kind == "literal_error" or kind == "enum":
        return f"{prefix}{given!r} is not allowed: use one of {ctx.get('expected', '')}"
    if kind in ("string_too_long", "string_too_short"):
        return f"{prefix}{err['msg'].lower()}"
    if kind == "string_pattern_mismatch":
        return f"{prefix}{given!r} {_PATTERN_HELP.get(ctx.get('pattern'), _UNKNOWN_PATTERN)}"
    message = err["msg"]
    if message.startswith("Value error, "):
        message = message[len("Value error, ") :]
    return f"{prefix}{message}"


# What each pattern in the models asks for, in words (a regular expression helps nobody).
_PATTERN_HELP = {
    r"^[a-z][a-z0-9_-]*$": "is not a valid identifier: use lower-case letters, digits, '-' and '_' (e.g. wan_100m)",
    r"^[A-Z]{2,8}-\d{3}$": "is not a requirement id: write the lot's capital letters, a hyphen and three digits (e.g. WAN-101)",
    r"^[0-9a-f]{64}$": "is not a SHA-256 digest: 64 characters of 0-9 and a-f, as `cpsn-builder catalogue check` prints",
    r"^\d{4}/\d{2}$": "is not a financial year: write it as 2012/13",
    r"^Q\d{1,2}$": "is not a criterion id: write Q and a number (e.g. Q1)",
    r"^[A-Z]$": "is not an annex letter: write one capital letter (e.g. A)",
    r"^[0-9 +()]{6,20}$": "is not a telephone number: use digits, spaces, + and brackets (e.g. 01223 699 999)",
    r"^[^@\s]+@[^@\s]+\.[^@\s]+$": "is not an email address: write it as name@example.gov.uk",
    r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$": "is not a valid code: use letters, digits, '.', '-' and '_' (up to 40, e.g. M-2012-01)",
}
_UNKNOWN_PATTERN = "is not in the form this field needs: check the examples in the README"


def _allowed_keys(model: type[BaseModel], loc: PathKey) -> list[str]:
    """The field names of the model found by following `loc` through the model's annotations."""
    current: Any = model
    for part in loc:
        current = _unwrap(current)
        if isinstance(part, int):
            args = typing.get_args(current)
            current = args[0] if args else None
        elif isinstance(current, type) and issubclass(current, BaseModel):
            info = current.model_fields.get(part)
            if info is None:
                info = next((f for f in current.model_fields.values() if f.alias == part), None)
            current = info.annotation if info else None
        else:
            args = typing.get_args(current)
            current = args[-1] if len(args) == 2 else None  # dict[str, X] -> X
        if current is None:
            return []
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return [f.alias or name for name, f in current.model_fields.items()]
    return []


def _unwrap(tp: Any) -> Any:
    """Optional[X] -> X; Annotated[X, ...] -> X."""
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(tp) if a is not type(None)]
            if len(args) != 1:
                return tp
            tp = args[0]
        else:
            return tp
