"""Faithful credits: planted changes of specifics, found or missed (issue 12).

    python benchmarks/disagreements.py [--data ../shared/data] [--sets duc2003,basil]
        [--per-story 3] [--list basil,multinews-dev:6000,duc2003,multiling2011]

In each story, facts are found that two outlets state with the same number in similar
sentences (TF-IDF cosine at least 0.4; a count, sum of money or percentage written alike,
with no other value in either sentence that agrees with it). In one outlet's copy the
number is changed, one change per run, each fact changed in each way: another value
(x1.5, or +3 below 6), a scaled value (x10), a number word (another value below 100, in
words; not for money). The changed story goes through the pipeline (`summarize`, 5
sentences) and is scored:

- recall: a reported disagreement has the changed sentence's outlet on the new value's
  side (the claim's value is the changed one) and the other outlet on a side whose value
  agrees with the original;
- wrong credits: an item that states the original value (a specific agreeing with it
  and not with the change) is credited to the changed article;
- flags per unchanged story: disagreements reported on the stories as they are;
- seconds per story: `summarize` on the changed stories, mean.

Exit 1 when recall < 0.9 or any wrong credit. `--list SET[:N]` instead prints the
disagreements reported on the first N unchanged stories of each set, for the hand review
recorded (story ids and verdicts only) in `benchmarks/disagreements/review.tsv`. Reads
the data by path; it is not part of the tests.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from dataclasses import dataclass, replace
from itertools import product
from pathlib import Path

from summarizer.config import Settings
from summarizer.evaluate import load_stories
from summarizer.lexicon import analyse
from summarizer.model import Article, Briefing, Claim
from summarizer.pipeline import prepare, sentences_of, summarize_prepared
from summarizer.specifics import Specific, specifics

NEAR_IDENTICAL = 0.4
KINDS = ("value", "scaled", "word")
TARGET_RECALL = 0.9
_ONES = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen"
).split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


@dataclass(frozen=True)
class Fact:
    article: str  # the article changed
    outlet: str
    partner: str  # the other outlet, which keeps the original
    sentence: str
    specific: Specific
    partner_specific: Specific


def words_for(n: int) -> str:
    """A whole number below a billion in English words ("three thousand two hundred")."""
    for size, name in ((10**6, "million"), (1000, "thousand"), (100, "hundred")):
        if n >= size:
            head, rest = divmod(n, size)
            return f"{words_for(head)} {name}" + (f" {words_for(rest)}" if rest else "")
    if n < 20:
        return _ONES[n]
    tens, ones = divmod(n, 10)
    return _TENS[tens] + (f"-{_ONES[ones]}" if ones else "")


def facts(articles: list[Article]) -> list[Fact]:
    """Numbers two outlets print alike in near-identical sentences: a count, sum of money
    or percentage written the same in both, and only once in each."""
    pool = sentences_of(articles)
    similarity = analyse([s.text for s in pool], "english").similarity()
    numbers = [
        [s for s in specifics(p.text) if s.kind in ("count", "money", "percent")] for p in pool
    ]
    found: list[Fact] = []
    seen: set[str] = set()
    for i, a in enumerate(pool):
        if a.text in seen:
            continue
        for j, b in enumerate(pool):
            if b.source == a.source or similarity[i, j] < NEAR_IDENTICAL or b.text in seen:
                continue
            shared = [
                (x, next(y for y in numbers[j] if y.text == x.text))
                for x in numbers[i]
                if not re.search(r"\w(?:\s*[-–]\s*|\s+(?:to|and|or)\s+)\w", x.text)  # a range
                and [x.text for x in numbers[i]].count(x.text) == 1
                and sum(z.agrees(x) for z in numbers[i] if z.kind == x.kind) == 1
                and sum(y.text == x.text for y in numbers[j]) == 1
                and sum(y.agrees(x) for y in numbers[j] if y.kind == x.kind) == 1
            ]
            if shared:
                found.append(Fact(a.article_id, a.source, b.source, a.text, *shared[0]))
                seen.update((a.text, b.text))
                break
    return found


def change(fact: Fact, kind: str) -> str | None:
    """The sentence with its number changed in the way `kind` says, or None."""
    digits = re.search(r"\d[\d,]*(?:\.\d+)?", fact.specific.text)
    if digits is None:
        return None
    number = float(digits.group().replace(",", ""))
    if kind == "value":
        new = number * 1.5 if number >= 6 else number + 3
    elif kind == "scaled":
        new = number * 10
    elif fact.specific.kind == "money" or number * 2 >= 100:
        return None  # "$forty billion", "one thousand eighty-eight": not how news writes
    else:
        new = number + 3 if number < 20 else number * 2
    if "." in digits.group() and kind != "word":
        text = f"{new:.{len(digits.group().split('.')[1])}f}"
    elif new != int(new):
        return None
    else:
        new = int(new)
        text = words_for(int(new)) if kind == "word" else (
            f"{int(new):,}" if "," in digits.group() else str(int(new)))  # fmt: skip
    written = fact.specific.text.replace(digits.group(), text, 1)
    start = fact.specific.end - len(fact.specific.text)
    changed = fact.sentence[:start] + written + fact.sentence[fact.specific.end :]
    found = [s for s in specifics(changed) if s.start == fact.specific.start]
    if not found or found[0].agrees(fact.specific) or found[0].agrees(fact.partner_specific):
        return None  # still true with what the other outlet says ("more than $250,000")
    return changed


def score(briefing: Briefing, fact: Fact, changed: str) -> tuple[bool, bool]:
    """(found: the change is a disagreement with the right outlets on each side, the
    changed value on one and a value agreeing with the original on the other,
    wrong: the changed article is credited with the original value)."""
    new = next(s for s in specifics(changed) if s.start == fact.specific.start)
    found = False
    for disagreement in briefing.disagreements:
        mine = [c for c in disagreement.claims if c.text == changed and c.value == new.text]
        if mine and fact.outlet in mine[0].sources:
            found = found or any(
                fact.partner in c.sources and _states(c, fact.specific)
                for c in disagreement.claims
                if c is not mine[0]
            )
    wrong = False
    for item in briefing.items:
        if fact.article not in item.article_ids or item.text == changed:
            continue
        stated = [s for s in specifics(item.text) if s.kind == fact.specific.kind]
        if any(s.agrees(fact.specific) and not s.agrees(new) for s in stated):
            wrong = True
    return found, wrong


def _states(claim: Claim, original: Specific) -> bool:
    """Whether a claim's value is one that agrees with the original value."""
    return any(s.text == claim.value and s.agrees(original) for s in specifics(claim.text))


def run_set(path: Path, per_story: int, settings: Settings) -> dict[str, float]:
    stories = load_stories(path)
    found = wrong = runs = flags = 0
    seconds: list[float] = []
    for story in stories:
        articles = [prepare(a) for a in story.articles]
        flags += len(summarize_prepared(articles, settings).disagreements)
        for fact, kind in product(facts(articles)[:per_story], KINDS):
            changed = change(fact, kind)
            if changed is None:
                continue
            planted = [
                replace(a, text=a.text.replace(fact.sentence, changed, 1))
                if a.id == fact.article
                else a
                for a in articles
            ]
            started = time.perf_counter()
            briefing = summarize_prepared(planted, settings)
            seconds.append(time.perf_counter() - started)
            hit, bad = score(briefing, fact, changed)
            runs += 1
            found += hit
            wrong += bad
    return {
        "stories": len(stories),
        "changes": runs,
        "recall": found / runs if runs else 0.0,
        "wrong": wrong,
        "flags": flags / len(stories),
        "seconds": statistics.mean(seconds) if seconds else 0.0,
    }


def listing(path: Path, limit: int | None, settings: Settings) -> None:
    """The disagreements of unchanged stories, numbered, for the hand review."""
    number = 0
    for story in load_stories(path, limit):
        briefing = summarize_prepared([prepare(a) for a in story.articles], settings)
        for d in briefing.disagreements:
            number += 1
            print(f"## {number} {path.name} {story.id} {d.kind} about={d.about!r}")
            for claim in d.claims:
                print(f"   {claim.value} {list(claim.sources)} | {claim.text}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data", type=Path, default=Path(__file__).parents[1] / ".." / "shared" / "data"
    )
    parser.add_argument("--sets", default="duc2003,basil")
    parser.add_argument("--per-story", type=int, default=3)
    parser.add_argument("--list", default="", help="SET[:N],... to list for the hand review")
    args = parser.parse_args()
    settings = Settings()
    if args.list:
        for spec in args.list.split(","):
            name, _, limit = spec.partition(":")
            listing(args.data / name, int(limit) if limit else None, settings)
        return 0
    print("| set | stories | changes | recall | wrong credits | flags per unchanged story "
          "| s/story |")  # fmt: skip
    print("|---|---:|---:|---:|---:|---:|---:|")
    failed = False
    for name in args.sets.split(","):
        r = run_set(args.data / name, args.per_story, settings)
        print(
            f"| {name} | {r['stories']:.0f} | {r['changes']:.0f} | {r['recall']:.3f} "
            f"| {r['wrong']:.0f} | {r['flags']:.2f} | {r['seconds']:.3f} |"
        )
        failed |= r["recall"] < TARGET_RECALL or r["wrong"] > 0
    if failed:
        print(f"FAIL: targets are recall >= {TARGET_RECALL} and no wrong credit")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
