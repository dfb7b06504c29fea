"""Helpers for the requirement set tests: the CLI in process, and a set tailored as a lead would."""

from __future__ import annotations

from click.testing import CliRunner

from cpsn_builder.cli import main
from cpsn_builder.requirements import Clause, LotClauses, standard_set


def run(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert "Traceback" not in result.output, result.output
    return result


def tailored(catalogue):
    """The standard set with the changes a lead makes: a priority raised, a clause withdrawn, one added for Fenland."""
    base = standard_set(catalogue)
    lots = []
    for entry in base.lots:
        clauses = list(entry.requirements)
        if entry.lot == "wan":
            clauses = [
                c.model_copy(update={"priority": "Must"})
                if c.id == "WAN-004"
                else c.model_copy(update={"withdrawn": True, "reason": "Rural sites are covered by WAN-101."})
                if c.id == "WAN-006"
                else c
                for c in clauses
            ]
            clauses.insert(
                2,
                Clause(
                    id="WAN-101",
                    priority="Should",
                    partners=["fenland"],
                    proposed_by="fenland",
                    text="The supplier should connect the rural depots with {{ demand.eth_10m | number }} circuits.",
                ),
            )
        lots.append(LotClauses(lot=entry.lot, requirements=clauses))
    return base.model_copy(update={"lots": lots})
