"""The statement of requirements (.docx): what bidders are asked to supply, for the lots partners chose.

The sections that are not per lot come from the catalogue (`catalogue/documents/sor.yml`), so a
council adapts its statement by editing data; the per-lot sections, the tables and the site annex
are written here from the estimate. Every figure is the estimate's.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial

from ..formatting import count
from ..name_lists import MOST_NAMED, join_and
from ..catalogue.document_models import Bullets, ListBlock, SorSection, Subheading, TableBlock
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
from .docx_fields import add_bookmark, add_table_of_contents
from .docx_tables import Column, add_table
from .money_text import long_date, quantity
from .rendering import with_page_numbers

Progress = Callable[[str], None]
DEMAND_COLUMNS_PER_TABLE = 6  # service lines side by side before a lot's demand table splits


@dataclass(frozen=True)
class Heading:
    """A numbered top-level heading: what the contents list, and what builds the section under it."""

    text: str
    build: Callable


def build_sor(inputs: Inputs, pages: Mapping[str, int] | None = None, progress: Progress | None = None) -> bytes:
    """The document; `pages` maps each top-level heading to its page (see rendering.with_page_numbers)."""
    progress = progress or (lambda step: None)
    catalogue = inputs.catalogue
    project = catalogue.procurement
    document = new_document(
        DocumentInfo(
            title=f"{project.title}: statement of requirements",
            subject=catalogue.programme.name,
            author=inputs.author,
            version=inputs.version,
            status=inputs.status,
            issued=inputs.issued_at,
        ),
        marking=inputs.law.get("marking", ""),
    )

    outline, numbers = sor_outline(inputs)
    context = inputs.document_context(numbers)
    _cover(document, inputs, context)
    progress("cover")
    contents = heading(document, "Contents", 1)
    contents.style = document.styles["TOC Heading"]
    contents.paragraph_format.page_break_before = True  # on the heading: a break paragraph can leave a blank page
    entries = [(h.text, _bookmark(i), None if pages is None else pages.get(h.text)) for i, h in enumerate(outline)]
    add_table_of_contents(document.add_paragraph(), entries, document.add_paragraph, PORTRAIT_TWIPS)
    for index, item in enumerate(outline):
        item.build(document, inputs, context, index)
        progress(item.text)
    return save_reproducibly(document)


def sor_document(inputs: Inputs) -> tuple[bytes, bool]:
    """The document with its contents' page numbers filled in where LibreOffice is installed."""
    return with_page_numbers(lambda pages: build_sor(inputs, pages))


def sor_outline(inputs: Inputs) -> tuple[list[Heading], dict[str, str]]:
    """Every top-level heading in order, and each catalogue section's number for cross-references."""
    outline: list[Heading] = []
    numbers: dict[str, str] = {}
    number = 1
    for section in inputs.texts.sor.sections:
        if section.generated == "lots":
            numbers[section.id] = str(number)
            for lot_number, lot in enumerate(inputs.estimate.lots, 1):
                outline.append(Heading(f"{number}. Lot {lot_number}: {lot.title}", _lot_section(lot, number)))
                number += 1
            continue
        if section.annex:
            numbers[section.id] = f"Annex {section.annex}"
            outline.append(Heading(f"Annex {section.annex}. {section.title}", _catalogue_section(section)))
            continue
        numbers[section.id] = str(number)
        outline.append(Heading(f"{number}. {section.title}", _catalogue_section(section)))
        number += 1
    return outline, numbers


def _bookmark(index: int) -> str:
    return f"_TocCpsn{index + 1:03d}"


def _heading(document, text: str, index: int, level: int = 1):
    made = heading(document, text, level)
    if level == 1:
        add_bookmark(made, _bookmark(index), index + 1)
        if index == 0:
            made.paragraph_format.page_break_before = True  # the body starts on a page of its own
    return made


# Cover and document control


def _cover(document, inputs: Inputs, context: dict) -> None:
    catalogue, project = inputs.catalogue, inputs.catalogue.procurement
    texts = inputs.texts.sor
    paragraph(document, catalogue.programme.partnership)
    paragraph(document, project.title, "Title")
    paragraph(document, "Statement of requirements", "Subtitle")
    add_table(
        document,
        [Column("Document", 3000), Column("", PORTRAIT_TWIPS - 3000)],
        [
            ("Version", inputs.version),
            ("Status", inputs.status),
            ("Date of issue", long_date(inputs.issued)),
            ("Issued by", f"{context['lead']} for the {catalogue.programme.partnership}"),
            (
                "Contract",
                f"{long_date(inputs.estimate.term.start)} to {long_date(inputs.estimate.term.end)}, "
                f"with an option to extend by up to {project.extension_years} years",
            ),
        ],
    )
    paragraph(document, "Document control", "Heading 2")
    add_table(
        document,
        [Column("Item", 3000), Column("Value", PORTRAIT_TWIPS - 3000)],
        [
            ("Author", inputs.author),
            ("Catalogue", f"version {inputs.estimate.catalogue_version}, SHA-256 {inputs.estimate.catalogue_digest}"),
            ("Responses snapshot", inputs.snapshot),
            ("Demand counted", inputs.demand_counted),
            ("Protective marking", inputs.law.get("marking", "none")),
        ],
    )
    paragraph(document, "Version history", "Heading 2")
    if inputs.history is not None:
        add_table(
            document,
            [Column("Version", 1100), Column("Date", 2000), Column("Author", 2400), Column("Changes", PORTRAIT_TWIPS - 5500)],
            [(r.version, long_date(r.date), r.author or "\u2013", r.summary) for r in inputs.history],
        )
    else:
        history = [(r.version, long_date(r.date), r.summary) for r in texts.history if r.version != inputs.version]
        history.append(
            (
                inputs.version,
                long_date(inputs.issued),
                f"{inputs.status}: issued to bidders" if inputs.status == "Final" else f"{inputs.status} for review",
            )
        )
        add_table(document, [Column("Version", 1300), Column("Date", 2200), Column("Changes", PORTRAIT_TWIPS - 3500)], history)
    if texts.approvals:
        paragraph(document, "Approvals", "Heading 2")
        add_table(document, [Column("Role", 3000), Column("Post", PORTRAIT_TWIPS - 3000)], [(a.role, a.post) for a in texts.approvals])


# Sections from the catalogue


def _catalogue_section(section: SorSection):
    def build(document, inputs: Inputs, context: dict, index: int) -> None:
        text = f"Annex {section.annex}. {section.title}" if section.annex else f"{context['section'][section.id]}. {section.title}"
        if section.generated == "site_annex":
            add_landscape_section(document)
            _heading(document, text, index)
            _site_annex(document, inputs)
            return
        _heading(document, text, index)
        for block in section.blocks:
            _block(document, inputs, context, block)

    return build


def _block(document, inputs: Inputs, context: dict, block) -> None:
    if isinstance(block, str):
        paragraph(document, inputs.text(block, context))
    elif isinstance(block, Bullets):
        for item in block.bullets:
            paragraph(document, inputs.text(item, context), "List Bullet")
    elif isinstance(block, Subheading):
        heading(document, block.heading, 3)
    elif isinstance(block, TableBlock):
        TABLES[block.table](document, inputs)
    elif isinstance(block, ListBlock):
        for item in LISTS[block.list](inputs):
            paragraph(document, item, "List Bullet")


def _lots_list(inputs: Inputs) -> list[str]:
    items = []
    for number, lot in enumerate(inputs.estimate.lots, 1):
        framework = inputs.framework(lot.lot_id)
        items.append(f"Lot {number}: {lot.title}" + (f" (comparable with {framework})" if framework else ""))
    return items


def _late_joiners(inputs: Inputs) -> list[str]:
    start = inputs.catalogue.procurement.contract_start
    return [
        f"{p.name} joins on {long_date(p.joins)}; its sites move after that date."
        for p in inputs.estimate.partners
        if p.joins and p.joins > start
    ]


def _partners_table(document, inputs: Inputs) -> None:
    est = inputs.estimate
    lots = [lot.lot_id for lot in est.lots]
    name_width = 3400
    width = (PORTRAIT_TWIPS - name_width) // max(1, len(lots))
    columns = [Column("Partner", name_width)] + [Column(f"Lot {i}", width) for i in range(1, len(lots) + 1)]
    add_table(document, columns, [[p.name] + ["Yes" if lot in p.lots else "\u2013" for lot in lots] for p in est.partners])
    paragraph(
        document,
        "Lots: " + "; ".join(f"Lot {i}: {lot.title}" for i, lot in enumerate(est.lots, 1)) + ". "
        "\u2013 means the partner does not take that lot.",
    )
    leaving = [
        f"{p.name} has given notice to leave the partnership; its services end on {long_date(p.leaves)}." for p in est.partners if p.leaves
    ]
    for note in leaving + _late_joiners(inputs):
        paragraph(document, note, "List Bullet")


def _timetable(document, inputs: Inputs) -> None:
    add_table(
        document,
        [Column("Stage", PORTRAIT_TWIPS - 2600), Column("Date", 2600)],
        [(m.event, long_date(m.date)) for m in inputs.texts.sor.timetable],
    )


def _evaluation_table(document, inputs: Inputs) -> None:
    evaluation = inputs.texts.sor.evaluation
    rows = [(c.id, c.title, c.covers, f"{c.weight}%", str(c.minimum), f"{c.page_limit} pages") for c in evaluation.criteria]
    rows.append(("", "Quality", "", f"{evaluation.quality_weight}%", "", ""))
    rows.append(("", "Price", "Evaluated price of the lot (section on pricing)", f"{evaluation.price_weight}%", "", ""))
    rows.append(("", "Total", "", f"{evaluation.quality_weight + evaluation.price_weight}%", "", ""))
    add_table(
        document,
        [
            Column("Id", 600),
            Column("Criterion", 2300),
            Column("What it covers", PORTRAIT_TWIPS - 6100),
            Column("Weight", 900, True),
            Column("Minimum score", 1100, True),
            Column("Page limit", 1200, True),
        ],
        rows,
        bold_rows={len(rows) - 3, len(rows) - 1},
    )


def _scoring_table(document, inputs: Inputs) -> None:
    add_table(
        document,
        [Column("Score", 800, True), Column("Assessment", 1800), Column("Meaning", PORTRAIT_TWIPS - 2600)],
        [(str(p.score), p.label, p.meaning) for p in inputs.texts.sor.evaluation.scale],
    )


def _glossary(document, inputs: Inputs) -> None:
    add_table(
        document,
        [Column("Term", 2400), Column("Meaning", PORTRAIT_TWIPS - 2400)],
        [(g.term, g.meaning) for g in sorted(inputs.texts.sor.glossary, key=lambda g: g.term.lower())],
    )


TABLES = {
    "partners": _partners_table,
    "timetable": _timetable,
    "evaluation": _evaluation_table,
    "scoring": _scoring_table,
    "glossary": _glossary,
}
LISTS = {"lots": _lots_list, "late_joiners": _late_joiners}


# The lots


def _lot_section(lot: LotResult, number: int):
    def build(document, inputs: Inputs, context: dict, index: int) -> None:
        lot_number = [item.lot_id for item in inputs.estimate.lots].index(lot.lot_id) + 1
        _heading(document, f"{number}. Lot {lot_number}: {lot.title}", index)
        for sub, (title, part) in enumerate(
            (
                ("Description", partial(_lot_description, partners_section=context["section"].get("partners"))),
                ("Requirements", _lot_requirements),
                ("Aggregated demand", _lot_demand),
                ("Service levels", _lot_service_levels),
            ),
            1,
        ):
            heading(document, f"{number}.{sub} {title}", 2)
            part(document, inputs, lot)

    return build


def _lot_description(document, inputs: Inputs, lot: LotResult, partners_section: str | None = None) -> None:
    paragraph(document, inputs.catalogue.lot(lot.lot_id).description)
    framework = inputs.framework(lot.lot_id)
    if framework:
        paragraph(document, f"This lot is comparable with {framework}.")
    paragraph(document, _takers(inputs, lot, partners_section))


def _takers(inputs: Inputs, lot: LotResult, partners_section: str | None) -> str:
    """Who takes the lot: by name, or past MOST_NAMED by number, pointing to the table of partners' lots."""
    takers = [inputs.partner_name(p.partner_id) for p in lot.partners]
    if len(takers) <= MOST_NAMED:
        return f"{count(len(takers), 'partner')} {'takes' if len(takers) == 1 else 'take'} this lot: {join_and(takers)}."
    everyone = len(inputs.estimate.partners)
    who = f"All {len(takers):,} partners take" if len(takers) == everyone else f"{len(takers):,} of the {everyone:,} partners take"
    return f"{who} this lot" + (f"; the table in section {partners_section} shows each partner's lots." if partners_section else ".")


def _lot_requirements(document, inputs: Inputs, lot: LotResult) -> None:
    lot_def = inputs.catalogue.lot(lot.lot_id)
    paragraph(
        document,
        "Priorities: Must (mandatory: a bid that does not meet it is not evaluated further), Should "
        "(important, scored), Could (desirable, scored), Won't (out of scope for this contract).",
    )
    takers = {p.partner_id for p in lot.partners}
    rows = []
    for r in lot_def.requirements:
        text = inputs.requirement_text(r.text, lot)
        if r.partners:
            # A partner's own clause binds only partners taking the lot; with none of them, it asks for nothing.
            applies = [inputs.partner_name(p) for p in r.partners if p in takers]
            if not applies:
                continue
            text = f"{text} (This requirement applies to {join_and(applies)} only.)"
        rows.append((r.id, text, r.priority))
    add_table(document, [Column("Id", 1100), Column("Requirement", PORTRAIT_TWIPS - 2100), Column("Priority", 1000)], rows)


def _lot_demand(document, inputs: Inputs, lot: LotResult) -> None:
    """Partners down the side, service lines across, the partnership's total in bold at the foot."""
    paragraph(
        document,
        "Quantities each partner has asked for, a year unless the unit says otherwise, and the "
        "partnership's total, which sets the price tier:",
    )
    lines = list(lot.lines)
    for start in range(0, len(lines), DEMAND_COLUMNS_PER_TABLE):
        chunk = lines[start : start + DEMAND_COLUMNS_PER_TABLE]
        name_width = 2600
        width = (PORTRAIT_TWIPS - name_width) // len(chunk)
        columns = [Column("Partner", name_width)] + [Column(f"{line.title} ({line.unit}s)", width, True) for line in chunk]
        rows = [
            [inputs.partner_name(p.partner_id)] + [quantity(line.partners[i].quantity) for line in chunk]
            for i, p in enumerate(lot.partners)
        ]
        rows.append(["All partners"] + [quantity(line.quantity) for line in chunk])
        add_table(document, columns, rows, bold_last_row=True)


def _lot_service_levels(document, inputs: Inputs, lot: LotResult) -> None:
    levels = inputs.catalogue.lot(lot.lot_id).service_levels
    if not levels:
        paragraph(document, "Service levels for this lot are those of the service management section.")
        return
    if any(s.notes for s in levels):
        add_table(
            document,
            [Column("Measure", 3800), Column("Target", 2200), Column("Notes", PORTRAIT_TWIPS - 6000)],
            [(s.measure, s.target, s.notes or "\u2013") for s in levels],
        )
    else:
        add_table(document, [Column("Measure", PORTRAIT_TWIPS - 3400), Column("Target", 3400)], [(s.measure, s.target) for s in levels])
    paragraph(document, "Service credits for missed service levels are set out in the service management section.")


# Annex


def _site_annex(document, inputs: Inputs) -> None:
    in_estimate = {p.partner_id for p in inputs.estimate.partners}
    chosen = {lot.lot_id for lot in inputs.estimate.lots}
    titles = {line.line_id: (line.title, f"Lot {number}") for number, lot in enumerate(inputs.estimate.lots, 1) for line in lot.lines}
    rows = sorted(
        (inputs.partner_name(r.partner_id), s.name, s.postcode, *titles.get(s.service_line_id, (s.service_line_id, s.lot_id)))
        for r in inputs.responses.responses
        if r.partner_id in in_estimate
        for s in r.sites
        if s.lot_id in chosen
    )
    paragraph(
        document,
        (
            f"The {len(rows):,} sites partners have named so far, with the service each needs. The demand "
            "tables in each lot give the full quantities; partners will confirm the remaining sites during "
            "implementation, and the tendered prices apply to every site."
        ),
    )
    add_table(
        document,
        [
            Column("Partner", 3800),
            Column("Site", 5000),
            Column("Postcode", 1300),
            Column("Service line", 3400),
            Column("Lot", LANDSCAPE_TWIPS - 13500),
        ],
        rows,
    )
