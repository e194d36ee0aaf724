"""The command line: parse, call the library, turn its errors into one clear line."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, TypeVar

import typer

from . import __version__
from .config import DEFAULT_LANGUAGE, DEFAULT_RANKER, Settings
from .errors import SummarizerError
from .ingest import read_paths
from .lexicon import languages
from .rank import RANKERS
from .render import FORMATS

T = TypeVar("T")

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
    help="Turn many outlets' versions of a story into one short briefing in which every "
    "sentence is credited to the outlets that carried it.",
)

Paths = Annotated[
    list[str],
    typer.Argument(
        help="Articles: files (.txt, .md, .html, .json, .jsonl), folders (read recursively), "
        "or - for standard input.",
        show_default=False,
    ),
]


LANGUAGE_HELP = f"Language of the articles: {', '.join(languages())}."


def _fail(error: SummarizerError) -> typer.Exit:
    typer.echo(f"error: {error}", err=True)
    return typer.Exit(code=2)


@app.command()
def summarize(
    paths: Paths,
    ranker: Annotated[
        str, typer.Option(help=f"How sentences are ranked: {', '.join(RANKERS)}.")
    ] = DEFAULT_RANKER,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help=f"Output format: {', '.join(FORMATS)}.")
    ] = "markdown",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of standard output.")
    ] = None,
    sentences: Annotated[
        int | None,
        typer.Option(help="At most this many sentences (5 when neither length is given)."),
    ] = None,
    words: Annotated[int | None, typer.Option(help="At most this many words.")] = None,
    language: Annotated[str, typer.Option(help=LANGUAGE_HELP)] = DEFAULT_LANGUAGE,
    templates: Annotated[
        Path | None, typer.Option(help="A folder of your own Jinja2 templates to use instead.")
    ] = None,
) -> None:
    """Summarize several versions of one story into an attributed briefing."""
    from .pipeline import summarize as run
    from .render import render

    try:
        settings = Settings(
            ranker=ranker, sentences=sentences, words=words, language=language, templates=templates
        )
        briefing = run(read_paths(paths, sys.stdin.buffer), settings)
        text = render(briefing, fmt, settings.templates)
        _emit(text, output)
    except SummarizerError as error:
        raise _fail(error) from None


@app.command()
def extract(
    paths: Paths,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
) -> None:
    """Print the articles as the pipeline reads them, after cleaning."""
    from .clean import clean

    try:
        if fmt not in ("text", "json"):
            raise SummarizerError(f"unknown format {fmt!r}; choose one of: text, json")
        articles = [clean(a) for a in read_paths(paths, sys.stdin.buffer)]
    except SummarizerError as error:
        raise _fail(error) from None
    if fmt == "json":
        fields = ("id", "source", "title", "url", "published", "text")
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
    language: Annotated[str, typer.Option(help=LANGUAGE_HELP)] = DEFAULT_LANGUAGE,
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
            dataset, settings, budget=words, baselines=names, limit=limit, progress=_progress
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


def _progress(items: Iterator[T], total: int) -> Iterator[T]:
    """A progress bar on standard error."""
    from rich.console import Console
    from rich.progress import track

    yield from track(
        items, total=total, description="summarizing", console=Console(stderr=True), transient=True
    )


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
