"""Issued versions of the SoR: frozen, rebuilt byte for byte, compared, with the addendum bidders receive."""

from __future__ import annotations

import hashlib
import io

import docx
import pytest

from cpsn_builder.web.extensions import db
from cpsn_builder.web.kept import forget_all
from cpsn_builder.web.requirement_tables import SorVersion
from web_helpers import form_post, page_text, sign_in

VERSIONS = "/lead/requirements/versions/"
CCTV = "/lead/requirements/cctv"


@pytest.fixture
def lead(client):
    assert sign_in(client, "lead@cpsn.example").status_code == 302
    return client


def issue(client, label="0.1", status="Draft", summary="First draft for the board"):
    return form_post(client, VERSIONS, {"label": label, "status": status, "author": "Jo Bloggs, Head of Procurement", "summary": summary})


def rows_of(data: bytes) -> dict[str, tuple[str, ...]]:
    document = docx.Document(io.BytesIO(data))
    return {r.cells[0].text: tuple(c.text for c in r.cells[1:]) for t in document.tables for r in t.rows}


def test_two_versions_rebuild_as_issued_and_the_addendum_lists_the_changes(lead, app):
    assert issue(lead).status_code == 302
    form_post(lead, f"{CCTV}/CCTV-002/edit", {"text": "The supplier shall keep recordings for 31 days.", "priority": "Should"})
    form_post(lead, f"{CCTV}/add", {"text": "Cameras shall record in colour.", "priority": "Could"})
    form_post(lead, f"{CCTV}/CCTV-003/withdraw", {"reason": "Covered by partners' own contracts."})
    pending = page_text(lead.get(VERSIONS))
    assert "Changes since version 0.1" in pending and "CCTV-101: Added Cameras shall record in colour." in pending
    assert issue(lead, "1.0", "Final", "Recording period, colour cameras").status_code == 302

    with app.app_context():
        stored = {v.label: v.document_sha256 for v in db.session.execute(db.select(SorVersion)).scalars()}
    first = lead.get(f"{VERSIONS}0.1/statement-of-requirements.docx")
    final = lead.get(f"{VERSIONS}1.0/statement-of-requirements.docx")
    assert first.status_code == final.status_code == 200
    assert hashlib.sha256(first.data).hexdigest() == stored["0.1"]  # the file bidders got, byte for byte
    assert hashlib.sha256(final.data).hexdigest() == stored["1.0"]
    assert "CCTV-101" not in rows_of(first.data) and "CCTV-003" in rows_of(first.data)
    assert rows_of(final.data)["CCTV-101"] == ("Cameras shall record in colour.", "Could")
    history = rows_of(final.data)
    assert history["0.1"][1:] == ("Jo Bloggs, Head of Procurement", "First draft for the board")
    assert history["1.0"][1:] == ("Jo Bloggs, Head of Procurement", "Recording period, colour cameras")

    listed = page_text(lead.get(VERSIONS))
    assert "What changed from version 0.1" in listed and "Addendum for bidders, version 0.1 to 1.0 (Word document)" in listed
    assert listed.count("What changed from version") == 1  # the first version has nothing before it
    changes = page_text(lead.get(f"{VERSIONS}1.0/changes"))
    assert "CCTV-002: Reworded Was:" in changes and "Now: The supplier shall keep recordings for 31 days." in changes
    assert "CCTV-003: Withdrawn Covered by partners' own contracts." in changes
    addendum = lead.get(f"{VERSIONS}1.0/addendum.docx")
    assert addendum.status_code == 200
    rows = [tuple(c.text for c in r.cells) for t in docx.Document(io.BytesIO(addendum.data)).tables for r in t.rows]
    assert ("CCTV-101", "Added", "\u2013", "Cameras shall record in colour.") in rows
    assert ("CCTV-003", "Withdrawn") == rows[[r[0] for r in rows].index("CCTV-003")][:2]
    assert ("CCTV-002", "Reworded") == rows[[r[0] for r in rows].index("CCTV-002")][:2]
    assert ("CCTV-002", "Priority changed", "Must", "Should") in rows or next(
        r for r in rows if r[0] == "CCTV-002" and r[1] == "Priority changed"
    )


@pytest.mark.parametrize(
    ("label", "message"),
    [
        ("1", "Enter the version as two numbers with a full stop, like 0.1 or 1.0"),
        ("0.1", "Version 0.1 has already been issued: give the next number"),
        ("0.0", "Version must come after 0.1, the latest issued"),
    ],
)
def test_a_version_number_must_be_new_and_later(lead, label, message):
    assert issue(lead, "0.1").status_code == 302
    response = issue(lead, label)
    assert response.status_code == 200 and message in page_text(response)


def test_a_version_from_another_catalogue_is_served_as_issued_and_never_rebuilt_silently(lead, app):
    """After an upgrade changes the catalogue, the files bidders were sent still download, byte for
    byte; a version issued before files were stored cannot be rebuilt from another catalogue."""
    issue(lead, "0.1")
    files = ("statement-of-requirements.docx", "pricing-schedule.xlsx")
    sent = {file: lead.get(f"{VERSIONS}0.1/{file}").data for file in files}
    with app.app_context():
        row = db.session.execute(db.select(SorVersion)).scalar_one()
        row.catalogue_digest = "0" * 64
        db.session.commit()
    forget_all()  # a worker started after the upgrade
    for file in files:
        response = lead.get(f"{VERSIONS}0.1/{file}")
        assert response.status_code == 200 and response.data == sent[file]
    with app.app_context():
        row = db.session.execute(db.select(SorVersion)).scalar_one()
        row.document = row.schedule = None  # as a version issued before revisions 0011 and 0012
        db.session.commit()
    for file in files:
        response = lead.get(f"{VERSIONS}0.1/{file}")
        assert response.status_code == 409 and "was issued from catalogue 000000000000" in page_text(response)


def test_a_version_that_rebuilds_differently_from_its_hash_is_refused_not_served(lead, app):
    """A version issued before documents were stored is rebuilt: what this server would build now is
    not what bidders received when the issued hash differs (fonts or LibreOffice changed), so it is
    refused, though the same version was downloaded a moment ago. A stored copy altered since is refused too."""
    issue(lead, "0.1")
    first = lead.get(f"{VERSIONS}0.1/statement-of-requirements.docx")
    with app.app_context():
        row = db.session.execute(db.select(SorVersion)).scalar_one()
        assert hashlib.sha256(first.data).hexdigest() == row.document_sha256 and row.document == first.data
        row.document = first.data + b"altered"
        db.session.commit()
    response = lead.get(f"{VERSIONS}0.1/statement-of-requirements.docx")
    assert response.status_code == 409 and "stored document does not match the SHA-256 recorded" in page_text(response)
    with app.app_context():
        row = db.session.execute(db.select(SorVersion)).scalar_one()
        row.document, row.document_sha256 = None, "f" * 64
        db.session.commit()
    response = lead.get(f"{VERSIONS}0.1/statement-of-requirements.docx")
    assert response.status_code == 409 and "rebuilt differently from the document issued (SHA-256 ffffffffffff)" in page_text(response)


def test_drafts_are_not_frozen_into_a_version(lead, app, catalogue):
    """Only submitted answers reach bidders: a partner reopened to draft is left out of the version."""
    from cpsn_builder.web.models import PartnerResponse

    with app.app_context():
        record = db.session.execute(db.select(PartnerResponse).filter_by(partner_id="south-cambs")).scalar_one()
        assert record.status == "submitted" and not record.declined
        record.status = "draft"
        db.session.commit()
    issue(lead, "0.1")
    frozen = docx.Document(io.BytesIO(lead.get(f"{VERSIONS}0.1/statement-of-requirements.docx").data))
    named = {r.cells[0].text for t in frozen.tables for r in t.rows}
    assert "South Cambridgeshire District Council" not in named
    assert "Fenland District Council" in named


@pytest.mark.parametrize("who", ["cabinet@cpsn.example", "officer@fenland.example"])
def test_only_the_lead_sees_versions(client, who):
    sign_in(client, who)
    assert client.get(VERSIONS).status_code == 404


def test_sor_diff_compares_two_issued_versions_from_the_command_line(lead, app, monkeypatch, tmp_path):
    from click.testing import CliRunner
    from cpsn_builder.cli import main

    issue(lead, "0.1")
    form_post(lead, f"{CCTV}/CCTV-002/edit", {"text": "The supplier shall keep recordings for 31 days.", "priority": "Must"})
    issue(lead, "0.2", summary="Recording period")
    monkeypatch.setenv("DATABASE_URL", app.config["SQLALCHEMY_DATABASE_URI"])
    out = tmp_path / "addendum.docx"
    result = CliRunner().invoke(main, ["sor-diff", "0.1", "0.2", "--addendum", str(out)])
    assert result.exit_code == 0, result.output
    assert "Changes from version 0.1 to version 0.2:" in result.output
    assert "  Reworded CCTV-002" in result.output and "    now: The supplier shall keep recordings for 31 days." in result.output
    assert any(r.cells[0].text == "CCTV-002" for t in docx.Document(out).tables for r in t.rows)
    missing = CliRunner().invoke(main, ["sor-diff", "0.1", "0.9"])
    assert missing.exit_code == 1 and "no version 0.9 has been issued" in missing.output
