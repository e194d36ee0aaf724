"""Feeds as real outlets publish them: escaped text, section-named feeds, aggregators,
tracking links, teasers and subscription lists. Each fixture feed is written here, with
the articles and outlet names it must give."""

from __future__ import annotations

import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest

from summarizer.errors import InputError
from summarizer.ingest import read_paths

ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);", re.IGNORECASE)
TAG = re.compile(r"</?[a-z][a-z0-9]*\b[^<>]*>", re.IGNORECASE)


def rss(title: str, items: str, link: str = "https://herald.example/") -> str:
    """An RSS 2.0 feed with the channel `title` and `link`, and these `<item>`s."""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"'
        ' xmlns:content="http://purl.org/rss/1.0/modules/content/">\n'
        f"<channel><title>{title}</title><link>{link}</link>\n{items}\n</channel></rss>\n"
    )


def item(title: str, link: str, description: str = "", extra: str = "") -> str:
    return (
        f"<item><title>{title}</title><link>{link}</link>"
        f"<description>{description}</description>{extra}</item>"
    )


def read_feed_file(tmp_path, text: str, name: str = "feed.xml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_paths([str(path)])


def test_text_escaped_twice_and_escaped_html_come_out_as_text(tmp_path):
    feed = rss(
        "Coast Herald",
        item(
            "Next week&amp;rsquo;s anniversary at the minister&amp;#039;s office",
            "https://herald.example/a",
            "&amp;lt;p&amp;gt;A federal judge ruled on Monday.&amp;lt;/p&amp;gt;"
            "&amp;lt;p&amp;gt;Ren&amp;amp;eacute;e Smith &amp;#x26;amp; Sons appealed."
            "&amp;lt;/p&amp;gt;",
        )
        + item(
            "Smith &amp;amp; Sons",
            "https://herald.example/b",
            "&lt;p&gt;The company&amp;#8217;s shares fell.&lt;/p&gt;",
        ),
    )
    first, second = read_feed_file(tmp_path, feed)
    assert first.title == "Next week’s anniversary at the minister's office"
    assert first.text == "A federal judge ruled on Monday.\nRenée Smith & Sons appealed."
    assert second.title == "Smith & Sons"
    assert second.text == "The company’s shares fell."
    for article in (first, second):
        for field in (article.title, article.text, article.source):
            assert not ENTITY.search(field) and not TAG.search(field), field


def test_section_named_feeds_are_credited_to_their_outlet_or_site(tmp_path):
    story = "The port reopened on Monday after the storm."
    named = rss(
        "Example Herald – Breaking News, World News and Video from Example Herald",
        item("Port reopens", "https://www.exampleherald.co.uk/port", story),
        link="https://www.exampleherald.co.uk/world",
    )
    section = rss(
        "Top Stories",
        item("Port reopens", "https://news.examplepost.com/port?x=1", story),
        link="https://news.examplepost.com/top",
    )
    (article,) = read_feed_file(tmp_path, named, "herald.xml")
    assert (article.source, article.named_by) == ("Example Herald", "feed-title")
    assert article.home == "https://www.exampleherald.co.uk/"
    (article,) = read_feed_file(tmp_path, section, "post.xml")
    # Only a section is left: the registered domain names the outlet.
    assert (article.source, article.named_by) == ("examplepost.com", "domain")
    assert article.home == "https://news.examplepost.com/"


def test_an_items_own_source_and_publisher_name_it(tmp_path):
    feed = rss(
        "World",
        item(
            "Bridge collapses - Wire One",
            "https://news.aggregator.example/articles/CBMi1",
            '&lt;a href="https://wireone.example/bridge"&gt;Bridge collapses&lt;/a&gt;'
            '&amp;nbsp;&amp;nbsp;&lt;font color="#6f6f6f"&gt;Wire One&lt;/font&gt;',
            '<source url="https://wireone.example/rss">Wire One</source>',
        )
        + item(
            "Port bridge collapses after ship strike, six missing - Daily Example",
            "https://news.aggregator.example/articles/CBMi2",
            "A container ship struck the port bridge at night. Six workers are missing."
            " Daily Example",
            '<source url="https://www.dailyexample.com/">Daily Example</source>',
        )
        + item(
            "Storm closes the port - Example Ledger",
            "https://news.aggregator.example/articles/CBMi3",
            '&lt;ol&gt;&lt;li&gt;&lt;a href="https://ledger.example/s"&gt;Storm closes the port'
            "&lt;/a&gt; &lt;font&gt;Example Ledger&lt;/font&gt;&lt;/li&gt;&lt;li&gt;&lt;a href="
            '"https://gazette.example/s"&gt;Port shut as storm nears&lt;/a&gt; &lt;font&gt;'
            "Example Gazette&lt;/font&gt;&lt;/li&gt;&lt;/ol&gt;",
            '<source url="https://ledger.example/">Example Ledger</source>',
        )
        + item(
            "Rates rise",
            "https://news.aggregator.example/rates",
            "The central bank raised its rate.",
            "<dc:publisher>Example Business Wire</dc:publisher>",
        ),
        link="https://news.aggregator.example/",
    )
    bridge, port, storm, rates = read_feed_file(tmp_path, feed)
    # The outlet's name is taken off the title and the text; what is left of the text is
    # the headline, so the entry stands for its headline only.
    assert (bridge.source, bridge.named_by) == ("Wire One", "item-source")
    assert (bridge.title, bridge.text) == ("Bridge collapses", "Bridge collapses")
    assert bridge.home == "https://wireone.example/"
    assert (port.source, port.title) == (
        "Daily Example",
        "Port bridge collapses after ship strike, six missing",
    )
    assert port.text == "A container ship struck the port bridge at night. Six workers are missing."
    # A list of several outlets' headlines is no text: the entry is its headline.
    assert (storm.source, storm.title, storm.text) == ("Example Ledger",) + (
        "Storm closes the port",
    ) * 2
    assert (rates.source, rates.named_by) == ("Example Business Wire", "publisher")


def test_one_article_through_tracking_links_counts_once(tmp_path, caplog):
    text = "The council approved the budget on Tuesday."
    for number, (title, query) in enumerate(
        [
            ("Example Daily - World", "?utm_source=rss&utm_medium=feed"),
            ("Example Daily - Top Stories", "?smid=tw-share"),
            ("Example Daily - Politics", "?at_medium=RSS&at_campaign=KARANGA"),
            ("Example Daily", "?traffic_source=rss#comments"),
        ]
    ):
        feed = rss(
            title,
            item("Budget approved", f"https://exampledaily.com/budget{query}", text)
            + item("Other", f"https://exampledaily.com/other-{number}", f"Report {number}."),
            link="https://exampledaily.com/",
        )
        (tmp_path / f"feed-{number}.xml").write_text(feed, encoding="utf-8")
    articles = read_paths([str(tmp_path)])
    assert [a.title for a in articles] == ["Budget approved", "Other", "Other", "Other", "Other"]
    assert {a.source for a in articles} == {"Example Daily"}
    assert "3 articles were read more than once (same outlet and link)" in caplog.text


def test_a_guid_permalink_is_the_same_article_as_its_link(tmp_path):
    entry = item(
        "Budget approved",
        "https://feeds.exampledaily.com/~r/budget?utm_source=rss",
        "The council approved the budget on Tuesday.",
        "<guid>https://exampledaily.com/budget</guid>",
    )
    other = item(
        "Budget approved",
        "https://exampledaily.com/budget#top",
        "The council approved the budget on Tuesday after a long debate.",
    )
    (tmp_path / "a.xml").write_text(rss("Example Daily", entry), encoding="utf-8")
    (tmp_path / "b.xml").write_text(rss("Example Daily", other), encoding="utf-8")
    (article,) = read_paths([str(tmp_path)])
    assert article.text.endswith("after a long debate.")  # the fuller copy


TEASERS = [
    "The council met on Monday. It heard the mayor, with the president pressing it to act…",
    "The council met on Monday. It heard the mayor, with the president pressing it to act...",
    "The council met on Monday. It heard the mayor and the president pressed it [&#8230;]",
    "The council met on Monday. It heard the mayor and the president pressed it [...]",
    "The council met on Monday. It heard the mayor. Continue reading...",
    "The council met on Monday. It heard the mayor and the president, who pressed it Read more",
    "The council met on Monday.&lt;p&gt;The post Council meets appeared first on Ex.&lt;/p&gt;",
]


@pytest.mark.parametrize("teaser", TEASERS)
def test_a_teaser_keeps_only_its_complete_sentences(tmp_path, teaser):
    (article,) = read_feed_file(
        tmp_path, rss("Example Herald", item("Council meets", "https://h.example/1", teaser))
    )
    assert article.text in (
        "The council met on Monday.",
        "The council met on Monday. It heard the mayor.",
    )
    assert "…" not in article.text and "..." not in article.text and "[" not in article.text


def test_text_cut_at_the_feeds_limit_without_an_ellipsis_is_dropped(tmp_path):
    cut = (
        "Leaders of the two countries met in the capital on Friday. They agreed to deepen "
        "trade, technology, energy, and defense"
    )
    whole = "The storm moved north overnight. Ports along the coast stayed closed all day."
    items = [
        item(f"Story {n}", f"https://h.example/{n}", text)
        for n, text in enumerate([cut, cut[:-3], whole])
    ]
    first, second, third = read_feed_file(tmp_path, rss("Example Herald", "".join(items)))
    assert first.text == second.text == "Leaders of the two countries met in the capital on Friday."
    assert third.text == whole


def test_an_entry_with_nothing_complete_stands_for_its_headline(tmp_path):
    feed = rss(
        "Example Herald",
        item("Talks resume in the capital", "https://h.example/1", "Negotiators returned to the…"),
    )
    (article,) = read_feed_file(tmp_path, feed)
    assert article.text == article.title == "Talks resume in the capital"


def test_extract_reports_the_rule_that_named_each_outlet(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from summarizer.cli import app

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    feed = tmp_path / "feed.xml"
    feed.write_text(
        rss(
            "World",
            item("Port reopens", "https://news.examplepost.com/port", "The port reopened.")
            + item(
                "Bridge shut - Wire One",
                "https://agg.example/1",
                "The bridge was shut.",
                '<source url="https://wireone.example/">Wire One</source>',
            ),
            link="https://news.examplepost.com/",
        ),
        encoding="utf-8",
    )

    def extract(*options):
        result = CliRunner().invoke(app, ["extract", str(feed), "-f", "json", *options])
        return result, json.loads(result.stdout)["articles"] if result.exit_code == 0 else []

    result, articles = extract()
    assert [(a["source"], a["named_by"]) for a in articles] == [
        ("examplepost.com", "domain"),
        ("Wire One", "item-source"),
    ]
    # The user's name wins, from --outlets or from the default location.
    (tmp_path / "mine.csv").write_text("examplepost.com,The Example Post\n", encoding="utf-8")
    result, articles = extract("--outlets", str(tmp_path / "mine.csv"))
    assert (articles[0]["source"], articles[0]["named_by"]) == ("The Example Post", "outlets-file")
    (tmp_path / "config" / "summarizer").mkdir(parents=True)
    (tmp_path / "config" / "summarizer" / "outlets.toml").write_text(
        '"wireone.example" = "Wire One News"\n', encoding="utf-8"
    )
    result, articles = extract()
    assert [a["source"] for a in articles] == ["examplepost.com", "Wire One News"]
    # A bad outlets file is one clear line.
    (tmp_path / "bad.toml").write_text("examplepost.com = [1]\n", encoding="utf-8")
    result, _ = extract("--outlets", str(tmp_path / "bad.toml"))
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1
    result, _ = extract("--outlets", str(tmp_path / "missing.toml"))
    assert "outlets file not found" in result.stderr and result.exit_code == 2


class _Routes(BaseHTTPRequestHandler):
    routes: ClassVar[dict[str, tuple[str, bytes]]] = {}
    paths: ClassVar[list[str]] = []

    def do_GET(self):
        self.paths.append(self.path)
        found = self.routes.get(self.path)
        self.send_response(200 if found else 404)
        self.send_header("Content-Type", found[0] if found else "text/plain")
        self.end_headers()
        self.wfile.write(found[1] if found else b"not found")

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    """A real HTTP server on 127.0.0.1 serving `_Routes.routes`; yields its address."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Routes)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    _Routes.paths.clear()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()
    _Routes.routes = {}


def opml(server: str, *outlines: tuple[str, str]) -> str:
    body = "".join(
        f'<outline type="rss" text="{title}" title="{title}" xmlUrl="{server}{path}"/>'
        for title, path in outlines
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><opml version="2.0"><head><title>Mine'
        f'</title></head><body><outline text="News">{body}</outline></body></opml>'
    )


BRIDGE = (
    "A container ship struck the port bridge before dawn on Tuesday. "
    "Six road workers were missing and divers searched the river. "
)


def test_an_opml_list_is_read_as_its_feeds_each_named_by_its_outline(server, tmp_path, caplog):
    rss_type = "application/rss+xml"
    _Routes.routes = {
        "/herald.rss": (
            rss_type,
            rss(
                "EXH &gt; World News",
                item("Bridge struck", "https://exampleherald.com/bridge?utm_source=rss", BRIDGE),
                link="https://exampleherald.com/",
            ).encode(),
        ),
        "/post.rss": (
            rss_type,
            rss(
                "Top Stories",
                item("Bridge struck", "https://examplepost.com/bridge", BRIDGE),
                link="https://examplepost.com/",
            ).encode(),
        ),
        "/list.opml": (
            "text/x-opml",
            opml(server, ("The Example Herald", "/herald.rss"), ("World", "/post.rss")).encode(),
        ),
    }
    articles = read_paths([f"{server}/list.opml"], timeout=5)
    # The outline's title names the outlet; a section-named outline leaves it to the feed.
    assert [(a.source, a.named_by) for a in articles] == [
        ("The Example Herald", "subscription"),
        ("examplepost.com", "domain"),
    ]
    assert sorted(_Routes.paths) == ["/herald.rss", "/list.opml", "/post.rss"]
    # A list saved as a file is read the same; a feed that fails is skipped with a warning.
    saved = tmp_path / "subscriptions.opml"
    saved.write_text(opml(server, ("Herald", "/herald.rss"), ("Gone", "/gone.rss")), "utf-8")
    (article,) = read_paths([str(saved)], timeout=5)
    assert article.source == "Herald"
    assert f"could not fetch {server}/gone.rss: HTTP 404" in caplog.text


def test_a_list_without_feeds_is_a_clear_error(tmp_path, server, caplog):
    empty = tmp_path / "empty.opml"
    empty.write_text('<opml version="2.0"><body><outline text="x"/></body></opml>', "utf-8")
    with pytest.raises(InputError, match="no feeds in this subscription list"):
        read_paths([str(empty)])
    # Fetched, it is skipped with a warning like any URL that fails.
    _Routes.routes = {"/empty.opml": ("text/x-opml", empty.read_bytes())}
    with pytest.raises(InputError, match=r"no articles could be read from the feeds of http"):
        read_paths([f"{server}/empty.opml"], timeout=5)
    assert f"skipped {server}/empty.opml: no feeds in this subscription list" in caplog.text
    other = tmp_path / "other.opml"
    other.write_text("just words", "utf-8")
    with pytest.raises(InputError, match="not an OPML subscription list"):
        read_paths([str(other)])


def write_real_feeds(folder):
    """Three outlets' feeds on one bridge accident, as real feeds give them: escaped
    text, a section-named feed, tracking links, teasers; and a story told in headlines."""
    folder.mkdir()
    herald = rss(
        "Example Herald – Breaking News, World News and Video from Example Herald",
        item(
            "Bridge struck: six missing",
            "https://exampleherald.com/bridge?utm_source=rss",
            "&amp;lt;p&amp;gt;A container ship struck the port bridge before dawn on Tuesday."
            "&amp;lt;/p&amp;gt;&amp;lt;p&amp;gt;Six road workers were missing, the port&amp;#8217;s"
            " director said, and divers searched the river &amp;amp; its banks.&amp;lt;/p&amp;gt;"
            "&amp;lt;p&amp;gt;The governor, pressing federal agencies to act…&amp;lt;/p&amp;gt;",
            "<pubDate>Tue, 24 Nov 2026 08:00:00 +0000</pubDate>",
        )
        + item(
            "Talks on the port's future",
            "https://exampleherald.com/talks",
            "Officials will meet to discuss the future of the port in […]",
            "<pubDate>Tue, 24 Nov 2026 09:00:00 +0000</pubDate>",
        ),
        link="https://exampleherald.com/",
    )
    again = rss(
        "Example Herald - Top Stories",
        item(
            "Bridge struck: six missing",
            "https://exampleherald.com/bridge?smid=tw-share#top",
            "A container ship struck the port bridge before dawn on Tuesday.",
            "<pubDate>Tue, 24 Nov 2026 08:00:00 +0000</pubDate>",
        ),
        link="https://exampleherald.com/",
    )
    post = rss(
        "World",
        item(
            "Ship hits port bridge",
            "https://www.examplepost.com/world/bridge?at_medium=RSS",
            "A container ship struck the port bridge before dawn on Tuesday, officials said. "
            "Six road workers were missing and divers searched the river. Continue reading",
            "<pubDate>Tue, 24 Nov 2026 07:00:00 +0000</pubDate>",
        ),
        link="https://www.examplepost.com/world",
    )
    wire = rss(
        "Aggregator News",
        item(
            "Container ship strikes port bridge, six missing - Wire One",
            "https://news.aggregator.example/articles/1",
            "A container ship struck the port bridge before dawn on Tuesday, and six road "
            "workers were missing. Wire One",
            '<source url="https://wireone.example/">Wire One</source>'
            "<pubDate>Tue, 24 Nov 2026 07:30:00 +0000</pubDate>",
        ),
        link="https://news.aggregator.example/",
    )
    for name, text in (("herald", herald), ("herald-top", again), ("post", post), ("wire", wire)):
        (folder / f"{name}.xml").write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize("fmt", ["markdown", "html", "text", "json"])
def test_a_briefing_of_real_feeds_is_clean_in_every_format(tmp_path, fmt, monkeypatch):
    from typer.testing import CliRunner

    from summarizer.cli import app

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    feeds = write_real_feeds(tmp_path / "feeds")
    args = ["brief", str(feeds), "-f", fmt, "--sentences-per-story", "3"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.stderr
    digest = json.loads(CliRunner().invoke(app, [*args[:2], *args[4:], "-f", "json"]).stdout)
    bridge, talks = digest["stories"]
    assert bridge["sources"] == ["Example Herald", "examplepost.com", "Wire One"]
    assert [o["name"] for o in bridge["outlets"]] == bridge["sources"]  # each outlet once
    herald = bridge["outlets"][0]
    assert herald["home"] == "https://exampleherald.com/"
    assert [a["url"] for a in herald["articles"]] == [
        "https://exampleherald.com/bridge?utm_source=rss"
    ]
    sentences = [i["text"] for s in digest["stories"] for i in s["items"]]
    assert sentences and talks["headline_only"] and not bridge["headline_only"]
    for sentence in sentences:
        assert not ENTITY.search(sentence) and not TAG.search(sentence), sentence
        assert sentence.endswith((".", "!", "?")) and not sentence.endswith("..."), sentence
        assert "Wire One" not in sentence and "Continue" not in sentence
    page = result.stdout
    assert "…" not in page.replace("'s future …", "") and "[…]" not in page
    assert "&amp;amp;" not in page and "&#8217;" not in page and "&lt;p" not in page
    if fmt != "text":  # the sentences alone, by design
        assert page.count("Example Herald") >= 2  # credited and in the sources, once each
    if fmt == "markdown":
        assert "*Headline only: no complete sentence was reported.*" in page
        # Once in each story's sources, with its articles under it.
        assert page.count("- [Example Herald](<https://exampleherald.com/>)\n  - [") == 2
