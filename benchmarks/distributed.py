"""The daily briefing on a local Dask cluster: time, articles per second, peak memory per
worker, and the grouping's B-cubed precision and recall beside the single machine's.

    python benchmarks/distributed.py [--data ../shared/data] [--sizes 100000,400000]
        [--workers 2] [--compare 20000] [--pools /tmp/summarizer-pools]

Pools are built from Multi-News (`multinews-dev`): each new article recombines sentences
of the articles of one story (as many sentences as one of them has, chosen at random,
kept in their order), so stories stay real and articles stay distinct; a pool of n
articles gives each of the first stories n / 5,122 of them (rounded up), spread at random
over Parquet files of `--rows` articles (a partition each). The pools are written under
`--pools` (never into the repository) and reused when present.

For each size a fresh `LocalCluster` of `--workers` single-threaded worker processes runs
`brief_on_cluster` (20 stories, 2 sentences each); the peak memory of a worker is its
process's maximum resident set size. At `--compare` articles, the single machine's
`stories.group` and the cluster's `stories_on_cluster` group the same pool and both are
scored against the true stories. Reads the data by path; it is not part of the tests.
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import resource
import sys
import time
from pathlib import Path

# This file is named like the `distributed` package: keep its folder off the path, or the
# workers would import it in the package's place.
HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]

from summarizer.config import Settings  # noqa: E402
from summarizer.distributed import (  # noqa: E402
    brief_on_cluster,
    partitions,
    read_source,
    stories_on_cluster,
)
from summarizer.evaluate import load_stories  # noqa: E402
from summarizer.pipeline import prepare  # noqa: E402
from summarizer.segment import split_sentences  # noqa: E402
from summarizer.stories import group  # noqa: E402

_spec = importlib.util.spec_from_file_location("grouping", HERE / "grouping.py")
assert _spec and _spec.loader
grouping = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(grouping)
bcubed = grouping.bcubed

OUTLETS = 300  # outlets the articles are credited to, at random


def build_pool(data: Path, size: int, folder: Path, rows: int, seed: int = 0) -> list[str]:
    """Write a pool of `size` distinct articles to `folder` (Parquet); their true stories."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    chooser = random.Random(seed)
    stories = load_stories(data / "multinews-dev")
    sentences = []
    lengths = []
    for story in stories:
        split = [split_sentences(article.text) for article in story.articles]
        sentences.append([s for article in split for s in article])
        lengths.append([max(2, len(article)) for article in split])
    # Each story gets `per_story` articles (fewer when its combinations run out).
    per_story = -(-size // len(stories))
    made: list[tuple[int, tuple[int, ...]]] = []
    for s in range(len(stories)):
        pool = sentences[s]
        seen: set[tuple[int, ...]] = set()
        for _ in range(per_story * 20):
            if len(seen) >= per_story or len(made) >= size or len(pool) < 2:
                break
            length = min(len(pool), chooser.choice(lengths[s]))
            combo = tuple(sorted(chooser.sample(range(len(pool)), length)))
            if combo not in seen:
                seen.add(combo)
                made.append((s, combo))
    chooser.shuffle(made)
    folder.mkdir(parents=True, exist_ok=True)
    labels = []
    for start in range(0, len(made), rows):
        records = []
        for k, (s, combo) in enumerate(made[start : start + rows], start):
            records.append(
                {
                    "id": f"a{k}",
                    "source": f"outlet-{chooser.randrange(OUTLETS)}",
                    "text": " ".join(sentences[s][i] for i in combo),
                    "story": stories[s].id,
                }
            )
            labels.append(stories[s].id)
        table = pa.Table.from_pylist(records)
        pq.write_table(table, folder / f"pool-{start // rows:05d}.parquet", row_group_size=rows)
    _labels_file(folder).write_text("\n".join(labels) + "\n", encoding="utf-8")
    return labels


def pool(data: Path, size: int, root: Path, rows: int) -> tuple[Path, list[str]]:
    folder = root / f"multinews-{size}-{rows}"
    labels_file = _labels_file(folder)
    if labels_file.is_file():
        return folder, labels_file.read_text(encoding="utf-8").split()
    return folder, build_pool(data, size, folder, rows)


def _labels_file(folder: Path) -> Path:
    """Beside the pool, not in it (a text file in it would be read as an article)."""
    return folder.with_name(folder.name + "-labels.txt")


def _peak_rss() -> int:
    """This process's peak resident set size, in bytes (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def on_cluster(folder: Path, workers: int) -> dict[str, float]:
    from distributed import Client, LocalCluster

    with (
        LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",
            memory_limit="4GiB",
        ) as cluster,
        Client(cluster) as client,
    ):
        start = time.perf_counter()
        digest = brief_on_cluster(
            [str(folder)], Settings(sentences=2), scheduler=cluster.scheduler_address
        )
        seconds = time.perf_counter() - start
        peaks = client.run(_peak_rss)
    return {
        "articles": digest.articles,
        "stories": digest.total,
        "seconds": seconds,
        "peak_gib": max(peaks.values()) / 2**30,
    }


def compare(folder: Path, labels: list[str], workers: int) -> None:
    """B-cubed of the single machine's grouping and the cluster's, on the same pool."""
    sources, _ = partitions([str(folder)])
    articles = [prepare(a) for source in sources for a in read_source(source)[0]]
    start = time.perf_counter()
    local = group(articles, "english")
    local_seconds = time.perf_counter() - start
    start = time.perf_counter()
    remote = stories_on_cluster([str(folder)], workers=workers)
    remote_seconds = time.perf_counter() - start
    for name, found, seconds in (
        ("single machine (stories.group on the cleaned articles)", local, local_seconds),
        (f"cluster of {workers} (reads, cleans and groups)", remote, remote_seconds),
    ):
        p, r, f = bcubed(found, labels)
        print(
            f"  {name}: B-cubed P {p:.4f} R {r:.4f} F1 {f:.4f}, "
            f"{len(found)} stories, {seconds:.1f} s"
        )
    print(f"  identical groupings: {local == remote}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--sizes", default="100000,400000")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--compare", type=int, default=20000, help="0: no comparison")
    parser.add_argument("--rows", type=int, default=10000, help="articles per Parquet file")
    parser.add_argument("--pools", type=Path, default=Path("/tmp/summarizer-pools"))
    args = parser.parse_args()
    if args.compare:
        folder, labels = pool(args.data, args.compare, args.pools, args.rows)
        print(f"grouping of {len(labels):,} articles ({len(set(labels)):,} true stories):")
        compare(folder, labels, args.workers)
    results = []
    for size in [int(s) for s in args.sizes.split(",") if s]:
        folder, labels = pool(args.data, size, args.pools, args.rows)
        found = on_cluster(folder, args.workers)
        results.append(found)
        print(
            f"{found['articles']:>9,.0f} articles ({len(set(labels)):,} true stories): "
            f"{found['seconds']:7.1f} s, {found['articles'] / found['seconds']:6.0f} articles/s, "
            f"peak {found['peak_gib']:.2f} GiB per worker, {found['stories']:,.0f} stories"
        )
    if len(results) >= 2:
        first, last = results[0], results[-1]
        print(
            f"{last['articles'] / first['articles']:.1f}x the articles in "
            f"{last['seconds'] / first['seconds']:.2f}x the time"
        )
    if results:
        last = results[-1]
        per_worker = last["articles"] / last["seconds"] / args.workers
        print(
            f"per worker {per_worker:.0f} articles/s: 5,000,000 articles on 32 workers "
            f"in about {5e6 / (32 * per_worker) / 60:.0f} min if the throughput held"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
