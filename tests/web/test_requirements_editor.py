"""The lead's requirements editor: edit, add, withdraw, reorder, section texts, import, and the SoR that follows."""

from __future__ import annotations

import io
import re

import docx
import pytest

from cpsn_builder.requirements import dump_set, standard_set
from cpsn_builder.web.extensions import db
from cpsn_builder.web.requirement_tables import RequirementClause
from web_helpers import csrf_of, form_post, page_text, sign_in, version_of

LEAD = "lead@cpsn.example"
CCTV = "/lead/requirements/cctv"


@pytest.fixture
def lead(client):
    assert sign_in(client, LEAD).status_code == 302
    return client


def sor_rows(client) -> dict[str, tuple[str, str]]:
    response = client.get("/reports/download/statement-of-requirements")
    assert response.status_code == 200
    document = docx.Document(io.BytesIO(response.data))
    return {
        row.cells[0].text: (row.cells[1].text, row.cells[2].text)
        for table in document.tables
        for row in table.rows
        if re.fullmatch(r"[A-Z]{2,8}-\d{3}", row.cells[0].text)
    }


def test_the_lead_edits_a_clause_and_the_statement_says_it(lead, catalogue):
    page = lead.get(CCTV)
    assert page.status_code == 200
    standard = {r.id: r for r in catalogue.lot("cctv").requirements}
    assert [m for m in re.findall(r'<li class="cpsn-clause" id="([A-Z]+-\d+)"', page.get_data(as_text=True))] == list(standard)
    text = "The supplier shall keep recordings for 31 days for {{ partner_count }} partners."
    saved = form_post(lead, f"{CCTV}/CCTV-002/edit", {"text": text, "priority": "Should"})
    assert saved.status_code == 302
    page = page_text(lead.get(CCTV))
    partners = re.search(r"recordings for 31 days for (\d+) partners", page)
    assert partners, page
    assert sor_rows(lead)["CCTV-002"] == (f"The supplier shall keep recordings for 31 days for {partners.group(1)} partners.", "Should")
    history = page_text(lead.get(f"{CCTV}/CCTV-002/edit"))
    assert "History of CCTV-002 (2 changes)" in history and f"Text: {text}" in history and "Priority: Should" in history


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Enter the requirement"),
        (
            "The supplier shall connect {{ demand.no_such_line | number }} cameras.",
            "CCTV-002&#39;s text uses &#39;demand.no_such_line&#39;, which is not a figure it can quote: use one of",
        ),
        ("x" * 4001, "Requirement must be 4,000 characters or fewer"),
        ("Cameras\tshall work.", "the text holds a control character"),
        ("{% for x in y %}{% endfor %}", "is not allowed in requirement text"),
    ],
)
def test_a_bad_clause_is_refused_on_the_field_and_nothing_is_saved(lead, catalogue, text, message):
    before = lead.get("/lead/requirements/requirement-set.yml").get_data(as_text=True)
    response = form_post(lead, f"{CCTV}/CCTV-002/edit", {"text": text, "priority": "Must"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "There is a problem" in html
    assert re.search(r'<p id="text-error" class="govuk-error-message">.*?' + re.escape(message), html, re.S), html[:3000]
    assert lead.get("/lead/requirements/requirement-set.yml").get_data(as_text=True) == before


def test_added_clause_takes_the_next_id_and_applies_to_chosen_partners(lead):
    page = lead.get(f"{CCTV}/add")
    assert "It will be numbered CCTV-101." in page_text(page)
    added = form_post(
        lead, f"{CCTV}/add", {"text": "Cameras at Fenland's depots shall record in colour.", "priority": "Could", "partners": ["fenland"]}
    )
    assert added.status_code == 302 and added.headers["Location"].endswith("#CCTV-101")
    assert "CCTV-102" in page_text(lead.get(f"{CCTV}/add"))
    rows = sor_rows(lead)
    assert rows["CCTV-101"] == (
        "Cameras at Fenland's depots shall record in colour. (This requirement applies to Fenland District Council only.)",
        "Could",
    )


def test_the_first_visit_to_a_lot_writes_the_standard_set_down_once(lead, app, catalogue):
    def stored() -> list[tuple[str, str, int]]:
        with app.app_context():
            rows = db.session.execute(db.select(RequirementClause).order_by(RequirementClause.lot_id, RequirementClause.position))
            return [(r.clause_id, r.text, r.version) for r in rows.scalars()]

    assert stored() == []
    assert lead.get(CCTV).status_code == 200
    first = stored()
    assert [c for c, _, _ in first] == [r.id for lot in sorted(catalogue.lots, key=lambda l: l.id) for r in lot.requirements]
    assert lead.get(CCTV).status_code == 200 and lead.get("/lead/requirements/wan").status_code == 200
    assert stored() == first  # not written again: the same rows at the same versions


def test_two_people_editing_the_same_clause_the_later_save_is_refused(lead, app):
    page = lead.get(f"{CCTV}/CCTV-001/edit")
    token, version = csrf_of(page), version_of(page)
    first = lead.post(f"{CCTV}/CCTV-001/edit", data={"csrf_token": token, "version": version, "text": "First text.", "priority": "Must"})
    assert first.status_code == 302
    second = lead.post(f"{CCTV}/CCTV-001/edit", data={"csrf_token": token, "version": version, "text": "Second text.", "priority": "Must"})
    html = page_text(second)
    assert second.status_code == 200 and "Someone else changed this requirement" in html
    assert "Its text now: First text." in html
    assert sor_rows(lead)["CCTV-001"][0] == "First text."


def test_withdraw_needs_a_reason_keeps_history_and_can_be_restored(lead):
    refused = form_post(lead, f"{CCTV}/CCTV-003/withdraw", {"reason": ""})
    assert refused.status_code == 200 and "Enter why the requirement is withdrawn" in page_text(refused)
    assert form_post(lead, f"{CCTV}/CCTV-003/withdraw", {"reason": "Covered by the partners' own contracts."}).status_code == 302
    assert "CCTV-003" not in sor_rows(lead)
    page = page_text(lead.get(CCTV))
    assert "Withdrawn: Covered by the partners' own contracts." in page
    exported = lead.get("/lead/requirements/requirement-set.yml").get_data(as_text=True)
    assert "withdrawn: true" in exported and "reason: Covered by the partners' own contracts." in exported
    token = csrf_of(lead.get(CCTV))
    assert lead.post(f"{CCTV}/CCTV-003/restore", data={"csrf_token": token}).status_code == 302
    assert "CCTV-003" in sor_rows(lead)


def test_moving_a_clause_changes_its_place_in_the_statement(lead, catalogue):
    ids = [r.id for r in catalogue.lot("cctv").requirements]
    token = csrf_of(lead.get(CCTV))
    assert lead.post(f"{CCTV}/{ids[1]}/move/up", data={"csrf_token": token}).status_code == 302
    cctv_rows = [k for k in sor_rows(lead) if k.startswith("CCTV-")]
    assert cctv_rows == [ids[1], ids[0], *ids[2:]]


def test_a_section_text_is_edited_with_the_same_checks(lead):
    url = "/lead/requirements/sections/introduction"
    page = lead.get(url)
    assert "This statement of requirements sets out what the {{ partnership }}" in page.get_data(as_text=True)
    bad = form_post(lead, url, {"text": "Intro for {{ no_such_name }}."})
    assert bad.status_code == 200 and "which is not a figure it can quote" in page_text(bad)
    bad_markup = form_post(lead, url, {"text": "A paragraph.\n\n[table: nonsense]"})
    assert "Paragraph 2: there is no table &#39;nonsense&#39;" in bad_markup.get_data(as_text=True)
    good = form_post(lead, url, {"text": "The {{ partnership }} buys its network together.\n\n- One\n- Two"})
    assert good.status_code == 302
    response = lead.get("/reports/download/statement-of-requirements")
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(response.data)).paragraphs)
    assert "buys its network together." in text and "sets out what the" not in text


def test_import_refuses_a_bad_file_with_its_line_and_changes_nothing(lead, catalogue):
    before = lead.get("/lead/requirements/requirement-set.yml").get_data(as_text=True)
    bad = dump_set(standard_set(catalogue)).replace("  - id: CCTV-002\n", "  - id: CCTV-2\n")
    line = bad.splitlines().index("  - id: CCTV-2") + 1
    token = csrf_of(lead.get("/lead/requirements/"))
    response = lead.post(
        "/lead/requirements/import",
        data={"csrf_token": token, "file": (io.BytesIO(bad.encode()), "mine.yml")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 400
    assert f"mine.yml, line {line}: lots[5].requirements[1].id: &#39;CCTV-2&#39; is not a requirement id" in response.get_data(as_text=True)
    assert lead.get("/lead/requirements/requirement-set.yml").get_data(as_text=True) == before
    good = bad.replace("  - id: CCTV-2\n    priority: Must", "  - id: CCTV-002\n    priority: Could")
    response = lead.post(
        "/lead/requirements/import",
        data={"csrf_token": token, "file": (io.BytesIO(good.encode()), "mine.yml")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    assert sor_rows(lead)["CCTV-002"][1] == "Could"


@pytest.mark.parametrize("who", ["cabinet@cpsn.example", "officer@fenland.example"])
def test_nobody_else_sees_the_editor(client, who):
    sign_in(client, who)
    for path in ("/lead/requirements/", CCTV, f"{CCTV}/CCTV-001/edit", "/lead/requirements/requirement-set.yml"):
        assert client.get(path).status_code == 404


def test_two_leads_editing_one_section_the_second_sees_the_first_text(lead):
    url = "/lead/requirements/sections/introduction"
    page = lead.get(url)
    token, version = csrf_of(page), version_of(page)
    assert version == "0"  # opened on the catalogue's text
    first = lead.post(url, data={"csrf_token": token, "version": version, "text": "The first lead's introduction."})
    assert first.status_code == 302
    second = lead.post(url, data={"csrf_token": token, "version": version, "text": "The second lead's introduction."})
    assert second.status_code == 200
    shown = page_text(second)
    assert "Someone else changed this section while you were editing it" in shown
    assert "Its text now The first lead's introduction." in shown
    assert "The second lead&#39;s introduction." in second.get_data(as_text=True)  # what they typed is kept in the box
    again = lead.post(url, data={"csrf_token": token, "version": version_of(second), "text": "Merged introduction."})
    assert again.status_code == 302
    assert "Merged introduction." in lead.get(url).get_data(as_text=True)
