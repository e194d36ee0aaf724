"""Email digests against real SMTP servers on 127.0.0.1 (aiosmtpd), and in headless Chromium."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import socket
import ssl
from email import message_from_bytes, message_from_string, policy
from email.message import EmailMessage
from pathlib import Path

import pytest
import trustme
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult
from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.errors import ConfigError, DeliveryError, RenderError
from summarizer.mail import MailSettings, compose, default_subject, email_html, mail_settings, send
from summarizer.model import Article, Briefing, Item
from summarizer.render import render, render_email_text

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "s3cret-Pa55word"
TEXT = "Heavy rain flooded the coastal café district of València on Tuesday, officials said."
BRIEFING = Briefing(
    title="Floods in “València”",
    items=(
        Item(
            text=TEXT,
            sources=("Harbour Gazette", "Coast Radio"),
            article_ids=("a", "b"),
            article_id="a",
            position=0,
        ),
    ),
    articles=(
        Article("a", "Harbour Gazette", TEXT, "Floods", "https://gazette.example/floods"),
        Article("b", "Coast Radio", TEXT),
    ),
    ranker="coverage",
)


class Inbox:
    """An aiosmtpd handler that keeps what it accepts; it refuses the `refuse` recipients
    and answers 451 (try later) to the first `busy` messages."""

    def __init__(self, refuse: tuple[str, ...] = (), busy: int = 0) -> None:
        self.messages: list[tuple[list[str], EmailMessage]] = []
        self.logged_in: list[bool] = []
        self.refuse, self.busy, self.attempts = refuse, busy, 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 5.1.1 no such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.attempts += 1
        if self.busy:
            self.busy -= 1
            return "451 4.3.0 busy, try again later"
        message = message_from_bytes(envelope.content, policy=policy.default)
        self.messages.append((list(envelope.rcpt_tos), message))
        self.logged_in.append(bool(session.authenticated))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def ca():
    """A certificate authority of the tests' own; clients trust it only when told to."""
    return trustme.CA()


@pytest.fixture
def trust(ca, tmp_path, monkeypatch):
    """Make OpenSSL's default trust store the test CA (as SSL_CERT_FILE does for users)."""
    path = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(path))
    monkeypatch.setenv("SSL_CERT_FILE", str(path))


@pytest.fixture
def smtp(ca):
    """`smtp(handler, tls=False, auth=False, implicit_tls=False)`: start a server on
    127.0.0.1 and return its port. With `tls` it offers STARTTLS (and requires it); with
    `implicit_tls` it speaks TLS from the start; with `auth` it requires a login as
    desk / PASSWORD."""
    controllers = []

    def start(handler, *, tls=False, auth=False, implicit_tls=False):
        options = {}
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ca.issue_cert("127.0.0.1").configure_cert(context)
        if implicit_tls:
            # aiosmtpd counts only STARTTLS as TLS when it decides whether AUTH may be
            # offered, and warns when AUTH is required without: offer it, check who used it.
            options.update(ssl_context=context, auth_require_tls=False)
        elif tls or auth:
            options.update(tls_context=context, require_starttls=True)
        if auth:
            options.update(authenticator=_check_login, auth_required=not implicit_tls)
        port = free_port()
        controller = Controller(handler, hostname="127.0.0.1", port=port, **options)
        controller.start()
        controllers.append(controller)
        return port

    yield start
    for controller in controllers:
        controller.stop()


def _check_login(server, session, envelope, mechanism, auth_data):
    good = (auth_data.login, auth_data.password) == (b"desk", PASSWORD.encode())
    return AuthResult(success=good, handled=False)  # handled=False: aiosmtpd answers 535


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path, monkeypatch):
    """No SMTP setting or config file of the machine's reaches a test."""
    for name in list(os.environ):
        if name.startswith("SUMMARIZER_SMTP_"):
            monkeypatch.delenv(name)
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


def settings(port, **fields) -> MailSettings:
    defaults = {
        "to": ("desk@example.com",),
        "sender": "Summarizer <summarizer@example.org>",
        "host": "127.0.0.1",
        "port": port,
        "security": "none",
        "timeout": 5.0,
        "backoff": 0.5,
    }
    return MailSettings(**{**defaults, **fields})


def message(mail: MailSettings) -> EmailMessage:
    return compose(
        mail,
        text=render_email_text(BRIEFING),
        html=render(BRIEFING, "html"),
        stories=1,
        headline=BRIEFING.title,
    )


def deliver(mail: MailSettings, tmp_path) -> list[float]:
    """Send the test briefing; return the pauses taken between attempts."""
    pauses: list[float] = []
    send(message(mail), mail, kept=tmp_path / "kept.md", sleep=pauses.append)
    return pauses


# The message


def test_digest_arrives_as_multipart_alternative(smtp, tmp_path):
    inbox = Inbox()
    mail = settings(smtp(inbox), to=("desk@example.com", "Night Desk <night@example.com>"))
    assert deliver(mail, tmp_path) == []
    [(recipients, received)] = inbox.messages
    assert recipients == ["desk@example.com", "night@example.com"]
    assert received.get_content_type() == "multipart/alternative"
    assert received["From"] == "Summarizer <summarizer@example.org>"
    assert received["To"] == "desk@example.com, Night Desk <night@example.com>"
    assert received["Subject"].startswith("Briefing ")
    assert received["Subject"].endswith(", 1 story: Floods in “València”")
    assert re.fullmatch(r"<[^@<>\s]+@example\.org>", received["Message-ID"])
    assert received["Date"].datetime.tzinfo is not None
    text_part, html_part = received.iter_parts()
    assert (text_part.get_content_type(), text_part.get_content_charset()) == (
        "text/plain",
        "utf-8",
    )
    assert (html_part.get_content_type(), html_part.get_content_charset()) == ("text/html", "utf-8")
    plain = text_part.get_content()
    assert " ".join(plain.split()).count(TEXT) == 1
    assert "2 of 2 sources: Harbour Gazette; Coast Radio" in " ".join(plain.split())
    assert "https://gazette.example/floods" in plain
    page = html_part.get_content()
    assert TEXT in page
    assert "<style" not in page  # inlined: mail clients drop <style> elements
    assert re.search(r'<body style="[^"]*background: #fafaf7', page)
    assert re.search(r'<span class="credit" style="[^"]*display: block', page)
    for unsafe in ("<script", "<link", "src=", "url(", "@import"):
        assert unsafe not in page.lower()
    # The only URL is the link to the source, not something a client would fetch.
    assert re.findall(r"https?://[^\s\"<>]+", page) == ["https://gazette.example/floods"]


def test_default_subject_names_the_date_and_the_number_of_stories():
    from datetime import date

    day = date(2026, 3, 9)
    assert default_subject(day, 1) == "Briefing 2026-03-09, 1 story"
    assert default_subject(day, 12, "Floods") == "Briefing 2026-03-09, 12 stories: Floods"
    # A headline comes from the articles: its line breaks are folded, never a new header.
    folded = default_subject(day, 1, "Floods\r\nBcc: everyone@example.com")
    assert folded == "Briefing 2026-03-09, 1 story: Floods Bcc: everyone@example.com"


def test_given_subject_is_used(smtp, tmp_path):
    inbox = Inbox()
    deliver(settings(smtp(inbox), subject="Morning desk: floods"), tmp_path)
    assert inbox.messages[0][1]["Subject"] == "Morning desk: floods"


@pytest.mark.parametrize(
    "field",
    [
        {"subject": "Floods\r\nBcc: everyone@example.com"},
        {"subject": "Floods\nX-Priority: 1"},
        {"to": ("desk@example.com\r\nBcc: everyone@example.com",)},
        {"sender": "me@example.org\nBcc: everyone@example.com"},
    ],
    ids=["subject-crlf", "subject-lf", "to", "from"],
)
def test_line_break_in_a_header_value_is_rejected(field):
    with pytest.raises(ConfigError, match="must be one line"):
        settings(25, **field)


@pytest.mark.parametrize("address", ["desk", "desk@example.com, night@example.com", "a b@c.d", ""])
def test_not_one_address_is_rejected(address):
    with pytest.raises(ConfigError, match="is not one email address"):
        settings(25, to=(address,))


@pytest.mark.parametrize(
    ("template", "found"),
    [
        ("<script>alert(1)</script>", "the element <script>"),
        ('<img src="https://tracker.example/pixel.gif">', "a remote src on <img>"),
        ('<p onclick="steal()">x</p>', "an onclick handler on <p>"),
        ('<p style="background: url(https://x.example/a.png)">x</p>', "a url() in the style"),
        ('<iframe src="data:text/html,x"></iframe>', "the element <iframe>"),
    ],
)
def test_html_that_would_run_or_fetch_is_refused(template, found):
    with pytest.raises(RenderError, match=re.escape(found)):
        email_html(f"<html><body>{template}<p>{TEXT}</p></body></html>")


def test_inline_images_and_links_are_allowed_and_stylesheet_links_dropped():
    page = (
        '<html><head><link rel="stylesheet" href="https://cdn.example/a.css"></head>'
        '<body><p>See <a href="https://x.example/">this</a> <img src="cid:logo" alt=""></p>'
    )
    mailed = email_html(page)
    assert '<a href="https://x.example/">' in mailed
    assert '<img src="cid:logo"' in mailed
    assert "cdn.example" not in mailed


# Failures: one line, what failed, where the digest is kept; retried only when it may pass


def test_transient_failure_is_retried_with_growing_pauses(smtp, tmp_path):
    inbox = Inbox(busy=2)
    assert deliver(settings(smtp(inbox), retries=3, backoff=0.5), tmp_path) == [0.5, 1.0]
    assert inbox.attempts == 3
    assert len(inbox.messages) == 1


def test_retries_are_bounded(smtp, tmp_path):
    inbox = Inbox(busy=10)
    port = smtp(inbox)
    with pytest.raises(DeliveryError) as error:
        deliver(settings(port, retries=2), tmp_path)
    assert inbox.attempts == 3
    assert str(error.value) == (
        f"127.0.0.1:{port} answered 451 4.3.0 busy, try again later (3 tries); "
        f"the digest is kept at {tmp_path / 'kept.md'}"
    )


def test_refused_recipient_is_not_retried(smtp, tmp_path):
    inbox = Inbox(refuse=("gone@example.com",))
    port = smtp(inbox)
    pauses: list[float] = []
    mail = settings(port, to=("gone@example.com",))
    with pytest.raises(DeliveryError) as error:
        send(message(mail), mail, kept=tmp_path / "kept.md", sleep=pauses.append)
    assert pauses == []
    assert str(error.value) == (
        f"127.0.0.1:{port} refused gone@example.com (550 5.1.1 no such mailbox here); "
        f"the digest is kept at {tmp_path / 'kept.md'}"
    )


def test_one_refused_recipient_among_others_is_reported_and_not_resent(smtp, tmp_path):
    inbox = Inbox(refuse=("gone@example.com",))
    mail = settings(smtp(inbox), to=("desk@example.com", "gone@example.com"))
    with pytest.raises(DeliveryError, match=r"refused gone@example.com .*the other recipients got"):
        deliver(mail, tmp_path)
    assert [recipients for recipients, _ in inbox.messages] == [["desk@example.com"]]


def test_connection_refused_is_retried_then_reported(tmp_path):
    port = free_port()  # nothing listens there
    pauses: list[float] = []
    mail = settings(port, retries=2, backoff=0.25)
    with pytest.raises(DeliveryError) as error:
        send(message(mail), mail, kept=tmp_path / "kept.md", sleep=pauses.append)
    assert pauses == [0.25, 0.5]
    assert str(error.value) == (
        f"connection refused by 127.0.0.1:{port} (3 tries); "
        f"the digest is kept at {tmp_path / 'kept.md'}"
    )


def test_server_that_never_answers_times_out(tmp_path):
    with socket.socket() as silent:  # accepts connections (the kernel does) but never greets
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        port = silent.getsockname()[1]
        with pytest.raises(DeliveryError, match=rf"no answer from 127.0.0.1:{port} within 0.2 s;"):
            deliver(settings(port, timeout=0.2, retries=0), tmp_path)


def test_login_with_the_right_password(smtp, trust, tmp_path):
    inbox = Inbox()
    mail = settings(smtp(inbox, auth=True), security="starttls", user="desk", password=PASSWORD)
    deliver(mail, tmp_path)
    assert inbox.logged_in == [True]


def test_login_over_tls_from_the_start(smtp, trust, tmp_path):
    inbox = Inbox()
    port = smtp(inbox, auth=True, implicit_tls=True)
    deliver(settings(port, security="ssl", user="desk", password=PASSWORD), tmp_path)
    assert inbox.logged_in == [True]


def test_wrong_password_is_an_authentication_failure_without_the_password(smtp, trust, tmp_path):
    inbox = Inbox()
    port = smtp(inbox, auth=True)
    mail = settings(port, security="starttls", user="desk", password="wrong-" + PASSWORD)
    pauses: list[float] = []
    with pytest.raises(DeliveryError) as error:
        send(message(mail), mail, kept=tmp_path / "kept.md", sleep=pauses.append)
    assert pauses == []  # a refused login is not tried again
    assert str(error.value).startswith(f"authentication failed at 127.0.0.1:{port} for user 'desk'")
    assert PASSWORD not in str(error.value) + repr(mail)
    assert inbox.messages == []


def test_untrusted_certificate_is_a_tls_failure(smtp, tmp_path):
    port = smtp(Inbox(), tls=True)  # the test CA is not trusted here: verification is on
    with pytest.raises(DeliveryError) as error:
        deliver(settings(port, security="starttls"), tmp_path)
    assert str(error.value).startswith(
        f"TLS failure with 127.0.0.1:{port}: its certificate cannot be verified"
    )


def test_server_without_starttls_is_not_used_in_plain_text(smtp, tmp_path):
    inbox = Inbox()
    with pytest.raises(DeliveryError, match="offers no STARTTLS: use --smtp-ssl"):
        deliver(settings(smtp(inbox), security="starttls"), tmp_path)
    assert inbox.attempts == 0


# Settings: flags, then environment, then config file; the password never a flag


def test_settings_from_flags_environment_and_config_file(tmp_path):
    config = tmp_path / "smtp.toml"
    config.write_text('host = "file.example"\nport = 2525\nuser = "desk"\npassword = "pw"\n')
    config.chmod(0o600)
    environ = {"SUMMARIZER_SMTP_CONFIG": str(config), "SUMMARIZER_SMTP_PORT": "2526"}
    to = ['a@example.com, "Doe, Jo" <jo@example.com>', "c@example.com"]
    mail = mail_settings(to, sender="me@example.org", environ=environ)
    assert (mail.to, mail.host, mail.port, mail.user, mail.password) == (
        ("a@example.com", '"Doe, Jo" <jo@example.com>', "c@example.com"),
        "file.example",
        2526,
        "desk",
        "pw",
    )
    assert "pw" not in repr(mail)
    mail = mail_settings(["a@example.com"], sender="me@example.org", port=25, environ=environ)
    assert mail.port == 25


def test_default_config_file_is_read(tmp_path):
    folder = tmp_path / "summarizer"
    folder.mkdir()
    (folder / "smtp.toml").write_text('from = "desk@example.org"\nsecurity = "ssl"\n')
    mail = mail_settings(["a@example.com"], environ={"XDG_CONFIG_HOME": str(tmp_path)})
    assert (mail.sender, mail.security, mail.server) == ("desk@example.org", "ssl", "localhost:465")


@pytest.mark.parametrize(
    ("content", "environ", "message"),
    [
        ('password = "pw"\n', {}, "holds a password but others may read it: chmod 600"),
        ('passwd = "pw"\n', {}, "unknown key 'passwd'"),
        ("host = \n", {}, "cannot read the SMTP config file"),
        ("", {"SUMMARIZER_SMTP_PORT": "smtp"}, "SMTP port must be a number, not 'smtp'"),
        ("", {"SUMMARIZER_SMTP_USER": "desk"}, "no password for SMTP user 'desk'"),
        ("", {"SUMMARIZER_SMTP_SECURITY": "tls"}, "unknown SMTP security 'tls'; choose one of"),
    ],
    ids=["readable-password", "unknown-key", "bad-toml", "port", "no-password", "security"],
)
def test_bad_settings_say_what_to_fix(tmp_path, content, environ, message):
    config = tmp_path / "smtp.toml"
    config.write_text(content)
    config.chmod(0o644)
    with pytest.raises(ConfigError, match=re.escape(message)):
        mail_settings(
            ["a@example.com"],
            sender="me@example.org",
            environ={"SUMMARIZER_SMTP_CONFIG": str(config), **environ},
        )


def test_sender_is_required():
    with pytest.raises(ConfigError, match="no sender: give --email-from"):
        mail_settings(["a@example.com"], environ={})


# Through the command line

runner = CliRunner()


def invoke(*args, env=None):
    return runner.invoke(app, [str(a) for a in args], prog_name="summarizer", env=env)


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    """Run in an empty folder: the digest is kept in its out/."""
    folder = tmp_path / "work"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


def mail_args(seeds_dir, port, *more):
    return [
        "summarize",
        seeds_dir,
        "--email-to",
        "desk@example.com",
        "--email-from",
        "summarizer@example.org",
        "--smtp-host",
        "127.0.0.1",
        "--smtp-port",
        port,
        *more,
    ]


QUICK = {"SUMMARIZER_SMTP_RETRIES": "0", "SUMMARIZER_SMTP_TIMEOUT": "5"}
PLAIN = {**QUICK, "SUMMARIZER_SMTP_SECURITY": "none"}


def test_cli_sends_the_digest_and_keeps_it_in_out(smtp, seeds_dir, workdir):
    inbox = Inbox()
    port = smtp(inbox)
    result = invoke(*mail_args(seeds_dir, port, "--email-to", "night@example.com"), env=PLAIN)
    assert result.exit_code == 0, result.stderr
    [kept] = (workdir / "out").iterdir()
    assert re.fullmatch(r"digest-\d{8}-\d{6}\.md", kept.name)
    assert result.stdout == ""
    assert result.stderr == (
        f"sent to desk@example.com, night@example.com via 127.0.0.1:{port}; "
        f"digest kept at out/{kept.name}\n"
    )
    [(recipients, received)] = inbox.messages
    assert recipients == ["desk@example.com", "night@example.com"]
    assert "legitimate targets for destruction" in kept.read_text(encoding="utf-8")
    html = received.get_body(("html",)).get_content()
    assert "legitimate targets for destruction" in html
    assert "5 of 5 sources" in received.get_body(("plain",)).get_content()


def test_cli_keeps_the_digest_in_output_when_given(smtp, seeds_dir, workdir):
    inbox = Inbox()
    result = invoke(*mail_args(seeds_dir, smtp(inbox), "-f", "html", "-o", "b.html"), env=PLAIN)
    assert result.exit_code == 0, result.stderr
    assert (workdir / "b.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert not (workdir / "out").exists()
    assert len(inbox.messages) == 1


@pytest.mark.parametrize("flag", ["--smtp-starttls", "--smtp-ssl"])
def test_cli_logs_in_with_the_password_from_the_environment(smtp, trust, seeds_dir, workdir, flag):
    inbox = Inbox()
    port = smtp(inbox, auth=True, implicit_tls=flag == "--smtp-ssl")
    args = mail_args(seeds_dir, port, flag, "--smtp-user", "desk")
    result = invoke(*args, env={**QUICK, "SUMMARIZER_SMTP_PASSWORD": PASSWORD})
    assert result.exit_code == 0, result.stderr
    assert inbox.logged_in == [True]


def one_line_failure(result, workdir, expected):
    """Exit 1, one `error:` line that says what failed and where the digest is, which exists."""
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ")
    assert len(result.stderr.splitlines()) == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert expected in result.stderr
    [kept] = (workdir / "out").iterdir()
    assert result.stderr.endswith(f"; the digest is kept at out/{kept.name}\n")
    assert "legitimate targets" in kept.read_text(encoding="utf-8")


def test_cli_wrong_password(smtp, trust, seeds_dir, workdir):
    port = smtp(Inbox(), auth=True)
    args = mail_args(seeds_dir, port, "--smtp-user", "desk")
    result = invoke(*args, env={**QUICK, "SUMMARIZER_SMTP_PASSWORD": "wrong-" + PASSWORD})
    one_line_failure(result, workdir, f"error: authentication failed at 127.0.0.1:{port}")
    assert PASSWORD not in result.stdout + result.stderr


def test_cli_refused_recipient(smtp, seeds_dir, workdir):
    port = smtp(Inbox(refuse=("desk@example.com",)))
    result = invoke(*mail_args(seeds_dir, port), env=PLAIN)
    one_line_failure(result, workdir, f"error: 127.0.0.1:{port} refused desk@example.com (550")


def test_cli_connection_refused(seeds_dir, workdir):
    port = free_port()
    result = invoke(*mail_args(seeds_dir, port), env=PLAIN)
    one_line_failure(result, workdir, f"error: connection refused by 127.0.0.1:{port};")


def test_cli_untrusted_certificate(smtp, seeds_dir, workdir):
    port = smtp(Inbox(), tls=True)
    result = invoke(*mail_args(seeds_dir, port), env=QUICK)
    one_line_failure(result, workdir, f"error: TLS failure with 127.0.0.1:{port}: its certificate")


def test_cli_eml_writes_the_message_instead_of_sending(seeds_dir, workdir):
    port = free_port()  # nothing listens: the message must not be sent
    result = invoke(*mail_args(seeds_dir, port, "--eml", "digest.eml", "--subject", "Desk"))
    assert result.exit_code == 0, result.stderr
    assert result.stderr.startswith("message written to digest.eml; digest kept at out/digest-")
    written = message_from_string(
        (workdir / "digest.eml").read_text(encoding="utf-8"), policy=policy.default
    )
    assert (written["Subject"], written["To"]) == ("Desk", "desk@example.com")
    assert written.get_content_type() == "multipart/alternative"


@pytest.mark.parametrize(
    "bad",
    [
        ["--subject", "Desk\r\nBcc: everyone@example.com"],
        ["--email-to", "night@example.com\nBcc: everyone@example.com"],
    ],
    ids=["subject", "address"],
)
def test_cli_rejects_a_header_with_a_line_break_before_anything(seeds_dir, workdir, bad):
    port = free_port()
    result = invoke(*mail_args(seeds_dir, port, *bad), env=PLAIN)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ") and "must be one line" in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert list(workdir.iterdir()) == []


def test_cli_eml_needs_a_recipient(seeds_dir, workdir):
    result = invoke("summarize", seeds_dir, "--eml", "x.eml", "--email-from", "a@example.org")
    assert result.exit_code == 2
    assert result.stderr == "error: no recipient: give --email-to ADDRESS\n"


# What a reader sees: the HTML part in headless Chromium


def test_html_digest_renders_in_chromium(tmp_path):
    from PIL import Image

    script = importlib.util.spec_from_file_location("screenshot", ROOT / "docs" / "screenshot.py")
    assert script is not None and script.loader is not None
    screenshot = importlib.util.module_from_spec(script)
    script.loader.exec_module(screenshot)
    if screenshot.browser() is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is missing in CI: .ci/run installs it with apt-get")
        pytest.skip("chromium is not installed (apt-get install chromium); CI=true fails instead")
    png = tmp_path / "digest.png"
    screenshot.screenshot(screenshot.digest_html(), png)
    with Image.open(png) as image:
        assert image.format == "PNG"
        assert image.size == (screenshot.WIDTH, screenshot.HEIGHT)
        pixels = image.convert("RGB")
    # The inlined body style painted the page's background...
    assert pixels.getpixel((5, 5)) == (0xFA, 0xFA, 0xF7)
    # ...and text was drawn on it: dark ink and anti-aliasing, not a blank page.
    colours = pixels.getcolors(maxcolors=1 << 16) or []
    assert len(colours) > 50
    ink = sum(count for count, rgb in colours if sum(rgb) < 200)
    assert ink > 0.005 * screenshot.WIDTH * screenshot.HEIGHT


def test_brief_sends_the_daily_digest(smtp, seeds_dir, workdir):
    inbox = Inbox()
    args = mail_args(seeds_dir, smtp(inbox))
    args[0] = "brief"
    result = invoke(*args, env=PLAIN)
    assert result.exit_code == 0, result.stderr
    [kept] = (workdir / "out").iterdir()
    assert "## Contents" in kept.read_text(encoding="utf-8")
    [(_, received)] = inbox.messages
    assert re.fullmatch(r"Briefing \d{4}-\d{2}-\d{2}, 1 story", received["Subject"])
    plain = received.get_body(("plain",)).get_content()
    assert "1 of 1 story, from 5 articles" in plain
    assert "legitimate targets" in plain
    html = received.get_body(("html",)).get_content()
    assert 'href="#story-1"' in html and "<script" not in html


def test_brief_subject_names_the_day_given_with_date(seeds_dir, workdir):
    # Yesterday's digest mailed this morning is titled with yesterday's date.
    day = "2026-03-09"
    feed = workdir / "day.jsonl"
    lines = []
    for number, seed in enumerate(sorted(seeds_dir.iterdir())):
        text = seed.read_text(encoding="utf-8")
        lines.append(
            json.dumps({"id": seed.stem, "text": text, "published": f"{day}T0{number}:00"})
        )
    feed.write_text("\n".join(lines), encoding="utf-8")
    args = mail_args(feed, free_port(), "--eml", "digest.eml", "--date", day)
    args[0] = "brief"
    result = invoke(*args)
    assert result.exit_code == 0, result.stderr
    written = message_from_string(
        (workdir / "digest.eml").read_text(encoding="utf-8"), policy=policy.default
    )
    assert written["Subject"] == f"Briefing {day}, 1 story"


def test_a_morning_run_on_an_archive_mails_what_is_new_and_a_failed_send_is_not_remembered(
    smtp, seeds_dir, workdir
):
    """The README's cron run: brief --archive --email-to; the archive is committed only
    once the digest is sent, so a run whose mail fails briefs the same news next time."""
    import sqlite3

    archive = workdir / "archive.sqlite"

    def articles():
        connection = sqlite3.connect(archive)
        try:
            if not connection.execute("SELECT count(*) FROM sqlite_schema").fetchone()[0]:
                return 0  # the new archive's schema rolled back with the rest of the run
            return connection.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            connection.close()

    brief = [
        "brief", seeds_dir, "--archive", archive, "--email-to", "desk@example.com",
        "--email-from", "summarizer@example.org", "--smtp-host", "127.0.0.1", "-f", "html",
    ]  # fmt: skip
    refused = invoke(*brief, "--smtp-port", free_port(), env=PLAIN)
    assert refused.exit_code == 1 and "digest is kept at out/" in refused.stderr
    assert articles() == 0
    inbox = Inbox()
    port = smtp(inbox)
    sent = invoke(*brief, "--smtp-port", port, env=PLAIN)
    assert sent.exit_code == 0, sent.stderr
    assert articles() == 5 and len(inbox.messages) == 1
    html = inbox.messages[0][1].get_body(("html",)).get_content()
    assert "legitimate targets for destruction" in html and ">New</p>" in html
    kept = sorted((workdir / "out").iterdir())
    contents = [path.read_bytes() for path in kept]
    # The next morning nothing is new: no empty mail, no new digest, nothing overwritten.
    again = invoke(*brief, "--smtp-port", port, env=PLAIN)
    assert again.exit_code == 0 and articles() == 5
    assert again.stdout == ""
    assert again.stderr == (
        "nothing new: all 5 articles read were archived by earlier runs; no digest written "
        "or sent (--write-empty writes one anyway)\n"
    )
    assert len(inbox.messages) == 1 and inbox.attempts == 1
    assert sorted((workdir / "out").iterdir()) == kept
    assert [path.read_bytes() for path in kept] == contents
    # An editor who wants a mail every morning asks for it.
    forced = invoke(*brief, "--smtp-port", port, "--write-empty", env=PLAIN)
    assert forced.exit_code == 0, forced.stderr
    assert len(inbox.messages) == 2
    assert "0 of 0 stories" in inbox.messages[1][1].get_body(("plain",)).get_content()
    assert len(list((workdir / "out").iterdir())) == len(kept) + 1
