"""Fixtures every test folder may use: the shipped catalogue, the demo responses and their estimate."""
from __future__ import annotations

from pathlib import Path

import pytest

from cpsn_builder.catalogue import Catalogue, data_dir, load_catalogue
from cpsn_builder.engine import Estimate, estimate
from cpsn_builder.responses import ResponseSet, load_responses

REPO = Path(__file__).resolve().parents[1]
DEMO_RESPONSES = data_dir("demo") / "responses"
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    return load_catalogue()


@pytest.fixture(scope="session")
def demo_responses(catalogue) -> ResponseSet:
    return load_responses([DEMO_RESPONSES], catalogue)


@pytest.fixture(scope="session")
def demo_estimate(catalogue, demo_responses) -> Estimate:
    return estimate(catalogue, demo_responses)
