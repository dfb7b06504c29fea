"""The award report: the cabinet paper a democratic services officer puts on the agenda unchanged.

The tender is tests/documents/award_case.py, evaluated and awarded by the engine; the report is
read back with python-docx and, where a reader's view matters, through LibreOffice.
"""

from __future__ import annotations

import io
import re
from datetime import date

import openpyxl
import pytest
from award_case import RESOLUTION, UNAWARDED_REASON, recommendation as make_recommendation
from cli_runner import run_cli
from conftest import DEMO_RESPONSES
from documents_helpers import SOFFICE, read_docx, table_rows, to_pdf_text

from cpsn_builder.documents.award_report import build_award_report
from cpsn_builder.documents.award_tables import partner_rounding
from cpsn_builder.documents.context import Inputs
from cpsn_builder.documents.money_text import figure, pounds, whole_pounds

MEETING = date(2011, 11, 15)


@pytest.fixture(scope="module")
def recommendation(catalogue, demo_responses):
    return make_recommendation(catalogue, demo_responses)


@pytest.fixture(scope="module")
def award_inputs(catalogue, demo_responses, recommendation):
    return Inputs(catalogue, demo_responses, recommendation.evaluation.estimate, MEETING, "1.0", "Final", "Head of Procurement")


@pytest.fixture(scope="module")
def report(recommendation, award_inputs) -> bytes:
    return build_award_report(recommendation, award_inputs)


def _flat(text: str) -> str:
    return " ".join(text.split())


def _table(document, *headings: str) -> list[list[str]]:
    for table in document.tables:
        rows = table_rows(table)
        if rows[0][: len(headings)] == list(headings):
            return rows
    raise AssertionError(f"no table headed {headings}")


def _int(text: str) -> int:
    return int(text.replace(",", "").replace("\u2212", "-"))


def test_libreoffice_shows_the_recommended_bidders_contract_value_and_savings(report, recommendation, tmp_path):
    text = _flat(to_pdf_text(report, ".docx", tmp_path))
    evaluation, tendered = recommendation.evaluation, recommendation.tendered
    assert text.startswith("CAMBRIDGESHIRE COUNTY COUNCIL CABINET 15 NOVEMBER 2011")
    assert "award of contract" in text and "It is recommended that Cabinet:" in text
    numbers = {lot.lot_id: n for n, lot in enumerate(evaluation.estimate.lots, 1)}
    for lot_id, bidder in recommendation.awarded:
        assert f"Lot {numbers[lot_id]}: {evaluation.lot(lot_id).title} to {bidder};" in text
    assert f"tendered contract value of {pounds(recommendation.tendered_contract_value)} over the term" in text
    assert f"{pounds(tendered.totals.annual_saving)} a year" in text
    assert f"{pounds(tendered.totals.term_saving)} over the term" in text
    assert f"estimate of {pounds(evaluation.estimate.totals.contract_value)}" in text
    assert f"Lot 7: Local area network and Wi-Fi is not recommended for award: {UNAWARDED_REASON}" in text
    assert "Appendix A: evaluation of every bid" in text
    for placeholder in ("{{", "}}", "{%", "@@cpsn"):
        assert placeholder not in text, placeholder
    assert not re.search(r"\b(None|nan|NaN|TODO|XXX)\b", text)


def test_cabinet_paper_sections_in_order_with_numbered_paragraphs(report):
    document = read_docx(report)
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    numbered = [h for h in headings if h[0].isdigit()]
    assert [int(h.split(".")[0]) for h in numbered] == list(range(1, len(numbered) + 1))
    titles = [h.split(". ", 1)[1] for h in numbered]
    assert titles[:3] == ["Purpose of report", "Recommendations", "Background"]
    for title in (
        "Recommended bidders",
        "Tendered contract value",
        "Tendered costs and savings",
        "Matters flagged in evaluation",
        "Financial implications",
        "Legal implications",
        "Risk management implications",
        "Contact officers",
    ):
        assert title in titles
    assert headings[-1] == "Appendix A: evaluation of every bid"
    facts = {row[0]: row[1] for row in table_rows(document.tables[0])}
    assert facts["Key decision"].startswith("YES") and facts["Wards affected"] == "All"


def test_each_lot_says_who_is_recommended_and_why(report, recommendation):
    document = read_docx(report)
    rows = _table(document, "Lot", "Recommended bidder")
    evaluation = recommendation.evaluation
    awarded = dict(recommendation.awarded)
    assert len(rows) == 1 + len(evaluation.lots)
    for row, ranking in zip(rows[1:], evaluation.lots):
        bidder = awarded.get(ranking.lot_id)
        if bidder is None:
            assert row[1] == "Not awarded"
            continue
        winner = ranking.tender(bidder)
        runner_up = next(t for t in ranking.tenders if t.compliant and t.bidder != bidder)
        assert row[1:] == [
            bidder,
            f"{winner.price_score:.2f}",
            f"{winner.quality_score:.2f}",
            f"{winner.total:.2f}",
            str(winner.rank),
            f"{winner.total - runner_up.total:.2f}",
        ]
    text = _flat("\n".join(p.text for p in document.paragraphs))
    wan = evaluation.lot("wan")
    winner, second = wan.tenders[0], wan.tenders[1]
    assert (
        f"Lot 1: Data access and wide area network: {winner.bidder}, ranked 1st of 3 compliant bids, with {winner.total:.2f} "
        f"(price {winner.price_score:.2f}, quality {winner.quality_score:.2f}), {winner.total - second.total:.2f} points ahead "
        f"of {second.bidder} ({second.total:.2f}). Its evaluated price of {pounds(winner.evaluated_price)}"
    ) in text
    assert f"Reason for the recommendation: {recommendation.award.choices[0][2]}" in text


def test_contract_value_against_the_estimate_and_budget_to_the_penny(report, recommendation):
    document = read_docx(report)
    tendered, estimate = recommendation.tendered, recommendation.evaluation.estimate
    key = {row[0]: row[1] for row in _table(document, "Figure", "£")}
    assert key["Tendered contract value over the term"] == f"{recommendation.tendered_contract_value:,.2f}"
    assert key["Estimated contract value before tender"] == f"{estimate.totals.contract_value:,.2f}"
    assert key["Budget for the whole term"] == f"{tendered.envelope.envelope:,.2f}"
    assert key["Headroom within the budget"] == f"{tendered.envelope.headroom:,.2f}"
    assert (
        key["of which Lot 7: Local area network and Wi-Fi, not awarded, at the estimate's prices"]
        == f"{estimate.lot('lan_wifi').term_cost:,.2f}"
    )
    lots = _table(document, "Lot", "Bidder", "Estimate")
    *parts, total = lots[1:]
    for column in (2, 3, 4):
        assert sum(_int(r[column]) for r in parts) == _int(total[column])
    assert all(_int(r[4]) == _int(r[3]) - _int(r[2]) for r in lots[1:])
    assert total[3] == figure(whole_pounds([tendered.totals.contract_value], tendered.totals.contract_value)[0])
    lan = next(r for r in parts if r[0].startswith("Lot 7"))
    assert lan[1].startswith("Not awarded") and lan[2] == lan[3]  # left at the estimate's prices


def test_partner_totals_are_the_sums_of_their_years_and_match_the_partner_table(report, recommendation):
    document = read_docx(report)
    tendered = recommendation.tendered
    partners = _table(document, "Partner", "Annual charges")
    *rows, total = partners[1:]
    assert [r[0] for r in rows] == [p.name for p in tendered.partners]
    for column in range(1, 7):
        assert sum(_int(r[column]) for r in rows) == _int(total[column]), partners[0][column]
    assert _int(total[5]) == whole_pounds([tendered.totals.contract_value], tendered.totals.contract_value)[0]
    assert _int(total[6]) == whole_pounds([tendered.totals.term_saving], tendered.totals.term_saving)[0]
    year_tables = [table_rows(t) for t in document.tables if table_rows(t)[0] == ["Year", "Cost", "Saving"]]
    names = [p.text for p in document.paragraphs if p.text in {partner.name for partner in tendered.partners}]
    assert names == [p.name for p in tendered.partners] and len(year_tables) == len(names)
    costs, savings = partner_rounding(tendered)
    for partner, shown, table in zip(tendered.partners, rows, year_tables):
        *years, whole = table[1:]
        assert [r[0] for r in years] == [y.year for y in partner.years if y.months]
        assert whole[0].startswith("Whole term")
        assert sum(_int(r[1]) for r in years) == _int(whole[1]) == _int(shown[5]) == costs[partner.partner_id]
        assert sum(_int(r[2]) for r in years) == _int(whole[2]) == _int(shown[6]) == savings[partner.partner_id]
    years = _table(document, "Year", "Annual charges")
    *parts, total = years[1:]
    assert [r[0] for r in parts] == [y.year for y in tendered.years if y.months]
    for column in range(1, 6):
        assert sum(_int(r[column]) for r in parts) == _int(total[column])
    assert _int(total[3]) == _int(partners[-1][5])  # the years' total cost is the contract value


def test_every_flag_is_shown_with_how_it_was_resolved(report, recommendation):
    rows = _table(read_docx(report), "Bidder", "Lot", "What was flagged", "How it was resolved")[1:]
    flags = recommendation.evaluation.flags
    assert len(flags) == 2 and len(rows) == len(flags)
    for row, flag in zip(rows, flags):
        assert row[0] == flag.bidder and row[2] == f"Abnormally low price. {flag.message}" and row[3] == RESOLUTION


def test_the_appendix_shows_every_bid_price_and_moderated_mark(report, recommendation):
    document = read_docx(report)
    tables = [table_rows(t) for t in document.tables if table_rows(t)[0][:2] == ["Bidder", "Evaluated price (£)"]]
    evaluation = recommendation.evaluation
    assert len(tables) == len(evaluation.lots)
    for rows, ranking in zip(tables, evaluation.lots):
        assert [r[0] for r in rows[1:]] == [t.bidder for t in ranking.tenders]
        for row, tender in zip(rows[1:], ranking.tenders):
            assert row[1] == f"{tender.evaluated_price:,.2f}" and row[3] == f"{tender.price_score:.2f}"
            marks = [f"{c.moderated}: {c.score:.2f}" + (" *" if c.below_minimum else "") for c in tender.quality]
            assert row[4 : 4 + len(marks)] == marks
            assert row[-3:] == [f"{tender.quality_score:.2f}", f"{tender.total:.2f}", str(tender.rank) if tender.rank else "-"]
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Ouse Valley Communications Ltd is not compliant: " in text


def test_the_appendix_is_landscape_and_the_paper_portrait(report, tmp_path):
    pytest.importorskip("pypdf")
    from pypdf import PdfReader

    from cpsn_builder.documents.rendering import to_pdf

    to_pdf_text(report, ".docx", tmp_path)  # skips without LibreOffice
    pages = PdfReader(io.BytesIO(to_pdf(report, ".docx"))).pages
    shapes = ["landscape" if page.mediabox.width > page.mediabox.height else "portrait" for page in pages]
    first = shapes.index("landscape")
    assert first > 2 and set(shapes[:first]) == {"portrait"} and set(shapes[first:]) == {"landscape"}
    assert "Appendix A" in pages[first].extract_text()


def test_the_same_inputs_give_the_same_bytes(report, recommendation, award_inputs, catalogue, demo_responses):
    assert build_award_report(make_recommendation(catalogue, demo_responses), award_inputs) == report
    later = Inputs(award_inputs.catalogue, award_inputs.responses, award_inputs.estimate, date(2011, 11, 22), "1.0", "Final")
    assert build_award_report(recommendation, later) != report


# --- The command, end to end with real returned workbooks ---------------------------------------


@pytest.fixture(scope="module")
def returned(tmp_path_factory, catalogue, recommendation):
    """The demo's pricing schedule issued, returned by the three bidders, with the marks and the award as files."""
    from award_case import PRICE_FACTORS, award_yaml, bids, marks, marks_yaml, schedule_prices
    from bid_files import fill_schedule

    root = tmp_path_factory.mktemp("tender")
    issued = root / "schedule.xlsx"
    assert (
        run_cli(
            "pricing-schedule",
            "--responses",
            DEMO_RESPONSES,
            "--date",
            "2011-03-01",
            "--version",
            "1.0",
            "--status",
            "Final",
            "--out",
            issued,
        ).returncode
        == 0
    )
    (root / "bids").mkdir()
    for bidder in PRICE_FACTORS:
        data = fill_schedule(issued.read_bytes(), bidder, schedule_prices(catalogue, bidder), catalogue)
        (root / "bids" / f"{bidder.split()[0].lower()}.xlsx").write_bytes(data)
    (root / "marks.yml").write_text(marks_yaml(marks(bids(catalogue))))
    (root / "award.yml").write_text(award_yaml(recommendation))
    return root


def _award_args(root, *extra):
    return (
        "award-report",
        "--responses",
        DEMO_RESPONSES,
        "--bids",
        root / "bids",
        "--scores",
        root / "marks.yml",
        "--date",
        "2011-11-15",
        "--version",
        "1.0",
        "--status",
        "Final",
        *extra,
    )


def test_the_command_reports_the_returned_workbooks(returned, recommendation, tmp_path):
    out, workbook = tmp_path / "award.docx", tmp_path / "evaluation.xlsx"
    pdf = ("--pdf",) if SOFFICE else ()
    result = run_cli(*_award_args(returned, "--award", returned / "award.yml", "--out", out, "--workbook", workbook, *pdf))
    assert result.returncode == 0, result.stderr
    if SOFFICE:
        assert (tmp_path / "award.pdf").read_bytes().startswith(b"%PDF")
    document = read_docx(out.read_bytes())
    key = {row[0]: row[1] for row in _table(document, "Figure", "£")}
    # The same prices read from the bidders' files give the same tender as the prices given in code.
    assert key["Tendered contract value over the term"] == f"{recommendation.tendered_contract_value:,.2f}"
    assert [row[1] for row in _table(document, "Lot", "Recommended bidder")[1:]] == [
        dict(recommendation.awarded).get(lot.lot_id, "Not awarded") for lot in recommendation.evaluation.lots
    ]
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Bid from Fenland Telecom plc (file fenland.xlsx)" in text
    book = openpyxl.load_workbook(workbook)
    assert book.sheetnames[0] == "Bids" and book["Bids"]["A5"].value == "Anglia Networks Ltd"


def test_an_award_with_problems_is_refused_listing_each(returned, tmp_path):
    award = tmp_path / "award.yml"
    text = (returned / "award.yml").read_text()
    award.write_text(text.split("resolutions:")[0].replace("    bidder: Fenland Telecom plc\n", "    bidder: Nobody Ltd\n", 1))
    out = tmp_path / "award.docx"
    result = run_cli(*_award_args(returned, "--award", award, "--out", out, "--workbook", tmp_path / "evaluation.xlsx"))
    assert result.returncode == 1 and not out.exists() and not (tmp_path / "evaluation.xlsx").exists()
    assert "Nobody Ltd did not bid for this lot" in result.stderr
    assert result.stderr.count("Say how this flag was resolved") == 2  # both flags, at once
    assert "problems with the award; nothing was written." in result.stderr and "Traceback" not in result.stderr


def test_a_bad_bid_folder_lists_every_file_problem(returned, tmp_path):
    from bid_files import set_cells

    folder = tmp_path / "bids"
    folder.mkdir()
    for path in (returned / "bids").iterdir():
        (folder / path.name).write_bytes(path.read_bytes())
    (folder / "notes.xlsx").write_bytes(b"not a workbook")
    good = (folder / "anglia.xlsx").read_bytes()
    (folder / "anglia.xlsx").write_bytes(set_cells(good, {("Lot 1 WAN", "E6"): -5}))
    out = tmp_path / "award.docx"
    result = run_cli(
        "award-report",
        "--responses",
        DEMO_RESPONSES,
        "--bids",
        folder,
        "--scores",
        returned / "marks.yml",
        "--award",
        returned / "award.yml",
        "--out",
        out,
    )
    assert result.returncode == 1 and not out.exists()
    assert "notes.xlsx: " in result.stderr and "anglia.xlsx: Lot 1 WAN!E6: " in result.stderr
    assert "found; nothing was produced." in result.stderr and "Traceback" not in result.stderr


def test_a_tie_decided_by_the_lead_is_shown_as_a_shared_rank_with_the_reason(tmp_path):
    from worked_case import BIDS, load, marks

    from cpsn_builder.tenders.award import recommend
    from cpsn_builder.tenders.evaluation import evaluate
    from cpsn_builder.tenders.models import Award, FlagResolution

    catalogue, responses = load(tmp_path)
    evaluation = evaluate(catalogue, responses, BIDS, marks())
    reason = "Tied with Cam Telecom; Anglia's transition plan carries less risk."
    award = Award(
        choices=(("wan", "Anglia Networks", reason), ("internet", "Anglia Networks", "The only compliant tender.")),
        resolutions=(FlagResolution("abnormally_low", "Breckland Data", "wan", None, "Prices explained; not the recommended bid."),),
    )
    chosen = recommend(evaluation, award, catalogue, responses)
    document = read_docx(build_award_report(chosen, Inputs(catalogue, responses, evaluation.estimate, MEETING)))
    rows = {r[0]: r for r in _table(document, "Lot", "Recommended bidder")[1:]}
    assert rows["Lot 1: Wide area network"][1:] == ["Anglia Networks", "24.77", "48.75", "73.52", "1=", "0.00"]
    text = _flat("\n".join(p.text for p in document.paragraphs))
    assert (
        "Lot 1: Wide area network: Anglia Networks, ranked 1st of 3 compliant bids, tied on total and quality with Cam Telecom, "
        "with 73.52 (price 24.77, quality 48.75). Its evaluated price of £1,865,000.00"
    ) in text
    assert f"Reason for the recommendation: {reason}" in text and "A rank with = is shared" in text
    appendix = next(table_rows(t) for t in document.tables if table_rows(t)[0][:2] == ["Bidder", "Evaluated price (£)"])
    assert [(r[0], r[-1]) for r in appendix[1:]] == [("Anglia Networks", "1="), ("Cam Telecom", "1="), ("Breckland Data", "3")]
    key = {row[0]: row[1] for row in _table(document, "Figure", "£")}
    assert key["Tendered contract value over the term"] == "1,991,000.00"  # worked by hand in tests/tenders/worked_case.py


def test_a_lot_nobody_bid_for_is_named_at_the_estimates_prices_and_no_flags_is_said(tmp_path):
    from dataclasses import replace

    from worked_case import BIDS, MODERATED, load, marks

    from cpsn_builder.tenders.award import default_award, recommend
    from cpsn_builder.tenders.evaluation import evaluate

    catalogue, responses = load(tmp_path)
    anglia = replace(BIDS[0], lots=(BIDS[0].lot("internet"),))
    evaluation = evaluate(
        catalogue, responses, [anglia], marks({("Anglia Networks", "internet"): MODERATED[("Anglia Networks", "internet")]})
    )
    chosen = recommend(evaluation, default_award(evaluation), catalogue, responses)
    assert chosen.unawarded == ("wan",) and not evaluation.flags
    document = read_docx(build_award_report(chosen, Inputs(catalogue, responses, evaluation.estimate, MEETING)))
    text = _flat("\n".join(p.text for p in document.paragraphs))
    wan_cost = chosen.tendered.lot("wan").term_cost
    assert wan_cost == evaluation.lot("wan").estimate
    assert (
        f"Lot 1: Wide area network is not recommended for award: No tender was received for this lot. Its cost of "
        f"{pounds(wan_cost)} over the term is included at the estimate's prices."
    ) in text
    assert "notes that Lot 1: Wide area network is not awarded" in text
    assert "No bid was flagged" in text and "No bids were received for this lot." in text
    assert not any(table_rows(t)[0][:2] == ["Bidder", "Lot"] for t in document.tables)  # no empty flags table
    rows = {r[0]: r for r in _table(document, "Lot", "Recommended bidder")[1:]}
    assert rows["Lot 1: Wide area network"][1] == "Not awarded" and rows["Lot 2: Internet access"][6] == "only bid"


def test_a_bidders_name_with_markup_and_control_characters_reads_as_typed(catalogue, demo_responses, award_inputs):
    from dataclasses import replace

    from award_case import bids, marks

    from cpsn_builder.tenders.award import default_award, recommend
    from cpsn_builder.tenders.evaluation import evaluate
    from cpsn_builder.tenders.models import FlagResolution, Marks

    typed = "O'Brien & Sons <Networks>\x07 Ltd"
    bid_list = tuple(replace(b, bidder=typed) if b.bidder.startswith("Fenland") else b for b in bids(catalogue))
    given = marks(bids(catalogue))
    given = Marks(tuple(replace(m, bidder=typed) if m.bidder.startswith("Fenland") else m for m in given.marks))
    evaluation = evaluate(catalogue, demo_responses, bid_list, given)
    award = replace(
        default_award(evaluation),
        resolutions=tuple(FlagResolution(f.kind, f.bidder, f.lot_id, f.line_id, "Accepted.") for f in evaluation.flags),
    )
    document = read_docx(build_award_report(recommend(evaluation, award, catalogue, demo_responses), award_inputs))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Lot 2: Wide area networking within an individual authority to O'Brien & Sons <Networks> Ltd;" in text
