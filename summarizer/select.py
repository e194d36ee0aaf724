"""Choose the briefing: one representative per cluster, most important clusters first.

Each cluster is represented by its best-ranked sentence. Clusters are ordered by that
sentence's rank (scaled to 0..1, so every ranker's scores compare alike) plus a bonus for
the share of articles that reported the cluster's fact; they are taken in that order
until the length budget is spent. The cluster credits every outlet whose sentence is in it.
"""

from __future__ import annotations

from collections.abc import Sequence

from .lexicon import Lexicon
from .model import Item, Sentence
from .segment import words

SUPPORT_WEIGHT = 0.5  # rank share traded for the share of articles that carried a fact
REDUNDANCY = 0.5  # a representative this similar to one already chosen says the same thing


def select(
    sentences: Sequence[Sentence],
    labels: Sequence[int],
    scores: Sequence[float],
    lexicon: Lexicon,
    *,
    max_sentences: int | None,
    max_words: int | None,
) -> list[Item]:
    """The briefing's items in reading order, within `max_sentences` and `max_words`."""
    if not sentences:
        return []
    article_order = {a: i for i, a in enumerate(dict.fromkeys(s.article_id for s in sentences))}
    ranked = sorted(
        range(len(sentences)),
        key=lambda i: (-scores[i], article_order[sentences[i].article_id], sentences[i].position),
    )
    standing = {i: 1.0 - r / len(ranked) for r, i in enumerate(ranked)}
    members: dict[int, list[int]] = {}
    for i in ranked:  # best-ranked first, so members[label][0] is the representative
        members.setdefault(labels[i], []).append(i)
    n_articles = len(article_order)

    def priority(label: int) -> tuple[float, int]:
        group = members[label]
        support = len({sentences[i].article_id for i in group})
        share = (support - 1) / (n_articles - 1) if n_articles > 1 else 0.0
        return (-(standing[group[0]] + SUPPORT_WEIGHT * share), ranked.index(group[0]))

    similarity = lexicon.similarity()
    chosen: list[int] = []
    items: list[Item] = []
    total_words = 0
    for label in sorted(members, key=priority):
        if max_sentences is not None and len(items) >= max_sentences:
            break
        group = members[label]
        head = group[0]
        length = len(words(sentences[head].text))
        if max_words is not None and total_words + length > max_words:
            continue
        if any(similarity[head, other] >= REDUNDANCY for other in chosen):
            continue
        chosen.append(head)
        total_words += length
        items.append(_item(sentences, group, article_order))
    return items


def _item(sentences: Sequence[Sentence], group: list[int], article_order: dict[str, int]) -> Item:
    head = sentences[group[0]]
    in_order = sorted(group, key=lambda i: (article_order[sentences[i].article_id], i))
    return Item(
        text=head.text,
        sources=tuple(dict.fromkeys(sentences[i].source for i in in_order)),
        article_ids=tuple(dict.fromkeys(sentences[i].article_id for i in in_order)),
        article_id=head.article_id,
        position=head.position,
    )
