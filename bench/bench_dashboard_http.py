"""The lead's dashboard for a 400-partner programme as a browser meets it: over HTTP, from gunicorn
(4 workers) on PostgreSQL, for one client and for 4 at once, beside a bare Flask route served the
same way (the floor any page stands on).

Each worker keeps its own cache, so the first request a worker serves after a write computes the
figures; the benchmark warms every worker first and reports that cold request separately, then the
steady state a lead reading the dashboard meets. It needs PostgreSQL (TEST_DATABASE_URL or the
local server) and creates a schema of its own, dropped afterwards.
"""

from __future__ import annotations

import http.cookiejar
import os
import signal
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

from bench_web import PG, NoRedirect, _environment, _free_port, _percentile
from synthetic_programme import LEAD_EMAIL, LEAD_PASSWORD, csrf_token, write_catalogue

PARTNERS, WORKERS, CLIENTS = 400, 4, 4
ONE_CLIENT, EACH_OF_MANY = 100, 50  # requests measured
TARGET_ONE_MS, TARGET_MANY_MS = 60, 150
BENCH = Path(__file__).resolve().parent
BARE_APP = "from flask import Flask\napp = Flask('bare')\napp.add_url_rule('/', 'bare', lambda: 'ok')\n"


def _fill(url: str, catalogue: Path) -> None:
    script = (
        f"import sys\nsys.path.insert(0, {str(BENCH)!r})\nfrom synthetic_programme import fill_database\n"
        f"from cpsn_builder.web import create_app\nfill_database(create_app(), {PARTNERS})\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True, env=_environment(url, catalogue), cwd=catalogue.parent, timeout=600)


def _serve(app: str, env: dict, cwd: Path) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-w", str(WORKERS), "-b", f"127.0.0.1:{port}", "--log-level", "warning", app], env=env, cwd=cwd
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            urllib.request.urlopen(base + "/", timeout=2)
            break
        except urllib.error.HTTPError:
            break  # it answers (the app's / redirects or 404s)
        except OSError:
            time.sleep(0.2)
    return server, base


def _stop(server: subprocess.Popen) -> None:
    server.send_signal(signal.SIGTERM)
    server.wait(timeout=30)


def _signed_in(base: str):
    # Not following the redirect to the dashboard, so that the first dashboard request is the benchmark's.
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirect())
    token = csrf_token(opener.open(base + "/sign-in").read().decode())
    try:
        opener.open(
            base + "/sign-in", urllib.parse.urlencode({"email": LEAD_EMAIL, "password": LEAD_PASSWORD, "csrf_token": token}).encode()
        )
    except urllib.error.HTTPError as redirect:
        assert redirect.code == 302, redirect.code
    return opener


def _timed(opener, url: str) -> tuple[float, int]:
    start = time.perf_counter()
    with opener.open(url, timeout=60) as response:
        size = len(response.read())
        assert response.status == 200
    return time.perf_counter() - start, size


def _at_once(openers, url: str, each: int) -> list[float]:
    times: list[float] = []
    lock = threading.Lock()

    def client(opener):
        mine = [_timed(opener, url)[0] for _ in range(each)]
        with lock:
            times.extend(mine)

    threads = [threading.Thread(target=client, args=(o,)) for o in openers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return times


def _figures(openers, url: str) -> tuple[list[float], list[float]]:
    one = [_timed(openers[0], url)[0] for _ in range(ONE_CLIENT)]
    return one, _at_once(openers, url, EACH_OF_MANY)


def _ms(values: list[float], q: float) -> float:
    return _percentile(values, q) * 1000


def run() -> list[str]:
    try:
        engine = sa.create_engine(PG)
        with engine.connect():
            pass
    except Exception as exc:  # noqa: BLE001 - any failure to reach the server means no benchmark
        return [f"Web: dashboard over HTTP: skipped, no PostgreSQL at {PG.split('@')[-1]} ({type(exc).__name__})"]
    schema = f"dash_{uuid.uuid4().hex[:10]}"
    with engine.begin() as connection:
        connection.execute(sa.text(f"CREATE SCHEMA {schema}"))
    url = f"{PG}{'&' if '?' in PG else '?'}options=-csearch_path%3D{schema}"
    tmp = Path(tempfile.mkdtemp())
    catalogue = write_catalogue(tmp / "catalogue", PARTNERS)
    (tmp / "bare_app.py").write_text(BARE_APP)
    try:
        _fill(url, catalogue)
        server, base = _serve("cpsn_builder.web:create_app()", _environment(url, catalogue), tmp)
        try:
            openers = [_signed_in(base) for _ in range(CLIENTS)]
            cold, size = _timed(openers[0], base + "/lead/")
            _at_once(openers, base + "/lead/", 10)  # every worker computes its figures once
            one, many = _figures(openers, base + "/lead/")
        finally:
            _stop(server)
        server, bare_base = _serve("bare_app:app", {**os.environ, "PYTHONPATH": str(tmp)}, tmp)
        try:
            bare_openers = [urllib.request.build_opener() for _ in range(CLIENTS)]
            bare_one, bare_many = _figures(bare_openers, bare_base + "/")
        finally:
            _stop(server)
    finally:
        with engine.begin() as connection:
            connection.execute(sa.text(f"DROP SCHEMA {schema} CASCADE"))
        engine.dispose()
    verdict_one = "met" if _ms(one, 0.95) <= TARGET_ONE_MS else "NOT met"
    verdict_many = "met" if _ms(many, 0.95) <= TARGET_MANY_MS else "NOT met"
    return [
        f"Web: lead's dashboard over HTTP, {PARTNERS} partners, gunicorn x{WORKERS} on PostgreSQL, loopback ({size / 1024:,.0f} KiB a page)",
        f"  first request to a worker after a write (computes the figures): {cold * 1000:.0f} ms",
        f"  one client, {ONE_CLIENT} requests:      p50 {_ms(one, 0.5):5.1f} ms  p95 {_ms(one, 0.95):5.1f} ms   target p95 <= {TARGET_ONE_MS} ms: {verdict_one}"
        f"   (bare Flask route: p50 {_ms(bare_one, 0.5):.1f} ms, p95 {_ms(bare_one, 0.95):.1f} ms)",
        f"  {CLIENTS} clients at once, {CLIENTS * EACH_OF_MANY}:    p50 {_ms(many, 0.5):5.1f} ms  p95 {_ms(many, 0.95):5.1f} ms   "
        f"target p95 <= {TARGET_MANY_MS} ms: {verdict_many}   (bare Flask route: p50 {_ms(bare_many, 0.5):.1f} ms, p95 {_ms(bare_many, 0.95):.1f} ms)",
        f"  median of one client beside the bare route: {statistics.median(one) / statistics.median(bare_one):.0f}x",
    ]


if __name__ == "__main__":
    sys.path.insert(0, str(BENCH))
    print("\n".join(run()))
