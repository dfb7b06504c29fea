"""The estimate, the governance report and the dashboard's figures, computed once per data version
and kept per worker.

With 400 partners the estimate, the governance report, reading every response and rendering a
row per partner take most of a page's time; pages that show them ask here, and get the same
objects until the data version moves. The version is kept in the database (data_version.py), so a
write through any worker is seen by every other at its next request. The governance report also
depends on the day (who takes part, and whether a motion is open, is decided on a date), so it is
keyed on the date and expires at the next moment a motion opens or closes.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from datetime import datetime
from typing import Any

from flask import current_app

from ..engine import Estimate, estimate
from ..governance.report import GovernanceReport
from ..responses import ResponseSet
from . import data_version, models
from .governance_store import report
from .store import catalogue, response_set

KEPT = 16  # entries (kind × version × submitted only or not × day) kept per worker


def figures(submitted_only: bool = False, records: list | None = None) -> tuple[ResponseSet, Estimate]:
    """The responses counted and their estimate; `records` are the stored responses if the caller has read them."""

    def compute():
        responses = response_set(submitted_only=submitted_only, records=records)
        return (responses, estimate(catalogue(), responses)), None

    return cached(("figures", submitted_only), compute)


def governance(submitted_only: bool = False, now: datetime | None = None, records: list | None = None) -> GovernanceReport:
    """The governance report of the figures' responses, as at today (its as_at is when it was computed)."""
    now = now or models.utcnow()

    def compute():
        responses, est = figures(submitted_only, records)
        result = report(est, now, responses)
        return result, next_moment(result, now)

    return cached(("governance", submitted_only, now.date()), compute, now)


def next_moment(result: GovernanceReport, now: datetime) -> datetime | None:
    """The next time a motion opens or closes, when the report would read differently."""
    return min((t for m in result.motions for t in (m.motion.opens, m.motion.closes) if t > now), default=None)


def cached(kind: tuple, compute: Callable[[], tuple[Any, datetime | None]], now: datetime | None = None) -> Any:
    """compute()'s value for this data version, computing it on a miss; compute returns (value, valid until or None)."""
    cache: OrderedDict = current_app.extensions.setdefault("cpsn_figures", OrderedDict())
    key = (catalogue().digest, data_version.current(), *kind)  # membership changes move the version too
    found = cache.get(key)
    if found is None or (found[1] is not None and (now or models.utcnow()) >= found[1]):
        found = cache[key] = compute()
        while len(cache) > KEPT:
            cache.popitem(last=False)
    cache.move_to_end(key)
    return found[0]
