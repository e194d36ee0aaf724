"""Group the sentences of all versions by what they say.

Average-linkage agglomerative clustering over TF-IDF cosine similarity: two groups merge
while their sentences are, on average, at least `threshold` alike. One fact told by five
outlets in different words, quote marks or order shares its content words, and so lands
in one cluster; a sentence with no content words stays alone, unless another outlet
printed it in the same words. Two sentences of the same
article never share a cluster: an article that says a thing twice still reported it once,
and a cluster spanning two of its sentences would merge two different facts.

The clustering is our own few lines of numpy rather than scipy's `linkage`: we need only
the clusters above one threshold, not the whole tree, and importing scipy.cluster alone
took longer than summarizing the seeds (README, "Performance").
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .lexicon import Lexicon


def cluster(
    lexicon: Lexicon,
    articles: Sequence[str],
    threshold: float,
    texts: Sequence[str] | None = None,
) -> list[int]:
    """A cluster label per sentence, numbered 0, 1, ... in order of first appearance.

    `articles` names the article of each sentence; with `texts`, sentences printed in
    the same words (case and spacing aside) are alike even with no content words ("The
    cause is not yet known." from three outlets is one sentence, not three).
    """
    n = len(lexicon.terms)
    if n < 2:
        return list(range(n))
    similarity = lexicon.similarity().copy()
    if texts is not None:
        same = np.unique([" ".join(t.casefold().split()) for t in texts], return_inverse=True)[1]
        similarity[same[:, None] == same[None, :]] = 1.0
    codes = np.unique(np.asarray(articles), return_inverse=True)[1]
    # So unlike that no average over fewer than n * n pairs can bring it up to a threshold.
    similarity[codes[:, None] == codes[None, :]] = -float(n * n)
    owner = average_linkage(similarity, threshold)
    renumbered: dict[int, int] = {}
    return [renumbered.setdefault(int(root), len(renumbered)) for root in owner]


def average_linkage(similarity: np.ndarray, threshold: float) -> np.ndarray:
    """For each item, the first item of its cluster: clusters merge, most similar pair
    first, while the mean similarity between their members is at least `threshold`.

    The same clusters as cutting scipy's average-linkage tree at distance 1 - threshold.
    Each row keeps its best partner, so a merge updates one row and re-scans only the rows
    whose best partner it changed: about n * n work in all, not n * n * n.
    """
    n = similarity.shape[0]
    merged = np.array(similarity, dtype=np.float64)
    np.fill_diagonal(merged, -np.inf)
    size = np.ones(n)
    owner = np.arange(n)
    best = merged.argmax(axis=1)
    best_value = merged[np.arange(n), best]
    while True:
        i = int(best_value.argmax())
        j = int(best[i])
        if not best_value[i] >= threshold:  # also stops on -inf: nothing left to merge
            break
        i, j = min(i, j), max(i, j)  # the merged cluster keeps the earlier index
        row = (size[i] * merged[i] + size[j] * merged[j]) / (size[i] + size[j])
        row[[i, j]] = -np.inf
        merged[i], merged[:, i] = row, row
        merged[j], merged[:, j] = -np.inf, -np.inf
        size[i] += size[j]
        owner[owner == j] = i
        best_value[j] = -np.inf
        stale = np.flatnonzero((best == i) | (best == j))
        stale = stale[stale != j]
        best[stale] = merged[stale].argmax(axis=1)
        best_value[stale] = merged[stale, best[stale]]
        better = row > best_value
        best[better], best_value[better] = i, row[better]
        best[i] = int(row.argmax())
        best_value[i] = row[best[i]]
    return owner
