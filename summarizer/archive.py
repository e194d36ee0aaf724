"""The archive: one SQLite file that remembers articles, feeds, stories and briefings.

The whole schema is here. It carries a version (`PRAGMA user_version`) and an
application id (`APPLICATION_ID`, so that another program's database is never taken for
ours); `MIGRATIONS[k]` takes a version-k archive to version k + 1, and an older archive is
migrated forward when it is opened. Indexes are named for the lookups they serve.

Every run is one transaction (`open_archive`): it starts with `BEGIN IMMEDIATE`, which
takes the write lock at once, so a second run waits for it (at most `wait` seconds, then
`ArchiveBusyError`), and it is committed only when the run succeeds. A run that fails or
is killed leaves the archive as it was (SQLite's rollback journal). Times are UTC, ISO
8601 to the microsecond; days are `YYYY-MM-DD`. Nothing here prints; `history` decides what a
briefing does with the archive.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .config import LOCK_WAIT, read_config_file
from .errors import ArchiveBusyError, ArchiveError, ConfigError
from .fetch import Page, fetch
from .links import canonical_url
from .model import Article

if TYPE_CHECKING:
    import sqlite3

APPLICATION_ID = 0x53554D41  # "SUMA": marks the file as a summarizer archive
SQLITE_HEADER = b"SQLite format 3\x00"

MIGRATIONS: tuple[str, ...] = (
    # 0 -> 1: articles, feeds, stories and briefings.
    """
    CREATE TABLE feeds (
        url TEXT PRIMARY KEY,
        etag TEXT NOT NULL DEFAULT '',
        last_modified TEXT NOT NULL DEFAULT '',
        last_fetched TEXT NOT NULL,
        last_status INTEGER NOT NULL  -- HTTP status; 0 when the fetch failed
    );
    CREATE TABLE stories (
        number INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        first_seen TEXT NOT NULL,
        last_seen TEXT NOT NULL,
        headline TEXT NOT NULL DEFAULT ''
    );
    CREATE TABLE articles (
        number INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        outlet TEXT NOT NULL,
        url TEXT NOT NULL,
        link TEXT NOT NULL,  -- canonical_url(url), '' when there is none
        title TEXT NOT NULL,
        published TEXT NOT NULL,
        day TEXT NOT NULL,  -- the day published, else the day first seen
        first_seen TEXT NOT NULL,
        text_hash TEXT NOT NULL,  -- sha256 of the text as read, spaces collapsed
        text TEXT NOT NULL,  -- as cleaned
        story INTEGER NOT NULL REFERENCES stories(number)
    );
    CREATE INDEX articles_by_link ON articles(link) WHERE link != '';
    CREATE INDEX articles_by_text_hash ON articles(text_hash);
    CREATE INDEX articles_by_story ON articles(story, day);
    CREATE INDEX articles_by_day ON articles(day);
    CREATE INDEX articles_by_first_seen ON articles(first_seen);
    CREATE TABLE briefings (
        number INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        date TEXT NOT NULL,  -- the --date day, '' for a briefing of what was new
        since TEXT NOT NULL,  -- what counted as new: from this time on
        written TEXT NOT NULL DEFAULT '',
        articles INTEGER NOT NULL,
        new_articles INTEGER NOT NULL
    );
    CREATE TABLE briefing_stories (
        briefing INTEGER NOT NULL REFERENCES briefings(number),
        story INTEGER NOT NULL REFERENCES stories(number),
        rank INTEGER NOT NULL,
        headline TEXT NOT NULL,
        PRIMARY KEY (briefing, story)
    );
    """,
    # 1 -> 2: briefings remember the sentences they showed, so the next can mark what is new.
    """
    CREATE TABLE briefing_items (
        briefing INTEGER NOT NULL REFERENCES briefings(number),
        story INTEGER NOT NULL REFERENCES stories(number),
        position INTEGER NOT NULL,
        text TEXT NOT NULL,
        PRIMARY KEY (briefing, story, position)
    );
    CREATE INDEX briefing_stories_by_story ON briefing_stories(story, briefing);
    """,
    # 2 -> 3: each article's terms as the grouping reads them, so that recent stories'
    # articles are not analysed again by each run ('' for articles archived before).
    """
    ALTER TABLE articles ADD COLUMN terms TEXT NOT NULL DEFAULT '';
    """,
)
VERSION = len(MIGRATIONS)


@dataclass(frozen=True, slots=True)
class Stored:
    """An archived article, as cleaned, with the story it belongs to."""

    article: Article
    story: int  # the story's number (its row); `Archive.story_id` gives its stable id
    day: str
    first_seen: str
    terms: str  # `stories.Terms.dumps` of its terms; '' when archived without them


@dataclass(frozen=True, slots=True)
class Added:
    """A new article to archive: as cleaned, with its canonical link, the hash of its
    text as read (`text_hash`), its day, its story's number and its terms
    (`stories.Terms.dumps`)."""

    article: Article
    link: str
    read_hash: str
    day: str
    story: int
    terms: str = ""


@dataclass(frozen=True, slots=True)
class StoryRow:
    """A story as the archive lists it."""

    id: str
    first_seen: str
    last_seen: str
    headline: str
    articles: int
    outlets: int


def text_hash(text: str) -> str:
    """sha256 (hex) of `text` with its white space collapsed: one article, one hash."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def stamp(time: dt.datetime) -> str:
    """`time` as the archive keeps it: UTC, ISO 8601, to the microsecond (runs a second
    apart must not share a time: what is new is what was first seen since a time)."""
    return time.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def configured_path(environ: Mapping[str, str]) -> Path | None:
    """The archive the config file names (`archive = "PATH"`), if it names one.

    The file is `SUMMARIZER_CONFIG`, else `$XDG_CONFIG_HOME/summarizer/config.toml`, else
    `~/.config/summarizer/config.toml`; `~` in the path is expanded.
    """
    data, path = read_config_file(
        environ, "SUMMARIZER_CONFIG", "config.toml", ["archive"], "the config file"
    )
    if "archive" not in data:
        return None
    if not isinstance(data["archive"], str) or not data["archive"].strip():
        raise ConfigError(f"archive in {path} must be a file path in quotes")
    return Path(data["archive"]).expanduser()


@contextmanager
def open_archive(
    path: Path, *, wait: float = LOCK_WAIT, create: bool = True, write: bool = True
) -> Iterator[Archive]:
    """The archive at `path`, in one transaction: committed when the block ends, rolled
    back when it raises (or the process dies), so the file is never left half-written.

    A missing file is created when `create` (else `ArchiveError`). With `write` the
    transaction holds the write lock from the start; another run holding it is waited
    for at most `wait` seconds, then `ArchiveBusyError`. A file that is not a summarizer
    archive, is corrupt, or was made by a newer version raises `ArchiveError` and is
    left untouched. An older archive is migrated forward inside the transaction.
    """
    import sqlite3  # imported here: the command line starts faster without it

    path = Path(path)
    _check_file(path, create)
    try:
        connection = sqlite3.connect(path, timeout=wait, isolation_level=None)
    except sqlite3.Error as error:
        raise ArchiveError(f"cannot open the archive {path}: {error}") from None
    try:
        try:
            connection.execute("BEGIN IMMEDIATE" if write else "BEGIN")
        except sqlite3.OperationalError as error:
            if "locked" in str(error) or "busy" in str(error):
                raise ArchiveBusyError(
                    f"the archive {path} is in use by another run; waited {wait:g} s for it "
                    "(try again when that run ends, or give a longer --archive-wait)"
                ) from None
            raise
        archive = Archive(connection, path)
        archive.prepare(write)
        yield archive
        connection.execute("COMMIT")
    except sqlite3.DatabaseError as error:
        _rollback(connection)
        raise ArchiveError(
            f"{path} is not a usable summarizer archive ({error}); give another --archive "
            "path (the file was left as it is)"
        ) from None
    except BaseException:
        _rollback(connection)
        raise
    finally:
        connection.close()


def vacuum(path: Path, *, wait: float = LOCK_WAIT) -> None:
    """Give the space of deleted rows back to the file system (after `Archive.prune`)."""
    import sqlite3

    try:
        connection = sqlite3.connect(path, timeout=wait, isolation_level=None)
        try:
            connection.execute("VACUUM")
        finally:
            connection.close()
    except sqlite3.Error as error:
        raise ArchiveError(f"cannot compact the archive {path}: {error}") from None


def _check_file(path: Path, create: bool) -> None:
    if path.is_dir():
        raise ArchiveError(f"the archive {path} is a folder; give a file path for --archive")
    if not path.exists():
        if not create:
            raise ArchiveError(f"no archive at {path} (a brief --archive run creates one)")
        if not path.parent.is_dir():
            raise ArchiveError(f"cannot create the archive {path}: no folder {path.parent}")
        return
    try:
        with path.open("rb") as stream:
            header = stream.read(len(SQLITE_HEADER))
    except OSError as error:
        raise ArchiveError(f"cannot read the archive {path}: {error.strerror}") from None
    if header and header != SQLITE_HEADER:
        raise ArchiveError(
            f"{path} is not a summarizer archive (not an SQLite database); give another "
            "--archive path (the file was left as it is)"
        )


def _statements(script: str) -> Iterator[str]:
    """The SQL statements of `script`, one by one (`executescript` would commit first)."""
    import sqlite3

    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            yield pending
            pending = ""


def _rollback(connection: sqlite3.Connection) -> None:
    import sqlite3

    if connection.in_transaction:
        with suppress(sqlite3.Error):  # the transaction may be gone with the error
            connection.execute("ROLLBACK")


class Archive:
    """An open archive inside one transaction (made by `open_archive`)."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self.connection = connection
        self.path = path

    def prepare(self, write: bool) -> None:
        """Check that the file is ours, and create or migrate its schema."""
        db = self.connection
        application_id = db.execute("PRAGMA application_id").fetchone()[0]
        version = db.execute("PRAGMA user_version").fetchone()[0]
        tables = db.execute("SELECT count(*) FROM sqlite_schema").fetchone()[0]
        if application_id != APPLICATION_ID and (application_id or tables):
            raise ArchiveError(
                f"{self.path} is an SQLite database but not a summarizer archive; give "
                "another --archive path (the file was left as it is)"
            )
        if version > VERSION:
            raise ArchiveError(
                f"the archive {self.path} has schema version {version}, newer than this "
                f"summarizer's ({VERSION}); upgrade summarizer to use it"
            )
        if version < VERSION:
            if not write:
                raise ArchiveError(
                    f"the archive {self.path} has schema version {version}; a brief "
                    "--archive run migrates it forward"
                )
            self.migrate(version)
        db.execute("PRAGMA foreign_keys = ON")

    def migrate(self, version: int) -> None:
        """Apply `MIGRATIONS[version:]`, in this transaction."""
        db = self.connection
        if version == 0:
            db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        for step, script in enumerate(MIGRATIONS[version:], version + 1):
            for statement in _statements(script):
                db.execute(statement)
            db.execute(f"PRAGMA user_version = {step}")

    # Feeds ---------------------------------------------------------------------------

    def fetcher(self, now: dt.datetime) -> _Fetcher:
        """A `fetch` that sends each URL's ETag and Last-Modified from the archive, and
        stores what it answered (validators, time and status) for the next run."""
        return _Fetcher(self, stamp(now))

    # Articles ------------------------------------------------------------------------

    def known(self, article: Article, link: str | None = None) -> bool:
        """Whether an earlier run archived `article`: the same canonical link (`link`, when
        the caller has it), else the same outlet and text (indexes `articles_by_link`,
        `articles_by_text_hash`)."""
        if link is None:
            link = canonical_url(article.url) if article.url else ""
        if link:
            found = self.connection.execute(
                "SELECT 1 FROM articles WHERE link = ? AND link != '' LIMIT 1", (link,)
            ).fetchone()
            if found:
                return True
        found = self.connection.execute(
            "SELECT 1 FROM articles WHERE text_hash = ? AND outlet = ? LIMIT 1",
            (text_hash(article.text), article.source),
        ).fetchone()
        return found is not None

    def free_id(self, wanted: str, taken: set[str]) -> str:
        """`wanted`, or it with the first numeric suffix that no archived article and
        nothing in `taken` has: ids stay unique across runs, so credits never merge."""
        candidate, number = wanted, 1
        while (
            candidate in taken
            or self.connection.execute(
                "SELECT 1 FROM articles WHERE id = ?", (candidate,)
            ).fetchone()
        ):
            number += 1
            candidate = f"{wanted}-{number}"
        return candidate

    def add_articles(self, added: Sequence[Added], now: str) -> None:
        """Archive new articles, first seen `now`, each in its story (whose last seen
        becomes `now`)."""
        self.connection.executemany(
            "INSERT INTO articles (id, outlet, url, link, title, published, day, first_seen,"
            " text_hash, text, story, terms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    one.article.id,
                    one.article.source,
                    one.article.url,
                    one.link,
                    one.article.title,
                    one.article.published,
                    one.day,
                    now,
                    one.read_hash,
                    one.article.text,
                    one.story,
                    one.terms,
                )
                for one in added
            ],
        )
        self.connection.executemany(
            "UPDATE stories SET last_seen = ? WHERE number = ?",
            [(now, story) for story in sorted({one.story for one in added})],
        )

    def recent(self, from_day: str, per_story: int, stories: int) -> list[Stored]:
        """The latest `per_story` articles (by day, then as archived) of each of the
        `stories` stories last active most recently, from `from_day` on; in story order,
        then as archived."""
        rows = self.connection.execute(
            """
            WITH active AS (
                SELECT story, max(day) AS latest FROM articles WHERE day >= ?
                GROUP BY story ORDER BY latest DESC, story DESC LIMIT ?
            )
            SELECT * FROM (
                SELECT a.*, ROW_NUMBER() OVER (
                    PARTITION BY a.story ORDER BY a.day DESC, a.number DESC) AS latest
                FROM articles a WHERE a.story IN (SELECT story FROM active)
            ) WHERE latest <= ? ORDER BY story, number
            """,
            (from_day, stories, per_story),
        )
        return [self._stored(row) for row in rows]

    def latest(self, count: int) -> list[Stored]:
        """The `count` articles archived last, the latest first."""
        rows = self.connection.execute(
            "SELECT * FROM articles ORDER BY number DESC LIMIT ?", (count,)
        )
        return [self._stored(row) for row in rows]

    def members(self, story: int, *, from_day: str, seen_from: str) -> list[Stored]:
        """The articles of `story` published (else first seen) from `from_day` on, or first
        seen from `seen_from` on, as archived."""
        rows = self.connection.execute(
            "SELECT * FROM articles WHERE story = ? AND (day >= ? OR first_seen >= ?)"
            " ORDER BY number",
            (story, from_day, seen_from),
        )
        return [self._stored(row) for row in rows]

    def on_day(self, day: str) -> list[Stored]:
        rows = self.connection.execute(
            "SELECT * FROM articles WHERE day = ? ORDER BY number", (day,)
        )
        return [self._stored(row) for row in rows]

    def seen_since(self, since: str) -> list[Stored]:
        """The articles first seen at or after `since`, in the order they were archived."""
        rows = self.connection.execute(
            "SELECT * FROM articles WHERE first_seen >= ? ORDER BY first_seen, number", (since,)
        )
        return [self._stored(row) for row in rows]

    def _stored(self, row: tuple[object, ...]) -> Stored:
        (_, id_, outlet, url, _, title, published, day, first_seen, _, text, story, terms) = row[
            :13
        ]
        article = Article(
            id=str(id_),
            source=str(outlet),
            text=str(text),
            title=str(title),
            url=str(url),
            published=str(published),
        )
        return Stored(article, int(story), str(day), str(first_seen), str(terms))  # type: ignore[call-overload]

    # Stories -------------------------------------------------------------------------

    def new_story(self, first: Article, now: str) -> int:
        """A new story, started by `first`; its id is derived from that article's link (or
        outlet and id), so that the same input gives the same ids."""
        key = canonical_url(first.url) if first.url else f"{first.source}\n{first.id}"
        digest = hashlib.sha256(key.encode("utf-8")).hexdigest()
        length = 10
        while self.connection.execute(
            "SELECT 1 FROM stories WHERE id = ?", (digest[:length],)
        ).fetchone():
            length += 2  # two stories begun by one link (a link re-published after a prune)
        cursor = self.connection.execute(
            "INSERT INTO stories (id, first_seen, last_seen, headline) VALUES (?, ?, ?, ?)",
            (digest[:length], now, now, first.title),
        )
        return int(cursor.lastrowid or 0)

    def story(self, number: int) -> tuple[str, str]:
        """The story's stable id and when it was first seen."""
        row = self.connection.execute(
            "SELECT id, first_seen FROM stories WHERE number = ?", (number,)
        ).fetchone()
        return str(row[0]), str(row[1])

    def shown(self, story: int) -> set[str]:
        """The sentences every earlier briefing that showed `story` gave it (indexes
        `briefing_stories_by_story`, then `briefing_items`' key)."""
        rows = self.connection.execute(
            "SELECT i.text FROM briefing_stories s JOIN briefing_items i"
            " ON i.briefing = s.briefing AND i.story = s.story WHERE s.story = ?",
            (story,),
        )
        return {str(text) for (text,) in rows}

    def stories(self, since: str) -> list[StoryRow]:
        """Stories last seen at or after `since`, the latest first (then by id)."""
        rows = self.connection.execute(
            """
            SELECT s.id, s.first_seen, s.last_seen, s.headline, count(a.number),
                   count(DISTINCT a.outlet)
            FROM stories s JOIN articles a ON a.story = s.number
            WHERE s.last_seen >= ?
            GROUP BY s.number ORDER BY s.last_seen DESC, s.id
            """,
            (since,),
        )
        return [StoryRow(*row) for row in rows]

    # Briefings -----------------------------------------------------------------------

    def last_briefing(self) -> str:
        """When the last briefing was made ("" if none was)."""
        row = self.connection.execute("SELECT max(at) FROM briefings").fetchone()
        return str(row[0] or "")

    def add_briefing(
        self,
        *,
        now: str,
        date: str,
        since: str,
        articles: int,
        new_articles: int,
        shown: Sequence[tuple[int, str, Sequence[str]]],
    ) -> int:
        """Record a briefing and, per story shown (number, headline, sentences), what it
        showed; the return value identifies it for `written`."""
        db = self.connection
        briefing = int(
            db.execute(
                "INSERT INTO briefings (at, date, since, articles, new_articles)"
                " VALUES (?, ?, ?, ?, ?)",
                (now, date, since, articles, new_articles),
            ).lastrowid
            or 0
        )
        for rank, (story, headline, sentences) in enumerate(shown, 1):
            db.execute(
                "INSERT INTO briefing_stories (briefing, story, rank, headline)"
                " VALUES (?, ?, ?, ?)",
                (briefing, story, rank, headline),
            )
            db.execute("UPDATE stories SET headline = ? WHERE number = ?", (headline, story))
            db.executemany(
                "INSERT INTO briefing_items (briefing, story, position, text) VALUES (?, ?, ?, ?)",
                [(briefing, story, position, text) for position, text in enumerate(sentences)],
            )
        return briefing

    def written(self, briefing: int, where: str) -> None:
        """Record where the briefing was written (a path, "standard output", an address)."""
        self.connection.execute(
            "UPDATE briefings SET written = ? WHERE number = ?", (where, briefing)
        )

    # Commands ------------------------------------------------------------------------

    def stats(self) -> dict[str, int | str]:
        """Counts and sizes, as `summarizer archive stats` shows them."""
        db = self.connection

        def one(sql: str) -> int | str:
            value = db.execute(sql).fetchone()[0]
            return value if value is not None else ""

        articles = int(one("SELECT count(*) FROM articles"))
        size = os.path.getsize(self.path)
        return {
            "schema version": VERSION,
            "articles": articles,
            "outlets": one("SELECT count(DISTINCT outlet) FROM articles"),
            "stories": one("SELECT count(*) FROM stories"),
            "feeds": one("SELECT count(*) FROM feeds"),
            "briefings": one("SELECT count(*) FROM briefings"),
            "first article seen": one("SELECT min(first_seen) FROM articles"),
            "last article seen": one("SELECT max(first_seen) FROM articles"),
            "last briefing": one("SELECT max(at) FROM briefings"),
            "file size (bytes)": size,
            "bytes per 1,000 articles": round(size * 1000 / articles) if articles else 0,
        }

    def export(self) -> Iterator[dict[str, str]]:
        """Every article, as archived, with its story's id and when it was first seen."""
        rows = self.connection.execute(
            "SELECT a.id, a.outlet, a.title, a.url, a.published, a.text, s.id, a.first_seen"
            " FROM articles a JOIN stories s ON s.number = a.story ORDER BY a.number"
        )
        keys = ("id", "source", "title", "url", "published", "text", "story", "first_seen")
        for row in rows:
            yield dict(zip(keys, map(str, row), strict=True))

    def prune(self, before: str) -> dict[str, int]:
        """Forget articles first seen before `before`, then the stories left without any,
        the briefings made before it, and the feeds last fetched before it."""
        db = self.connection
        counts = {
            "articles": db.execute("DELETE FROM articles WHERE first_seen < ?", (before,)).rowcount
        }
        orphans = "SELECT number FROM stories WHERE number NOT IN (SELECT story FROM articles)"
        gone_briefings = "SELECT number FROM briefings WHERE at < ?"
        for table in ("briefing_items", "briefing_stories"):
            db.execute(
                f"DELETE FROM {table} WHERE story IN ({orphans}) OR briefing IN ({gone_briefings})",
                (before,),
            )
        counts["stories"] = db.execute(f"DELETE FROM stories WHERE number IN ({orphans})").rowcount
        counts["briefings"] = db.execute("DELETE FROM briefings WHERE at < ?", (before,)).rowcount
        counts["feeds"] = db.execute("DELETE FROM feeds WHERE last_fetched < ?", (before,)).rowcount
        return counts


class _Fetcher:
    """`fetch` with the archive's validators (see `Archive.fetcher`)."""

    def __init__(self, archive: Archive, now: str) -> None:
        self.archive = archive
        self.now = now

    def __call__(self, urls: Sequence[str], *, timeout: float) -> list[Page | None]:
        db = self.archive.connection
        headers: dict[str, dict[str, str]] = {}
        for url in urls:
            row = db.execute(
                "SELECT etag, last_modified FROM feeds WHERE url = ?", (url,)
            ).fetchone()
            if row:
                sent = {"If-None-Match": row[0], "If-Modified-Since": row[1]}
                headers[url] = {key: value for key, value in sent.items() if value}
        pages = fetch(urls, timeout=timeout, headers=headers)
        for url, page in zip(urls, pages, strict=True):
            status = page.status if page else 0
            if page is None or page.status == 304 or _is_list(page):
                # keep the validators we have; a subscription list is read whole every
                # time, since its feeds are fetched only when it is
                db.execute(
                    "INSERT INTO feeds (url, last_fetched, last_status) VALUES (?, ?, ?)"
                    " ON CONFLICT (url) DO UPDATE SET last_fetched = excluded.last_fetched,"
                    " last_status = excluded.last_status",
                    (url, self.now, status),
                )
            else:
                db.execute(
                    "INSERT OR REPLACE INTO feeds (url, etag, last_modified, last_fetched,"
                    " last_status) VALUES (?, ?, ?, ?, ?)",
                    (url, page.etag, page.last_modified, self.now, status),
                )
        return pages


def _is_list(page: Page) -> bool:
    """Whether `page` is an OPML subscription list."""
    from .ingest.files import decode
    from .ingest.opml import looks_like_opml

    text = decode(page.data)
    return bool(text) and looks_like_opml(text or "")
