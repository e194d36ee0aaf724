"""The seeds' digest as a mail reader shows it: headless Chromium renders the HTML part of
the message `summarizer summarize seeds --email-to ...` sends, to a PNG.

    python docs/screenshot.py [OUT.png]      # default docs/digest.png

Needs Debian's `chromium` (apt-get install chromium). The test suite runs this script
into a temporary folder and checks the picture; the README shows docs/digest.png.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from summarizer import read_paths, render, summarize
from summarizer.mail import MailSettings, compose
from summarizer.render import render_email_text

ROOT = Path(__file__).resolve().parent.parent
WIDTH, HEIGHT = 800, 1040


def browser() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def digest_html() -> str:
    """The HTML part of the seeds' digest, exactly as it is mailed."""
    briefing = summarize(read_paths([str(ROOT / "seeds")]))
    settings = MailSettings(to=("desk@example.com",), sender="summarizer@example.com")
    message = compose(
        settings,
        text=render_email_text(briefing),
        html=render(briefing, "html"),
        stories=1,
        headline=briefing.title,
    )
    part = message.get_body(("html",))
    assert part is not None
    return str(part.get_content())


def screenshot(html: str, png: Path, width: int = WIDTH, height: int = HEIGHT) -> None:
    """Render `html` in headless Chromium, offline, to a `width` x `height` PNG."""
    chromium = browser()
    if chromium is None:
        raise SystemExit("chromium not found: apt-get install chromium")
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "digest.html"
        page.write_text(html, encoding="utf-8")
        subprocess.run(
            [
                chromium,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--hide-scrollbars",
                "--no-first-run",
                "--disable-background-networking",
                f"--user-data-dir={Path(folder) / 'profile'}",
                f"--window-size={width},{height}",
                f"--screenshot={Path(png).resolve()}",
                page.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "digest.png"
    screenshot(digest_html(), out)
    print(f"{out}: {WIDTH}x{HEIGHT}")
