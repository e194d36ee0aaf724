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
from collections.abc import Sequence

import numpy as np

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
        n = len(sentences)
        # Concepts as integer ids: (sentence, concept) pairs, each sentence's ids in an array.
        ids: dict[tuple[str, ...], int] = {}
        concepts = [
            np.array([ids.setdefault(c, len(ids)) for c in _concepts(terms)], dtype=np.int64)
            for terms in lexicon.terms
        ]
        remaining = self._weights(sentences, concepts, ids)  # zeroed as concepts get covered
        static = [
            (1.0 + sentence.position) ** -self.position_decay
            / max(len(words(sentence.text)), 1) ** self.length_exponent
            * (self.dangling_penalty if _dangling(sentence.text) else 1.0)
            for sentence in sentences
        ]

        def gain(i: int) -> float:
            return static[i] * float(remaining[concepts[i]].sum())

        heap = [(-gain(i), i) for i in range(n)]
        heapq.heapify(heap)
        order: list[int] = []
        while heap:
            _, i = heapq.heappop(heap)
            fresh = gain(i)
            if heap and fresh < -heap[0][0]:  # a stale bound: re-queue with the true gain
                heapq.heappush(heap, (-fresh, i))
                continue
            order.append(i)
            remaining[concepts[i]] = 0.0
        scores = [0.0] * n
        for rank, i in enumerate(order):
            scores[i] = float(n - rank)
        return scores

    def _weights(
        self,
        sentences: Sequence[Sentence],
        concepts: list[np.ndarray],
        ids: dict[tuple[str, ...], int],
    ) -> np.ndarray:
        """Per concept id: the number of articles that carry it, minus one (so a concept of
        one article is worth nothing) or, for a single article, the number of its
        sentences that do, minus one; a word counts `unigram_weight` of a bigram."""
        if not ids:
            return np.zeros(0)
        article_codes = {a: k for k, a in enumerate(dict.fromkeys(s.article_id for s in sentences))}
        concept = np.concatenate(concepts)
        if len(article_codes) > 1:
            article = np.repeat(
                [article_codes[s.article_id] for s in sentences], list(map(len, concepts))
            )
            pairs = np.unique(concept * len(article_codes) + article)
            carriers = np.bincount(pairs // len(article_codes), minlength=len(ids))
        else:
            carriers = np.bincount(concept, minlength=len(ids))
        scale = np.array([1.0 if len(c) > 1 else self.unigram_weight for c in ids])
        return np.maximum(carriers - 1, 0) * scale


DANGLING = frozenset(
    "he she it they his her its their him them this these those that such but and also so yet"
    " however still meanwhile then there here".split()
)


def _dangling(text: str) -> bool:
    first = words(text[:40])
    return bool(first) and first[0].lower() in DANGLING


def _concepts(terms: tuple[str, ...]) -> frozenset[tuple[str, ...]]:
    return frozenset([(t,) for t in terms] + list(itertools.pairwise(terms)))
