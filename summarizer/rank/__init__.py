"""Rankers: score every sentence of a story; the pipeline keeps the best of each cluster.

A ranker is built from its settings (`language`) and called on the data. It returns one
score per sentence, higher is better; only the order of the scores matters. sumy's six
rankers and our own share this registry, so `--ranker` and `summarizer eval` offer them all.
A ranker that can choose a whole set for a word budget (`BudgetedRanker`, ours) is asked
through `rank`, and ranks that set first.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from ..errors import ConfigError

if TYPE_CHECKING:  # the registry is read by --help, which should not wait for numpy
    from ..lexicon import Lexicon
    from ..model import Sentence


class Ranker(Protocol):
    def __call__(self, sentences: Sequence[Sentence], lexicon: Lexicon) -> list[float]: ...


@runtime_checkable
class BudgetedRanker(Protocol):
    """A ranker that also scores for a length budget, the jointly chosen set first."""

    def __call__(self, sentences: Sequence[Sentence], lexicon: Lexicon) -> list[float]: ...

    def for_budget(
        self,
        sentences: Sequence[Sentence],
        lexicon: Lexicon,
        labels: Sequence[int],
        *,
        max_words: int | None,
        max_sentences: int | None = None,
    ) -> list[float]: ...


def rank(
    ranker: Ranker,
    sentences: Sequence[Sentence],
    lexicon: Lexicon,
    labels: Sequence[int],
    *,
    max_words: int | None,
    max_sentences: int | None,
) -> list[float]:
    """One score per sentence: for the budget when the ranker can, else its own ranking."""
    if isinstance(ranker, BudgetedRanker):
        return ranker.for_budget(
            sentences, lexicon, labels, max_words=max_words, max_sentences=max_sentences
        )
    return ranker(sentences, lexicon)


def _coverage(language: str) -> Ranker:
    from .coverage import CoverageRanker

    return CoverageRanker()


def _sumy(name: str) -> Callable[[str], Ranker]:
    def factory(language: str) -> Ranker:
        from .sumy_rankers import SumyRanker

        return SumyRanker(name, language=language)

    return factory


RANKERS: dict[str, Callable[[str], Ranker]] = {
    "coverage": _coverage,
    **{name: _sumy(name) for name in ("lexrank", "textrank", "lsa", "luhn", "sumbasic", "kl")},
}


def make_ranker(name: str, language: str) -> Ranker:
    """The ranker registered under `name`; an unknown name lists the valid ones."""
    try:
        factory = RANKERS[name.lower()]
    except KeyError:
        raise ConfigError(f"unknown ranker {name!r}; choose one of: {', '.join(RANKERS)}") from None
    return factory(language)
