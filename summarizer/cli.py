"""The command line: parse, call the library, turn its errors into one clear line."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from . import __version__
from .config import DEFAULT_LANGUAGE, DEFAULT_RANKER, LOCK_WAIT, Settings
from .errors import ConfigError, SummarizerError
from .fetch import TIMEOUT
from .ingest import follow_links, read_paths
from .languages import languages
from .rank import RANKERS
from .render import FORMATS

if TYPE_CHECKING:
    from contextlib import AbstractContextManager

    from .archive import Archive
    from .ingest.outlets import Outlets
    from .mail import MailSettings
    from .model import Briefing, Digest, Progress

T = TypeVar("T")

app = typer.Typer(
    add_completion=False,
    rich_markup_mode="markdown",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
    help="Turn many outlets' versions of a story into one short briefing in which every "
    "sentence is credited to the outlets that carried it.",
)

Paths = Annotated[
    list[str],
    typer.Argument(
        help="Articles: files (.txt, .md, .html, .json, .jsonl, .rss, .atom, .xml), folders "
        "(read recursively), URLs of pages or feeds, OPML subscription lists (.opml files or "
        "URLs; their feeds are fetched), or - for standard input.",
        show_default=False,
    ),
]


def _positive_seconds(value: float) -> float:
    if not value > 0:  # also NaN
        raise typer.BadParameter(f"must be more than 0 seconds, not {value}")
    return value


Timeout = Annotated[
    float,
    typer.Option(
        help="Seconds to wait for each URL; a URL that fails is skipped.",
        callback=_positive_seconds,
    ),
]
FollowLinks = Annotated[
    bool,
    typer.Option(
        "--follow-links",
        help="Fetch the article each feed entry (or other input with a url and only a summary)"
        " links to, and summarize that; the summary stays where the link fails.",
    ),
]
Format = Annotated[
    str, typer.Option("--format", "-f", help=f"Output format: {', '.join(FORMATS)}.")
]
Output = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write here instead of standard output.")
]
Ranker = Annotated[str, typer.Option(help=f"How sentences are ranked: {', '.join(RANKERS)}.")]
Language = Annotated[str, typer.Option(help=f"Language of the articles: {', '.join(languages())}.")]
OutletsFile = Annotated[
    Path | None,
    typer.Option(
        "--outlets",
        help="A TOML or CSV file naming outlets by site domain or feed URL (default: "
        "outlets.toml or outlets.csv in ~/.config/summarizer/, if there).",
        show_default=False,
    ),
]
Templates = Annotated[
    Path | None, typer.Option(help="A folder of your own Jinja2 templates to use instead.")
]


_CLUSTER = "Run on a Dask cluster"
# The email options of every command that makes a digest; see `_mail` and `_deliver`.
_EMAIL = "Email the digest"
EmailTo = Annotated[
    list[str] | None,
    typer.Option(
        help="Mail the digest to this address (repeatable); the digest is then kept in "
        "--output, or in a new file in out/, before it is sent.",
        show_default=False,
        rich_help_panel=_EMAIL,
    ),
]
EmailFrom = Annotated[
    str | None,
    typer.Option(help="Sender address (env SUMMARIZER_SMTP_FROM).", rich_help_panel=_EMAIL),
]
Subject = Annotated[
    str | None,
    typer.Option(
        help="Subject (default: the --date day, else today, and the number of stories).",
        rich_help_panel=_EMAIL,
    ),
]
SmtpHost = Annotated[
    str | None,
    typer.Option(
        help="Mail server (env SUMMARIZER_SMTP_HOST; default localhost).", rich_help_panel=_EMAIL
    ),
]
SmtpPort = Annotated[
    int | None,
    typer.Option(
        help="Its port (env SUMMARIZER_SMTP_PORT; default 587, 465 with --smtp-ssl).",
        rich_help_panel=_EMAIL,
    ),
]
SmtpUser = Annotated[
    str | None,
    typer.Option(
        help="Log in as this user (env SUMMARIZER_SMTP_USER); the password comes only from "
        "SUMMARIZER_SMTP_PASSWORD or the config file.",
        rich_help_panel=_EMAIL,
    ),
]
SmtpTls = Annotated[
    bool | None,
    typer.Option(
        "--smtp-starttls/--smtp-ssl",
        help="Upgrade with STARTTLS (default) or speak TLS from the start; certificates are "
        "verified (env SUMMARIZER_SMTP_SECURITY: starttls, ssl, or none for a local relay).",
        show_default=False,
        rich_help_panel=_EMAIL,
    ),
]
Eml = Annotated[
    Path | None,
    typer.Option(
        help="Write the message to this .eml file instead of sending it.", rich_help_panel=_EMAIL
    ),
]


_ARCHIVE = "Archive"
ArchivePath = Annotated[
    Path | None,
    typer.Option(
        "--archive",
        help="Remember articles, feeds, stories and briefings in this SQLite file (created "
        "when missing; default: `archive` in ~/.config/summarizer/config.toml): brief only "
        "what is new since the last run, mark stories new or developing.",
        show_default=False,
        rich_help_panel=_ARCHIVE,
    ),
]
ArchiveFile = Annotated[
    Path | None,
    typer.Option(
        "--archive",
        help="The archive that brief --archive writes (default: `archive` in "
        "~/.config/summarizer/config.toml).",
        show_default=False,
    ),
]
ArchiveWait = Annotated[
    float,
    typer.Option(
        help="Seconds to wait while another run writes the archive, then give up.",
        rich_help_panel=_ARCHIVE,
    ),
]


def _archive_path(given: Path | None) -> Path | None:
    """The --archive given, else the config file's, else None."""
    if given is not None:
        return given
    import os

    from .archive import configured_path

    return configured_path(os.environ)


def _fail(error: SummarizerError) -> typer.Exit:
    typer.echo(f"error: {error}", err=True)
    return typer.Exit(code=error.exit_code)


@app.command()
def summarize(
    paths: Paths,
    ranker: Ranker = DEFAULT_RANKER,
    fmt: Format = "markdown",
    output: Output = None,
    sentences: Annotated[
        int | None,
        typer.Option(help="At most this many sentences (5 when neither length is given)."),
    ] = None,
    words: Annotated[int | None, typer.Option(help="At most this many words.")] = None,
    language: Language = DEFAULT_LANGUAGE,
    templates: Templates = None,
    timeout: Timeout = TIMEOUT,
    follow: FollowLinks = False,
    outlets: OutletsFile = None,
    email_to: EmailTo = None,
    email_from: EmailFrom = None,
    subject: Subject = None,
    smtp_host: SmtpHost = None,
    smtp_port: SmtpPort = None,
    smtp_user: SmtpUser = None,
    smtp_tls: SmtpTls = None,
    eml: Eml = None,
) -> None:
    """Summarize several versions of one story into an attributed briefing.

    Each sentence is credited to the outlets whose own version gives the same figures;
    an outlet with another figure for the same thing is named as disputing it, and
    where the sources differ is listed after the items, each outlet's sentence verbatim.
    """
    from .pipeline import summarize as run

    try:
        settings = Settings(
            ranker=ranker, sentences=sentences, words=words, language=language, templates=templates
        )
        mail = _mail(email_to, email_from, subject, smtp_host, smtp_port, smtp_user, smtp_tls, eml)
        articles = read_paths(paths, sys.stdin.buffer, timeout=timeout, outlets=_outlets(outlets))
        if follow:
            articles = follow_links(articles, timeout=timeout, progress=_progress("fetching links"))
        briefing = run(articles, settings)
        _publish(briefing, fmt, output, settings.templates, mail, eml)
    except SummarizerError as error:
        raise _fail(error) from None


@app.command()
def brief(
    paths: Paths,
    date: Annotated[
        str | None,
        typer.Option(
            help="Keep only the articles published that day (YYYY-MM-DD, a UTC day; "
            "times without an offset are taken as UTC)."
        ),
    ] = None,
    max_stories: Annotated[
        int, typer.Option(help="At most this many stories, most widely reported first; 0: all.")
    ] = 20,
    sentences_per_story: Annotated[int, typer.Option(help="Attributed sentences per story.")] = 2,
    fmt: Format = "markdown",
    output: Output = None,
    ranker: Ranker = DEFAULT_RANKER,
    language: Language = DEFAULT_LANGUAGE,
    templates: Templates = None,
    timeout: Timeout = TIMEOUT,
    follow: FollowLinks = False,
    outlets: OutletsFile = None,
    jobs: Annotated[
        int,
        typer.Option(
            help="Processes that read the files and summarize the stories; 0: the cores, up to 4."
        ),
    ] = 0,
    scheduler: Annotated[
        str | None,
        typer.Option(
            help="Run on the Dask cluster whose scheduler is here (tcp://HOST:8786); "
            "needs pip install 'summarizer\\[dask]'.",
            rich_help_panel=_CLUSTER,
        ),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(
            help="Run on a Dask cluster of this many local worker processes, started for the "
            "run; needs pip install 'summarizer\\[dask]'.",
            rich_help_panel=_CLUSTER,
        ),
    ] = None,
    email_to: EmailTo = None,
    email_from: EmailFrom = None,
    subject: Subject = None,
    smtp_host: SmtpHost = None,
    smtp_port: SmtpPort = None,
    smtp_user: SmtpUser = None,
    smtp_tls: SmtpTls = None,
    eml: Eml = None,
    explain: Annotated[
        bool,
        typer.Option(
            "--explain",
            help="Say for each story why its articles were joined: the names and terms they share.",
        ),
    ] = False,
    archive: ArchivePath = None,
    since: Annotated[
        str | None,
        typer.Option(
            help="With --archive: brief the stories with articles first seen since then: "
            "'last' (the default: what no earlier run saw) or a day or UTC time in ISO 8601.",
            rich_help_panel=_ARCHIVE,
        ),
    ] = None,
    archive_wait: ArchiveWait = LOCK_WAIT,
    write_empty: Annotated[
        bool,
        typer.Option(
            "--write-empty",
            help="With --archive: write (and mail) the digest even when no story is new. "
            "Without it, such a run writes and sends nothing, says so on standard error "
            "and exits 0.",
            rich_help_panel=_ARCHIVE,
        ),
    ] = False,
) -> None:
    """A day's articles from many outlets become one briefing, one entry per story.

    With --archive, a run in which nothing is new (every article read was archived by an
    earlier run, or the feeds answered 304 Not Modified) writes no digest and sends no
    mail, unless --write-empty.

    With --scheduler or --workers, the files (folders and glob patterns of JSON Lines,
    Parquet or any format PATHS takes) are read and grouped on a Dask cluster, and the digest is
    the one the single machine gives.
    """
    import datetime as dt

    from .daily import brief as run
    from .daily import default_jobs, published_on

    try:
        archive = _archive_path(archive)
        if since is not None and archive is None:
            raise ConfigError("--since needs an --archive (or `archive` in the config file)")
        if write_empty and archive is None:
            raise ConfigError(
                "--write-empty needs an --archive (without one, a run with no articles is an error)"
            )
        if since is not None and date is not None:
            raise ConfigError("give --since or --date, not both")
        try:
            day = dt.date.fromisoformat(date) if date is not None else None
        except ValueError:
            raise ConfigError(f"--date must be a day as YYYY-MM-DD, not {date!r}") from None
        if max_stories < 0:
            raise ConfigError(f"--max-stories must be 0 (all) or more, not {max_stories}")
        if jobs < 0:
            raise ConfigError(f"--jobs must be 0 (the cores, up to 4) or more, not {jobs}")
        if sentences_per_story < 1:
            raise ConfigError(
                f"--sentences-per-story must be at least 1, not {sentences_per_story}"
            )
        settings = Settings(
            ranker=ranker, sentences=sentences_per_story, language=language, templates=templates
        )
        mail = _mail(email_to, email_from, subject, smtp_host, smtp_port, smtp_user, smtp_tls, eml)
        if scheduler is not None or workers is not None:
            local_only = {
                "--follow-links": follow,
                "--explain": explain,
                "--archive (or the config file's archive)": archive is not None,
            }
            digest = _brief_on_cluster(
                paths,
                settings,
                scheduler,
                workers,
                (day, max_stories, timeout, _outlets(outlets)),
                local_only,
            )
            _publish(digest, fmt, output, settings.templates, mail, eml)
            return
        jobs = jobs or default_jobs()
        named = _outlets(outlets)
        if archive is not None:
            remember = (settings, day, since or "last", max_stories, jobs, follow, timeout)
            _brief_archived(
                archive,
                archive_wait,
                paths,
                remember,
                named,
                explain,
                fmt,
                output,
                mail,
                eml,
                write_empty=write_empty,
            )
            return
        articles = read_paths(paths, sys.stdin.buffer, timeout=timeout, jobs=jobs, outlets=named)
        if follow:  # only the day's links: the others would be fetched to be dropped
            articles = follow_links(
                published_on(articles, day) if day else articles,
                timeout=timeout,
                progress=_progress("fetching links"),
            )
        progress = _progress("summarizing")
        digest = run(
            articles,
            settings,
            date=day,
            max_stories=max_stories,
            jobs=jobs,
            progress=progress,
            explain=explain,
        )
        _publish(digest, fmt, output, settings.templates, mail, eml)
    except SummarizerError as error:
        raise _fail(error) from None


def _brief_on_cluster(
    paths: list[str],
    settings: Settings,
    scheduler: str | None,
    workers: int | None,
    run: tuple[Any, int, float, Outlets | None],
    local_only: dict[str, bool],
) -> Digest:
    if scheduler is not None and workers is not None:
        raise ConfigError(
            "give --scheduler (a running cluster) or --workers (a local one), not both"
        )
    if workers is not None and workers < 1:
        raise ConfigError(f"--workers must be at least 1, not {workers}")
    for option, given in local_only.items():
        if given:
            raise ConfigError(f"{option} is not available on a cluster yet (run without it)")
    from .distributed import brief_on_cluster

    day, max_stories, timeout, outlets = run
    return brief_on_cluster(
        paths,
        settings,
        scheduler=scheduler,
        workers=workers,
        date=day,
        max_stories=max_stories,
        stdin=sys.stdin.buffer,
        timeout=timeout,
        outlets=outlets,
    )


def _brief_archived(
    path: Path,
    wait: float,
    paths: list[str],
    remember: tuple[Settings, Any, str, int, int, bool, float],
    outlets: Outlets | None,
    explain: bool,
    fmt: str,
    output: Path | None,
    mail: MailSettings | None,
    eml: Path | None,
    *,
    write_empty: bool,
) -> None:
    """`brief` on an archive, in one transaction that ends only after the digest is out.

    A digest of no story is written (and mailed) only with `write_empty`; otherwise the
    run says so on standard error and leaves --output, out/ and the mailboxes alone (the
    feeds' validators are still kept, and no briefing is recorded)."""
    import datetime as dt

    from .archive import open_archive
    from .history import brief as run
    from .history import unseen

    settings, day, since, max_stories, jobs, follow, timeout = remember
    with open_archive(path, wait=wait) as archive:
        now = dt.datetime.now(dt.UTC)  # once the archive is ours: runs get times in turn
        fetcher = archive.fetcher(now)
        articles = read_paths(
            paths, sys.stdin.buffer, timeout=timeout, jobs=jobs, outlets=outlets, fetcher=fetcher
        )
        fresh = unseen(archive, articles)
        if follow:  # only new articles: an archived one was read in full when it was new
            fresh = follow_links(fresh, timeout=timeout, progress=_progress("fetching links"))
        digest, briefing = run(
            archive,
            fresh,
            settings,
            now=now,
            since=since,
            date=day,
            max_stories=max_stories,
            jobs=jobs,
            progress=_progress("summarizing"),
            explain=explain,
        )
        if not digest.stories and not write_empty:
            typer.echo(_nothing_new(since, len(articles)), err=True)
            return
        where = _publish(digest, fmt, output, settings.templates, mail, eml)
        if briefing is not None:
            archive.written(briefing, where)


def _nothing_new(since: str, read: int) -> str:
    """The line a run with nothing new prints instead of an empty digest."""
    from .history import SINCE_LAST

    if since != SINCE_LAST:
        why = f"no story gained articles since {since}"
    elif read:
        which = "the article read was" if read == 1 else f"all {read} articles read were"
        why = f"{which} archived by earlier runs"
    else:
        why = "the feeds had nothing new (304 Not Modified)"
    return f"nothing new: {why}; no digest written or sent (--write-empty writes one anyway)"


@app.command()
def extract(
    paths: Paths,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
    outlets: OutletsFile = None,
) -> None:
    """Print the articles as the pipeline reads them, after cleaning; JSON also says which
    rule named each outlet (named_by) and the outlet's home page."""
    from .pipeline import prepare

    try:
        if fmt not in ("text", "json"):
            raise SummarizerError(f"unknown format {fmt!r}; choose one of: text, json")
        read = read_paths(paths, sys.stdin.buffer, outlets=_outlets(outlets))
        articles = [prepare(a) for a in read]
    except SummarizerError as error:
        raise _fail(error) from None
    if fmt == "json":
        fields = ("id", "source", "named_by", "home", "title", "url", "published", "text")
        data = {"articles": [{f: getattr(a, f) for f in fields} for a in articles]}
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    for article in articles:
        typer.echo(
            f"== {article.id} | {article.source}" + (f" | {article.title}" if article.title else "")
        )
        typer.echo(article.text + "\n")


@app.command("eval")
def evaluate(
    dataset: Annotated[
        Path, typer.Argument(help="A clusters.jsonl or .jsonl.gz (or the folder holding it).")
    ],
    words: Annotated[int, typer.Option(help="Word budget; summaries are cut to it.")] = 100,
    ranker: Annotated[
        str, typer.Option(help=f"Our ranker: {', '.join(RANKERS)}.")
    ] = DEFAULT_RANKER,
    baselines: Annotated[
        str,
        typer.Option(
            help="Comma-separated systems scored in the same run: lead, lexrank, textrank, "
            "lsa, luhn, sumbasic, kl, shipped (summaries shipped beside the data), or all."
        ),
    ] = "lead,lexrank,textrank",
    summaries_out: Annotated[
        Path | None, typer.Option(help="Write our summaries here, {id, summary} a line.")
    ] = None,
    limit: Annotated[int | None, typer.Option(help="Only the first N stories.")] = None,
    language: Language = DEFAULT_LANGUAGE,
) -> None:
    """Score summaries with ROUGE on a benchmark, beside baselines, in one run."""
    from .evaluate import BASELINES, evaluate, table

    names = (
        list(BASELINES)
        if baselines.strip() == "all"
        else [b.strip() for b in baselines.split(",") if b.strip()]
    )
    try:
        settings = Settings(ranker=ranker, words=words, language=language)
        results = evaluate(
            dataset,
            settings,
            budget=words,
            baselines=names,
            limit=limit,
            progress=_progress("summarizing"),
        )
        if summaries_out is not None:
            lines = [
                json.dumps({"id": story_id, "summary": summary}, ensure_ascii=False)
                for story_id, summary in results[0].summaries.items()
            ]
            _emit("\n".join(lines) + "\n", summaries_out)
    except SummarizerError as error:
        raise _fail(error) from None
    typer.echo(table(results, f"{dataset} at {words} words ({len(results[0].rouge1)} stories)"))


archive_app = typer.Typer(
    no_args_is_help=True,
    help="Look into the archive of `brief --archive` runs, export it, or prune it.",
)
app.add_typer(archive_app, name="archive")


@archive_app.command("stats")
def archive_stats(archive: ArchiveFile = None) -> None:
    """Counts of articles, outlets, stories, feeds and briefings, and the file's size."""
    try:
        with _open_archive(archive) as opened:
            stats = opened.stats()
    except SummarizerError as error:
        raise _fail(error) from None
    width = max(map(len, stats))
    for key, value in stats.items():
        typer.echo(
            f"{key + ':':<{width + 1}} {value:,}"
            if isinstance(value, int)
            else f"{key + ':':<{width + 1}} {value or '-'}"
        )


@archive_app.command("stories")
def archive_stories(
    archive: ArchiveFile = None,
    days: Annotated[int, typer.Option(help="Stories last seen in this many days.")] = 7,
) -> None:
    """The stories of the last days: id, first and last seen, articles, outlets, headline."""
    import datetime as dt

    from .archive import stamp

    try:
        if days < 1:
            raise ConfigError(f"--days must be at least 1, not {days}")
        since = stamp(dt.datetime.now(dt.UTC) - dt.timedelta(days=days))
        with _open_archive(archive) as opened:
            rows = opened.stories(since)
    except SummarizerError as error:
        raise _fail(error) from None
    for row in rows:
        typer.echo(
            f"{row.id}  {row.first_seen[:16]}  {row.last_seen[:16]}  "
            f"{row.articles:>4} articles  {row.outlets:>3} outlets  {row.headline}"
        )


@archive_app.command("export")
def archive_export(
    archive: ArchiveFile = None,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="jsonl: one article a line.")
    ] = "jsonl",
    output: Output = None,
) -> None:
    """Every archived article as a JSON line, with its story's id (brief reads them back)."""
    try:
        if fmt != "jsonl":
            raise ConfigError(f"unknown format {fmt!r}; choose one of: jsonl")
        with _open_archive(archive) as opened:
            lines = [json.dumps(row, ensure_ascii=False) + "\n" for row in opened.export()]
        _emit("".join(lines), output)
    except SummarizerError as error:
        raise _fail(error) from None


@archive_app.command("prune")
def archive_prune(
    older_than: Annotated[
        int,
        typer.Option(
            "--older-than",
            help="Forget articles first seen more than this many days ago, the stories left "
            "empty, and older briefings and feeds.",
            show_default=False,
        ),
    ],
    archive: ArchiveFile = None,
    archive_wait: ArchiveWait = LOCK_WAIT,
) -> None:
    """Forget what is older than --older-than days, then give the space back."""
    import datetime as dt

    from .archive import stamp, vacuum

    try:
        if older_than < 0:
            raise ConfigError(f"--older-than must be 0 or more days, not {older_than}")
        before = stamp(dt.datetime.now(dt.UTC) - dt.timedelta(days=older_than))
        path = _archive_path(archive)
        with _open_archive(path, wait=archive_wait, write=True) as opened:
            counts = opened.prune(before)
        vacuum(opened.path, wait=archive_wait)
    except SummarizerError as error:
        raise _fail(error) from None
    typer.echo("removed " + ", ".join(f"{n:,} {what}" for what, n in counts.items()))


def _open_archive(
    given: Path | None, *, wait: float = LOCK_WAIT, write: bool = False
) -> AbstractContextManager[Archive]:
    """The archive of an `archive` command: given, else the config file's; never created."""
    from .archive import open_archive

    path = _archive_path(given)
    if path is None:
        raise ConfigError(
            'no archive given: use --archive PATH, or set archive = "PATH" in '
            "~/.config/summarizer/config.toml"
        )
    return open_archive(path, wait=wait, create=False, write=write)


def _progress(description: str) -> Progress[Any] | None:
    """A progress bar on standard error, labelled with `description`; None when standard
    error is not a terminal (nobody would see it, and a log would fill with redraws)."""
    if not sys.stderr.isatty():
        return None

    def bar(items: Iterable[T], total: int) -> Iterator[T]:
        from rich.console import Console
        from rich.progress import track

        console = Console(stderr=True)
        yield from track(
            items, total=total, description=description, console=console, transient=True
        )

    return bar


def _outlets(path: Path | None) -> Outlets | None:
    """The user's outlet names: `--outlets`, else the default file if there is one."""
    from .ingest.outlets import default_outlets_path, load_outlets

    if path is not None and not path.is_file():
        raise ConfigError(f"outlets file not found: {path} (check --outlets)")
    path = path or default_outlets_path()
    return load_outlets(path) if path else None


def _mail(
    to: list[str] | None,
    sender: str | None,
    subject: str | None,
    host: str | None,
    port: int | None,
    user: str | None,
    tls: bool | None,
    eml: Path | None,
) -> MailSettings | None:
    """The email settings when the digest is to be mailed or written as .eml, else None;
    built before the pipeline runs, so a bad address fails at once."""
    if not to and eml is None:
        return None
    from .mail import mail_settings

    security = None if tls is None else ("starttls" if tls else "ssl")
    return mail_settings(
        to or [], sender=sender, subject=subject, host=host, port=port, security=security, user=user
    )


def _publish(
    document: Briefing | Digest,
    fmt: str,
    output: Path | None,
    templates: Path | None,
    mail: MailSettings | None,
    eml: Path | None,
) -> str:
    """Render `document` as `fmt`, then write it out, or keep it and mail it; returns
    where it went."""
    from .render import render

    text = render(document, fmt, templates)
    if mail is None:
        _emit(text, output)
        return str(output) if output else "standard output"
    return _deliver(mail, eml, document, text, fmt, output, templates)


def _deliver(
    mail: MailSettings,
    eml: Path | None,
    document: Briefing | Digest,
    digest: str,
    fmt: str,
    output: Path | None,
    templates: Path | None,
) -> str:
    """Keep `digest` (`document` rendered as `fmt`; in --output, else a new file in out/),
    then write the message to `eml` or send it: the digest is on disk before any attempt.
    Returns where the digest is kept, and where it was sent."""
    from datetime import date, datetime

    from .mail import compose, send
    from .model import Digest
    from .output import new_path, write_atomic
    from .render import SUFFIXES, render, render_email_text

    now = datetime.now().astimezone()
    day = None
    if isinstance(document, Digest):
        stories, headline = len(document.stories), ""
        day = date.fromisoformat(document.date) if document.date else None
    else:
        stories, headline = 1, document.title
    message = compose(
        mail,
        text=render_email_text(document, templates),
        html=render(document, "html", templates),
        stories=stories,
        headline=headline,
        day=day,
        now=now,
    )
    kept = output or new_path(Path("out"), f"digest-{now:%Y%m%d-%H%M%S}", "." + SUFFIXES[fmt])
    write_atomic(kept, digest)
    if eml is not None:
        write_atomic(eml, message.as_string())
        typer.echo(f"message written to {eml}; digest kept at {kept}", err=True)
        return f"{kept}; message {eml}"
    send(message, mail, kept=kept)
    typer.echo(f"sent to {', '.join(mail.to)} via {mail.server}; digest kept at {kept}", err=True)
    return f"{kept}; sent to {', '.join(mail.to)}"


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    from .output import write_atomic

    write_atomic(output, text)


def run() -> None:
    """The console script: like `app()`, but a usage error is one line, not a box."""
    # click's UsageError, from whichever click typer runs on (it may bundle its own).
    usage_error: type[Exception] = typer.BadParameter.__mro__[1]
    try:
        code = app(standalone_mode=False)
    except usage_error as error:
        context = getattr(error, "ctx", None)
        command = context.command_path if context else "summarizer"
        message = error.format_message()  # type: ignore[attr-defined]
        typer.echo(f"error: {message} (see {command} --help)", err=True)
        raise SystemExit(2) from None
    except typer.Abort:
        raise SystemExit(1) from None
    raise SystemExit(code if isinstance(code, int) else 0)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"summarizer {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    # Our own warnings (a skipped file) as one line each; other libraries' logs stay quiet,
    # as what they report (a page trafilatura cannot parse) reaches the user as our error.
    logger = logging.getLogger("summarizer")
    if not any(isinstance(h, _Warnings) for h in logger.handlers):
        logger.addHandler(_Warnings(logging.WARNING))


class _Warnings(logging.Handler):
    """Log records as `warning: ...` lines on the standard error of the moment."""

    def emit(self, record: logging.LogRecord) -> None:
        typer.echo(f"warning: {record.getMessage()}", err=True)
