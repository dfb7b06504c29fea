"""The estimate of the answers as they stand, computed once per data version and kept per worker.

With 400 partners the estimate and reading every response take most of a page's time; pages
that show figures ask here, and get the same objects until the data version moves.
"""
from __future__ import annotations

from collections import OrderedDict

from flask import current_app

from ..engine import Estimate, estimate
from ..responses import ResponseSet
from . import data_version
from .store import catalogue, response_set

KEPT = 8  # versions × (submitted only or not) kept per worker


def figures(submitted_only: bool = False) -> tuple[ResponseSet, Estimate]:
    cache: OrderedDict = current_app.extensions.setdefault("cpsn_figures", OrderedDict())
    cat = catalogue()
    key = (cat.digest, submitted_only, data_version.current())  # membership changes move the version too
    found = cache.get(key)
    if found is None:
        responses = response_set(submitted_only=submitted_only)
        found = cache[key] = (responses, estimate(cat, responses))
        while len(cache) > KEPT:
            cache.popitem(last=False)
    cache.move_to_end(key)
    return found
