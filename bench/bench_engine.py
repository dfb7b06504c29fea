"""Engine benchmark: the estimate at 1x, 10x and 100x the demo, and the national-scale case."""

from __future__ import annotations

import statistics
import time

from cpsn_builder.engine import estimate

import synthetic


def median_seconds(fn, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run() -> list[str]:
    lines = ["Engine: estimate (central, low and high cases), median of repeated runs"]
    rows = []
    for factor, repeats in ((1, 21), (10, 11), (100, 5)):
        catalogue, responses = synthetic.scaled_demo(factor)
        seconds = median_seconds(lambda c=catalogue, r=responses: estimate(c, r), repeats)
        rows.append((f"demo x{factor}", len(responses.responses), seconds))
    catalogue, responses = synthetic.national()
    sites = sum(len(r.sites) for r in responses.responses)
    seconds = median_seconds(lambda: estimate(catalogue, responses), 5)
    rows.append((f"national: {len(catalogue.lots)} lots, {sites:,} sites", len(responses.responses), seconds))
    for label, partners, seconds in rows:
        lines.append(f"  {label:<40} {partners:>5} responses  {seconds * 1000:9.1f} ms  {seconds / partners * 1e6:8.0f} us/response")
    lines.append(f"  growth demo x1 -> x100: {rows[2][2] / rows[0][2]:.1f}x time for 100x responses (linear is 100x)")
    lines.append(f"  target: national case under 500 ms: {'met' if rows[3][2] < 0.5 else 'NOT met'}")
    lines += _contribution_split()
    return lines


def _contribution_split() -> list[str]:
    """Sharing a project cost line in pennies among 400 and 4,000 partners (it was quadratic)."""
    from decimal import Decimal

    from cpsn_builder.governance.contributions import Contributor, _split

    out = []
    for partners in (400, 4_000):
        contributors = [Contributor(f"p{i}", f"P{i}", Decimal(10**6), Decimal(1 + i % 7)) for i in range(partners)]
        seconds = median_seconds(lambda c=contributors: _split(Decimal("1000000.01"), c), 5)
        out.append(f"  governance: a cost line split among {partners:>5,} partners   {seconds * 1000:8.1f} ms")
    return out


if __name__ == "__main__":
    print("\n".join(run()))
