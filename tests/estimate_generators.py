"""Generated demand for the engine's property tests (hypothesis strategies), shared by test modules."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from cpsn_builder.catalogue import load_catalogue
from cpsn_builder.catalogue.models import CheckboxQuestion, NumberQuestion
from cpsn_builder.responses.models import Response, ResponseSet

CATALOGUE = load_catalogue()
MEMBERS = [p.id for p in CATALOGUE.partners if p.status in ("member", "withdrawing")]
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def lot_answers(draw, lot):
    answers = {}
    for question in lot.questions:
        if isinstance(question, CheckboxQuestion):
            answers[question.id] = draw(st.booleans())
        elif isinstance(question, NumberQuestion):
            answers[question.id] = Decimal(draw(st.integers(0, min(int(question.max), 400))))
    return answers


@st.composite
def response_sets(draw):
    responses = []
    for partner_id in draw(st.lists(st.sampled_from(MEMBERS), min_size=1, unique=True)):
        lots = draw(st.lists(st.sampled_from(CATALOGUE.lots), min_size=1, max_size=4, unique_by=lambda lot: lot.id))
        spend = {lot.id: Decimal(draw(st.integers(0, 500_000))) for lot in lots if draw(st.booleans())}
        responses.append(
            Response(
                partner_id,
                "cpsn",
                lots=tuple(lot.id for lot in lots),
                answers={lot.id: draw(lot_answers(lot)) for lot in lots},
                current_spend=spend,
            )
        )
    return ResponseSet("cpsn", tuple(responses))
