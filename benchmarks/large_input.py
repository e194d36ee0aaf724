"""Time and peak memory of a briefing from very large inputs, made up on the spot.

    python benchmarks/large_input.py [--mb 30] [--ranker coverage]

Writes, in a temporary folder, made-up news text of about --mb megabytes in several
shapes (one text file; many text files; one HTML page; one JSON Lines file; many small
articles), then runs `summarizer summarize` on each in a fresh process and prints the
seconds it took and the peak memory (resident set) of that process.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

VOCABULARY = (
    "rain flood river town coast storm wind shelter family road bridge police mayor governor "
    "water school power hospital damage village people engineers north south rescue"
).split()


def story(size: int, rng: random.Random) -> str:
    """About `size` characters of made-up sentences, four to a line."""
    lines, length = [], 0
    while length < size:
        line = " ".join(
            " ".join(rng.choices(VOCABULARY, k=rng.randint(8, 20))).capitalize() + "."
            for _ in range(4)
        )
        lines.append(line)
        length += len(line) + 1
    return "\n".join(lines)


def make_inputs(folder: Path, megabytes: float) -> dict[str, Path]:
    rng = random.Random(0)
    size = int(megabytes * 1_000_000)
    one = folder / "one.txt"
    one.write_text(story(size, rng), encoding="utf-8")
    many = folder / "many"
    many.mkdir()
    for n in range(300):
        (many / f"outlet{n:03}.txt").write_text(story(size // 300, rng), encoding="utf-8")
    page = folder / "page.html"
    paragraphs = "".join(f"<p>{line}</p>\n" for line in story(size, rng).splitlines())
    page.write_text(
        f"<html><head><title>Floods</title></head><body><article>{paragraphs}</article></body>"
        "</html>",
        encoding="utf-8",
    )
    feed = folder / "feed.jsonl"
    with feed.open("w", encoding="utf-8") as stream:
        for n in range(size // 5000):
            record = {"id": f"a{n}", "source": f"Outlet {n % 50}", "text": story(5000, rng)}
            stream.write(json.dumps(record) + "\n")
    small = folder / "small"
    small.mkdir()
    for n in range(2000):
        (small / f"s{n:04}.txt").write_text(story(600, rng), encoding="utf-8")
    return {
        f"one text file, {megabytes:g} MB": one,
        f"300 text files, {megabytes:g} MB in all": many,
        f"one HTML page, {megabytes:g} MB": page,
        f"one JSON Lines feed, {size // 5000} articles": feed,
        "2,000 short articles": small,
    }


def run_one(path: str, ranker: str) -> None:
    """In the child: one briefing, then its figures as JSON on standard output."""
    from summarizer import Settings, read_paths, render, summarize

    started = time.perf_counter()
    briefing = summarize(read_paths([path]), Settings(ranker=ranker))
    render(briefing, "markdown")
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(json.dumps({"seconds": seconds, "peak_mb": peak_mb, "items": len(briefing.items)}))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=30.0, help="size of each input")
    parser.add_argument("--ranker", default="coverage")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        run_one(args.child, args.ranker)
        return 0
    with tempfile.TemporaryDirectory() as folder:
        inputs = make_inputs(Path(folder), args.mb)
        print(f"ranker {args.ranker}; each case in a fresh process")
        print("| input | seconds | peak memory (MB) | items |\n|---|---:|---:|---:|")
        for name, path in inputs.items():
            result = subprocess.run(
                [sys.executable, __file__, "--child", str(path), "--ranker", args.ranker],
                capture_output=True,
                text=True,
                check=False,
            )
            if result.returncode != 0:
                print(f"| {name} | failed: {result.stderr.strip().splitlines()[-1]} | | |")
                continue
            figures = json.loads(result.stdout)
            print(
                f"| {name} | {figures['seconds']:.1f} | {figures['peak_mb']:.0f} "
                f"| {figures['items']} |"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
