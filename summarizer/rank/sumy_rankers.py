"""sumy's summarizers as rankers: their own sentence ratings, kept instead of thrown away.

sumy's summarizers return the top sentences in document order and drop the scores. Each
of them rates sentences through `_get_best_sentences`; we catch the ratings there.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import Any

from ..languages import stopwords
from ..lexicon import Lexicon
from ..model import Sentence
from ..segment import SumyTokenizer

CLASSES = {
    "lexrank": "sumy.summarizers.lex_rank:LexRankSummarizer",
    "textrank": "sumy.summarizers.text_rank:TextRankSummarizer",
    "lsa": "sumy.summarizers.lsa:LsaSummarizer",
    "luhn": "sumy.summarizers.luhn:LuhnSummarizer",
    "sumbasic": "sumy.summarizers.sum_basic:SumBasicSummarizer",
    "kl": "sumy.summarizers.kl:KLSummarizer",
}


def build_summarizer(name: str, language: str) -> Any:
    """A sumy summarizer set up as its documentation shows: stemmer and stop words."""
    from importlib import import_module

    from sumy.nlp.stemmers import Stemmer
    from sumy.utils import get_stop_words

    module, _, cls = CLASSES[name].partition(":")
    summarizer = getattr(import_module(module), cls)(Stemmer(language))
    summarizer.stop_words = get_stop_words(language)
    return summarizer


def sumy_document(paragraphs: Sequence[Sequence[str]]) -> Any:
    """A sumy document of paragraphs of sentences, split by our tokenizer."""
    from sumy.models.dom import ObjectDocumentModel, Paragraph
    from sumy.models.dom import Sentence as SumySentence

    tokenizer = SumyTokenizer()
    return ObjectDocumentModel(
        tuple(Paragraph([SumySentence(s, tokenizer) for s in p]) for p in paragraphs if p)
    )


def sumy_ratings(name: str, language: str, document: Any) -> list[float]:
    """sumy's rating of each sentence of `document`, in document order."""
    ratings: list[float] = []

    def capture(found: Any, count: Any, rating: Any, *args: Any, **kwargs: Any) -> tuple[()]:
        rate = rating.__getitem__ if isinstance(rating, dict) else rating
        ratings.extend(float(rate(s, *args, **kwargs)) for s in found)
        return ()

    summarizer = build_summarizer(name, language)
    summarizer._get_best_sentences = capture
    with warnings.catch_warnings():
        # LSA warns when a story has fewer distinct words than sentences; it still rates them.
        warnings.simplefilter("ignore", UserWarning)
        summarizer(document, len(document.sentences))
    return ratings


class SumyRanker:
    def __init__(self, name: str, *, language: str = "english") -> None:
        stopwords(language)  # an unknown language is a ConfigError that lists the known ones
        self.name = name
        self.language = language

    def __call__(self, sentences: Sequence[Sentence], lexicon: Lexicon) -> list[float]:
        if not sentences:
            return []
        paragraphs: dict[str, list[str]] = {}
        for sentence in sentences:
            paragraphs.setdefault(sentence.article_id, []).append(sentence.text)
        document = sumy_document(list(paragraphs.values()))
        rated = dict(
            zip(
                map(str, document.sentences),
                sumy_ratings(self.name, self.language, document),
                strict=False,
            )
        )
        return [rated.get(" ".join(s.text.split()), float("-inf")) for s in sentences]
