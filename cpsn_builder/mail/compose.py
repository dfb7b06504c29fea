"""Messages from Jinja templates (`templates/email/NAME.txt` and `NAME.html`), in GOV.UK Notify's
plain style: the service's name, a clear subject, short paragraphs, no images."""

from __future__ import annotations

from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime, formataddr
from functools import lru_cache

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from ..catalogue import data_dir
from .addresses import one_line

SERVICE = "CPSN Builder"


@lru_cache(maxsize=1)
def _environment() -> Environment:
    # Autoescape in the HTML part: names and answers are what people typed. StrictUndefined: a
    # missing value is an error in the tests, not a blank in a council officer's inbox.
    return Environment(
        loader=FileSystemLoader(str(data_dir("templates") / "email")),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render(template: str, context: dict) -> tuple[str, str]:
    """(plain text, HTML) of one message."""
    env = _environment()
    values = {"service_name": SERVICE, **context}
    return env.get_template(f"{template}.txt").render(values), env.get_template(f"{template}.html").render(values)


def build(
    *, to: str, subject: str, text: str, html: str, sender: str, reply_to: str | None, message_id: str, partnership: str
) -> EmailMessage:
    """The message with its headers. Every header value passes through `one_line`, and the email
    package's default policy refuses a line break in a header as a second guard."""
    message = EmailMessage()
    message["Subject"] = one_line(subject, 200)
    message["From"] = formataddr((one_line(f"{SERVICE} - {partnership}", 100), sender))
    message["To"] = to
    if reply_to:
        message["Reply-To"] = reply_to
    message["Date"] = format_datetime(datetime.now(UTC))
    message["Message-ID"] = message_id
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: out-of-office replies stay away
    message.set_content(text)
    message.add_alternative(html, subtype="html")
    return message
