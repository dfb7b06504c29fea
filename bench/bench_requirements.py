"""The lead's requirements editor for a lot of 200 clauses in a 400-partner programme, beside a bare Flask route.

Each clause is shown with today's figures filled in, so the page runs the estimate and renders
200 sandboxed templates; the bare route (the same test client, a view returning a word) is the
floor any page stands on.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

import yaml
from flask import Flask

from synthetic_programme import programme_app

PARTNERS, CLAUSES, RUNS = 400, 200, 9
TARGET_MS = 100


def _with_clauses(catalogue: Path) -> None:
    path = catalogue / "lots" / "wan.yml"
    lot = yaml.safe_load(path.read_text())
    lines = [s["id"] for s in lot["service_lines"]]
    for n in range(len(lot["requirements"]) + 1, CLAUSES + 1):
        line = lines[n % len(lines)]
        lot["requirements"].append(
            {
                "id": f"WAN-{n:03d}",
                "priority": ["Must", "Should", "Could"][n % 3],
                "text": f"The supplier shall provide {{{{ demand.{line} | number }}}} units of {line} "
                f"for the {{{{ partner_count }}}} partners, clause {n}.",
            }
        )
    path.write_text(yaml.safe_dump(lot, sort_keys=False))


def _median_ms(call, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def editor() -> list[str]:
    _, client = programme_app(Path(tempfile.mkdtemp()), PARTNERS, lots=("wan",), edit_catalogue=_with_clauses)
    first = client.get("/lead/requirements/wan")  # writes the standard set down on first use
    assert first.status_code == 200 and first.get_data(as_text=True).count('class="cpsn-clause"') == CLAUSES

    def page():
        assert client.get("/lead/requirements/wan").status_code == 200

    editor_ms = _median_ms(page, RUNS)

    bare = Flask("bare")
    bare.add_url_rule("/", "bare", lambda: "ok")
    bare_client = bare.test_client()
    bare_ms = _median_ms(lambda: bare_client.get("/"), 200)
    verdict = "met" if editor_ms < TARGET_MS else "NOT met"
    return [
        f"Web: requirements editor, a lot of {CLAUSES} clauses, {PARTNERS} partners: median {editor_ms:.0f} ms "
        f"of {RUNS} (target < {TARGET_MS} ms: {verdict}); bare Flask route {bare_ms:.2f} ms"
    ]


def run() -> list[str]:
    return editor()


if __name__ == "__main__":
    print("\n".join(run()))
