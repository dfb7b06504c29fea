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
    return lines


if __name__ == "__main__":
    print("\n".join(run()))
