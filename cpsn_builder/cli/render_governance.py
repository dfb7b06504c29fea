"""Governance records as text for the terminal."""

from __future__ import annotations

from tabulate import tabulate

from ..governance.finances import NetworkWithdrawalImpact, WithdrawalImpact
from ..governance.report import GovernanceReport
from .render_table import money, unit_price


def render_governance(catalogue, report: GovernanceReport) -> str:
    name = lambda partner_id: catalogue.partner(partner_id).name  # noqa: E731
    out = ["Projects and voting rights"]
    for project in report.projects:
        suspended = ", ".join(map(name, project.declined)) or "none"
        out.append(f"- {project.title}: {len(project.taking_part)} partners take part; voting rights suspended: {suspended}")
    for result in report.motions:
        motion = result.motion
        out += [
            "",
            f"Motion {motion.id} on {catalogue.project(motion.project_id).title} ({result.state})",
            f"  {motion.text}",
            f"  Voting {motion.opens:%-d %b %Y %H:%M} to {motion.closes:%-d %b %Y %H:%M}; could vote: "
            + (", ".join(map(name, result.eligible)) or "nobody"),
        ]
        rows = [
            [
                name(c.vote.partner_id),
                c.vote.choice,
                c.vote.officer,
                f"{c.vote.cast_at:%-d %b %Y %H:%M}",
                "counted" if c.counted else f"not counted: {c.reason}",
            ]
            for c in result.votes
        ]
        rows += [[name(p), "did not vote", "", "", ""] for p in result.did_not_vote]
        if rows:
            out.append(tabulate(rows, headers=["partner", "vote", "cast by", "when", ""]))
        out.append(f"  Result: {result.outcome}")
    for allocation in report.allocations:
        out += [
            "",
            f"Shared costs of {catalogue.project(allocation.project_id).title} ({allocation.rule.replace('_', ' ')} shares, within agreed caps)",
        ]
        headers = ["partner"] + [line.title for line in allocation.lines] + ["total", "agreed cap", "headroom", ""]
        rows = []
        for i, partner in enumerate(allocation.partners):
            rows.append(
                [partner.name]
                + [money(line.shares[i].amount) for line in allocation.lines]
                + [money(partner.charged), money(partner.cap), money(partner.headroom), "cap binds" if partner.cap_binds else ""]
            )
        rows.append(["Shortfall"] + [money(line.shortfall) for line in allocation.lines] + [money(allocation.total_shortfall), "", "", ""])
        rows.append(["Cost"] + [money(line.amount) for line in allocation.lines] + [money(allocation.total_cost), "", "", ""])
        out.append(tabulate(rows, headers=headers, disable_numparse=True))
        if allocation.total_shortfall:
            out.append(
                f"  {money(allocation.total_shortfall)} cannot be placed within the partners' agreed caps: the board must agree higher caps or lower costs."
            )
    if report.warnings:
        out += ["", "Warnings"] + [f"- {w.message}" for w in report.warnings]
    return "\n".join(out)


def render_withdrawal(impact: WithdrawalImpact) -> str:
    rows = [[i.title, money(i.amount), "stops" if not i.continues_after_withdrawal else "continues"] for i in impact.items]
    rows.append(["Total (ex VAT)", money(impact.total), ""])
    out = [
        f"Withdrawal impact: {impact.name} from the {impact.partnership}",
        f"Payments {impact.year}:",
        tabulate(rows, headers=["", "£", "on withdrawal"], disable_numparse=True),
        f"Leaving saves {money(impact.annual_saving)} a year; {len(impact.continues)} contracts continue "
        f"({money(sum(i.amount for i in impact.continues))} a year).",
    ]
    if impact.notice_expires:
        out.append(f"Notice given {impact.notice_given:%-d %B %Y} expires {impact.notice_expires:%-d %B %Y}.")
    return "\n".join(out)


def render_network_withdrawal(impact: NetworkWithdrawalImpact) -> str:
    verdict = "saves" if impact.net_annual_change >= 0 else "costs"
    out = [
        f"Withdrawal impact: {impact.name} leaving the CPSN partnership",
        f"Notice given {impact.notice_given:%-d %B %Y} expires {impact.notice_expires:%-d %B %Y}; CPSN services end then.",
        f"Core contribution that stops:            {money(impact.core_contribution)} a year",
        f"CPSN services that end:                  {money(impact.network_annual_cost)} a year",
        f"Buying them alone at today's prices:     {money(impact.replacement_annual_cost)} a year",
        f"Leaving {verdict} {money(abs(impact.net_annual_change))} a year.",
        f"The partners who stay pay {money(impact.others_annual_cost_change)} a year more between them.",
    ]
    for change in impact.price_rises:
        out.append(
            f"- {change.title}: {unit_price(change.base_price)} -> {unit_price(change.scenario_price)} a unit "
            f"(volume {change.base_quantity:,} -> {change.scenario_quantity:,})"
        )
    return "\n".join(out)
