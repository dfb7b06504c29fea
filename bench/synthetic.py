"""Synthetic programmes for benchmarks: the demo scaled up, and a national-scale case.

Partners, lots and responses are made in memory from the shipped catalogue, so the benchmark
measures the engine and documents, not YAML parsing.
"""

from __future__ import annotations

import random
from dataclasses import replace
from decimal import Decimal

from cpsn_builder.catalogue import Catalogue, load_catalogue
from cpsn_builder.catalogue.models import CheckboxQuestion, Lot, NumberQuestion, Partner, RadioQuestion
from cpsn_builder.responses import load_responses
from cpsn_builder.responses.models import Response, ResponseSet, Site
from cpsn_builder.catalogue import data_dir


def demo() -> tuple[Catalogue, ResponseSet]:
    catalogue = load_catalogue()
    return catalogue, load_responses([data_dir("demo") / "responses"], catalogue)


def scaled_demo(factor: int) -> tuple[Catalogue, ResponseSet]:
    """The demo with every partner (and its response) repeated `factor` times."""
    catalogue, responses = demo()
    if factor == 1:
        return catalogue, responses
    partners, copies = [], []
    for n in range(factor):
        for partner in catalogue.partners:
            clone = partner.model_copy(update={"id": f"{partner.id}-{n}", "name": f"{partner.name} {n}"})
            partners.append(clone)
            original = responses.for_partner(partner.id)
            if original is not None:
                copies.append(replace(original, partner_id=clone.id))
    return _catalogue(catalogue, tuple(partners), catalogue.lots), ResponseSet(responses.project_id, tuple(copies))


def national(partners: int = 400, lots: int = 20, sites: int = 50_000, seed: int = 2012) -> tuple[Catalogue, ResponseSet]:
    """`partners` members each opting into about half of `lots` lots, with `sites` sites in all."""
    rnd = random.Random(seed)
    catalogue = load_catalogue()
    lot_list = tuple(_clone_lot(catalogue.lots[i % len(catalogue.lots)], i) for i in range(lots))
    partner_list = tuple(
        Partner(id=f"p{i:04d}", name=f"Synthetic Council {i}", short_name=f"SC{i}", type="district", status="member")
        for i in range(partners)
    )
    per_partner = sites // partners
    responses = []
    for partner in partner_list:
        chosen = rnd.sample(lot_list, k=max(1, lots // 2))
        answers = {lot.id: _answers(lot, rnd) for lot in chosen}
        lines = [(lot.id, line.id) for lot in chosen for line in lot.service_lines]
        site_list = tuple(Site(f"Site {k}", f"CB{k % 9 + 1} {k % 10}AB", *lines[k % len(lines)]) for k in range(per_partner))
        spend = {lot.id: Decimal(rnd.randrange(10_000, 400_000)) for lot in chosen if rnd.random() < 0.5}
        responses.append(
            Response(partner.id, "cpsn", lots=tuple(lot.id for lot in chosen), answers=answers, current_spend=spend, sites=site_list)
        )
    return _catalogue(catalogue, partner_list, lot_list), ResponseSet("cpsn", tuple(responses))


def _catalogue(base: Catalogue, partners, lots) -> Catalogue:
    return Catalogue(root=base.root, programme=base.programme, partners=partners, lots=lots, digest=base.digest, documents=base.documents)


def _clone_lot(lot: Lot, n: int) -> Lot:
    if n < 7:
        return lot
    lines = [line.model_copy(update={"id": f"{line.id}_{n}"}) for line in lot.service_lines]
    return lot.model_copy(update={"id": f"{lot.id}_{n}", "order": n, "service_lines": lines, "requirements": []})


def _answers(lot: Lot, rnd: random.Random) -> dict:
    answers = {}
    for question in lot.questions:
        if isinstance(question, NumberQuestion):
            answers[question.id] = Decimal(rnd.randrange(0, max(2, int(question.max) // 50)))
        elif isinstance(question, CheckboxQuestion):
            answers[question.id] = rnd.random() < 0.7
        elif isinstance(question, RadioQuestion):
            answers[question.id] = question.options[0].value
    return answers
