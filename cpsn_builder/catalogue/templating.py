"""Requirement text may quote aggregated figures ("connect {{ demand.eth_100m | number }} sites").

Catalogue text is data, so it renders in Jinja's sandbox; the HTML environment autoescapes
(a partner name with '<' stays text on the web); documents take the plain rendering, because
python-docx escapes XML itself and would otherwise show '&amp;'.

Jinja's sandbox stops attribute tricks but not sheer size: `{{ 'x' * 100000000000 }}` ran out of
memory and `{{ 9 ** (9 ** 10) }}` ran for minutes. So arithmetic is intercepted and bounded, the
text may use only expressions, `if` and a list of harmless filters (no loops, assignments, calls
or macros, which could grow a value without an operator), and the output is capped.
"""

from __future__ import annotations

import math
import re
import operator
from decimal import Decimal
from functools import lru_cache
from typing import Any

from jinja2 import StrictUndefined, TemplateError, UndefinedError, nodes
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

from ..formatting import count as counted
from ..formatting import number
from ..name_lists import join_and, names

MAX_OUTPUT = 20_000  # characters one requirement may render to (the source text is at most 10,000)
MAX_NUMBER_BITS = 256  # about 77 digits: far beyond any real quantity or price
MAX_SEQUENCE = 10_000  # characters or items an operator may make

_OPERATORS = {
    "+": operator.add,
    "-": operator.sub,
    "*": operator.mul,
    "/": operator.truediv,
    "//": operator.floordiv,
    "%": operator.mod,
    "**": operator.pow,
}
SAFE_FILTERS = frozenset(
    {
        "number",
        "plural",
        "upper",
        "lower",
        "title",
        "capitalize",
        "trim",
        "default",
        "d",
        "round",
        "int",
        "float",
        "abs",
        "length",
        "count",
        "first",
        "last",
        "e",
        "escape",
        "string",
        "join",
        "join_and",
        "names",
    }
)  # joining a list of names is bounded by the list
_ALLOWED_NODES = (
    nodes.Template,
    nodes.Output,
    nodes.TemplateData,
    nodes.Name,
    nodes.Const,
    nodes.Getattr,
    nodes.Getitem,
    nodes.Filter,
    nodes.Test,
    nodes.If,
    nodes.CondExpr,
    nodes.Compare,
    nodes.Operand,
    nodes.And,
    nodes.Or,
    nodes.Not,
    nodes.Neg,
    nodes.Pos,
    nodes.BinExpr,
    nodes.Concat,
    nodes.Tuple,
    nodes.List,
    nodes.Slice,
    nodes.Keyword,
)


class BoundedEnvironment(SandboxedEnvironment):
    """The sandbox with every arithmetic operator checked before it runs."""

    intercepted_binops = frozenset(_OPERATORS)

    def call_binop(self, context, op: str, left: Any, right: Any) -> Any:
        if op == "**":
            _check_power(left, right)
        elif op == "*":
            _check_product(left, right)
        result = _OPERATORS[op](left, right)
        if isinstance(result, int) and result.bit_length() > MAX_NUMBER_BITS:
            raise SecurityError(f"the result of '{op}' has more than {MAX_NUMBER_BITS * 3 // 10} digits")
        if isinstance(result, (str, list, tuple)) and len(result) > MAX_SEQUENCE:
            raise SecurityError(f"the result of '{op}' is longer than {MAX_SEQUENCE:,}")
        return result


def _magnitude_bits(value: Any) -> float:
    """About how many bits the number's size takes (0 for what is not a finite, non-zero number)."""
    if isinstance(value, bool):
        return 0.0
    if isinstance(value, int):
        return math.log2(abs(value)) if value else 0.0
    if isinstance(value, Decimal):
        return (abs(value).adjusted() + 1) * 3.33 if value and value.is_finite() else 0.0
    if isinstance(value, float) and value and math.isfinite(value):
        return abs(math.log2(abs(value)))
    return 0.0


def _check_power(base: Any, exponent: Any) -> None:
    if isinstance(exponent, (int, float, Decimal)) and not isinstance(exponent, bool):
        if abs(exponent) > MAX_NUMBER_BITS or _magnitude_bits(base) * abs(float(exponent)) > MAX_NUMBER_BITS:
            raise SecurityError(f"'**' with exponent {exponent} is too large for requirement text")


def _check_product(left: Any, right: Any) -> None:
    for seq, count in ((left, right), (right, left)):
        if isinstance(seq, (str, list, tuple)) and isinstance(count, int):
            if len(seq) * max(count, 0) > MAX_SEQUENCE:
                raise SecurityError(f"repeating text {count:,} times makes more than {MAX_SEQUENCE:,} characters")


def format_number(value: Any) -> str:
    """1234567 -> '1,234,567'; 1234.5 -> '1,234.5'; anything else as it prints."""
    return number(value) if isinstance(value, (int, Decimal)) else str(value)


def plural(value: Any, singular: str, plural_form: str | None = None) -> str:
    """A count with its noun: 3 | plural("link") -> '3 links', 1 -> '1 link'; plural("facility", "facilities")."""
    return counted(value, singular, plural_form) if isinstance(value, (int, Decimal)) else f"{value} {plural_form or singular + 's'}"


def _environment(autoescape: bool) -> SandboxedEnvironment:
    env = BoundedEnvironment(autoescape=autoescape, undefined=StrictUndefined)
    env.filters["number"] = format_number
    env.filters["join_and"] = join_and
    env.filters["names"] = names
    env.filters["plural"] = plural
    return env


_ENVIRONMENTS = {True: _environment(True), False: _environment(False)}


@lru_cache(maxsize=4096)
def _compile(text: str, html: bool):
    env = _ENVIRONMENTS[html]
    _check_constructs(env.parse(text))
    return env.from_string(text)


def _check_constructs(tree: nodes.Node) -> None:
    for node in tree.find_all(nodes.Node):
        if not isinstance(node, _ALLOWED_NODES):
            raise SecurityError(
                f"'{type(node).__name__}' is not allowed in requirement text: use {{{{ ... }}}} expressions, filters and {{% if %}} only"
            )
        if isinstance(node, nodes.Filter) and node.name not in SAFE_FILTERS:
            raise SecurityError(
                f"the filter '{node.name}' is not allowed in requirement text: use one of {', '.join(sorted(SAFE_FILTERS))}"
            )


def render(text: str, context: dict[str, Any], *, html: bool = False) -> str:
    """Render catalogue text with the given figures; raises TemplateError on a bad or oversized template."""
    if "{" not in text:
        # No template syntax: what Jinja would print, without compiling it (half the catalogue's texts
        # are plain, and compiling them was a fifth of every command's start-up).
        plain = text.replace("\r\n", "\n").replace("\r", "\n")
        plain = plain[:-1] if plain.endswith("\n") else plain  # Jinja drops one trailing newline
        if len(plain) > MAX_OUTPUT:
            raise SecurityError(f"the text renders to more than {MAX_OUTPUT:,} characters")
        return plain
    parts, size = [], 0
    for part in _compile(text, html).generate(**context):
        size += len(part)
        if size > MAX_OUTPUT:
            raise SecurityError(f"the text renders to more than {MAX_OUTPUT:,} characters")
        parts.append(part)
    return "".join(parts)


def sample_context(line_ids: list[str]) -> dict[str, Any]:
    """A context with every name a requirement may use, for checking templates without data."""
    return {
        "demand": {line_id: 1 for line_id in line_ids},
        "partners": ["Example Council"],
        "partner_count": 1,
        "sites": 1,
        "lot": "Example lot",
        "contract_start": "1 April 2012",
        "term_years": 5,
    }


# The names document text may use (statement of requirements' sections, cabinet reports), with
# sample values for checking; documents/context.py builds the real ones, and a test keeps the
# two in step.
DOCUMENT_NAMES = (
    "partnership",
    "board",
    "programme",
    "project",
    "replaces",
    "lead",
    "contract_start",
    "contract_end",
    "current_contracts_end",
    "term_years",
    "extension_years",
    "envelope",
    "partners",
    "partner_count",
    "prospective",
    "lot_count",
    "sites",
    "issued",
    "quality_weight",
    "price_weight",
    "abnormally_low_percent",
    "notice_years",
    "version",
    "council",
    "cameras",
    "law",
    "section",
)


def sample_document_context(section_ids: list[str], term_names: list[str]) -> dict[str, Any]:
    sample: dict[str, Any] = {name: "Example" for name in DOCUMENT_NAMES}
    sample.update(
        partners=["Example Council", "Other Council"],
        prospective=["Joining Council"],
        partner_count=2,
        lot_count=1,
        sites=1,
        term_years=5,
        extension_years=2,
        quality_weight=60,
        price_weight=40,
        abnormally_low_percent=30,
        notice_years=2,
        cameras=1,
        law={name: "the Example Act" for name in term_names},
        section={section_id: "1" for section_id in section_ids},
    )
    return sample


def template_problem(text: str, context: dict[str, Any], what: str = "requirement text") -> str | None:
    """Why the text does not render with the context, or None when it does."""
    try:
        render(text, context)
    except UndefinedError as exc:
        unknown = re.search(r"has no attribute '([^']+)'|'([^']+)' is undefined", exc.message or "")
        name = next((g for g in unknown.groups() if g), None) if unknown else None
        if name and unknown.group(1):  # an entry of a mapping: say which mapping (demand.eth_99, not eth_99)
            spelled = re.search(rf"\b([A-Za-z_]\w*)\s*\.\s*{re.escape(name)}\b", text)
            name = f"{spelled.group(1)}.{name}" if spelled else name
        return (
            f"{what} uses {f'{name!r}' if name else 'a name'}, which is not a figure it can quote: "
            f"use one of {', '.join(_dotted_names(context))}"
        )
    except TemplateError as exc:
        return f"{what} does not render: {exc.message or exc}; names available: {', '.join(sorted(context))}"
    except (ArithmeticError, ValueError, TypeError) as exc:  # e.g. division by zero in the text's arithmetic
        return f"{what} does not render: {exc}"
    return None


def _dotted_names(context: dict[str, Any]) -> list[str]:
    """Every name a text may quote, a mapping's entries spelled out (demand.eth_10m, law.notice)."""
    names = []
    for name in sorted(context):
        value = context[name]
        names += [f"{name}.{key}" for key in sorted(value)] if isinstance(value, dict) else [name]
    return names
