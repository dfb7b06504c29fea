"""Fixtures for the tenders tests: the demo schedule as issued, built once."""
from __future__ import annotations

from datetime import date

import pytest

from cpsn_builder.tenders.issued import issued_schedule

ISSUED = date(2011, 3, 1)
VERSION, STATUS = "1.0", "Final"


@pytest.fixture(scope="session")
def schedule(catalogue, demo_responses) -> bytes:
    """The demo pricing schedule as issued to bidders."""
    return issued_schedule(catalogue, demo_responses, VERSION, STATUS, ISSUED)
