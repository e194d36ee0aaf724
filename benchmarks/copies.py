"""The daily briefing's copies against `summarize`: credits, disputes and figures kept.

    python benchmarks/copies.py [--data ../shared/data] [--sets duc2003,basil,multinews-dev:200]

`brief` weighs each group of wire copies once on what it chooses (`stories.copies`), and
must still credit and dispute as `summarize` does. In each story of the sets, copies are
planted in three ways, one at a time, and the story goes through both paths
(`daily.summarize_story`, as `brief` runs it, and `summarize`, 5 sentences each):

- wire: the first article printed word for word by another outlet;
- worded: the first article printed by another outlet with its first count below 20
  in digits written as a word ("7" as "seven": the same figure in other words);
- later: the wire copy, and the first article's outlet again a day later on another
  URL with that count changed (x1.5, +3 below 6), as an update.

Scored, over the items whose representative sentence is the same in both:

- lost credits: an outlet `summarize` credits with an item that `brief` does not;
- lost disputes: an outlet `summarize` lists as disputing an item that `brief` does not;
- lost figures: a (value, outlet) of `summarize`'s disagreements missing from `brief`'s
  (over every disagreement, whatever the items);
- other representative: items of `summarize` whose sentence `brief` does not show (the
  copies weigh once, so `brief` may choose another outlet's wording);
- seconds per story of each path.

Exit 1 when any credit, dispute or figure is lost. Reads the data by path; not a test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

from summarizer.config import Settings
from summarizer.daily import summarize_story
from summarizer.evaluate import load_stories
from summarizer.model import Article, Briefing
from summarizer.pipeline import prepare, summarize_prepared
from summarizer.specifics import specifics

WAYS = ("wire", "worded", "later")
WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen"
).split()


def _count(text: str) -> tuple[int, int, int] | None:
    """Start, end and value of the first count below 20 printed in digits."""
    for x in specifics(text):
        printed = text[x.start : x.end]
        found = re.search(r"\b(1?\d)\b", printed)
        if x.kind == "count" and found and x.low == x.high == int(found.group(1)):
            return x.start + found.start(1), x.start + found.end(1), int(found.group(1))
    return None


def plant(articles: list[Article], way: str) -> list[Article] | None:
    """The story with copies planted `way`, or None when its first article has no count."""
    first = articles[0]
    wire = replace(first, id="planted-wire", source="Planted Wire", url="")
    if way == "wire":
        return [*articles, wire]
    found = _count(first.text)
    if found is None:
        return None
    start, end, value = found
    if way == "worded":
        text = first.text[:start] + WORDS[value] + first.text[end:]
        return [*articles, replace(wire, id="planted-words", source="Planted Words", text=text)]
    changed = value + 3 if value < 6 else round(value * 1.5)
    day = dt.date.fromisoformat(first.published[:10]) if first.published[:10] else None
    later = replace(
        first,
        id="planted-later",
        url="https://example.com/later",
        text=first.text[:start] + str(changed) + first.text[end:],
        published=(day + dt.timedelta(days=1)).isoformat() if day else "",
    )
    return [*articles, wire, later]


def compare(brief: Briefing, summary: Briefing) -> Counter[str]:
    counts: Counter[str] = Counter()
    shown = {item.text: item for item in brief.items}
    for item in summary.items:
        mine = shown.get(item.text)
        if mine is None:
            counts["other representative"] += 1
            continue
        counts["items compared"] += 1
        counts["lost credits"] += len(set(item.sources) - set(mine.sources))
        counts["lost disputes"] += len(set(item.disputed_by) - set(mine.disputed_by))
    figures = {(c.value, s) for d in brief.disagreements for c in d.claims for s in c.sources}
    for d in summary.disagreements:
        for c in d.claims:
            counts["figures"] += len(c.sources)
            counts["lost figures"] += sum((c.value, s) not in figures for s in c.sources)
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--sets", default="duc2003,basil,multinews-dev:200")
    args = parser.parse_args(argv)
    settings = Settings(sentences=5)
    lost = 0
    print(
        "set           way      stories  compared  other  lost credits/disputes/figures"
        "  figures  s/story brief  s/story summarize"
    )
    for spec in args.sets.split(","):
        name, _, limit = spec.partition(":")
        stories = load_stories(args.data / name, int(limit) if limit else None)
        warm = [prepare(a) for a in stories[0].articles]  # imports and caches, untimed
        summarize_story(warm, settings), summarize_prepared(warm, settings)
        for way in WAYS:
            totals: Counter[str] = Counter()
            seconds = {"brief": 0.0, "summarize": 0.0}
            done = 0
            for story in stories:
                planted = plant(list(story.articles), way)
                if planted is None:
                    continue
                cleaned = [prepare(a) for a in planted]
                start = time.perf_counter()
                brief = summarize_story(cleaned, settings)
                seconds["brief"] += time.perf_counter() - start
                start = time.perf_counter()
                summary = summarize_prepared(cleaned, settings)
                seconds["summarize"] += time.perf_counter() - start
                totals += compare(brief, summary)
                done += 1
            worst = totals["lost credits"] + totals["lost disputes"] + totals["lost figures"]
            lost += worst
            print(
                f"{name:13} {way:8} {done:7} {totals['items compared']:9} "
                f"{totals['other representative']:6} "
                f"{totals['lost credits']:13}/{totals['lost disputes']}/{totals['lost figures']}"
                f"{totals['figures']:16} {seconds['brief'] / max(done, 1):14.4f}"
                f" {seconds['summarize'] / max(done, 1):18.4f}"
            )
    return 1 if lost else 0


if __name__ == "__main__":
    sys.exit(main())
