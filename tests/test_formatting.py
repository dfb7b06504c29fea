"""One module formats every figure (cpsn_builder/formatting.py): the web's filters and macros, the
command line, the documents and the questionnaire all print what it prints."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from cli_runner import run_cli
from conftest import REPO
from cpsn_builder import formatting
from cpsn_builder.catalogue import Catalogue, load_catalogue
from cpsn_builder.documents import money_text
from cpsn_builder.engine import estimate
from cpsn_builder.questions import formatting as answer_formatting
from cpsn_builder.responses import load_responses
from cpsn_builder.web import create_app

D = Decimal


@pytest.mark.parametrize(
    ("value", "screen", "document"),
    [
        (D("1234.5"), "£1,234.50", "£1,234.50"),
        (D("-1234.5"), "-£1,234.50", "\u2212£1,234.50"),
        (D("0.005"), "£0.00", "£0.01"),  # screens keep Python's rounding, documents round half up
        (D("-0.004"), "-£0.00", "£0.00"),  # a document never prints a minus on nothing
        (None, "-", "-"),
    ],
)
def test_money_reads_as_each_output_prints_it(value, screen, document):
    assert formatting.money(value) == screen
    assert formatting.pounds(value) == document


def test_numbers_prices_and_answers():
    assert [formatting.number(v) for v in (D("12345"), D("2.50"), D("1E+3"), 7)] == ["12,345", "2.5", "1,000", "7"]
    assert [formatting.unit_price(v) for v in (D("0.011"), D("12"), None)] == ["£0.011", "£12.00", "-"]
    assert [formatting.answer_money(v) for v in (D("85000"), D("1250.5"), D("-3"), None)] == ["£85,000", "£1,250.50", "-£3", ""]
    assert [formatting.whole_money(v) for v in (1234, -57940)] == ["£1,234", "-£57,940"]
    assert formatting.figure(-57940) == "\u221257,940" and formatting.percent(D("61.9")) == "61.90%"
    assert formatting.long_date(date(2012, 4, 1)) == "1 April 2012"
    assert formatting.count(1, "link") == "1 link" and formatting.count(D("1200"), "port") == "1,200 ports"
    assert formatting.whole_pounds([D("0.5"), D("0.5"), D("0.5")], D("1.5")) == [1, 1, 0]


def test_no_second_implementation_is_left():
    assert money_text.pounds is formatting.pounds and money_text.quantity is formatting.number
    assert answer_formatting.money is formatting.answer_money and answer_formatting.number is formatting.number


def test_web_filters_and_macros_print_what_formatting_prints(tmp_path):
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'x.sqlite3'}"}, instance_path=str(tmp_path / "i"))
    values = [D("-1234.5"), D("0.011"), D("2.50"), D("1000")]
    source = (
        '{% from "_macros.html" import money, price, qty %}'
        "{% for v in values %}{{ money(v) }}|{{ v | money }}|{{ price(v) }}|{{ v | price }}|{{ qty(v) }}|{{ v | number }};{% endfor %}"
    )
    with app.app_context():
        shown = app.jinja_env.from_string(source).render(values=values)
    expected = "".join(
        f"{formatting.money(v)}|{formatting.money(v)}|{formatting.unit_price(v)}|{formatting.unit_price(v)}|"
        f"{formatting.number(v)}|{formatting.number(v)};"
        for v in values
    )
    assert shown == expected


def test_the_command_line_and_the_engines_warnings_print_the_same_figures():
    cat = load_catalogue(None)
    est = estimate(cat, load_responses([REPO / "demo" / "responses"], cat))
    table = run_cli("estimate", "--responses", REPO / "demo" / "responses").stdout
    assert formatting.pounds(est.totals.contract_value) in table
    projects = [p.model_copy(update={"envelope": D(1000)}) if p.id == cat.procurement.id else p for p in cat.programme.projects]
    small = Catalogue(cat.root, cat.programme.model_copy(update={"projects": projects}), cat.partners, cat.lots, cat.digest, cat.documents)
    over = estimate(small, load_responses([REPO / "demo" / "responses"], small))
    assert (
        f"The contract value {formatting.money(over.totals.contract_value)} exceeds the envelope £1,000.00 by "
        f"{formatting.money(over.totals.contract_value - 1000)}." in over.warnings
    )
