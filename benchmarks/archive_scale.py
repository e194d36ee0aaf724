"""A run on a large archive against the same run without one.

    python benchmarks/archive_scale.py [--data ../shared/data] [--new 8000] [--old 200000]
                                       [--per-day 1000] [--repeat 2]

The first `--new` documents of multinews-dev, dated the day of the run, are one JSON Lines
feed. The archive holds `--old` articles made from the other documents (each reused under
new ids and links), `--per-day` a day on the days before the run, in stories of three, so
that the last `history.STORY_DAYS` days hold `--per-day` x that many articles the new ones
are grouped with. `summarizer brief FEED` runs in a new process without an archive, then
with a fresh copy of the archive (`--archive`), `--repeat` times each, alternated; the
table gives the median wall time, the median processor time (user and system: less swayed
by other work on a shared machine), the peak resident memory of the process, and the
ratios (target: at most 1.5). Reads the data by path; it is not part of the tests.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from summarizer.archive import open_archive, stamp, text_hash
from summarizer.history import STORY_DAYS
from summarizer.model import Article
from summarizer.stories import Terms

DAY = dt.date(2026, 11, 22)


def documents(data: Path) -> list[str]:
    texts = []
    with gzip.open(data / "multinews-dev" / "clusters.jsonl.gz", "rt") as lines:
        for line in lines:
            texts.extend(document["text"] for document in json.loads(line)["documents"])
    return texts


def feed(texts: list[str], path: Path) -> None:
    with path.open("w", encoding="utf-8") as out:
        for n, text in enumerate(texts):
            record = {
                "id": f"new-{n}",
                "source": f"Outlet {n % 50}",
                "url": f"https://news.example/{n}",
                "published": DAY.isoformat(),
                "text": text,
            }
            out.write(json.dumps(record) + "\n")


def archive(texts: list[str], old: int, per_day: int, path: Path) -> None:
    """An archive of `old` articles, `per_day` a day before DAY, three to a story, each with
    its terms as a run keeps them."""
    read: dict[int, str] = {}
    with open_archive(path) as opened:
        db = opened.connection
        stories, articles = [], []
        for n in range(old):
            day = DAY - dt.timedelta(days=1 + n // per_day)
            seen = stamp(dt.datetime.combine(day, dt.time(6), dt.UTC))
            if n % 3 == 0:
                stories.append((n // 3 + 1, f"old{n // 3:08d}", seen, seen, ""))
            text = texts[n % len(texts)]
            if n % len(texts) not in read:
                terms = Terms.read(Article("", "", text), "english")
                read[n % len(texts)] = terms.dumps()
            url = f"https://archive.example/{n}"
            articles.append(
                (f"old-{n}", f"Outlet {n % 50}", url, url, "", day.isoformat(),
                 day.isoformat(), seen, text_hash(text), text, n // 3 + 1,
                 read[n % len(texts)])
            )  # fmt: skip
        db.executemany("INSERT INTO stories VALUES (?, ?, ?, ?, ?)", stories)
        db.executemany(
            "INSERT INTO articles (id, outlet, url, link, title, published, day, first_seen,"
            " text_hash, text, story, terms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            articles,
        )


def run(args: list[str]) -> tuple[float, float, float]:
    """Wall seconds, peak resident MiB and processor seconds (user and system) of
    `summarizer ARGS` in a new process."""
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "summarizer", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"summarizer {' '.join(args)} failed: {child.stderr.read().decode()}")  # type: ignore[union-attr]
    child.stderr.close()  # type: ignore[union-attr]
    return seconds, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data", type=Path, default=Path(__file__).parents[1] / ".." / "shared" / "data"
    )
    parser.add_argument("--new", type=int, default=8000)
    parser.add_argument("--old", type=int, default=200_000)
    parser.add_argument("--per-day", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    texts = documents(args.data)
    with tempfile.TemporaryDirectory() as folder:
        pool = Path(folder) / "new.jsonl"
        feed(texts[: args.new], pool)
        built = Path(folder) / "archive.sqlite"
        start = time.perf_counter()
        archive(texts[args.new :], args.old, args.per_day, built)
        size = built.stat().st_size
        print(
            f"archive of {args.old:,} articles built in {time.perf_counter() - start:.0f} s: "
            f"{size / 2**20:.0f} MiB ({size / args.old * 1000 / 2**20:.2f} MiB per 1,000); "
            f"{min(args.old, args.per_day * STORY_DAYS):,} in the last {STORY_DAYS} days\n",
            flush=True,
        )
        common = ["brief", str(pool), "--jobs", "1", "-f", "json"]
        plain, archived = [], []
        for _ in range(args.repeat):
            plain.append(run(common))
            print(f"without an archive: {plain[-1][0]:.1f} s", flush=True)
            copy = Path(folder) / "copy.sqlite"
            shutil.copyfile(built, copy)
            archived.append(run([*common, "--archive", str(copy)]))
            print(f"with the archive: {archived[-1][0]:.1f} s", flush=True)
            copy.unlink()
    print("| run | new articles | s (median) | processor s (median) | peak MiB |")
    print("|---|---:|---:|---:|---:|")
    for name, runs in (("without an archive", plain), (f"archive of {args.old:,}", archived)):
        median = statistics.median(seconds for seconds, _, _ in runs)
        processor = statistics.median(cpu for _, _, cpu in runs)
        peak = max(mib for _, mib, _ in runs)
        print(f"| {name} | {args.new:,} | {median:.1f} | {processor:.1f} | {peak:.0f} |")
    ratio = statistics.median(s for s, _, _ in archived) / statistics.median(s for s, _, _ in plain)
    pairs = ", ".join(f"{a[0] / p[0]:.2f}" for p, a in zip(plain, archived, strict=True))
    cpu = statistics.median(c for _, _, c in archived) / statistics.median(c for _, _, c in plain)
    print(f"\nratio: {ratio:.2f} (target at most 1.5; each pair: {pairs})")
    print(f"processor time ratio: {cpu:.2f} (less swayed by other work on the machine)")
    return 0 if ratio <= 1.5 else 1


if __name__ == "__main__":
    sys.exit(main())
