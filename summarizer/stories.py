"""Group a day's articles into stories: the articles that report the same happening.

A story is an event, not a topic: its articles report the same who, where and when. A
false merge fakes corroboration ("5 outlets") and hides the second event, so precision
comes first. Each article is a TF-IDF vector of its title and body in which a name (a
capitalised word inside a sentence) counts `NAME_WEIGHT` more times than a common word,
and the idf is sharpened (`IDF_POWER`; counted over at least `MIN_DOCUMENTS` articles,
so that five versions of one story, alone in a pool, are not made unlike by it). The
cosine of two articles is then weighed by three kinds of evidence:

- when: damped by the days between their publication dates, 1 / (1 + (days /
  `TIME_SCALE`) ** 2): nearly whole within two days, half at four, a fifth at eight (a
  happening is reported within days). An undated article is grouped by content alone,
  without pretending to know its day: it counts as `TIME_SCALE` days from any other, so
  two undated articles need twice the likeness of two reports of one day;
- who and where: two articles that both print names but share none count
  `UNSHARED_NAMES` of their likeness (an opinion piece on the day's subject, the same
  kind of event in another country); an article without names is judged on its words.
  The days and months (`lexicon.CALENDAR`: two reports of one Sunday share "Sunday"
  whatever happened) and a word that more than `COMMON_NAME` of the pool's articles print
  ("Fire", "Rescue", "Service" in a pool of fire reports) are no such names here, though
  they still weigh as names in the vectors: they say nothing of who or where;
- how alike: average-linkage clusters cut at `THRESHOLD`. Average linkage alone chains a
  topic's events together through intermediate articles, so each cluster is then
  checked against its core (its most central articles): an article whose mean
  similarity to the core is under `CORE_FIT` leaves, and those that left are grouped
  again among themselves.

Syndicated and wire copies inside a story are found as near-identical texts (`COPY`) that
print the same specifics in the same words (`specifics.py`), so that copies do not count
as separate reports while a copy that changes a figure, or only its wording ("9.21
million" for "9.2 million", "five" for "5"), stays a report of its own. `headline` heads a story
with the title of its most central article, without the outlet's name; `explain` says
which names and terms most of its articles share.

A large pool is not compared pair by pair. Above `EXACT_LIMIT` articles, candidate pairs
come from an inverted index of each article's `INDEX_TERMS` heaviest terms; the pairs at
least `THRESHOLD` alike form a graph, and each connected component is grouped on its own
by `group_part`, a plain function of the component's vectors, names and days. Average linkage
never merges across such components (a merge needs an average of at least `THRESHOLD`,
so at least one pair that high) and the core check only splits, so this gives the exact
result whenever the index finds every such pair. A component larger than `EXACT_LIMIT` is
split by raising the edge threshold step by step; only there does the result differ.

The settings were chosen with `benchmarks/grouping.py` on BASIL (100 dated events, each
told by three outlets), DUC 2003 and BASIL pooled with their dates (a merge across their
stories is always wrong, so precision there is exact) and the first 8,000 Multi-News
documents (undated, many stories on one subject); B-cubed precision / recall there are
1.000 / 0.978, 0.976 / 0.732 and 0.901 / 0.626 (F1 0.738; 0.731 / 0.745 before). DUC's
recall is lost on its topics, followed for up to three months, whose different events
(a typhoon and Philippine inflation) the time window now keeps apart. Of Multi-News's
lost precision, about 0.06 is boilerplate (a web archive's crawl notice, a
tweet-embedding notice) carried word for word by documents of many stories, which no
grouping by content can tell apart; on the 8,000 first documents that Multi-News+ keeps,
precision is 0.956. Tried and rejected this time: a window of 2 days (BASIL recall 0.97
at threshold 0.14 but DUC+BASIL recall 0.70), 7 or 20 days (DUC+BASIL precision 0.957,
0.941), and 60 as before (0.911); the damping by days rather than their square (DUC+BASIL
0.980 / 0.718, BASIL recall 0.973, but the same summit reported a week later joined);
one threshold for dated and undated articles alike (BASIL recall falls to 0.74 when
Multi-News reaches 0.90 precision); titles counted twice more, names four times (no
better); dropping the terms of a single article (Multi-News F1 0.743 against 0.756 with
the sharpened idf at one setting), idf squared (0.751); a core of a third, three
quarters or all of a cluster, and setting the outliers apart one by one instead of
grouping them again (each within 0.002). The names rule is what keeps the hand-made
pools of the tests apart; their stories on one subject seldom both print names and share
none. At a half, it changed none of the three figures but left two same-day warehouse
fires in two cities, told in the same words, one story (likeness 0.50 to 0.68, halved
still above `THRESHOLD`); at a fifth, with days, months and common words no names, it
costs DUC 2003 + BASIL 0.005 of recall (0.737 before) and changes no other figure. Still
open: among a larger day's news, where "Fire" and "Service" print in few articles, those
two fires share them as names and are joined; telling a generic word of an institution's
name from a place needs evidence beyond the pool (a name printed most often was tried: in
short reports every name is printed once).

Rejected earlier, when the target was F1 on DUC (one setting then scored 0.881 on DUC,
0.958 on BASIL and 0.813 on 1,500 Multi-News articles): bigrams, complete linkage,
keeping each article's top terms only, attaching leftovers to the nearest story, damping
by the gap between stories' date ranges, attaching each article left alone to its
nearest neighbour's story (DUC 0.917, Multi-News 0.784), single-pass clustering against
story centroids in date order as TDT systems do (DUC at most 0.841), and LSA vectors of
100 or 200 dimensions (DUC at most 0.868). Nine DUC documents belong to two stories each,
which caps its F1 at 0.965.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlsplit

import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import connected_components

from .cluster import average_linkage
from .lexicon import CALENDAR, analyse, content_terms, name_terms, stems, vectorise
from .model import Article, Shared
from .segment import words
from .specifics import specifics

THRESHOLD = 0.13  # average damped cosine at which articles share a story
TIME_SCALE = 4.0  # days: two articles this far apart (or undated) count half as similar
TIME_POWER = 2  # the damping falls with the square of the days apart
NAME_WEIGHT = 2  # times a name counts beyond its count as a word
IDF_POWER = 1.5  # idf ** IDF_POWER: rare terms (names, places) weigh more than in plain TF-IDF
CORE_SHARE = 0.5  # the most central share of a cluster's articles that is its core
CORE_FIT = 0.15  # mean damped cosine to the core under which an article leaves its cluster
MIN_DOCUMENTS = 100  # articles the idf counts at least (a small pool, as if among a day's news)
UNSHARED_NAMES = 0.2  # share of the likeness left to two articles that print names but share none
COMMON_NAME = 0.75  # share of the pool's articles printing a word above which it is no name
COPY = 0.9  # cosine at which two articles are copies of one text

EXACT_LIMIT = 2000  # most articles clustered at once from their full similarity matrix
INDEX_TERMS = 20  # an article's heaviest terms, through which it meets its candidates
INDEX_MAX_ARTICLES = 200  # terms in more articles than this are not indexed
INDEX_FLOOR = 0.03  # cosine over the shared indexed terms alone above which a pair is a candidate
PAIR_CHUNK = 20_000  # candidate pairs whose similarity is computed at once (bounds memory)
SPLIT_STEP = 0.02  # how far the edge threshold rises each time a component is too large
SHOWN = 5  # names, and other terms, shown for why a story's articles were joined


@dataclass(frozen=True, slots=True)
class Terms:
    """An article's terms as the grouping reads them (title and text): the stems of its
    content words (`lexicon.content_terms`) and of its names (`lexicon.name_terms`)."""

    words: tuple[str, ...]
    names: tuple[str, ...]

    def dumps(self) -> str:
        """One line: the words, a tab, the names, each separated by spaces."""
        return f"{' '.join(self.words)}\t{' '.join(self.names)}"

    @classmethod
    def loads(cls, line: str) -> Terms | None:
        """The terms `dumps` wrote; None for "" (terms not kept)."""
        if not line:
            return None
        words, _, names = line.partition("\t")
        return cls(tuple(words.split()), tuple(names.split()))

    @classmethod
    def read(cls, article: Article, language: str) -> Terms:
        """`article`'s terms, read from its title and text."""
        text = f"{article.title}\n{article.text}" if article.title else article.text
        return cls(content_terms(text, language), name_terms(text, language))

    @property
    def weighed(self) -> tuple[str, ...]:
        """The terms the article is weighed by: each name `NAME_WEIGHT` more times."""
        return self.words + self.names * NAME_WEIGHT


def group(
    articles: Sequence[Article],
    language: str,
    *,
    exact_limit: int = EXACT_LIMIT,
    background: Sequence[Article] = (),
    terms: Sequence[Terms | None] = (),
) -> list[list[int]]:
    """Stories as lists of indices into `articles`; every article is in exactly one.

    Stories come in order of their first article, and each lists its articles in input
    order. Pools larger than `exact_limit` are first cut into connected components of
    the graph of similar pairs, each grouped by `group_part` (see the module's
    documentation). The idf is counted over `background` too (articles that are not
    grouped, such as earlier news): a few articles alone on a subject would otherwise make
    its common words look rare and its different events alike. `terms`, when given, has
    the `Terms` of `articles` then `background` (None: analysed here), as kept by an
    archive.
    """
    n = len(articles)
    if n == 0:
        return []
    vectors, names = _vectors(articles, language, background, terms)
    days = publication_days(articles)
    if n <= exact_limit:
        return group_part(vectors, names, days)
    parts = _components(vectors, names, days, exact_limit)
    # Rows in component order once, so that each component is a slice (cheap), not a
    # gather of scattered rows.
    order = np.concatenate(parts)
    vectors, names, days = vectors[order], names[order], days[order]
    stories: list[list[int]] = []
    start = 0
    for part in parts:
        end = start + len(part)
        # A component of one or two is an article alone or a pair at least THRESHOLD
        # alike: one story.
        found = (
            [list(range(len(part)))]
            if len(part) <= 2
            else group_part(vectors[start:end], names[start:end], days[start:end])
        )
        stories.extend(part[members].tolist() for members in found)
        start = end
    return sorted(stories)


def publication_days(articles: Sequence[Article]) -> np.ndarray:
    """Each article's publication day as a day number (float); NaN where it gives none."""
    return np.array(
        [a.published_at.toordinal() if a.published_at else np.nan for a in articles],
        dtype=np.float64,
    )


def group_part(
    vectors: sparse.csr_matrix, names: sparse.csr_matrix, days: np.ndarray
) -> list[list[int]]:
    """The stories of one pool or component, as lists of row indices (each sorted, and
    the lists sorted by their first index).

    `vectors`: one L2-normalised row per article, `names`: a row per article marking the
    names it prints (both as `group` builds them); `days`: their publication days
    (`publication_days`). Average-linkage clusters cut at `THRESHOLD`, each checked
    against its core. A plain function of plain data: the large-pool path
    calls it once per connected component, and the calls are independent.
    """
    n = vectors.shape[0]
    if n == 1:
        return [[0]]
    similarity = (vectors @ vectors.T).toarray() * _damping(days[:, None], days[None, :])
    named = names.getnnz(axis=1) > 0
    similarity *= _name_gate((names @ names.T).toarray() > 0, named[:, None] & named[None, :])
    found = _core_check(similarity, np.arange(n))
    return sorted(sorted(members.tolist()) for members in found)


def _core_check(similarity: np.ndarray, nodes: np.ndarray) -> list[np.ndarray]:
    """Average-linkage clusters of `nodes`, each kept to the articles that fit its core;
    those that do not are grouped again among themselves."""
    inside = similarity[np.ix_(nodes, nodes)]
    owner = average_linkage(inside, THRESHOLD)
    found: list[np.ndarray] = []
    for first in np.unique(owner):
        members = np.flatnonzero(owner == first)
        fits = _fits_core(inside[np.ix_(members, members)])
        if fits.all() or fits.sum() < 2:
            found.append(nodes[members])
            continue
        found.append(nodes[members[fits]])
        found.extend(_core_check(similarity, nodes[members[~fits]]))
    return found


def _fits_core(similarity: np.ndarray) -> np.ndarray:
    """Whether each article of a cluster is on average at least `CORE_FIT` alike to the
    cluster's core (`similarity`: the cluster's square matrix).

    The core is the `CORE_SHARE` of the articles (at least two) with the highest mean
    similarity to the others, ties to the earlier; an article of the core is compared
    with the rest of the core. A cluster of two is its own core.
    """
    n = similarity.shape[0]
    if n < 3:
        return np.ones(n, dtype=bool)
    inner = similarity.copy()
    np.fill_diagonal(inner, 0.0)
    size = max(2, math.ceil(n * CORE_SHARE))
    core = np.argsort(-inner.sum(axis=1), kind="stable")[:size]
    in_core = np.zeros(n, dtype=bool)
    in_core[core] = True
    fit = inner[:, core].sum(axis=1) / (size - in_core)
    return np.asarray(fit >= CORE_FIT)


def copies(articles: Sequence[Article], language: str) -> list[list[int]]:
    """Groups of near-identical articles (wire copies), as indices, in input order.

    An article is a copy of an earlier one when their texts are at least `COPY` alike
    and print the same specifics, in order, in the same words: a copy that differs in a
    number ("nine" dead for "five") is another report, which the story's credits and
    disagreements must see, and so is one that words a figure its own way ("5" for
    "five", "40" for "between 38 and 41"): its outlet chose that figure, so it
    weighs on what the briefing chooses as `summarize` weighs it.
    """
    n = len(articles)
    if n < 2:
        return [[i] for i in range(n)]
    similarity = analyse([a.text for a in articles], language).similarity()
    printed: dict[int, tuple[str, ...]] = {}  # read only for near-identical texts (slow)

    def figures(k: int) -> tuple[str, ...]:
        if k not in printed:
            printed[k] = _printed(articles[k].text)
        return printed[k]

    owner = list(range(n))
    for i in range(n):
        for j in range(i):
            if similarity[i, j] >= COPY and figures(i) == figures(owner[j]):
                owner[i] = owner[j]
                break
    found: dict[int, list[int]] = {}
    for index, first in enumerate(owner):
        found.setdefault(first, []).append(index)
    return list(found.values())


def _printed(text: str) -> tuple[str, ...]:
    """The specifics of `text` as printed, in order, approximation words included, case
    and spacing aside ("At least 5", "Sunday")."""
    return tuple(" ".join(text[x.start : x.end].casefold().split()) for x in specifics(text))


def _vectors(
    articles: Sequence[Article],
    language: str,
    background: Sequence[Article] = (),
    known: Sequence[Terms | None] = (),
) -> tuple[sparse.csr_matrix, sparse.csr_matrix]:
    """TF-IDF rows of title and text, idf sharpened (and counted over `background` too),
    in which a name counts once as a word and `NAME_WEIGHT` more times as a name; and a
    row per article marking its names. `known`: terms already read (as `group`)."""
    terms = []
    named = []
    for i, article in enumerate([*articles, *background]):
        found = (known[i] if i < len(known) else None) or Terms.read(article, language)
        terms.append(found.weighed)
        named.append(found.names)
    vectors = vectorise(tuple(terms), idf_power=IDF_POWER, min_documents=MIN_DOCUMENTS).vectors
    vectors, terms = vectors[: len(articles)], terms[: len(articles)]
    named = [who_where(names, language) for names in named[: len(articles)]]
    frequency = Counter(term for weighed in terms for term in set(weighed))
    limit = common_name_limit(len(articles))
    vocabulary: dict[str, int] = {}
    distinct = [  # in order of first use
        {name: None for name in names if frequency[name] <= limit} for names in named
    ]
    rows = [i for i, names in enumerate(distinct) for _ in names]
    columns = [vocabulary.setdefault(name, len(vocabulary)) for ns in distinct for name in ns]
    marks = sparse.csr_matrix(
        (np.ones(len(rows)), (rows, columns)), shape=(len(articles), max(len(vocabulary), 1))
    )
    return vectors, marks


def article_terms(article: Article, language: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The terms an article is weighed by (stems of its title and text, each name
    `NAME_WEIGHT` more times), and its names as evidence of who and where (`who_where`)."""
    terms = Terms.read(article, language)
    return terms.weighed, who_where(terms.names, language)


def who_where(names: Sequence[str], language: str) -> tuple[str, ...]:
    """`names` (stems, as `name_terms` gives them) without the days and months
    (`lexicon.CALENDAR`): two reports of one Sunday share "Sunday" whatever happened."""
    dates = _calendar(language)
    return tuple(name for name in names if name not in dates)


@cache
def _calendar(language: str) -> frozenset[str]:
    return frozenset(stems(sorted(CALENDAR.get(language, ())), language))


def common_name_limit(articles: int) -> float:
    """Articles of a pool of `articles` that may print a word for it to count as a name
    when grouping: a word in more than `COMMON_NAME` of them ("Fire", "Service" in a day
    of fire reports) is no evidence of who or where; a pool of one or two keeps all."""
    return max(2.0, COMMON_NAME * articles)


def _name_gate(share_a_name: np.ndarray, both_named: np.ndarray) -> np.ndarray:
    """How much of the similarity counts, given the names: `UNSHARED_NAMES` when both
    articles print names and share none (the same subject, not the same who and where),
    else all of it (an article with no names, such as a teaser or a lower-cased text,
    is judged on its words)."""
    return np.where(both_named & ~share_a_name, UNSHARED_NAMES, 1.0)


def _damping(days_a: np.ndarray, days_b: np.ndarray) -> np.ndarray:
    """How much of the text similarity counts, given the days apart: 1 on the same day,
    1/2 at `TIME_SCALE` days and when either date is unknown."""
    apart = np.abs(days_a - days_b)
    apart = np.where(np.isnan(apart), TIME_SCALE, apart)
    return 1.0 / (1.0 + (apart / TIME_SCALE) ** TIME_POWER)


def _components(
    vectors: sparse.csr_matrix, names: sparse.csr_matrix, days: np.ndarray, limit: int
) -> list[np.ndarray]:
    """Connected components, of at most `limit` articles, of the graph of similar pairs."""
    rows, cols = _candidate_pairs(vectors)
    side = (vectors, names, days)
    similarity = pair_similarity(side, rows, side, cols)
    keep = similarity >= THRESHOLD
    return split_components(
        np.arange(vectors.shape[0]), rows[keep], cols[keep], similarity[keep], limit
    )


def pair_similarity(
    first: tuple[sparse.csr_matrix, sparse.csr_matrix, np.ndarray],
    rows: np.ndarray,
    second: tuple[sparse.csr_matrix, sparse.csr_matrix, np.ndarray],
    cols: np.ndarray,
) -> np.ndarray:
    """The similarity (damped by the days, gated by the names) of each pair of articles
    (row `rows[k]` of `first`, row `cols[k]` of `second`; each side is (vectors, names,
    days) as `group` builds them)."""
    similarity = np.zeros(len(rows))
    shared = np.zeros((len(rows), 1))
    for start in range(0, len(rows), PAIR_CHUNK):
        chunk = slice(start, start + PAIR_CHUNK)
        products = first[0][rows[chunk]].multiply(second[0][cols[chunk]])
        similarity[chunk] = np.asarray(products.sum(axis=1)).ravel()
        shared[chunk] = np.asarray(
            first[1][rows[chunk]].multiply(second[1][cols[chunk]]).sum(axis=1)
        )
    similarity *= _damping(first[2][rows], second[2][cols])
    named_first, named_second = first[1].getnnz(axis=1) > 0, second[1].getnnz(axis=1) > 0
    return similarity * _name_gate(shared.ravel() > 0, named_first[rows] & named_second[cols])


def split_components(
    nodes: np.ndarray,
    rows: np.ndarray,
    cols: np.ndarray,
    weights: np.ndarray,
    limit: int,
    threshold: float = THRESHOLD,
) -> list[np.ndarray]:
    """Components of the edges (`rows`, `cols`, `weights`) among `nodes`, split until small."""
    position = np.full(int(nodes.max()) + 1, -1, dtype=np.intp)
    position[nodes] = np.arange(len(nodes))
    graph = sparse.coo_matrix(
        (np.ones(len(rows)), (position[rows], position[cols])), shape=(len(nodes),) * 2
    )
    count, labels = connected_components(graph, directed=False)
    order = np.argsort(labels, kind="stable")
    bounds = np.searchsorted(labels[order], np.arange(count + 1))
    parts = []
    raised = threshold + SPLIT_STEP
    for c in range(count):
        members = nodes[order[bounds[c] : bounds[c + 1]]]
        if len(members) <= limit:
            parts.append(members)
            continue
        inside = (labels[position[rows]] == c) & (weights >= raised)
        parts.extend(
            split_components(members, rows[inside], cols[inside], weights[inside], limit, raised)
        )
    return parts


def _candidate_pairs(vectors: sparse.csr_matrix) -> tuple[np.ndarray, np.ndarray]:
    """Pairs (i < j) of articles alike in the `INDEX_TERMS` heaviest terms of each.

    Terms carried by very many articles are left out of the index: every article would
    meet every other through them, and the number of pairs would grow with the square of
    the pool. On Multi-News pooled at 8,000 articles, of the pairs at least `THRESHOLD`
    alike the candidates hold 99% of those within a true story and 65% of those across
    stories, and the grouping scores B-cubed F1 0.738 against the full matrix's 0.731.
    """
    heaviest = index_terms(vectors, np.bincount(vectors.indices, minlength=vectors.shape[1]))
    shared = sparse.triu(heaviest @ heaviest.T, k=1).tocoo()
    keep = shared.data > INDEX_FLOOR
    return shared.row[keep].astype(np.intp), shared.col[keep].astype(np.intp)


def index_terms(vectors: sparse.csr_matrix, frequency: np.ndarray) -> sparse.csr_matrix:
    """`vectors` with only each row's `INDEX_TERMS` heaviest terms among those in at most
    `INDEX_MAX_ARTICLES` articles (`frequency`: articles per term, in the whole pool)."""
    common = frequency > INDEX_MAX_ARTICLES
    heaviest = vectors.copy()
    heaviest.data[common[heaviest.indices]] = 0.0
    for row in range(vectors.shape[0]):
        start, end = heaviest.indptr[row], heaviest.indptr[row + 1]
        if end - start > INDEX_TERMS:
            weights = heaviest.data[start:end]
            weights[np.argsort(-weights, kind="stable")[INDEX_TERMS:]] = 0.0
    heaviest.eliminate_zeros()
    return heaviest


def explain(
    articles: Sequence[Article], stories: Sequence[Sequence[int]], language: str
) -> list[Shared]:
    """Why each story's articles were joined: the names, and the other terms, that more
    than half of its articles (and at least two) print, so that a name of only some of
    them (of one event inside a wrong merge) is not shown as shared; those printed by
    the most of them first, then the rarest in the pool, then alphabetical.

    `stories` lists indices into `articles` (as `group` returns them); terms are shown as
    the articles print them (the commonest spelling of each stem), at most `SHOWN` each.
    """
    per_article = []
    for article in articles:
        text = f"{article.title}\n{article.text}" if article.title else article.text
        printed = set(who_where(name_terms(text, language), language))
        per_article.append((printed, set(content_terms(text, language))))
    pool = Counter(term for names, terms in per_article for term in names | terms)
    found = []
    for story in stories:
        need = max(2, len(story) // 2 + 1)
        names = Counter(n for i in story for n in per_article[i][0])
        terms = Counter(t for i in story for t in per_article[i][1] - per_article[i][0])
        spelled = _spellings([articles[i] for i in story], language)
        shown = [
            tuple(
                _spelling(spelled.get(t) or Counter([t]), capitalised)
                for t in _most_shared(counts, need, pool)
            )
            for counts, capitalised in ((names, True), (terms, False))
        ]
        found.append(Shared(names=shown[0], terms=shown[1]))
    return found


def _most_shared(counts: Counter[str], need: int, pool: Counter[str]) -> list[str]:
    """The `SHOWN` terms counted at least `need` times: the most often, then the rarest
    in the pool, then alphabetical."""
    kept = [term for term, count in counts.items() if count >= need]
    kept.sort(key=lambda term: (-counts[term], pool[term], term))
    return kept[:SHOWN]


def _spellings(articles: Sequence[Article], language: str) -> dict[str, Counter[str]]:
    """How often `articles` print each spelling of each stem."""
    seen: dict[str, Counter[str]] = {}
    for article in articles:
        printed = words(f"{article.title}\n{article.text}")
        lowered = [w.lower().replace("’", "'") for w in printed]
        for word, stem in zip(printed, stems(lowered, language), strict=True):
            seen.setdefault(stem, Counter())[word] += 1
    return seen


def _spelling(counts: Counter[str], capitalised: bool) -> str:
    """The commonest spelling, a capitalised one first for a name and a lower-case one
    first for another term, one without a possessive ending first, then alphabetical."""

    def rank(word: str) -> tuple[bool, bool, int, str]:
        possessive = word.endswith(("'s", "’s"))
        return (word[0].isupper() != capitalised, possessive, -counts[word], word)

    return min(counts, key=rank)


def headline(articles: Sequence[Article], language: str) -> str:
    """The title of the story's most central titled article (the one most alike to the
    others, ties to the earlier), without its outlet's name; "" when none has a title."""
    titled = [i for i, a in enumerate(articles) if a.title.strip()]
    if not titled:
        return ""
    best = titled[0]
    if len(articles) > 2 and len(titled) > 1:
        texts = [f"{a.title}\n{a.text}" for a in articles]
        centrality = analyse(texts, language).similarity().sum(axis=1)
        best = max(titled, key=lambda i: (centrality[i], -i))
    return without_outlet(articles[best])


def without_outlet(article: Article) -> str:
    """The article's title without the outlet's name that many feeds put around it:
    "Summit ends - The Daily Planet", "Daily Planet | Summit ends" give "Summit ends".

    A part before or after a separator (" - ", " | ", ...) is the outlet's name when it
    matches the outlet (`source`) or the name in the link's domain, ignoring case, spaces
    and punctuation; one inside the other counts ("BBC News" and "BBC") when the part has
    three letters or more.
    """
    title = " ".join(article.title.split())
    names = {_key(label) for label in _domain_labels(article.url)}
    names = {name for name in names if len(name) >= 3} | ({_key(article.source)} - {""})
    while True:
        tail = _TAIL.match(title)
        if tail and _names_outlet(tail.group("part"), names):
            title = tail.group("rest")
            continue
        head = _HEAD.match(title)
        if head and _names_outlet(head.group("part"), names):
            title = head.group("rest")
            continue
        return title


_OUTLET_WORDS = 5  # longest part of a title taken for an outlet's name, in words
_TAIL = re.compile(r"(?P<rest>.+?)\s+[-–—|·•]\s+(?P<part>[^-–—|·•]+)$")
_HEAD = re.compile(r"(?P<part>[^|:·•]+?)\s*[|:·•]\s+(?P<rest>.+)$")
_COMMON_LABELS = {"www", "com", "co", "org", "net", "news", "uk", "us", "edition", "rss", "feeds"}


def _key(text: str) -> str:
    return "".join(c for c in text.lower() if c.isalnum())


def _domain_labels(url: str) -> list[str]:
    host = urlsplit(url).hostname or ""
    return [label for label in host.split(".") if label and label not in _COMMON_LABELS]


def _names_outlet(part: str, names: set[str]) -> bool:
    key = _key(part)
    if not key or len(part.split()) > _OUTLET_WORDS:
        return False
    return any(key == name or (len(key) >= 3 and (key in name or name in key)) for name in names)
