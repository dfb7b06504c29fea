"""Web benchmarks: a bounded load test on gunicorn (loopback, fixed duration) with a lost-write check,
and the lead's dashboard for a 400-partner programme.

The load test needs PostgreSQL (TEST_DATABASE_URL or the local server); it creates a schema of its
own and drops it afterwards. Every officer edits its own partner's CCTV answers, so the last
acknowledged value of every answer is known and can be checked against the database and the
audit trail afterwards.
"""

from __future__ import annotations

import http.cookiejar
import os
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import sqlalchemy as sa

from synthetic_programme import programme_app, write_catalogue

PG = os.environ.get("TEST_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
OFFICERS = 50
DURATION = 60.0
WORKERS = 4
PASSWORD = "load-test-password"
THINK = (0.5, 1.5)  # seconds between one officer's actions: people read a page before they save it


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _environment(url: str, catalogue: Path) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": url,
        "CPSN_CATALOGUE": str(catalogue),
        "SECRET_KEY": "load-test-secret",
        "CPSN_ENV": "development",
    }


def _prepare(url: str, catalogue: Path) -> None:
    script = (
        "from flask_migrate import upgrade\n"
        "from cpsn_builder.web import create_app\nfrom cpsn_builder.web.extensions import db\nfrom cpsn_builder.web.models import User\n"
        "from werkzeug.security import generate_password_hash\n"
        f"app = create_app()\nhashed = generate_password_hash('{PASSWORD}')\n"
        "with app.app_context():\n    upgrade(directory=app.extensions['migrate'].directory)\n"
        f"    for i in range({OFFICERS}):\n        db.session.add(User(email=f'officer{{i}}@load.example', name='Officer', role='partner', partner_id=f'p{{i:03d}}', password_hash=hashed))\n"
        "    db.session.commit()\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True, env=_environment(url, catalogue), cwd=catalogue.parent, timeout=300)


class Officer(threading.Thread):
    def __init__(self, index: int, base: str, stop_at: float):
        super().__init__(daemon=True)
        self.index, self.base, self.stop_at = index, base, stop_at
        self.partner = f"p{index:03d}"
        jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect())
        self.latencies: list[tuple[str, float]] = []
        self.errors: list[str] = []
        self.acknowledged: list[int] = []

    def request(self, kind: str, path: str, data: dict | None = None) -> tuple[int, str, str]:
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        start = time.perf_counter()
        try:
            with self.opener.open(self.base + path, data=body, timeout=30) as response:
                status, text, location = response.status, response.read().decode(), ""
        except urllib.error.HTTPError as exc:  # redirects surface here because we do not follow them
            status, text, location = exc.code, exc.read().decode(errors="replace"), exc.headers.get("Location", "")
        self.latencies.append((kind, time.perf_counter() - start))
        if status >= 500:
            self.errors.append(f"{status} {path}")
        return status, text, location

    def token(self, html: str, name: str) -> str:
        match = re.search(rf'name="{name}"[^>]*value="([^"]*)"', html)
        return match.group(1) if match else ""

    def run(self):
        _, page, _ = self.request("page", "/sign-in")
        self.request(
            "save",
            "/sign-in",
            {"email": f"officer{self.index}@load.example", "password": PASSWORD, "csrf_token": self.token(page, "csrf_token")},
        )
        _, page, _ = self.request("page", f"/partners/{self.partner}/lots")
        self.request(
            "save",
            f"/partners/{self.partner}/lots",
            {
                "participation": "yes",
                "lots": ["cctv"],
                "csrf_token": self.token(page, "csrf_token"),
                "version": self.token(page, "version"),
            },
        )
        value = 0
        pause = random.Random(self.index)
        while time.time() < self.stop_at:
            time.sleep(pause.uniform(*THINK))
            _, page, _ = self.request("page", f"/partners/{self.partner}/lots/cctv")
            value += 1
            status, _, location = self.request(
                "save",
                f"/partners/{self.partner}/lots/cctv",
                {
                    "cameras": str(value),
                    "control_rooms": "1",
                    "transmission": "fibre",
                    "csrf_token": self.token(page, "csrf_token"),
                    "version": self.token(page, "version"),
                },
            )
            if status == 302 and location.rstrip("/").endswith(f"/partners/{self.partner}"):
                self.acknowledged.append(value)
            if value % 5 == 0:
                self.request("page", f"/partners/{self.partner}/")


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def load_test() -> list[str]:
    try:
        engine = sa.create_engine(PG)
        with engine.connect():
            pass
    except Exception as exc:  # noqa: BLE001 - any failure to reach the server means no load test
        return [f"Web load test: skipped, no PostgreSQL at {PG.split('@')[-1]} ({type(exc).__name__})"]
    schema = f"load_{uuid.uuid4().hex[:10]}"
    with engine.begin() as connection:
        connection.execute(sa.text(f"CREATE SCHEMA {schema}"))
    url = f"{PG}{'&' if '?' in PG else '?'}options=-csearch_path%3D{schema}"
    tmp = Path(tempfile.mkdtemp())
    catalogue = write_catalogue(tmp / "catalogue", OFFICERS)
    server = None
    try:
        _prepare(url, catalogue)
        port = _free_port()
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "-w",
                str(WORKERS),
                "-b",
                f"127.0.0.1:{port}",
                "--log-level",
                "warning",
                "cpsn_builder.web:create_app()",
            ],
            env=_environment(url, catalogue),
            cwd=tmp,
        )
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/sign-in", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        stop_at = time.time() + DURATION
        officers = [Officer(i, base, stop_at) for i in range(OFFICERS)]
        started = time.perf_counter()
        for officer in officers:
            officer.start()
        for officer in officers:
            officer.join(DURATION + 60)
        elapsed = time.perf_counter() - started
    finally:
        if server:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
    lost, missing_audit = _check_writes(engine, schema, officers)
    with engine.begin() as connection:
        connection.execute(sa.text(f"DROP SCHEMA {schema} CASCADE"))
    engine.dispose()
    pages = [t for o in officers for kind, t in o.latencies if kind == "page"]
    saves = [t for o in officers for kind, t in o.latencies if kind == "save"]
    total = len(pages) + len(saves)
    errors = sum(len(o.errors) for o in officers)
    lines = [
        f"Web load test: {OFFICERS} officers for {DURATION:.0f} s on gunicorn ({WORKERS} workers) and PostgreSQL, loopback, "
        f"{THINK[0]}-{THINK[1]} s between each officer's actions",
        f"  {total:,} requests, {total / elapsed:.0f} requests/s, {errors} server errors (5xx)",
    ]
    for name, values in (("pages", pages), ("saves", saves)):
        p50, p95, p99 = (_percentile(values, q) * 1000 for q in (0.5, 0.95, 0.99))
        lines.append(
            f"  {name:<5} p50 {p50:6.1f} ms  p95 {p95:6.1f} ms  p99 {p99:6.1f} ms  (target p95 < 150 ms: {'met' if p95 < 150 else 'NOT met'})"
        )
    acknowledged = sum(len(o.acknowledged) for o in officers)
    lines.append(
        f"  {acknowledged:,} acknowledged saves; lost writes: {lost}; acknowledged changes missing from the audit trail: {missing_audit}"
    )
    return lines


def _check_writes(engine, schema: str, officers: list[Officer]) -> tuple[int, int]:
    lost = missing = 0
    with engine.connect() as connection:
        connection.execute(sa.text(f"SET search_path TO {schema}"))
        answers = {row.partner_id: row.answers for row in connection.execute(sa.text("SELECT partner_id, answers FROM responses"))}
        audited = {}
        for row in connection.execute(sa.text("SELECT partner_id, new_value FROM audit_events WHERE field = 'answers.cctv.cameras'")):
            audited.setdefault(row.partner_id, set()).add(row.new_value)
    for officer in officers:
        if not officer.acknowledged:
            continue
        stored = (answers.get(officer.partner) or {}).get("cctv", {}).get("cameras")
        if stored != str(officer.acknowledged[-1]):
            lost += 1
        missing += sum(1 for value in officer.acknowledged if str(value) not in audited.get(officer.partner, set()))
    return lost, missing


def _get_ms(client, path: str) -> float:
    start = time.perf_counter()
    response = client.get(path)
    elapsed = (time.perf_counter() - start) * 1000
    assert response.status_code == 200, (path, response.status_code)
    return elapsed


def _change_an_answer(app, n: int) -> None:
    """What an officer's save does to the figures: an answer changes and the data version moves."""
    from cpsn_builder.web.extensions import db
    from cpsn_builder.web.models import PartnerResponse

    with app.app_context():
        record = db.session.execute(db.select(PartnerResponse).filter_by(partner_id="p000")).scalar_one()
        record.answers = {**record.answers, "cctv": {**record.answers["cctv"], "cameras": str(100 + n)}}
        db.session.commit()


def dashboard(partners: int = 400) -> list[str]:
    """The lead's dashboard and Savings page for a programme of `partners` partners, each with answers:
    the median of 5 renders, and each page's first view after an officer's save (median of 3)."""
    app, client = programme_app(Path(tempfile.mkdtemp()), partners)
    median = statistics.median(_get_ms(client, "/lead/") for _ in range(5))
    lines = [
        f"Web: lead's dashboard for {partners} partners with answers: median {median:.0f} ms (target < 300 ms: {'met' if median < 300 else 'NOT met'})"
    ]
    savings = statistics.median(_get_ms(client, "/reports/") for _ in range(5))
    first = []
    for n in range(3):
        _change_an_answer(app, n)
        first.append(_get_ms(client, "/reports/"))
    lines.append(
        f"Web: lead's Savings page for {partners} partners: median {savings:.0f} ms; its first view after a save: median {statistics.median(first):.0f} ms"
    )
    return lines


def run() -> list[str]:
    return dashboard() + [""] + load_test()


if __name__ == "__main__":
    print("\n".join(run()))
