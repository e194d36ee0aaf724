import json

import pytest

from summarizer.errors import ConfigError, RenderError
from summarizer.model import Briefing, Item
from summarizer.render import FORMATS, render, render_email_text, safe_url

PLAIN = "Heavy rain flooded the coastal town of Valencia on Tuesday."
HOSTILE = (
    "He posted <script>alert(1)</script> and <img src=x onerror=alert(2)> with "
    "*stars*, _under_, [link](http://x) and <b>bold</b>."
)


@pytest.fixture
def briefing(make_article):
    def build(text=PLAIN, url="https://gazette.example/floods?a=1&b=2"):
        articles = (
            make_article(id="a", source="Harbour Gazette", title="Floods", url=url),
            make_article(id="b", source="Coast Radio"),
        )
        item = Item(
            text=text,
            sources=("Harbour Gazette", "Coast Radio"),
            article_ids=("a", "b"),
            article_id="a",
            position=0,
        )
        return Briefing(title="Floods in Valencia", items=(item,), articles=articles, ranker="x")

    return build


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_renders_the_sentences(briefing, fmt):
    page = render(briefing(), fmt)
    assert PLAIN in page
    if fmt != "text":
        assert "Floods in Valencia" in page
        assert "Harbour Gazette" in page
        assert "Coast Radio" in page
    assert render(briefing(), fmt) == page


def test_json_schema(briefing):
    data = json.loads(render(briefing(), "json"))
    assert data["title"] == "Floods in Valencia"
    [item] = data["items"]
    assert item["text"] == PLAIN
    assert item["sources"] == ["Harbour Gazette", "Coast Radio"]
    assert [{k: s[k] for k in ("name", "title", "url")} for s in data["sources"]] == [
        {
            "name": "Harbour Gazette",
            "title": "Floods",
            "url": "https://gazette.example/floods?a=1&b=2",
        },
        {"name": "Coast Radio", "title": "", "url": ""},
    ]


def test_html_escapes_the_source_text(briefing):
    page = render(briefing(HOSTILE), "html")
    assert "<script" not in page
    assert "<img" not in page
    assert "<b>bold" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(2)&gt;" in page


def test_markdown_escapes_the_source_text(briefing):
    page = render(briefing(HOSTILE), "markdown")
    for escaped in (r"\*stars\*", r"\_under\_", r"\[link\](http\://x)", r"\<b\>bold\</b\>"):
        assert escaped in page
    for raw in ("*stars*", "_under_", "[link](", "<b>", "<script>"):
        assert raw not in page


def test_markdown_escapes_a_number_that_would_start_a_list(briefing):
    page = render(briefing("1. Heavy rain flooded the town of Valencia on Tuesday."), "markdown")
    assert r"1. 1\. Heavy rain" in page


@pytest.mark.parametrize("fmt", ["markdown", "html", "json"])
def test_javascript_url_is_not_a_link(briefing, fmt):
    page = render(briefing(url="javascript:alert(document.cookie)"), fmt)
    assert "javascript:" not in page
    assert "Floods" in page


def test_user_template_overrides_a_builtin_one(briefing, tmp_path):
    (tmp_path / "briefing.md.j2").write_text(
        "CUSTOM {{ title }}\n{% for item in items %}{{ item.text }}\n{% endfor %}"
    )
    assert render(briefing(), "markdown", tmp_path) == f"CUSTOM Floods in Valencia\n{PLAIN}\n"
    assert render(briefing(), "html", tmp_path) == render(briefing(), "html")


def test_undefined_variable_in_a_template_is_an_error(briefing, tmp_path):
    (tmp_path / "briefing.txt.j2").write_text("{{ title }} {{ headline }}\n")
    with pytest.raises(RenderError, match="headline"):
        render(briefing(), "text", tmp_path)


def test_missing_template_folder(briefing, tmp_path):
    with pytest.raises(ConfigError, match="template folder not found"):
        render(briefing(), "markdown", tmp_path / "nowhere")


def test_unknown_format_lists_the_valid_ones(briefing):
    with pytest.raises(ConfigError, match="unknown format 'pdf'") as error:
        render(briefing(), "pdf")
    assert all(fmt in str(error.value) for fmt in FORMATS)


def test_email_text_credits_every_sentence_and_lists_the_sources(briefing):
    page = render_email_text(briefing(HOSTILE))
    assert page.startswith("Floods in Valencia\n==================\n\n1. He posted")
    assert HOSTILE in " ".join(page.split())  # plain text: shown as printed, not escaped
    assert "(2 of 2 sources: Harbour Gazette; Coast Radio)" in page
    assert "- Harbour Gazette: Floods\n  https://gazette.example/floods?a=1&b=2\n" in page
    assert "- Coast Radio\n" in page
    assert max(len(line) for line in page.splitlines()) <= 72


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("HTTPS://Gazette.Example/Floods", True),
        ("Http://gazette.example/floods", True),
        ("JavaScript:alert(1)", False),
        ('https://x.example/" onmouseover="alert(1)', False),
    ],
)
def test_safe_url_ignores_the_case_of_the_scheme(url, kept):
    assert safe_url(url) == (url if kept else "")


def test_text_credits_every_sentence_with_its_outlets_and_coverage(briefing):
    made = briefing()
    text = render(made, "text")
    assert made.items
    for item in made.items:
        assert f"{item.text} [{'; '.join(item.sources)}] (" in text
