"""`make bench`: every benchmark in one run, so the figures are measured side by side."""

from __future__ import annotations

import importlib
import os
import platform
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

BENCHMARKS = [
    "bench_cli",
    "bench_engine",
    "bench_documents",
    "bench_dashboard_http",
    "bench_web",
    "bench_requirements",
    "bench_tenders",
    "bench_workbooks",
]


def main() -> None:
    print(f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.platform()}")
    # Wall times on a shared machine include waiting for a core: say how busy it was.
    print("Load average at the start (1, 5, 15 min): " + ", ".join(f"{x:.2f}" for x in os.getloadavg()))
    verdicts = []
    for name in BENCHMARKS:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                continue
            raise
        lines = module.run()
        print()
        print("\n".join(lines), flush=True)
        verdicts += [(lines[0], line) for line in lines if "target" in line]
    # Every target in one place, each line with the figure measured and the floor beside it.
    print()
    print("Targets, as measured above:")
    for heading, line in verdicts:
        where = "" if line == heading else heading.split(":")[0].strip() + ": "
        print(f"  [{'met' if ': met' in line and 'NOT met' not in line else 'NOT met'}] {where}{line.strip()}")
    print()
    print("Load average at the end (1, 5, 15 min): " + ", ".join(f"{x:.2f}" for x in os.getloadavg()))


if __name__ == "__main__":
    main()
