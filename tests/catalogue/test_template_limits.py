"""Requirement text renders in a bounded sandbox: huge arithmetic, output or loops are catalogue problems with file:line."""

from __future__ import annotations

import re
import time

import pytest
from click.testing import CliRunner

from catalogue_builder import copy_shipped
from cpsn_builder.catalogue.templating import render
from cpsn_builder.cli import main


def _check_with(tmp_path, text):
    root = copy_shipped(tmp_path / "cat")
    path = root / "lots" / "cctv.yml"
    source = path.read_text()
    first = re.search(r"text: (.*)\n", source.split("requirements:")[1]).group(1)
    path.write_text(source.replace(f"text: {first}", f'text: "{text}"', 1))
    line = (
        path.read_text().splitlines().index(f'    text: "{text}"') + 1 if f'    text: "{text}"' in path.read_text().splitlines() else None
    )
    return CliRunner().invoke(main, ["catalogue", "check", str(root)]), line


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("{{ 'x' * 100000000000 }}", "repeating text 100,000,000,000 times makes more than 10,000 characters"),
        ("{{ 9 ** (9 ** 10) }}", "'**' with exponent 3486784401 is too large"),
        ("{{ 2 ** 255 * 2 ** 255 }}", "has more than 76 digits"),
        ("{% for i in range(100000) %}{{ i }}{% endfor %}", "'For' is not allowed in requirement text"),
        ("{% set ns = namespace(x='ab') %}{{ ns.x }}", "is not allowed in requirement text"),
        ("{{ 'x' | center(1000000000) }}", "the filter 'center' is not allowed"),
        ("{{ 'abc'.ljust(1000000000) }}", "'Call' is not allowed"),
    ],
)
def test_unbounded_templates_are_catalogue_problems_at_their_line(tmp_path, text, why):
    started = time.monotonic()
    result, line = _check_with(tmp_path, text)
    assert time.monotonic() - started < 30  # what used to hang or run out of memory answers at once
    assert result.exit_code == 1 and "Traceback" not in result.output and "MemoryError" not in result.output
    assert re.search(rf"cctv.yml:{line}: requirement text does not render: .*{re.escape(why)}", result.output), result.output


def test_output_length_is_bounded_and_ordinary_text_still_renders():
    with pytest.raises(Exception, match="renders to more than 20,000 characters"):
        render("{{ 'x' * 9000 }}{{ 'x' * 9000 }}{{ 'x' * 9000 }}", {})
    assert (
        render(
            "Connect {{ demand.eth_100m | number }} sites for {{ partner_count }} partners",
            {"demand": {"eth_100m": 1234}, "partner_count": 3},
        )
        == "Connect 1,234 sites for 3 partners"
    )
    assert render("{% if sites > 1 %}{{ sites * 2 }} ports{% endif %}", {"sites": 4}) == "8 ports"


def test_a_count_takes_its_noun_in_the_singular_or_the_plural():
    from cpsn_builder.catalogue.templating import render

    text = '{{ n | plural("link") }} and {{ m | plural("facility", "facilities") }}'
    assert render(text, {"n": 1, "m": 1}) == "1 link and 1 facility"
    assert render(text, {"n": 1200, "m": 3}) == "1,200 links and 3 facilities"
    assert render('{{ n | plural("site") }}', {"n": 0}) == "0 sites"


def test_names_read_as_a_sentence_until_there_are_too_many_to_read():
    from cpsn_builder.catalogue.templating import render

    text = '{{ partners | names("partners", "listed in section " ~ where) }}'
    assert render(text, {"partners": ["Fenland"], "where": 3}) == "Fenland"
    assert render(text, {"partners": [f"P{i}" for i in range(12)], "where": 3}) == "P0, P1, P2, P3, P4, P5, P6, P7, P8, P9, P10 and P11"
    assert render(text, {"partners": [f"P{i}" for i in range(1200)], "where": 3}) == "the 1,200 partners listed in section 3"
