"""The award report (.docx): the tender's outcome for the lead authority's cabinet.

The same council cabinet-paper format as the savings report (cabinet_report: front sheet,
numbered sections and paragraphs, the shared implications), with the recommended bidder per lot
and why, the tendered contract value against the estimate and the budget, the tendered savings per
partner and financial year, the flags and how each was resolved, and every bid's evaluation as an
appendix. Every figure is the Recommendation's (its Evaluation and its tendered Estimate).
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.shared import Mm

from ..tenders.models import LotRanking, LotTender, Recommendation
from ..name_lists import join_and
from . import award_tables as tables
from .cabinet_report import ROMAN, CabinetPaper
from .context import Inputs, cameras_in
from .docx_base import PORTRAIT_TWIPS, add_landscape_section, heading, paragraph, save_reproducibly
from .docx_tables import Column, add_table
from .money_text import long_date, percent, pounds


def build_award_report(recommendation: Recommendation, inputs: Inputs) -> bytes:
    cabinet = inputs.texts.cabinet
    council = cabinet.council(cabinet.lead)
    if council is None:
        raise ValueError(
            f"catalogue/documents/cabinet.yml has no facts for the lead authority ({inputs.partner_name(cabinet.lead)}): "
            "add it under 'councils' (meeting, report_of, portfolio_holder, contacts)"
        )
    return _AwardReport(inputs, council, None, None, None, recommendation=recommendation).build()


@dataclass
class _AwardReport(CabinetPaper):
    recommendation: Recommendation | None = None

    @property
    def title(self) -> str:
        return f"{self.inputs.catalogue.procurement.title}: award of contract"

    def build(self) -> bytes:
        inputs = self.inputs
        rec = self.recommendation
        self.meeting_date = inputs.issued  # the award goes to the meeting the report is issued for
        self.numbers = tables.lot_numbers(rec.evaluation.estimate)
        self._open_document()
        self.context = inputs.document_context(council=self.council_name, cameras=cameras_in(rec.tendered))
        self._front_sheet()
        self._purpose()
        self._recommendations()
        self._background()
        self._evaluation_method()
        self._recommended_bidders()
        self._contract_value()
        self._savings()
        self._flags()
        self._options()
        self._financial()
        self._legal()
        self._implication("Human resource implications", "human_resources")
        self._implication("Equality and diversity implications", "equality")
        self._implication(
            "Crime and disorder implications (Section 17)",
            "crime_and_disorder_with_cctv" if self.context["cameras"] else "crime_and_disorder_without_cctv",
        )
        self._implication("Environmental implications", "environmental")
        self._implication("Data protection implications", "data_protection")
        self._risk()
        self._background_papers()
        self._contacts()
        self._appendix()
        return save_reproducibly(self.document)

    # Helpers

    def lot_name(self, lot_id: str) -> str:
        ranking = self.recommendation.evaluation.lot(lot_id)
        return f"Lot {self.numbers[lot_id]}: {ranking.title if ranking else lot_id}"

    def reason(self, lot_id: str) -> str:
        return next((why for lot, _, why in self.recommendation.award.choices if lot == lot_id), "")

    def introduce(self, text: str) -> None:
        """A numbered paragraph that introduces the table after it, so it never ends a page without it."""
        self.numbered(text).paragraph_format.keep_with_next = True

    def item(self, label: str, text: str, indent: int = 12) -> None:
        made = paragraph(self.document, f"{label}\t{text}")
        made.paragraph_format.left_indent = Mm(indent)
        made.paragraph_format.first_line_indent = Mm(-8 if indent > 12 else -12)

    @property
    def max_score(self):
        evaluation = self.recommendation.evaluation
        return evaluation.price_weight + evaluation.quality_weight

    # Sections

    def _purpose(self) -> None:
        self.heading("Purpose of report")
        project = self.inputs.catalogue.procurement.title
        self.numbered(
            f"To report the outcome of the tender for the {project}, and to seek Cabinet's approval, as lead authority, "
            "to award each lot of the contract to the bidder recommended in section 5."
        )

    def _recommendations(self) -> None:
        self.heading("Recommendations")
        paragraph(self.document, "It is recommended that Cabinet:")
        rec, council = self.recommendation, self.council
        tendered, estimate = rec.tendered, rec.evaluation.estimate
        items = []
        if rec.awarded:
            items.append(
                (
                    "approves the award of the contract, lot by lot, to:",
                    [f"{self.lot_name(lot)} to {bidder};" for lot, bidder in rec.awarded],
                )
            )
        difference = rec.tendered_contract_value - estimate.totals.contract_value
        direction = "below" if difference <= 0 else "above"
        items.append(
            (
                f"notes the tendered contract value of {pounds(rec.tendered_contract_value)} over the term, "
                f"{percent(tendered.envelope.utilisation_percent)} of the {pounds(tendered.envelope.envelope, False)} budget and "
                f"{pounds(abs(difference))} {direction} the estimate of {pounds(estimate.totals.contract_value)}, and "
                f"{_saving_phrase(tendered.totals.annual_saving)} against the partners' spending today "
                f"({_term_phrase(tendered.totals.term_saving)});",
                [],
            )
        )
        if rec.unawarded:
            names = [self.lot_name(lot) for lot in rec.unawarded]
            items.append(
                (f"notes that {join_and(names)} {'is' if len(names) == 1 else 'are'} not awarded, for the reasons in section 6;", [])
            )
        if rec.evaluation.flags:
            items.append(("notes the matters flagged in evaluation and how each was resolved (section 8);", []))
        items.append(
            (
                f"delegates authority to the {council.report_of}, in consultation with the {council.portfolio_holder}, to send "
                "the award decision notices, and to sign the contract once the standstill period has passed without challenge.",
                [],
            )
        )
        for number, (text, sub) in zip(ROMAN, items):
            self.item(f"{number})", text)
            for letter, line in zip("abcdefghijklmnopqrstuvwxyz", sub):
                self.item(f"{letter})", line, indent=20)

    def _background(self) -> None:
        self.heading("Background")
        est = self.recommendation.evaluation.estimate
        self._partnership_background(
            est,
            " Before the tender, the estimate from the partners' demand and the catalogue's indicative prices put the "
            f"contract value at {pounds(est.totals.contract_value)}.",
        )

    def _evaluation_method(self) -> None:
        self.heading("The tender and how bids were evaluated")
        evaluation = self.recommendation.evaluation
        bidders = [bid.bidder for bid in evaluation.bids]
        self.numbered(
            self.text("The tender was advertised by {{ law.notice }} and run under {{ law.procurement_law }}. ")
            + f"{len(bidders)} bid{'s were' if len(bidders) != 1 else ' was'} received, from {join_and(bidders)}; "
            "a bidder could bid for some lots only. Each bid is the pricing schedule issued to bidders, returned with "
            "the bidder's prices."
        )
        self.numbered(
            f"Each bid for a lot is scored out of {tables.score(self.max_score)}: price {tables.score(evaluation.price_weight)} "
            f"and quality {tables.score(evaluation.quality_weight)}. The evaluated price is the cost of the lot over the "
            "term with the bidder's prices in place of the catalogue's, for the partners' same quantities. The lowest "
            "compliant evaluated price scores the full price weight, and every other bid that share of it. Evaluators "
            "marked each quality criterion from 0 (unacceptable) to 4 (excellent), agreed a moderated mark, and the "
            "criterion scores the moderated mark divided by 4, times its weight. A bid marked below a criterion's "
            "minimum is not compliant and is not ranked. Appendix A sets out every bid's scores."
        )
        self.numbered(
            f"Bids are flagged for the evaluation panel to clarify, never excluded without a decision: an evaluated price "
            f"more than {evaluation.abnormally_low_percent.normalize():f}% below the estimate (an abnormally low tender), "
            "a tendered contract value over the budget, and a unit price above the high end of the catalogue's range."
        )

    def _recommended_bidders(self) -> None:
        self.heading("Recommended bidders")
        rec = self.recommendation
        self.introduce(
            f"Table {self.figures + 1} gives, for each lot, the bidder recommended, its price and quality scores, its total out of "
            f"{tables.score(self.max_score)}, its rank among the compliant bids, and its margin: the points by which its "
            "total exceeds the next-ranked compliant bid's."
            + (
                " A rank with = is shared: the bids are tied on total and quality score, and the reason says how the tie was decided."
                if tables.any_shared_rank(rec.evaluation)
                else ""
            )
        )
        self.caption("Recommended bidder per lot")
        tables.recommended_table(self.document, rec, self.numbers)
        awarded = dict(rec.awarded)
        for ranking in rec.evaluation.lots:
            bidder = awarded.get(ranking.lot_id)
            tender = ranking.tender(bidder) if bidder else None
            if tender is not None:
                self.numbered(self._why(ranking, tender))

    def _why(self, ranking: LotRanking, tender: LotTender) -> str:
        compliant = [t for t in ranking.tenders if t.compliant]
        other = tables.next_bid(ranking, tender.bidder)
        place = f"ranked {_ordinal(tender.rank)} of {len(compliant)} compliant bids" if tender.rank else "not ranked"
        if len(ranking.tied) > 1 and tender.bidder in ranking.tied:
            place += f", tied on total and quality with {join_and([b for b in ranking.tied if b != tender.bidder])}"
        text = (
            f"{self.lot_name(ranking.lot_id)}: {tender.bidder}, {place}, with {tables.score(tender.total)} "
            f"(price {tables.score(tender.price_score)}, quality {tables.score(tender.quality_score)})"
        )
        if other is None:
            text += "; it was the only compliant bid"
        elif tender.total == other.total:
            if other.bidder not in ranking.tied:
                text += f", level on total with {other.bidder}"
        elif tender.total > other.total:
            text += f", {tables.score(tender.total - other.total)} points ahead of {other.bidder} ({tables.score(other.total)})"
        else:
            text += f", {tables.score(other.total - tender.total)} points behind {other.bidder} ({tables.score(other.total)})"
        difference = "below" if tender.difference <= 0 else "above"
        text += (
            f". Its evaluated price of {pounds(tender.evaluated_price)} is {pounds(abs(tender.difference))} "
            f"({abs(tender.difference_percent):.1f}%) {difference} the estimate of {pounds(ranking.estimate)}."
        )
        why = self.reason(ranking.lot_id)
        return text + (f" Reason for the recommendation: {_sentence(why)}" if why else "")

    def _contract_value(self) -> None:
        self.heading("Tendered contract value")
        rec = self.recommendation
        tendered, estimate = rec.tendered, rec.evaluation.estimate
        env = tendered.envelope
        difference = rec.tendered_contract_value - estimate.totals.contract_value
        unawarded = [tendered.lot(lot_id) for lot_id in rec.unawarded if tendered.lot(lot_id)]
        self.introduce(
            "The tendered contract value is the estimate with the recommended bidders' prices in place of the catalogue's, "
            "for the partners' stated demand. "
            + (
                "Lots not awarded stay in it at the catalogue's central prices, so that it shows the whole cost of the partners' services. "
                if unawarded
                else ""
            )
            + "Figures are ex VAT, in pounds and pence."
        )
        rows = [
            ("Budget for the whole term", env.envelope),
            ("Estimated contract value before tender", estimate.totals.contract_value),
            ("Tendered contract value over the term", rec.tendered_contract_value),
        ]
        rows += [(f"of which {self.lot_name(lot.lot_id)}, not awarded, at the estimate's prices", lot.term_cost) for lot in unawarded]
        rows += [
            ("Below the estimate by" if difference <= 0 else "Above the estimate by", abs(difference)),
            ("Headroom within the budget" if env.within else "Overrun of the budget", abs(env.headroom)),
        ]
        self.caption("Tendered contract value against the estimate and the budget")
        add_table(
            self.document,
            [Column("Figure", PORTRAIT_TWIPS - 2600), Column("£", 2600, True)],
            [(label, tables.pence(value)) for label, value in rows],
        )
        paragraph(self.document, f"The tendered contract value is {percent(env.utilisation_percent)} of the budget.")
        self.caption("Estimate and tendered cost over the term, by lot (£, rounded to the nearest pound so that each column adds up)")
        tables.lot_value_table(self.document, rec, self.numbers)
        for lot_id in rec.unawarded:
            lot = tendered.lot(lot_id)
            cost = f" Its cost of {pounds(lot.term_cost)} over the term is included at the estimate's prices." if lot else ""
            why = self.reason(lot_id)
            self.numbered(f"{self.lot_name(lot_id)} is not recommended for award" + (f": {_sentence(why)}" if why else ".") + cost)
        if estimate.unchosen_lots:
            names = [self.inputs.catalogue.lot(lot_id).title for lot_id in estimate.unchosen_lots]
            self.numbered(f"No partner chose {join_and(names)}, so {'it was' if len(names) == 1 else 'they were'} not tendered.")

    def _savings(self) -> None:
        self.heading("Tendered costs and savings")
        rec = self.recommendation
        tendered, estimate = rec.tendered, rec.evaluation.estimate
        self.introduce(
            f"At the tendered prices the partners save {pounds(tendered.totals.annual_saving)} a year against their spending "
            f"today, and {pounds(tendered.totals.term_saving)} over the term (the estimate before tender: "
            f"{pounds(estimate.totals.annual_saving)} a year, {pounds(estimate.totals.term_saving)} over the term). "
            "The tables are in whole pounds, each column rounded so that it adds up to its total; a negative saving "
            "(shown with a minus sign) is a cost increase."
        )
        partners = self.figures + 1
        self.caption("Tendered costs and savings by partner (£)")
        tables.partner_table(self.document, tendered)
        self.caption("Tendered costs and savings by financial year, April to March, for the partnership (£)")
        tables.years_table(self.document, tendered)
        self.introduce(
            f"Table {self.figures + 1} gives each partner's cost and saving in each financial year it is billed; each "
            f"partner's years add up to its whole-term figures in Table {partners}. One-off connection charges fall in the year a partner's services start."
        )
        self.caption("Tendered cost and saving by partner and financial year (£)")
        tables.partner_years_table(self.document, tendered)

    def _flags(self) -> None:
        self.heading("Matters flagged in evaluation")
        rec = self.recommendation
        flags = rec.evaluation.flags
        if not flags:
            self.numbered(
                "No bid was flagged: no evaluated price was abnormally low, no unit price was above the high end of the "
                "catalogue's range, and no bid's tendered contract value was over the budget."
            )
            return
        self.introduce(
            f"{len(flags)} matter{'s were' if len(flags) != 1 else ' was'} flagged for clarification. Table {self.figures + 1} sets out each "
            "and how the evaluation panel resolved it."
        )
        self.caption("Matters flagged and how each was resolved")
        tables.flag_table(self.document, rec.evaluation, rec.award.resolutions, self.numbers)

    def _options(self) -> None:
        self.heading("Options considered")
        ends = self.inputs.texts.sor.current_contracts_end
        when = f" the current contracts end on {long_date(ends)}, and" if ends else ""
        self.numbered(
            "Award the contract as recommended (recommended). The recommended bids scored highest on the published "
            "criteria and the tendered contract value is "
            + (
                "within the budget."
                if self.recommendation.tendered.envelope.within
                else "over the budget, so the scope must be reduced before award."
            )
        )
        self.numbered(
            f"Do not award and tender again. This is not recommended:{when} a new tender would take months, with no "
            "reason to expect better prices."
        )
        self.numbered(
            "Award on price alone. This is not permitted: bids were invited and evaluated on the published price and "
            "quality criteria, and must be awarded on them."
        )

    def _financial(self) -> None:
        self.heading("Financial implications")
        rec, inputs = self.recommendation, self.inputs
        tendered = rec.tendered
        env = tendered.envelope
        self.numbered(
            f"The tendered contract value of {pounds(rec.tendered_contract_value)} is "
            + (
                f"within the {pounds(env.envelope, False)} budget, leaving {pounds(env.headroom)}."
                if env.within
                else f"over the {pounds(env.envelope, False)} budget by {pounds(-env.headroom)}."
            )
            + f" One-off connection charges of {pounds(tendered.totals.one_off)} fall in the year each partner's "
            "services start. The costs are revenue costs of the services, ex VAT, and each partner pays for the services "
            f"it orders, at the tendered prices, fixed for the first {inputs.catalogue.procurement.term_years} years."
        )
        capped = [p for p in tendered.partners if p.max_contribution is not None]
        if capped:
            self.numbered(
                "Each partner has agreed the most it will contribute to the partnership's shared costs; it cannot be "
                "charged more, whatever the tendered prices."
            )

    def _legal(self) -> None:
        self.heading("Legal implications")
        cabinet = self.inputs.texts.cabinet
        self.numbered(self.text(cabinet.implications.legal))
        self.numbered(
            self.text(
                "Every bidder is told the outcome and the reasons in an award decision notice, and the contract is "
                "not signed until {{ law.standstill }} has passed without challenge."
            )
        )

    def _risk(self) -> None:
        self.heading("Risk management implications")
        rec = self.recommendation
        lows = [f for f in rec.evaluation.flags if f.kind == "abnormally_low" and (f.lot_id, f.bidder) in set(rec.awarded)]
        if lows:
            self.numbered(
                "A recommended bid was flagged as abnormally low. A price that cannot be sustained risks poor service or "
                "a supplier leaving the contract; the panel's clarification is recorded in section 8, and the contract's "
                "service levels and exit terms apply."
            )
        if rec.unawarded:
            self.numbered(
                "Lots not awarded stay at the estimate's prices in this report; their actual cost is not known until they "
                "are bought, and the partners keep their current arrangements for them until then."
            )
        if not rec.tendered.envelope.within:
            self.numbered(
                "The tendered contract value is over the budget: the award cannot proceed without reducing the scope or "
                "agreeing a larger budget."
            )
        self.numbered(
            "Prices apply to the volume tier of the partners' combined demand. Demand is as stated by the partners and is "
            "not a commitment; if it falls, the partnership may move to a higher-priced tier."
        )
        self.numbered(
            "A bidder may challenge the decision during the standstill period. The evaluation workbook records every "
            "evaluator's mark, every moderated mark and every price, so the decision can be explained."
        )
        for warning in rec.tendered.warnings:
            paragraph(self.document, warning, "List Bullet")

    def _background_papers(self) -> None:
        self.heading("Background papers")
        inputs = self.inputs
        sources = self.recommendation.evaluation.sources
        issue = sources[0].issue if sources else None  # every bid prices the same issue, or it was refused
        self.numbered(
            "CPSN statement of requirements and pricing schedule as issued to bidders"
            + (
                f" (schedule version {issue.schedule_version}, catalogue {issue.catalogue_version})"
                if issue
                else f" (catalogue {inputs.catalogue.programme.catalogue_version})"
            )
        )
        for bid in self.recommendation.evaluation.bids:
            self.numbered(f"Bid from {bid.bidder} (file {bid.file_name})")
        self.numbered("Evaluation workbook: every evaluator's mark, the moderated marks, the scores and the line prices")

    def _appendix(self) -> None:
        add_landscape_section(self.document)
        heading(self.document, "Appendix A: evaluation of every bid", 2)
        evaluation = self.recommendation.evaluation
        criteria = tables.criteria_of(evaluation)
        paragraph(
            self.document,
            "Each quality column shows the moderated mark (0 to 4) and the score it gives, the mark divided by 4 "
            "times the criterion's weight (in brackets in the heading); * marks a mark below the criterion's "
            "minimum. Against estimate is the evaluated price's difference from the estimate for the lot. "
            "Rank is among compliant bids (= where bids tie on total and quality score); a bid that is not "
            "compliant is not ranked (-).",
        )
        made = paragraph(self.document, "Criteria")
        made.runs[0].bold = True
        tables.criteria_key(self.document, evaluation)
        for ranking in evaluation.lots:
            made = paragraph(self.document, f"{self.lot_name(ranking.lot_id)} (estimate {pounds(ranking.estimate)})")
            made.runs[0].bold = True
            made.paragraph_format.keep_with_next = True
            if not ranking.tenders:
                paragraph(self.document, "No bids were received for this lot.")
                continue
            tables.evaluation_table(self.document, ranking, criteria)
            for tender in ranking.tenders:
                if not tender.compliant:
                    paragraph(self.document, f"{tender.bidder} is not compliant: {_sentence('; '.join(tender.reasons) or 'not scored')}")


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def _ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def _saving_phrase(value) -> str:
    return f"an annual saving of {pounds(value)}" if value >= 0 else f"an annual cost increase of {pounds(-value)}"


def _term_phrase(value) -> str:
    return f"{pounds(value)} over the term" if value >= 0 else f"a cost increase of {pounds(-value)} over the term"
