"""The data that flows between the pipeline's stages: small, frozen, and carrying its source."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal, TypeVar

T = TypeVar("T")
Progress = Callable[[Iterable[T], int], Iterator[T]]
"""How a long step reports: it passes its results through, with how many there will be."""

# An ISO 8601 date, and its time of day and UTC offset when given ("Z", "+05:00", "-0800").
_ISO_DATE = re.compile(
    r"\s*(\d{4}-\d{2}-\d{2})"
    r"(?:[T ](\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)\s*([Zz]|[+-]\d{2}(?::?\d{2})?)?)?"
)


@lru_cache(maxsize=1 << 14)
def published_time(published: str) -> tuple[dt.datetime, bool] | None:
    """When `published` (an `Article.published`) says an article was published: the time
    in UTC (an aware datetime) and whether a time of day was given; None when it gives
    none or cannot be read.

    Reads ISO 8601 dates and date-times (feeds' dates are normalised to these) and the
    e-mail style dates of RSS (`Sat, 22 Nov 2026 08:00:00 +0000`). A time with a UTC
    offset is converted to UTC; a time without one is taken as UTC, as it stands; a date
    without a time is its day's midnight, UTC, and only its day is known (False).
    """
    found = _ISO_DATE.match(published)
    try:
        if found:
            day, clock, offset = found.groups()
            offset = "+00:00" if offset in ("Z", "z") else offset or ""
            time = dt.datetime.fromisoformat(f"{day} {clock}{offset}" if clock else day)
            timed = clock is not None
        elif published.strip():
            from email.utils import parsedate_to_datetime

            time, timed = parsedate_to_datetime(published), ":" in published
        else:
            return None
    except (ValueError, TypeError, IndexError):
        return None
    if time.tzinfo is None:
        return time.replace(tzinfo=dt.UTC), timed
    return time.astimezone(dt.UTC), timed


@dataclass(frozen=True, slots=True)
class Article:
    """One outlet's version of a story, as read and (later) cleaned.

    `source` is the outlet's name, `named_by` the rule that named it (one of
    `ingest.outlets.RULES`), `home` the outlet's home page ("" when unknown).
    """

    id: str
    source: str
    text: str
    title: str = ""
    url: str = ""
    published: str = ""
    named_by: str = ""
    home: str = ""

    @property
    def published_at(self) -> dt.datetime | None:
        """When it was published, in UTC (an aware datetime), if `published` says: a time
        with a UTC offset converted to UTC, one without taken as UTC, a date alone as its
        midnight, UTC (`published_time` reads it; `published_timed` says whether a time of
        day was given). Its `.date()` is the UTC day, the day `brief --date` keeps."""
        found = published_time(self.published)
        return found[0] if found else None

    @property
    def published_timed(self) -> bool:
        """Whether `published` gives a time of day, not only a date: a date alone is
        ordered against other times only by its day (`credits`)."""
        found = published_time(self.published)
        return found is not None and found[1]


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence exactly as an article printed it, with where it stands in that article."""

    text: str
    article_id: str
    source: str
    position: int


@dataclass(frozen=True, slots=True)
class Claim:
    """One version of a disputed detail: the value, one sentence that states it (verbatim),
    the outlets that state it, and when the earliest of them was published ("" unknown).

    `when` says, on an item, when the version was published against every credited one:
    "later" (after all of them: an update of the item's figure), "earlier" (before all of
    them: the figure the credited outlets updated), or "" (a dispute: the times overlap, one
    is unknown, or a date alone falls on the day of a time: only its day is known). In a
    `Disagreement` it is always ""."""

    value: str
    text: str
    sources: tuple[str, ...]
    published: str = ""
    when: Literal["", "earlier", "later"] = ""


@dataclass(frozen=True, slots=True)
class Disagreement:
    """Outlets that state one thing with different specifics (`credits.py`).

    `kind` is "differ", or "updated" when the versions were published at different times
    (then `claims` runs from the earliest to the latest); `about` is a few words from the
    sentences naming what differs.
    """

    about: str
    kind: str
    claims: tuple[Claim, ...]


@dataclass(frozen=True, slots=True)
class Item:
    """One sentence of a briefing: the representative of a cluster and every outlet in it
    that agrees with it; `disputes` are the versions of outlets in the cluster whose
    sentence gives other specifics (they are not credited). `new` marks, when the pipeline
    is told what the reader has seen (`Seen`), an item whose cluster holds none of it."""

    text: str
    sources: tuple[str, ...]
    article_ids: tuple[str, ...]
    article_id: str
    position: int
    disputes: tuple[Claim, ...] = ()
    new: bool = False  # with an archive: nothing in its cluster was seen before (`Seen`)

    @property
    def disputed_by(self) -> tuple[str, ...]:
        """The outlets whose sentence in the cluster gives other specifics and was not
        published wholly before or wholly after the credited ones (see `Claim.when`)."""
        return self._outlets("")

    @property
    def updated_by(self) -> tuple[str, ...]:
        """The outlets whose sentence in the cluster gives other specifics, published after
        every credited outlet's: a later figure."""
        return self._outlets("later")

    @property
    def earlier_from(self) -> tuple[str, ...]:
        """The outlets whose sentence in the cluster gives other specifics, published before
        every credited outlet's: an earlier figure, which the credited outlets updated."""
        return self._outlets("earlier")

    def _outlets(self, when: str) -> tuple[str, ...]:
        return tuple(
            dict.fromkeys(s for claim in self.disputes if claim.when == when for s in claim.sources)
        )


@dataclass(frozen=True, slots=True)
class Shared:
    """Why a story's articles were joined: the names and the other terms most of them share,
    most telling first (as words the articles print)."""

    names: tuple[str, ...] = ()
    terms: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Briefing:
    """What the renderers turn into Markdown, HTML, JSON or text."""

    title: str
    items: tuple[Item, ...]
    articles: tuple[Article, ...]
    ranker: str
    disagreements: tuple[Disagreement, ...] = ()
    shared: Shared | None = None  # why its articles were joined (a daily story, when asked)

    @property
    def outlets(self) -> tuple[str, ...]:
        """Every distinct outlet among the inputs, in input order."""
        return tuple(dict.fromkeys(article.source for article in self.articles))


@dataclass(frozen=True, slots=True)
class Seen:
    """What the reader of a story saw before this briefing (see `history`): the ids of
    its articles an earlier run archived, and the sentences earlier briefings of it
    showed. A sentence from one of those articles, or one of those sentences, is known;
    a cluster with no known sentence is new, and leads the story (`select`)."""

    articles: frozenset[str] = frozenset()
    sentences: frozenset[str] = frozenset()

    def knows(self, sentence: Sentence) -> bool:
        """Whether the reader saw `sentence`, or the article it comes from, before."""
        return sentence.article_id in self.articles or sentence.text in self.sentences


@dataclass(frozen=True, slots=True)
class Continuity:
    """What an archive remembers of a story in a digest (see `history`)."""

    id: str  # the story's id, the same in every run on one archive
    status: str  # "new" (first seen by this run) or "developing"
    first_seen: str  # when a run first saw it: ISO 8601, UTC, to the second
    new_items: tuple[bool, ...]  # per item: `Item.new`, nothing in it seen before


@dataclass(frozen=True, slots=True)
class Digest:
    """A day's briefing: one `Briefing` per story, the most widely reported first."""

    date: str  # the day kept (YYYY-MM-DD), or "" when every article was kept
    stories: tuple[Briefing, ...]
    total: int  # stories found, including those left out by a story limit
    articles: int  # articles read (after the date filter)
    # With an archive: one `Continuity` per story, and the articles no earlier run saw.
    continuity: tuple[Continuity, ...] = ()
    new_articles: int | None = None
