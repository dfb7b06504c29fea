"""A programme with many partners: the dashboard shows 20 partners' progress a page, keeps each
partner's figures one click away, and never fails on a page number someone typed."""

from __future__ import annotations

import re
import sys

import html5lib
import pytest

from conftest import REPO
from web_helpers import form_post, make_app, motion_times

sys.path.insert(0, str(REPO / "bench"))
from synthetic_programme import fill_database, sign_in, write_catalogue  # noqa: E402  (the benchmarks' programme)

PARTNERS = 45


@pytest.fixture
def lead(tmp_path):
    app, drop = make_app("sqlite", tmp_path, demo=False, CPSN_CATALOGUE=str(write_catalogue(tmp_path / "catalogue", PARTNERS)))
    fill_database(app, PARTNERS)
    client = app.test_client()
    sign_in(client)
    yield client
    drop()


def progress_names(html: str) -> list[str]:
    table = html5lib.parse(html, namespaceHTMLElements=False).find(".//table[@id='progress']")
    return [" ".join("".join(row.find("th").itertext()).split()) for row in table.find("tbody")]


def test_progress_comes_20_partners_a_page(lead):
    first = lead.get("/lead/").get_data(as_text=True)
    assert progress_names(first) == [f"Synthetic Council {i}" for i in range(20)]
    assert "45 submitted, 0 in progress, 0 not started: partners 1 to 20 of 45." in first
    following = re.search(r'<a class="govuk-link govuk-pagination__link" href="([^"]+)" rel="next">', first).group(1)
    second = lead.get(following.replace("&amp;", "&")).get_data(as_text=True)
    assert progress_names(second) == [f"Synthetic Council {i}" for i in range(20, 40)]
    assert "partners 21 to 40 of 45" in second


@pytest.mark.parametrize(("typed", "shown"), [("99", range(40, 45)), ("0", range(20)), ("abc", range(20))])
def test_a_page_number_out_of_range_shows_the_nearest_page(lead, typed, shown):
    response = lead.get(f"/lead/?page={typed}")
    assert response.status_code == 200
    assert progress_names(response.get_data(as_text=True)) == [f"Synthetic Council {i}" for i in shown]


def test_each_partners_figures_are_collapsed_and_their_years_a_click_away(lead):
    page = lead.get("/lead/").get_data(as_text=True)
    details = re.search(r'<details class="govuk-details" id="partner-savings"([^>]*)>', page)
    assert details and "open" not in details.group(1)
    assert f"Costs and savings of each of the {PARTNERS} partners" in page and 'id="partner-year-cost"' not in page
    years = lead.get("/lead/partner-years").get_data(as_text=True)
    table = html5lib.parse(years, namespaceHTMLElements=False).find(".//table[@id='partner-year-cost']")
    assert len(table.find("tbody")) == PARTNERS + 1  # and the partnership's row


def test_a_motion_for_45_partners_counts_who_could_vote_and_the_table_names_them(lead):
    opened = form_post(
        lead,
        "/lead/governance",
        {"code": "M-45", "project_id": "cpsn", "text": "Go ahead.", **motion_times("2029-01-01 09:00", "2029-01-10 17:00")},
    )
    assert opened.status_code == 302
    page = lead.get("/lead/governance").get_data(as_text=True)
    assert "Could vote: the 45 partners taking part in the project, each in the table below." in page
    tables = html5lib.parse(page, namespaceHTMLElements=False).iterfind(".//table")
    votes = next(t for t in tables if t.find("caption") is not None and "".join(t.find("caption").itertext()).strip() == "Votes on M-45")
    named = {" ".join("".join(row.find("th").itertext()).split()) for row in votes.find("tbody")}
    assert named == {f"Synthetic Council {i}" for i in range(PARTNERS)}
