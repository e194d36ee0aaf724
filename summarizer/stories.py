"""Group a day's articles into stories: the articles that report the same event.

TF-IDF over title and body, cosine similarity damped by the time between publication
dates, and average-linkage clustering cut at `THRESHOLD` (Miranda et al. 2018 show this
family is the proven baseline for news). Syndicated and wire copies inside a story are
found as near-identical texts (`COPY`), so that copies do not count as separate reports.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform

from .lexicon import analyse
from .model import Article

THRESHOLD = 0.12  # average cosine (after time damping) at which articles share a story
TIME_SCALE = 30.0  # days: two articles this far apart count half as similar
COPY = 0.9  # cosine at which two articles are copies of one text


def group(articles: Sequence[Article], language: str) -> list[list[int]]:
    """Stories as lists of indices into `articles`; every article is in exactly one.

    Stories come in order of their first article, and each lists its articles in input order.
    """
    n = len(articles)
    if n < 2:
        return [[i] for i in range(n)]
    similarity = _similarity(articles, language)
    distance = np.clip(1.0 - similarity, 0.0, 1.0)
    np.fill_diagonal(distance, 0.0)
    tree = linkage(squareform(distance, checks=False), method="average")
    labels = fcluster(tree, t=1.0 - THRESHOLD, criterion="distance")
    stories: dict[int, list[int]] = {}
    for index, label in enumerate(labels):
        stories.setdefault(int(label), []).append(index)
    return list(stories.values())


def copies(articles: Sequence[Article], language: str) -> list[list[int]]:
    """Groups of near-identical articles (wire copies), as indices, in input order."""
    n = len(articles)
    if n < 2:
        return [[i] for i in range(n)]
    similarity = analyse([a.text for a in articles], language).similarity()
    owner = list(range(n))
    for i in range(n):
        for j in range(i):
            if similarity[i, j] >= COPY:
                owner[i] = owner[j]
                break
    found: dict[int, list[int]] = {}
    for index, first in enumerate(owner):
        found.setdefault(first, []).append(index)
    return list(found.values())


def _similarity(articles: Sequence[Article], language: str) -> np.ndarray:
    texts = [f"{a.title}\n{a.text}" if a.title else a.text for a in articles]
    similarity = analyse(texts, language).similarity()
    days = [_day(a.published) for a in articles]
    if all(d is not None for d in days):
        ordinal = np.array(days, dtype=np.float64)
        similarity /= 1.0 + np.abs(ordinal[:, None] - ordinal[None, :]) / TIME_SCALE
    return similarity


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _day(published: str) -> int | None:
    """The publication day as an ordinal, from an ISO date or date-time; None if unknown."""
    found = _ISO_DAY.match(published.strip())
    if not found:
        return None
    try:
        return dt.date.fromisoformat(found.group()).toordinal()
    except ValueError:
        return None
