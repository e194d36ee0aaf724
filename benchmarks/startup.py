"""One-shot CLI from a cold start: `summarizer summarize seeds`, the whole process.

    python benchmarks/startup.py [--runs 15]

Runs the installed console script beside this Python (a new process each time, output to
/dev/null) and prints the median and spread of the wall time and the peak memory (the
child's maximum resident set, from wait4). `--help` is timed too: it imports no numpy.
Exit 1 when the median of the seeds' run is not under 1 second (issue 7).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = 1.0


def measure(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak resident MiB of one run of `command`."""
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, cwd=ROOT)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise SystemExit(f"{' '.join(command)} failed with exit code {child.returncode}")
    return wall, usage.ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    script = str(Path(sys.executable).with_name("summarizer"))
    commands = {
        "summarizer summarize seeds": [script, "summarize", "seeds"],
        "summarizer summarize seeds -f html": [script, "summarize", "seeds", "-f", "html"],
        "summarizer --help": [script, "--help"],
    }
    print(f"### Cold start, {args.runs} runs each (alternated)\n")
    print("| command | median s | min s | max s | peak MiB |")
    print("|---|---:|---:|---:|---:|")
    runs: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, command in commands.items():
            runs[name].append(measure(command))
    for name, measured in runs.items():
        walls = [wall for wall, _ in measured]
        peak = max(memory for _, memory in measured)
        print(
            f"| `{name}` | {statistics.median(walls):.3f} | {min(walls):.3f} "
            f"| {max(walls):.3f} | {peak:.0f} |"
        )
    median = statistics.median(wall for wall, _ in runs["summarizer summarize seeds"])
    if median >= TARGET:
        print(f"\nFAIL: the seeds' briefing takes {median:.2f} s; the target is under {TARGET} s")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
