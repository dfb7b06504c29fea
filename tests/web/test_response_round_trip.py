"""A response file read, saved in the database and written out again is the same file, byte for byte.

The one conversion module (responses/conversion.py) does every step: file -> Response (the loader,
after every check), Response -> database row (as the demo loader stores it), row -> Response (as the
dashboard reads it) and Response -> YAML (as `db export-responses` writes it). Hypothesis draws
valid responses: every lot, question type, follow-up and the WAN's at_most rule, sites, money with
pence, contacts and submission times.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cpsn_builder.catalogue import load_catalogue
from cpsn_builder.catalogue.models import CheckboxQuestion, NumberQuestion, RadioQuestion, TextQuestion
from cpsn_builder.questions import applies
from cpsn_builder.responses import load_responses
from cpsn_builder.responses.conversion import dump_yaml, from_stored, to_file, to_stored
from cpsn_builder.web.demo import stored_record
from cpsn_builder.web.extensions import db
from cpsn_builder.web.models import PartnerResponse

CATALOGUE = load_catalogue()
POSTCODES = ["PE29 3TN", "CB3 0AP", "PE15 8NQ", "CB1 1BH", "PE27 5BW", "SW1A 1AA"]
WORDS = st.text(st.characters(codec="utf-8", categories=("L", "N", "Zs", "P")), min_size=1, max_size=30).map(str.strip).filter(bool)
MONEY = st.decimals(min_value=0, max_value=10_000_000, places=2, allow_nan=False, allow_infinity=False)


@st.composite
def lot_answers(draw, lot):
    answers = {}
    for question in lot.questions:  # in catalogue order, so a follow-up sees the answer it follows
        if not applies(lot, question, answers) or (not question.required and draw(st.booleans())):
            continue
        if isinstance(question, NumberQuestion):
            top = int(question.max)
            if question.at_most is not None:
                top = min(top, int(sum(answers.get(q, 0) for q in question.at_most.questions)))
            answers[question.id] = Decimal(draw(st.integers(int(question.min), top)))
        elif isinstance(question, CheckboxQuestion):
            answers[question.id] = draw(st.booleans())
        elif isinstance(question, RadioQuestion):
            answers[question.id] = draw(st.sampled_from([o.value for o in question.options]))
        elif isinstance(question, TextQuestion):
            answers[question.id] = draw(WORDS)
    return answers


@st.composite
def response_files(draw):
    partner = draw(st.sampled_from([p.id for p in CATALOGUE.partners]))
    data = {"partner": partner, "project": CATALOGUE.procurement.id}
    if draw(st.booleans()) and draw(st.booleans()):
        data["declined"] = True
    else:
        lots = draw(st.lists(st.sampled_from([lot.id for lot in CATALOGUE.lots]), min_size=1, max_size=4, unique=True))
        data["lots"] = lots
        data["answers"] = {lot: draw(lot_answers(CATALOGUE.lot(lot))) for lot in lots}
        spend = draw(st.dictionaries(st.sampled_from(lots), MONEY, max_size=len(lots)))
        if spend:
            data["current_spend"] = {lot: spend[lot] for lot in lots if lot in spend}
        lines = [line.id for lot in lots for line in CATALOGUE.lot(lot).service_lines]
        names = draw(st.lists(WORDS, max_size=4, unique_by=lambda name: " ".join(name.lower().split())))
        sites = [
            {
                "name": name,
                "postcode": draw(st.sampled_from(POSTCODES)),
                "service_line": draw(st.sampled_from(lines)),
                **({"notes": draw(WORDS)} if draw(st.booleans()) else {}),
            }
            for name in names
        ]
        if sites:
            data["sites"] = sites
    if draw(st.booleans()):
        data["max_contribution"] = draw(st.decimals(min_value=0, max_value=210_000, places=2))
    contact = {
        key: value
        for key, value in (
            ("name", draw(st.none() | WORDS)),
            ("email", draw(st.none() | st.sampled_from(["a@b.example", "ict@fenland.gov.uk"]))),
            ("phone", draw(st.none() | st.sampled_from(["01480 388388", "07712 345678"]))),
        )
        if value is not None
    }
    if contact:
        data["contact"] = contact
    if draw(st.booleans()):
        data["submitted_at"] = draw(st.datetimes(min_value=datetime(2010, 1, 1), max_value=datetime(2030, 1, 1)))
    return data


def canonical(data: dict) -> dict:
    """The file as the writer writes it: whole amounts as integers (2.00 and 2 are the same amount)."""

    def amount(value):
        return (
            int(value)
            if isinstance(value, Decimal) and value == value.to_integral_value()
            else (value.normalize() if isinstance(value, Decimal) else value)
        )

    out = dict(data)
    for key in ("current_spend",):
        if key in out:
            out[key] = {k: amount(v) for k, v in out[key].items()}
    if "max_contribution" in out:
        out["max_contribution"] = amount(out["max_contribution"])
    if "answers" in out:
        out["answers"] = {lot: {k: amount(v) for k, v in a.items()} for lot, a in out["answers"].items() if a}
    return out


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=response_files())
def test_file_to_database_to_file_is_exact(app, tmp_path, data):
    written = dump_yaml(canonical(data))
    path = tmp_path / "response.yml"
    path.write_text(written, encoding="utf-8")
    [from_file] = load_responses([path], CATALOGUE).responses
    with app.app_context():
        for old in db.session.execute(db.select(PartnerResponse).filter_by(partner_id=from_file.partner_id)).scalars():
            db.session.delete(old)  # through the ORM, so its sites go too
        db.session.flush()
        db.session.add(stored_record(from_file, CATALOGUE, submitted_at=from_file.submitted_at))
        db.session.commit()
        db.session.expunge_all()  # read back what the database holds, not the objects just added
        row = db.session.execute(db.select(PartnerResponse).filter_by(partner_id=from_file.partner_id)).scalar_one()
        from_database = from_stored(row, CATALOGUE)
        db.session.delete(row)
        db.session.commit()
    assert dataclasses.replace(from_database, source="") == dataclasses.replace(from_file, source="")
    assert dump_yaml(to_file(from_database, CATALOGUE)) == written
    assert to_stored(from_database, CATALOGUE) == to_stored(from_file, CATALOGUE)
