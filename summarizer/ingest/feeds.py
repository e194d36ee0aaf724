"""RSS 0.9x/1.0/2.0 and Atom feeds: each entry becomes an article.

feedparser does the parsing (and drops scripts and other unsafe markup from entry
content). An entry's outlet is its own `<source>` when an aggregator names one, else the
feed's title.
"""

from __future__ import annotations

import time
from typing import Any

from ..errors import InputError
from ..model import Article
from .fields import FIELDS, make_article, without_markup

FEED_MARKERS = ("<rss", "<feed", "<rdf:rdf")
"""What the start of a feed looks like (lower-cased), after any XML declaration."""


def looks_like_feed(text: str) -> bool:
    start = text.lstrip()[:1000].lower()
    return any(marker in start for marker in FEED_MARKERS) and "<html" not in start


def feed_entries(text: str) -> list[dict[str, str]]:
    """The entries of a feed, in feed order, as fields: id, source (the entry's own
    `<source>`, else the feed's title), title, url, published (ISO 8601, UTC), and html
    (the entry's fullest content: its longest content block, else its summary)."""
    import feedparser  # imported here: only feeds need it

    try:
        parsed: Any = feedparser.parse(text, sanitize_html=True, resolve_relative_uris=False)
    except Exception as error:  # feedparser trips on some broken input (a bad &#...;)
        raise InputError(f"not a valid RSS or Atom feed ({type(error).__name__})") from None
    if not parsed.entries:
        if parsed.get("bozo") or not parsed.get("version"):
            problem = str(parsed.get("bozo_exception") or "").removeprefix("<unknown>:")
            where = "at " if problem[:1].isdigit() else ""
            detail = f" ({where}{problem})" if problem else ""
            raise InputError(f"not a valid RSS or Atom feed{detail}")
        return []
    outlet = str(parsed.feed.get("title") or "")
    entries = []
    for entry in parsed.entries:  # any field may be missing, or None on broken input
        blocks = [str(c.get("value") or "") for c in entry.get("content") or []]
        blocks.append(str(entry.get("summary") or ""))
        entries.append(
            {
                "id": str(entry.get("id") or entry.get("link") or ""),
                "source": str((entry.get("source") or {}).get("title") or outlet),
                "title": str(entry.get("title") or ""),
                "url": str(entry.get("link") or ""),
                "published": _published(entry),
                "html": max(blocks, key=len),
            }
        )
    return entries


def read_feed(text: str, name: str, meta: dict[str, str]) -> list[Article]:
    """The entries of an RSS or Atom feed; each entry's HTML becomes its text, and an entry
    with neither content nor summary stands for its title (`follow_links` can fetch more)."""
    articles = []
    for number, entry in enumerate(feed_entries(text), 1):
        fields = {k: v for k, v in entry.items() if k in FIELDS and v}
        fields.setdefault("id", f"{name}-{number}")
        fields.setdefault("source", meta.get("source") or name)
        fields["title"] = " ".join(without_markup(fields.get("title", "")).split())
        lines = without_markup(entry["html"]).splitlines()
        text = "\n".join(" ".join(line.split()) for line in lines if line.strip())
        articles.append(make_article(fields, text or fields["title"], name))
    return articles


def _published(entry: Any) -> str:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        stamp = entry.get(key)
        if stamp:
            return time.strftime("%Y-%m-%dT%H:%M:%SZ", stamp)
    return ""
