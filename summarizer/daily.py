"""The daily briefing: a day's articles from many outlets become one entry per story.

Articles are cleaned once, grouped into stories (`stories.group`), and the stories are
headed by the title of their most central article (`stories.headline`) and ordered
by how many distinct outlets carried them, then by their latest article. Each
story kept is summarized by the same pipeline as `summarize`, with wire and syndicated
copies found first (`stories.copies`): a copy is one report, not another confirmation,
so only the first article of each group weighs on what is chosen (`summarize_prepared`'s
`reports`). Every article, copies included, is still clustered, credited and checked as
`summarize` does, so an outlet is credited with what it printed, listed as disputing
where its figure conflicts, and its figure is kept among the story's disagreements. A
text that prints a figure otherwise is not a copy (`stories.copies`).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from functools import partial

from .config import Settings
from .errors import InputError
from .model import Article, Briefing, Digest, Item, Progress, Seen
from .pipeline import prepare, summarize_prepared
from .segment import words
from .stories import copies, group, headline
from .stories import explain as why_joined

log = logging.getLogger(__name__)

DEFAULT_STORIES = 20
DEFAULT_SENTENCES_PER_STORY = 2
HEADLINE_WORDS = 14  # a story with no titled article is headed by its first sentence, cut
PARALLEL_FROM = 64  # fewer stories than this are summarized faster than a pool starts


def default_jobs() -> int:
    """Processes to summarize with when none is given: the cores, up to 4 (a laptop's
    fair share; beyond that, the serial grouping step dominates)."""
    return max(1, min(4, os.cpu_count() or 1))


def brief(
    articles: Sequence[Article],
    settings: Settings | None = None,
    *,
    date: dt.date | None = None,
    max_stories: int | None = DEFAULT_STORIES,
    jobs: int = 1,
    progress: Progress[Briefing] | None = None,
    explain: bool = False,
) -> Digest:
    """One digest of every story in `articles`; `max_stories` None or 0 keeps them all.

    `date` keeps only the articles published that day. `settings.sentences` is the
    number of sentences per story. `jobs` processes summarize the stories (the output does
    not depend on it); `progress` wraps the stories as they are done. `explain` sets each
    story's `shared`: the names and terms its articles were joined on.
    """
    settings = settings or Settings(sentences=DEFAULT_SENTENCES_PER_STORY)
    kept = published_on(articles, date) if date else list(articles)
    cleaned = [prepare(article) for article in kept]
    found = group(cleaned, settings.language)
    groups = [[cleaned[i] for i in indices] for indices in found]
    order = prominent_first(groups)
    chosen = order[:max_stories] if max_stories else order
    stories = summarize_stories([groups[i] for i in chosen], settings, jobs, progress)
    if explain:
        reasons = why_joined(cleaned, [found[i] for i in chosen], settings.language)
        stories = tuple(replace(s, shared=r) for s, r in zip(stories, reasons, strict=True))
    return Digest(
        date=date.isoformat() if date else "",
        stories=stories,
        total=len(groups),
        articles=len(kept),
    )


def prominent_first(stories: Sequence[Sequence[Article]]) -> list[int]:
    """Indices into `stories`, most outlets first, then the latest article, then as given."""
    keys = [(*prominence(story), number) for number, story in enumerate(stories)]
    return sorted(range(len(stories)), key=keys.__getitem__)


def summarize_stories(
    stories: Sequence[Sequence[Article]],
    settings: Settings,
    jobs: int = 1,
    progress: Progress[Briefing] | None = None,
    seen: Sequence[Seen | None] | None = None,
) -> tuple[Briefing, ...]:
    """One `Briefing` per story of cleaned articles, in order (see `brief`); `seen`, one per
    story, as `summarize_story` takes it."""
    work = [list(story) for story in stories]
    known: list[Seen | None] = list(seen) if seen is not None else [None] * len(work)
    done = _map(partial(_summarize_seen, settings), work, known, jobs)
    return tuple(progress(done, len(work)) if progress else done)


def _summarize_seen(settings: Settings, articles: list[Article], seen: Seen | None) -> Briefing:
    return summarize_story(articles, settings, seen)


def _map(
    function: Callable[[list[Article], Seen | None], Briefing],
    work: list[list[Article]],
    seen: list[Seen | None],
    jobs: int,
) -> Iterator[Briefing]:
    """`function` over `work` and `seen`, in order; in `jobs` processes when there is
    enough of it."""
    if jobs <= 1 or len(work) < PARALLEL_FROM:
        yield from map(function, work, seen)
        return
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from pool.map(function, work, seen, chunksize=max(1, len(work) // (jobs * 16)))


def published_on(articles: Sequence[Article], date: dt.date) -> list[Article]:
    """The articles published on `date`, a UTC day (`Article.published_at`); none is an
    error, and undated ones a warning."""
    days = [a.published_at.date() if a.published_at else None for a in articles]
    undated = days.count(None)
    kept = [a for a, day in zip(articles, days, strict=True) if day == date]
    if not kept:
        raise InputError(
            f"no articles published on {date.isoformat()} among the {len(articles)} read"
            + (f" ({undated} give no date)" if undated else "")
            + " (give another --date, or none to keep every article)"
        )
    if undated:
        log.warning("%d articles give no publication date and were left out by --date", undated)
    return kept


def prominence(story: Sequence[Article]) -> tuple[int, float]:
    """Sort key: most outlets first, then the latest article first."""
    outlets = {article.source for article in story}
    times = [article.published_at for article in story]
    latest = max((t.toordinal() * 86400.0 + _seconds(t) for t in times if t), default=0.0)
    return (-len(outlets), -latest)


def _seconds(time: dt.datetime) -> float:
    return time.hour * 3600.0 + time.minute * 60.0 + time.second


def summarize_story(
    articles: list[Article], settings: Settings, seen: Seen | None = None
) -> Briefing:
    """One story's briefing from its (cleaned) articles: near-identical copies weigh once
    on what is chosen, and every article is credited and checked as `summarize` does; a
    story with no usable sentence has no items. With `seen` (what the reader saw of the
    story before), what is new leads (`select`), and a story with articles the reader saw
    is headed by an article that reports its first new item; a copy's first article
    counts as seen when any copy of it was. The local and the cluster path
    (`distributed.py`) both call it."""
    copy_groups = copies(articles, settings.language)
    originals = [articles[members[0]] for members in copy_groups]
    if seen is not None:
        seen = replace(
            seen,
            articles=seen.articles
            | {
                articles[members[0]].id
                for members in copy_groups
                if any(articles[i].id in seen.articles for i in members)
            },
        )
    try:
        briefing = summarize_prepared(
            articles, settings, seen=seen, reports={a.id for a in originals}
        )
    except InputError:  # nothing but headlines or boilerplate: listed, with no sentences
        briefing = Briefing(title="", items=(), articles=(), ranker=settings.ranker)
    items = briefing.items
    # A story the reader saw before that leads with what is new is headed by an article
    # that reports it (a fresh story keeps the title of its most central article).
    developing = seen is not None and any(a.id in seen.articles for a in articles)
    lead = items[0] if developing and items and items[0].new else None
    news = [a for a in articles if lead and a.id in lead.article_ids]
    return Briefing(
        title=headline(news, settings.language)
        or headline(originals, settings.language)
        or headline(articles, settings.language)
        or _first_words(articles, items),
        items=items,
        articles=tuple(articles),
        ranker=settings.ranker,
        disagreements=briefing.disagreements,
    )


def _first_words(articles: list[Article], items: tuple[Item, ...]) -> str:
    """A headline for a story whose articles have no title: its first sentence, cut."""
    first = items[0].text if items else " ".join(articles[0].text.split())
    if not first:
        return "Untitled story"
    if len(words(first)) <= HEADLINE_WORDS:
        return first
    return " ".join(first.split()[:HEADLINE_WORDS]).rstrip(",;:") + " …"
