"""The scorer on cases worked out by hand, the baselines, and `summarizer eval`."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.config import Settings
from summarizer.errors import ConfigError, InputError
from summarizer.evaluate import Rouge, Story, evaluate, lead, load_stories, sumy_user, table
from summarizer.model import Article

pytest.importorskip("rouge_score")


@pytest.mark.parametrize(
    ("summary", "references", "budget", "expected"),
    [
        # 3 of the reference's 6 words; 2 of its 5 bigrams.
        ("the cat sat", ["the cat sat on the mat"], 100, (3 / 6, 2 / 5)),
        # Cut to 2 words first: "the cat" has 2 words and 1 bigram of the reference.
        ("the cat sat on the mat", ["the cat sat on the mat"], 2, (2 / 6, 1 / 5)),
        # Averaged over the references, not the best of them.
        ("red fox", ["red fox", "blue whale"], 100, (0.5, 0.5)),
        # Porter stemming: "cats running" matches "cat run".
        ("cats running", ["cat run"], 100, (1.0, 1.0)),
        # Stopwords are kept: "of the" counts.
        ("of the", ["of the people"], 100, (2 / 3, 1 / 2)),
    ],
)
def test_rouge_recall_by_hand(summary, references, budget, expected):
    r1, r2 = Rouge(budget)(summary, references)
    assert r1 == pytest.approx(expected[0])
    assert r2 == pytest.approx(expected[1])


def _story(*texts: str) -> Story:
    articles = tuple(Article(id=f"d{i}", source=f"S{i}", text=t) for i, t in enumerate(texts))
    return Story("s1", articles, ("reference",))


def test_lead_takes_first_sentences_of_each_article_in_turn():
    story = _story("A one. A two. A three.", "B one. B two.")
    assert lead(4)(story).split("\n") == ["A one.", "B one."]
    assert lead(100)(story).split("\n") == ["A one.", "B one.", "A two.", "B two.", "A three."]


def test_sumy_baseline_stops_at_the_budget_and_keeps_document_order():
    texts = [
        "Storms flooded the river valley on Monday. Rescue teams reached the valley by boat.",
        "The river valley flooded after storms. Officials opened shelters in the valley.",
    ]
    summary = sumy_user("lexrank", 10, "english")(_story(*texts))
    sentences = summary.split("\n")
    assert sum(len(s.split()) for s in sentences) >= 10
    assert sum(len(s.split()) for s in sentences[:-1]) < 10  # no sentence more than needed
    source_order = [s for t in texts for s in t.replace(". ", ".\n").split("\n")]
    assert sentences == sorted(sentences, key=source_order.index)


def _dataset(tmp_path: Path) -> Path:
    stories = [
        {
            "id": f"story{n}",
            "documents": [
                {
                    "id": f"{n}a",
                    "source": "Wire",
                    "text": f"Floods hit town {n} on Monday. "
                    "Rescue teams arrived by boat on Tuesday. Schools stayed closed.",
                },
                {
                    "id": f"{n}b",
                    "source": "Daily",
                    "text": f"Floods hit town {n} on Monday "
                    "after heavy rain. Rescue teams arrived by boat. The mayor asked for help.",
                },
            ],
            "references": [f"Floods hit town {n} on Monday and rescue teams arrived by boat."],
        }
        for n in range(3)
    ]
    path = tmp_path / "clusters.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as out:
        out.writelines(json.dumps(s) + "\n" for s in stories)
    return path


def test_evaluate_scores_ours_and_baselines_on_the_same_stories(tmp_path):
    results = evaluate(_dataset(tmp_path), Settings(words=20), budget=20, baselines=["lead"])
    assert [r.system for r in results] == ["summarizer (coverage)", "lead"]
    for result in results:
        assert sorted(result.summaries) == ["story0", "story1", "story2"]
        assert len(result.rouge1) == 3
        assert all(0.0 < r <= 1.0 for r in result.rouge1)
    assert "| lead |" in table(results, "t")


def test_ours_fills_the_budget_as_the_baselines_do(tmp_path):
    # Every summary is cut to the budget, so ours, like lead, reaches it when it can.
    results = evaluate(_dataset(tmp_path), Settings(words=8), budget=8, baselines=["lead"])
    for result in results:
        assert all(len(summary.split()) >= 8 for summary in result.summaries.values())


def test_load_stories_limit_and_errors(tmp_path):
    assert [s.id for s in load_stories(_dataset(tmp_path), limit=2)] == ["story0", "story1"]
    with pytest.raises(InputError, match="no such dataset"):
        load_stories(tmp_path / "missing.jsonl")
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"id": "x"}\n')
    with pytest.raises(InputError, match="line 1 is not a story"):
        load_stories(broken)


def test_unknown_baseline_lists_the_choices(tmp_path):
    with pytest.raises(ConfigError, match="choose from: lead, lexrank"):
        evaluate(_dataset(tmp_path), Settings(words=20), budget=20, baselines=["nope"])


def test_eval_command_prints_the_table_and_writes_summaries(tmp_path):
    out = tmp_path / "summaries.jsonl"
    result = CliRunner().invoke(
        app,
        [
            "eval",
            str(_dataset(tmp_path)),
            "--words",
            "20",
            "--baselines",
            "lead",
            "--summaries-out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "| summarizer (coverage) |" in result.stdout and "| lead |" in result.stdout
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert [line["id"] for line in lines] == ["story0", "story1", "story2"]
    assert all("Floods hit town" in line["summary"] for line in lines)
