"""The estimate with its scenarios, as one report: the unit every output renders."""

from __future__ import annotations

from dataclasses import dataclass

from ..catalogue import Catalogue
from ..engine import Comparison, Estimate, Scenario, compare, estimate
from ..responses import ResponseSet


@dataclass(frozen=True, slots=True)
class ScenarioResult:
    estimate: Estimate
    comparison: Comparison


@dataclass(frozen=True, slots=True)
class EstimateReport:
    base: Estimate
    scenarios: tuple[ScenarioResult, ...] = ()


def build_report(catalogue: Catalogue, responses: ResponseSet, scenarios: list[Scenario] | tuple = ()) -> EstimateReport:
    base = estimate(catalogue, responses)
    results = []
    for scenario in scenarios:
        other = estimate(catalogue, responses, scenario)
        results.append(ScenarioResult(other, compare(base, other)))
    return EstimateReport(base, tuple(results))
