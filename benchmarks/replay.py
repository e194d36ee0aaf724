"""Daily runs on one archive: a dated pool replayed one publication day at a time.

    python benchmarks/replay.py [--data ../shared/data] [--story-days 14] [--sets duc2003,basil]

The documents of DUC 2003 and BASIL are pooled and split by publication day; each day is
one run of `history.brief` against one archive (a fresh SQLite file), made at 23:00 UTC of
that day, whose input is that day's articles and the previous day's again (feeds keep
yesterday's entries). Reported, per set:

- articles counted twice: articles archived more than once, under one id or as one
  outlet's text under two (target 0); DUC's wire sends some texts twice under two ids,
  which the archive counts once, hence fewer articles archived than documents;
- one id kept: of the true stories that appear on two days or more, the share whose
  articles on every day sit (by majority) in the same archived story (target >= 0.95);
- false continuations: runs in which an article joined a story begun on an earlier day
  with none of that article's true story in it (target 0 on BASIL);
- one id kept (one run): the same share, counted against the stories that grouping each
  set in one run, without an archive, gives (`stories.group`) instead of the true ones:
  does the archive keep together, across days, what one run would group together? The
  grouping's stories are events (`stories.py`), so where a set's true stories are topics
  followed for months (DUC 2003), this is the archive's own share, the other its
  grouping's;
- time per run (median and slowest, seconds) and the peak memory of the process;
- leads of developing stories: of the stories briefed as developing, how many lead with a
  sentence an earlier briefing of the story showed, and how many with one the reader has
  seen nothing of (from articles no earlier run archived, not shown before), as briefed
  and as the same articles summarized without what the reader saw (`daily.summarize_story`
  without `Seen`: every story ranked as if it were fresh).

Reads the data by path; it is not part of the tests.
"""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import sqlite3
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import replace
from pathlib import Path

from summarizer.archive import open_archive
from summarizer.config import Settings
from summarizer.daily import summarize_story
from summarizer.evaluate import load_stories
from summarizer.history import brief, unseen
from summarizer.model import Article, Digest


def pool(data: Path, names: list[str]) -> tuple[list[Article], dict[str, str], dict[str, str]]:
    """The documents (ids prefixed by their set; a document in two stories once), and each
    one's true story and set."""
    articles, label, kind = [], {}, {}
    for name in names:
        for story in load_stories(data / name):
            for article in story.articles:
                key = f"{name}:{article.id}"
                if key not in label:
                    articles.append(replace(article, id=key))
                    label[key], kind[key] = f"{name}:{story.id}", name
    return articles, label, kind


def replay(
    articles: list[Article], path: Path, story_days: int
) -> tuple[list[float], int, Counter[str]]:
    """One run per publication day; the time of each, the articles counted as new, and
    the leads of the developing stories (`leads`)."""
    by_day: dict[str, list[Article]] = defaultdict(list)
    for article in articles:
        by_day[article.published[:10]].append(article)
    days = sorted(by_day)
    seconds, counted = [], 0
    settings = Settings(sentences=2)
    archived: set[str] = set()
    shown: dict[str, set[str]] = defaultdict(set)
    counts: Counter[str] = Counter()
    for number, day in enumerate(days):
        given = (by_day[days[number - 1]] if number else []) + by_day[day]
        now = dt.datetime.fromisoformat(day).replace(hour=23, tzinfo=dt.UTC)
        start = time.perf_counter()
        with open_archive(path) as archive:
            fresh = unseen(archive, given)
            digest, _ = brief(archive, fresh, settings, now=now, story_days=story_days)
        seconds.append(time.perf_counter() - start)
        counted += digest.new_articles or 0
        counts.update(leads(digest, archived, shown, settings))
        archived.update(article.id for article in fresh)
    return seconds, counted, counts


def leads(
    digest: Digest, archived: set[str], shown: dict[str, set[str]], settings: Settings
) -> Counter[str]:
    """Of the digest's developing stories: how many lead with a sentence shown before,
    and how many with one the reader saw nothing of, as briefed and as ranked without
    what the reader saw; then `shown` takes what the digest showed."""
    counts: Counter[str] = Counter()
    for story, known in zip(digest.stories, digest.continuity, strict=True):
        before = shown[known.id]
        if known.status == "developing" and story.items:
            unaware = summarize_story(list(story.articles), settings)
            counts["developing"] += 1
            for name, lead in (("briefed", story.items[0]), ("unaware", unaware.items[0])):
                counts[f"{name} shown"] += lead.text in before
                counts[f"{name} new"] += lead.text not in before and not archived & set(
                    lead.article_ids
                )
        before.update(item.text for item in story.items)
    return counts


def score(path: Path, label: dict[str, str], kind: dict[str, str]) -> dict[str, dict[str, float]]:
    connection = sqlite3.connect(path)
    rows = connection.execute(
        "SELECT a.id, s.id, a.day, a.first_seen FROM articles a"
        " JOIN stories s ON s.number = a.story ORDER BY a.number"
    ).fetchall()
    copies = dict(
        connection.execute(
            "SELECT id, count(*) OVER (PARTITION BY outlet, text_hash) FROM articles"
        ).fetchall()
    )
    connection.close()
    results: dict[str, dict[str, float]] = {}
    for name in sorted(set(kind.values())):
        mine = [row for row in rows if kind[row[0]] == name]
        archived = Counter(row[0] for row in mine)
        # an article archived twice: one id twice, or one outlet's text under two ids
        twice = sum(n - 1 for n in archived.values()) + sum(copies[a] > 1 for a in archived)
        # one id kept: the majority archived story per (true story, day)
        votes: dict[str, dict[str, Counter[str]]] = defaultdict(lambda: defaultdict(Counter))
        for article_id, story_id, day, _ in mine:
            votes[label[article_id]][day][story_id] += 1
        multi = {s: days for s, days in votes.items() if len(days) > 1}
        kept = sum(
            len({counts.most_common(1)[0][0] for counts in days.values()}) == 1
            for days in multi.values()
        )
        # false continuations: (story, run) where an article joined an older story that
        # held none of its true story's articles
        members: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for article_id, story_id, _, seen in mine:
            members[story_id].append((seen, label[article_id]))
        false = set()
        for story_id, seen_labels in members.items():
            first = min(seen for seen, _ in seen_labels)
            for seen, true in seen_labels:
                earlier = {t for s, t in seen_labels if s < seen}
                if seen > first and true not in earlier:
                    false.add((story_id, seen))
        results[name] = {
            "documents": sum(1 for set_ in kind.values() if set_ == name),
            "articles": len(archived),
            "twice": twice,
            "multi_day": len(multi),
            "kept": kept / len(multi) if multi else 1.0,
            "false": len(false),
        }
    return results


def one_run(articles: list[Article], label: dict[str, str]) -> tuple[dict[str, str], float, int]:
    """The whole set grouped in one run (`stories.group`, no archive): each document's
    one-run story (as a label), and what the grouping rules give by themselves: the "one
    id kept" share and the false continuations (a group's articles of a later day with
    none of their true story on its earlier days)."""
    from summarizer.pipeline import prepare
    from summarizer.stories import group

    found = group([prepare(article) for article in articles], "english")
    grouped = {
        articles[i].id: f"run:{number}" for number, members in enumerate(found) for i in members
    }
    votes: dict[str, dict[str, Counter[int]]] = defaultdict(lambda: defaultdict(Counter))
    for number, members in enumerate(found):
        for i in members:
            votes[label[articles[i].id]][articles[i].published[:10]][number] += 1
    multi = [days for days in votes.values() if len(days) > 1]
    kept = sum(len({c.most_common(1)[0][0] for c in days.values()}) == 1 for days in multi)
    false = set()
    for number, members in enumerate(found):
        dated = [(articles[i].published[:10], label[articles[i].id]) for i in members]
        first = min(day for day, _ in dated)
        for day, true in dated:
            if day > first and true not in {t for d, t in dated if d < day}:
                false.add((number, day))
    return grouped, kept / len(multi), len(false)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data", type=Path, default=Path(__file__).parents[1] / ".." / "shared" / "data"
    )
    parser.add_argument("--sets", default="duc2003,basil")
    parser.add_argument("--story-days", default="14", help="comma-separated values to compare")
    args = parser.parse_args()
    articles, label, kind = pool(args.data, args.sets.split(","))
    days = len({a.published[:10] for a in articles})
    print(f"{len(articles)} documents on {days} days, one run per day\n")
    grouped: dict[str, str] = {}
    for name in args.sets.split(","):
        found, kept, false = one_run([a for a in articles if kind[a.id] == name], label)
        grouped.update(found)
        print(
            f"{name} grouped in one run, without an archive: one id kept {kept:.3f}, "
            f"false continuations {false}"
        )
    print(
        "\n| story days | set | documents | articles archived | counted twice "
        "| multi-day stories | one id kept | false continuations "
        "| multi-day one-run stories | one id kept (one run) "
        "| run s (median) | run s (max) | total s | peak MiB |"
    )
    print("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for story_days in (int(d) for d in args.story_days.split(",")):
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "replay.sqlite"
            seconds, counted, lead = replay(articles, path, story_days)
            results = score(path, label, kind)
            against_run = score(path, grouped, kind)
            archived = sum(r["articles"] for r in results.values())
            size = path.stat().st_size
            text = sum(len(a.text.encode()) for a in articles) / len(articles)
            print(
                f"archive: {size / 2**20:.1f} MiB for {archived:.0f} articles, "
                f"{size / archived * 1000 / 2**20:.1f} MiB per 1,000 (their text averages "
                f"{text / 1000:.1f} kB)"
            )
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"articles counted new over all runs: {counted}")
        print(
            f"developing stories briefed: {lead['developing']}; leading with a sentence shown "
            f"before: {lead['briefed shown']} (ranked as if fresh: {lead['unaware shown']}); "
            f"with one the reader saw nothing of: {lead['briefed new']} (ranked as if fresh: "
            f"{lead['unaware new']})"
        )
        for name, r in results.items():
            run = against_run[name]
            print(
                f"| {story_days} | {name} | {r['documents']:.0f} | {r['articles']:.0f} "
                f"| {r['twice']:.0f} "
                f"| {r['multi_day']:.0f} | {r['kept']:.3f} | {r['false']:.0f} "
                f"| {run['multi_day']:.0f} | {run['kept']:.3f} "
                f"| {statistics.median(seconds):.2f} | {max(seconds):.2f} | {sum(seconds):.1f} "
                f"| {peak:.0f} |",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
