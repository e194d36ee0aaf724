"""Whole briefings against reviewed files: `pytest --update-golden` rewrites them."""

from pathlib import Path

from summarizer import read_paths, render, summarize

GOLDEN = Path(__file__).parent / "golden"


def test_seeds_briefing(seeds_dir, update_golden):
    expected = GOLDEN / "seeds.md"
    actual = render(summarize(read_paths([str(seeds_dir)])), "markdown")
    if update_golden:
        expected.write_text(actual, encoding="utf-8", newline="\n")
    assert actual == expected.read_text(encoding="utf-8"), (
        "the briefing changed: review it with `pytest --update-golden` and `git diff tests/golden`"
    )
