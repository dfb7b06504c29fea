"""Partnership finances, withdrawal impact statements, and warnings when participation falls."""

from datetime import date, datetime
from decimal import Decimal as D

import pytest
from click.testing import CliRunner

from conftest import REPO
from cpsn_builder.cli import main
from cpsn_builder.engine import JoinChange, Scenario, estimate
from cpsn_builder.governance.finances import network_withdrawal_impact, withdrawal_impact
from cpsn_builder.governance.loader import load_finances, load_governance
from cpsn_builder.governance.membership import participation_warnings
from cpsn_builder.governance.register import build_register
from cpsn_builder.governance.report import governance_report
from cpsn_builder.source.problems import ProblemsFound

STAFFS = REPO / "demo" / "staffordshire" / "finances.yml"
GOVERNANCE = REPO / "demo" / "governance.yml"


def test_cannock_chase_2011_12_payments_and_what_leaving_saves():
    impact = withdrawal_impact(load_finances(STAFFS), "cannock-chase", date(2012, 10, 31))
    assert impact.total == D("124535.22")
    assert impact.annual_saving == D("17800.00")
    assert [i.title for i in impact.continues] == ["CRM", "Epayments", "New Epayments", "Customer Insight", "Shared Email Directory"]
    assert impact.notice_expires == date(2014, 10, 31)


def test_withdrawal_statement_from_the_cli():
    result = CliRunner().invoke(
        main, ["governance", "withdrawal", "cannock-chase", "--finances", str(STAFFS), "--notice-given", "2012-10-31"]
    )
    assert result.exit_code == 0, result.output
    assert "£124,535.22" in result.output and "Leaving saves £17,800.00 a year" in result.output
    assert "expires 31 October 2014" in result.output


def test_a_network_partner_leaving_loses_its_savings_and_raises_others_prices(catalogue, demo_responses, demo_estimate):
    impact = network_withdrawal_impact(catalogue, demo_responses, "fenland", date(2013, 1, 31))
    fenland = demo_estimate.partner("fenland")
    assert impact.notice_expires == date(2015, 1, 31)  # notice on the last day of a month
    assert impact.network_annual_cost == fenland.annual_cost
    assert impact.net_annual_change == D(10000) - fenland.annual_saving
    assert {c.line_id for c in impact.price_rises} == {"psn_connection", "camera_circuit"}
    assert impact.others_annual_cost_change > 0


def test_joining_mid_term_is_billed_from_its_first_full_month(catalogue, demo_responses):
    est = estimate(catalogue, demo_responses, Scenario("City joins", with_partners=(JoinChange("cambridge-city", date(2013, 6, 15)),)))
    city = est.partner("cambridge-city")
    assert city.months_billed == 45  # July 2013 to March 2017


def test_warnings_name_the_tier_lost_when_notice_expires(catalogue, demo_responses, demo_estimate):
    register = build_register(catalogue, demo_responses)
    warnings = participation_warnings(catalogue, demo_responses, register, demo_estimate)
    tier = [w for w in warnings if w.kind == "tier"]
    assert len(tier) == 1
    assert "PSN-compliant connection" in tier[0].message and "£9,500.00 to £12,000.00" in tier[0].message


def test_the_staffordshire_case_warns_that_the_base_is_at_risk(tmp_path, catalogue, demo_responses):
    from catalogue_builder import copy_shipped
    from cpsn_builder.catalogue import load_catalogue

    root = copy_shipped(tmp_path / "cat")
    partners = root / "partners.yml"
    text = partners.read_text()
    # Fenland and Huntingdonshire give notice too: 3 of the 5 members are leaving
    text = text.replace(
        "    type: district\n    status: member\n", "    type: district\n    status: withdrawing\n    notice_given: 2013-01-31\n"
    )
    partners.write_text(text)
    shrinking = load_catalogue(root)
    register = build_register(shrinking, demo_responses)
    warnings = participation_warnings(shrinking, demo_responses, register)
    assert any(w.kind == "base" and "3 of 5 partners (60%) have given notice" in w.message for w in warnings)


def test_demo_governance_report(catalogue, demo_responses, demo_estimate):
    records = load_governance(GOVERNANCE, catalogue)
    report = governance_report(catalogue, demo_responses, records, datetime(2026, 1, 1), demo_estimate)
    assert [m.carried for m in report.motions] == [True, True]
    fire_vote = next(v for v in report.motions[1].votes if v.vote.partner_id == "cambs-fire")
    assert not fire_vote.counted
    cpsn = next(a for a in report.allocations if a.project_id == "cpsn")
    assert [p.partner_id for p in cpsn.binding_caps] == ["fenland"]
    assert cpsn.total_charged == cpsn.total_cost == D(210000)
    tuo = next(a for a in report.allocations if a.project_id == "tell-us-once")
    assert tuo.total_shortfall == D(2000)
    assert next(p for p in report.projects if p.project_id == "tell-us-once").declined == ("cambs-fire",)


def test_governance_report_cli():
    result = CliRunner().invoke(
        main,
        ["governance", "report", "--responses", str(REPO / "demo" / "responses"), "--governance", str(GOVERNANCE), "--at", "2026-01-01"],
    )
    assert result.exit_code == 0, result.output
    assert "Result: carried: 3 for, 1 against, 1 abstaining" in result.output
    assert "not counted: it declined the project on 1 February 2011" in result.output
    assert "cap binds" in result.output and "£2,000.00 cannot be placed" in result.output


def test_governance_file_errors_have_lines(tmp_path, catalogue):
    path = tmp_path / "g.yml"
    path.write_text(
        GOVERNANCE.read_text()
        .replace("cast_at: 2011-01-11T10:15:00", "cast_at: 2011-03-11T10:15:00")
        .replace("{partner: fenland, project: tell-us-once", "{partner: fenlnd, project: tell-us-once")
    )
    with pytest.raises(ProblemsFound) as caught:
        load_governance(path, catalogue)
    text = "\n".join(map(str, caught.value.problems))
    assert "g.yml:6: unknown partner 'fenlnd'" in text
    assert "outside the motion's voting window" in text


def test_withdrawal_report_in_the_seed_layout(tmp_path):
    import docx

    out = tmp_path / "cannock.docx"
    result = CliRunner().invoke(
        main, ["governance", "withdrawal", "cannock-chase", "--finances", str(STAFFS), "--notice-given", "2012-10-31", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    document = docx.Document(out)
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    numbered = [h for h in headings if h[0].isdigit()]
    assert [int(h.split(".")[0]) for h in numbered] == list(range(1, 8))
    assert numbered[:3] == ["1. Purpose of Report", "2. Recommendation(s)", "3. Summary"]
    schedule = [h for h in headings if h.startswith("Section ")]
    assert [int(h.split(":")[0].split()[1]) for h in schedule] == list(range(1, 13))  # numbered as the index says
    assert "Section 3: Financial Implications" in schedule
    index = [[c.text for c in r.cells] for r in document.tables[0].rows]
    assert index[3] == ["Financial Implications", "Section 3"]
    rows = [[c.text for c in r.cells] for r in document.tables[1].rows]
    assert rows[1] == ["Staffordshire Connects 2011/12 Core Team", "17,800.00", "Stops"]
    assert rows[-1][:2] == ["Total (Exc VAT)", "124,535.22"]
    # dated the day of the meeting that approves the notice, not the day notice is served
    assert document.paragraphs[2].text == "18 OCTOBER 2012"
    text = "\n".join(p.text for p in document.paragraphs)
    assert "the only saving that would be made from the above table is Staffordshire Connects 2011/12 Core Team: £17,800.00" in text
    assert "notice served on 31 October 2012 would expire on 31 October 2014" in text
