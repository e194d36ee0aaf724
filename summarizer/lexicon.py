"""Words as the rankers and the clusterer compare them: lower-cased, stemmed, stopwords apart.

Stemming uses the Snowball stemmers (`snowballstemmer`, the algorithms NLTK's
SnowballStemmer wraps) and stopwords come from the lists sumy ships, so nothing is
downloaded and NLTK is imported only by sumy's own rankers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np
import snowballstemmer
from scipy import sparse

from .errors import ConfigError
from .segment import words


def languages() -> list[str]:
    """Languages with both a stemmer and a stopword list."""
    stopword_files = resources.files("sumy") / "data" / "stopwords"
    listed = {p.name.removesuffix(".txt") for p in stopword_files.iterdir()}
    return sorted(listed & set(snowballstemmer.algorithms()))


@cache
def stopwords(language: str) -> frozenset[str]:
    path = resources.files("sumy") / "data" / "stopwords" / f"{language}.txt"
    if language not in languages():
        raise ConfigError(f"unknown language {language!r}; choose one of: {', '.join(languages())}")
    return frozenset(w.strip() for w in path.read_text(encoding="utf-8").split() if w.strip())


@cache
def _stems(language: str) -> dict[str, str]:
    """Stems already computed for `language`: a pure-Python Snowball stemmer costs about
    0.1 ms a word, and news repeats its words, so each word is stemmed once per process."""
    stopwords(language)  # validates the name
    return {}


def _stem(words: list[str], language: str) -> tuple[str, ...]:
    known = _stems(language)
    new = [w for w in dict.fromkeys(words) if w not in known]
    if new:
        known.update(zip(new, snowballstemmer.stemmer(language).stemWords(new), strict=True))
    return tuple(known[w] for w in words)


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Content-word stems per sentence and their TF-IDF vectors (rows L2-normalised)."""

    terms: tuple[tuple[str, ...], ...]
    vectors: sparse.csr_matrix

    def similarity(self) -> np.ndarray:
        """Cosine similarity of every pair of sentences (a dense square array)."""
        product = (self.vectors @ self.vectors.T).toarray()
        return np.asarray(product, dtype=np.float64)


def content_terms(text: str, language: str) -> tuple[str, ...]:
    """Stems of the words in `text` that are not stopwords or bare numbers."""
    stop = stopwords(language)
    lowered = [w.lower().replace("’", "'") for w in words(text)]
    kept = [w for w in lowered if w not in stop and not w.replace(".", "").isdigit()]
    return _stem(kept, language)


def analyse(texts: Sequence[str], language: str) -> Lexicon:
    """Terms and TF-IDF vectors (log tf, smooth idf) for a set of sentences."""
    terms = tuple(content_terms(t, language) for t in texts)
    vocabulary: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    for row, sentence_terms in enumerate(terms):
        for term in sentence_terms:
            rows.append(row)
            cols.append(vocabulary.setdefault(term, len(vocabulary)))
    shape = (len(terms), len(vocabulary))
    counts = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=shape)
    counts.sum_duplicates()
    document_frequency = np.bincount(counts.indices, minlength=len(vocabulary))
    idf = np.log((1 + len(terms)) / (1 + document_frequency)) + 1.0
    counts.data = 1.0 + np.log(counts.data)
    weighted = counts @ sparse.diags(idf)
    norms = np.sqrt(np.asarray(weighted.multiply(weighted).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return Lexicon(terms=terms, vectors=sparse.csr_matrix(sparse.diags(1 / norms) @ weighted))
