"""One gate for control characters: form fields, query strings, URL parts and the client's address.

PostgreSQL cannot store NUL in text (a 500 before), and no other control character belongs in what
people type here (Word documents cannot hold them either). Tab, line feed and carriage return are
allowed in form fields, where text areas need them; nowhere else.
"""

from __future__ import annotations

import re

from flask import Flask, render_template, request

_IN_FORMS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_ELSEWHERE = re.compile("[\x00-\x1f\x7f-\x9f]")


def _first_bad(pairs, pattern) -> tuple[str, str] | None:
    for name, value in pairs:
        for text in (name, value):
            found = pattern.search(text or "")
            if found:
                return name, f"U+{ord(found.group()):04X}"
    return None


def problem() -> tuple[str, str, str] | None:
    """(where, name, character) of the first control character in the request, or None."""
    checks = [
        ("query string", request.args.items(multi=True), _ELSEWHERE),
        ("address", (("part", value) for value in (request.view_args or {}).values() if isinstance(value, str)), _ELSEWHERE),
        ("client address", [("address", request.remote_addr or "")], _ELSEWHERE),
    ]
    if request.method == "POST":
        checks.insert(0, ("form", request.form.items(multi=True), _IN_FORMS))
    for where, pairs, pattern in checks:
        found = _first_bad(pairs, pattern)
        if found:
            return where, *found
    return None


def register(app: Flask) -> None:
    @app.before_request
    def refuse_control_characters():
        found = problem()
        if found:
            where, name, character = found
            return render_template("errors/control_character.html", where=where, name=name, character=character), 400
