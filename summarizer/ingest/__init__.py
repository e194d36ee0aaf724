"""Readers: paths, folders, standard input and URLs become `Article`s.

One module per kind of input: `files` (files, folders, standard input; decoding; the
registry of readers), `text` (plain text and Markdown), `pages` (HTML), `records` (JSON
and JSON Lines), `feeds` (RSS and Atom), `opml` (subscription lists), `urls` (fetched
pages and feeds, and following feed entries' links); `fields` holds what they share,
`outlets` names the outlets. `read_paths` reads them all.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError
from ..fetch import TIMEOUT, Page, fetch, is_url
from ..links import canonical_url
from ..model import Article
from .feeds import read_feed
from .fields import Unusable
from .files import READERS, SUFFIXES, bounded, decode, readings
from .opml import SUFFIX as OPML_SUFFIX
from .opml import Subscription, looks_like_opml, subscriptions
from .outlets import Outlets, name_outlets, outlet_from_title, rename
from .pages import read_html
from .records import read_json, read_jsonl
from .text import read_text
from .urls import follow_links, read_page

log = logging.getLogger(__name__)

__all__ = [
    "READERS",
    "SUFFIXES",
    "decode",
    "follow_links",
    "read_feed",
    "read_html",
    "read_json",
    "read_jsonl",
    "read_paths",
    "read_text",
    "unreadable_times",
]

PARALLEL_FROM = 32  # fewer inputs than this are read faster than a process pool starts


def read_paths(
    paths: Sequence[str],
    stdin: BinaryIO | None = None,
    *,
    timeout: float = TIMEOUT,
    jobs: int = 1,
    outlets: Outlets | None = None,
    fetcher: Callable[..., list[Page | None]] = fetch,
) -> list[Article]:
    """Every article in `paths`: files, folders (read recursively), `-` for standard input,
    http(s) URLs of pages or feeds (fetched, `timeout` seconds each), and OPML
    subscription lists (`.opml` files or URLs), whose feeds are fetched. Each article's
    outlet is named as `outlets` (the user's names, if any) and the rules of the
    `outlets` module say.

    URLs are fetched by `fetcher` (as `fetch`); one that answers 304 Not Modified gives no
    articles and no error. A file that is not text, or an HTML page without an article,
    is skipped with a warning while other inputs hold articles; when none does, it is the
    error. A URL that fails is always skipped with a warning. `jobs` processes read (and
    extract) the files when there are many; the articles come in the same order either way.
    An article whose publication time cannot be read (`Article.published_at`) is kept,
    its time unknown, with a warning.
    """
    articles: list[Article] = []
    unusable: list[Unusable] = []
    urls = list(dict.fromkeys(given for given in paths if is_url(given)))
    pages = dict(zip(urls, fetcher(urls, timeout=timeout), strict=True))
    lists = {given: found for given in paths if (found := _subscriptions(given, pages)) is not None}
    subscribed = [s.url for found in lists.values() for s in found if s.url not in pages]
    subscribed = list(dict.fromkeys(subscribed))
    pages.update(zip(subscribed, fetcher(subscribed, timeout=timeout), strict=True))
    reads: list[Callable[[], list[Article]]] = []
    feeds: list[Subscription] = []  # what each reading fetched, with the list's title
    for given in paths:
        if given in lists:
            reads.extend(partial(read_page, pages[s.url]) for s in lists[given])
            feeds.extend(lists[given])
        elif is_url(given):
            reads.append(partial(read_page, pages[given]))
            feeds.append(Subscription(url=given, title=""))
        else:
            files = readings(given, stdin)
            reads.extend(files)
            feeds.extend(Subscription(url="", title="") for _ in files)
    for (read, why), feed in zip(_attempt_all(reads, jobs), feeds, strict=True):
        named = outlet_from_title(feed.title)
        read = [rename(article, named, "subscription") for article in read] if named else read
        articles.extend(name_outlets(read, outlets, feed.url) if outlets else read)
        if why:
            unusable.append(Unusable(*why))
    if unusable and not articles:
        if len(unusable) == 1:
            raise unusable[0]
        problems = "; ".join(f"{skipped.shown}: {skipped.reason}" for skipped in unusable[:3])
        more = f"; and {len(unusable) - 3} more" if len(unusable) > 3 else ""
        raise InputError(f"no articles in {problems}{more} (give articles as text, HTML or JSON)")
    for skipped in unusable:
        log.warning("skipped %s: %s", skipped.shown, skipped.reason)
    if not articles and any(page is not None and page.status == 304 for page in pages.values()):
        return []  # nothing new since the last fetch: not an error
    if not articles and lists:
        raise InputError(
            "no articles could be read from the feeds of "
            + ", ".join(lists)
            + " (see the warnings above)"
        )
    if not articles and urls and all(is_url(p) for p in paths):
        raise InputError("no articles could be read from the URLs given (see the warnings above)")
    if not articles and any(p == "-" or Path(p).is_file() for p in paths):
        raise InputError(
            f"no text to summarize in {', '.join(paths)}: the input is empty "
            "(give the articles' text)"
        )
    if not articles:
        raise InputError(
            "no articles found in "
            + ", ".join(paths)
            + f" (give articles or feeds as files: {', '.join(sorted(SUFFIXES))})"
        )
    kept = _unique_ids(_without_repeats(articles))
    for warning in unreadable_times(kept):
        log.warning("%s", warning)
    return kept


def unreadable_times(articles: Sequence[Article]) -> list[str]:
    """A warning for each article whose `published` gives no time that can be read
    (`Article.published_at`): it counts as unknown, so its versions are disputes, never
    updates (`credits`). `read_paths` logs them; the cluster path sends them back."""
    return [
        f"{article.id} ({article.source}): cannot read the publication time "
        f"{article.published!r}, taken as unknown "
        "(give ISO 8601, such as 2026-11-20T10:00:00+05:00)"
        for article in articles
        if article.published.strip() and article.published_at is None
    ]


def _subscriptions(given: str, pages: dict[str, Page | None]) -> list[Subscription] | None:
    """The feeds `given` lists when it is an OPML subscription list (a `.opml` file, or a
    URL that answered one); None when it is not. A URL's list without feeds is skipped
    with a warning ([]), a file's is an error."""
    if is_url(given):
        page = pages[given]
        text = decode(page.data) if page is not None else None
        if not (text and looks_like_opml(text)):
            return None
        try:
            return subscriptions(text, given)
        except InputError as error:
            log.warning("skipped %s", error)
            return []
    path = Path(given)
    if not (path.suffix.lower() == OPML_SUFFIX and path.is_file()):
        return None
    try:
        with path.open("rb") as stream:
            text = decode(bounded(stream, given))
    except OSError as error:
        raise InputError(f"cannot read {given}: {error.strerror}") from None
    if text is None or not looks_like_opml(text):
        raise InputError(f"{given}: not an OPML subscription list (export one from a feed reader)")
    return subscriptions(text, given)


_Outcome = tuple[list[Article], tuple[str, str, str] | None]


def _attempt(read: Callable[[], list[Article]]) -> _Outcome:
    """The articles a reading gives, or why its input is unusable (as plain values, which
    cross a process boundary where the exception would not)."""
    try:
        return read(), None
    except Unusable as error:
        return [], (error.reason, error.hint, error.shown)


def _attempt_all(reads: list[Callable[[], list[Article]]], jobs: int) -> list[_Outcome]:
    many = len(reads) >= PARALLEL_FROM and all(isinstance(r, partial) for r in reads)
    if jobs <= 1 or not many:  # standard input is read here, never in a pool
        return [_attempt(read) for read in reads]
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(_attempt, reads, chunksize=max(1, len(reads) // (jobs * 8))))


def _without_repeats(articles: list[Article]) -> list[Article]:
    """The articles with each read more than once kept once: the same outlet and link
    (compared by `canonical_url`, so tracking parameters and fragments do not count; the
    feed's guid too when it is a link), else the same outlet, id and text. Feed snapshots
    taken through the day overlap, and two feeds of one outlet share articles. The copy
    with the most text is kept (the first of equals), where the first copy stood."""
    first: dict[tuple[str, str], int] = {}  # a key -> the position of its article in kept
    kept: list[Article] = []
    for article in articles:
        keys = _identities(article)
        found = next((first[key] for key in keys if key in first), None)
        if found is None:
            found = len(kept)
            kept.append(article)
        elif len(article.text) > len(kept[found].text):
            kept[found] = article
        for key in keys:
            first.setdefault(key, found)
    if len(kept) < len(articles):
        repeats = len(articles) - len(kept)
        log.warning(
            "%d article%s read more than once (same outlet and link) %s counted once",
            repeats,
            "s were" if repeats > 1 else " was",
            "are" if repeats > 1 else "is",
        )
    return kept


def _identities(article: Article) -> list[tuple[str, str]]:
    """What makes an article the same as another of its outlet: its links, else its text."""
    links = [canonical_url(u) for u in (article.url, article.id) if is_url(u)]
    if links:
        return [(article.source, link) for link in dict.fromkeys(links)]
    return [(article.source, f"{article.id}\n{article.text}")]


def _unique_ids(articles: list[Article]) -> list[Article]:
    """Ids made unique by a numeric suffix, in input order, so attribution never merges two."""
    taken: set[str] = set()
    given = {article.id for article in articles}
    last_count: dict[str, int] = {}  # so that n copies of one id take n steps, not n * n
    unique = []
    for article in articles:
        count = last_count.get(article.id, 1)
        new_id = article.id if count == 1 else f"{article.id}-{count}"
        while new_id in taken or (new_id != article.id and new_id in given):
            count += 1
            new_id = f"{article.id}-{count}"
        last_count[article.id] = count
        taken.add(new_id)
        unique.append(article if new_id == article.id else replace(article, id=new_id))
    return unique
