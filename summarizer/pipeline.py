"""The pipeline, chained in one place: clean, split, cluster, rank, select, check credits."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import replace

from .clean import clean
from .cluster import cluster
from .config import Settings
from .credits import check
from .errors import InputError
from .lexicon import Lexicon, analyse
from .model import Article, Briefing, Item, Seen, Sentence
from .rank import Ranker, make_ranker, rank
from .segment import is_complete, split_lines, split_sentences, words
from .select import credit_cluster, select

MIN_WORDS = 6  # shorter "sentences" are fragments, bylines or captions
MAX_WORDS = 80  # longer ones are run-on text the splitter could not divide
# Bounds on the work, whatever the input's size. Clustering compares every pair of
# candidate sentences (an n x n matrix: 1,000 take 8 MB and well under a second; 100,000
# would take 80 GB), and sumy's LexRank and TextRank take some 13 s for 1,000. The largest
# story in the benchmarks has 456 candidates (DUC 2003), so the caps change none of them.
MAX_POOL = 1000  # candidate sentences in all, taken by position across the articles
MAX_ARTICLE_CHARS = 1_000_000  # of an article's text cleaned and split (~40 times a long story)


def sentences_of(articles: Sequence[Article], limit: int = MAX_POOL) -> list[Sentence]:
    """The candidate sentences of (cleaned) articles, in article order.

    A candidate is a complete sentence of MIN_WORDS to MAX_WORDS words. An article with
    none (text without sentence punctuation, or only run-on sentences) offers its lines
    instead, cut at spaces into runs of at most MAX_WORDS words. Beyond `limit`, the pool
    keeps each article's first sentences: the first of every article, then the second ...
    (news puts what matters first).
    """
    found = [_candidates(article, limit) for article in articles]
    pool = [sentence for sentences in found for sentence in sentences]
    if len(pool) > limit:
        first = sorted(range(len(pool)), key=lambda i: (pool[i].position, i))[:limit]
        pool = [pool[i] for i in sorted(first)]
    return pool


def _candidates(article: Article, limit: int) -> list[Sentence]:
    texts = [
        text
        for text in split_sentences(article.text)
        if is_complete(text) and MIN_WORDS <= len(words(text)) <= MAX_WORDS
    ]
    if not texts:
        texts = [piece for line in split_lines(article.text) for piece in _runs(line)]
    return [
        Sentence(text, article.id, article.source, position)
        for position, text in enumerate(texts[:limit])
    ]


def _runs(line: str) -> list[str]:
    """`line` cut at spaces into runs of at most MAX_WORDS words, each of MIN_WORDS or more."""
    runs: list[list[str]] = [[]]
    count = 0
    for token in line.split():
        n = len(words(token))
        if count + n > MAX_WORDS and runs[-1]:
            runs.append([])
            count = 0
        runs[-1].append(token)
        count += n
    texts = [" ".join(run) for run in runs]
    return [text for text in texts if MIN_WORDS <= len(words(text)) <= MAX_WORDS]


def summarize(articles: Sequence[Article], settings: Settings | None = None) -> Briefing:
    """One attributed briefing from several versions of a story."""
    return summarize_prepared([prepare(article) for article in articles], settings or Settings())


def prepare(article: Article) -> Article:
    """The article as the later stages see it: cut to MAX_ARTICLE_CHARS, then cleaned."""
    return clean(_head(article))


def summarize_prepared(
    cleaned: Sequence[Article],
    settings: Settings,
    *,
    seen: Seen | None = None,
    reports: Collection[str] | None = None,
) -> Briefing:
    """`summarize` for articles that went through `prepare` already. With `seen` (what the
    reader saw of the story before: `history`), the clusters it holds nothing of lead the
    briefing and their items are marked `new` (`select`).

    `reports` (article ids; None: all) are the articles that weigh on what is chosen: the
    daily briefing gives one article of each group of wire copies (`stories.copies`), so
    that a copy is not counted as another confirmation. The items are ranked and chosen
    from their sentences alone; every article's sentences are still clustered, and each
    item is credited and checked over them as `summarize` does (`select.credit_cluster`,
    `credits.check`): a copy is credited with what it prints, and its figures are seen.
    Raises `InputError` when no article has a sentence.
    """
    ranker = make_ranker(settings.ranker, settings.language)
    sentences = sentences_of(cleaned)
    if not sentences:
        raise InputError(
            "no sentences to summarize: the input is empty or holds only headings and "
            "boilerplate (give the articles' full text)"
        )
    lexicon, labels = _clustered(sentences, settings)
    weighed = [a for a in cleaned if reports is None or a.id in reports]
    chosen_from = sentences_of(weighed) if len(weighed) < len(cleaned) else []
    if chosen_from:
        chosen_lexicon, chosen_labels = _clustered(chosen_from, settings)
        items = [
            credit_cluster(item, sentences, labels)
            for item in _choose(ranker, chosen_from, chosen_lexicon, chosen_labels, settings, seen)
        ]
    else:
        items = _choose(ranker, sentences, lexicon, labels, settings, seen)
    credited, differences = check(sentences, labels, lexicon, items, cleaned, settings.language)
    return Briefing(
        title=_title(cleaned, items[0].article_ids if items else ()),
        items=credited,
        articles=tuple(cleaned),
        ranker=settings.ranker,
        disagreements=differences,
    )


def _choose(
    ranker: Ranker,
    sentences: Sequence[Sentence],
    lexicon: Lexicon,
    labels: Sequence[int],
    settings: Settings,
    seen: Seen | None,
) -> list[Item]:
    """The items `settings` asks for, ranked by `ranker` and selected among `sentences`."""
    scores = rank(
        ranker,
        sentences,
        lexicon,
        labels,
        max_words=settings.words,
        max_sentences=settings.max_sentences,
    )
    return select(
        sentences,
        labels,
        scores,
        lexicon,
        max_sentences=settings.max_sentences,
        max_words=settings.words,
        fill=settings.fill,
        known=None if seen is None else [seen.knows(sentence) for sentence in sentences],
    )


def _clustered(sentences: Sequence[Sentence], settings: Settings) -> tuple[Lexicon, list[int]]:
    """The sentences' terms and their cluster labels."""
    lexicon = analyse([s.text for s in sentences], settings.language)
    articles = [s.article_id for s in sentences]
    texts = [s.text for s in sentences]
    return lexicon, cluster(lexicon, articles, settings.cluster_threshold, texts)


def _head(article: Article) -> Article:
    """The article cut to its first MAX_ARTICLE_CHARS characters, between two words."""
    text = article.text
    if len(text) <= MAX_ARTICLE_CHARS:
        return article
    cut = max(text.rfind("\n", 0, MAX_ARTICLE_CHARS), text.rfind(" ", 0, MAX_ARTICLE_CHARS))
    return replace(article, text=text[: cut if cut > 0 else MAX_ARTICLE_CHARS])


def _title(articles: Sequence[Article], lead_ids: Sequence[str]) -> str:
    """The title of an article behind the first item, else of any article."""
    titled = [a for a in articles if a.title]
    for article in titled:
        if article.id in lead_ids:
            return article.title
    return titled[0].title if titled else "News briefing"
