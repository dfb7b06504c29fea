"""Catalogue text without template syntax skips Jinja, and still prints exactly what Jinja would."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from cpsn_builder.catalogue.templating import _ENVIRONMENTS, render

PLAIN = st.text(alphabet=st.characters(blacklist_characters="{", blacklist_categories=("Cs",)), max_size=300)


@given(PLAIN, st.booleans())
def test_plain_text_renders_as_jinja_renders_it(text, html):
    assert render(text, {}, html=html) == _ENVIRONMENTS[html].from_string(text).render()


def test_newlines_as_jinja_prints_them():
    assert render("one\r\ntwo\rthree\n\n", {}) == "one\ntwo\nthree\n"
