"""URL input against a real HTTP server on 127.0.0.1, started and stopped by a fixture."""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest

from summarizer.cli import app
from summarizer.errors import InputError
from summarizer.fetch import USER_AGENT, fetch
from summarizer.ingest import follow_links, read_paths
from tests.test_feeds import RSS2

ARTICLE = """<!DOCTYPE html><html><head><title>Floods hit Valencia</title>
<meta property="og:site_name" content="Coast Herald"></head><body>
<nav>Home | World | Sport</nav>
<article><h1>Floods hit Valencia</h1>
<p>Flash floods swept through the coastal town of Valencia on Tuesday after a night of
torrential rain, and emergency services rescued dozens of residents from their homes.</p>
<p>The regional government said three people were missing and that schools in the town
would stay closed on Wednesday while the water was pumped out of the old quarter.</p>
</article><footer>Copyright Coast Herald</footer></body></html>"""

# Entries as most feeds give them: a title, a teaser and a link to the article. SERVER
# stands for the test server's address.
LINKS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Link Digest</title>
<item><title>Floods</title><link>SERVER/article.html</link><guid>floods</guid>
  <pubDate>Sun, 22 Nov 2026 07:30:00 +0000</pubDate>
  <description>Floods in Valencia.</description></item>
<item><title>Gone</title><link>SERVER/missing</link><guid>gone</guid>
  <pubDate>Sun, 22 Nov 2026 08:00:00 +0000</pubDate>
  <description>A page that was taken down.</description></item>
<item><title>Picture</title><link>SERVER/picture.png</link><guid>picture</guid>
  <pubDate>Sun, 22 Nov 2026 09:00:00 +0000</pubDate>
  <description>Only a photograph.</description></item>
<item><title>Yesterday</title><link>SERVER/yesterday.html</link><guid>yesterday</guid>
  <pubDate>Sat, 21 Nov 2026 09:00:00 +0000</pubDate>
  <description>Old news.</description></item>
<item><title>Whole</title><link>SERVER/whole.html</link><guid>whole</guid>
  <pubDate>Sun, 22 Nov 2026 10:00:00 +0000</pubDate>
  <description>WHOLE</description></item>
</channel></rss>""".replace("WHOLE", "The full story is in the feed itself. " * 30)

ROUTES = {
    "/links.rss": (200, "application/rss+xml", LINKS.encode()),
    "/article.html": (200, "text/html; charset=utf-8", ARTICLE.encode()),
    "/feed.rss": (200, "application/rss+xml", RSS2.encode()),
    "/feed-as-text.xml": (200, "text/xml", RSS2.encode()),
    "/article.json": (
        200,
        "application/json",
        json.dumps({"id": "j1", "source": "JSON Wire", "text": "Rates rose again."}).encode(),
    ),
    "/picture.png": (200, "image/png", b"\x89PNG\r\n\x1a\n" + bytes(64)),
    "/error": (500, "text/plain", b"boom"),
    "/slow": (200, "text/html; charset=utf-8", ARTICLE.encode()),
}


class Handler(BaseHTTPRequestHandler):
    agents: ClassVar[list[str]] = []
    paths: ClassVar[list[str]] = []
    lock = threading.Lock()
    in_flight = 0
    most_in_flight = 0

    def do_GET(self):
        self.agents.append(self.headers.get("User-Agent", ""))
        self.paths.append(self.path)
        with self.lock:
            Handler.in_flight += 1
            Handler.most_in_flight = max(Handler.most_in_flight, Handler.in_flight)
        try:
            self.answer()
        finally:
            with self.lock:
                Handler.in_flight -= 1

    def answer(self):
        if self.path == "/slow":
            time.sleep(1.0)
        status, kind, body = ROUTES.get(self.path, (404, "text/plain", b"not found"))
        body = body.replace(b"SERVER", f"http://{self.headers['Host']}".encode())
        try:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_an_article_page_is_fetched_and_extracted(server):
    (article,) = read_paths([f"{server}/article.html"])
    assert article.url == f"{server}/article.html"
    assert article.title == "Floods hit Valencia"
    assert "three people were missing" in article.text
    assert "Home | World" not in article.text
    assert Handler.agents[-1] == USER_AGENT


@pytest.mark.parametrize("path", ["/feed.rss", "/feed-as-text.xml"])
def test_a_feed_url_gives_its_entries(server, path):
    articles = read_paths([server + path])
    assert [a.source for a in articles] == ["Coast Herald", "Coast Herald"]


def test_a_json_answer_is_read_as_articles(server):
    (article,) = read_paths([f"{server}/article.json"])
    assert (article.id, article.source) == ("j1", "JSON Wire")


@pytest.mark.parametrize(
    ("path", "why"),
    [
        ("/missing", "HTTP 404 Not Found"),
        ("/error", "HTTP 500 Internal Server Error"),
        ("/slow", "no answer within 0.2 s"),
    ],
)
def test_a_failing_url_is_a_warning_and_the_run_goes_on(server, caplog, path, why):
    articles = read_paths([f"{server}/article.html", server + path], timeout=0.2)
    assert [a.title for a in articles] == ["Floods hit Valencia"]
    assert f"could not fetch {server}{path}: {why} (skipped)" in caplog.text


def test_a_non_article_answer_is_skipped_with_a_warning(server, caplog):
    articles = read_paths([f"{server}/picture.png", f"{server}/article.html"])
    assert len(articles) == 1
    assert (
        f"skipped {server}/picture.png: not an article or a feed (it is image/png)" in caplog.text
    )


def test_a_port_where_nothing_listens_is_a_warning(caplog, unused_port):
    assert fetch([f"http://127.0.0.1:{unused_port}/x"], timeout=2) == [None]
    assert "could not fetch" in caplog.text and "refused" in caplog.text.lower()


def test_when_no_url_gives_anything_the_error_says_so(server):
    with pytest.raises(InputError, match="no articles could be read from the URLs given"):
        read_paths([f"{server}/missing"])


def test_fetches_overlap_but_results_keep_the_given_order(server):
    urls = [f"{server}/slow", f"{server}/article.html", f"{server}/slow", f"{server}/feed.rss"]
    give_up = time.monotonic() + 5  # earlier tests' timed-out requests may still be served
    while Handler.in_flight and time.monotonic() < give_up:
        time.sleep(0.05)
    Handler.most_in_flight = 0
    pages = fetch(urls, timeout=5)
    assert [p.url if p else None for p in pages] == urls
    assert 2 <= Handler.most_in_flight <= 4  # parallel, and bounded by PARALLEL


def test_brief_from_urls_reports_the_failure_and_keeps_going(server):
    from typer.testing import CliRunner

    result = CliRunner().invoke(
        app, ["brief", f"{server}/article.html", f"{server}/missing", "-f", "json"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["stories"][0]["title"] == "Floods hit Valencia"
    assert f"could not fetch {server}/missing: HTTP 404" in result.stderr


def test_follow_links_reads_each_linked_article_and_keeps_the_feed_metadata(server, caplog):
    entries = read_paths([f"{server}/links.rss"])
    Handler.paths.clear()
    floods, gone, picture, yesterday, whole = follow_links(entries, timeout=5)
    assert "three people were missing" in floods.text  # the page's article...
    assert (floods.id, floods.title) == ("floods", "Floods")
    assert floods.published == entries[0].published  # ...under the feed's own metadata,
    # but credited to the outlet the page names (og:site_name), not the feed's title.
    assert (entries[0].source, entries[0].named_by) == ("Link Digest", "feed-title")
    assert (floods.source, floods.named_by) == ("Coast Herald", "page")
    # A link that fails or leads to no article keeps the summary, and says so.
    assert (gone, picture, yesterday) == (entries[1], entries[2], entries[3])
    assert f"could not fetch {server}/missing: HTTP 404 Not Found (the summary is kept)" in (
        caplog.text
    )
    assert f"no article found at {server}/picture.png; kept the summary of picture" in caplog.text
    # An entry that carries its whole article is not fetched again.
    assert whole == entries[4]
    assert "/whole.html" not in Handler.paths


def test_following_links_reports_progress_over_each_link_once(server):
    entries = read_paths([f"{server}/links.rss"])
    seen = []

    def progress(pages, total):
        seen.append(total)
        for page in pages:
            seen.append(page.url if page else None)
            yield page

    follow_links([*entries, entries[0]], timeout=5, progress=progress)
    # Four links to fetch (the whole entry needs none, the repeated one is fetched once).
    assert seen == [4, f"{server}/article.html", None, f"{server}/picture.png", None]


def test_links_are_only_followed_when_asked_and_only_for_the_day_kept(server):
    from typer.testing import CliRunner

    feed = f"{server}/links.rss"
    Handler.paths.clear()
    plain = CliRunner().invoke(app, ["brief", feed, "-f", "json", "--max-stories", "0"])
    assert plain.exit_code == 0, plain.output
    assert Handler.paths == ["/links.rss"]  # no link fetched unless --follow-links
    Handler.paths.clear()
    args = ["brief", feed, "--follow-links", "--date", "2026-11-22", "-f", "json"]
    followed = CliRunner().invoke(app, [*args, "--max-stories", "0"])
    assert followed.exit_code == 0, followed.output
    assert sorted(Handler.paths) == ["/article.html", "/links.rss", "/missing", "/picture.png"]
    stories = json.loads(followed.stdout)["stories"]
    texts = [item["text"] for story in stories for item in story["items"]]
    assert any("coastal town of Valencia" in text for text in texts)  # from the page


def test_summarize_follows_links_too(server):
    from typer.testing import CliRunner

    args = ["summarize", f"{server}/links.rss", "--follow-links", "-f", "json"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    texts = [item["text"] for item in json.loads(result.stdout)["items"]]
    assert any("coastal town of Valencia" in text for text in texts)
