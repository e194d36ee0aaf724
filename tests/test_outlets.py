"""Outlet names: feed titles without sections and slogans, registered domains from the
bundled public suffix list, the user's outlets file, a page's own name."""

import socket

import pytest

from summarizer.ingest.outlets import (
    _extractor,
    load_outlets,
    outlet_from_title,
    readable_domain,
)
from summarizer.ingest.pages import read_html

# Feed titles as outlets give them, and the outlet each names ("" when only a section).
FEED_TITLES = {
    "Example Herald – Breaking News, World News and Video from Example Herald": "Example Herald",
    "EXH > World News": "EXH",
    "World - ExampleNews.com": "ExampleNews.com",
    "Example Today - Category World": "Example Today",
    "ExampleWeek feed": "ExampleWeek",
    "EXN News Search Records Found 1000": "EXN News",
    "Breaking News, World News and Video from Example Herald": "Example Herald",
    "The Example Times": "The Example Times",
    "Channel ExampleAsia - Latest News": "Channel ExampleAsia",
    "EXR Topics: News": "EXR",
    "Category World": "",
    "World": "",
    "Top Stories": "",
    "Asia": "",
    "Latest": "",
    "World News | Top Stories": "",
}


@pytest.mark.parametrize(("title", "outlet"), FEED_TITLES.items())
def test_a_feed_title_names_its_outlet_without_sections_and_slogans(title, outlet):
    assert outlet_from_title(title) == outlet


def test_the_domain_comes_from_the_bundled_suffix_list_never_fetched(monkeypatch, tmp_path):
    def no_network(*args, **kwargs):
        raise AssertionError("the public suffix list was fetched")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setenv("TLDEXTRACT_CACHE", str(tmp_path / "cache"))
    _extractor.cache_clear()
    assert readable_domain("https://www.news.example.co.uk/world/") == "example.co.uk"
    assert readable_domain("https://xn--mnchen-3ya.de/") == "münchen.de"
    assert readable_domain("http://127.0.0.1:8080/feed") == "127.0.0.1"
    assert readable_domain("not a link") == ""
    assert not (tmp_path / "cache").exists()  # nor kept in a cache


def test_the_outlets_file_names_outlets_by_feed_url_or_domain(tmp_path):
    toml = tmp_path / "outlets.toml"
    toml.write_text(
        '[outlets]\n"examplepost.com" = "The Example Post"\n'
        '"https://feeds.example.org/world.rss?utm_source=x" = "Example Org World Desk"\n',
        encoding="utf-8",
    )
    csv = tmp_path / "outlets.csv"
    csv.write_text("site,name\nexamplepost.com,Example Post (CSV)\n", encoding="utf-8")
    outlets = load_outlets(toml)
    assert outlets.name("https://news.examplepost.com/a") == "The Example Post"
    assert outlets.name("https://feeds.example.org/world.rss") == "Example Org World Desk"
    assert outlets.name("https://notexamplepost.com/a") == ""
    assert load_outlets(csv).name("https://examplepost.com/") == "Example Post (CSV)"


def test_a_page_is_named_by_its_json_ld_publisher():
    page = (
        "<!DOCTYPE html><html><head><title>Floods</title>"
        '<script type="application/ld+json">{"@context": "https://schema.org", "@type": '
        '"NewsArticle", "headline": "Floods", "publisher": {"@type": "Organization", '
        '"name": "Coast Ledger"}}</script></head><body><article><h1>Floods</h1>'
        "<p>Flash floods swept through the coastal town on Tuesday after a night of rain,"
        " and emergency services rescued dozens of residents from their homes.</p>"
        "<p>The regional government said three people were missing and that schools in "
        "the town would stay closed on Wednesday.</p></article></body></html>"
    )
    (article,) = read_html(page, "floods", {"url": "https://www.ledger.example/floods"})
    assert (article.source, article.named_by) == ("Coast Ledger", "page")
    assert article.home == "https://www.ledger.example/"
