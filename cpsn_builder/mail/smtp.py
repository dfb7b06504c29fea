"""Handing one message to the mail server with the standard library's smtplib."""

from __future__ import annotations

import smtplib
import socket
import ssl
from email.message import EmailMessage

from .settings import SmtpServer


class DeliveryError(Exception):
    """The server did not take the message. `permanent` (a 5xx answer) means trying again will not help."""

    def __init__(self, text: str, permanent: bool = False):
        super().__init__(text)
        self.permanent = permanent


def _tls_context(server: SmtpServer) -> ssl.SSLContext:
    return ssl.create_default_context(cafile=server.ca_file)  # checks the certificate and the host name


def deliver(server: SmtpServer, message: EmailMessage) -> None:
    """Send `message`, or raise DeliveryError with what the server said (4xx and network trouble: try again)."""
    try:
        if server.tls == "implicit":
            connection = smtplib.SMTP_SSL(server.host, server.port, timeout=server.timeout, context=_tls_context(server))
        else:
            connection = smtplib.SMTP(server.host, server.port, timeout=server.timeout)
        with connection:
            if server.tls == "starttls":
                connection.starttls(context=_tls_context(server))
            if server.username:
                connection.login(server.username, server.password or "")
            refused = connection.send_message(message)
            if refused:  # some recipients refused while others were accepted (we send to one, so rare)
                raise DeliveryError("; ".join(f"{addr}: {code} {_text(reply)}" for addr, (code, reply) in refused.items()))
    except smtplib.SMTPRecipientsRefused as exc:
        codes = [code for code, _ in exc.recipients.values()]
        raise DeliveryError(
            "; ".join(f"{addr}: {code} {_text(reply)}" for addr, (code, reply) in exc.recipients.items()),
            permanent=all(500 <= c < 600 for c in codes),
        ) from None
    except smtplib.SMTPAuthenticationError as exc:
        raise DeliveryError(
            f"the mail server refused the user name or password ({exc.smtp_code} {_text(exc.smtp_error)}); check SMTP_URL"
        ) from None
    except smtplib.SMTPResponseException as exc:
        raise DeliveryError(f"{exc.smtp_code} {_text(exc.smtp_error)}", permanent=500 <= exc.smtp_code < 600) from None
    except smtplib.SMTPNotSupportedError as exc:
        raise DeliveryError(f"the mail server does not offer what SMTP_URL asks for ({exc}): check the scheme and port") from None
    except ssl.SSLError as exc:
        raise DeliveryError(
            f"TLS with {server.host}:{server.port} failed ({exc.reason or exc}); check the certificate, or SMTP_CA_FILE"
        ) from None
    except (smtplib.SMTPException, OSError, socket.timeout) as exc:
        raise DeliveryError(f"cannot reach the mail server at {server.host}:{server.port} ({exc or type(exc).__name__})") from None


def _text(reply) -> str:
    return reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)
