"""Requirement text may quote aggregated figures ("connect {{ demand.eth_100m | number }} sites").

Catalogue text is data, so it renders in Jinja's sandbox; the HTML environment autoescapes
(a partner name with '<' stays text on the web); documents take the plain rendering, because
python-docx escapes XML itself and would otherwise show '&amp;'.
"""
from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from typing import Any

from jinja2 import StrictUndefined, TemplateError
from jinja2.sandbox import SandboxedEnvironment


def format_number(value: Any) -> str:
    """1234567 -> '1,234,567'; 1234.5 -> '1,234.5'."""
    if isinstance(value, (int, Decimal)):
        value = Decimal(value)
        if value == value.to_integral_value():
            return f"{int(value):,}"
        return f"{value.normalize():,f}"
    return str(value)


def join_and(items: Any) -> str:
    """['A', 'B', 'C'] -> 'A, B and C'."""
    items = [str(item) for item in items]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1] if items else ""


def _environment(autoescape: bool) -> SandboxedEnvironment:
    env = SandboxedEnvironment(autoescape=autoescape, undefined=StrictUndefined)
    env.filters["number"] = format_number
    env.filters["join_and"] = join_and
    return env


_ENVIRONMENTS = {True: _environment(True), False: _environment(False)}


@lru_cache(maxsize=4096)
def _compile(text: str, html: bool):
    return _ENVIRONMENTS[html].from_string(text)


def render(text: str, context: dict[str, Any], *, html: bool = False) -> str:
    """Render catalogue text with the given figures; raises TemplateError on a bad template."""
    return _compile(text, html).render(**context)


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
DOCUMENT_NAMES = ("partnership", "board", "programme", "project", "replaces", "lead", "contract_start", "contract_end",
                  "current_contracts_end", "term_years", "extension_years", "envelope", "partners", "partner_count",
                  "prospective", "lot_count", "sites", "issued", "quality_weight", "price_weight", "notice_years",
                  "version", "council", "cameras", "law", "section")


def sample_document_context(section_ids: list[str], term_names: list[str]) -> dict[str, Any]:
    sample: dict[str, Any] = {name: "Example" for name in DOCUMENT_NAMES}
    sample.update(partners=["Example Council", "Other Council"], prospective=["Joining Council"], partner_count=2,
                  lot_count=1, sites=1, term_years=5, extension_years=2, quality_weight=60, price_weight=40,
                  notice_years=2, cameras=1, law={name: "the Example Act" for name in term_names},
                  section={section_id: "1" for section_id in section_ids})
    return sample


def template_problem(text: str, context: dict[str, Any], what: str = "requirement text") -> str | None:
    """Why the text does not render with the context, or None when it does."""
    try:
        render(text, context)
    except TemplateError as exc:
        return f"{what} does not render: {exc.message or exc}; names available: {', '.join(sorted(context))}"
    return None
