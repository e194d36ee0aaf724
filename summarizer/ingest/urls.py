"""URLs: pages and feeds fetched (`fetch`) and read by what they answer, and the links of
feed entries followed to their full articles (`follow_links`)."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace

from ..errors import InputError
from ..fetch import TIMEOUT, Page, fetch, is_url
from ..model import Article, Progress
from .feeds import read_feed
from .files import read_bytes, sniff
from .outlets import home_page, readable_domain, rename

log = logging.getLogger(__name__)

FEED_TYPES = {"application/rss+xml", "application/atom+xml", "application/rdf+xml"}
TEXT_TYPES = {"application/json", "application/xml", "application/xhtml+xml"}
SUMMARY_WORDS = 150  # an entry shorter than this is a summary of its article, not the article


def read_page(page: Page | None) -> list[Article]:
    """A fetched page, read by its media type: a feed, else what its text looks like."""
    if page is None or page.status == 304:  # the fetch failed, and said so; or unchanged
        return []
    kind = page.content_type
    if not (kind.startswith("text/") or kind in FEED_TYPES or kind in TEXT_TYPES):
        log.warning("skipped %s: not an article or a feed (it is %s)", page.url, kind)
        return []
    site = readable_domain(page.url) or page.url
    reader = read_feed if kind in FEED_TYPES else sniff
    try:
        articles = read_bytes(page.data, site, reader, {"url": page.url}, page.url)
    except InputError as error:
        log.warning("skipped %s", error)
        return []
    return [  # named after the site it came from, not after a file
        replace(
            article,
            named_by="domain" if article.named_by == "file-name" else article.named_by,
            home=article.home or home_page(article.url or page.url),
        )
        for article in articles
    ]


def follow_links(
    articles: Sequence[Article],
    *,
    timeout: float = TIMEOUT,
    progress: Progress[Page | None] | None = None,
) -> list[Article]:
    """The articles, with each that gives a link but only a summary (fewer than
    `SUMMARY_WORDS` words, as most feed entries are) read in full from its link.

    The pages are fetched as `fetch` fetches (a few at once, `timeout` seconds each) and
    their article extracted; the entry keeps its own id, title and date, which a feed
    states more reliably than a page, and its outlet unless the page names it by a
    stronger rule (`outlets.RULES`: its `og:site_name` beats a feed's title). A link that
    fails, or leads to no article longer than the summary, leaves the summary, with a
    warning. `progress` sees the pages as they arrive.
    """
    wanted = [
        i for i, a in enumerate(articles) if is_url(a.url) and len(a.text.split()) < SUMMARY_WORDS
    ]
    urls = list(dict.fromkeys(articles[i].url for i in wanted))
    fetched = fetch(urls, timeout=timeout, progress=progress, failed="the summary is kept")
    pages = dict(zip(urls, fetched, strict=True))
    followed = list(articles)
    for i in wanted:
        article = articles[i]
        text, site = _page_article(pages[article.url])
        if len(text.split()) > len(article.text.split()):
            followed[i] = rename(replace(article, text=text), site, "page")
        elif pages[article.url] is not None:  # a failed fetch has been reported already
            log.warning("no article found at %s; kept the summary of %s", article.url, article.id)
    return followed


def _page_article(page: Page | None) -> tuple[str, str]:
    """The text of the one article on a fetched page, and the outlet the page names
    itself ("" when it does not); ("", "") when there is not exactly one article."""
    if page is None or not (
        page.content_type.startswith("text/") or page.content_type in TEXT_TYPES
    ):
        return "", ""
    try:
        found = read_bytes(page.data, page.url, sniff, {"url": page.url}, page.url)
    except InputError:
        return "", ""
    if len(found) != 1:
        return "", ""
    return found[0].text, found[0].source if found[0].named_by == "page" else ""
