"""Summary quality: ROUGE recall on benchmark clusters, ours and the baselines in one run.

Scoring follows the published comparisons: ROUGE-1 and ROUGE-2 recall of each summary cut
to the word budget, Porter stemming, stopwords kept, averaged over the references
(Google's `rouge-score`, the `eval` extra). Every system is scored on the same stories in
the same run, so the table compares like with like.
"""

from __future__ import annotations

import gzip
import json
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from statistics import mean

from .config import Settings
from .errors import ConfigError, InputError
from .model import Article
from .segment import split_sentences

LEAD = "lead"
SHIPPED = "shipped"
SUMY = ("lexrank", "textrank", "lsa", "luhn", "sumbasic", "kl")
BASELINES = (LEAD, *SUMY, SHIPPED)
TOPLINES = {"ID10"}  # MultiLing 2011's GATopline is built from the reference summaries


@dataclass(frozen=True, slots=True)
class Story:
    id: str
    articles: tuple[Article, ...]
    references: tuple[str, ...]


@dataclass(slots=True)
class Result:
    """One system's scores over the stories it summarized."""

    system: str
    rouge1: list[float] = field(default_factory=list)
    rouge2: list[float] = field(default_factory=list)
    seconds: float = 0.0
    summaries: dict[str, str] = field(default_factory=dict)

    @property
    def row(self) -> tuple[str, float, float, float]:
        n = max(len(self.rouge1), 1)
        return (
            self.system,
            100 * mean(self.rouge1 or [0]),
            100 * mean(self.rouge2 or [0]),
            self.seconds / n,
        )


def load_stories(path: Path, limit: int | None = None) -> list[Story]:
    """Stories from a `clusters.jsonl` or `.jsonl.gz` (schema of the benchmark data)."""
    path = Path(path)
    if path.is_dir():
        path = path / "clusters.jsonl.gz"
    if not path.is_file():
        raise InputError(f"no such dataset: {path} (give a clusters.jsonl or .jsonl.gz file)")
    opener = gzip.open if path.suffix == ".gz" else open
    stories: list[Story] = []
    with opener(path, "rt", encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if limit is not None and len(stories) >= limit:
                break
            try:
                record = json.loads(line)
                articles = tuple(
                    Article(
                        id=str(d["id"]),
                        source=str(d.get("source") or d["id"]),
                        text=str(d["text"]),
                        title=str(d.get("title") or ""),
                        url=str(d.get("url") or ""),
                        published=str(d.get("date") or ""),
                    )
                    for d in record["documents"]
                )
                stories.append(Story(str(record["id"]), articles, tuple(record["references"])))
            except (ValueError, KeyError, TypeError) as error:
                raise InputError(f"{path}: line {number} is not a story ({error})") from None
    return stories


class Rouge:
    """ROUGE-1/2 recall of a summary cut to `budget` words, averaged over the references."""

    def __init__(self, budget: int) -> None:
        try:
            from rouge_score import rouge_scorer
        except ImportError:
            raise ConfigError("scoring needs rouge-score: pip install 'summarizer[eval]'") from None
        self.budget = budget
        self._scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2"], use_stemmer=True)

    def __call__(self, summary: str, references: Sequence[str]) -> tuple[float, float]:
        cut = " ".join(summary.split()[: self.budget])
        scores = [self._scorer.score(reference, cut) for reference in references]
        return (mean(s["rouge1"].recall for s in scores), mean(s["rouge2"].recall for s in scores))


def ours(settings: Settings) -> Callable[[Story], str]:
    """Our pipeline, as `summarize` runs it, filling the word budget (`Settings.fill`) as
    the baselines do, since every summary is cut to the budget."""
    from .pipeline import summarize

    settings = replace(settings, fill=True)

    def run(story: Story) -> str:
        try:
            briefing = summarize(story.articles, settings)
        except InputError:  # a story with no usable sentence scores zero, as it should
            return ""
        return "\n".join(item.text for item in briefing.items)

    return run


def lead(budget: int) -> Callable[[Story], str]:
    """First sentences of each article in turn until the budget is reached."""

    def run(story: Story) -> str:
        per_article = [split_sentences(a.text) for a in story.articles]
        chosen: list[str] = []
        for position in range(max(map(len, per_article), default=0)):
            for sentences in per_article:
                if position < len(sentences) and _count(chosen) < budget:
                    chosen.append(sentences[position])
        return "\n".join(chosen)

    return run


def sumy_user(name: str, budget: int, language: str) -> Callable[[Story], str]:
    """A sumy summarizer as a sumy user runs it on a multi-document story: the documents
    concatenated, the sentence count raised until the summary reaches the word budget.

    sumy picks the `count` best-rated sentences and prints them in document order; the
    ratings do not depend on `count`, so one rating pass gives every count's summary.
    """
    from .rank.sumy_rankers import sumy_document, sumy_ratings

    def run(story: Story) -> str:
        document = sumy_document([split_sentences(a.text) for a in story.articles])
        sentences = list(document.sentences)
        ratings = sumy_ratings(name, language, document)
        best = sorted(
            range(len(ratings)), key=lambda order: -ratings[order]
        )  # stable, as sumy's sort
        chosen: list[int] = []
        for order in best:
            if _count(str(sentences[i]) for i in chosen) >= budget:
                break
            chosen.append(order)
        return "\n".join(str(sentences[i]) for i in sorted(chosen))

    return run


def shipped_summaries(dataset: Path) -> dict[str, dict[str, str]]:
    """Other systems' summaries shipped beside a dataset: system -> story id -> summary."""
    folder = dataset if dataset.is_dir() else dataset.parent
    path = folder / "system_summaries.jsonl.gz"
    systems: dict[str, dict[str, str]] = {}
    if path.is_file():
        with gzip.open(path, "rt", encoding="utf-8") as lines:
            for line in lines:
                record = json.loads(line)
                name = record["system"]
                label = f"{name} {record['system_name']}" if record.get("system_name") else name
                if name in TOPLINES:
                    label += " (topline)"
                systems.setdefault(label, {})[record["id"]] = record["summary"]
    return dict(sorted(systems.items(), key=lambda kv: _natural(kv[0])))


def evaluate(
    dataset: Path,
    settings: Settings,
    *,
    budget: int,
    baselines: Sequence[str] = (),
    limit: int | None = None,
    progress: Callable[[Iterator[Story], int], Iterator[Story]] | None = None,
) -> list[Result]:
    """Score our pipeline and the named baselines on every story of `dataset`.

    The systems are run story by story, alternating, so a noisy machine slows all alike.
    """
    unknown = [b for b in baselines if b not in BASELINES]
    if unknown:
        raise ConfigError(f"unknown baseline {unknown[0]!r}; choose from: {', '.join(BASELINES)}")
    stories = load_stories(dataset, limit)
    rouge = Rouge(budget)
    systems: dict[str, Callable[[Story], str]] = {f"summarizer ({settings.ranker})": ours(settings)}
    for name in baselines:
        if name == LEAD:
            systems["lead"] = lead(budget)
        elif name in SUMY:
            systems[f"sumy {name}"] = sumy_user(name, budget, settings.language)
    results = {name: Result(name) for name in systems}
    shipped = shipped_summaries(Path(dataset)) if SHIPPED in baselines else {}
    results.update({name: Result(name) for name in shipped})
    for story in progress(iter(stories), len(stories)) if progress else stories:
        for name, system in systems.items():
            started = time.perf_counter()
            summary = system(story)
            results[name].seconds += time.perf_counter() - started
            _score(results[name], story, summary, rouge)
        for name, summaries in shipped.items():
            if story.id in summaries:
                _score(results[name], story, summaries[story.id], rouge)
    return list(results.values())


def _score(result: Result, story: Story, summary: str, rouge: Rouge) -> None:
    r1, r2 = rouge(summary, story.references)
    result.rouge1.append(r1)
    result.rouge2.append(r2)
    result.summaries[story.id] = summary


def table(results: Sequence[Result], title: str) -> str:
    """A Markdown table: system, ROUGE-1 and ROUGE-2 recall (x100), seconds per story."""
    lines = [f"{title}", "", "| system | ROUGE-1 | ROUGE-2 | s/story |", "|---|---:|---:|---:|"]
    for result in results:
        system, r1, r2, seconds = result.row
        shown = f"{seconds:.3f}" if result.seconds else "-"
        lines.append(f"| {system} | {r1:.2f} | {r2:.2f} | {shown} |")
    return "\n".join(lines) + "\n"


def _count(sentences: Sequence[str] | Iterator[str]) -> int:
    return sum(len(s.split()) for s in sentences)


def _natural(name: str) -> tuple[int, str]:
    digits = "".join(ch for ch in name.split()[0] if ch.isdigit())
    return (int(digits) if digits else 0, name)
