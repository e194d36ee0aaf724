"""The archive file: real SQLite files in tmp_path, a real HTTP server on 127.0.0.1 for
conditional fetches, real processes killed mid-run and run side by side."""

import datetime as dt
import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
from typer.testing import CliRunner

from summarizer.archive import MIGRATIONS, VERSION, open_archive
from summarizer.cli import app
from summarizer.errors import ArchiveBusyError, ArchiveError
from summarizer.history import brief, unseen
from tests.test_history import DAY_1, DAY_2, SETTINGS

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()


def invoke(*args, **kwargs):
    return runner.invoke(app, [str(a) for a in args], prog_name="summarizer", **kwargs)


def jsonl(path, articles):
    fields = ("id", "source", "title", "url", "published", "text")
    lines = [json.dumps({f: getattr(a, f) for f in fields}) for a in articles]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def dump(path):
    """The archive's whole content, as SQL."""
    connection = sqlite3.connect(path)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


def query(path, sql):
    connection = sqlite3.connect(path)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


# The command line -----------------------------------------------------------------------


def test_brief_with_an_archive_adds_ids_statuses_and_new_marks_to_the_json(tmp_path):
    archive = tmp_path / "news.sqlite"
    first = invoke("brief", jsonl(tmp_path / "d1.jsonl", DAY_1), "--archive", archive, "-f", "json")
    assert first.exit_code == 0, first.output
    data = json.loads(first.stdout)
    assert data["new_articles"] == 2
    for story in data["stories"]:
        assert story["status"] == "new" and len(story["id"]) == 10
        assert story["first_seen"].endswith("Z") and all(i["new"] for i in story["items"])
    both = jsonl(tmp_path / "d2.jsonl", DAY_1 + DAY_2)
    second = json.loads(invoke("brief", both, "--archive", archive, "-f", "json").stdout)
    assert second["new_articles"] == 4
    statuses = {s["status"] for s in second["stories"]}
    assert statuses == {"new", "developing"}
    shown = {s["id"]: {i["text"] for i in s["items"]} for s in data["stories"]}
    for story in second["stories"]:  # a developing story leads with what it had not shown
        if story["status"] == "developing":
            assert story["items"][0]["new"] and story["items"][0]["text"] not in shown[story["id"]]
    again = invoke("brief", both, "--archive", archive, "-f", "json")
    assert again.exit_code == 0 and again.stdout == ""
    assert again.stderr.startswith("nothing new: all 6 articles read were archived")
    assert query(archive, "SELECT count(*) FROM articles") == [(6,)]
    assert query(archive, "SELECT written FROM briefings") == [("standard output",)] * 2
    forced = invoke("brief", both, "--archive", archive, "-f", "json", "--write-empty")
    assert forced.exit_code == 0 and forced.stderr == ""
    empty = json.loads(forced.stdout)
    assert empty["new_articles"] == 0 and empty["stories"] == []
    assert query(archive, "SELECT count(*) FROM briefings") == [(2,)]  # a briefing of nothing


def test_a_run_with_nothing_new_leaves_the_last_digest_as_it_was(tmp_path, monkeypatch):
    """A cron job that writes to one path every morning keeps yesterday's digest on a
    morning with no news, rather than an empty one; exit 0, one line on standard error."""
    monkeypatch.chdir(tmp_path)  # where a mailed digest would be kept (out/)
    archive, out = tmp_path / "news.sqlite", tmp_path / "latest.html"
    day_1 = jsonl(tmp_path / "d1.jsonl", DAY_1)
    first = invoke("brief", day_1, "--archive", archive, "-f", "html", "-o", out)
    assert first.exit_code == 0, first.output
    written = out.read_bytes()
    assert b"Rates up again" in written
    stamp = out.stat().st_mtime_ns
    before = dump(archive)
    message = [
        "--eml",
        tmp_path / "m.eml",
        "--email-to",
        "desk@example.com",
        "--email-from",
        "d@x.org",
    ]
    for more in ([], message, ["--since", "2026-12-01"]):
        again = invoke("brief", day_1, "--archive", archive, "-f", "html", "-o", out, *more)
        assert again.exit_code == 0 and again.stdout == ""
        assert len(again.stderr.splitlines()) == 1
        assert out.read_bytes() == written and out.stat().st_mtime_ns == stamp
        assert sorted(p.name for p in tmp_path.iterdir()) == [
            "d1.jsonl",
            "latest.html",
            "news.sqlite",
        ]
    assert "no story gained articles since 2026-12-01" in again.stderr
    assert dump(archive) == before  # no briefing recorded (and no feeds: files only)
    forced = invoke("brief", day_1, "--archive", archive, "-f", "html", "-o", out, "--write-empty")
    assert forced.exit_code == 0 and "0 of 0 stories" in out.read_text(encoding="utf-8")


def test_markdown_says_new_or_developing(tmp_path):
    archive = tmp_path / "news.sqlite"
    invoke("brief", jsonl(tmp_path / "d1.jsonl", DAY_1), "--archive", archive)
    result = invoke("brief", jsonl(tmp_path / "d2.jsonl", DAY_2), "--archive", archive)
    assert "*Developing since 20" in result.stdout and "\n*New*\n" in result.stdout


def test_without_an_archive_the_output_is_as_before(tmp_path):
    data = json.loads(invoke("brief", jsonl(tmp_path / "d.jsonl", DAY_1), "-f", "json").stdout)
    assert "new_articles" not in data and "status" not in data["stories"][0]


def test_the_config_file_names_the_archive(tmp_path):
    archive = tmp_path / "from-config.sqlite"
    config = tmp_path / "config.toml"
    config.write_text(f'archive = "{archive}"\n', encoding="utf-8")
    env = {"SUMMARIZER_CONFIG": str(config)}
    result = invoke("brief", jsonl(tmp_path / "d.jsonl", DAY_1), "-f", "json", env=env)
    assert result.exit_code == 0 and json.loads(result.stdout)["new_articles"] == 2
    assert query(archive, "SELECT count(*) FROM articles") == [(2,)]
    stats = invoke("archive", "stats", env=env)
    assert "articles:" in stats.stdout and " 2\n" in stats.stdout
    config.write_text('archive = "x"\nfolder = "y"\n', encoding="utf-8")
    bad = invoke("brief", tmp_path / "d.jsonl", env=env)
    assert bad.exit_code == 2 and "unknown key 'folder'" in bad.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--since", "last"], "--since needs an --archive"),
        (["--archive", "A", "--since", "last", "--date", "2026-11-21"], "not both"),
        (["--archive", "A", "--since", "yesterday"], "--since must be 'last' or a day"),
        (["--write-empty"], "--write-empty needs an --archive"),
    ],
)
def test_since_is_checked(tmp_path, args, message):
    args = [str(tmp_path / a) if a == "A" else a for a in args]
    result = invoke("brief", jsonl(tmp_path / "d.jsonl", DAY_1), *args)
    assert result.exit_code == 2 and message in result.stderr


# Files that are not our archive -------------------------------------------------------------


def other_database(path):
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE notes (text TEXT)")
    connection.execute("INSERT INTO notes VALUES ('keep me')")
    connection.commit()
    connection.close()


def corrupt_database(path):
    other_database(path)
    data = bytearray(path.read_bytes())
    data[100:] = b"\xa5" * (len(data) - 100)  # the header stays, the pages are garbage
    path.write_bytes(bytes(data))


def newer_archive(path):
    with open_archive(path):
        pass
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA user_version = {VERSION + 1}")
    connection.close()


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p.write_text("my shopping list\n"), "not a summarizer archive (not an SQLite"),
        (other_database, "an SQLite database but not a summarizer archive"),
        (corrupt_database, "not a usable summarizer archive"),
        (newer_archive, "newer than this summarizer's"),
    ],
)
def test_a_file_that_is_not_our_archive_is_an_error_and_stays_as_it_was(tmp_path, make, message):
    path = tmp_path / "archive.sqlite"
    make(path)
    before = path.read_bytes()
    result = invoke("brief", jsonl(tmp_path / "d.jsonl", DAY_1), "--archive", path)
    assert result.exit_code == 2, result.output
    assert message in result.stderr and "Traceback" not in result.output
    assert len(result.stderr.strip().splitlines()) == 1
    assert path.read_bytes() == before
    assert not Path(f"{path}-journal").exists()
    stats = invoke("archive", "stats", "--archive", path)
    assert stats.exit_code == 2 and message in stats.stderr and path.read_bytes() == before


def test_a_folder_or_missing_archive_for_a_command_is_an_error(tmp_path):
    result = invoke("archive", "stats", "--archive", tmp_path / "none.sqlite")
    assert result.exit_code == 2 and "no archive at" in result.stderr
    assert not (tmp_path / "none.sqlite").exists()
    result = invoke("brief", jsonl(tmp_path / "d.jsonl", DAY_1), "--archive", tmp_path)
    assert result.exit_code == 2 and "is a folder" in result.stderr
    result = invoke("archive", "stats")
    assert result.exit_code == 2 and "no archive given" in result.stderr


# Schema versions ----------------------------------------------------------------------------


def test_a_version_1_archive_is_migrated_forward_and_keeps_its_articles(tmp_path):
    path = tmp_path / "v1.sqlite"
    connection = sqlite3.connect(path)
    connection.executescript(MIGRATIONS[0])
    connection.execute("PRAGMA application_id = 1398099265")
    connection.execute("PRAGMA user_version = 1")
    connection.execute(
        "INSERT INTO stories VALUES (1, 'oldstory01', '2026-11-20T06:00:00Z',"
        " '2026-11-20T06:00:00Z', 'Rates up again')"
    )
    old = DAY_1[1]
    connection.execute(
        "INSERT INTO articles VALUES (1, ?, ?, ?, ?, ?, ?, '2026-11-21', '2026-11-20T06:00:00Z',"
        " ?, ?, 1)",
        (
            old.id,
            old.source,
            old.url,
            "https://mw.example/r",
            old.title,
            old.published,
            "0" * 64,
            old.text,
        ),
    )
    connection.commit()
    connection.close()
    result = invoke(
        "brief", jsonl(tmp_path / "d.jsonl", DAY_1 + DAY_2), "--archive", path, "-f", "json"
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["new_articles"] == 5  # the archived rates article is known by its link
    rates = next(s for s in data["stories"] if "rates-a" in s["articles"])
    assert rates["id"] == "oldstory01" and rates["status"] == "developing"
    assert query(path, "PRAGMA user_version") == [(VERSION,)]
    assert query(path, "SELECT count(*) FROM briefing_items")[0][0] > 0
    # the migrated article has no terms kept (it is analysed when needed); the new ones do
    assert query(path, "SELECT id FROM articles WHERE terms = ''") == [(old.id,)]


# The archive commands -----------------------------------------------------------------------


def test_stats_stories_export_and_prune(tmp_path):
    path = tmp_path / "news.sqlite"
    now = dt.datetime.now(dt.UTC)
    for articles, ago in ((DAY_1, 30), (DAY_2, 1)):
        with open_archive(path) as archive:
            brief(archive, unseen(archive, articles), SETTINGS, now=now - dt.timedelta(days=ago))
    stats = invoke("archive", "stats", "--archive", path).stdout
    assert "articles:" in stats and "stories:" in stats and "bytes per 1,000 articles:" in stats
    listed = invoke("archive", "stories", "--archive", path, "--days", "7").stdout.splitlines()
    assert len(listed) == 3  # the flood, rates and final stories gained articles a day ago
    assert (
        len(invoke("archive", "stories", "--archive", path, "--days", "60").stdout.splitlines())
        == 3
    )
    exported = invoke("archive", "export", "--archive", path).stdout.splitlines()
    rows = [json.loads(line) for line in exported]
    assert [r["id"] for r in rows] == [a.id for a in DAY_1 + DAY_2]
    assert {"story", "first_seen", "text", "source"} <= set(rows[0])
    assert invoke("archive", "export", "--archive", path, "--format", "csv").exit_code == 2
    pruned = invoke("archive", "prune", "--archive", path, "--older-than", "7")
    assert pruned.exit_code == 0 and "removed 2 articles" in pruned.stdout
    left = [
        json.loads(line)["id"]
        for line in invoke("archive", "export", "--archive", path).stdout.splitlines()
    ]
    assert left == [a.id for a in DAY_2]
    # the stories that lost all their articles are gone; the flood story keeps its id
    assert query(path, "SELECT count(*) FROM stories") == [(3,)]
    assert query(path, "PRAGMA foreign_key_check") == []


def test_every_archive_command_has_help():
    for command in ("stats", "stories", "export", "prune"):
        result = invoke("archive", command, "--help")
        assert result.exit_code == 0 and "--archive" in result.stdout


# Conditional fetching -------------------------------------------------------------------------

FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>Coast Herald</title>
ITEMS</channel></rss>"""
ITEM = """<item><title>TITLE</title><link>SERVER/PATH?utm_source=rss</link><guid>PATH</guid>
<pubDate>Sun, 22 Nov 2026 07:30:00 +0000</pubDate><description>TITLE.</description></item>"""
PAGE = """<!DOCTYPE html><html><head><title>TITLE</title></head><body><article><h1>TITLE</h1>
<p>TEXT</p></article></body></html>"""


class Feed(BaseHTTPRequestHandler):
    """A feed with ETag and Last-Modified, and the articles its entries link to."""

    items: ClassVar[list[tuple[str, str, str]]] = []  # (path, title, text)
    version: ClassVar[int] = 1
    requests: ClassVar[list[str]] = []
    not_modified: ClassVar[int] = 0
    conditional: ClassVar[list[tuple[str, str]]] = []
    hold: ClassVar[threading.Event | None] = None
    arrived: ClassVar[threading.Event] = threading.Event()

    def do_GET(self):
        self.requests.append(self.path)
        server = f"http://{self.headers['Host']}"
        if self.path == "/feed.rss":
            etag = f'"v{self.version}"'
            modified = format_datetime(dt.datetime(2026, 11, 22, self.version, tzinfo=dt.UTC), True)
            asked = (
                self.headers.get("If-None-Match", ""),
                self.headers.get("If-Modified-Since", ""),
            )
            if any(asked):
                Feed.conditional.append(asked)
            if asked[0] == etag:
                Feed.not_modified += 1
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            items = "".join(
                ITEM.replace("TITLE", title).replace("PATH", path) for path, title, _ in self.items
            )
            body = FEED.replace("ITEMS", items).replace("SERVER", server).encode()
            self.answer(body, "application/rss+xml", {"ETag": etag, "Last-Modified": modified})
        elif self.path == "/slow.rss":
            Feed.arrived.set()
            if self.hold is not None:
                self.hold.wait(60)
            self.answer(FEED.replace("ITEMS", "").encode(), "application/rss+xml", {})
        else:
            found = [
                (t, x)
                for p, t, x in self.items
                if f"/{p}?utm_source=rss" == self.path or f"/{p}" == self.path
            ]
            if not found:
                self.answer(b"not found", "text/plain", {}, 404)
                return
            title, text = found[0]
            page = PAGE.replace("TITLE", title).replace("TEXT", text)
            self.answer(page.encode(), "text/html; charset=utf-8", {})

    def answer(self, body, kind, headers, status=200):
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        for key, value in headers.items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def feed_server():
    Feed.items = [
        ("floods", DAY_2[0].title, DAY_2[0].text),
        ("rates", DAY_2[2].title, DAY_2[2].text),
    ]
    Feed.version, Feed.requests, Feed.not_modified, Feed.conditional = 1, [], 0, []
    Feed.hold, Feed.arrived = None, threading.Event()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Feed)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    if Feed.hold is not None:
        Feed.hold.set()
    httpd.shutdown()
    httpd.server_close()


def test_feeds_are_fetched_conditionally_and_archived_links_are_not_fetched_again(
    tmp_path, feed_server
):
    path = tmp_path / "news.sqlite"
    feed = f"{feed_server}/feed.rss"
    args = ("brief", feed, "--archive", path, "--follow-links", "-f", "json")
    first = invoke(*args)
    assert first.exit_code == 0, first.output
    assert json.loads(first.stdout)["new_articles"] == 2
    assert sorted(Feed.requests) == ["/feed.rss", "/floods?utm_source=rss", "/rates?utm_source=rss"]
    assert query(path, "SELECT etag, last_status FROM feeds") == [('"v1"', 200)]
    assert query(path, "SELECT link FROM articles ORDER BY number") == [
        (f"{feed_server}/floods",),
        (f"{feed_server}/rates",),
    ]
    # Unchanged: one request, answered 304, nothing parsed, nothing new, no error.
    Feed.requests.clear()
    second = invoke(*args)
    assert second.exit_code == 0, second.output
    assert Feed.requests == ["/feed.rss"] and Feed.not_modified == 1
    assert Feed.conditional == [('"v1"', "Sun, 22 Nov 2026 01:00:00 GMT")]
    assert second.stdout == "" and "the feeds had nothing new (304 Not Modified)" in second.stderr
    assert query(path, "SELECT etag, last_status FROM feeds") == [('"v1"', 304)]
    # Changed: the feed again, and only the new entry's link.
    Feed.items.append(("final", DAY_2[3].title, DAY_2[3].text))
    Feed.version = 2
    Feed.requests.clear()
    third = invoke(*args)
    assert third.exit_code == 0, third.output
    assert Feed.requests == ["/feed.rss", "/final?utm_source=rss"]
    data = json.loads(third.stdout)
    assert data["new_articles"] == 1 and [s["status"] for s in data["stories"]] == ["new"]
    assert query(path, "SELECT etag, last_status FROM feeds") == [('"v2"', 200)]
    assert query(path, "SELECT count(*) FROM articles") == [(3,)]


# Killed and concurrent runs ----------------------------------------------------------------


def many_articles(path, count, tag):
    """`count` articles on `count` different subjects (made-up words), as JSON Lines."""
    lines = []
    for n in range(count):
        words = [f"{tag}word{n}x{k}" for k in range(12)]
        text = " ".join(
            f"The {words[k]} council met the {words[k + 1]} delegation about {words[k + 2]}."
            for k in range(9)
        )
        lines.append(
            json.dumps(
                {
                    "id": f"{tag}-{n}",
                    "source": f"Outlet {n % 7}",
                    "text": text,
                    "title": f"{words[0]} report",
                    "published": "2026-11-22",
                }
            )
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def summarizer(*args, **kwargs):
    return subprocess.Popen(
        [sys.executable, "-m", "summarizer", *map(str, args)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **kwargs,
    )


def test_a_run_killed_while_it_writes_leaves_the_archive_as_it_was(tmp_path):
    path = tmp_path / "news.sqlite"
    assert invoke("brief", jsonl(tmp_path / "d1.jsonl", DAY_1), "--archive", path).exit_code == 0
    before = dump(path)
    big = many_articles(tmp_path / "big.jsonl", 300, "k")
    run = summarizer("brief", big, "--archive", path, "--max-stories", "0", "--jobs", "1")
    journal = Path(f"{path}-journal")
    deadline = time.monotonic() + 120
    while not journal.exists() and run.poll() is None and time.monotonic() < deadline:
        time.sleep(0.002)
    assert run.poll() is None, "the run ended before it began to write"
    time.sleep(0.2)  # well inside the writing: the 300 stories are still being summarized
    os.kill(run.pid, signal.SIGKILL)
    run.communicate()
    assert run.returncode == -signal.SIGKILL
    assert dump(path) == before
    assert query(path, "PRAGMA integrity_check") == [("ok",)]
    stats = invoke("archive", "stats", "--archive", path)
    assert stats.exit_code == 0 and "articles:" in stats.stdout
    again = invoke("brief", big, "--archive", path, "-f", "json", "--max-stories", "3")
    assert again.exit_code == 0 and json.loads(again.stdout)["new_articles"] == 300


def test_a_second_run_waits_for_the_first_then_says_why_it_cannot_go_on(tmp_path, feed_server):
    path = tmp_path / "news.sqlite"
    Feed.hold = threading.Event()
    first = summarizer(
        "brief",
        f"{feed_server}/slow.rss",
        jsonl(tmp_path / "d1.jsonl", DAY_1),
        "--archive",
        path,
        "-f",
        "json",
    )
    try:
        assert Feed.arrived.wait(60), "the first run never fetched its feed"
        # The first run holds the archive while it fetches: a short wait gives up, clearly.
        started = time.monotonic()
        busy = invoke(
            "brief", jsonl(tmp_path / "d2.jsonl", DAY_2), "--archive", path, "--archive-wait", "0.5"
        )
        waited = time.monotonic() - started
        assert busy.exit_code == 1, busy.output
        assert "is in use by another run; waited 0.5 s" in busy.stderr
        assert waited >= 0.5
        # A third run with time to wait goes on once the first is done.
        third = summarizer("brief", tmp_path / "d2.jsonl", "--archive", path, "-f", "json")
        time.sleep(0.5)
        assert third.poll() is None  # waiting
    finally:
        Feed.hold.set()
    out_first, err_first = first.communicate(timeout=120)
    out_third, err_third = third.communicate(timeout=120)
    assert first.returncode == 0, err_first
    assert third.returncode == 0, err_third
    assert json.loads(out_first)["new_articles"] == 2
    assert json.loads(out_third)["new_articles"] == 4
    assert query(path, "SELECT count(*), count(DISTINCT id) FROM articles") == [(6, 6)]
    assert query(path, "SELECT count(*) FROM briefings") == [(2,)]


def test_open_archive_gives_up_after_the_wait(tmp_path):
    path = tmp_path / "news.sqlite"
    busy = pytest.raises(ArchiveBusyError, match="in use by another run")
    with open_archive(path), busy, open_archive(path, wait=0.1):
        pass
    with (
        pytest.raises(ArchiveError, match="no archive at"),
        open_archive(tmp_path / "missing.sqlite", create=False),
    ):
        pass
