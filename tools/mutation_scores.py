"""Print the mutation score of each mutated module from mutmut's results in mutants/.

The score counts a mutant as caught when a test failed (killed) or it ran past its time limit
(timeout); survivors, mutants no test reached and unchecked ones count against it.
Exit status 1 when any module is below the target given with --target. With --list-survivors
it names each survivor in the targeted modules that tests/mutation-equivalents.md does not explain
(mutants a partial run left unchecked are counted, not named).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

CAUGHT = {1: "killed", 3: "killed", 36: "timeout", 24: "timeout", -24: "timeout", 152: "timeout", 255: "timeout"}
STATUS = {0: "survived", 5: "no tests", 33: "no tests", None: "not checked"}


# The modules held to the target (issue 17): the estimate, the voting and contribution rules, and
# the documents' figures and how every output formats them.
TARGETED = tuple(
    f"cpsn_builder/{m}.py"
    for m in (
        "engine/estimate",
        "engine/financial_years",
        "engine/lot_costs",
        "engine/models",
        "engine/participants",
        "engine/pricing",
        "engine/scenarios",
        "engine/term",
        "governance/voting",
        "governance/contributions",
        "documents/context",
        "formatting",
    )
)
EQUIVALENTS = Path(__file__).resolve().parents[1] / "tests" / "mutation-equivalents.md"


def status(code) -> str:
    return CAUGHT.get(code) or STATUS.get(code, "suspicious")


def results(root: Path) -> list[tuple[str, dict[str, str]]]:
    """(module path, {mutant name: status}) for every mutated module."""
    rows = []
    for meta in sorted(root.rglob("*.py.meta")):
        codes = json.loads(meta.read_text())["exit_code_by_key"]
        if codes:
            rows.append((str(meta.relative_to(root))[: -len(".meta")], {name: status(code) for name, code in codes.items()}))
    return rows


def explained() -> set[str]:
    return set(re.findall(r"`([\w.]+__mutmut_\d+)`", EQUIVALENTS.read_text())) if EQUIVALENTS.exists() else set()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mutants", type=Path, default=Path("mutants"))
    parser.add_argument("--target", type=float, default=None, help="lowest acceptable score, in per cent")
    parser.add_argument("--list-survivors", action="store_true", help="name every mutant not caught")
    parser.add_argument("--markdown", action="store_true", help="the scores as a Markdown table (for the README)")
    args = parser.parse_args()
    rows = results(args.mutants)
    if not rows:
        print(f"no mutmut results under {args.mutants}/: run `make mutation` first")
        return 1
    if args.markdown:
        print("| module | mutants | killed | timeout | survived | score |\n|---|---:|---:|---:|---:|---:|")
        for module, statuses in rows:
            counts = Counter(statuses.values())
            n, caught = sum(counts.values()), counts["killed"] + counts["timeout"]
            note = "" if module.startswith(TARGETED) else " (not held to the target)"
            print(
                f"| `{module.removeprefix('cpsn_builder/')}`{note} | {n:,} | {counts['killed']:,} | {counts['timeout']} | {n - caught} | {100 * caught / n:.1f}% |"
            )
        return 0
    print(f"{'module':<42} {'mutants':>7} {'killed':>6} {'timeout':>7} {'survived':>8} {'score':>7}")
    below = []
    total = Counter()
    for module, statuses in rows:
        counts = Counter(statuses.values())
        n = sum(counts.values())
        caught = counts["killed"] + counts["timeout"]
        score = 100 * caught / n
        total += counts
        held = module.startswith(TARGETED)
        notes = ([] if held else ["not held to the target"]) + ([f"{counts['not checked']} not checked"] if counts["not checked"] else [])
        print(
            f"{module:<42} {n:>7} {counts['killed']:>6} {counts['timeout']:>7} {n - caught:>8} {score:>6.1f}%"
            + (f"  ({'; '.join(notes)})" if notes else "")
        )
        if args.target is not None and held and score < args.target:
            below.append(module)
    n = sum(total.values())
    caught = total["killed"] + total["timeout"]
    print(f"{'all':<42} {n:>7} {total['killed']:>6} {total['timeout']:>7} {n - caught:>8} {100 * caught / n:>6.1f}%")
    if args.list_survivors:
        known = explained()
        targeted = [(name, state) for module, statuses in rows if module.startswith(TARGETED) for name, state in statuses.items()]
        # A run of some modules only (MUTATE=...) leaves the others unchecked: counted against
        # their score above, but not listed one by one here.
        unchecked = sum(state == "not checked" for _, state in targeted)
        survivors = [(name, state) for name, state in targeted if state not in ("killed", "timeout", "not checked")]
        unexplained = [(name, state) for name, state in survivors if name not in known]
        print(
            f"\n{len(survivors)} survivors in the targeted modules, {len(survivors) - len(unexplained)} of them explained in {EQUIVALENTS.name}"
            + ("; not explained:" if unexplained else "")
        )
        for name, state in unexplained:
            print(f"  {name}: {state}   (mutmut show {name})")
        if unchecked:
            print(f"{unchecked} mutants in the targeted modules not checked in this run: the scores of their modules are incomplete")
    if below:
        print(f"below {args.target:g}%: {', '.join(below)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
