"""Results kept for the life of the process, keyed by everything they are made from.

An issued version, its pricing schedule and a returned workbook's reading never change, and
rebuilding them costs tens of milliseconds to seconds a page. Keys are content (hashes, labels,
digests), never a database id, so every app in the process may share them: the tests' app after
app issues the same version and uploads the same files.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

_KEPT: dict[str, dict[tuple, object]] = {}


def kept(name: str, key: tuple, make: Callable[[], T], limit: int) -> T:
    """make(), kept under `name` by `key`; that store is emptied when it holds more than `limit`."""
    store = _KEPT.setdefault(name, {})
    if key not in store:
        if len(store) > limit:
            store.clear()
        store[key] = make()
    return store[key]


def forget_all() -> None:
    """Empty every store, as a worker's restart does (the tests' way to be a fresh worker)."""
    _KEPT.clear()
