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
        concepts, remaining = self._concepts(sentences, lexicon)
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
            remaining[concepts[i]] = 0.0  # covered: worth nothing to the sentences after
        scores = [0.0] * n
        for rank, i in enumerate(order):
            scores[i] = float(n - rank)
        return scores

    def _concepts(
        self, sentences: Sequence[Sentence], lexicon: Lexicon
    ) -> tuple[list[np.ndarray], np.ndarray]:
        """Each sentence's concepts (its content words and the pairs of neighbouring ones)
        as ids, and each concept's weight: the number of articles that carry it, minus one
        (so a concept of one article is worth nothing) or, for a single article, the number
        of its sentences that do, minus one; a word counts `unigram_weight` of a bigram."""
        n, size = len(sentences), max(lexicon.vocabulary_size, 1)
        tokens, rows = lexicon.tokens, lexicon.token_rows
        neighbours = rows[1:] == rows[:-1]
        bigrams = size + tokens[:-1][neighbours] * size + tokens[1:][neighbours]
        raw = np.concatenate([tokens, bigrams])
        raw_rows = np.concatenate([rows, rows[1:][neighbours]])
        kinds, concept = np.unique(raw, return_inverse=True)
        count = max(len(kinds), 1)
        pairs = np.unique(raw_rows * count + concept)  # each (sentence, concept) once
        pair_rows, pair_concepts = pairs // count, pairs % count
        ends = np.searchsorted(pair_rows, np.arange(1, n + 1))
        per_sentence = np.split(pair_concepts, ends[:-1]) if n else []
        codes = {a: k for k, a in enumerate(dict.fromkeys(s.article_id for s in sentences))}
        if len(codes) > 1:
            article = np.array([codes[s.article_id] for s in sentences], dtype=np.int64)
            carried = np.unique(pair_concepts * len(codes) + article[pair_rows]) // len(codes)
            carriers = np.bincount(carried, minlength=len(kinds))
        else:
            carriers = np.bincount(pair_concepts, minlength=len(kinds))
        scale = np.where(kinds < size, self.unigram_weight, 1.0)
        return per_sentence, np.maximum(carriers - 1, 0) * scale


DANGLING = frozenset(
    "he she it they his her its their him them this these those that such but and also so yet"
    " however still meanwhile then there here".split()
)


def _dangling(text: str) -> bool:
    first = words(text[:40])
    return bool(first) and first[0].lower() in DANGLING
