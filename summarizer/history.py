"""A daily briefing that remembers: what is new since the last run, on an archive.

`unseen` keeps the articles no earlier run archived (same canonical link, else same outlet
and text). `brief` archives the new ones: each joins a recent story when `stories.group`,
run over the new articles together with the latest article of each story active in the
last `STORY_DAYS` days (the story as it last stood), puts it with that story's article;
else it starts a story. Then it briefs, as `daily.brief` does, the stories that gained
articles since `since` (or, with `date`, the stories with articles published that day),
each marked "new" (first seen since `since`) or "developing", with the sentences the last
briefing of that story did not show marked new; and records the briefing.

The settings were chosen with `benchmarks/replay.py` (DUC 2003 and BASIL, one run per
publication day) and `benchmarks/archive_scale.py` (8,000 new articles on an archive of
200,000). With the grouping's damping by days (`stories.TIME_SCALE`), windows of 14, 30
and 60 days give the same figures; 14 looks back least. Comparing new articles with a
story's latest 1, 3, 8 or all of its articles: BASIL's false continuations 4, 4, 3, 3
(grouped in one run, without an archive: 0), DUC's topics kept in one story 0.33, 0.33,
0.23, 0.23 (one run: 0.23); one keeps the scale run near 1.5 times the time of the run
without an archive, where 8 made it 2.5 times. The false continuations are the price of
grouping day by day: an event's first reports, one or two, are grouped with the latest
article of an earlier event on the same subject, where a pool holding all the articles of
both splits them. At most as many recent stories as there are new articles
(`RECENT_STORIES` at least) are compared, the most recently active, so that a run's work
does not grow with the archive.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from .archive import Added, Archive, Stored, stamp, text_hash
from .config import Settings
from .daily import DEFAULT_SENTENCES_PER_STORY, DEFAULT_STORIES, prominent_first, summarize_stories
from .errors import InputError
from .links import canonical_url as _canonical_url
from .model import Article, Briefing, Continuity, Digest, Progress
from .pipeline import prepare
from .stories import explain as why_joined
from .stories import group

STORY_DAYS = 14  # a story whose latest article is older than this is not continued
STORY_MEMBERS = 1  # the latest articles of a story that new articles are compared with
canonical_url = lru_cache(maxsize=2**16)(_canonical_url)  # each link is looked at twice
RECENT_STORIES = 2000  # at least this many recent stories are candidates (see `_archive_new`)
SINCE_LAST = "last"


def unseen(archive: Archive, articles: Sequence[Article]) -> list[Article]:
    """The articles no earlier run archived, in input order, each once: one canonical
    link, or one outlet's text, is one article."""
    keys: set[tuple[str, str]] = set()
    fresh = []
    for article in articles:
        link = canonical_url(article.url) if article.url else ""
        key = ("", link) if link else (article.source, text_hash(article.text))
        if key in keys or archive.known(article, link):
            continue
        keys.add(key)
        fresh.append(article)
    return fresh


def brief(
    archive: Archive,
    fresh: Sequence[Article],
    settings: Settings | None = None,
    *,
    now: dt.datetime,
    since: str = SINCE_LAST,
    date: dt.date | None = None,
    max_stories: int | None = DEFAULT_STORIES,
    jobs: int = 1,
    progress: Progress[Briefing] | None = None,
    story_days: int = STORY_DAYS,
    explain: bool = False,
) -> tuple[Digest, int]:
    """Archive `fresh` (articles `unseen` returned) and brief what is new; returns the
    digest and the number `Archive.written` takes.

    `since` is "last" (what no earlier run saw) or a time or day in ISO 8601 (UTC): the
    stories that gained articles first seen from then on are briefed. `date` briefs
    instead the stories of the articles published that day, archived or new (none is an
    `InputError`). `now` is the run's time. `story_days`: how far back a story's latest
    article may lie for new articles to continue it. Other arguments (`explain` too) as
    `daily.brief`.
    """
    settings = settings or Settings(sentences=DEFAULT_SENTENCES_PER_STORY)
    run = stamp(now)
    start = run if since == SINCE_LAST else _since(since)
    _archive_new(archive, fresh, settings.language, now, story_days)
    if date is not None:
        pool = archive.on_day(date.isoformat())
        if not pool:
            raise InputError(
                f"no articles published on {date.isoformat()} in the input or the archive "
                "(give another --date)"
            )
    else:
        pool = archive.seen_since(start)
    by_story: dict[int, list[Stored]] = {}
    for stored in pool:
        by_story.setdefault(stored.story, []).append(stored)
    if date is None:  # the whole recent story, not only its new articles
        window = _day(now.date(), -story_days)
        by_story = {s: archive.members(s, from_day=window, seen_from=start) for s in by_story}
    numbers = list(by_story)
    groups = [[stored.article for stored in by_story[s]] for s in numbers]
    order = prominent_first(groups)
    chosen = order[:max_stories] if max_stories else order
    stories = summarize_stories([groups[i] for i in chosen], settings, jobs, progress)
    if explain:  # as daily.brief: the pool is every story's articles
        pool_articles = [article for members in groups for article in members]
        starts = [0]
        for members in groups:
            starts.append(starts[-1] + len(members))
        spans = [list(range(starts[i], starts[i + 1])) for i in chosen]
        reasons = why_joined(pool_articles, spans, settings.language)
        stories = tuple(replace(s, shared=r) for s, r in zip(stories, reasons, strict=True))
    continuity = []
    shown = []
    for i, story in zip(chosen, stories, strict=True):
        story_id, first_seen = archive.story(numbers[i])
        before = archive.last_shown(numbers[i])
        continuity.append(
            Continuity(
                id=story_id,
                status="new" if first_seen >= start else "developing",
                first_seen=first_seen[:19] + "Z",
                new_items=tuple(item.text not in before for item in story.items),
            )
        )
        shown.append((numbers[i], story.title, [item.text for item in story.items]))
    articles = sum(len(members) for members in groups)
    briefing = archive.add_briefing(
        now=run,
        date=date.isoformat() if date else "",
        since=start,
        articles=articles,
        new_articles=len(fresh),
        shown=shown,
    )
    digest = Digest(
        date=date.isoformat() if date else "",
        stories=stories,
        total=len(groups),
        articles=articles,
        continuity=tuple(continuity),
        new_articles=len(fresh),
    )
    return digest, briefing


def _archive_new(
    archive: Archive, fresh: Sequence[Article], language: str, now: dt.datetime, story_days: int
) -> None:
    """Clean and archive `fresh`, each in a recent story or a new one."""
    run = stamp(now)
    taken: set[str] = set()
    cleaned = []
    for article in fresh:
        unique = archive.free_id(article.id, taken)
        taken.add(unique)
        cleaned.append(prepare(replace(article, id=unique)))
    days = [_article_day(article, now) for article in cleaned]
    latest = max(days, default=now.date().isoformat())
    # The stories last active most recently, as many as there are new articles (at least
    # RECENT_STORIES): the grouping's work grows with the new articles, not the archive.
    recent = archive.recent(
        _day(dt.date.fromisoformat(latest), -story_days),
        STORY_MEMBERS,
        max(RECENT_STORIES, len(cleaned)),
    )
    pool = [stored.article for stored in recent] + cleaned
    story_of: dict[int, int] = {}
    for members in group(pool, language):
        new = [i - len(recent) for i in members if i >= len(recent)]
        if not new:
            continue
        old = Counter(recent[i].story for i in members if i < len(recent))
        if old:
            most = max(old.values())
            story = min(s for s, count in old.items() if count == most)
        else:
            story = archive.new_story(cleaned[new[0]], run)
        for j in new:
            story_of[j] = story
    archive.add_articles(
        [
            Added(
                article,
                canonical_url(fresh[j].url) if fresh[j].url else "",
                text_hash(fresh[j].text),
                days[j],
                story_of[j],
            )
            for j, article in enumerate(cleaned)
        ],
        run,
    )


def _article_day(article: Article, now: dt.datetime) -> str:
    published = article.published_at
    return (published.date() if published else now.date()).isoformat()


def _day(day: dt.date, offset: int) -> str:
    return (day + dt.timedelta(days=offset)).isoformat()


def _since(given: str) -> str:
    """A `--since` time as the archive keeps times (UTC), or a `ConfigError`."""
    from .errors import ConfigError

    try:
        time = dt.datetime.fromisoformat(given.strip())
    except ValueError:
        raise ConfigError(
            f"--since must be 'last' or a day or time in ISO 8601 (2026-11-22, "
            f"2026-11-22T06:00), not {given!r}"
        ) from None
    if time.tzinfo is None:
        time = time.replace(tzinfo=dt.UTC)
    return stamp(time)
