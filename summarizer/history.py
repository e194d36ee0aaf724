"""A daily briefing that remembers: what is new since the last run, on an archive.

`unseen` keeps the articles no earlier run archived (same canonical link, else same outlet
and text). `brief` archives the new ones: `stories.group` runs over the new articles
together with the latest `STORY_MEMBERS` articles of each story active in the last
`STORY_DAYS` days (the story as it last stood), by the rules of one run (damping by days,
names, the core check), with the idf counted over at least `BACKGROUND` articles (the
latest archived ones make up the rest); a new article grouped with a story's articles
joins that story, else it starts one. Then it briefs, as `daily.brief` does, the stories
that gained articles since `since` (or, with `date`, the stories with articles published
that day), each marked "new" (first seen since `since`) or "developing"; and records the
briefing. A story leads with what is new to its reader (`select`): the clusters with no
sentence from an article archived before `since` and none that an earlier briefing of
the story showed (`Seen`); their items are marked new.

The settings were chosen with `python benchmarks/replay.py` (DUC 2003 and BASIL pooled,
one run per publication day; BASIL's false continuations, then one id kept for its true
stories, and the same for DUC's). Before, with each story's latest article and the idf of
the pool alone: 4 and 1.000; 4 and 0.333. A story's latest article alone, or a pool of a
dozen articles on one subject (whose common words, "House", "Trump", then weigh as rare
names), let an event's first reports join an earlier event on the subject. All of a
story's articles and the pool's idf: 3 and 0.980. The latest 1, 2 or 3 with the idf over
at least 300: 1, 2 and 1 false continuations, one id kept 1.000, 0.959 and 0.980 (DUC
0.267, 0.267, 0.300); 3 kept, since only a story's several articles judge a new report as
one run would (the tests' tram-line hearing joins the vote's latest report, not its
three). Checking each new article against the core of the story's 3 besides: 0 and 0.959
(rejected: the grouping's own core check already judges them, and a true story is lost).
The one left (a candidacy announced a day after the primary defeat that opened the post)
is split by one run over all of BASIL, not over the six articles with 300 others. BASIL's
0.980 is what one run over all of it gives: of the stories that one run groups across
days, the archive keeps all together (1.000; DUC 0.881). Windows of 14, 30 and 60 days
(with the latest article alone) gave the same figures (the damping leaves a fifth of the
likeness at eight days); 14 looks back least.

`python benchmarks/archive_scale.py --repeat 3` times 8,000 new articles on an archive of
200,000 against the same run without one. At most as many recent stories as the new
articles fill at `STORY_MEMBERS` to a story (`RECENT_STORIES` at least) are grouped with
them, the most recently active, so that a run's work grows with its new articles, not
with the archive; and each archived article keeps its terms (`stories.Terms`), so that
they are not read from its text again. Ratios of the median times, each benchmark run
once the same hour: the latest article, terms read again, 1.96; the latest three, 1.83;
with the terms kept, 1.11, 1.65, 1.66 and 1.23 (wall time on a shared machine; processor
time 1.44; target 1.5).
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
from .model import Article, Briefing, Continuity, Digest, Progress, Seen
from .pipeline import prepare
from .stories import Terms, group
from .stories import explain as why_joined

STORY_DAYS = 14  # a story whose latest article is older than this is not continued
STORY_MEMBERS = 3  # the latest articles of a story that new articles are grouped with
BACKGROUND = 300  # articles the idf is counted over at least: new, recent, then archived
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
) -> tuple[Digest, int | None]:
    """Archive `fresh` (articles `unseen` returned) and brief what is new; returns the
    digest and the number `Archive.written` takes, or None when no story gained articles
    (the digest is empty then, and no briefing is recorded: the next run's "new" marks
    are as if this run had not been).

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
    seen = [  # what the reader saw of each story: its earlier articles, what was shown
        Seen(
            articles=frozenset(
                st.article.id for st in by_story[numbers[i]] if st.first_seen < start
            ),
            sentences=frozenset(archive.shown(numbers[i])),
        )
        for i in chosen
    ]
    stories = summarize_stories([groups[i] for i in chosen], settings, jobs, progress, seen)
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
        continuity.append(
            Continuity(
                id=story_id,
                status="new" if first_seen >= start else "developing",
                first_seen=first_seen[:19] + "Z",
                new_items=tuple(item.new for item in story.items),
            )
        )
        shown.append((numbers[i], story.title, [item.text for item in story.items]))
    articles = sum(len(members) for members in groups)
    briefing = None
    if shown:
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
    # The stories last active most recently, as many as the new articles fill at
    # STORY_MEMBERS to a story (at least RECENT_STORIES): the grouping's work grows with the
    # new articles, not the archive.
    recent = archive.recent(
        _day(dt.date.fromisoformat(latest), -story_days),
        STORY_MEMBERS,
        max(RECENT_STORIES, -(-len(cleaned) // STORY_MEMBERS)),
    )
    pool = [stored.article for stored in recent] + cleaned
    # A day of few articles on one subject would make the subject's words look rare and its
    # events alike: the idf is counted over the latest archived articles too.
    inside = {stored.article.id for stored in recent}
    wanted = max(0, BACKGROUND - len(pool))
    archived = archive.latest(wanted + len(inside)) if wanted else []
    background = [stored for stored in archived if stored.article.id not in inside][:wanted]
    read = [Terms.read(article, language) for article in cleaned]
    terms = [
        *(Terms.loads(stored.terms) for stored in recent),
        *read,
        *(Terms.loads(stored.terms) for stored in background),
    ]
    story_of: dict[int, int] = {}
    others = [stored.article for stored in background]
    for members in group(pool, language, background=others, terms=terms):
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
                read[j].dumps(),
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
