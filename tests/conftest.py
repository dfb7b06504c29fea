"""Fixtures every test folder may use: the shipped catalogue, the demo responses and their estimate."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

from cpsn_builder.catalogue import Catalogue, data_dir, load_catalogue
from cpsn_builder.engine import Estimate, estimate
from cpsn_builder.responses import ResponseSet, load_responses
from url_builders import share_url_builders

REPO = Path(__file__).resolve().parents[1]
DEMO_RESPONSES = data_dir("demo") / "responses"

# CI must not turn red on an example nobody has seen before: there, hypothesis draws the same
# examples every run (locally it explores new ones, and prints how to reproduce any failure).
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

share_url_builders()  # the tests create hundreds of apps with the same URL rules


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    return load_catalogue()


@pytest.fixture(scope="session")
def demo_responses(catalogue) -> ResponseSet:
    return load_responses([DEMO_RESPONSES], catalogue)


@pytest.fixture(scope="session")
def demo_estimate(catalogue, demo_responses) -> Estimate:
    return estimate(catalogue, demo_responses)


# Under `make test` (pytest-xdist, each file on one worker, --no-loadscope-reorder so that xdist
# keeps this order rather than putting the files with most tests first) the folders whose files
# take longest go first, so the files left at the end are short ones and no core idles for a
# minute while the other works through a long file (the tender journey is one test of 40 s).
# Within a folder the order is the usual one.
LONGEST_FIRST = ("tests/browser/", "tests/web/", "tests/documents/", "tests/tenders/")


def pytest_collection_modifyitems(config, items):
    def rank(item) -> int:
        return next((i for i, folder in enumerate(LONGEST_FIRST) if item.nodeid.startswith(folder)), len(LONGEST_FIRST))

    items.sort(key=rank)
