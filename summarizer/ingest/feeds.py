"""RSS 0.9x/1.0/2.0 and Atom feeds: each entry becomes an article.

feedparser does the parsing (and drops scripts and other unsafe markup from entry
content). An entry's outlet is its own `<source>` when an aggregator names one, else its
`dc:publisher`, else the outlet the feed's title names, else the feed's site
(`outlets`). An aggregator's entry loses its outlet's name from its title ("Bridge
collapses - Wire One") and text. An entry's last sentence when the feed cut it off (an
ellipsis, "[…]", "Read more", "Continue reading", or no final punctuation where the
feed's text limit is reached) is not part of its text: an entry left with no complete
sentence stands for its headline only.
"""

from __future__ import annotations

import re
import time
from typing import Any

from ..errors import InputError
from ..model import Article
from ..segment import is_complete, split_lines, split_sentences
from .fields import FIELDS, make_article, without_markup
from .outlets import home_page, outlet_from_title, readable_domain

FEED_MARKERS = ("<rss", "<feed", "<rdf:rdf")
"""What the start of a feed looks like (lower-cased), after any XML declaration."""

# What a feed puts after a teaser: a link to the rest, or its own signature.
_TEASER_END = re.compile(
    r"\s*(?:\[\s*(?:…|\.\.\.)\s*\]|\(\s*(?:…|\.\.\.)\s*\)"
    r"|(?:^|(?<=[.!?…:»\]\"”’—–-])|(?<=\s[.!?…:»\]\"”’—–-]))\s*(?:read more|continue reading"
    r"|read the (?:full|rest of the) (?:story|article)|full story|keep reading)\b[^.!?]{0,120}"
    r"|\s(?:read more|continue reading|keep reading)\s*(?:[»›→…]|\.\.\.)?"
    r"|(?:^|(?<=[.!?…]))\s*the post\b.{1,300}\bappeared first on\b.{1,120})\s*$",
    re.IGNORECASE,
)
_ELLIPSIS = re.compile(r"(?:…|\.\.\.|\. \. \.)[\"'”’)\]]*\s*$")
LIMIT_SHARE = 0.95  # an entry this close to the feed's longest reaches its text limit
LIMIT_MIN_CHARACTERS = 100  # shorter entries are short by choice, not cut by a limit


def looks_like_feed(text: str) -> bool:
    start = text.lstrip()[:1000].lower()
    return any(marker in start for marker in FEED_MARKERS) and "<html" not in start


def read_feed(text: str, name: str, meta: dict[str, str]) -> list[Article]:
    """The entries of an RSS or Atom feed; each entry's HTML becomes its text (without a
    teaser's cut-off end), and an entry with no complete sentence stands for its title
    (`follow_links` can fetch more). `meta["url"]`, the feed's own URL when it was
    fetched, names the outlet when nothing else does."""
    entries = feed_entries(text, meta.get("url", ""))
    texts = [_entry_text(entry) for entry in entries]
    limit = _text_limit(texts)
    articles = []
    for number, (entry, body) in enumerate(zip(entries, texts, strict=True), 1):
        fields = {k: v for k, v in entry.items() if k in (*FIELDS, "named_by", "home") and v}
        fields.setdefault("id", f"{name}-{number}")
        if "source" not in fields and meta.get("source"):
            fields["source"], fields["named_by"] = meta["source"], "given"
        title = " ".join(without_markup(fields.get("title", "")).split())
        if entry["named_by"] == "item-source":  # an aggregator's: "Title - Outlet"
            title = _without_outlet(title, entry["source"])
            body = _without_outlet(body, entry["source"])
            if not any(is_complete(line) for line in split_lines(body)):
                body = ""  # links to its outlets' headlines, not their text
        fields["title"] = title
        body = _complete(body, limit)
        if body.casefold() == title.casefold():
            body = ""
        articles.append(make_article(fields, body or title, name))
    return articles


def feed_entries(text: str, feed_url: str = "") -> list[dict[str, str]]:
    """The entries of a feed, in feed order, as fields: id, title, url, published (ISO
    8601, UTC), html (the entry's fullest content: its longest content block, else its
    summary), and its outlet: source, named_by (the rule, see `outlets`; "" when none
    named it) and home (the outlet's home page)."""
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
    feed = parsed.feed
    site = str(feed.get("link") or "")
    by_title = outlet_from_title(" ".join(without_markup(str(feed.get("title") or "")).split()))
    entries = []
    for entry in parsed.entries:  # any field may be missing, or None on broken input
        blocks = [str(c.get("value") or "") for c in entry.get("content") or []]
        blocks.append(str(entry.get("summary") or ""))
        link = str(entry.get("link") or "")
        source = entry.get("source") or {}
        home = home_page(str(source.get("href") or source.get("link") or ""))
        home = home or home_page(site) or home_page(link) or home_page(feed_url)
        outlet = {"source": "", "named_by": "", "home": home}
        for name, rule in (
            (source.get("title"), "item-source"),
            (entry.get("publisher"), "publisher"),
            (by_title, "feed-title"),
            (readable_domain(site or feed_url or link), "domain"),
        ):
            name = " ".join(without_markup(str(name or "")).split())
            if name:
                outlet = {"source": name, "named_by": rule, "home": home}
                break
        entries.append(
            {
                "id": str(entry.get("id") or link),
                "title": str(entry.get("title") or ""),
                "url": link,
                "published": _published(entry),
                "html": max(blocks, key=len),
                **outlet,
            }
        )
    return entries


def _entry_text(entry: dict[str, str]) -> str:
    lines = without_markup(entry["html"]).splitlines()
    return "\n".join(" ".join(line.split()) for line in lines if line.strip())


def _without_outlet(text: str, outlet: str) -> str:
    """`text` without `outlet`'s name where an aggregator adds it: after a dash at the end
    of a title, or at the end of a line ("Bridge collapses  Wire One")."""
    name = re.escape(outlet)
    pattern = re.compile(rf"(?:\s+[-–—|:]\s*|\s+){name}\s*$", re.IGNORECASE | re.MULTILINE)
    lines = [pattern.sub("", line) for line in text.splitlines()]
    return "\n".join(line for line in lines if line.strip() and line.strip() != outlet)


def _text_limit(texts: list[str]) -> int | None:
    """The length at which the feed cuts its entries' text, when at least two entries
    reach within `LIMIT_SHARE` of the longest; None when the feed shows no limit."""
    longest = max((len(text) for text in texts), default=0)
    if longest < LIMIT_MIN_CHARACTERS:
        return None
    reaching = [text for text in texts if len(text) >= LIMIT_SHARE * longest]
    return int(LIMIT_SHARE * longest) if len(reaching) >= 2 else None


def _complete(text: str, limit: int | None) -> str:
    """`text` without the sentence a feed cut off at its end, and without the link to the
    rest ("Continue reading", "[…]") that follows it."""
    lines = split_lines(text)
    if not lines:
        return ""
    last = lines[-1]
    marked = _TEASER_END.search(last)
    if marked:
        last = last[: marked.start()].rstrip()
    sentences = split_sentences(last)
    if sentences:
        end = sentences[-1]
        cut = bool(_ELLIPSIS.search(end)) or (
            not is_complete(end) and (bool(marked) or (limit is not None and len(text) >= limit))
        )
        if cut:
            last = last[: last.rfind(end)].rstrip()
    return "\n".join([*lines[:-1], last] if last else lines[:-1])


def _published(entry: Any) -> str:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        stamp = entry.get(key)
        if stamp:
            return time.strftime("%Y-%m-%dT%H:%M:%SZ", stamp)
    return ""
