"""The daily briefing at scale: `summarizer brief` on pools of 1,000 to 14,000 articles.

    python benchmarks/scale.py [--data ../shared/data] [--sizes 1000,2000,4000,8000,14000]
                               [--jobs N] [--plot docs/scale.png]

The documents of `multinews-dev` (one story after another, in file order) are pooled into
one JSON Lines feed per size, and `summarizer brief POOL --max-stories 0` (every story
summarized, the heaviest case) runs on each in a new process. The table gives the wall
time, the peak memory of the whole process tree (resident set sampled from /proc every
20 ms, pool workers included), the stories found and the B-cubed F1 of the grouping
against the true stories. `--plot` draws time and memory against the pool size (needs
matplotlib: `pip install -e '.[bench]'`). Exit 1 when a target of issue 7 does not hold:
8,000 articles in under 60 s and 2 GiB, and 4x the articles in under 4.6x the time.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def pool(data: Path, size: int, folder: Path) -> Path:
    """The first `size` documents of multinews-dev as one JSON Lines feed."""
    path = folder / f"pool-{size}.jsonl"
    written = 0
    source = data / "multinews-dev" / "clusters.jsonl.gz"
    with gzip.open(source, "rt") as lines, path.open("w", encoding="utf-8") as out:
        for line in lines:
            for document in json.loads(line)["documents"]:
                record = {k: document[k] for k in ("id", "source", "text")}
                out.write(json.dumps(record) + "\n")
                written += 1
                if written == size:
                    return path
    raise SystemExit(f"multinews-dev has only {written} documents, not {size}")


def tree_rss(root: int) -> int:
    """Resident bytes of `root` and all its descendants, from /proc."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    page = os.sysconf("SC_PAGE_SIZE")
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
            fields = stat[stat.rindex(")") + 2 :].split()
            parents[int(entry)] = int(fields[1])
            rss[int(entry)] = int(fields[21]) * page
        except (OSError, ValueError, IndexError):
            continue
    total, frontier = 0, [root]
    while frontier:
        pid = frontier.pop()
        total += rss.get(pid, 0)
        frontier.extend(child for child, parent in parents.items() if parent == pid)
    return total


def run(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak MiB of the process tree of `command`."""
    peak = 0
    started = time.perf_counter()
    child = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL)
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.wait(0.02):
            peak = max(peak, tree_rss(child.pid))

    sampler = threading.Thread(target=sample)
    sampler.start()
    code = child.wait()
    wall = time.perf_counter() - started
    done.set()
    sampler.join()
    if code:
        raise SystemExit(f"{' '.join(command)} failed with exit code {code}")
    return wall, peak / 2**20


def bcubed(found: list[list[str]]) -> float:
    """B-cubed F1 of story groups of multinews document ids (`<story>-d<n>`)."""
    label = {doc: number for number, group in enumerate(found) for doc in group}
    truth = {doc: doc.rsplit("-d", 1)[0] for doc in label}
    pairs = Counter((label[d], truth[d]) for d in label)
    sizes, true_sizes = Counter(label.values()), Counter(truth.values())
    n = len(label)
    precision = sum(pairs[(label[d], truth[d])] / sizes[label[d]] for d in label) / n
    recall = sum(pairs[(label[d], truth[d])] / true_sizes[truth[d]] for d in label) / n
    return 2 * precision * recall / (precision + recall)


def plot(rows: list[tuple[int, float, float, int, float]], path: Path, jobs: str) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sizes = [r[0] for r in rows]
    figure, (left, right) = plt.subplots(1, 2, figsize=(9, 3.6), dpi=110)
    left.plot(sizes, [r[1] for r in rows], "o-", label="summarizer brief")
    first_size, first_time = rows[0][0], rows[0][1]
    left.plot(sizes, [first_time * s / first_size for s in sizes], ":", label="linear")
    left.axhline(60, color="grey", linewidth=0.8, linestyle="--", label="target at 8,000")
    left.set(xlabel="articles", ylabel="seconds", title="Wall time")
    left.legend(fontsize=8)
    right.plot(sizes, [r[2] for r in rows], "o-", color="tab:green")
    right.axhline(2048, color="grey", linewidth=0.8, linestyle="--")
    right.set(xlabel="articles", ylabel="MiB", title="Peak memory (process tree)")
    for axis in (left, right):
        axis.grid(alpha=0.3)
        axis.set_ylim(bottom=0)
    figure.suptitle(f"summarizer brief --max-stories 0 --jobs {jobs}, multinews-dev pools")
    figure.tight_layout()
    figure.savefig(path)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data", type=Path, default=Path(__file__).parents[1] / ".." / "shared" / "data"
    )
    parser.add_argument("--sizes", default="1000,2000,4000,8000,14000")
    parser.add_argument("--jobs", default="0", help="--jobs for brief (0: its default)")
    parser.add_argument("--plot", type=Path)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    script = str(Path(sys.executable).with_name("summarizer"))
    rows = []
    print(f"### summarizer brief --max-stories 0 --jobs {args.jobs}, multinews-dev pools\n")
    print("| articles | seconds | peak MiB | stories | B-cubed F1 | ms/article |")
    print("|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes:
            feed = pool(args.data, size, Path(folder))
            output = Path(folder) / f"brief-{size}.json"
            command = [script, "brief", str(feed), "--max-stories", "0", "-f", "json"]
            command += ["-o", str(output), "--jobs", args.jobs]
            wall, peak = run(command)
            stories = json.loads(output.read_text(encoding="utf-8"))["stories"]
            f1 = bcubed([story["articles"] for story in stories])
            rows.append((size, wall, peak, len(stories), f1))
            print(
                f"| {size:,} | {wall:.1f} | {peak:.0f} | {len(stories):,} | {f1:.3f} "
                f"| {1000 * wall / size:.2f} |",
                flush=True,
            )
    if args.plot:
        plot(rows, args.plot, args.jobs)
    failures = []
    by_size = {size: (wall, peak) for size, wall, peak, _, _ in rows}
    if 8000 in by_size and (by_size[8000][0] >= 60 or by_size[8000][1] >= 2048):
        failures.append("8,000 articles must take under 60 s and 2 GiB")
    for size, (wall, _) in by_size.items():
        if size * 4 in by_size and by_size[size * 4][0] >= 4.6 * wall:
            failures.append(f"{size * 4:,} articles took {by_size[size * 4][0] / wall:.1f}x")
    for failure in failures:
        print(f"FAIL: {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
