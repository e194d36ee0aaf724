"""The data that flows between the pipeline's stages: small, frozen, and carrying its source."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Article:
    """One outlet's version of a story, as read and (later) cleaned."""

    id: str
    source: str
    text: str
    title: str = ""
    url: str = ""
    published: str = ""


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence exactly as an article printed it, with where it stands in that article."""

    text: str
    article_id: str
    source: str
    position: int


@dataclass(frozen=True, slots=True)
class Item:
    """One sentence of a briefing: the representative of a cluster and every outlet in it."""

    text: str
    sources: tuple[str, ...]
    article_ids: tuple[str, ...]
    article_id: str
    position: int


@dataclass(frozen=True, slots=True)
class Briefing:
    """What the renderers turn into Markdown, HTML, JSON or text."""

    title: str
    items: tuple[Item, ...]
    articles: tuple[Article, ...]
    ranker: str

    @property
    def outlets(self) -> tuple[str, ...]:
        """Every distinct outlet among the inputs, in input order."""
        return tuple(dict.fromkeys(article.source for article in self.articles))
