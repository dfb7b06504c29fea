"""The characters documents cannot hold are exactly Unicode's controls (but tab and newlines), surrogates and U+FFFE/U+FFFF."""

from __future__ import annotations

import sys
import unicodedata

from cpsn_builder.questions.text import forbidden_character


def test_every_code_point_is_judged_as_the_unicode_definition_says():
    for code in range(sys.maxunicode + 1):
        ch = chr(code)
        forbidden = ch not in "\t\n\r" and (unicodedata.category(ch) == "Cc" or 0xD800 <= code <= 0xDFFF or code in (0xFFFE, 0xFFFF))
        assert (forbidden_character(f"ok {ch} ok") == f"U+{code:04X}") is forbidden, f"U+{code:04X}"


def test_the_first_one_is_named():
    assert forbidden_character("Fire & Rescue\tHQ\r\n") is None
    assert forbidden_character("a\x07b\x00") == "U+0007"
