"""The financial-year profile on the lead's dashboard and the cabinet viewer's savings page."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import html5lib

from cpsn_builder.engine import estimate
from cpsn_builder.web.store import catalogue, response_set
from web_helpers import sign_in


def table_rows(html: str, table_id: str) -> list[list[str]]:
    """The text of each body row's cells (row header first), as a reader sees them."""
    document = html5lib.parse(html, namespaceHTMLElements=False)
    table = document.find(f".//table[@id='{table_id}']")
    assert table is not None, f"no table {table_id}"
    return [[" ".join("".join(cell.itertext()).split()) for cell in row] for row in table.find("tbody")]


def pounds(text: str) -> Decimal:
    """'£1,234.50' or '-£9,200' as a number; '–' (not billed) is nothing."""
    cleaned = text.split(" ")[0].replace("£", "").replace(",", "")
    return Decimal(0) if cleaned == "–" else Decimal(cleaned)


def money(value: Decimal) -> str:
    return f"-£{-value:,.2f}" if value < 0 else f"£{value:,.2f}"


def engine_estimate(app):
    with app.app_context():
        return estimate(catalogue(), response_set())


def test_the_dashboard_shows_the_partnerships_years_adding_up_to_the_term(app, client):
    sign_in(client, "lead@cpsn.example")
    page = client.get("/lead/").get_data(as_text=True)
    est = engine_estimate(app)
    rows = table_rows(page, "year-figures")
    assert [row[0] for row in rows] == ["2012/13", "2013/14", "2014/15", "2015/16", "2016/17", "Term"]
    for row, year in zip(rows, est.years):
        assert row[1:] == [
            str(year.months),
            *(money(getattr(year, name)) for name in ("annual_cost", "one_off", "cost", "baseline", "saving")),
        ]
    term = rows[-1]
    assert term[1] == "60"
    assert term[4] == money(est.totals.contract_value)
    assert term[3] == money(est.totals.one_off)
    assert term[6] == money(est.totals.term_saving)
    # the first year carries every connection charge, so it costs more than today's spend
    assert rows[0][6].startswith("-£")


def test_the_dashboard_links_to_each_partner_by_year_in_whole_pounds(app, client):
    sign_in(client, "lead@cpsn.example")
    dashboard = client.get("/lead/").get_data(as_text=True)
    link = html5lib.parse(dashboard, namespaceHTMLElements=False).find(".//a[@id='partner-years-link']")
    assert "whole pounds" in dashboard and 'id="partner-year-cost"' not in dashboard
    page = client.get(link.get("href")).get_data(as_text=True)
    assert "Figures include submitted answers only" in page
    est = engine_estimate(app)
    for table_id, figure in (("partner-year-cost", "cost"), ("partner-year-saving", "saving")):
        rows = table_rows(page, table_id)
        assert [row[0] for row in rows] == [p.name for p in est.partners] + ["Partnership"]
        for row, partner in zip(rows, est.partners):
            shown = [pounds(cell) for cell in row[1:-1]]
            assert shown == [getattr(y, figure).quantize(Decimal(1), ROUND_HALF_UP) for y in partner.years]
            assert pounds(row[-1]) == sum(shown)
        columns = [[pounds(cell) for cell in row[1:]] for row in rows[:-1]]
        assert [pounds(cell) for cell in rows[-1][1:]] == [sum(column) for column in zip(*columns)]
    south = next(row for row in table_rows(page, "partner-year-cost") if row[0] == "South Cambridgeshire District Council")
    # notice expires 30 September 2015: half of 2015/16 billed, nothing in 2016/17
    assert south[4].endswith("6 months")
    assert south[5] == "– not billed"


def test_the_cabinet_viewer_sees_the_partnerships_years(app, client):
    sign_in(client, "cabinet@cpsn.example")
    page = client.get("/reports/").get_data(as_text=True)
    est = engine_estimate(app)
    assert "By financial year" in page
    rows = table_rows(page, "year-figures")
    assert rows[-1][4] == money(est.totals.contract_value)
    assert [row[4] for row in rows[:-1]] == [money(y.cost) for y in est.years]
    assert 'id="partner-year-cost"' not in page
