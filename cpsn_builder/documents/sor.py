"""The statement of requirements (.docx): what bidders are asked to supply, for the lots partners chose."""
from __future__ import annotations

from collections.abc import Callable

from docx.enum.text import WD_BREAK

from ..engine.models import LotResult
from .context import Inputs
from .docx_base import (
    LANDSCAPE_TWIPS,
    PORTRAIT_TWIPS,
    DocumentInfo,
    add_landscape_section,
    heading,
    new_document,
    paragraph,
    save_reproducibly,
)
from .docx_fields import add_table_of_contents
from .docx_tables import Column, add_table
from .money_text import long_date, pounds, quantity
from .text_cleaning import clean

Progress = Callable[[str], None]


def build_sor(inputs: Inputs, progress: Progress | None = None) -> bytes:
    progress = progress or (lambda step: None)
    catalogue = inputs.catalogue
    project = catalogue.procurement
    document = new_document(DocumentInfo(
        title=f"{project.title}: statement of requirements", subject=catalogue.programme.name,
        author=inputs.author, version=inputs.version, status=inputs.status, issued=inputs.issued_at))

    sections = _outline(inputs)
    _cover(document, inputs)
    progress("cover")
    heading(document, "Contents", 1).style = document.styles["TOC Heading"]
    add_table_of_contents(document.add_paragraph(), [(level, title) for level, title, _ in sections], document.add_paragraph)
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    for level, title, build in sections:
        if build is _site_annex:
            add_landscape_section(document)
        heading(document, title, level)
        if build:
            build(document, inputs)
        progress(title)
    return save_reproducibly(document)


def _outline(inputs: Inputs) -> list[tuple[int, str, Callable | None]]:
    """Every heading, numbered, in order: the contents list is written from this before the body."""
    sections: list[tuple[int, str, Callable | None]] = [
        (1, "1. Introduction and background", _introduction),
        (1, "2. Scope", _scope),
        (1, "3. Participating partners", _partners),
    ]
    number = 4
    for lot in inputs.estimate.lots:
        sections.append((1, f"{number}. {lot.title}", None))
        for sub, (title, build) in enumerate((("Description", _lot_description), ("Requirements", _lot_requirements),
                                              ("Aggregated demand", _lot_demand), ("Service levels", _lot_service_levels)), 1):
            sections.append((2, f"{number}.{sub} {title}", _for_lot(build, lot)))
        number += 1
    for title, build in (("Security and PSN compliance", _security), ("Implementation and transition", _implementation),
                         ("Exit", _exit), ("Pricing instructions", _pricing), ("Evaluation approach", _evaluation)):
        sections.append((1, f"{number}. {title}", build))
        number += 1
    sections.append((1, "Annex A. Site list", _site_annex))
    return sections


def _for_lot(build, lot: LotResult):
    def section(document, inputs):
        build(document, inputs, lot)
    return section


def _cover(document, inputs: Inputs) -> None:
    catalogue, project = inputs.catalogue, inputs.catalogue.procurement
    document.add_paragraph(clean(catalogue.programme.partnership))
    document.add_paragraph(clean(project.title), style="Title")
    paragraph(document, "Statement of requirements", "Subtitle")
    for label, value in (("Programme", catalogue.programme.name), ("Project", project.title),
                         ("Version", inputs.version), ("Status", inputs.status), ("Date", long_date(inputs.issued))):
        paragraph(document, f"{label}: {value}")
    paragraph(document, "Document control", "Heading 2")
    add_table(document, [Column("Item", 3000), Column("Value", PORTRAIT_TWIPS - 3000)], [
        ("Version", inputs.version),
        ("Date", long_date(inputs.issued)),
        ("Status", inputs.status),
        ("Author", inputs.author),
        ("Catalogue", f"version {inputs.estimate.catalogue_version}, SHA-256 {inputs.estimate.catalogue_digest}"),
        ("Responses snapshot", inputs.snapshot),
    ])
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _introduction(document, inputs: Inputs) -> None:
    catalogue = inputs.catalogue
    project = catalogue.procurement
    paragraph(document, (
        f"The {catalogue.programme.board} oversees shared ICT projects for public bodies in Cambridgeshire. "
        f"This statement of requirements is for the {project.title}. {project.description}"))
    paragraph(document, (
        f"The new contract replaces the {project.replaces or 'existing arrangements'} and starts on "
        f"{long_date(project.contract_start)} for {project.term_years} years, with an optional extension of "
        f"{project.extension_years} years. The partnership's budget envelope for the term is {pounds(project.envelope)} "
        f"({catalogue.programme.prices})."))


def _scope(document, inputs: Inputs) -> None:
    est = inputs.estimate
    paragraph(document, (
        f"The contract covers the {len(est.lots)} lots below, which at least one partner has chosen. "
        "Partners choose which of their services are included; quantities are the partners' aggregated demand "
        "and are indicative, not a commitment to buy."))
    for lot in est.lots:
        lot_def = inputs.catalogue.lot(lot.lot_id)
        paragraph(document, f"{lot.title} (similar to {lot_def.framework_lot})", "List Bullet")


def _partners(document, inputs: Inputs) -> None:
    est = inputs.estimate
    paragraph(document, "These partners take part in the procurement. The matrix shows the lots each has chosen.")
    lot_ids = [lot.lot_id for lot in est.lots]
    name_width = 3600
    width = max(600, (PORTRAIT_TWIPS - name_width) // max(1, len(lot_ids)))
    columns = [Column("Partner", name_width)] + [Column(f"Lot {i}", width) for i in range(1, len(lot_ids) + 1)]
    rows = [[p.name] + ["Yes" if lot_id in p.lots else "" for lot_id in lot_ids] for p in est.partners]
    add_table(document, columns, rows)
    paragraph(document, "Lots: " + "; ".join(f"Lot {i}: {lot.title}" for i, lot in enumerate(est.lots, 1)) + ".")
    notes = [f"{p.name} has given notice; its membership ends on {long_date(p.leaves)}." for p in est.partners if p.leaves]
    notes += [f"{p.name} joins on {long_date(p.joins)}." for p in est.partners if p.joins and p.joins > inputs.catalogue.procurement.contract_start]
    for note in notes:
        paragraph(document, note, "List Bullet")


def _lot_description(document, inputs: Inputs, lot: LotResult) -> None:
    lot_def = inputs.catalogue.lot(lot.lot_id)
    paragraph(document, lot_def.description)
    paragraph(document, f"This lot resembles {lot_def.framework_lot}.")


def _lot_requirements(document, inputs: Inputs, lot: LotResult) -> None:
    lot_def = inputs.catalogue.lot(lot.lot_id)
    paragraph(document, "Priorities: Must (mandatory), Should (important), Could (desirable), Won't (out of scope).")
    add_table(document, [Column("Id", 1300), Column("Requirement", PORTRAIT_TWIPS - 2500), Column("Priority", 1200)],
              [(r.id, inputs.requirement_text(r.text, lot), r.priority) for r in lot_def.requirements])


def _lot_demand(document, inputs: Inputs, lot: LotResult) -> None:
    paragraph(document, "Aggregated demand by service line and partner (a year unless the unit says otherwise):")
    rows = []
    for line in lot.lines:
        for entry in line.partners:
            if entry.quantity:
                rows.append((line.title, inputs.partner_name(entry.partner_id), quantity(entry.quantity), line.unit))
        rows.append((line.title, "All partners", quantity(line.quantity), line.unit))
    add_table(document, [Column("Service line", 3400), Column("Partner", 3400), Column("Quantity", 1500, True),
                         Column("Unit", PORTRAIT_TWIPS - 8300)], rows)


def _lot_service_levels(document, inputs: Inputs, lot: LotResult) -> None:
    levels = inputs.catalogue.lot(lot.lot_id).service_levels
    if not levels:
        paragraph(document, "Service levels for this lot are those of the general service level schedule.")
        return
    add_table(document, [Column("Measure", 4200), Column("Target", 2400), Column("Notes", PORTRAIT_TWIPS - 6600)],
              [(s.measure, s.target, s.notes or "") for s in levels])


def _security(document, inputs: Inputs) -> None:
    for text in (
        "Services that connect to the Public Services Network shall meet the PSN Code of Connection. The supplier "
        "shall support each partner's compliance submission: a network diagram less than six months old, an annual "
        "IT Health Check by a CHECK-approved provider, and named security contacts.",
        "Partners' traffic shall be kept separate; management access shall use two-factor authentication; security "
        "incidents shall be reported to the affected partners within one hour of detection.",
        "Information shall be handled at OFFICIAL, with personal data processed only on the partners' instructions "
        "in line with data protection law.",
    ):
        paragraph(document, text)


def _implementation(document, inputs: Inputs) -> None:
    project = inputs.catalogue.procurement
    paragraph(document, (
        f"Services start on {long_date(project.contract_start)}. The supplier shall agree a migration plan with each "
        f"partner that moves its sites from the {project.replaces or 'current network'} without loss of service in "
        "working hours, and report progress to the programme board monthly."))
    late = [p for p in inputs.estimate.partners if p.joins and p.joins > project.contract_start]
    for p in late:
        paragraph(document, f"{p.name} joins on {long_date(p.joins)}; its migration follows that date.", "List Bullet")


def _exit(document, inputs: Inputs) -> None:
    paragraph(document, (
        "At the end of the contract, or when a partner leaves the partnership (membership ends two years after "
        "written notice), the supplier shall provide exit assistance for up to six months: an up-to-date inventory "
        "and configuration of every service, help to transfer numbers and circuits, and no charge for ending "
        "services that leave with the partner."))


def _pricing(document, inputs: Inputs) -> None:
    project = inputs.catalogue.procurement
    paragraph(document, (
        "Bidders shall price every service line of every lot they bid for in the pricing schedule (a spreadsheet "
        "issued with this document): an annual unit price and a one-off connection charge, in pounds sterling "
        f"{inputs.catalogue.programme.prices}, fixed for the first {project.term_years} years. Quantities are the "
        "partners' aggregated demand; bidders should show volume discounts by price tier where they offer them."))


def _evaluation(document, inputs: Inputs) -> None:
    paragraph(document, (
        "Tenders will be evaluated on the most economically advantageous basis: quality 60% (compliance with the "
        "Must requirements is a pass/fail gate; Should and Could requirements are scored), price 40% (the total "
        "cost over the term at the schedule's quantities)."))


def _site_annex(document, inputs: Inputs) -> None:
    in_estimate = {p.partner_id for p in inputs.estimate.partners}
    chosen = {lot.lot_id for lot in inputs.estimate.lots}
    titles = {line.line_id: line.title for lot in inputs.estimate.lots for line in lot.lines}
    rows = sorted(
        (inputs.partner_name(r.partner_id), s.name, s.postcode, titles.get(s.service_line_id, s.service_line_id))
        for r in inputs.responses.responses if r.partner_id in in_estimate
        for s in r.sites if s.lot_id in chosen
    )
    paragraph(document, f"{len(rows):,} sites.")
    add_table(document, [Column("Partner", 4200), Column("Site", 5200), Column("Postcode", 1600),
                         Column("Service line", LANDSCAPE_TWIPS - 11000)], rows)
