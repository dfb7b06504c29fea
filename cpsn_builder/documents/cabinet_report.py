"""The cabinet savings report (.docx), in the councils' cabinet-paper format (seeds 000 and 003).

One for the partnership, to the lead authority's cabinet, or one for a partner ("what the CPSN
means for Fenland District Council"), to its own. The council's facts (meeting, report of,
portfolio holder, key decision) and the shared text (options, reasons, implications) are
catalogue data (`catalogue/documents/cabinet.yml`); every figure is the estimate's, in whole
pounds as councils print them, rounded so that each table's figures add up to its total.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from docx.shared import Mm, Pt

from ..catalogue.document_models import Council
from ..name_lists import names
from ..engine.models import PartnerSummary
from ..governance.finances import NetworkWithdrawalImpact
from ..governance.report import GovernanceReport
from .charts import bar_chart, largest
from .context import Inputs, cameras_in
from .docx_base import PORTRAIT_TWIPS, DocumentInfo, heading, new_document, paragraph, save_reproducibly
from .docx_pictures import add_chart
from .docx_tables import Column, add_table
from .money_text import figure, long_date, percent, pounds, unit_price, whole_pounds

ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii")


def build_cabinet_report(
    inputs: Inputs,
    partner_id: str | None = None,
    governance: GovernanceReport | None = None,
    withdrawal: NetworkWithdrawalImpact | None = None,
) -> bytes:
    est = inputs.estimate
    partner = est.partner(partner_id) if partner_id else None
    if partner_id and partner is None:
        raise ValueError(
            f"{inputs.partner_name(partner_id)} is not in the estimate (it has no response, declined, or is not a member), so there is no report for it"
        )
    cabinet = inputs.texts.cabinet
    council = cabinet.council(partner_id or cabinet.lead)
    if council is None:
        raise ValueError(
            f"catalogue/documents/cabinet.yml has no facts for {inputs.partner_name(partner_id)}'s council: "
            "add it under 'councils' (meeting, report_of, portfolio_holder, contacts)"
        )
    report = CabinetPaper(inputs, council, partner, governance, withdrawal)
    return report.build()


@dataclass
class CabinetPaper:
    inputs: Inputs
    council: Council
    partner: PartnerSummary | None
    governance: GovernanceReport | None
    withdrawal: NetworkWithdrawalImpact | None
    document: object = None
    section: int = 0
    para: int = 0
    figures: int = 0
    charts: int = 0
    context: dict = field(default_factory=dict)

    # Structure

    def _open_document(self) -> None:
        """An A4 document with the council's furniture, titled and dated from the inputs."""
        inputs, council = self.inputs, self.council
        self.document = new_document(
            DocumentInfo(
                title=self.title,
                subject=f"{council.meeting} report",
                author=council.report_of,
                version=inputs.version,
                status=inputs.status,
                issued=inputs.issued_at,
            )
        )

    def build(self) -> bytes:
        inputs, council = self.inputs, self.council
        self.meeting_date = council.meeting_date or inputs.issued
        self._open_document()
        cameras = cameras_in(inputs.estimate, self.partner.partner_id if self.partner else None)
        self.context = inputs.document_context(council=self.council_name, cameras=cameras)
        self._front_sheet()
        self._purpose()
        self._recommendations()
        self._background()
        self._figures()
        if self.withdrawal:
            self._withdrawal()
        if not self.leaving:  # a council that has given notice is asked to note, not to choose
            self._options()
            self._reasons()
        self._financial()
        self._legal()
        self._implication("Human resource implications", "human_resources")
        self._implication("Equality and diversity implications", "equality")
        self._implication(
            "Crime and disorder implications (Section 17)", "crime_and_disorder_with_cctv" if cameras else "crime_and_disorder_without_cctv"
        )
        self._implication("Environmental implications", "environmental")
        self._implication("Data protection implications", "data_protection")
        self._risk()
        self._background_papers()
        self._contacts()
        return save_reproducibly(self.document)

    @property
    def council_name(self) -> str:
        return self.inputs.partner_name(self.council.partner)

    @property
    def leaving(self) -> bool:
        return bool(self.partner and self.partner.leaves)

    @property
    def title(self) -> str:
        project = "Cambridgeshire Public Sector Network (CPSN)"
        if self.partner is None:
            return f"{project}: estimated costs and savings"
        return f"{project}: what the contract means for {self.partner.name}"

    def heading(self, text: str) -> None:
        self.section += 1
        self.para = 0
        heading(self.document, f"{self.section}. {text}", 2)

    def numbered(self, text: str, style: str | None = None):
        """A numbered paragraph (2.1, 2.2 ...), with the number hanging in the margin as in the seeds."""
        self.para += 1
        made = paragraph(self.document, f"{self.section}.{self.para}\t{text}", style)
        made.paragraph_format.left_indent = Mm(12)
        made.paragraph_format.first_line_indent = Mm(-12)
        made.paragraph_format.tab_stops.add_tab_stop(Mm(12))
        return made

    def caption(self, text: str) -> None:
        self.figures += 1
        made = paragraph(self.document, f"Table {self.figures}: {text}")
        made.runs[0].bold = True
        made.paragraph_format.keep_with_next = True

    def text(self, template: str) -> str:
        return self.inputs.text(template, self.context)

    # Sections

    def _front_sheet(self) -> None:
        council = self.council
        lines = [(self.council_name.upper(), 14), (council.meeting.upper(), 12), (long_date(self.meeting_date).upper(), 12)]
        for text, size in lines:
            run = paragraph(self.document, text).runs[0]
            run.bold, run.font.size = True, Pt(size)
        key = (
            "YES" + (f" (Forward Plan reference {council.forward_plan})" if council.forward_plan else "") if council.key_decision else "NO"
        )
        rows = [
            ("Report of", council.report_of),
            ("Portfolio holder", council.portfolio_holder),
            ("Key decision", key),
            ("Wards affected", council.wards),
        ]
        add_table(self.document, [Column("", 3000), Column("", PORTRAIT_TWIPS - 3000)], rows)
        heading(self.document, self.title, 1)

    def _purpose(self) -> None:
        self.heading("Purpose of report")
        project = self.inputs.catalogue.procurement.title
        if self.partner is None:
            self.numbered(
                f"To report the estimated cost of the {project} contract and the savings it brings the partners, and to "
                "seek Cabinet's agreement that the Council, as lead authority, runs the procurement for the lots in this report."
            )
        elif self.leaving:
            self.numbered(
                f"To report the cost and savings of the CPSN services the Council takes until its notice to leave the "
                f"partnership expires on {long_date(self.partner.leaves)}, and what leaving means for the Council and the "
                "other partners. Cabinet is asked to note the report; no decision is needed."
            )
        else:
            self.numbered(
                f"To report what the {project} would cost the Council and save it, and to seek Cabinet's agreement "
                "that the Council takes part in the lots listed in this report."
            )

    def _recommendations(self) -> None:
        self.heading("Recommendations")
        paragraph(self.document, "It is recommended that Cabinet:")
        est, council = self.inputs.estimate, self.council
        who = self.partner or est.totals
        cost = self.partner.term_cost if self.partner else est.totals.contract_value
        if self.partner is None:
            items = [
                f"notes the estimated contract value of {pounds(cost, False)} over the term, {percent(est.envelope.utilisation_percent)} "
                f"of the {pounds(est.envelope.envelope, False)} budget, and {_saving_phrase(who.annual_saving)} against the partners' "
                f"spending today ({_term_phrase(who.term_saving)});",
                "agrees that the Council, as lead authority, runs the procurement on the partners' behalf for the lots in this report;",
                f"delegates authority to the {council.report_of}, in consultation with the {council.portfolio_holder}, to approve the "
                "final statement of requirements and to award the contract within the budget.",
            ]
        elif self.leaving:
            items = [
                f"notes that the Council's notice to leave the partnership expires on {long_date(self.partner.leaves)}, and that "
                f"until then its CPSN services cost {pounds(self.partner.term_cost, False)}, including one-off charges of "
                f"{pounds(self.partner.one_off, False)}, with {_saving_phrase(self.partner.annual_saving)};",
                "notes the effect of its leaving on the other partners' prices, set out in section 5.",
            ]
        else:
            items = [
                f"notes the estimated cost to the Council of {pounds(self.partner.annual_cost, False)} a year "
                f"({pounds(self.partner.term_cost, False)} over the term, including one-off connection charges of "
                f"{pounds(self.partner.one_off, False)}), and {_saving_phrase(self.partner.annual_saving)} against today's spending;",
                "agrees that the Council takes part in the lots listed in section 4;",
                f"delegates authority to the {council.report_of}, in consultation with the {council.portfolio_holder}, to confirm "
                "the Council's requirements and sign its call-off contract.",
            ]
        for number, item in zip(ROMAN, items):
            made = paragraph(self.document, f"{number})\t{item}")
            made.paragraph_format.left_indent = Mm(12)
            made.paragraph_format.first_line_indent = Mm(-12)

    def _background(self) -> None:
        self.heading("Background")
        self._partnership_background(self.inputs.estimate)

    def _partnership_background(self, est, after_term: str = "") -> None:
        """The partnership, the project and the term, and who the figures leave out: every cabinet paper's background."""
        project = self.inputs.catalogue.procurement
        where = f"listed with each one's costs and savings in section {self.section + 1}"  # _figures comes next
        self.numbered(
            self.text("The {{ board }} oversees shared ICT projects for public bodies in Cambridgeshire. ")
            + f"Its partners are {names(self.context['partners'], 'public bodies', where)}."
        )
        self.numbered(project.description)
        self.numbered(
            f"The contract runs from {long_date(est.term.start)} to {long_date(est.term.end)} ({project.term_years} years), "
            f"with an option to extend it by up to {project.extension_years} years." + after_term
        )
        for excluded in est.excluded:
            self.numbered(f"{excluded.name} is not in these figures: {excluded.reason}.")

    def _figures(self) -> None:
        self.heading("Key issues: costs and savings")
        self.numbered(
            "Buying together puts every partner on the price tier of the partnership's combined volume. The figures are "
            "estimates from the partners' stated demand, the catalogue's indicative prices and each partner's current "
            "spending; tenders will set the actual prices. All figures are ex VAT, in pounds, rounded to the nearest pound "
            "so that each table adds up. " + self.inputs.demand_counted
        )
        self._key_figures()
        self._breakdown()
        self._years()
        self._sensitivity()
        self._term_explained()

    def _key_figures(self) -> None:
        est, partner = self.inputs.estimate, self.partner
        env = est.envelope
        if partner is None:
            rows = [
                ("Budget for the whole term", env.envelope),
                ("Estimated contract value over the term", est.totals.contract_value),
                ("of which one-off connection charges", est.totals.one_off),
                ("Headroom within the budget" if env.within else "Overrun of the budget", abs(env.headroom)),
                ("Annual charges once every service runs", est.totals.annual_cost),
                ("Partners' current annual spending", est.totals.baseline),
                ("Annual saving" if est.totals.annual_saving >= 0 else "Annual cost increase", abs(est.totals.annual_saving)),
                ("Whole-term saving" if est.totals.term_saving >= 0 else "Whole-term cost increase", abs(est.totals.term_saving)),
            ]
            note = f"The contract value is {percent(env.utilisation_percent)} of the budget."
        else:
            rows = [
                ("Annual charges", partner.annual_cost),
                ("Current annual spending", partner.baseline),
                ("Annual saving" if partner.annual_saving >= 0 else "Annual cost increase", abs(partner.annual_saving)),
                ("One-off connection charges", partner.one_off),
                (f"Cost over the {partner.months_billed} months billed, with one-off charges", partner.term_cost),
                ("Whole-term saving" if partner.term_saving >= 0 else "Whole-term cost increase", abs(partner.term_saving)),
                ("The partnership's contract value", est.totals.contract_value),
            ]
            note = f"The Council is billed for {partner.months_billed} of the term's {est.term.months} months."
        self.caption("Key figures")
        add_table(
            self.document,
            [Column("Figure", PORTRAIT_TWIPS - 2400), Column("£", 2400, True)],
            [(label, figure(_pound(value))) for label, value in rows],
        )
        paragraph(self.document, note)

    def _breakdown(self) -> None:
        est, partner = self.inputs.estimate, self.partner
        heads = ["Annual charges", "Current spending", "Annual saving", "One-off charges", "Term cost", "Term saving"]
        derived = False
        if partner is None:
            parts = [(p.name, [p.annual_cost, p.baseline, p.annual_saving, p.one_off, p.term_cost, p.term_saving]) for p in est.partners]
            totals = [
                est.totals.annual_cost,
                est.totals.baseline,
                est.totals.annual_saving,
                est.totals.one_off,
                est.totals.contract_value,
                est.totals.term_saving,
            ]
            first, what = "Partner", "Costs and savings by partner"
            labels, savings = [p.name for p in est.partners], [p.annual_saving for p in est.partners]
        else:
            parts = []
            for lot_id in partner.lots:
                lot = est.lot(lot_id)
                mine = next(p for p in lot.partners if p.partner_id == partner.partner_id)
                derived = derived or mine.baseline_source == "derived"
                mark = " \u2020" if mine.baseline_source == "derived" else ""
                parts.append(
                    (
                        lot.title + mark,
                        [mine.annual_cost, mine.baseline, mine.annual_saving, mine.one_off, mine.term_cost, mine.term_saving],
                    )
                )
            totals = [partner.annual_cost, partner.baseline, partner.annual_saving, partner.one_off, partner.term_cost, partner.term_saving]
            first, what = "Lot", f"Costs and savings by lot for {partner.name}"
            labels = [est.lot(lot_id).title for lot_id in partner.lots]
            savings = [values[2] for _, values in parts]
        self.caption(f"{what} (£)")
        _money_table(self.document, first, heads, parts, totals)
        if derived:
            paragraph(
                self.document,
                "\u2020 The Council stated no current spending for this lot, so today's spending is estimated from "
                "its quantities at the catalogue's typical current prices.",
            )
        self._saving_chart("partner" if partner is None else "lot", labels, savings)

    def _saving_chart(self, things: str, labels: list[str], savings: list[Decimal]) -> None:
        """The breakdown's annual savings as bars, all of them or as many as one page holds."""
        self.charts += 1
        name = f"Figure {self.charts}: annual saving by {things}"
        shown, shown_savings = largest(labels, savings)
        if len(shown) < len(labels):
            largest_of = "savings and cost increases" if any(v < 0 for v in savings) else "savings"
            name += (
                f", the {len(shown)} largest {largest_of} of the {len(labels)} {things}s "
                f"(table {self.figures} gives every {things}'s figures)"
            )
        made = paragraph(self.document, name + (", a cost increase drawn left of zero in red" if any(v < 0 for v in shown_savings) else ""))
        made.runs[0].bold = True
        made.paragraph_format.keep_with_next = True
        add_chart(self.document, bar_chart(name, shown, shown_savings, "Annual saving (£)"))

    def _years(self) -> None:
        est, partner = self.inputs.estimate, self.partner
        years = partner.years if partner else est.years
        self.caption(f"By financial year, April to March (£){'' if partner is None else ' for ' + partner.name}")
        parts = [(y.year, [y.annual_cost, y.one_off, y.cost, y.baseline, y.saving]) for y in years if y.months]
        totals = [
            sum((y.annual_cost for y in years), Decimal(0)),
            sum((y.one_off for y in years), Decimal(0)),
            partner.term_cost if partner else est.totals.contract_value,
            sum((y.baseline for y in years), Decimal(0)),
            partner.term_saving if partner else est.totals.term_saving,
        ]
        _money_table(
            self.document, "Year", ["Annual charges", "One-off charges", "Total cost", "Current spending", "Saving"], parts, totals
        )
        paragraph(
            self.document,
            "A year in which partners are billed for only some months (a partner joining or leaving) carries those "
            "months' charges and spending; one-off charges fall in the year a partner's services start.",
        )

    def _sensitivity(self) -> None:
        est, partner = self.inputs.estimate, self.partner
        self.caption(
            "Sensitivity: the estimate at each service line's low, central and high prices (£)"
            + ("" if partner is None else f" for {partner.name}")
        )
        rows = []
        for case in est.sensitivity:
            if partner is None:
                cost, saving = case.totals.contract_value, case.totals.annual_saving
                used = percent(case.envelope.utilisation_percent)
            else:
                mine = next(p for p in case.partners if p.partner_id == partner.partner_id)
                cost, saving, used = mine.term_cost, mine.annual_saving, ""
            rows.append([case.case.title(), figure(_pound(cost)), figure(_pound(saving))] + ([used] if partner is None else []))
        columns = [Column("Case", PORTRAIT_TWIPS - 6600), Column("Cost over the term", 2200, True), Column("Annual saving", 2200, True)]
        if partner is None:
            columns.append(Column("Share of budget", 2200, True))
        else:
            columns[0] = Column("Case", PORTRAIT_TWIPS - 4400)
        add_table(self.document, columns, rows)
        paragraph(self.document, "A negative annual saving (shown with a minus sign) is a cost increase against today's spending.")

    def _term_explained(self) -> None:
        est, partner = self.inputs.estimate, self.partner
        subject = partner or est.totals
        short = [p for p in ([partner] if partner else est.partners) if p.months_billed < est.term.months]
        reasons = [f"one-off connection charges of {pounds(subject.one_off, False)} are paid when services start"]
        for p in short:
            reasons.append(
                f"{p.name} is billed for {p.months_billed} of the {est.term.months} months"
                + (
                    f" (its notice expires on {long_date(p.leaves)})"
                    if p.leaves
                    else f" (it joins on {long_date(p.joins)})"
                    if p.joins
                    else ""
                )
            )
        self.numbered(
            f"The whole-term saving is not simply {est.term.years} times the annual saving, because "
            + "; ".join(reasons)
            + ". The financial-year table shows where each falls."
        )

    def _withdrawal(self) -> None:
        impact = self.withdrawal
        self.heading("Effect of leaving the partnership")
        self.numbered(
            f"Notice given on {long_date(impact.notice_given)} expires on {long_date(impact.notice_expires)}, two years later; "
            "the Council's CPSN services end then."
        )
        verdict = "saves" if impact.net_annual_change >= 0 else "costs"
        self.caption("What leaving changes, a year (£)")
        rows = [
            ("Core contribution that stops", impact.core_contribution),
            ("CPSN services that end", impact.network_annual_cost),
            ("Buying them alone at today's prices", impact.replacement_annual_cost),
            (f"Leaving {verdict}", abs(impact.net_annual_change)),
        ]
        add_table(
            self.document,
            [Column("", PORTRAIT_TWIPS - 2400), Column("£ a year", 2400, True)],
            [(label, figure(_pound(value))) for label, value in rows],
            bold_last_row=True,
        )
        self.numbered(
            f"The partners who stay would pay {pounds(impact.others_annual_cost_change, False)} a year more between them, "
            "because the partnership's volume falls:"
        )
        for change in impact.price_rises:
            paragraph(
                self.document,
                f"{change.title}: {unit_price(change.base_price)} rises to {unit_price(change.scenario_price)} a unit.",
                "List Bullet",
            )

    def _options(self) -> None:
        self.heading("Options considered")
        for option in self.inputs.texts.cabinet.options:
            made = self.numbered(f"{option.title}. {self.text(option.text)}")
            made.runs[0].bold = False

    def _reasons(self) -> None:
        self.heading("Reasons for the recommendations")
        for reason in self.inputs.texts.cabinet.reasons:
            self.numbered(self.text(reason))

    def _financial(self) -> None:
        self.heading("Financial implications")
        inputs, partner = self.inputs, self.partner
        subject = partner or inputs.estimate.totals
        self.numbered(
            f"The costs in section 4 are revenue costs of the services, ex VAT, at {inputs.catalogue.programme.catalogue_version} "
            f"catalogue prices, fixed for the first {inputs.catalogue.procurement.term_years} years. One-off connection charges of "
            f"{pounds(subject.one_off, False)} fall in the year services start."
        )
        if partner and partner.max_contribution is not None:
            self.numbered(
                f"The Council has agreed to contribute at most {pounds(partner.max_contribution, False)} to the partnership's "
                "shared costs; it cannot be charged more."
            )
        if self.governance:
            self._shared_costs()

    def _shared_costs(self) -> None:
        inputs, partner = self.inputs, self.partner
        for allocation in self.governance.allocations:
            project = inputs.catalogue.project(allocation.project_id)
            self.numbered(
                f"The shared costs of {project.title} are {pounds(allocation.total_cost, False)}, shared "
                f"{allocation.rule.replace('_', ' ')}, never above the contribution each partner agreed."
            )
            shown = [p for p in allocation.partners if partner is None or p.partner_id == partner.partner_id]
            if not shown:
                continue
            self.caption(f"Shared costs of {project.title} (£)")
            charged = whole_pounds([p.charged for p in shown], sum((p.charged for p in shown), Decimal(0)))
            rows = [(p.name, figure(c), figure(_pound(p.cap)), "Yes" if p.cap_binds else "No") for p, c in zip(shown, charged)]
            if len(shown) > 1:
                rows.append(("Total", figure(sum(charged)), "", ""))
            add_table(
                self.document,
                [
                    Column("Partner", PORTRAIT_TWIPS - 6000),
                    Column("Charged", 2000, True),
                    Column("Agreed cap", 2000, True),
                    Column("Cap reached", 2000),
                ],
                rows,
                bold_last_row=len(shown) > 1,
            )
            if allocation.total_shortfall:
                self.numbered(
                    f"{pounds(allocation.total_shortfall, False)} of these costs cannot be placed within the partners' agreed "
                    "caps; the board must agree higher contributions or lower costs."
                )

    def _legal(self) -> None:
        self.heading("Legal implications")
        inputs = self.inputs
        self.numbered(self.text(inputs.texts.cabinet.implications.legal))
        if not self.governance:
            return
        for project in self.governance.projects:
            if project.declined:
                self.numbered(
                    f"Voting rights on {project.title} are suspended for "
                    + ", ".join(inputs.partner_name(p) for p in project.declined)
                    + ", which declined the project."
                )
        for result in self.governance.motions:
            motion = result.motion
            self.numbered(
                f"Motion {motion.id} ({inputs.catalogue.project(motion.project_id).title}): {motion.text} Result: {result.outcome}."
            )
            rows = [
                (inputs.partner_name(c.vote.partner_id), c.vote.choice, "counted" if c.counted else f"not counted: {c.reason}")
                for c in result.votes
            ]
            rows += [(inputs.partner_name(p), "did not vote", "") for p in result.did_not_vote]
            if rows:
                self.caption(f"Votes on motion {motion.id}")
                add_table(self.document, [Column("Partner", 3600), Column("Vote", 1600), Column("Counted", PORTRAIT_TWIPS - 5200)], rows)

    def _implication(self, title: str, name: str) -> None:
        self.heading(title)
        self.numbered(self.text(getattr(self.inputs.texts.cabinet.implications, name)))

    def _risk(self) -> None:
        self.heading("Risk management implications")
        est = self.inputs.estimate
        high = est.case("high")
        self.numbered(
            f"Prices are indicative until tenders are received. At the high end of the price ranges the contract value "
            f"would be {pounds(high.totals.contract_value, False)}, {percent(high.envelope.utilisation_percent)} of the budget"
            + (": the tender would need the scope reduced to stay within it." if not high.envelope.within else ".")
        )
        self.numbered(
            "Demand is as stated by the partners and is not a commitment; if partners leave, those who stay may lose volume discounts."
        )
        for warning in self.governance.warnings if self.governance else ():
            paragraph(self.document, warning.message, "List Bullet")
        for warning in est.warnings:
            paragraph(self.document, warning, "List Bullet")

    def _background_papers(self) -> None:
        self.heading("Background papers")
        for paper in self.inputs.texts.cabinet.background_papers:
            self.numbered(self.text(paper))

    def _contacts(self) -> None:
        self.heading("Contact officers")
        for contact in self.council.contacts:
            details = ", ".join(
                x
                for x in (
                    contact.name,
                    contact.post,
                    self.council_name,
                    contact.telephone and f"telephone {contact.telephone}",
                    contact.email,
                )
                if x
            )
            self.numbered(details)


def _pound(value: Decimal) -> int:
    return whole_pounds([value], value)[0]


def _money_table(document, first: str, heads: list[str], parts: list[tuple[str, list[Decimal]]], totals: list[Decimal]) -> None:
    """Rows of money in whole pounds and a bold total row; each column is rounded so it adds up."""
    columns_values = list(zip(*[values for _, values in parts])) if parts else [()] * len(heads)
    rounded = [whole_pounds(list(column), total) for column, total in zip(columns_values, totals)]
    rows = [[label] + [figure(rounded[c][r]) for c in range(len(heads))] for r, (label, _) in enumerate(parts)]
    rows.append(["Total"] + [figure(sum(rounded[c])) for c in range(len(heads))])
    money_width = 1180
    name_width = PORTRAIT_TWIPS - money_width * len(heads)
    add_table(document, [Column(first, name_width)] + [Column(h, money_width, True) for h in heads], rows, bold_last_row=True)


def _saving_phrase(value: Decimal) -> str:
    return f"an annual saving of {pounds(value, False)}" if value >= 0 else f"an annual cost increase of {pounds(-value, False)}"


def _term_phrase(value: Decimal) -> str:
    return f"{pounds(value, False)} over the term" if value >= 0 else f"a cost increase of {pounds(-value, False)} over the term"
