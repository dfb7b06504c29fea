"""A synthetic programme for the web benchmarks: a catalogue folder with many partners, and a database
holding the lead and every partner's answers (the load test, the big dashboard, the requirements editor)."""

from __future__ import annotations

import re
import shutil
from decimal import Decimal
from pathlib import Path

import yaml

from cpsn_builder.catalogue import data_dir

LEAD_EMAIL = "lead@bench.example"
LEAD_PASSWORD = "bench-password-1"


def write_catalogue(root: Path, partners: int) -> Path:
    shutil.copytree(data_dir("catalogue"), root)
    records = [
        {
            "id": f"p{i:03d}",
            "name": f"Synthetic Council {i}",
            "short_name": f"SC {i}",
            "type": "district",
            "status": "member",
            "joined": "2010-06-01",
            "core_contribution": 10000,
        }
        for i in range(partners)
    ]
    (root / "partners.yml").write_text(yaml.safe_dump({"partners": records}, sort_keys=False))
    # The cabinet texts name the real councils; the synthetic programme's first partners stand in for them.
    cabinet = root / "documents" / "cabinet.yml"
    text = cabinet.read_text()
    for n, partner in enumerate(yaml.safe_load((data_dir("catalogue") / "partners.yml").read_text())["partners"]):
        text = text.replace(f"partner: {partner['id']}\n", f"partner: p{n:03d}\n").replace(f"lead: {partner['id']} ", f"lead: p{n:03d} ")
    cabinet.write_text(text)
    return root


def answers(i: int, lots: tuple[str, ...]) -> dict:
    """Partner i's answers to the lots named: varied, so tiers and totals are not all alike."""
    every = {
        "wan": {"sites_10m": str(5 + i % 7), "sites_100m": str(3 + i % 5), "broadband_sites": str(i % 11)},
        "cctv": {"cameras": str(10 + i % 40), "control_rooms": "1", "transmission": "any"},
        "telephony": {"analogue_lines": str(50 + i), "uk_minutes": str(100000 + i * 1000)},
    }
    return {lot: every[lot] for lot in lots}


def fill_database(app, partners: int, lots: tuple[str, ...] = ("wan", "cctv", "telephony")) -> None:
    """Migrate the app's database and add the lead and every partner's submitted answers."""
    from flask_migrate import upgrade

    from cpsn_builder.web.extensions import db
    from cpsn_builder.web.models import PartnerResponse, User

    with app.app_context():
        upgrade(directory=app.extensions["migrate"].directory)
        lead = User(email=LEAD_EMAIL, name="Lead", role="lead")
        lead.set_password(LEAD_PASSWORD)
        db.session.add(lead)
        for i in range(partners):
            db.session.add(
                PartnerResponse(
                    partner_id=f"p{i:03d}",
                    project_id="cpsn",
                    declined=False,
                    lots=list(lots),
                    answers=answers(i, lots),
                    current_spend={},
                    max_contribution=Decimal(20000),
                    status="submitted",
                    version=1,
                )
            )
        db.session.commit()


def programme_app(tmp: Path, partners: int, lots: tuple[str, ...] = ("wan", "cctv", "telephony"), edit_catalogue=None):
    """(app, test client signed in as the lead) on a SQLite database of `partners` partners' answers."""
    from cpsn_builder.web import create_app

    catalogue = write_catalogue(tmp / "catalogue", partners)
    if edit_catalogue:
        edit_catalogue(catalogue)
    app = create_app(
        {"TESTING": True, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp / 'programme.sqlite3'}", "CPSN_CATALOGUE": str(catalogue)},
        instance_path=str(tmp / "instance"),
    )
    fill_database(app, partners, lots)
    client = app.test_client()
    sign_in(client)
    return app, client


def csrf_token(html: str) -> str:
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)


def sign_in(client) -> None:
    """Sign in as the lead through the sign-in form, as a person would."""
    token = csrf_token(client.get("/sign-in").get_data(as_text=True))
    client.post("/sign-in", data={"email": LEAD_EMAIL, "password": LEAD_PASSWORD, "csrf_token": token})
