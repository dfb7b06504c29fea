"""Every test app has the same 79 URL rules; werkzeug writes and compiles two builder functions for
each of them (with the `ast` module) every time, 75 ms an app and about 600 apps a run. Here each
distinct builder is compiled once a session and shared.

Flask's public hook for this is `Flask.url_rule_class`. The builder werkzeug generates reads the
rule only through its `self` argument (its converters), so one function serves every rule with the
same pattern, defaults and converters; anything else that could differ is in the key.
"""

from __future__ import annotations

from flask import Flask
from werkzeug.routing import Rule

_BUILDERS: dict[tuple, object] = {}


class SharedBuilderRule(Rule):
    def _compile_builder(self, append_unknown: bool = True):
        key = (
            self.rule,
            self.host,
            self.subdomain,
            self.merge_slashes,
            tuple(sorted((name, repr(value)) for name, value in (self.defaults or {}).items())),
            tuple((name, type(converter), _settings(converter)) for name, converter in self._converters.items()),
            append_unknown,
        )
        if key not in _BUILDERS:
            _BUILDERS[key] = super()._compile_builder(append_unknown)
        return _BUILDERS[key]


def _settings(converter) -> str:
    """A converter's arguments (a regex, a length...), without the map it points back to."""
    return repr(sorted((k, v) for k, v in vars(converter).items() if k != "map"))


def share_url_builders() -> None:
    Flask.url_rule_class = SharedBuilderRule
