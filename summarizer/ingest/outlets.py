"""Outlet names: who reported an article, as a reader recognises it.

Each article's outlet is named by the first of these rules that gives a name (the rule is
kept in `Article.named_by`, and shown by `summarizer extract --format json`):

1. `outlets-file`: the user's outlets file, mapping a feed's URL or a site's domain to a
   display name (`load_outlets`; `--outlets FILE`, else `default_outlets_path()`).
   Only an outlet the user gave with the article itself (`given`: front matter, a
   manifest, a JSON `source`) stands before it.
2. The item's own source: `item-source` (an aggregator's `<source>`), `publisher`
   (`dc:publisher`), or `page` (the page's `og:site_name` or JSON-LD publisher, as
   trafilatura reads it, for an HTML page or a feed entry whose link was followed).
   A subscription list's outline title (`subscription`) comes before `page`.
3. `feed-title`: the feed's title without section words, separators and slogans
   (`outlet_from_title`: "Example Herald – Breaking News, World News and Video from
   Example Herald" is "Example Herald", "EXH > World News" is "EXH").
4. `domain`: when that leaves only a section or a generic word ("World", "Top Stories"),
   the site's registered domain (`readable_domain`: the public suffix list as tldextract
   bundles it, never fetched), e.g. "example.co.uk" for https://www.news.example.co.uk/.
5. `file-name`: the name of the file read.

Each article's `home` is its outlet's home page (the `<source>` URL's site, the feed's
`<link>`, else the site of its own link), listed with the outlet in the sources.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..config import config_dir
from ..errors import ConfigError
from ..links import canonical_url
from ..model import Article

RULES = (
    "given",
    "outlets-file",
    "item-source",
    "publisher",
    "subscription",
    "page",
    "feed-title",
    "domain",
    "file-name",
)
"""The rules that name an outlet, strongest first (see the module's documentation)."""

# Words that name a section, a kind of feed or a slogan, not an outlet (lower case).
SECTION_WORDS = frozenset(
    """
    world news international national local global regional us u.s. uk u.k. europe european
    asia asian africa african americas america middle east latin australia canada india
    china pacific politics political business economy economics markets money finance tech
    technology science health sport sports football entertainment culture arts lifestyle
    travel opinion opinions comment commentary analysis environment climate education
    top stories story headlines headline latest breaking home homepage front page video
    videos audio podcasts podcast most popular read all articles updates update live
    more new main edition general feed feeds rss category categories section channel topics
    """.split()
)
_CONNECTORS = frozenset("and & the of from in on for with to a an - + , /".split())
# Words from which the rest of a title is about the feed, not the outlet: "ExampleWeek
# feed", "EXN News Search Records Found 1000", "Example Today - Category World".
_FEED_WORD = (
    r"(?:feeds?|rss|atom|xml|search|records|results|category|categories|channel|section"
    r"|archives?|tagged|posts|topics?)"
)
_FEED_WORDS = re.compile(rf"(?<=\S)\s+{_FEED_WORD}\b.*$", re.IGNORECASE)
_SEPARATORS = re.compile(r"\s+[-–—|>»·•:/~]+\s+|\s*[|>»•·]\s*|:\s+|\s+[-–—]\s*|\s*[–—]\s+")
_SLOGAN_FROM = re.compile(r"^(?P<slogan>.+?)\bfrom\s+(?P<name>.+)$", re.IGNORECASE)
_TOKENS = re.compile(r"[^\s,;]+")


def outlet_from_title(title: str) -> str:
    """The outlet a feed's title names, without section words, separators and slogans;
    "" when only sections or generic words are left ("World", "Top Stories")."""
    for part in _SEPARATORS.split(" ".join(title.split())):
        name = _FEED_WORDS.sub("", part).strip(" ,;:-–—|")
        slogan = _SLOGAN_FROM.match(name)
        if slogan and _generic(slogan.group("slogan")):
            name = slogan.group("name").strip(" ,;:")
        if name and not _generic(name):
            return name
    return ""


def _generic(text: str) -> bool:
    """Whether `text` holds only section words, connectors and numbers."""
    return all(
        token.lower().strip(".:;!?'\"()") in SECTION_WORDS | _CONNECTORS
        or token.strip(".:;!?()").isdigit()
        or not any(c.isalnum() for c in token)
        for token in _TOKENS.findall(text)
    )


@cache
def _extractor() -> Any:
    import tldextract  # imported here: only outlets named by their domain need it

    # No suffix list URLs and no cache: the snapshot bundled with tldextract, never a fetch.
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)


def readable_domain(url: str) -> str:
    """The registered domain of `url`'s site (public suffix list), in Unicode; the host
    without "www." when it has no public suffix (an IP address, a made-up domain);
    "" when `url` has no host."""
    try:
        host = (urlsplit(url.strip()).hostname or "").rstrip(".")
    except ValueError:
        return ""
    if not host:
        return ""
    found = _extractor()(host)
    domain = found.top_domain_under_public_suffix if found.suffix else host.removeprefix("www.")
    return ".".join(_unicode_label(label) for label in (domain or host).split("."))


def _unicode_label(label: str) -> str:
    if not label.startswith("xn--"):
        return label
    try:
        return label.encode("ascii").decode("idna")
    except UnicodeError:
        return label


def home_page(url: str) -> str:
    """The home page of `url`'s site ("https://host/"), or "" when it is not a web link."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return ""
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return ""
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}/"


@dataclass(frozen=True, slots=True)
class Outlets:
    """The user's outlet names: by feed URL (compared by `canonical_url`) and by site
    domain (a site and its subdomains: "example.com" names news.example.com too)."""

    feeds: Mapping[str, str] = field(default_factory=dict)
    domains: Mapping[str, str] = field(default_factory=dict)

    def name(self, *urls: str) -> str:
        """The name given to the first of `urls` that the user named (a feed's URL, or
        any URL on a named site); "" when none is."""
        for url in urls:
            if url and canonical_url(url) in self.feeds:
                return self.feeds[canonical_url(url)]
        for url in urls:
            try:
                host = (urlsplit(url.strip()).hostname or "").rstrip(".")
            except ValueError:
                continue
            labels = host.split(".") if host else []
            for start in range(len(labels)):
                name = self.domains.get(".".join(labels[start:]))
                if name:
                    return name
        return ""


def default_outlets_path(environ: Mapping[str, str] | None = None) -> Path | None:
    """Where the outlets file is looked for when `--outlets` is not given:
    `$XDG_CONFIG_HOME/summarizer/outlets.toml` (else `~/.config/...`), or `outlets.csv`
    there; None when neither exists."""
    folder = config_dir(os.environ if environ is None else environ)
    if folder is None:
        return None
    for name in ("outlets.toml", "outlets.csv"):
        path = folder / name
        if path.is_file():
            return path
    return None


def load_outlets(path: Path) -> Outlets:
    """The outlets file at `path`: TOML (`"example.com" = "Example News"` lines, at the top
    or under `[outlets]`) or CSV (rows of site or feed URL, then name; a header row
    `site,name` is allowed). Raises ConfigError when it cannot be read."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        raise ConfigError(f"cannot read the outlets file {path}: {reason}") from None
    if Path(path).suffix.lower() == ".csv":
        rows = [row for row in csv.reader(io.StringIO(text)) if any(c.strip() for c in row)]
        if rows and [c.strip().lower() for c in rows[0][:2]] == ["site", "name"]:
            rows = rows[1:]
        pairs = []
        for number, row in enumerate(rows, 1):
            if len(row) < 2 or not row[0].strip() or not row[1].strip():
                raise ConfigError(
                    f"{path}: row {number} needs a site or feed URL and a name, as "
                    "`example.com,Example News`"
                )
            pairs.append((row[0], row[1]))
    else:
        import tomllib

        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            raise ConfigError(f"{path}: not valid TOML ({error})") from None
        table = data.get("outlets", data)
        if not isinstance(table, dict) or not all(isinstance(v, str) for v in table.values()):
            raise ConfigError(
                f'{path}: give each site or feed URL a name, as `"example.com" = "Example News"`'
            )
        pairs = list(table.items())
    feeds: dict[str, str] = {}
    domains: dict[str, str] = {}
    for key, name in pairs:
        key, name = key.strip(), " ".join(name.split())
        if key.lower().startswith(("http://", "https://")):
            feeds[canonical_url(key)] = name
        else:
            domains[key.lower().removeprefix("www.").rstrip("/.")] = name
    return Outlets(feeds=feeds, domains=domains)


def rename(article: Article, name: str, rule: str) -> Article:
    """The article credited to `name` by `rule`, unless a stronger rule named it already."""
    if not name or RULES.index(rule) >= RULES.index(article.named_by or "file-name"):
        return article
    return replace(article, source=name, named_by=rule)


def name_outlets(articles: list[Article], outlets: Outlets, feed: str = "") -> list[Article]:
    """The articles with the user's names (`outlets`) given to those read from `feed` (a
    feed's URL, or "") or linking to a site the user named."""
    return [rename(a, outlets.name(feed, a.home, a.url), "outlets-file") for a in articles]
