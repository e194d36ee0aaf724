"""The pipeline, chained in one place: clean, split, cluster, rank, select."""

from __future__ import annotations

from collections.abc import Sequence

from .clean import clean
from .cluster import cluster
from .config import Settings
from .errors import InputError
from .lexicon import analyse
from .model import Article, Briefing, Sentence
from .rank import make_ranker
from .segment import is_complete, split_sentences, words
from .select import select

MIN_WORDS = 6  # shorter "sentences" are fragments, bylines or captions
MAX_WORDS = 80  # longer ones are run-on text the splitter could not divide


def sentences_of(articles: Sequence[Article]) -> list[Sentence]:
    """The complete sentences of (cleaned) articles, in article order."""
    pool: list[Sentence] = []
    for article in articles:
        position = 0
        for text in split_sentences(article.text):
            if is_complete(text) and MIN_WORDS <= len(words(text)) <= MAX_WORDS:
                pool.append(Sentence(text, article.id, article.source, position))
                position += 1
    return pool


def summarize(articles: Sequence[Article], settings: Settings | None = None) -> Briefing:
    """One attributed briefing from several versions of a story."""
    return summarize_cleaned([clean(article) for article in articles], settings or Settings())


def summarize_cleaned(cleaned: Sequence[Article], settings: Settings) -> Briefing:
    """`summarize` for articles that went through `clean` already."""
    ranker = make_ranker(settings.ranker, settings.language)
    sentences = sentences_of(cleaned)
    if not sentences:
        raise InputError(
            "no sentences to summarize: the input is empty or holds only headings and "
            "boilerplate (give the articles' full text)"
        )
    lexicon = analyse([s.text for s in sentences], settings.language)
    labels = cluster(lexicon, [s.article_id for s in sentences], settings.cluster_threshold)
    scores = ranker(sentences, lexicon)
    items = select(
        sentences,
        labels,
        scores,
        lexicon,
        max_sentences=settings.max_sentences,
        max_words=settings.words,
        fill=settings.fill,
    )
    return Briefing(
        title=_title(cleaned, items[0].article_ids if items else ()),
        items=tuple(items),
        articles=tuple(cleaned),
        ranker=settings.ranker,
    )


def _title(articles: Sequence[Article], lead_ids: Sequence[str]) -> str:
    """The title of an article behind the first item, else of any article."""
    titled = [a for a in articles if a.title]
    for article in titled:
        if article.id in lead_ids:
            return article.title
    return titled[0].title if titled else "News briefing"
