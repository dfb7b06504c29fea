"""Fixtures for the tenders tests: the demo schedule as issued, built once."""

from __future__ import annotations

import pytest
from bid_files import ISSUED, STATUS, VERSION

from cpsn_builder.tenders.issued import issued_schedule


@pytest.fixture(scope="session")
def schedule(catalogue, demo_responses) -> bytes:
    """The demo pricing schedule as issued to bidders."""
    return issued_schedule(catalogue, demo_responses, VERSION, STATUS, ISSUED)
