"""A production start never loads the demo accounts, and refuses to run while any account has the demo password."""

from __future__ import annotations

import socket
import sqlite3
import subprocess
import sys
import time

from click.testing import CliRunner

from cpsn_builder.cli import main

SERVE = "from cpsn_builder.cli import main; main()"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _production(monkeypatch, tmp_path) -> str:
    url = f"sqlite:///{tmp_path / 'prod.sqlite3'}"
    monkeypatch.setenv("CPSN_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "a-real-secret-for-this-test")
    monkeypatch.setenv("DATABASE_URL", url)
    return url


def test_a_production_start_serves_without_demo_accounts(monkeypatch, tmp_path):
    _production(monkeypatch, tmp_path)
    process = subprocess.Popen(
        [sys.executable, "-c", SERVE, "serve", "--port", str(_free_port())],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        output = ""
        deadline = time.monotonic() + 60
        while "Serving on" not in output and time.monotonic() < deadline and process.poll() is None:
            output += process.stdout.readline()
    finally:
        process.terminate()
        process.wait(10)
    assert "Serving on" in output, output
    assert "Demo sign-ins" not in output and "cpsn-demo-2011" not in output
    with sqlite3.connect(tmp_path / "prod.sqlite3") as connection:
        assert connection.execute("SELECT count(*) FROM users").fetchone()[0] == 0  # lead@cpsn.example cannot sign in


def test_production_refuses_demo_and_accounts_on_the_demo_password(monkeypatch, tmp_path):
    _production(monkeypatch, tmp_path)
    runner = CliRunner()
    refused = runner.invoke(main, ["serve", "--demo"])
    assert refused.exit_code == 1 and "refusing to load the demo accounts in production" in refused.output
    assert runner.invoke(main, ["db", "upgrade"]).exit_code == 0
    assert (
        runner.invoke(
            main, ["users", "add", "--email", "lead@council.example", "--name", "Lead", "--role", "lead", "--password", "cpsn-demo-2011"]
        ).exit_code
        == 0
    )
    refused = runner.invoke(main, ["serve"])
    assert refused.exit_code == 1
    assert "refusing to start in production: 1 account(s) still have the demo password (lead@council.example)" in refused.output
