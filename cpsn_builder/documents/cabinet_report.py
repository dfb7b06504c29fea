"""The cabinet savings report (.docx), laid out like the seed cabinet reports.

One for the partnership, or one for a partner ("What this means for Fenland District Council").
Governance (votes, contribution caps, shortfalls) and a withdrawal impact statement are included
when given.
"""
from __future__ import annotations

from ..governance.finances import NetworkWithdrawalImpact
from ..governance.report import GovernanceReport
from .charts import bar_chart
from .context import Inputs
from .docx_base import PORTRAIT_TWIPS, DocumentInfo, heading, new_document, paragraph, save_reproducibly
from .docx_pictures import add_chart
from .docx_tables import Column, add_table
from .money_text import long_date, percent, pounds, unit_price


def build_cabinet_report(inputs: Inputs, partner_id: str | None = None, governance: GovernanceReport | None = None,
                         withdrawal: NetworkWithdrawalImpact | None = None) -> bytes:
    est = inputs.estimate
    partner = est.partner(partner_id) if partner_id else None
    if partner_id and partner is None:
        raise ValueError(f"{inputs.partner_name(partner_id)} is not in the estimate (it has no response, declined, or is not a member), so there is no report for it")
    title = "CPSN procurement: estimated costs and savings"
    if partner:
        title = f"What the CPSN procurement means for {partner.name}"
    document = new_document(DocumentInfo(title=title, subject="Cabinet report", author=inputs.author,
                                         version=inputs.version, status=inputs.status, issued=inputs.issued_at))
    paragraph(document, "CABINET", "Title")
    paragraph(document, long_date(inputs.issued))
    heading(document, title, 1)
    paragraph(document, f"Report by the {inputs.author}")

    sections = [("Purpose", _purpose), ("Background", _background), ("Proposal", _proposal), ("Key figures", _key_figures),
                ("Financial implications", _financial), ("Legal implications", _legal), ("Risk implications", _risk),
                ("Equality and diversity implications", _equality), ("Recommendations", _recommendations)]
    if withdrawal:
        sections.insert(5, ("Withdrawal impact statement", _withdrawal))
    for number, (name, build) in enumerate(sections, 1):
        heading(document, f"{number}. {name}", 2)
        build(document, inputs, partner, governance, withdrawal)
    return save_reproducibly(document)


def _purpose(document, inputs, partner, governance, withdrawal):
    who = partner.name if partner else "the partnership"
    paragraph(document, (f"To inform Cabinet of the estimated cost of the Cambridgeshire Public Sector Network (CPSN) "
                         f"contract and the savings it brings for {who}, and to seek approval to proceed."))


def _background(document, inputs, partner, governance, withdrawal):
    programme, project = inputs.catalogue.programme, inputs.catalogue.procurement
    paragraph(document, (f"The {programme.board} oversees shared ICT projects for public bodies in Cambridgeshire. "
                         f"{project.description}"))
    paragraph(document, (f"The contract starts on {long_date(project.contract_start)} for {project.term_years} years "
                         f"(with an optional {project.extension_years}-year extension) and replaces the "
                         f"{project.replaces or 'current network'}. {len(inputs.estimate.partners)} partners take part: "
                         + ", ".join(p.name for p in inputs.estimate.partners) + "."))


def _proposal(document, inputs, partner, governance, withdrawal):
    est = inputs.estimate
    if partner:
        titles = [est.lot(lot_id).title for lot_id in partner.lots]
        paragraph(document, f"{partner.name} buys these services through the CPSN contract: " + "; ".join(titles) + ".")
    else:
        paragraph(document, "The partners have chosen these lots for the statement of requirements: "
                  + "; ".join(lot.title for lot in est.lots) + ".")
    paragraph(document, ("Buying together puts every partner on the price tier of the partnership's combined volume; "
                         "the figures below are the engine's estimate from the partners' stated demand and today's spend."))


def _key_figures(document, inputs, partner, governance, withdrawal):
    est = inputs.estimate
    env = est.envelope
    rows = [("Budget envelope for the term", pounds(env.envelope)),
            ("Estimated contract value", pounds(est.totals.contract_value)),
            ("Headroom" if env.within else "Overrun", pounds(abs(env.headroom))),
            ("Share of the envelope used", percent(env.utilisation_percent)),
            ("Annual cost", pounds(est.totals.annual_cost)),
            ("Current annual spend", pounds(est.totals.baseline)),
            ("Annual saving", pounds(est.totals.annual_saving)),
            ("Whole-term saving", pounds(est.totals.term_saving))]
    if partner:
        rows = [("Annual cost", pounds(partner.annual_cost)), ("Current annual spend", pounds(partner.baseline)),
                ("Annual saving", pounds(partner.annual_saving)), ("Months billed in the term", str(partner.months_billed)),
                ("Cost over the term (with one-off charges)", pounds(partner.term_cost)),
                ("Whole-term saving", pounds(partner.term_saving))] + [("Partnership contract value", pounds(est.totals.contract_value))]
    add_table(document, [Column("Figure", 5200), Column("Amount", PORTRAIT_TWIPS - 5200, True)], rows)
    paragraph(document, "Sensitivity: the same estimate at each service line's low and high prices.")
    add_table(document, [Column("Case", 2000), Column("Contract value", 2600, True), Column("Annual saving", 2600, True),
                         Column("Envelope used", PORTRAIT_TWIPS - 7200, True)],
              [(c.case.title(), pounds(c.totals.contract_value), pounds(c.totals.annual_saving), percent(c.envelope.utilisation_percent))
               for c in est.sensitivity])


def _financial(document, inputs, partner, governance, withdrawal):
    est = inputs.estimate
    if partner:
        rows = []
        for lot in est.lots:
            mine = next((p for p in lot.partners if p.partner_id == partner.partner_id), None)
            if mine:
                rows.append((lot.title, pounds(mine.annual_cost), f"{pounds(mine.baseline)} ({mine.baseline_source})",
                             pounds(mine.annual_saving), pounds(mine.term_cost)))
        rows.append(("Total", pounds(partner.annual_cost), pounds(partner.baseline), pounds(partner.annual_saving), pounds(partner.term_cost)))
        add_table(document, _money_columns("Lot"), rows, bold_last_row=True)
        lots = [r for r in rows[:-1]]
        labels = [r[0] for r in lots]
        values = [next(p for p in est.lot(lot_id).partners if p.partner_id == partner.partner_id).annual_saving for lot_id in partner.lots]
        add_chart(document, bar_chart(f"Annual saving by lot for {partner.name}", labels, values, "Annual saving (£)"))
    else:
        rows = [(p.name, pounds(p.annual_cost), pounds(p.baseline), pounds(p.annual_saving), pounds(p.term_cost)) for p in est.partners]
        rows.append(("Total", pounds(est.totals.annual_cost), pounds(est.totals.baseline), pounds(est.totals.annual_saving),
                     pounds(est.totals.contract_value)))
        add_table(document, _money_columns("Partner"), rows, bold_last_row=True)
        add_chart(document, bar_chart("Annual saving by partner", [p.name for p in est.partners],
                                      [p.annual_saving for p in est.partners], "Annual saving (£)"))
    paragraph(document, "The chart shows the annual savings in the table above. Figures are ex VAT; each is rounded to the "
                        "penny and totals are the sums of the figures shown.")
    if governance:
        _shared_costs(document, inputs, partner, governance)


def _money_columns(first: str) -> list[Column]:
    width = (PORTRAIT_TWIPS - 3000) // 4
    return [Column(first, 3000), Column("Annual cost", width, True), Column("Current spend", width, True),
            Column("Annual saving", width, True), Column("Term cost", width, True)]


def _shared_costs(document, inputs, partner, governance):
    for allocation in governance.allocations:
        project = inputs.catalogue.project(allocation.project_id)
        paragraph(document, (f"Shared costs of {project.title}: {pounds(allocation.total_cost)}, shared "
                             f"{allocation.rule.replace('_', ' ')}, never above the contribution each partner agreed."))
        shown = [p for p in allocation.partners if partner is None or p.partner_id == partner.partner_id]
        add_table(document, [Column("Partner", 3400), Column("Charged", 2000, True), Column("Agreed cap", 2000, True),
                             Column("Cap binds", PORTRAIT_TWIPS - 7400)],
                  [(p.name, pounds(p.charged), pounds(p.cap), "Yes" if p.cap_binds else "No") for p in shown])
        if allocation.total_shortfall:
            paragraph(document, (f"{pounds(allocation.total_shortfall)} of these costs cannot be placed within the partners' "
                                 "agreed caps; the board must agree higher contributions or lower costs."))


def _withdrawal(document, inputs, partner, governance, withdrawal: NetworkWithdrawalImpact):
    paragraph(document, (f"Notice given on {long_date(withdrawal.notice_given)} expires on {long_date(withdrawal.notice_expires)}, "
                         "two years later; CPSN services end then."))
    verdict = "saves" if withdrawal.net_annual_change >= 0 else "costs"
    add_table(document, [Column("", 5200), Column("A year", PORTRAIT_TWIPS - 5200, True)], [
        ("Core contribution that stops", pounds(withdrawal.core_contribution)),
        ("CPSN services that end", pounds(withdrawal.network_annual_cost)),
        ("Buying them alone at today's prices", pounds(withdrawal.replacement_annual_cost)),
        (f"Leaving {verdict}", pounds(abs(withdrawal.net_annual_change))),
    ])
    paragraph(document, f"The partners who stay would pay {pounds(withdrawal.others_annual_cost_change)} a year more between them.")
    for change in withdrawal.price_rises:
        paragraph(document, f"{change.title}: {unit_price(change.base_price)} rises to {unit_price(change.scenario_price)} a unit.", "List Bullet")


def _legal(document, inputs, partner, governance, withdrawal):
    for text in (
        "Under the partnership agreement a partner may decline an individual project; its voting rights on that project "
        "alone are suspended.",
        "Partners pay only contributions they have agreed in advance, and never more than the total agreed.",
        "Decisions are made by a majority of the partners taking part in the vote.",
        f"A partner leaves by written notice, which expires after {inputs.catalogue.programme.notice_period_months // 12} years.",
    ):
        paragraph(document, text, "List Bullet")
    if governance:
        for project in governance.projects:
            if project.declined:
                paragraph(document, f"Voting rights on {project.title} are suspended for: "
                          + ", ".join(inputs.partner_name(p) for p in project.declined) + ".")
        for result in governance.motions:
            motion = result.motion
            paragraph(document, f"Motion {motion.id} ({inputs.catalogue.project(motion.project_id).title}): {motion.text} "
                                f"Result: {result.outcome}.")
            rows = [(inputs.partner_name(c.vote.partner_id), c.vote.choice, "counted" if c.counted else f"not counted: {c.reason}")
                    for c in result.votes]
            rows += [(inputs.partner_name(p), "did not vote", "") for p in result.did_not_vote]
            if rows:
                add_table(document, [Column("Partner", 3600), Column("Vote", 1600), Column("", PORTRAIT_TWIPS - 5200)], rows)


def _risk(document, inputs, partner, governance, withdrawal):
    est = inputs.estimate
    high = est.case("high")
    paragraph(document, (f"Prices are indicative until tenders are received. At the high end of the price ranges the "
                         f"contract value would be {pounds(high.totals.contract_value)} "
                         f"({percent(high.envelope.utilisation_percent)} of the envelope)."))
    paragraph(document, "Demand is as stated by partners and is not a commitment; if partners leave, the others may lose volume discounts.")
    for warning in (governance.warnings if governance else ()):
        paragraph(document, warning.message, "List Bullet")
    for warning in est.warnings:
        paragraph(document, warning, "List Bullet")


def _equality(document, inputs, partner, governance, withdrawal):
    paragraph(document, ("The proposal concerns how network services are bought and is considered neutral with regard to "
                         "the Public Sector Equality Duty in the Equality Act 2010. Accessible public Wi-Fi and telephony "
                         "services continue for residents."))


def _recommendations(document, inputs, partner, governance, withdrawal):
    who = "the Council" if partner else "each partner"
    for text in (f"Note the estimated contract value of {pounds(inputs.estimate.totals.contract_value)} and annual saving of "
                 f"{pounds(partner.annual_saving if partner else inputs.estimate.totals.annual_saving)}.",
                 f"Agree that {who} takes part in the lots listed in this report.",
                 "Delegate authority to the responsible director to agree the final statement of requirements."):
        paragraph(document, text, "List Number")
