"""The daily briefing on a Dask cluster: the same digest as `daily.brief`, from a pool no
one machine holds.

The files are cut into partitions (runs of files up to `PARTITION_BYTES`, a Parquet file
by its row groups) that the workers read, clean and analyse; URLs and standard input are
read here as `ingest.read_paths` reads them and enter as one more partition, the last.
Then, with the whole pool's vocabulary and document frequencies merged on the workers:

1. each partition weighs its articles (`lexicon.tf_idf`, with the pool's frequencies, so
   every weight is the one the local path computes) and lists each article's heaviest
   terms (`stories.index_terms`);
2. that index (some 17 entries an article) is gathered, term by article, on every worker,
   and each partition finds its articles' candidate pairs through it by the sparse
   product `stories._candidate_pairs` computes. (A shuffle of the per-term pairs was
   tried first: at 100,000 articles its pairs took 1.6 GiB per worker);
3. each pair of partitions computes its candidates' similarity; the pairs at least
   `stories.THRESHOLD` alike are reduced, `FOREST_FAN_IN` sets at a time, to a maximum
   spanning forest, which has the same connected components at every threshold, and one
   worker finds the components (split while too large) as `stories.split_components` does;
4. a shuffle on the components brings each component's articles together, and a worker
   groups it into stories (`stories.group_part`);
5. only the most prominent stories' keys come back here; the workers that hold those
   stories summarize them (`daily` rules) and only those summaries come back.

A pool of at most `stories.EXACT_LIMIT` articles is grouped whole on one worker, as the
local path groups it. Each task is retried `RETRIES` times, and the results of a worker
that dies are recomputed from their inputs, so a lost worker costs time, not the run.

Dask (`pip install 'summarizer[dask]'`) is imported only when a cluster is used.
"""

from __future__ import annotations

import datetime as dt
import glob
import json
import logging
import operator
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np
from scipy import sparse

from .config import DEFAULT_LANGUAGE, Settings
from .daily import DEFAULT_SENTENCES_PER_STORY, DEFAULT_STORIES, prominence, summarize_story
from .errors import ClusterError, ConfigError, InputError
from .fetch import TIMEOUT, is_url
from .ingest import SUFFIXES, read_json, read_paths, unreadable_times
from .ingest.files import MANIFEST
from .ingest.outlets import Outlets, name_outlets
from .lexicon import tf_idf
from .model import Article, Briefing, Digest
from .pipeline import prepare
from .stories import (
    EXACT_LIMIT,
    IDF_POWER,
    INDEX_FLOOR,
    MIN_DOCUMENTS,
    THRESHOLD,
    article_terms,
    common_name_limit,
    group,
    group_part,
    index_terms,
    pair_similarity,
    publication_days,
    split_components,
)

log = logging.getLogger(__name__)

PARTITION_BYTES = 32 * 2**20  # files read by one task, at most (a larger file is one task)
PARQUET = ".parquet"
RETRIES = 3  # times a task that fails is tried again
CANDIDATE_ROWS = 1000  # articles whose candidate pairs are found at once (bounds memory)
FOREST_FAN_IN = 8  # edge sets merged into one spanning forest at a time
CONNECT_TIMEOUT = 10  # seconds to wait for a scheduler
EXTRA_HINT = "pip install 'summarizer[dask]'"


@dataclass(frozen=True, slots=True)
class Source:
    """What one task reads: files (any format `read_paths` reads), or a Parquet file's row
    group, or articles read here (from URLs and standard input)."""

    files: tuple[str, ...] = ()
    row_group: int = -1  # with a single Parquet file: the row group read
    articles: tuple[Article, ...] = ()
    outlets: Outlets | None = None  # the user's outlet names, applied as `read_paths` does


_Edges = tuple[np.ndarray, np.ndarray, np.ndarray]  # (i, j, similarity), i < j


@dataclass(frozen=True, slots=True)
class _Part:
    """A partition's articles, read and cleaned, with their terms and publication days."""

    articles: tuple[Article, ...]
    terms: tuple[tuple[str, ...], ...]  # as `stories.article_terms` gives them
    names: tuple[tuple[str, ...], ...]
    days: np.ndarray
    undated: int  # articles left out by the date for having none
    warnings: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Vectors:
    """A partition's TF-IDF rows over the pool's vocabulary, and rows marking the names
    each article prints (as `stories.group` builds both); row r is article `offset + r`."""

    matrix: sparse.csr_matrix
    names: sparse.csr_matrix
    days: np.ndarray
    offset: int


@dataclass(frozen=True, slots=True)
class _Bucket:
    """Stories found on one worker: its articles by index in the pool, and each story's
    indices (ascending) and prominence key (`daily.prominence`)."""

    articles: dict[int, Article]
    stories: list[list[int]]
    keys: list[tuple[int, float, int]]


def brief_on_cluster(
    paths: Sequence[str],
    settings: Settings | None = None,
    *,
    scheduler: str | None = None,
    workers: int | None = None,
    date: dt.date | None = None,
    max_stories: int | None = DEFAULT_STORIES,
    stdin: BinaryIO | None = None,
    timeout: float = TIMEOUT,
    exact_limit: int = EXACT_LIMIT,
    outlets: Outlets | None = None,
) -> Digest:
    """The digest `daily.brief(read_paths(paths), ...)` gives, computed on a Dask cluster.

    `scheduler` is the address of a running one (`tcp://host:8786`); else `workers` local
    worker processes are started for the run. `paths` may also be glob patterns; every
    worker must see the files under the same paths. Articles are made unique by id and
    text within each file, not across files. `exact_limit` is `stories.group`'s; `outlets`
    names outlets as `read_paths` does, on every worker.

    Raises `ConfigError` without Dask installed, `ClusterError` when the scheduler cannot
    be reached, and `InputError` as `read_paths` and `daily.published_on` do.
    """
    settings = settings or Settings(sentences=DEFAULT_SENTENCES_PER_STORY)
    sources, rest = partitions(paths, outlets)
    if rest:
        read = read_paths(rest, stdin, timeout=timeout, outlets=outlets)
        sources.append(Source(articles=tuple(read)))
    if not sources:
        raise InputError(f"no articles found in {', '.join(paths)}")
    with _client(scheduler, workers) as client:
        return _brief(client, sources, settings, date, max_stories, exact_limit)


def partitions(
    paths: Sequence[str], outlets: Outlets | None = None
) -> tuple[list[Source], list[str]]:
    """The partitions of the files that `paths` name (folders read recursively, glob
    patterns expanded, both in sorted order), and the URLs and `-` left to read here.
    Each partition names its outlets by `outlets`."""
    files: list[Path] = []
    rest: list[str] = []
    for given in paths:
        if given == "-" or is_url(given):
            rest.append(given)
            continue
        path = Path(given)
        if not path.exists() and glob.has_magic(given):
            found = sorted(Path(p) for p in glob.glob(given, recursive=True))
            if not found:
                raise InputError(f"no files match {given} (check the pattern)")
            files.extend(p for p in found if p.is_file())
        elif not path.exists():
            raise InputError(f"no such file or folder: {given} (check the path)")
        elif path.is_dir():
            files.extend(
                p
                for p in sorted(path.rglob("*"))
                if p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
                and (p.suffix.lower() in SUFFIXES or p.suffix.lower() == PARQUET)
                and p.name != MANIFEST
            )
        else:
            files.append(path)
    sources: list[Source] = []
    run: list[str] = []
    size = 0
    for file in files:
        if file.suffix.lower() == PARQUET:
            sources.extend(_parquet_sources(file, outlets))
            continue
        length = file.stat().st_size
        if run and size + length > PARTITION_BYTES:
            sources.append(Source(files=tuple(run), outlets=outlets))
            run, size = [], 0
        run.append(str(file.resolve()))
        size += length
    if run:
        sources.append(Source(files=tuple(run), outlets=outlets))
    return sources, rest


def _parquet_sources(file: Path, outlets: Outlets | None) -> list[Source]:
    import pyarrow.parquet as pq

    try:
        groups = pq.ParquetFile(file).metadata.num_row_groups
    except (OSError, ValueError) as error:  # pyarrow's ArrowInvalid is a ValueError
        raise InputError(f"cannot read {file} as Parquet ({error})") from None
    return [
        Source(files=(str(file.resolve()),), row_group=g, outlets=outlets) for g in range(groups)
    ]


def read_source(source: Source) -> tuple[list[Article], list[str]]:
    """The articles of one partition, and a warning for each file skipped in it and each
    article whose publication time cannot be read (`ingest.unreadable_times`)."""
    if source.articles:
        return list(source.articles), []
    if source.row_group >= 0:
        read = _read_parquet(Path(source.files[0]), source.row_group)
        read = name_outlets(read, source.outlets, "") if source.outlets else read
        return read, unreadable_times(read)
    articles: list[Article] = []
    warnings: list[str] = []
    for file in source.files:
        try:
            articles.extend(read_paths([file], outlets=source.outlets))
        except InputError as error:
            warnings.append(f"skipped {file}: {error}")
    return articles, warnings + unreadable_times(articles)


def _read_parquet(file: Path, row_group: int) -> list[Article]:
    """A row group's articles: its columns are the fields of a JSON article (`read_json`)."""
    import pyarrow.parquet as pq

    try:
        table = pq.ParquetFile(file).read_row_group(row_group)
    except (OSError, ValueError) as error:
        raise InputError(f"cannot read {file} as Parquet ({error})") from None
    records = table.to_pylist()
    name = f"{file.stem}-{row_group}" if row_group else file.stem
    return read_json(json.dumps({"articles": records}, default=str), name, {})


@contextmanager
def _client(scheduler: str | None, workers: int | None) -> Iterator[Any]:
    """A Dask client of the scheduler at `scheduler`, or of `workers` local processes
    started here and stopped with the client."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise ConfigError(
            f"--scheduler and --workers need Dask, which is not installed ({EXTRA_HINT})"
        ) from None
    if scheduler:
        try:
            client = Client(scheduler, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError, ValueError) as error:
            reason = str(error).splitlines()[0] if str(error) else type(error).__name__
            raise ClusterError(
                f"cannot reach the Dask scheduler at {scheduler} ({reason}); "
                "start one with `dask scheduler` or check the address"
            ) from None
        with client:
            yield client
        return
    cluster = LocalCluster(
        n_workers=workers or 1, threads_per_worker=1, processes=True, dashboard_address=":0"
    )
    with cluster, Client(cluster) as client:
        yield client


def _brief(
    client: Any,
    sources: list[Source],
    settings: Settings,
    date: dt.date | None,
    max_stories: int | None,
    exact_limit: int,
) -> Digest:
    def submit(function: Any, *args: Any) -> Any:
        return client.submit(function, *args, retries=RETRIES)

    buckets, total = _stories(client, sources, settings.language, date, exact_limit)
    limit = max_stories or None
    tops = client.gather([submit(_top, bucket, limit) for bucket in buckets])
    found = sum(count for count, _ in tops)
    chosen = sorted((key, b, s) for b, (_, keys) in enumerate(tops) for key, s in keys)[:limit]
    wanted: dict[int, list[int]] = {}
    for _, b, s in chosen:
        wanted.setdefault(b, []).append(s)
    done = {b: submit(_summarize, buckets[b], numbers, settings) for b, numbers in wanted.items()}
    summaries = dict(zip(done, client.gather(list(done.values())), strict=True))
    stories = tuple(summaries[b][wanted[b].index(s)] for _, b, s in chosen)
    return Digest(
        date=date.isoformat() if date else "", stories=stories, total=found, articles=total
    )


def stories_on_cluster(
    paths: Sequence[str],
    *,
    scheduler: str | None = None,
    workers: int | None = None,
    language: str = DEFAULT_LANGUAGE,
    exact_limit: int = EXACT_LIMIT,
) -> list[list[int]]:
    """Every story of the pool in `paths`, as `stories.group` gives them (lists of indices
    into the articles in the order the partitions list them), grouped on a cluster.

    Only the indices come back; for measuring the grouping (`benchmarks/distributed.py`).
    """
    sources, rest = partitions(paths)
    if rest:
        sources.append(Source(articles=tuple(read_paths(rest))))
    with _client(scheduler, workers) as client:
        buckets, _ = _stories(client, sources, language, None, exact_limit)
        found = client.gather([client.submit(_indices, b, retries=RETRIES) for b in buckets])
    return sorted(story for stories in found for story in stories)


def _stories(
    client: Any,
    sources: list[Source],
    language: str,
    date: dt.date | None,
    exact_limit: int,
) -> tuple[list[Any], int]:
    """Futures of the buckets of stories of the pool, and how many articles it holds."""

    def submit(function: Any, *args: Any) -> Any:
        return client.submit(function, *args, retries=RETRIES)

    parts = [submit(_read_part, source, language, date) for source in sources]
    sizes = client.gather([submit(_size, part) for part in parts])
    for _, _, warnings in sizes:
        for warning in warnings:
            log.warning("%s", warning)
    counts = [count for count, _, _ in sizes]
    total = sum(counts)
    undated = sum(u for _, u, _ in sizes)
    if date and not total:
        raise InputError(
            f"no articles published on {date.isoformat()}"
            + (f" ({undated} give no date)" if undated else "")
            + " (give another --date, or none to keep every article)"
        )
    if not total:
        raise InputError("no articles found in the input (give articles as text, HTML or JSON)")
    if undated:
        log.warning("%d articles give no publication date and were left out by --date", undated)
    # The articles and their terms apart, so that the terms go once the rows are weighed.
    articles = [submit(_articles, part) for part in parts]
    if total <= exact_limit:
        return [submit(_whole, language, *articles)], total
    terms = [submit(_terms, part) for part in parts]
    return _grouped(submit, terms, articles, counts, exact_limit), total


def _grouped(
    submit: Any, parts: list[Any], articles: list[Any], counts: list[int], exact_limit: int
) -> list[Any]:
    """Buckets of stories from the distributed grouping (steps 1 to 4 of the module)."""
    total = sum(counts)
    offsets = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
    n_parts = len(parts)
    # The pool's vocabulary in order of first use, merged pairwise along the partitions.
    level = [submit(_vocabulary, part) for part in parts]
    while len(level) > 1:
        merged = [submit(_merge, a, b) for a, b in zip(level[::2], level[1::2], strict=False)]
        level = merged + ([level[-1]] if len(level) % 2 else [])
    ids = submit(operator.itemgetter(0), level[0])
    frequency = submit(_frequency, level[0])
    vectors = [
        submit(_vectorise, part, ids, frequency, total, int(offsets[p]))
        for p, part in enumerate(parts)
    ]
    # The index of each article's heaviest terms, gathered (transposed: term by article)
    # on every worker; each partition finds its articles' candidates through it.
    heaviest = [submit(_heaviest, v, frequency) for v in vectors]
    index = submit(_inverted, *heaviest)
    candidates = [
        submit(_candidates, h, index, int(offsets[p]), offsets) for p, h in enumerate(heaviest)
    ]
    edges = [
        submit(_edges, submit(operator.itemgetter(q), candidates[p]), vectors[p], vectors[q])
        for p in range(n_parts)
        for q in range(p, n_parts)
    ]
    # Only a maximum spanning forest of the edges reaches one worker: it has the same
    # components as the edges at every threshold, so `stories.split_components` cuts it alike.
    while len(edges) > 1:
        edges = [
            submit(_forest, total, *edges[k : k + FOREST_FAN_IN])
            for k in range(0, len(edges), FOREST_FAN_IN)
        ]
    labels = submit(_labels, total, exact_limit, edges[0])
    # Shuffle on components: each bucket gathers whole components and groups them.
    routed = [
        submit(_route, mine, v, labels, n_parts) for mine, v in zip(articles, vectors, strict=True)
    ]
    return [
        submit(_bucket, *[submit(operator.itemgetter(b), r) for r in routed])
        for b in range(n_parts)
    ]


# The tasks: plain functions of plain data, so that they pickle and can run again.


def _read_part(source: Source, language: str, date: dt.date | None) -> _Part:
    articles, warnings = read_source(source)
    undated = 0
    if date:
        days = [a.published_at.date() if a.published_at else None for a in articles]
        undated = days.count(None)
        articles = [a for a, day in zip(articles, days, strict=True) if day == date]
    cleaned = tuple(prepare(article) for article in articles)
    terms = [article_terms(article, language) for article in cleaned]
    return _Part(
        articles=cleaned,
        terms=tuple(weighed for weighed, _ in terms),
        names=tuple(names for _, names in terms),
        days=publication_days(cleaned),
        undated=undated,
        warnings=tuple(warnings),
    )


def _size(part: _Part) -> tuple[int, int, tuple[str, ...]]:
    return len(part.articles), part.undated, part.warnings


def _articles(part: _Part) -> tuple[Article, ...]:
    return part.articles


def _terms(part: _Part) -> _Part:
    return replace(part, articles=())


def _vocabulary(part: _Part) -> tuple[dict[str, int], list[int]]:
    """A partition's terms in order of first use (as ids) and the articles holding each."""
    ids: dict[str, int] = {}
    frequency: list[int] = []
    for terms in part.terms:
        for term in dict.fromkeys(terms):
            found = ids.setdefault(term, len(ids))
            if found == len(frequency):
                frequency.append(1)
            else:
                frequency[found] += 1
    return ids, frequency


def _merge(
    first: tuple[dict[str, int], list[int]], second: tuple[dict[str, int], list[int]]
) -> tuple[dict[str, int], list[int]]:
    """Two adjacent runs of partitions' vocabularies as one, the first's terms first."""
    ids, frequency = dict(first[0]), list(first[1])
    for term, count in zip(second[0], second[1], strict=True):
        found = ids.setdefault(term, len(ids))
        if found == len(frequency):
            frequency.append(count)
        else:
            frequency[found] += count
    return ids, frequency


def _frequency(vocabulary: tuple[dict[str, int], list[int]]) -> np.ndarray:
    return np.asarray(vocabulary[1], dtype=np.int64)


def _vectorise(
    part: _Part, ids: dict[str, int], frequency: np.ndarray, total: int, offset: int
) -> _Vectors:
    """The partition's rows of the pool's TF-IDF matrix, as `lexicon.vectorise` builds it."""
    size = max(len(frequency), 1)
    tokens = np.fromiter((ids[t] for terms in part.terms for t in terms), dtype=np.int64)
    # `part` carries no articles here (`_terms`): its terms and days give the rows.
    text_of = np.repeat(np.arange(len(part.terms), dtype=np.int64), [len(t) for t in part.terms])
    keys, counts = np.unique(text_of * size + tokens, return_counts=True)
    rows, columns = keys // size, keys % size
    weights = tf_idf(rows, columns, counts, frequency, max(total, MIN_DOCUMENTS), IDF_POWER)
    matrix = sparse.csr_matrix((weights, (rows, columns)), shape=(len(part.terms), size))
    limit = common_name_limit(total)
    distinct = [{n: None for n in names if frequency[ids[n]] <= limit} for names in part.names]
    marked = [i for i, names in enumerate(distinct) for _ in names]
    named = [ids[name] for names in distinct for name in names]
    names = sparse.csr_matrix(
        (np.ones(len(marked)), (marked, named)), shape=(len(part.terms), size)
    )
    return _Vectors(matrix=matrix, names=names, days=part.days, offset=offset)


def _heaviest(vectors: _Vectors, frequency: np.ndarray) -> sparse.csr_matrix:
    """The partition's rows of the index (`stories.index_terms`)."""
    return index_terms(vectors.matrix, frequency)


def _inverted(*heaviest: sparse.csr_matrix) -> sparse.csr_matrix:
    """The whole pool's index, term by article."""
    return sparse.vstack(heaviest, format="csr").T.tocsr()


def _candidates(
    heaviest: sparse.csr_matrix, inverted: sparse.csr_matrix, offset: int, offsets: np.ndarray
) -> list[tuple[np.ndarray, np.ndarray]]:
    """The candidate pairs (i < j) with i in this partition, as `stories._candidate_pairs`
    finds them (the same sparse product, row by row), cut by the partition of j."""
    found_i, found_j = [], []
    for start in range(0, heaviest.shape[0], CANDIDATE_ROWS):
        shared = (heaviest[start : start + CANDIDATE_ROWS] @ inverted).tocoo()
        i = shared.row.astype(np.int64) + offset + start
        j = shared.col.astype(np.int64)
        keep = (j > i) & (shared.data > INDEX_FLOOR)
        found_i.append(i[keep])
        found_j.append(j[keep])
    i, j = (
        np.concatenate(found_i or [np.zeros(0, np.int64)]),
        np.concatenate(found_j or [np.zeros(0, np.int64)]),
    )
    part = np.searchsorted(offsets, j, side="right") - 1
    return [(i[part == q], j[part == q]) for q in range(len(offsets) - 1)]


def _edges(
    pairs: tuple[np.ndarray, np.ndarray], first: _Vectors, second: _Vectors
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The candidate pairs at least `THRESHOLD` alike, with their similarity, computed as
    `stories._components` computes it."""
    rows, cols = pairs[0] - first.offset, pairs[1] - second.offset
    similarity = pair_similarity(
        (first.matrix, first.names, first.days),
        rows,
        (second.matrix, second.names, second.days),
        cols,
    )
    keep = similarity >= THRESHOLD
    return pairs[0][keep], pairs[1][keep], similarity[keep]


def _forest(total: int, *edges: tuple[np.ndarray, np.ndarray, np.ndarray]) -> _Edges:
    """A maximum spanning forest of the union of `edges` (pairs i < j of articles of a pool
    of `total`, none in two of them), with each kept edge's similarity."""
    rows = np.concatenate([e[0] for e in edges]).astype(np.int64)
    cols = np.concatenate([e[1] for e in edges]).astype(np.int64)
    weights = np.concatenate([e[2] for e in edges])
    if len(rows) == 0:
        return rows, cols, weights
    from scipy.sparse.csgraph import minimum_spanning_tree

    # 2 - similarity: positive (scipy drops zero weights), and smallest for the most alike.
    graph = sparse.coo_matrix((2.0 - weights, (rows, cols)), shape=(total, total)).tocsr()
    tree = minimum_spanning_tree(graph).tocoo()
    low = np.minimum(tree.row, tree.col).astype(np.int64)
    high = np.maximum(tree.row, tree.col).astype(np.int64)
    keys = rows * total + cols
    order = np.argsort(keys)
    found = order[np.searchsorted(keys, low * total + high, sorter=order)]
    return rows[found], cols[found], weights[found]


def _labels(total: int, limit: int, edges: _Edges) -> np.ndarray:
    """The component (of at most `limit` articles) of each article of the pool."""
    rows, cols, weights = edges
    labels = np.empty(total, dtype=np.int64)
    parts = split_components(
        np.arange(total), rows.astype(np.intp), cols.astype(np.intp), weights, limit
    )
    for number, members in enumerate(parts):
        labels[members] = number
    return labels


_Piece = tuple[np.ndarray, np.ndarray, list[Article], _Vectors]


def _route(
    articles: tuple[Article, ...], vectors: _Vectors, labels: np.ndarray, buckets: int
) -> list[_Piece]:
    """The partition's (indices, components, articles, rows), cut by component into buckets."""
    n = len(articles)
    mine = labels[vectors.offset : vectors.offset + n]
    pieces = []
    for b in range(buckets):
        rows = np.flatnonzero(mine % buckets == b)
        kept = _Vectors(vectors.matrix[rows], vectors.names[rows], vectors.days[rows], 0)
        pieces.append((rows + vectors.offset, mine[rows], [articles[r] for r in rows], kept))
    return pieces


def _bucket(*pieces: _Piece) -> _Bucket:
    """The stories of the whole components gathered in this bucket (`stories.group_part`;
    a component of one or two articles is one story, as `stories.group` has it)."""
    indices = np.concatenate([p[0] for p in pieces])
    components = np.concatenate([p[1] for p in pieces])
    articles = [a for p in pieces for a in p[2]]
    matrix = sparse.vstack([p[3].matrix for p in pieces], format="csr")
    names = sparse.vstack([p[3].names for p in pieces], format="csr")
    days = np.concatenate([p[3].days for p in pieces])
    order = np.lexsort((indices, components))
    bounds = np.flatnonzero(np.r_[True, components[order][1:] != components[order][:-1]])
    stories: list[list[int]] = []
    for start, end in zip(bounds, np.r_[bounds[1:], len(order)], strict=True):
        rows = order[start:end]  # the component's, in pool order
        found = (
            [list(range(len(rows)))]
            if len(rows) <= 2
            else group_part(matrix[rows], names[rows], days[rows])
        )
        stories.extend(sorted(indices[rows[members]].tolist()) for members in found)
    by_index = {int(i): articles[k] for k, i in enumerate(indices)}
    return _keyed(by_index, stories)


def _whole(language: str, *parts: tuple[Article, ...]) -> _Bucket:
    """A small pool grouped on one worker by `stories.group`, as the local path groups it."""
    articles = [a for part in parts for a in part]
    return _keyed(dict(enumerate(articles)), group(articles, language))


def _keyed(articles: dict[int, Article], stories: list[list[int]]) -> _Bucket:
    keys = []
    for story in stories:
        # `daily.prominent_first`'s order: its key, then the story's place in the pool
        keys.append((*prominence([articles[i] for i in story]), story[0]))
    return _Bucket(articles=articles, stories=stories, keys=keys)


def _top(
    bucket: _Bucket, limit: int | None
) -> tuple[int, list[tuple[tuple[int, float, int], int]]]:
    """How many stories the bucket holds, and the keys of its `limit` most prominent."""
    keyed = sorted((key, number) for number, key in enumerate(bucket.keys))
    return len(keyed), keyed[:limit]


def _indices(bucket: _Bucket) -> list[list[int]]:
    return bucket.stories


def _summarize(bucket: _Bucket, numbers: list[int], settings: Settings) -> list[Briefing]:
    """The briefings of the bucket's stories `numbers`, as `daily.brief` makes them."""
    return [
        summarize_story([bucket.articles[i] for i in bucket.stories[number]], settings)
        for number in numbers
    ]
