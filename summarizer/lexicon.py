"""Words as the rankers and the clusterer compare them: lower-cased, stemmed, stopwords apart.

Stemming uses the Snowball stemmers (`snowballstemmer`, the algorithms NLTK's
SnowballStemmer wraps) and stopwords come from the lists sumy ships, so nothing is
downloaded and NLTK is imported only by sumy's own rankers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from typing import TYPE_CHECKING

import numpy as np
import snowballstemmer

from .languages import stopwords
from .segment import words

if TYPE_CHECKING:
    from scipy import sparse

PAIRS_IN_NUMPY = 4_000_000  # above this many term-sharing pairs, scipy's sparse product is used


@cache
def _stems(language: str) -> dict[str, str]:
    """Stems already computed for `language`: news repeats its words, so each is stemmed
    once per process (by PyStemmer's C code; snowballstemmer's pure Python took 85% of a
    story's time)."""
    stopwords(language)  # validates the name
    return {}


def _stem(words: list[str], language: str) -> tuple[str, ...]:
    known = _stems(language)
    new = [w for w in dict.fromkeys(words) if w not in known]
    if new:
        known.update(zip(new, snowballstemmer.stemmer(language).stemWords(new), strict=True))
    return tuple(known[w] for w in words)


def stem_words(words: list[str], language: str) -> tuple[str, ...]:
    """The Snowball stem of each (lower-case) word, cached per process."""
    return _stem(words, language)


@dataclass(frozen=True)
class Lexicon:
    """Content-word stems per sentence and their TF-IDF vectors (rows L2-normalised).

    The vectors are kept as coordinates (`rows`, `columns`, `weights`, sorted by row then
    column) and similarity is computed with numpy alone: importing scipy.sparse costs
    more than summarizing a story, so `vectors` builds its matrix only when asked.
    `tokens` holds every text's term ids in order (`token_rows`: the text of each), for
    rankers that look at neighbouring terms.
    """

    terms: tuple[tuple[str, ...], ...]
    rows: np.ndarray
    columns: np.ndarray
    weights: np.ndarray
    vocabulary_size: int
    tokens: np.ndarray
    token_rows: np.ndarray

    @property
    def vectors(self) -> sparse.csr_matrix:
        """The TF-IDF vectors as a scipy CSR matrix, a row per text."""
        from scipy import sparse

        shape = (len(self.terms), self.vocabulary_size)
        return sparse.csr_matrix((self.weights, (self.rows, self.columns)), shape=shape)

    def similarity(self) -> np.ndarray:
        """Cosine similarity of every pair of texts (a dense square array; computed once,
        so callers must not change it)."""
        return self._similarity

    @cached_property
    def _similarity(self) -> np.ndarray:
        n = len(self.terms)
        order = np.argsort(self.columns, kind="stable")  # entries grouped by term
        columns, rows, weights = self.columns[order], self.rows[order], self.weights[order]
        starts = np.flatnonzero(np.r_[True, columns[1:] != columns[:-1]]) if n else columns
        sizes = np.diff(np.r_[starts, len(columns)])
        if int((sizes.astype(np.int64) ** 2).sum()) > PAIRS_IN_NUMPY:
            product = self.vectors @ self.vectors.T
            return np.asarray(product.toarray(), dtype=np.float64)
        # Every pair of entries that share a term, (first, second), as flat index arrays.
        per_entry = np.repeat(sizes, sizes)
        first = np.repeat(np.arange(len(columns)), per_entry)
        group_start = np.repeat(np.repeat(starts, sizes), per_entry)
        offset = np.arange(len(first)) - np.repeat(np.cumsum(per_entry) - per_entry, per_entry)
        second = group_start + offset
        pair_weights = weights[first] * weights[second]
        flat = rows[first].astype(np.int64) * n + rows[second]
        return np.bincount(flat, weights=pair_weights, minlength=n * n).reshape(n, n)


def content_terms(text: str, language: str) -> tuple[str, ...]:
    """Stems of the words in `text` that are not stopwords or bare numbers."""
    stop = stopwords(language)
    lowered = words(text.lower().replace("’", "'"))
    return _stem([w for w in lowered if w not in stop and not _is_number(w)], language)


def name_terms(text: str, language: str) -> tuple[str, ...]:
    """Stems of the capitalised content words that do not open a sentence: mostly names.

    Lower-cased text has none; in a Title Case headline every word after the first counts.
    A sentence opens a line or follows final punctuation: cruder than `split_sentences`
    (a name after "Mr." is missed), and several times faster on a day's feed.
    """
    stop = stopwords(language)
    named = []
    for line in text.splitlines():
        first = _FIRST_WORD.search(line)
        opening = first.start() if first else -1  # the line's first word opens a sentence
        for match in _CAPITALISED.finditer(line):
            word = match.group("word")
            if match.group("end") or match.start("word") == opening or not word[0].isupper():
                continue
            lowered = word.lower().replace("’", "'")
            if lowered not in stop:
                named.append(lowered)
    return _stem(named, language)


def stems(words: Sequence[str], language: str) -> tuple[str, ...]:
    """The stem of each word (lower-cased already), as `content_terms` stems them."""
    return _stem(list(words), language)


def _is_number(word: str) -> bool:
    return word[0].isdigit() and word.replace(".", "").isdigit()


_FIRST_WORD = re.compile(r"\w")
# A word that does not start with a lower-case ASCII letter or a digit (the regular
# expression leaves other scripts' capitals to str.isupper), and the final punctuation
# right before it, if any.
_CAPITALISED = re.compile(
    r"(?P<end>[.!?…][\"'”’»)\]]*\s+[\"'“‘«(\[]*)?\b(?P<word>(?![a-z])[^\W\d_]\w*(?:[-'’.]\w+)*)"
)


def analyse(texts: Sequence[str], language: str) -> Lexicon:
    """Terms and TF-IDF vectors (log tf, smooth idf) for a set of sentences."""
    return vectorise(tuple(content_terms(t, language) for t in texts))


def vectorise(
    terms: tuple[tuple[str, ...], ...], *, idf_power: float = 1.0, min_documents: int = 0
) -> Lexicon:
    """TF-IDF vectors (log tf, smooth idf, rows L2-normalised) of the given term lists.

    `idf_power` above 1 sharpens the idf, so that rare terms weigh more against common ones;
    `min_documents` counts the idf over at least that many texts, as if the others had
    none of the terms (a term in every text of a small set then still weighs).
    """
    vocabulary: dict[str, int] = {}
    ids = [vocabulary.setdefault(term, len(vocabulary)) for text in terms for term in text]
    tokens = np.asarray(ids, dtype=np.int64)
    text_of = np.repeat(np.arange(len(terms), dtype=np.int64), [len(t) for t in terms])
    size = max(len(vocabulary), 1)
    keys, counts = np.unique(text_of * size + tokens, return_counts=True)
    rows, columns = keys // size, keys % size
    document_frequency = np.bincount(columns, minlength=len(vocabulary))
    documents = max(len(terms), min_documents)
    weights = tf_idf(rows, columns, counts, document_frequency, documents, idf_power)
    return Lexicon(terms, rows, columns, weights, len(vocabulary), tokens, text_of)


def tf_idf(
    rows: np.ndarray,
    columns: np.ndarray,
    counts: np.ndarray,
    document_frequency: np.ndarray,
    documents: int,
    idf_power: float = 1.0,
) -> np.ndarray:
    """Weights (log tf, smooth idf to `idf_power`, rows L2-normalised) of the entries
    (`rows`, `columns`, sorted by row then column) that a term occurs `counts` times in a
    text, given each term's `document_frequency` among `documents` texts (a pool split
    across machines gives the whole pool's, so that every part weighs alike)."""
    idf = np.log((1 + documents) / (1 + document_frequency)) + 1.0
    weights = (1.0 + np.log(counts)) * idf[columns] ** idf_power
    norms = np.sqrt(np.bincount(rows, weights=weights**2, minlength=int(rows.max(initial=-1)) + 1))
    return np.asarray(weights / norms[rows])
