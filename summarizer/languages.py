"""The languages we can read: a Snowball stemmer and one of sumy's stopword lists each.

Kept apart from `lexicon` (which needs numpy) so that settings and `--help` can name and
check languages without importing numpy.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

import snowballstemmer

from .errors import ConfigError


@cache
def languages() -> tuple[str, ...]:
    """Languages with both a stemmer and a stopword list."""
    stopword_files = resources.files("sumy") / "data" / "stopwords"
    listed = {p.name.removesuffix(".txt") for p in stopword_files.iterdir()}
    return tuple(sorted(listed & set(snowballstemmer.algorithms())))


@cache
def stopwords(language: str) -> frozenset[str]:
    """The language's stopwords; an unknown language is a ConfigError listing the known."""
    if language not in languages():
        raise ConfigError(f"unknown language {language!r}; choose one of: {', '.join(languages())}")
    path = resources.files("sumy") / "data" / "stopwords" / f"{language}.txt"
    return frozenset(w.strip() for w in path.read_text(encoding="utf-8").split() if w.strip())
