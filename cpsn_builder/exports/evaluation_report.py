"""The evaluation as one report for the JSON and CSV exports: the scores and flags, and the
estimate they were measured against by its headline figures only (the estimate's own export
holds the rest)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..tenders.models import BidSummary, Evaluation, Flag, LotRanking


@dataclass(frozen=True, slots=True)
class EvaluationReport:
    project_id: str
    catalogue_version: str
    catalogue_digest: str
    scenario: str
    estimate_contract_value: Decimal
    envelope: Decimal
    price_weight: Decimal
    quality_weight: Decimal
    abnormally_low_percent: Decimal
    lots: tuple[LotRanking, ...]
    bids: tuple[BidSummary, ...]
    flags: tuple[Flag, ...]


def build_evaluation_report(evaluation: Evaluation) -> EvaluationReport:
    est = evaluation.estimate
    return EvaluationReport(
        project_id=est.project_id,
        catalogue_version=est.catalogue_version,
        catalogue_digest=est.catalogue_digest,
        scenario=est.scenario.name,
        estimate_contract_value=est.totals.contract_value,
        envelope=est.envelope.envelope,
        price_weight=evaluation.price_weight,
        quality_weight=evaluation.quality_weight,
        abnormally_low_percent=evaluation.abnormally_low_percent,
        lots=evaluation.lots,
        bids=evaluation.bids,
        flags=evaluation.flags,
    )
