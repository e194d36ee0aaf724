"""Quality gate: our default against the baselines on the three benchmark sets, one run.

    python benchmarks/quality.py [--data ../shared/data] [--multinews-stories 500]

Prints each set's table and fails (exit 1) when a target of issue 3 does not hold or a
score falls below its pinned floor (issue 17's targets: DUC 2003 at 38.5/10.0 or more,
MultiLing 2011 and Multi-News no lower than before it). Reads the data by path; it is
not part of the tests.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from summarizer.config import Settings
from summarizer.evaluate import Result, evaluate, table

# Floors pinned a little under the scores measured when the defaults were set (README).
FLOORS = {"duc2003": (38.5, 10.0), "multiling2011": (51.2, 22.5), "multinews-dev": (50.72, 18.2)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data", type=Path, default=Path(__file__).parents[1] / ".." / "shared" / "data"
    )
    parser.add_argument("--multinews-stories", type=int, default=500)
    args = parser.parse_args()
    failures: list[str] = []

    def run(
        name: str, words: int, baselines: list[str], limit: int | None = None
    ) -> dict[str, Result]:
        results = evaluate(
            args.data / name, Settings(words=words), budget=words, baselines=baselines, limit=limit
        )
        print(table(results, f"### {name} at {words} words ({len(results[0].rouge1)} stories)"))
        ours = results[0]
        _, r1, r2, _ = ours.row
        floor1, floor2 = FLOORS[name]
        if r1 < floor1 or r2 < floor2:
            failures.append(f"{name}: {r1:.2f}/{r2:.2f} below the floor {floor1}/{floor2}")
        return {r.system: r for r in results}

    def beat(
        name: str, ours: Result, others: list[Result], margin2: float = 0.0, both: bool = True
    ) -> None:
        _, r1, r2, _ = ours.row
        for other in others:
            _, o1, o2, _ = other.row
            if r2 < o2 + margin2 or (both and r1 <= o1):
                failures.append(
                    f"{name}: ours {r1:.2f}/{r2:.2f} does not beat {other.system} {o1:.2f}/{o2:.2f}"
                    + (f" by {margin2} ROUGE-2" if margin2 else "")
                )

    sumy = ["lexrank", "textrank", "lsa", "luhn", "sumbasic", "kl"]
    duc = run("duc2003", 100, ["lead", *sumy])
    ours = next(iter(duc.values()))
    best_sumy = max((r for s, r in duc.items() if s.startswith("sumy")), key=lambda r: r.row[2])
    beat("duc2003", ours, [best_sumy], margin2=1.5, both=False)

    multiling = run("multiling2011", 250, ["lead", "lexrank", "textrank", "shipped"])
    ours = next(iter(multiling.values()))
    entered = [r for s, r in multiling.items() if s.startswith("ID") and "topline" not in s]
    beat("multiling2011", ours, entered)

    multinews = run("multinews-dev", 260, ["lead", "lexrank", "textrank"], args.multinews_stories)
    ours = next(iter(multinews.values()))
    beat("multinews-dev", ours, [r for s, r in multinews.items() if s != ours.system])

    for failure in failures:
        print(f"FAIL {failure}")
    print("quality gate:", "failed" if failures else "passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
