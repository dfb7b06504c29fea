"""A real SMTP server (aiosmtpd) on a loopback port for the email tests, and an app that sends to it."""

from __future__ import annotations

import email
import re
import socket
import ssl
import subprocess
import threading
from email import policy
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from cpsn_builder.web.extensions import db
from web_helpers import DATABASES, make_app

SENDER = "cpsn@cambridgeshire.example"
REPLY_TO = "procurement@cambridgeshire.example"
BASE = "http://cpsn.localhost"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Recorder:
    """Keeps every message the server accepted; can answer the next DATA commands with a refusal."""

    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []
        self.envelopes: list[tuple[str, list[str]]] = []
        self.refusals: list[str] = []
        self.logins: list[str] = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            if self.refusals:
                return self.refusals.pop(0)
            self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
            self.messages.append(email.message_from_bytes(envelope.original_content, policy=policy.default))
        return "250 2.0.0 Message accepted"

    def to(self, address: str) -> list:
        return [m for m in self.messages if m["To"] == address]


class SmtpServer:
    def __init__(self, tls: str | None = None, credentials: tuple[str, str] | None = None, cert_dir: Path | None = None):
        self.recorder = Recorder()
        self.port = free_port()
        self.tls = tls
        kwargs = {}
        self.ca_file = None
        if tls:
            cert, key = make_certificate(cert_dir)
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            context.load_cert_chain(cert, key)
            self.ca_file = str(cert)
            kwargs = {"tls_context": context, "require_starttls": True} if tls == "starttls" else {"ssl_context": context}
        if credentials:

            def authenticate(server, session, envelope, mechanism, auth_data):
                ok = isinstance(auth_data, LoginPassword) and (auth_data.login.decode(), auth_data.password.decode()) == credentials
                if ok:
                    self.recorder.logins.append(auth_data.login.decode())
                return AuthResult(success=ok, handled=False)  # handled=False: the server answers 235 or 535 itself

            kwargs.update(authenticator=authenticate, auth_required=True)
            if tls == "implicit":  # aiosmtpd 1.4 does not count implicit TLS as TLS when deciding to offer AUTH
                kwargs["auth_require_tls"] = False
        host = "localhost" if tls else "127.0.0.1"
        self.host = host
        self.controller = Controller(self.recorder, hostname=host, port=self.port, **kwargs)

    @property
    def messages(self):
        return self.recorder.messages

    def url(self, user: str | None = None, password: str | None = None) -> str:
        scheme = {"starttls": "smtp+starttls", "implicit": "smtps", None: "smtp"}[self.tls]
        userinfo = f"{user}:{password}@" if user else ""
        return f"{scheme}://{userinfo}{self.host}:{self.port}"

    def refuse_next(self, count: int, reply: str = "451 4.3.0 Mail server busy, try again later") -> None:
        self.recorder.refusals.extend([reply] * count)

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.controller.stop()


def make_certificate(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for localhost, made with openssl, that the client trusts through SMTP_CA_FILE."""
    import shutil

    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed (apt-get install openssl): the TLS tests make their certificate with it")
    cert, key = folder / "smtp-cert.pem", folder / "smtp-key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            str(key),
            "-out",
            str(cert),
            "-days",
            "1",
            "-subj",
            "/CN=localhost",
            "-addext",
            "subjectAltName=DNS:localhost",
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )
    return cert, key


def mail_config(server: SmtpServer, **extra) -> dict:
    return {"SMTP_URL": server.url(), "MAIL_FROM": SENDER, "MAIL_REPLY_TO": REPLY_TO, "CPSN_BASE_URL": BASE, **extra}


@pytest.fixture
def smtp():
    with SmtpServer() as server:
        yield server


@pytest.fixture(params=DATABASES)
def mail_app(request, tmp_path, smtp):
    app, drop = make_app(request.param, tmp_path, **mail_config(smtp))
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
    drop()


def link_in(message, start: str = "/set-password/") -> str:
    """The path of the first link to `start` in the plain-text part."""
    text = message.get_body(("plain",)).get_content()
    found = re.search(re.escape(BASE) + r"(" + re.escape(start) + r"[^\s]*)", text)
    assert found, text
    return found.group(1)


def plain(message) -> str:
    return message.get_body(("plain",)).get_content()


def html(message) -> str:
    return message.get_body(("html",)).get_content()


def send_outbox(app, now=None):
    from cpsn_builder.mail.worker import send_due

    with app.app_context():
        return send_due(now=now)


def outbox_rows(app, **filters):
    from cpsn_builder.mail.models import OutboxMessage

    with app.app_context():
        rows = db.session.execute(db.select(OutboxMessage).filter_by(**filters).order_by(OutboxMessage.id)).scalars().all()
        db.session.expunge_all()
        return rows


def subject(message) -> str:
    """The subject as a mail client shows it (Python's parser keeps the space of a folded first line)."""
    return message["Subject"].strip()
