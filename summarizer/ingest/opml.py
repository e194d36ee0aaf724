"""OPML subscription lists (the export format of every feed reader): the feeds they name,
each with its outline's title, to be fetched like the URLs a user gives.

listparser reads the list. It is given bytes only: given a string that looks like a URL
it would fetch it itself, outside `fetch`'s limits.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import InputError
from ..fetch import is_url

SUFFIX = ".opml"
MARKER = "<opml"


@dataclass(frozen=True, slots=True)
class Subscription:
    """A feed in a subscription list: its URL, and the title the list gives it."""

    url: str
    title: str


def looks_like_opml(text: str) -> bool:
    return MARKER in text.lstrip()[:1000].lower()


def subscriptions(text: str, shown: str) -> list[Subscription]:
    """The http(s) feeds of the OPML list `text`, in list order, each once. Raises
    InputError (naming the list as `shown`) when it names none."""
    import listparser  # imported here: only subscription lists need it

    parsed = listparser.parse(text.encode("utf-8"))
    found: dict[str, Subscription] = {}
    for feed in parsed.feeds:
        url = str(feed.get("url") or "").strip()
        if is_url(url) and url not in found:
            found[url] = Subscription(url=url, title=" ".join(str(feed.get("title") or "").split()))
    if not found:
        raise InputError(
            f"{shown}: no feeds in this subscription list (an OPML list names each feed as "
            '<outline xmlUrl="https://...">)'
        )
    return list(found.values())
