"""`make soak`: the load test's mix for 30 minutes on a PostgreSQL of its own, restarted once in the middle.

Checks what a service owner cares about: requests during the outage get the styled 503 page (never
a bare 500), nothing acknowledged is lost, and the service recovers without a restart. It starts a
private PostgreSQL cluster (initdb, pg_ctl on a free port, run as the `postgres` user when started
as root) so restarting it disturbs nobody else's database.

    SOAK_MINUTES=2 make soak    # a short run while developing
"""

from __future__ import annotations

import os
from collections import Counter
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).parent))

import bench_web  # noqa: E402
from synthetic_programme import write_catalogue  # noqa: E402

MINUTES = float(os.environ.get("SOAK_MINUTES", "30"))
OUTAGE = float(os.environ.get("SOAK_OUTAGE_SECONDS", "30"))
OFFICERS = int(os.environ.get("SOAK_OFFICERS", str(bench_web.OFFICERS)))


def _as_postgres(args: list[str], **kwargs):
    prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    return subprocess.run(prefix + args, check=True, capture_output=True, text=True, **kwargs)


def _pg_bin(name: str) -> str:
    found = shutil.which(name) or next(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), None)
    if not found:
        raise SystemExit(f"soak: {name} not found: install PostgreSQL's server binaries")
    return str(found)


class Cluster:
    def __init__(self):
        self.dir = Path(tempfile.mkdtemp(prefix="cpsn-soak-pg-"))
        self.data = self.dir / "data"
        self.port = bench_web._free_port()
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres")
        _as_postgres([_pg_bin("initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres"])
        self.url = f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def start(self):
        _as_postgres(
            [
                _pg_bin("pg_ctl"),
                "-D",
                str(self.data),
                "-l",
                str(self.dir / "log"),
                "-w",
                "-o",
                f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c max_connections=200",
                "start",
            ]
        )

    def stop(self):
        _as_postgres([_pg_bin("pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop"])

    def remove(self):
        try:
            self.stop()
        except subprocess.CalledProcessError:
            pass
        shutil.rmtree(self.dir, ignore_errors=True)


class SoakOfficer(bench_web.Officer):
    """An officer of the load test that also keeps when each answer came and what it was."""

    def __init__(self, *args):
        super().__init__(*args)
        self.outcomes: list[tuple[float, int, bool]] = []  # (time, status, the styled 503 page?)

    def request(self, kind, path, data=None):
        status, text, location = super().request(kind, path, data)
        self.outcomes.append((time.time(), status, status == 503 and "Sorry, the service is unavailable" in text))
        return status, text, location


def soak() -> list[str]:
    cluster = Cluster()
    server = None
    try:
        cluster.start()
        tmp = Path(tempfile.mkdtemp())
        catalogue = write_catalogue(tmp / "catalogue", OFFICERS)
        bench_web.OFFICERS = OFFICERS
        bench_web._prepare(cluster.url, catalogue)
        port = bench_web._free_port()
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "-w",
                str(bench_web.WORKERS),
                "-b",
                f"127.0.0.1:{port}",
                "--log-level",
                "warning",
                "cpsn_builder.web:create_app()",
            ],
            env=bench_web._environment(cluster.url, catalogue),
            cwd=tmp,
        )
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/sign-in", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        duration = MINUTES * 60
        stop_at = time.time() + duration
        officers = [SoakOfficer(i, base, stop_at) for i in range(OFFICERS)]
        for officer in officers:
            officer.start()
        time.sleep(duration / 2)
        down_at = time.time()
        cluster.stop()
        health_down = _health(base)
        time.sleep(OUTAGE)
        cluster.start()
        up_at = time.time()
        for officer in officers:
            officer.join(duration + 120)
        health_up = _health(base)
    finally:
        if server:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
    engine = sa.create_engine(cluster.url)
    lost, missing_audit = bench_web._check_writes(engine, "public", officers)
    engine.dispose()
    cluster.remove()

    outcomes = [o for officer in officers for o in officer.outcomes]
    during = [o for o in outcomes if down_at <= o[0] <= up_at]
    after = sorted(o for o in outcomes if o[0] > up_at)
    first_ok = next((t for t, status, _ in after if status < 500), None)
    during_other = Counter(status for _, status, styled in during if not styled)
    other_5xx = sum(1 for _, status, styled in outcomes if status >= 500 and not styled)
    acknowledged = sum(len(o.acknowledged) for o in officers)
    return [
        f"Soak: {OFFICERS} officers for {MINUTES:g} min on gunicorn ({bench_web.WORKERS} workers) and a private PostgreSQL, "
        f"stopped for {OUTAGE:.0f} s in the middle",
        f"  {len(outcomes):,} requests; during the outage {len(during):,}, of which {sum(1 for o in during if o[2]):,} got the styled 503 page"
        + (f" (the others: {', '.join(f'{n} x {status}' for status, n in sorted(during_other.items()))})" if during_other else ""),
        f"  5xx other than the styled 503 page: {other_5xx}; /healthz while down {health_down}, after {health_up}",
        f"  first successful answer {first_ok - up_at:.1f} s after the database was back (no service restart)"
        if first_ok
        else "  NO successful answer after the database came back",
        f"  {acknowledged:,} acknowledged saves; lost writes: {lost}; acknowledged changes missing from the audit trail: {missing_audit}",
    ]


def _health(base: str) -> int:
    try:
        with urllib.request.urlopen(base + "/healthz", timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code
    except OSError:
        return 0


if __name__ == "__main__":
    print("\n".join(soak()))
