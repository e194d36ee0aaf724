import json
import re
import subprocess
import sys

import pytest
import typer
from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.render import FORMATS
from summarizer.segment import words

runner = CliRunner()


def invoke(*args, **kwargs):
    return runner.invoke(app, [str(a) for a in args], prog_name="summarizer", **kwargs)


STARTS = {"markdown": r"# \w", "html": "<!DOCTYPE html>", "json": r"\{\n", "text": r"[\w\"“]"}
COMMANDS = typer.main.get_command(app).commands


@pytest.mark.parametrize("fmt", FORMATS)
def test_summarize_to_a_file_in_each_format(seeds_dir, tmp_path, fmt):
    output = tmp_path / "briefing" / f"seeds.{fmt}"
    result = invoke("summarize", seeds_dir, "--format", fmt, "--output", output)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    page = output.read_text(encoding="utf-8")
    assert re.match(STARTS[fmt], page)
    assert "legitimate targets for destruction" in page
    assert not list(output.parent.glob(".*.tmp"))


def test_summarize_to_standard_output(seeds_dir):
    result = invoke("summarize", seeds_dir, "-f", "json")
    assert result.exit_code == 0
    assert len(json.loads(result.stdout)["items"]) == 5


@pytest.mark.parametrize(
    ("option", "check"),
    [
        (["--sentences", "2"], lambda items: len(items) == 2),
        (["--words", "60"], lambda items: 0 < sum(len(words(i["text"])) for i in items) <= 60),
    ],
    ids=["sentences", "words"],
)
def test_length_options(seeds_dir, option, check):
    result = invoke("summarize", seeds_dir, "-f", "json", *option)
    assert result.exit_code == 0
    assert check(json.loads(result.stdout)["items"])


def test_extract_text(seeds_dir):
    result = invoke("extract", seeds_dir)
    assert result.exit_code == 0
    headers = [line for line in result.stdout.splitlines() if line.startswith("== ")]
    assert headers[0] == (
        "== 234radio | 234Radio via Al Jazeera"
        " | Western troops in Ukraine would be ‘targets’ for Russian forces: Putin"
    )
    assert len(headers) == 5
    assert "Sign In" not in result.stdout


def test_extract_json(seeds_dir):
    result = invoke("extract", seeds_dir, "--format", "json")
    assert result.exit_code == 0
    articles = json.loads(result.stdout)["articles"]
    assert [a["source"] for a in articles] == [
        "234Radio via Al Jazeera",
        "Nigerian Tribune",
        "The Tribune (India) via ANI",
        "unnamed-outlet",
        "UPI",
    ]
    assert set(articles[0]) == {
        *("id", "source", "named_by", "home", "title", "url", "published", "text")
    }
    # Which rule named each outlet: the seeds' manifest, or the file's name.
    assert [a["named_by"] for a in articles] == [*["given"] * 3, "file-name", "given"]
    assert "syndicated feed" not in articles[2]["text"]


def test_summarize_reads_standard_input(seeds_dir):
    data = (seeds_dir / "upi.txt").read_bytes()
    result = invoke("summarize", "-", "-f", "json", input=data)
    assert result.exit_code == 0, result.stderr
    assert {s for i in json.loads(result.stdout)["items"] for s in i["sources"]} == {"UPI"}


def test_app_has_help():
    result = invoke("--help")
    assert result.exit_code == 0
    assert all(name in result.stdout for name in COMMANDS)


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help(name):
    assert COMMANDS[name].help and COMMANDS[name].help.strip()
    result = invoke(name, "--help")
    assert result.exit_code == 0
    assert f"Usage: summarizer {name}" in result.stdout


ERRORS = {
    "missing-path": (["summarize", "{tmp}/missing.txt"], "no such file or folder"),
    "empty-file": (
        ["summarize", "{tmp}/empty.txt"],
        "no text to summarize in {tmp}/empty.txt: the input is empty",
    ),
    "no-articles-in-folder": (["summarize", "{tmp}/pictures"], "no articles found in"),
    "unknown-ranker": (["summarize", "{seeds}", "--ranker", "magic"], "unknown ranker 'magic'"),
    "unknown-format": (["summarize", "{seeds}", "--format", "pdf"], "unknown format 'pdf'"),
    "zero-sentences": (["summarize", "{seeds}", "--sentences", "0"], "--sentences must be"),
    "zero-words": (["summarize", "{seeds}", "--words", "0"], "--words must be"),
    "binary-file": (["summarize", "{tmp}/photo.txt"], "{tmp}/photo.txt: not a text file"),
    "only-boilerplate": (["summarize", "{tmp}/prompt.txt"], "no sentences to summarize"),
    "extract-format": (["extract", "{seeds}", "--format", "xml"], "unknown format 'xml'"),
    "extract-missing": (["extract", "{tmp}/missing.txt"], "no such file or folder"),
}


@pytest.fixture
def bad_inputs(tmp_path, seeds_dir):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "pictures").mkdir()
    (tmp_path / "pictures" / "front.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "prompt.txt").write_text("Sign in to keep reading.\nSubscribe now.\n")
    return lambda *args: [a.format(tmp=tmp_path, seeds=seeds_dir) for a in args]


@pytest.mark.parametrize(("args", "message"), ERRORS.values(), ids=ERRORS.keys())
def test_errors_are_one_line_and_exit_2(bad_inputs, args, message):
    result = invoke(*bad_inputs(*args))
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ")
    assert bad_inputs(message)[0] in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert "Traceback" not in result.stdout + result.stderr


@pytest.mark.parametrize(
    "failure",
    [["--ranker", "magic"], ["--templates", "{tmp}/broken"]],
    ids=["before-render", "in-render"],
)
def test_failed_run_leaves_the_output_file_alone(seeds_dir, tmp_path, failure):
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken" / "briefing.md.j2").write_text("{{ no_such_value }}\n")
    output = tmp_path / "briefing.md"
    output.write_text("yesterday's briefing\n", encoding="utf-8")
    args = [a.format(tmp=tmp_path) for a in failure]
    result = invoke("summarize", seeds_dir, "-o", output, *args)
    assert result.exit_code == 2
    assert output.read_text(encoding="utf-8") == "yesterday's briefing\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["briefing.md", "broken"]


def test_version():
    result = invoke("--version")
    assert result.exit_code == 0
    assert result.stdout.startswith("summarizer ")


def test_python_dash_m_summarizer_help(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "summarizer", "--help"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "summarize" in result.stdout


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["summarize", "SEEDS", "--sentences", "abc"], "Invalid value for '--sentences'"),
        (["summarize", "SEEDS", "--bogus"], "No such option: --bogus"),
        (["nope"], "No such command 'nope'"),
        (["summarize", "SEEDS", "--timeout", "0"], "must be more than 0 seconds, not 0.0"),
        (["brief", "SEEDS", "--timeout", "-1"], "must be more than 0 seconds, not -1.0"),
    ],
)
def test_usage_errors_are_one_line_from_the_real_command(seeds_dir, args, expected):
    args = [str(seeds_dir) if a == "SEEDS" else a for a in args]
    result = subprocess.run(
        [sys.executable, "-m", "summarizer", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("error: ") and expected in result.stderr


@pytest.fixture
def day_folder(tmp_path, news_pool):
    """A day's input as it comes: a feed, a text article with front matter, and JSON Lines."""
    import datetime as dt
    from email.utils import format_datetime
    from xml.sax.saxutils import escape

    folder = tmp_path / "day"
    folder.mkdir()
    flood = [a for a in news_pool if a.id.startswith("flood")]
    items = "".join(
        f"<item><title>{escape(a.title)}</title><guid>{a.id}</guid>"
        f"<pubDate>{format_datetime(dt.datetime.fromisoformat(a.published))}</pubDate>"
        f"<link>https://news.example/{a.id}</link><description>{escape(a.text)}</description>"
        f"<source url='https://news.example/'>{escape(a.source)}</source></item>"
        for a in flood
    )
    (folder / "flood.rss").write_text(
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Aggregator</title>{items}'
        "</channel></rss>",
        encoding="utf-8",
    )
    rates, rates_2, final = (a for a in news_pool if not a.id.startswith("flood"))
    (folder / "rates.txt").write_text(
        f"---\nsource: {rates.source}\ntitle: {rates.title}\n---\n{rates.text}\n", encoding="utf-8"
    )
    (folder / "more.jsonl").write_text(
        "\n".join(
            json.dumps({"id": a.id, "source": a.source, "title": a.title, "text": a.text})
            for a in (rates_2, final)
        ),
        encoding="utf-8",
    )
    return folder


@pytest.mark.parametrize("fmt", ["markdown", "html", "json", "text"])
def test_brief_a_folder_of_feeds_articles_and_jsonl_in_each_format(day_folder, tmp_path, fmt):
    output = tmp_path / f"day.{fmt}"
    result = invoke("brief", day_folder, "--format", fmt, "--output", output)
    assert result.exit_code == 0, result.output
    page = output.read_text(encoding="utf-8")
    assert re.match(STARTS[fmt], page)
    if fmt == "markdown":
        assert "## Contents" in page
        assert "1. [Floods hit Valencia](#story-1) (4 outlets, 4 articles)" in page
        assert '<a id="story-1"></a>\n## 1. Floods hit Valencia' in page
    if fmt == "html":
        assert '<li><a href="#story-1">Floods hit Valencia</a>' in page
        assert '<section id="story-1">' in page and "<nav>" in page
    if fmt == "text":
        assert page.startswith("News briefing\n\n1. Floods hit Valencia (4 outlets, 4 articles)")


def test_brief_json_places_every_article_in_one_story(day_folder):
    result = invoke("brief", day_folder, "-f", "json", "--max-stories", "0")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["date"] == ""
    stories = data["stories"]
    # Each story is headed by the title of the article its first sentence comes from.
    assert [s["title"] for s in stories] == [
        "Floods hit Valencia",
        "Rates up again",
        "Late header wins the cup",
    ]
    placed = [article for story in stories for article in story["articles"]]
    assert sorted(placed) == sorted(
        ["flood-a", "flood-b", "flood-c", "flood-d", "rates", "rates-b", "final-a"]
    )
    for story in stories:
        assert {"title", "articles", "sources", "items"} <= story.keys()
        assert 1 <= len(story["items"]) <= 2
        for item in story["items"]:
            assert set(item) >= {"text", "sources"}
            assert set(item["sources"]) <= set(story["sources"])


def test_brief_sentences_per_story_and_max_stories(day_folder):
    result = invoke(
        "brief", day_folder, "-f", "json", "--max-stories", "2", "--sentences-per-story", "1"
    )
    data = json.loads(result.stdout)
    assert [len(s["items"]) for s in data["stories"]] == [1, 1]
    assert data["total_stories"] == 3


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--date", "22/11/2026"], "error: --date must be a day as YYYY-MM-DD, not '22/11/2026'"),
        (["--max-stories", "-1"], "error: --max-stories must be 0 (all) or more, not -1"),
        (
            ["--sentences-per-story", "0"],
            "error: --sentences-per-story must be at least 1, not 0",
        ),
        (["--date", "2026-11-30"], "error: no articles published on 2026-11-30 among the 7 read"),
    ],
)
def test_brief_errors_are_one_line(day_folder, args, message):
    result = invoke("brief", day_folder, *args)
    assert result.exit_code == 2
    assert result.stderr.startswith(message)
    assert len(result.stderr.strip().splitlines()) == 1


def test_brief_explain_shows_why_articles_were_joined(day_folder, tmp_path):
    result = invoke("brief", day_folder, "-f", "json", "--max-stories", "0", "--explain")
    assert result.exit_code == 0, result.stderr
    stories = json.loads(result.stdout)["stories"]
    flood = next(s for s in stories if len(s["articles"]) == 4)
    assert "Valencia" in flood["shared"]["names"]
    plain = json.loads(invoke("brief", day_folder, "-f", "json").stdout)["stories"]
    assert all("shared" not in s for s in plain)
    for fmt in ("markdown", "text", "html"):
        output = tmp_path / f"explained.{fmt}"
        result = invoke("brief", day_folder, "-f", fmt, "--explain", "--output", output)
        assert result.exit_code == 0, result.stderr
        page = output.read_text(encoding="utf-8")
        assert "Joined on names: Valencia" in page
