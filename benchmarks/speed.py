"""Per-story speed: our pipeline against sumy's LexRank and TextRank, same stories, one process.

    python benchmarks/speed.py [--data ../shared/data] [--set duc2003] [--words 100] [--rounds 5]
        [--against PATH]

Each round summarizes every story with every system, the systems alternated (their order
rotates from story to story and round to round), so a noisy machine slows all of them
alike. A story's time is its median over the rounds; the table shows the median and the
mean over stories, each system's ROUGE (recall x100, same scorer as `summarizer eval`), and
how many times slower than ours it is. sumy rates a story's sentences once (as a sumy user
calling it once would): the fairest timing for sumy. Exit 1 when our median time per story
is over MAX_MS or our ROUGE is not above LexRank's. MAX_MS is issue 17's bound: the jointly
chosen set (rank/coverage.py) traded issue 7's 20x-LexRank target (21 ms a story then) for
ROUGE; the LexRank ratio is still printed.

`--against PATH` adds another version of our pipeline to the same run: the `summarizer`
package of a source tree at PATH (e.g. `git archive main | tar -x -C /tmp/main`), loaded
under another name, so a change is timed against the code it changes, story by story.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

from summarizer.config import Settings
from summarizer.evaluate import Rouge, Story, load_stories, ours, sumy_user

MAX_MS = 100.0  # median per DUC 2003 story at 100 words (issue 17)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data", type=Path, default=Path(__file__).parents[1] / ".." / "shared" / "data"
    )
    parser.add_argument("--set", default="duc2003")
    parser.add_argument("--words", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--against", type=Path, help="a source tree of another version")
    args = parser.parse_args()
    stories = load_stories(args.data / args.set)
    systems = {
        "ours (coverage)": ours(Settings(words=args.words)),
        "sumy LexRank": sumy_user("lexrank", args.words, "english"),
        "sumy TextRank": sumy_user("textrank", args.words, "english"),
    }
    if args.against:
        systems[f"ours at {args.against}"] = _other_version(args.against, args.words)
    names = list(systems)
    for system in systems.values():  # warm up: imports and caches are not what we time
        system(stories[0])
    seconds: dict[str, list[list[float]]] = {name: [[] for _ in stories] for name in names}
    summaries: dict[str, list[str]] = {name: [] for name in names}
    for round_number in range(args.rounds):
        for index, story in enumerate(stories):
            shift = (index + round_number) % len(names)
            for name in names[shift:] + names[:shift]:
                started = time.perf_counter()
                summary = systems[name](story)
                seconds[name][index].append(time.perf_counter() - started)
                if round_number == 0:
                    summaries[name].append(summary)
        print(f"round {round_number + 1} of {args.rounds} done", file=sys.stderr)

    rouge = Rouge(args.words)
    rows = []
    for name in names:
        scores = [
            rouge(s, story.references) for s, story in zip(summaries[name], stories, strict=True)
        ]
        per_story = [statistics.median(times) for times in seconds[name]]
        rows.append(
            (
                name,
                100 * statistics.mean(r1 for r1, _ in scores),
                100 * statistics.mean(r2 for _, r2 in scores),
                1000 * statistics.median(per_story),
                1000 * statistics.mean(per_story),
            )
        )
    ours_median = rows[0][3]
    print(
        f"### {args.set} at {args.words} words: {len(stories)} stories, "
        f"median of {args.rounds} rounds per story\n"
    )
    print("| system | ROUGE-1 | ROUGE-2 | median ms/story | mean ms/story | x ours |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, r1, r2, median, average in rows:
        print(
            f"| {name} | {r1:.2f} | {r2:.2f} | {median:.1f} | {average:.1f} "
            f"| {median / ours_median:.1f} |"
        )
    _, r1, r2, _, _ = rows[0]
    _, lex1, lex2, lex_median, _ = rows[1]
    ratio = lex_median / ours_median
    print(f"\nLexRank / ours (medians): {ratio:.1f}x")
    if args.against:
        print(f"ours / ours at {args.against} (medians): {ours_median / rows[-1][3]:.2f}x")
    if ours_median > MAX_MS or r1 <= lex1 or r2 <= lex2:
        print(f"FAIL: target is at most {MAX_MS:.0f} ms a story at better ROUGE than LexRank")
        return 1
    return 0


def _other_version(tree: Path, words: int) -> Callable[[Story], str]:
    """`ours` from the `summarizer` package under `tree`, imported as `summarizer_other`
    (its modules import each other relatively, so the name does not matter)."""
    import importlib.util

    init = tree / "summarizer" / "__init__.py"
    spec = importlib.util.spec_from_file_location(
        "summarizer_other", init, submodule_search_locations=[str(init.parent)]
    )
    if spec is None or spec.loader is None:
        sys.exit(f"no summarizer package under {tree}")
    module = importlib.util.module_from_spec(spec)
    sys.modules["summarizer_other"] = module
    spec.loader.exec_module(module)
    evaluate = importlib.import_module("summarizer_other.evaluate")
    config = importlib.import_module("summarizer_other.config")
    model = importlib.import_module("summarizer_other.model")
    run = evaluate.ours(config.Settings(words=words))

    def other(story: Story) -> str:
        articles = tuple(model.Article(**asdict(a)) for a in story.articles)
        return run(evaluate.Story(story.id, articles, story.references))

    return other


if __name__ == "__main__":
    sys.exit(main())
