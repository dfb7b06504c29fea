"""The figures and names every document quotes (documents/context.py): each one as a reader sees
it, from the worked example's small catalogue (shared/worked-example.md) and the demo."""

from __future__ import annotations

import textwrap
from datetime import date, datetime
from decimal import Decimal as D

import pytest

from catalogue_builder import CCTV_LOT, PROGRAMME, WAN_LOT, WORKED_RESPONSES, copy_shipped, load_case
from cpsn_builder.catalogue import load_catalogue
from cpsn_builder.documents.context import Inputs, cameras_in, issue_date
from cpsn_builder.engine import JoinChange, Scenario, estimate

ISSUED = date(2011, 3, 1)


def worked_with(partner: str, extra: str) -> str:
    """A worked-example response file with more lines."""
    return textwrap.dedent(WORKED_RESPONSES[f"{partner}.yml"]) + textwrap.dedent(extra)


# A states its sites; C (prospective) does too, but C is not in the base case.
WITH_SITES = dict(
    WORKED_RESPONSES,
    **{
        "a.yml": worked_with(
            "a",
            """\
        sites:
          - {name: Shire Hall, postcode: CB3 0AP, service_line: eth_100m}
          - {name: Library, postcode: PE29 3TN, service_line: eth_100m}
    """,
        ),
        "c.yml": worked_with(
            "c",
            """\
        sites:
          - {name: Guildhall, postcode: CB2 3QJ, service_line: eth_100m}
    """,
        ),
    },
)


def inputs_for(case, scenario=Scenario(), issued=ISSUED, **kwargs):
    catalogue, responses = case
    return Inputs(catalogue, responses, estimate(catalogue, responses, scenario), issued, **kwargs)


@pytest.fixture
def worked(tmp_path):
    return load_case(tmp_path, WITH_SITES)


def test_what_a_document_says_of_the_worked_example(worked):
    context = inputs_for(worked, version="1.0").document_context()
    assert {
        name: context[name]
        for name in (
            "partnership",
            "board",
            "programme",
            "project",
            "replaces",
            "lead",
            "council",
            "contract_start",
            "contract_end",
            "term_years",
            "extension_years",
            "envelope",
            "partners",
            "partner_count",
            "prospective",
            "lot_count",
            "sites",
            "issued",
            "notice_years",
            "version",
            "cameras",
            "section",
        )
    } == {
        "partnership": "Test partnership",
        "board": "Test board",
        "programme": "Test programme",
        "project": "CPSN procurement",
        # the test programme names no arrangement it replaces, and its partners hold no lead authority
        "replaces": "current arrangements",
        "lead": "Test partnership",
        "council": "Test partnership",
        "contract_start": "1 April 2012",
        "contract_end": "31 March 2017",
        "term_years": 5,
        "extension_years": 2,
        "envelope": "£40,000,000",
        "partners": ["County A", "District B"],
        "partner_count": 2,
        "prospective": ["Prospective C"],
        "lot_count": 1,
        "sites": 2,
        "issued": "1 March 2011",
        "notice_years": 2,
        "version": "1.0",
        "cameras": 0,
        "section": {},
    }


def test_the_shipped_texts_give_the_evaluation_weights_and_the_dates_law(worked):
    context = inputs_for(worked).document_context()
    assert (context["quality_weight"], context["price_weight"]) == (D(60), D(40))
    assert context["current_contracts_end"] == "31 March 2012"
    assert context["law"]["procurement_law"] == "the Public Contracts Regulations 2006"
    later = inputs_for(worked, issued=date(2016, 1, 4)).document_context()
    assert later["law"]["procurement_law"] == "the Public Contracts Regulations 2015"
    assert later["issued"] == "4 January 2016"


def test_a_scenario_changes_the_term_and_who_is_named(worked):
    scenario = Scenario("C joins, extended", with_partners=(JoinChange("c"),), extension=True)
    context = inputs_for(worked, scenario).document_context()
    assert (context["contract_start"], context["contract_end"]) == ("1 April 2012", "31 March 2019")
    assert (context["partners"], context["partner_count"], context["prospective"]) == (["County A", "District B", "Prospective C"], 3, [])
    # C's site counts once C is in the estimate
    assert context["sites"] == 3
    # the contract's own term is still quoted as five years with two more available
    assert (context["term_years"], context["extension_years"]) == (5, 2)


def test_the_notice_period_is_quoted_in_whole_years(worked, tmp_path):
    inputs = inputs_for(worked)
    assert inputs.text("{{ notice_years }} years' notice", inputs.document_context()) == "2 years' notice"
    programme = PROGRAMME.replace("projects:", "notice_period_months: 30\nprojects:")
    inputs = inputs_for(load_case(tmp_path, WORKED_RESPONSES, programme=programme))
    assert inputs.text("{{ notice_years }} years' notice", inputs.document_context()) == "2 years' notice"


def test_without_a_date_the_current_contracts_end_at_the_new_contracts_start(tmp_path, demo_responses):
    root = copy_shipped(tmp_path / "catalogue")
    sor = root / "documents" / "sor.yml"
    sor.write_text(sor.read_text().replace("current_contracts_end: 2012-03-31\n", ""))
    catalogue = load_catalogue(root)
    inputs = Inputs(catalogue, demo_responses, estimate(catalogue, demo_responses), ISSUED)
    assert inputs.document_context()["current_contracts_end"] == "the start of the new contract"


def test_a_section_text_and_named_extras_reach_the_templates(worked):
    inputs = inputs_for(worked)
    context = inputs.document_context({"summary": "In short."}, version="2.3")
    assert (context["section"], context["version"]) == ({"summary": "In short."}, "2.3")
    assert inputs.text("{{ partner_count }} partners, {{ envelope }} envelope", context) == "2 partners, £40,000,000 envelope"


def test_a_figure_the_templates_do_not_know_is_refused(worked):
    # a document asking for a name catalogue/templating.py does not list would print nothing for it
    with pytest.raises(AssertionError) as caught:
        inputs_for(worked).document_context(budget="£1")
    assert str(caught.value) == "documents/context.py and catalogue/templating.py name different figures"


def test_names_of_partners_known_and_unknown(worked):
    inputs = inputs_for(worked)
    assert (inputs.partner_name("a"), inputs.short_name("a")) == ("County A", "A")
    # a partner the catalogue no longer lists is shown by its id, not dropped
    assert (inputs.partner_name("zed"), inputs.short_name("zed")) == ("zed", "zed")


def test_a_lots_clauses_quote_its_demand_partners_and_sites(worked):
    inputs = inputs_for(worked)
    lot = inputs.estimate.lot("wan")
    context = inputs.requirement_context(lot)
    assert context == {
        "demand": {"eth_100m": D(290)},
        "partners": ["County A", "District B"],
        "partner_count": 2,
        "sites": 2,
        "lot": "WAN",
        "contract_start": "1 April 2012",
        "term_years": 5,
    }
    assert inputs.requirement_context(lot) is context  # made once per lot
    assert (
        inputs.requirement_text("Connect {{ demand.eth_100m | number }} sites for {{ partner_count }} partners.", lot)
        == "Connect 290 sites for 2 partners."
    )


def test_sites_count_only_partners_in_the_estimate(worked):
    assert inputs_for(worked).sites_per_lot == {"wan": 2}


def test_a_lot_without_sites_quotes_none(tmp_path):
    responses = {
        "a.yml": WITH_SITES["a.yml"]
        .replace("lots: [wan]", "lots: [wan, cctv]")
        .replace("answers: {wan: {circuits: 250}}", "answers: {wan: {circuits: 250}, cctv: {cameras: 60}}")
    }
    inputs = inputs_for(load_case(tmp_path, responses, lots=(WAN_LOT, CCTV_LOT)))
    assert inputs.requirement_context(inputs.estimate.lot("wan"))["sites"] == 2
    assert inputs.requirement_context(inputs.estimate.lot("cctv"))["sites"] == 0


def test_a_framework_is_cited_only_once_it_has_opened(worked):
    # RM3808 opened on 1 January 2019 (catalogue/documents/references.yml)
    assert inputs_for(worked).framework("wan") is None
    assert inputs_for(worked, issued=date(2018, 12, 31)).framework("wan") is None
    assert inputs_for(worked, issued=date(2019, 1, 1)).framework("wan") == "RM3808 Lot 1"


def test_the_responses_snapshot_and_the_issue_time(worked, tmp_path):
    inputs = inputs_for(worked)
    assert inputs.snapshot == "not recorded (responses read from files)"
    assert inputs.issued_at == datetime(2011, 3, 1, 0, 0)
    submitted = {
        "a.yml": worked_with("a", "submitted_at: 2011-01-07T12:05:00Z\n"),
        "b.yml": worked_with("b", "submitted_at: 2010-12-20T09:00:00Z\n"),
    }
    case = load_case(tmp_path / "submitted", submitted)
    assert inputs_for(case).snapshot == "7 January 2011 12:05 UTC"
    assert issue_date(*case) == date(2011, 1, 7)


def test_the_issue_date_is_the_one_asked_for_else_the_catalogues(worked, tmp_path):
    assert issue_date(*worked, date(2011, 5, 6)) == date(2011, 5, 6)
    # no submission times in files: the procurement's issue date, else its contract start
    assert issue_date(*worked) == date(2012, 4, 1)
    programme = PROGRAMME.replace("    term_years: 5\n", "    term_years: 5\n    issue_date: 2011-02-14\n")
    assert issue_date(*load_case(tmp_path / "dated", WORKED_RESPONSES, programme=programme)) == date(2011, 2, 14)


def test_cameras_carried_by_the_cctv_lot(tmp_path):
    responses = {
        "a.yml": "partner: a\nproject: cpsn\nlots: [wan, cctv]\nanswers: {wan: {circuits: 250}, cctv: {cameras: 60}}\n",
        "b.yml": "partner: b\nproject: cpsn\nlots: [cctv]\nanswers: {cctv: {cameras: 15}}\n",
    }
    est = estimate(*load_case(tmp_path, responses, lots=(WAN_LOT, CCTV_LOT)))
    assert cameras_in(est) == D(75)
    assert (cameras_in(est, "a"), cameras_in(est, "b")) == (D(60), D(15))
    # a partner not carrying cameras, and an estimate without the CCTV lot, carry none
    assert cameras_in(est, "c") == 0
    assert cameras_in(estimate(*load_case(tmp_path / "wan", WORKED_RESPONSES))) == 0


def test_the_demo_documents_quote_its_cameras_and_sites(inputs):
    context = inputs.document_context()
    assert (context["cameras"], context["sites"], context["lot_count"], context["partner_count"]) == (D(195), 18, 7, 5)
    assert context["lead"] == "Cambridgeshire County Council"
    assert context["replaces"] == "Cambridgeshire Community Network (CCN)"


def test_every_document_says_what_its_figures_count(worked, tmp_path):
    assert inputs_for(worked).demand_counted == "Figures count the demand in the response files of the 2 partners taking part."
    alone = inputs_for(load_case(tmp_path / "alone", {"a.yml": WORKED_RESPONSES["a.yml"]}))
    assert alone.demand_counted == "Figures count the demand in the response files of the 1 partner taking part."
    # the web says which answers it counted (submitted only, or drafts too)
    basis = "Figures count submitted answers only."
    assert inputs_for(worked, basis=basis).demand_counted == basis
