"""Hostile and broken input: every case ends in a correct briefing or one clear error line.

Each test runs the command line (Typer's CliRunner) or the library on input it makes
itself, and asserts the outcome: the briefing, or the exact error and exit code.
"""

import codecs
import json
import os
import random
import re
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from summarizer import Settings, read_paths, summarize
from summarizer.cli import app
from summarizer.errors import ConfigError, InputError
from summarizer.ingest import SUFFIXES
from summarizer.languages import languages
from summarizer.model import Article
from summarizer.pipeline import MAX_ARTICLE_CHARS, MAX_POOL, MAX_WORDS, MIN_WORDS, sentences_of
from summarizer.segment import words

runner = CliRunner()

FLOOD = "Heavy rain flooded the coastal town of Valencia on Tuesday, cutting off the main road."
SHELTERS = "Emergency services moved two hundred people to shelters overnight."
GOVERNOR = "The regional governor asked residents to stay indoors until the bridges were inspected."
FORECAST = "Forecasters expect the rain to ease by Thursday, but the ground is already saturated."
STORY = {
    "gazette": f"{FLOOD} {SHELTERS}\n{GOVERNOR}\n",
    "radio": f"{SHELTERS} {FLOOD}\n{FORECAST}\n",
}
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10"


def invoke(*args, **kwargs):
    return runner.invoke(app, [str(a) for a in args], prog_name="summarizer", **kwargs)


def briefing_of(*args):
    """The JSON briefing of `summarizer summarize ARGS`, which must succeed."""
    result = invoke("summarize", *args, "-f", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def fails(args, message):
    """`summarizer ARGS` fails with exactly `error: MESSAGE` and exit code 2."""
    result = invoke(*args)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"error: {message}\n"


def texts(briefing):
    return [item["text"] for item in briefing["items"]]


def fold(text):
    return " ".join(text.split())


@pytest.fixture
def story(tmp_path):
    """The two-outlet story as text files with front matter, in `tmp_path / "story"`."""
    folder = tmp_path / "story"
    folder.mkdir()
    for name, text in STORY.items():
        (folder / f"{name}.txt").write_text(f"---\nsource: {name.title()}\n---\n{text}")
    return folder


# Empty input


def test_empty_file(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    fails(
        ["summarize", path],
        f"no text to summarize in {path}: the input is empty (give the articles' text)",
    )


def test_empty_folder(tmp_path):
    fails(
        ["summarize", tmp_path],
        f"no articles found in {tmp_path} (give articles or feeds as files: "
        f"{', '.join(sorted(SUFFIXES))})",
    )


# Binary files


def test_binary_file_alone(tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(PNG)
    fails(["summarize", path], f"{path}: not a text file (give articles as text, HTML or JSON)")


def test_binary_data_without_nul_bytes_is_not_text(tmp_path):
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes(range(1, 256)) * 40)
    fails(["summarize", path], f"{path}: not a text file (give articles as text, HTML or JSON)")


def test_several_binary_files_alone(tmp_path):
    for name in ("a.txt", "b.json"):
        (tmp_path / name).write_bytes(PNG)
    fails(
        ["summarize", tmp_path],
        f"no articles in {tmp_path / 'a.txt'}: not a text file; {tmp_path / 'b.json'}: "
        "not a text file (give articles as text, HTML or JSON)",
    )


def test_binary_files_beside_articles_are_skipped_with_a_warning(story):
    (story / "photo.txt").write_bytes(PNG)
    (story / "archive.json").write_bytes(bytes(random.Random(1).randbytes(3000)))
    result = invoke("summarize", story, "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines() == [
        f"warning: skipped {story / 'archive.json'}: not a text file",
        f"warning: skipped {story / 'photo.txt'}: not a text file",
    ]
    briefing = json.loads(result.stdout)
    assert briefing["outlets"] == ["Gazette", "Radio"]
    assert set(texts(briefing)) == {FLOOD, SHELTERS, GOVERNOR, FORECAST}


# Encodings

FRENCH = "Le maire a déclaré à 9 h que l’eau était montée de deux mètres dans la vieille ville."
GERMAN = "Der Bürgermeister sagte, die Straßen seien überflutet und die Schüler blieben zu Hause."
LATIN_1 = "L'été dernier, la crue avait déjà coûté 3 000 francs à chaque foyer, selon la mairie."


@pytest.mark.parametrize(
    ("encoding", "bom", "text"),
    [
        ("utf-8", codecs.BOM_UTF8, f"{FRENCH} “{GERMAN}”"),
        ("cp1252", b"", f"{FRENCH} “{GERMAN}” {LATIN_1} Le ticket coûte 3 €."),
        ("latin-1", b"", f"{GERMAN} «{LATIN_1}» ×2 ½ ÿ"),
        ("utf-16-le", codecs.BOM_UTF16_LE, f"{FRENCH} “{GERMAN}”"),
        ("utf-16-be", codecs.BOM_UTF16_BE, f"{FRENCH} “{GERMAN}”"),
        ("utf-32-le", codecs.BOM_UTF32_LE, f"{FRENCH} “{GERMAN}”"),
    ],
    ids=["utf-8-bom", "windows-1252", "latin-1", "utf-16-le-bom", "utf-16-be-bom", "utf-32-bom"],
)
def test_text_in_other_encodings_is_decoded(tmp_path, encoding, bom, text):
    path = tmp_path / "report.txt"
    path.write_bytes(bom + text.encode(encoding))
    result = invoke("extract", path, "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["articles"][0]["text"] == text


GREEK = [
    "Η έντονη βροχή πλημμύρισε την παραλιακή πόλη την Τρίτη το πρωί.",
    "Οι υπηρεσίες έκτακτης ανάγκης μετέφεραν διακόσιους ανθρώπους σε καταφύγια.",
    "Ο περιφερειάρχης ζήτησε από τους κατοίκους να μείνουν στα σπίτια τους.",
    "Οι μετεωρολόγοι αναμένουν ότι η βροχή θα σταματήσει την Πέμπτη.",
]


def test_html_page_in_the_charset_it_declares(tmp_path):
    paragraphs = "\n".join(f"<p>{sentence} {sentence}</p>" for sentence in GREEK)
    page = (
        '<!DOCTYPE html>\n<html lang="el"><head><meta charset="windows-1253">'
        f"<title>Πλημμύρες</title></head><body><article>{paragraphs}</article></body></html>"
    )
    path = tmp_path / "kathimerini.html"
    path.write_bytes(page.encode("cp1253"))
    briefing = briefing_of(path, "--language", "greek", "--sentences", "4")
    assert sorted(texts(briefing)) == sorted(GREEK)


# Sources in other languages

SPANISH = {
    "el-pais": "Las fuertes lluvias inundaron la ciudad costera de Valencia el martes por la "
    "mañana. Los servicios de emergencia trasladaron a doscientas personas a refugios.",
    "el-mundo": "Los servicios de emergencia trasladaron a doscientas personas a refugios. "
    "El gobernador pidió a los vecinos que no salieran de casa hasta el jueves.",
}


def test_sources_in_another_language(tmp_path):
    for name, text in SPANISH.items():
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    items = briefing_of(tmp_path, "--language", "spanish")["items"]
    assert items[0] == {
        "text": "Los servicios de emergencia trasladaron a doscientas personas a refugios.",
        "sources": ["el-mundo", "el-pais"],
        "articles": ["el-mundo", "el-pais"],
        "coverage": "2 of 2 sources",
        "disputed_by": [],
        "updated_by": [],
        "earlier_from": [],
    }
    assert len(items) == 3


def test_sentences_are_split_in_other_scripts(tmp_path):
    path = tmp_path / "greek.txt"
    path.write_text(" ".join(GREEK), encoding="utf-8")
    assert sorted(texts(briefing_of(path, "--language", "greek"))) == sorted(GREEK)


def test_unknown_language_lists_the_supported_ones(story):
    fails(
        ["summarize", story, "--language", "klingon"],
        f"unknown language 'klingon'; choose one of: {', '.join(languages())}",
    )


# HTML and markup

MALFORMED_PAGE = f"""<html><head><title>Floods in Valencia</title>
<body><div class=story><p>{FLOOD}<p>{SHELTERS} </span></em>
<div><p>{GOVERNOR}</b></i><p>{FORECAST}<table><tr><td>
<a href=/next>Next story</a"""


def test_malformed_html(tmp_path):
    path = tmp_path / "broken.html"
    path.write_text(MALFORMED_PAGE, encoding="utf-8")
    briefing = briefing_of(path)
    assert sorted(texts(briefing)) == sorted([FLOOD, SHELTERS, GOVERNOR, FORECAST])


NO_ARTICLE = "<html><head><title>Index</title></head><body><script>go()</script></body></html>"


def test_html_page_without_an_article_alone(tmp_path):
    path = tmp_path / "index.html"
    path.write_text(NO_ARTICLE)
    fails(
        ["summarize", path],
        f"{path}: no article text found in the HTML page (give an article's page)",
    )


def test_html_page_without_an_article_beside_articles_is_skipped(story):
    (story / "index.html").write_text(NO_ARTICLE)
    result = invoke("summarize", story, "-f", "json")
    assert result.exit_code == 0
    assert result.stderr == (
        f"warning: skipped {story / 'index.html'}: no article text found in the HTML page\n"
    )
    assert json.loads(result.stdout)["outlets"] == ["Gazette", "Radio"]


HIDDEN = (
    "<script>document.write('SCRIPT TEXT')</script>"
    "<style>p::after { content: 'STYLE TEXT' }</style>"
    "<iframe src='https://ads.example/'>IFRAME TEXT</iframe>"
    "<noscript>NOSCRIPT TEXT</noscript><!-- COMMENT TEXT -->"
)


def test_scripts_styles_and_iframes_in_an_html_page(tmp_path):
    paragraphs = "".join(f"<p>{s}</p>{HIDDEN}" for s in (FLOOD, SHELTERS, GOVERNOR, FORECAST))
    page = f"<!DOCTYPE html><html><head>{HIDDEN}</head><body><article>{paragraphs}</article>"
    path = tmp_path / "page.html"
    path.write_text(page + "</body></html>", encoding="utf-8")
    result = invoke("extract", path, "-f", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["articles"][0]["text"].split("\n") == [
        FLOOD,
        SHELTERS,
        GOVERNOR,
        FORECAST,
    ]


@pytest.mark.parametrize("container", ["txt", "json"])
def test_markup_inside_plain_text_is_reduced_to_what_a_browser_shows(tmp_path, container):
    marked_up = (
        f"<p>{FLOOD.replace('Tuesday', '<b>Tuesday</b>')}</p>{HIDDEN}\n"
        f"<div>{SHELTERS.replace('two hundred', 'two&nbsp;hundred')}<br>{GOVERNOR}</div>"
        "<p>AT&amp;T said its network was down.<script>alert(1)"
    )
    path = tmp_path / f"wire.{container}"
    if container == "json":
        path.write_text(json.dumps({"source": "Wire", "text": marked_up}), encoding="utf-8")
    else:
        path.write_text(marked_up, encoding="utf-8")
    result = invoke("extract", path, "-f", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["articles"][0]["text"].split("\n") == [
        FLOOD,
        SHELTERS,  # the no-break space folded, as all white space is
        GOVERNOR,
        "AT&T said its network was down.",
    ]


def test_control_characters_are_dropped(tmp_path):
    path = tmp_path / "terminal.txt"
    path.write_text(
        f"\x1b[2J\x1b[1;31m{FLOOD}\x07\x1b[0m {SHELTERS}\x08 {GOVERNOR}\n{FORECAST}\x7f\n",
        encoding="utf-8",
    )
    assert sorted(texts(briefing_of(path))) == sorted([FLOOD, SHELTERS, GOVERNOR, FORECAST])


# Sizes and shapes


def test_one_source_only(tmp_path):
    path = tmp_path / "gazette.txt"
    path.write_text(STORY["gazette"], encoding="utf-8")
    briefing = briefing_of(path)
    assert briefing["outlets"] == ["gazette"]
    assert sorted(texts(briefing)) == sorted([FLOOD, SHELTERS, GOVERNOR])
    assert {item["coverage"] for item in briefing["items"]} == {"1 of 1 sources"}


def test_many_identical_copies(tmp_path):
    outlets = [f"Outlet {n:02}" for n in range(1, 41)]
    for outlet in outlets:
        text = f"---\nsource: {outlet}\n---\n{STORY['gazette']}"
        (tmp_path / f"{outlet}.txt").write_text(text, encoding="utf-8")
    briefing = briefing_of(tmp_path)
    assert sorted(texts(briefing)) == sorted([FLOOD, SHELTERS, GOVERNOR])
    for item in briefing["items"]:
        assert (item["sources"], item["coverage"]) == (outlets, "40 of 40 sources")


def test_text_without_sentence_punctuation(tmp_path):
    lines = [
        "heavy rain flooded the coastal town of valencia on tuesday and cut off the main road",
        "emergency services moved two hundred people to shelters overnight",
        "the governor asked residents to stay indoors",
        " ".join(["the river kept rising through the night"] * 15),
    ]
    path = tmp_path / "transcript.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    items = texts(briefing_of(path, "--sentences", "10"))
    assert lines[0] in items and lines[1] in items and lines[2] in items
    long_runs = [item for item in items if item not in lines]
    assert long_runs and all(run in lines[3] for run in long_runs)
    assert all(MIN_WORDS <= len(words(item)) <= MAX_WORDS for item in items)


def test_very_long_sentence_beside_normal_ones(tmp_path):
    run_on = " ".join(["And the water rose"] * 1500) + "."
    path = tmp_path / "report.txt"
    path.write_text(f"{FLOOD} {run_on} {SHELTERS}\n{GOVERNOR}", encoding="utf-8")
    assert sorted(texts(briefing_of(path))) == sorted([FLOOD, SHELTERS, GOVERNOR])


def test_article_that_is_one_very_long_sentence(tmp_path):
    streets = [a + b for a in "bcdfghklmnprstvz" for b in ("ara", "eno", "ilu", "oka", "uxe")]
    run_on = "Officials said " + " and ".join(f"{name} street was flooded" for name in streets)
    path = tmp_path / "report.txt"
    path.write_text(run_on + ".", encoding="utf-8")
    items = texts(briefing_of(path))
    assert len(items) == 5
    assert all(item in run_on and MIN_WORDS <= len(words(item)) <= MAX_WORDS for item in items)


def _large_story(size: int, seed: int) -> str:
    """`size` characters of made-up news sentences, a paragraph a line."""
    rng = random.Random(seed)
    vocabulary = (
        "rain flood river town coast storm wind shelter family road bridge police mayor "
        "governor water school power hospital damage village people engineers"
    ).split()
    lines, length = [], 0
    while length < size:
        sentences = [
            " ".join(rng.choices(vocabulary, k=rng.randint(8, 20))).capitalize() + "."
            for _ in range(4)
        ]
        lines.append(" ".join(sentences))
        length += len(lines[-1]) + 1
    return "\n".join(lines)


def test_very_large_file(tmp_path):
    path = tmp_path / "archive.txt"
    path.write_text(_large_story(20_000_000, seed=1), encoding="utf-8")
    [article] = read_paths([str(path)])
    briefing = summarize([article])
    head = fold(article.text[:MAX_ARTICLE_CHARS])
    assert len(briefing.items) == 5
    assert all(item.text in head for item in briefing.items)


def test_pool_takes_the_first_sentences_of_every_article():
    sentence = "Heavy rain flooded the coastal town number {} on Tuesday."
    articles = [
        Article(
            id=f"a{n}", source=f"Outlet {n}", text=" ".join(sentence.format(k) for k in range(5))
        )
        for n in range(400)
    ]  # 2,000 candidates
    pool = sentences_of(articles)
    assert len(pool) == MAX_POOL == 1000
    assert [(s.article_id, s.position) for s in pool] == [
        (f"a{n}", position)
        for n in range(400)
        for position in range(5)
        if position < 2 or (position == 2 and n < 200)
    ]


def test_input_larger_than_the_limit(tmp_path, monkeypatch):
    monkeypatch.setattr("summarizer.ingest.files.MAX_INPUT_BYTES", 2**20)
    path = tmp_path / "huge.txt"
    path.write_text(_large_story(2**20 + 10, seed=2), encoding="utf-8")
    fails(
        ["summarize", path],
        f"{path} is larger than 1 MiB (give the articles as separate, smaller files)",
    )


def test_json_nested_too_deeply(tmp_path):
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    fails(["summarize", path], f"{path}: not valid JSON (nested too deeply)")


# Outputs

HOSTILE_TEXT = (
    "<p>Researchers said the attackers hid &lt;script&gt;alert('text')&lt;/script&gt; "
    "in the comments of the town's flood page.</p>"
)


@pytest.fixture
def hostile(tmp_path):
    """One article whose every field is markup or holds HTML's special characters, beside
    an ordinary one."""
    record = {
        "source": "<script>alert('source')</script>Q&A <3 'Desk'",
        "title": "<img src=x onerror=alert('title')>Rates <5% & \"rising\">",
        "url": 'https://x.example/" onmouseover="alert(1)',
        "text": f"{HOSTILE_TEXT}\n{FLOOD}",
    }
    (tmp_path / "hostile.json").write_text(json.dumps(record), encoding="utf-8")
    (tmp_path / "plain.txt").write_text(
        "See **the notice** at https://evil.example/login or www.evil.example, and "
        "[click here](https://evil.example) to write to help@evil.example now.\n" + FLOOD,
        encoding="utf-8",
    )
    return tmp_path


def test_html_output_escapes_every_piece_of_source_text(hostile):
    result = invoke("summarize", hostile, "-f", "html")
    assert result.exit_code == 0
    page = result.stdout
    assert "<script" not in page and "<img" not in page and "onmouseover" not in page
    # Markup, escaped or not, is reduced to the text it shows; scripts show none.
    assert "alert(" not in page and "&lt;script" not in page
    # What is left of the fields is escaped.
    assert "<strong>Q&amp;A &lt;3 &#39;Desk&#39;</strong>" in page
    assert "Rates &lt;5% &amp; &#34;rising&#34;&gt;" in page


def test_markdown_output_escapes_markup_and_links(hostile):
    result = invoke("summarize", hostile, "-f", "markdown")
    assert result.exit_code == 0
    page = result.stdout
    assert (
        r"See \*\*the notice\*\* at https\://evil.example/login or www\.evil.example, and "
        r"\[click here\](https\://evil.example) to write to help\@evil.example now."
    ) in page
    assert "alert(" not in page
    assert r"""**Q\&A \<3 'Desk'**: Rates \<5% \& "rising"\>""" in page
    assert not re.search(r"(?<!\\)[<>]", page)  # no tag, no autolink
    for raw in ("](https://", "https://evil", "www.evil", "**the"):
        assert raw not in page


def test_failed_render_leaves_the_existing_output_untouched(story, tmp_path):
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "briefing.md.j2").write_text("# {{ title }}\n{{ items[0].nope }}\n")
    output = tmp_path / "briefing.md"
    output.write_text("yesterday's briefing\n", encoding="utf-8")
    result = invoke("summarize", story, "-o", output, "--templates", templates)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: template briefing.md.j2 failed: ")
    assert output.read_text(encoding="utf-8") == "yesterday's briefing\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["briefing.md", "story", "templates"]


def test_failed_write_leaves_the_existing_output_untouched(story, tmp_path, monkeypatch):
    output = tmp_path / "briefing.md"
    output.write_text("yesterday's briefing\n", encoding="utf-8")

    def disk_full(source, target):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    fails(
        ["summarize", story, "-o", output],
        f"cannot write {output}: No space left on device (choose another --output)",
    )
    assert output.read_text(encoding="utf-8") == "yesterday's briefing\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["briefing.md", "story"]


def test_same_input_gives_byte_identical_output_in_every_process(hostile, story):
    script = (
        "import sys; from summarizer import read_paths, render, summarize, Settings\n"
        "briefing = summarize(read_paths(sys.argv[1:]), Settings(sentences=8))\n"
        "for fmt in ('markdown', 'html', 'json', 'text'):\n"
        "    sys.stdout.write(render(briefing, fmt))\n"
    )
    outputs = [
        subprocess.run(
            [sys.executable, "-c", script, str(story), str(hostile)],
            capture_output=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
            timeout=120,
        ).stdout
        for seed in ("1", "2")
    ]
    assert outputs[0] == outputs[1]
    assert FLOOD.encode() in outputs[0]


def test_settings_reject_an_unknown_language_before_reading():
    with pytest.raises(ConfigError, match="unknown language 'klingon'; choose one of: arabic, "):
        Settings(language="klingon")


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("soup.html", b"<svg></html>", "no article text found in the HTML page"),
        ("ids.json", b'{"id": "\\u001f", "text": "x."}', [("ids", "x.")]),
        ("feed.txt", b"<P>\x0c", "the input is empty"),
        (
            "ff.txt",
            f"<p>{FLOOD}\x0c{SHELTERS}\ufffe</p>".encode(),
            [("ff", f"{FLOOD}\n{SHELTERS}")],
        ),
        ("open-tags.txt", b"<p>" + b"<a " * 100_000, "the input is empty"),
    ],
    ids=["htmldate-asserts-on-svg-root", "control-id", "form-feed", "non-xml", "unclosed-tags"],
)
def test_inputs_the_fuzzer_found(tmp_path, name, data, expected):
    path = tmp_path / name
    path.write_bytes(data)
    if isinstance(expected, str):
        with pytest.raises(InputError, match=expected):
            read_paths([str(path)])
    else:
        assert [(a.id, a.text.strip()) for a in read_paths([str(path)])] == expected
