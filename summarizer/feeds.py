"""RSS 0.9x/1.0/2.0 and Atom feeds: each entry becomes an `Article`.

feedparser does the parsing (and drops scripts and other unsafe markup from entry
content); the entry's HTML becomes plain text with one paragraph a line. An entry's
outlet is its own `<source>` when an aggregator names one, else the feed's title.
"""

from __future__ import annotations

import time
from html.parser import HTMLParser
from typing import Any

from .errors import InputError
from .model import Article

FEED_MARKERS = ("<rss", "<feed", "<rdf:rdf")
"""What the start of a feed looks like (lower-cased), after any XML declaration."""


def looks_like_feed(text: str) -> bool:
    start = text.lstrip()[:1000].lower()
    return any(marker in start for marker in FEED_MARKERS) and "<html" not in start


def read_feed(text: str, name: str, meta: dict[str, str]) -> list[Article]:
    """The entries of a feed, in feed order."""
    import feedparser  # imported here: only feeds need it

    parsed: Any = feedparser.parse(text, sanitize_html=True, resolve_relative_uris=False)
    if not parsed.entries:
        if parsed.get("bozo") or not parsed.get("version"):
            problem = str(parsed.get("bozo_exception") or "").removeprefix("<unknown>:")
            detail = (
                f" (at {problem})" if problem[:1].isdigit() else f" ({problem})" * bool(problem)
            )
            raise InputError(f"not a valid RSS or Atom feed{detail}")
        return []
    outlet = meta.get("source") or _text(parsed.feed.get("title", "")) or name
    articles = []
    for number, entry in enumerate(parsed.entries, 1):
        source = entry.get("source", {}).get("title") or outlet
        articles.append(
            Article(
                id=entry.get("id") or entry.get("link") or f"{name}-{number}",
                source=_text(source),
                title=_text(entry.get("title", "")),
                url=entry.get("link", ""),
                published=_published(entry),
                text=_body(entry),
            )
        )
    return articles


def _body(entry: Any) -> str:
    """The entry's fullest text: its longest content block, else its summary."""
    blocks = [c.get("value", "") for c in entry.get("content", [])]
    blocks.append(entry.get("summary", ""))
    return _text(max(blocks, key=len))


def _published(entry: Any) -> str:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        stamp = entry.get(key)
        if stamp:
            return time.strftime("%Y-%m-%dT%H:%M:%SZ", stamp)
    return ""


def _text(html: str) -> str:
    """Plain text of an HTML fragment: one block a line, scripts and styles dropped."""
    if "<" not in html and "&" not in html:
        return html.strip()
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).splitlines())
    return "\n".join(line for line in lines if line)


class _TextParser(HTMLParser):
    BLOCKS = frozenset(
        "p div br li ul ol h1 h2 h3 h4 h5 h6 blockquote tr table section article pre hr".split()
    )
    SKIP = frozenset({"script", "style", "iframe", "noscript", "template", "svg", "object"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)
