"""Mail settings from the environment: SMTP_URL, MAIL_FROM, MAIL_REPLY_TO, CPSN_BASE_URL, reminders.

SMTP_URL is one of
  smtp+starttls://USER:PASSWORD@HOST:587   STARTTLS, then AUTH (the usual submission port)
  smtps://USER:PASSWORD@HOST:465           implicit TLS, then AUTH
  smtp://HOST:25                           no TLS and no password (a relay on the same host only)
User and password are percent-encoded (`@` as %40). SMTP_CA_FILE names a CA bundle for a relay
with a private certificate; otherwise the system's CAs are trusted. Certificates are always checked.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from .addresses import InvalidAddress, checked_address

SCHEMES = {"smtp": (25, None), "smtp+starttls": (587, "starttls"), "smtps": (465, "implicit")}
DEFAULT_REMINDER_DAYS = (7, 1)
DEVELOPMENT_BASE_URL = "http://127.0.0.1:5000"


class MailConfigError(ValueError):
    pass


@dataclass(frozen=True)
class SmtpServer:
    host: str
    port: int
    tls: str | None  # None, "starttls" or "implicit"
    username: str | None
    password: str | None
    ca_file: str | None = None
    timeout: float = 30.0

    def describe(self) -> str:
        """For logs and the outbox page: never the password."""
        return f"{self.host}:{self.port} ({self.tls or 'no TLS'}{', as ' + self.username if self.username else ''})"


def parse_smtp_url(url: str, ca_file: str | None = None) -> SmtpServer:
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:
        raise MailConfigError(f"SMTP_URL is not a valid URL ({exc}); use smtp+starttls://user:password@host:587") from None
    if parts.scheme not in SCHEMES:
        raise MailConfigError(f"SMTP_URL must start smtp+starttls://, smtps:// or smtp:// (not {parts.scheme or 'nothing'}://)")
    if not parts.hostname:
        raise MailConfigError("SMTP_URL has no host: use smtp+starttls://user:password@host:587")
    default_port, tls = SCHEMES[parts.scheme]
    username = unquote(parts.username) if parts.username else None
    password = unquote(parts.password) if parts.password else None
    if tls is None and (username or password):
        raise MailConfigError("SMTP_URL: a password must not travel without TLS; use smtp+starttls:// or smtps://")
    if ca_file and not os.path.isfile(ca_file):
        raise MailConfigError(f"SMTP_CA_FILE {ca_file} is not a file")
    return SmtpServer(parts.hostname, port or default_port, tls, username, password, ca_file or None)


def reminder_days(text: str | None) -> tuple[int, ...]:
    """'7,1' -> (7, 1): whole days before the deadline, largest first."""
    if text is None or not text.strip():
        return DEFAULT_REMINDER_DAYS
    try:
        days = sorted({int(part) for part in text.split(",") if part.strip()}, reverse=True)
    except ValueError:
        days = []
    if not days or any(d < 1 or d > 60 for d in days):
        raise MailConfigError(f"CPSN_REMINDER_DAYS must be whole days before the deadline from 1 to 60, like 7,1 (not {text!r})")
    return tuple(days)


def mail_config(env_name: str) -> dict:
    """The mail part of the app's configuration, checked when the app starts (a bad value stops it
    with a message naming the variable, rather than failing at the first message)."""
    url = os.environ.get("SMTP_URL", "").strip()
    base = os.environ.get("CPSN_BASE_URL", "").strip().rstrip("/")
    if base and not urlsplit(base).scheme in ("http", "https"):
        raise MailConfigError(f"CPSN_BASE_URL must be the service's address, like https://cpsn.example.gov.uk (not {base!r})")
    config = {
        "SMTP_URL": url or None,
        "SMTP_CA_FILE": os.environ.get("SMTP_CA_FILE") or None,
        "MAIL_FROM": os.environ.get("MAIL_FROM", "").strip() or None,
        "MAIL_REPLY_TO": os.environ.get("MAIL_REPLY_TO", "").strip() or None,
        "CPSN_BASE_URL": base or (DEVELOPMENT_BASE_URL if env_name == "development" else None),
        "REMINDER_DAYS": reminder_days(os.environ.get("CPSN_REMINDER_DAYS")),
    }
    check_mail_config(config)
    return config


def check_mail_config(config: dict) -> None:
    if config.get("SMTP_URL"):
        parse_smtp_url(config["SMTP_URL"], config.get("SMTP_CA_FILE"))
        if not config.get("MAIL_FROM"):
            raise MailConfigError("MAIL_FROM must be set with SMTP_URL: the address messages come from, like cpsn@cambridgeshire.gov.uk")
    for key in ("MAIL_FROM", "MAIL_REPLY_TO"):
        if config.get(key):
            try:
                checked_address(config[key])
            except InvalidAddress as exc:
                raise MailConfigError(f"{key}: {exc}") from None
