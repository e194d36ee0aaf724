"""Group the sentences of all versions by what they say.

Average-linkage agglomerative clustering over TF-IDF cosine similarity: two groups merge
while their sentences are, on average, at least `threshold` alike. One fact told by five
outlets in different words, quote marks or order shares its content words, and so lands
in one cluster; a sentence with no content words stays alone. Two sentences of the same
article never share a cluster: an article that says a thing twice still reported it once,
and a cluster spanning two of its sentences would merge two different facts.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform

from .lexicon import Lexicon


def cluster(lexicon: Lexicon, articles: Sequence[str], threshold: float) -> list[int]:
    """A cluster label per sentence, numbered 0, 1, ... in order of first appearance.

    `articles` names the article of each sentence.
    """
    n = lexicon.vectors.shape[0]
    if n < 2:
        return list(range(n))
    distance = np.clip(1.0 - lexicon.similarity(), 0.0, 1.0)
    # So far apart that no average over fewer than n * n pairs can bridge it.
    codes = np.unique(np.asarray(articles), return_inverse=True)[1]
    distance[codes[:, None] == codes[None, :]] = float(n * n)
    np.fill_diagonal(distance, 0.0)
    tree = linkage(squareform(distance, checks=False), method="average")
    raw = fcluster(tree, t=1.0 - threshold, criterion="distance")
    renumbered: dict[int, int] = {}
    return [renumbered.setdefault(int(label), len(renumbered)) for label in raw]
