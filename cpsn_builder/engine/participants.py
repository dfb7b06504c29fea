"""Who is in an estimate: the partners whose demand counts, with their billing dates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ..catalogue import Catalogue
from ..catalogue.models import Partner
from ..responses.checks import question_applies
from ..responses.models import Response, ResponseSet
from .models import Excluded, Scenario
from .term import notice_expiry

ZERO = Decimal(0)


class ScenarioError(ValueError):
    """A scenario that cannot apply to this catalogue and these responses."""


@dataclass(frozen=True, slots=True)
class Participant:
    partner: Partner
    response: Response
    joins: date | None
    leaves: date | None
    status: str
    quantities: dict[str, Decimal]  # service line id -> quantity, for the lots opted into


def select_participants(catalogue: Catalogue, responses: ResponseSet, scenario: Scenario) -> tuple[list[Participant], list[Excluded]]:
    _check_scenario(catalogue, responses, scenario)
    added = {change.partner_id: change for change in scenario.with_partners}
    notices = {change.partner_id: change.given for change in scenario.notices}
    notice_months = catalogue.programme.notice_period_months
    included: list[Participant] = []
    excluded: list[Excluded] = []
    for partner in catalogue.partners:
        response = responses.for_partner(partner.id)
        reason = _exclusion(partner, response, scenario, added)
        if reason:
            excluded.append(Excluded(partner.id, partner.name, reason))
            continue
        joins = partner.joined
        status = partner.status
        if partner.id in added:
            joins = added[partner.id].joins or partner.joined
            status = "member"
        given = notices.get(partner.id, partner.notice_given)
        leaves = notice_expiry(given, notice_months) if given else None
        if partner.id in notices:
            status = "withdrawing"
        included.append(Participant(partner, response, joins, leaves, status, _quantities(catalogue, response)))
    return included, excluded


def _exclusion(partner: Partner, response: Response | None, scenario: Scenario, added: dict) -> str | None:
    if partner.id in scenario.without:
        return "left out in this scenario"
    if response is None:
        return "no response"
    if response.declined:
        return "declined the project"
    if partner.status == "withdrawn":
        return "withdrawn from the partnership"
    if partner.status == "prospective" and partner.id not in added:
        return "prospective partner, not yet a member (add it in a scenario)"
    if not response.lots:
        return "opted into no lots"
    return None


def _quantities(catalogue: Catalogue, response: Response) -> dict[str, Decimal]:
    quantities: dict[str, Decimal] = {}
    for lot_id in response.lots:
        lot = catalogue.lot(lot_id)
        answers = response.answers.get(lot_id, {})
        for line in lot.service_lines:
            question = lot.question(line.quantity)
            value = answers.get(line.quantity)
            if isinstance(value, Decimal) and question_applies(lot, question, answers):
                quantities[line.id] = value
            else:
                quantities[line.id] = ZERO
    return quantities


def _check_scenario(catalogue: Catalogue, responses: ResponseSet, scenario: Scenario) -> None:
    known = {p.id for p in catalogue.partners}
    for partner_id in scenario.without:
        if partner_id not in known:
            raise ScenarioError(f"scenario '{scenario.name}': unknown partner '{partner_id}' (known: {', '.join(sorted(known))})")
    for change in scenario.with_partners:
        partner = catalogue.partner(change.partner_id)
        if partner is None:
            raise ScenarioError(f"scenario '{scenario.name}': unknown partner '{change.partner_id}' (known: {', '.join(sorted(known))})")
        if partner.status != "prospective":
            raise ScenarioError(
                f"scenario '{scenario.name}': '{partner.id}' is already a {partner.status} partner; only prospective partners can be added"
            )
        if responses.for_partner(partner.id) is None:
            raise ScenarioError(
                f"scenario '{scenario.name}': there is no response from '{partner.id}', so its demand is unknown; add its response file first"
            )
    for change in scenario.notices:
        partner = catalogue.partner(change.partner_id)
        if partner is None:
            raise ScenarioError(f"scenario '{scenario.name}': unknown partner '{change.partner_id}' (known: {', '.join(sorted(known))})")
