"""Our ranker: greedy coverage of the concepts that many versions of the story share.

The idea is the one behind ICSISumm (Gillick and Favre 2009): a good multi-document
summary covers the content-word bigrams that recur across documents. A concept's weight
is the number of articles that contain it, so what many outlets report counts most.
Sentences are ranked by lazy greedy selection: each step takes the sentence whose
not-yet-covered concept weight, per word and scaled by a lead-position prior, is highest.
Coverage is submodular, so a sentence's gain only shrinks and the lazy heap is exact.
"""

from __future__ import annotations

import heapq
import itertools
from collections import Counter
from collections.abc import Sequence

from ..lexicon import Lexicon
from ..model import Sentence
from ..segment import words


class CoverageRanker:
    """Settings, tuned together on DUC 2003, MultiLing 2011 and Multi-News (see README).

    unigram_weight: how much a shared content word counts beside a shared bigram.
    length_exponent: gain is divided by length ** this; 0 favours long sentences, 1 short.
    position_decay: the lead prior, 1 / (1 + position) ** this.
    dangling_penalty: gain kept by a sentence that opens on a word pointing back to what
        it follows ("He", "This", "But"), which reads badly without its context.
    """

    def __init__(
        self,
        *,
        unigram_weight: float = 0.6,
        length_exponent: float = 0.5,
        position_decay: float = 0.8,
        dangling_penalty: float = 0.7,
    ) -> None:
        self.unigram_weight = unigram_weight
        self.length_exponent = length_exponent
        self.position_decay = position_decay
        self.dangling_penalty = dangling_penalty

    def __call__(self, sentences: Sequence[Sentence], lexicon: Lexicon) -> list[float]:
        concepts = [_concepts(terms) for terms in lexicon.terms]
        weights = self._weights(sentences, concepts)
        static = [
            (1.0 + sentence.position) ** -self.position_decay
            / max(len(words(sentence.text)), 1) ** self.length_exponent
            * (self.dangling_penalty if _dangling(sentence.text) else 1.0)
            for sentence in sentences
        ]

        def gain(i: int, covered: set[tuple[str, ...]]) -> float:
            return static[i] * sum(weights.get(c, 0.0) for c in concepts[i] - covered)

        covered: set[tuple[str, ...]] = set()
        heap = [(-gain(i, covered), i) for i in range(len(sentences))]
        heapq.heapify(heap)
        order: list[int] = []
        while heap:
            _, i = heapq.heappop(heap)
            fresh = gain(i, covered)
            if heap and fresh < -heap[0][0]:  # a stale bound: re-queue with the true gain
                heapq.heappush(heap, (-fresh, i))
                continue
            order.append(i)
            covered |= concepts[i]
        scores = [0.0] * len(sentences)
        for rank, i in enumerate(order):
            scores[i] = float(len(order) - rank)
        return scores

    def _weights(
        self, sentences: Sequence[Sentence], concepts: list[frozenset[tuple[str, ...]]]
    ) -> dict[tuple[str, ...], float]:
        """Document frequency of each concept (minus one, so a concept of one article is
        worth nothing) or, for a single article, its frequency in that article."""
        in_articles: dict[tuple[str, ...], set[str]] = {}
        counts: Counter[tuple[str, ...]] = Counter()
        for sentence, found in zip(sentences, concepts, strict=True):
            for concept in found:
                in_articles.setdefault(concept, set()).add(sentence.article_id)
                counts[concept] += 1
        several = len({s.article_id for s in sentences}) > 1
        weights = {}
        for concept, articles in in_articles.items():
            weight = len(articles) - 1 if several else counts[concept] - 1
            if weight > 0:
                scale = self.unigram_weight if len(concept) == 1 else 1.0
                weights[concept] = scale * weight
        return weights


DANGLING = frozenset(
    "he she it they his her its their him them this these those that such but and also so yet"
    " however still meanwhile then there here".split()
)


def _dangling(text: str) -> bool:
    first = words(text[:40])
    return bool(first) and first[0].lower() in DANGLING


def _concepts(terms: tuple[str, ...]) -> frozenset[tuple[str, ...]]:
    return frozenset([(t,) for t in terms] + list(itertools.pairwise(terms)))
