"""Readers: paths, folders and standard input become `Article`s.

One reader per format, chosen by the file's suffix (or by sniffing standard input):
plain text and Markdown (metadata from front matter or a `manifest.json` beside the
file, else the file name), HTML pages (trafilatura extracts the article and its
metadata), JSON or JSON Lines of articles, and RSS or Atom feeds (`feeds`). URLs are
fetched (`fetch`) and read by what they answer.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, BinaryIO

from .errors import InputError
from .feeds import looks_like_feed, read_feed
from .fetch import TIMEOUT, Page, fetch, is_url
from .model import Article

log = logging.getLogger(__name__)

MANIFEST = "manifest.json"
FIELDS = ("id", "source", "title", "url", "published")

Reader = Callable[[str, str, dict[str, str]], list[Article]]
"""(text, name, metadata) -> articles; `name` is the id/outlet to fall back on."""


def read_text(text: str, name: str, meta: dict[str, str]) -> list[Article]:
    front, body = _front_matter(text)
    fields = {**meta, **front}
    return [_article(fields, body, name)]


def read_html(text: str, name: str, meta: dict[str, str]) -> list[Article]:
    from trafilatura import bare_extraction  # imported here: it is only needed for HTML

    document: Any = bare_extraction(
        text, url=meta.get("url") or None, with_metadata=True, include_comments=False
    )
    if document is None or not (document.text or "").strip():
        raise InputError(f"{name}: no article text found in the HTML page")
    found = {
        "title": document.title or "",
        "url": document.url or "",
        "published": document.date or "",
        "source": document.sitename or "",
    }
    fields = {**{k: v for k, v in found.items() if v}, **meta}
    return [_article(fields, document.text, name)]


def read_json(text: str, name: str, meta: dict[str, str]) -> list[Article]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(f"{name}: not valid JSON ({error.msg}, line {error.lineno})") from None
    records = data.get("articles", [data]) if isinstance(data, dict) else data
    return _records(records, name)


def read_jsonl(text: str, name: str, meta: dict[str, str]) -> list[Article]:
    records = []
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip():
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError as error:
                raise InputError(f"{name}: line {number} is not valid JSON ({error.msg})") from None
    return _records(records, name)


READERS: dict[str, Reader] = {
    "text": read_text,
    "html": read_html,
    "json": read_json,
    "jsonl": read_jsonl,
    "feed": read_feed,
}
SUFFIXES = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".markdown": "text",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
}
FEED_TYPES = {"application/rss+xml", "application/atom+xml", "application/rdf+xml"}
TEXT_TYPES = {"application/json", "application/xml", "application/xhtml+xml"}


def read_paths(
    paths: Sequence[str], stdin: BinaryIO | None = None, *, timeout: float = TIMEOUT
) -> list[Article]:
    """Every article in `paths`: files, folders (read recursively), `-` for standard input,
    and http(s) URLs of pages or feeds (fetched, `timeout` seconds each; failures skipped)."""
    articles: list[Article] = []
    urls = list(dict.fromkeys(given for given in paths if is_url(given)))
    pages = dict(zip(urls, fetch(urls, timeout=timeout), strict=True))
    for given in paths:
        if is_url(given):
            page = pages[given]
            articles.extend(_read_page(page) if page else [])
            continue
        if given == "-":
            if stdin is None:
                raise InputError("'-' given but there is no standard input to read")
            articles.extend(_read(stdin.read(), "stdin", _sniff, {}))
            continue
        path = Path(given)
        if not path.exists():
            raise InputError(f"no such file or folder: {given} (check the path)")
        if path.is_dir():
            articles.extend(_read_folder(path))
        else:
            articles.extend(_read_file(path, SUFFIXES.get(path.suffix.lower())))
    if not articles and urls and all(is_url(p) for p in paths):
        raise InputError("no articles could be read from the URLs given (see the warnings above)")
    if not articles and any(p == "-" or Path(p).is_file() for p in paths):
        raise InputError(
            f"no text to summarize in {', '.join(paths)}: the input is empty "
            "(give the articles' text)"
        )
    if not articles:
        raise InputError(
            "no articles found in "
            + ", ".join(paths)
            + f" (give articles or feeds as files: {', '.join(sorted(SUFFIXES))})"
        )
    return _unique_ids(articles)


def _read_folder(folder: Path) -> Iterator[Article]:
    files = sorted(p for p in folder.rglob("*") if p.is_file() and not _hidden(p, folder))
    for path in files:
        kind = SUFFIXES.get(path.suffix.lower())
        if kind is not None and path.name != MANIFEST:
            yield from _read_file(path, kind)


def _read_file(path: Path, kind: str | None) -> list[Article]:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"cannot read {path}: {error.strerror}") from None
    meta = _manifest(path.parent).get(path.name, {})
    return _read(data, path.stem, READERS[kind] if kind else _sniff, meta, shown=str(path))


def _read_page(page: Page) -> list[Article]:
    """A fetched page, read by its media type: a feed, else what its text looks like."""
    kind = page.content_type
    if not (kind.startswith("text/") or kind in FEED_TYPES or kind in TEXT_TYPES):
        log.warning("skipped %s: not an article or a feed (it is %s)", page.url, kind)
        return []
    from urllib.parse import urlsplit

    host = urlsplit(page.url).hostname or page.url
    reader = read_feed if kind in FEED_TYPES else _sniff
    try:
        found = _read(page.data, host.removeprefix("www."), reader, {"url": page.url}, page.url)
    except InputError as error:
        log.warning("skipped %s: %s", page.url, error)
        return []
    return found


def _read(
    data: bytes, name: str, reader: Reader, meta: dict[str, str], shown: str = ""
) -> list[Article]:
    shown = shown or name
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"{shown} is not a text file (give articles as text, HTML or JSON)")
    text = _decode(data)
    if not text.strip():
        return []
    return reader(text, name, meta)


def _sniff(text: str, name: str, meta: dict[str, str]) -> list[Article]:
    """A reader chosen by what the text looks like, for standard input and unknown suffixes."""
    start = text.lstrip()[:200].lower()
    if start.startswith(("{", "[")):
        lines = [line for line in text.splitlines() if line.strip()]
        many_objects = len(lines) > 1 and all(line.lstrip().startswith("{") for line in lines)
        return (read_jsonl if many_objects else read_json)(text, name, meta)
    if looks_like_feed(text):
        return read_feed(text, name, meta)
    if start.startswith(("<!doctype html", "<html", "<?xml")) or "<body" in start:
        return read_html(text, name, meta)
    return read_text(text, name, meta)


def _decode(data: bytes) -> str:
    for encoding in (
        ("utf-8-sig", "utf-16") if data[:2] in (b"\xff\xfe", b"\xfe\xff") else ("utf-8-sig",)
    ):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("cp1252", errors="replace")


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    """`key: value` lines between `---` fences at the top of a text file."""
    lines = text.lstrip("\ufeff").splitlines()
    if not lines or lines[0].strip() != "---":
        return {}, text
    for end, line in enumerate(lines[1:], 1):
        if line.strip() == "---":
            fields = {}
            for entry in lines[1:end]:
                key, sep, value = entry.partition(":")
                if sep and key.strip() in FIELDS:
                    fields[key.strip()] = value.strip().strip("\"'")
            return fields, "\n".join(lines[end + 1 :])
    return {}, text


def _manifest(folder: Path) -> dict[str, dict[str, str]]:
    path = folder / MANIFEST
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise InputError(f"{path}: not a valid manifest ({error})") from None
    if not isinstance(data, dict):
        raise InputError(f"{path}: a manifest maps file names to {{source, title, url, published}}")
    return {
        name: {k: str(v) for k, v in fields.items() if k in FIELDS and v}
        for name, fields in data.items()
        if isinstance(fields, dict)
    }


def _records(records: Any, name: str) -> list[Article]:
    if not isinstance(records, list):
        raise InputError(
            f'{name}: expected an article object, a list of them or {{"articles": [...]}}'
        )
    articles = []
    for number, record in enumerate(records, 1):
        if not isinstance(record, dict):
            raise InputError(f"{name}: item {number} is not an article object")
        fields = {k: str(record[k]) for k in FIELDS if record.get(k) not in (None, "")}
        fields.setdefault("id", f"{name}-{number}" if len(records) > 1 else name)
        text = record.get("text")
        if not text and record.get("html"):
            html_article = read_html(str(record["html"]), fields["id"], fields)[0]
            articles.append(html_article)
            continue
        articles.append(_article(fields, str(text or ""), fields["id"]))
    return articles


def _article(fields: dict[str, str], text: str, name: str) -> Article:
    return Article(
        id=fields.get("id") or name,
        source=fields.get("source") or name,
        title=fields.get("title", ""),
        url=fields.get("url", ""),
        published=fields.get("published", ""),
        text=text,
    )


def _unique_ids(articles: Iterable[Article]) -> list[Article]:
    """Ids made unique by a numeric suffix, in input order, so attribution never merges two."""
    from dataclasses import replace

    articles = list(articles)
    taken: set[str] = set()
    given = {article.id for article in articles}
    unique = []
    for article in articles:
        new_id, count = article.id, 1
        while new_id in taken or (new_id != article.id and new_id in given):
            count += 1
            new_id = f"{article.id}-{count}"
        taken.add(new_id)
        unique.append(article if new_id == article.id else replace(article, id=new_id))
    return unique


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)
