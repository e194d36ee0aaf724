"""Email digests: a rendered briefing becomes a multipart message and is sent over SMTP.

Settings come from the caller's flags, then `SUMMARIZER_SMTP_*` environment variables, then
a TOML config file (`SUMMARIZER_SMTP_CONFIG`, else `$XDG_CONFIG_HOME/summarizer/smtp.toml`
or `~/.config/summarizer/smtp.toml`), then defaults. The password is never a flag: it comes
from `SUMMARIZER_SMTP_PASSWORD` or the config file, which must then be private to its owner.

Sending verifies TLS certificates (the system's trust store; `SSL_CERT_FILE` points OpenSSL
to another), retries transient failures (refused or lost connections, time-outs, 4xx
replies) a bounded number of times with doubling pauses, and reports any failure as one
`DeliveryError` line that names what failed and where the digest was kept.
"""

from __future__ import annotations

import logging
import os
import smtplib
import socket
import ssl
import stat
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, getaddresses, make_msgid
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from .config import read_config_file
from .errors import ConfigError, DeliveryError, RenderError

log = logging.getLogger(__name__)

ENV_PREFIX = "SUMMARIZER_SMTP_"
SECURITY = ("starttls", "ssl", "none")
PORTS = {"starttls": 587, "ssl": 465, "none": 25}
# What a config file or SUMMARIZER_SMTP_<KEY> may set; recipients and subject are per run.
KEYS = ("host", "port", "security", "user", "password", "from", "timeout", "retries")


@dataclass(frozen=True, slots=True)
class MailSettings:
    """Where and how to send a digest; validated when built, so nothing is sent half-right.

    `port` None means the usual port of `security` (587, 465 or 25). `security` is
    "starttls" (upgrade the connection, required), "ssl" (TLS from the start) or "none"
    (plain text, for a relay on the same machine). A failed attempt that may pass later is
    retried `retries` times, after `backoff` seconds and then twice as long each time.
    `subject` None means `default_subject`.
    """

    to: tuple[str, ...]
    sender: str
    subject: str | None = None
    host: str = "localhost"
    port: int | None = None
    security: str = "starttls"
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    timeout: float = 30.0
    retries: int = 3
    backoff: float = 2.0

    def __post_init__(self) -> None:
        if not self.to:
            raise ConfigError("no recipient: give --email-to ADDRESS")
        for address in self.to:
            _check_address("--email-to", address)
        _check_address("--email-from", self.sender)
        for name, value in (("--subject", self.subject), ("--smtp-host", self.host)):
            if value is not None:
                _check_line(name, value)
        if self.user is not None:
            _check_line("--smtp-user", self.user)
            if not self.password:
                raise ConfigError(
                    f"no password for SMTP user {self.user!r}: set {ENV_PREFIX}PASSWORD "
                    "or `password` in the config file"
                )
        if self.security not in SECURITY:
            raise ConfigError(
                f"unknown SMTP security {self.security!r}; choose one of: {', '.join(SECURITY)}"
            )
        if self.port is not None and not 0 < self.port < 65536:
            raise ConfigError(f"SMTP port must lie between 1 and 65535, not {self.port}")
        if self.timeout <= 0 or self.retries < 0 or self.backoff < 0:
            raise ConfigError("SMTP timeout must be above 0, and retries and backoff at least 0")

    @property
    def server(self) -> str:
        return f"{self.host}:{self.port or PORTS[self.security]}"


def mail_settings(
    to: Sequence[str],
    *,
    sender: str | None = None,
    subject: str | None = None,
    host: str | None = None,
    port: int | None = None,
    security: str | None = None,
    user: str | None = None,
    environ: Mapping[str, str] | None = None,
) -> MailSettings:
    """Settings from the given values (None: not given), then the environment, then the
    config file. Each `to` may hold several comma-separated addresses."""
    environ = os.environ if environ is None else environ
    given = {"host": host, "port": port, "security": security, "user": user, "from": sender}
    env = {
        key: environ[ENV_PREFIX + key.upper()]
        for key in KEYS
        if ENV_PREFIX + key.upper() in environ
    }
    file = _config_file(environ)
    found: dict[str, object] = {**file, **env, **{k: v for k, v in given.items() if v is not None}}
    if "from" not in found:
        raise ConfigError(f"no sender: give --email-from ADDRESS or set {ENV_PREFIX}FROM")
    for value in to:
        _check_line("--email-to", value)
    recipients = tuple(formataddr(pair) for pair in getaddresses(list(to)))
    numbers = {
        key: _number(key, found[key], kind)
        for key, kind in (("port", int), ("timeout", float), ("retries", int))
        if key in found
    }
    return MailSettings(
        to=recipients,
        sender=str(found["from"]),
        subject=subject,
        host=str(found.get("host", "localhost")),
        security=str(found.get("security", "starttls")),
        user=None if found.get("user") in (None, "") else str(found["user"]),
        password=None if found.get("password") is None else str(found["password"]),
        **numbers,  # type: ignore[arg-type]
    )


def default_subject(day: date, stories: int, headline: str = "") -> str:
    """'Briefing 2026-11-22, 1 story: <headline>'; the headline is folded onto one line."""
    subject = f"Briefing {day.isoformat()}, {stories} {'story' if stories == 1 else 'stories'}"
    headline = " ".join(headline.split())
    return f"{subject}: {headline}" if headline else subject


def compose(
    settings: MailSettings,
    *,
    text: str,
    html: str,
    stories: int,
    headline: str = "",
    day: date | None = None,
    now: datetime | None = None,
) -> EmailMessage:
    """A multipart/alternative message: `text` as the plain part, `html` (a whole page)
    made email-safe as the HTML part, both UTF-8. The default subject names `day` (the
    digest's --date), else the day it is sent."""
    now = (now or datetime.now()).astimezone()
    message = EmailMessage()
    message["Subject"] = settings.subject or default_subject(day or now.date(), stories, headline)
    message["From"] = settings.sender
    message["To"] = ", ".join(settings.to)
    message["Date"] = format_datetime(now)
    # An explicit domain: make_msgid's default looks the host name up, which may hang.
    domain = getaddresses([settings.sender])[0][1].rpartition("@")[2]
    message["Message-ID"] = make_msgid(domain=domain)
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: no auto-replies to a digest
    message.set_content(text, charset="utf-8")
    message.add_alternative(email_html(html), subtype="html", charset="utf-8")
    return message


def email_html(page: str) -> str:
    """The page with its CSS inlined into `style` attributes (mail clients drop <style>),
    refusing anything that would run or load: scripts, frames, remote files."""
    import css_inline

    try:
        inlined = css_inline.inline(page, load_remote_stylesheets=False)
    except ValueError as error:
        raise RenderError(f"the HTML digest's CSS cannot be inlined: {error}") from None
    checker = _UnsafeHTML()
    checker.feed(inlined)
    checker.close()
    if checker.found:
        raise RenderError(
            f"the HTML digest cannot be mailed: it has {checker.found}; email HTML may not "
            "run scripts or load anything (check your briefing.html.j2)"
        )
    return inlined


def send(
    message: EmailMessage,
    settings: MailSettings,
    *,
    kept: Path,
    sleep: Callable[[float], None] = time.sleep,
) -> None:
    """Send `message`, retrying transient failures; on failure raise DeliveryError naming
    what failed and `kept`, the digest's file."""
    attempts = settings.retries + 1
    for attempt in range(1, attempts + 1):
        try:
            _send_once(message, settings)
            return
        except (OSError, _Refused) as error:
            what, transient = _explain(error, settings)
        if settings.password:
            what = what.replace(settings.password, "***")
        if not transient or attempt == attempts:
            tries = f" ({attempt} tries)" if attempt > 1 else ""
            raise DeliveryError(f"{what}{tries}; the digest is kept at {kept}")
        pause = settings.backoff * 2 ** (attempt - 1)
        log.warning("%s; trying again in %g s (%d of %d)", what, pause, attempt + 1, attempts)
        sleep(pause)


class _Refused(Exception):
    """Some recipients refused and others accepted: sending again would duplicate."""

    def __init__(self, refused: dict[str, tuple[int, bytes]]) -> None:
        self.refused = refused


def _send_once(message: EmailMessage, settings: MailSettings) -> None:
    host, port = settings.host, settings.port or PORTS[settings.security]
    context = ssl.create_default_context()
    client: smtplib.SMTP
    if settings.security == "ssl":
        client = smtplib.SMTP_SSL(host, port, timeout=settings.timeout, context=context)
    else:
        client = smtplib.SMTP(host, port, timeout=settings.timeout)
    with client:
        if settings.security == "starttls":
            client.starttls(context=context)
        if settings.user is not None:
            client.login(settings.user, settings.password or "")
        refused = client.send_message(message)
    if refused:
        raise _Refused(refused)


def _explain(error: Exception, settings: MailSettings) -> tuple[str, bool]:
    """What failed, in one line, and whether trying again may help."""
    where = settings.server
    if isinstance(error, _Refused):
        return f"{where} refused {_replies(error.refused)}; the other recipients got it", False
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _ in error.recipients.values()]
        return f"{where} refused {_replies(error.recipients)}", all(400 <= c < 500 for c in codes)
    if isinstance(error, smtplib.SMTPAuthenticationError):
        reply = _reply(error.smtp_code, error.smtp_error)
        return f"authentication failed at {where} for user {settings.user!r} ({reply})", False
    if isinstance(error, smtplib.SMTPSenderRefused):
        reply = _reply(error.smtp_code, error.smtp_error)
        return f"{where} refused the sender {error.sender} ({reply})", 400 <= error.smtp_code < 500
    if isinstance(error, smtplib.SMTPResponseException):
        reply = _reply(error.smtp_code, error.smtp_error)
        return f"{where} answered {reply}", 400 <= error.smtp_code < 500
    if isinstance(error, smtplib.SMTPNotSupportedError):
        if "STARTTLS" in str(error):
            return (
                f"{where} offers no STARTTLS: use --smtp-ssl, or {ENV_PREFIX}SECURITY=none "
                "for a relay on this machine",
                False,
            )
        return f"{where} does not support what was asked ({error})", False
    if isinstance(error, TimeoutError) or isinstance(error.__context__, TimeoutError):
        return f"no answer from {where} within {settings.timeout:g} s", True
    if isinstance(error, smtplib.SMTPServerDisconnected):
        return f"{where} closed the connection ({error or 'without a reason'})", True
    if isinstance(error, ssl.SSLCertVerificationError):
        reason = error.verify_message
        return f"TLS failure with {where}: its certificate cannot be verified ({reason})", False
    if isinstance(error, ssl.SSLError):
        return f"TLS failure with {where}: {error.reason or error}", False
    if isinstance(error, ConnectionRefusedError):
        return f"connection refused by {where}", True
    if isinstance(error, socket.gaierror):
        return f"cannot find the mail server {settings.host!r} ({error.strerror})", False
    return f"cannot reach {where} ({getattr(error, 'strerror', None) or error})", True


def _reply(code: int, text: bytes | str) -> str:
    text = text.decode("utf-8", "replace") if isinstance(text, bytes) else text
    return f"{code} {' '.join(text.split())}"


def _replies(refused: Mapping[str, tuple[int, bytes]]) -> str:
    return "; ".join(f"{to} ({_reply(code, text)})" for to, (code, text) in sorted(refused.items()))


def _check_line(name: str, value: str) -> None:
    """Header values are one line: a CR or LF would let a value add headers of its own."""
    if any(ord(c) < 32 or c == "\x7f" for c in value):
        raise ConfigError(
            f"{name} must be one line without control characters: {value!r} "
            "(a line break could add headers to the message)"
        )


def _check_address(name: str, value: str) -> None:
    _check_line(name, value)
    pairs = getaddresses([value])
    if len(pairs) != 1 or "@" not in pairs[0][1] or any(c.isspace() for c in pairs[0][1]):
        raise ConfigError(f"{name} {value!r} is not one email address (like desk@example.com)")


def _number(key: str, value: Any, kind: type[int] | type[float]) -> int | float:
    try:
        return kind(value)
    except (TypeError, ValueError):
        raise ConfigError(f"SMTP {key} must be a number, not {value!r}") from None


def _config_file(environ: Mapping[str, str]) -> dict[str, object]:
    """The config file's settings, if there is one; {} when there is none."""
    data, path = read_config_file(
        environ, ENV_PREFIX + "CONFIG", "smtp.toml", KEYS, "the SMTP config file"
    )
    if (
        path is not None
        and "password" in data
        and path.stat().st_mode & (stat.S_IRWXG | stat.S_IRWXO)
    ):
        raise ConfigError(f"{path} holds a password but others may read it: chmod 600 {path}")
    return data


class _UnsafeHTML(HTMLParser):
    """Finds the first element or attribute that would run code or fetch something."""

    TAGS = frozenset({"script", "link", "iframe", "frame", "object", "embed", "applet", "base"})
    FETCHING = frozenset({"src", "srcset", "background", "poster", "data", "formaction"})

    def __init__(self) -> None:
        super().__init__()
        self.found = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.found:
            return
        if tag in self.TAGS:
            self.found = f"the element <{tag}>"
        for name, value in attrs:
            value = (value or "").strip().lower()
            if name.startswith("on"):
                self.found = self.found or f"an {name} handler on <{tag}>"
            elif name in self.FETCHING and not value.startswith(("data:", "cid:")):
                self.found = self.found or f"a remote {name} on <{tag}>"
            elif name == "style" and ("url(" in value or "expression(" in value):
                self.found = self.found or f"a url() in the style of <{tag}>"
            elif name == "http-equiv" and value == "refresh":
                self.found = self.found or "a <meta> refresh"
