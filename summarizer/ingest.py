"""Readers: paths, folders and standard input become `Article`s.

One reader per format, chosen by the file's suffix (or by sniffing standard input):
plain text and Markdown (metadata from front matter or a `manifest.json` beside the
file, else the file name), HTML pages (trafilatura extracts the article and its
metadata), JSON or JSON Lines of articles, and RSS or Atom feeds (`feeds`). URLs are
fetched (`fetch`) and read by what they answer; one that fails is skipped with a warning.
`follow_links` reads in full the articles that feed entries only link to.

Bytes are decoded by their byte-order mark (UTF-8, UTF-16, UTF-32), else as UTF-8, else
by the charset an HTML page declares, else as Windows-1252 (a superset of Latin-1's
printable characters), else as Latin-1. A file that is not text (NUL bytes, or many
control characters) is skipped with a warning, or is an error when nothing else is left.
Control characters are dropped from what is read, and markup inside plain text or a JSON
`text` is reduced to the text a browser would show, without scripts, styles or frames.
"""

from __future__ import annotations

import codecs
import json
import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any, BinaryIO

from .errors import InputError
from .feeds import feed_entries, looks_like_feed
from .fetch import TIMEOUT, Page, fetch, is_url
from .model import Article, Progress

log = logging.getLogger(__name__)

MANIFEST = "manifest.json"
FIELDS = ("id", "source", "title", "url", "published")
MAX_INPUT_BYTES = 64 * 2**20  # one file or standard input: bounds the memory a run takes
MAX_CONTROL_SHARE = 0.05  # text with more control characters than this is binary data

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16's, which it begins with
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_SAMPLE = 8192  # bytes or characters looked at to tell text from binary data
# Terminal escape sequences, control characters (C0 but tab, line feed, form feed and
# carriage return; DEL; C1), the replacement character and lone surrogates: never part of
# a story.
_NOT_TEXT = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]|[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd\ud800-\udfff]"
)
_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([\w.:-]{1,40})"""
    rb"""|<\?xml[^>]{0,200}?encoding\s*=\s*["']([\w.:-]{1,40})""",
    re.IGNORECASE,
)
# Markup in plain text or a JSON `text`: an HTML comment, or a tag an HTML page would use.
_MARKUP = re.compile(
    r"<!--|</?(?:script|style|iframe|noscript|template|object|embed|svg|math|p|br|div|span|a"
    r"|b|i|u|em|strong|small|sup|sub|font|img|h[1-6]|ul|ol|li|table|tr|td|th|blockquote|section"
    r"|article|header|footer|nav|aside|figure|figcaption|form|input|button|link|meta|html|head"
    r"|body|title|pre|code|hr|center|main)\b[^<>]*>",
    re.IGNORECASE,
)
_NOT_XML = re.compile("[\ufffe\uffff]")  # besides the control characters
# Elements whose content a browser does not show as text, and block elements.
_HIDDEN = (
    "script style iframe noscript template object svg math head title select textarea audio"
    " video canvas"
).split()
_BLOCK = (
    "p br div li ul ol dl dt dd h1 h2 h3 h4 h5 h6 tr table blockquote section article header"
    " footer nav aside figure figcaption pre hr main"
).split()
# Python's names of the single- and multi-byte encodings web pages declare.
_PAGE_ENCODING = re.compile(
    r"utf-8|cp\d+|iso8859-\d+|koi8-[ru]|mac-\w+|shift_jis\w*|euc_\w+|gb2312|gbk|gb18030|big5\w*"
)

Reader = Callable[[str, str, dict[str, str]], list[Article]]
"""(text, name, metadata) -> articles; `name` is the id/outlet to fall back on."""


def read_text(text: str, name: str, meta: dict[str, str]) -> list[Article]:
    if looks_like_feed(text):  # a feed saved under a text name
        return read_feed(text, name, meta)
    if _is_page(text):  # a whole HTML page saved under a text name
        return read_html(text, name, meta)
    front, body = _front_matter(text)
    fields = {**meta, **front}
    return [_article(fields, _without_markup(body), name)]


def read_html(text: str, name: str, meta: dict[str, str]) -> list[Article]:
    from trafilatura import bare_extraction  # imported here: it is only needed for HTML

    try:
        document: Any = bare_extraction(
            text, url=meta.get("url") or None, with_metadata=True, include_comments=False
        )
    except Exception:  # some tag soup trips an assertion inside htmldate (an <svg> root)
        document = None
    if document is None or not (document.text or "").strip():
        raise _Unusable("no article text found in the HTML page", "give an article's page")
    found = {
        "title": document.title or "",
        "url": document.url or "",
        "published": document.date or "",
        "source": document.sitename or "",
    }
    fields = {**{k: v for k, v in found.items() if v}, **meta}
    return [_article(fields, document.text, name)]


def read_feed(text: str, name: str, meta: dict[str, str]) -> list[Article]:
    """The entries of an RSS or Atom feed; each entry's HTML becomes its text, and an entry
    with neither content nor summary stands for its title (`follow_links` can fetch more)."""
    articles = []
    for number, entry in enumerate(feed_entries(text), 1):
        fields = {k: v for k, v in entry.items() if k in FIELDS and v}
        fields.setdefault("id", f"{name}-{number}")
        fields.setdefault("source", meta.get("source") or name)
        fields["title"] = " ".join(_without_markup(fields.get("title", "")).split())
        lines = _without_markup(entry["html"]).splitlines()
        text = "\n".join(" ".join(line.split()) for line in lines if line.strip())
        articles.append(_article(fields, text or fields["title"], name))
    return articles


SUMMARY_WORDS = 150  # an entry shorter than this is a summary of its article, not the article


def follow_links(
    articles: Sequence[Article],
    *,
    timeout: float = TIMEOUT,
    progress: Progress[Page | None] | None = None,
) -> list[Article]:
    """The articles, with each that gives a link but only a summary (fewer than
    `SUMMARY_WORDS` words, as most feed entries are) read in full from its link.

    The pages are fetched as `fetch` fetches (a few at once, `timeout` seconds each) and
    their article extracted; the entry keeps its own id, outlet, title and date, which a
    feed states more reliably than a page. A link that fails, or leads to no article
    longer than the summary, leaves the summary, with a warning. `progress` sees the
    pages as they arrive.
    """
    wanted = [
        i for i, a in enumerate(articles) if is_url(a.url) and len(a.text.split()) < SUMMARY_WORDS
    ]
    urls = list(dict.fromkeys(articles[i].url for i in wanted))
    fetched = fetch(urls, timeout=timeout, progress=progress, failed="the summary is kept")
    pages = dict(zip(urls, fetched, strict=True))
    followed = list(articles)
    for i in wanted:
        article = articles[i]
        text = _page_article(pages[article.url])
        if len(text.split()) > len(article.text.split()):
            followed[i] = replace(article, text=text)
        elif pages[article.url] is not None:  # a failed fetch has been reported already
            log.warning("no article found at %s; kept the summary of %s", article.url, article.id)
    return followed


def _page_article(page: Page | None) -> str:
    """The text of the one article on a fetched page; "" when there is not exactly one."""
    if page is None or not (
        page.content_type.startswith("text/") or page.content_type in TEXT_TYPES
    ):
        return ""
    try:
        found = _read(page.data, page.url, _sniff, {"url": page.url}, page.url)
    except InputError:
        return ""
    return found[0].text if len(found) == 1 else ""


def read_json(text: str, name: str, meta: dict[str, str]) -> list[Article]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(f"not valid JSON ({error.msg}, line {error.lineno})") from None
    except RecursionError:
        raise InputError("not valid JSON (nested too deeply)") from None
    records = data.get("articles", [data]) if isinstance(data, dict) else data
    return _records(records, name)


def read_jsonl(text: str, name: str, meta: dict[str, str]) -> list[Article]:
    records = []
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip():
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError as error:
                raise InputError(f"line {number} is not valid JSON ({error.msg})") from None
            except RecursionError:
                raise InputError(f"line {number} is not valid JSON (nested too deeply)") from None
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
    paths: Sequence[str],
    stdin: BinaryIO | None = None,
    *,
    timeout: float = TIMEOUT,
    jobs: int = 1,
    fetcher: Callable[..., list[Page | None]] = fetch,
) -> list[Article]:
    """Every article in `paths`: files, folders (read recursively), `-` for standard input,
    and http(s) URLs of pages or feeds (fetched by `fetcher`, as `fetch`, `timeout`
    seconds each; a page that answers 304 Not Modified gives no articles and no error).

    A file that is not text, or an HTML page without an article, is skipped with a warning
    while other inputs hold articles; when none does, it is the error. A URL that fails
    is always skipped with a warning. `jobs` processes read (and extract) the files when
    there are many; the articles come in the same order either way.
    """
    articles: list[Article] = []
    unusable: list[_Unusable] = []
    urls = list(dict.fromkeys(given for given in paths if is_url(given)))
    pages = dict(zip(urls, fetcher(urls, timeout=timeout), strict=True))
    readings: list[Callable[[], list[Article]]] = []
    for given in paths:
        if is_url(given):
            readings.append(partial(_read_page, pages[given]))
        else:
            readings.extend(_readings(given, stdin))
    for read, why in _attempt_all(readings, jobs):
        articles.extend(read)
        if why:
            unusable.append(_Unusable(*why))
    if unusable and not articles:
        if len(unusable) == 1:
            raise unusable[0]
        found = "; ".join(f"{skipped.shown}: {skipped.reason}" for skipped in unusable[:3])
        more = f"; and {len(unusable) - 3} more" if len(unusable) > 3 else ""
        raise InputError(f"no articles in {found}{more} (give articles as text, HTML or JSON)")
    for skipped in unusable:
        log.warning("skipped %s: %s", skipped.shown, skipped.reason)
    if not articles and any(page is not None and page.status == 304 for page in pages.values()):
        return []  # nothing new since the last fetch: not an error
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
    return _unique_ids(_without_repeats(articles))


PARALLEL_FROM = 32  # fewer inputs than this are read faster than a process pool starts

_Outcome = tuple[list[Article], tuple[str, str, str] | None]


def _attempt(read: Callable[[], list[Article]]) -> _Outcome:
    """The articles a reading gives, or why its input is unusable (as plain values, which
    cross a process boundary where the exception would not)."""
    try:
        return read(), None
    except _Unusable as error:
        return [], (error.reason, error.hint, error.shown)


def _attempt_all(readings: list[Callable[[], list[Article]]], jobs: int) -> list[_Outcome]:
    many = len(readings) >= PARALLEL_FROM and all(isinstance(r, partial) for r in readings)
    if jobs <= 1 or not many:  # standard input is read here, never in a pool
        return [_attempt(read) for read in readings]
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(_attempt, readings, chunksize=max(1, len(readings) // (jobs * 8))))


def _readings(given: str, stdin: BinaryIO | None) -> list[Callable[[], list[Article]]]:
    """One call per input that `given` names, each reading that input when made."""
    if given == "-":
        if stdin is None:
            raise InputError("'-' given but there is no standard input to read")
        return [lambda: _read(_bounded(stdin, "standard input"), "stdin", _sniff, {})]
    path = Path(given)
    if not path.exists():
        raise InputError(f"no such file or folder: {given} (check the path)")
    if not path.is_dir():
        return [partial(_read_file, path, SUFFIXES.get(path.suffix.lower()))]
    files = sorted(p for p in path.rglob("*") if p.is_file() and not _hidden(p, path))
    return [
        partial(_read_file, file, kind)
        for file in files
        if (kind := SUFFIXES.get(file.suffix.lower())) is not None and file.name != MANIFEST
    ]


def _read_file(path: Path, kind: str | None) -> list[Article]:
    try:
        with path.open("rb") as stream:
            data = _bounded(stream, str(path))
    except OSError as error:
        raise InputError(f"cannot read {path}: {error.strerror}") from None
    meta = _manifest(path.parent).get(path.name, {})
    return _read(data, path.stem, READERS[kind] if kind else _sniff, meta, shown=str(path))


def _read_page(page: Page | None) -> list[Article]:
    """A fetched page, read by its media type: a feed, else what its text looks like."""
    if page is None or page.status == 304:  # the fetch failed, and said so; or unchanged
        return []
    kind = page.content_type
    if not (kind.startswith("text/") or kind in FEED_TYPES or kind in TEXT_TYPES):
        log.warning("skipped %s: not an article or a feed (it is %s)", page.url, kind)
        return []
    from urllib.parse import urlsplit

    host = (urlsplit(page.url).hostname or page.url).removeprefix("www.")
    reader = read_feed if kind in FEED_TYPES else _sniff
    try:
        return _read(page.data, host, reader, {"url": page.url}, page.url)
    except InputError as error:
        log.warning("skipped %s", error)
        return []


def _bounded(stream: BinaryIO, shown: str) -> bytes:
    data = stream.read(MAX_INPUT_BYTES + 1)
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(
            f"{shown} is larger than {MAX_INPUT_BYTES // 2**20} MiB "
            "(give the articles as separate, smaller files)"
        )
    return data


class _Unusable(InputError):
    """An input with no article in it: skipped while other inputs have some."""

    def __init__(self, reason: str, hint: str, shown: str = "") -> None:
        super().__init__(f"{shown}: {reason} ({hint})" if shown else f"{reason} ({hint})")
        self.reason, self.hint, self.shown = reason, hint, shown


def _read(
    data: bytes, name: str, reader: Reader, meta: dict[str, str], shown: str = ""
) -> list[Article]:
    shown = shown or name
    text = decode(data)
    if text is None:
        raise _Unusable("not a text file", "give articles as text, HTML or JSON", shown)
    if not text.strip():
        return []
    try:
        return [article for article in reader(text, name, meta) if article.text.strip()]
    except _Unusable as error:
        raise _Unusable(error.reason, error.hint, shown) from None
    except InputError as error:
        raise InputError(f"{shown}: {error}") from None


def _sniff(text: str, name: str, meta: dict[str, str]) -> list[Article]:
    """A reader chosen by what the text looks like, for standard input and unknown suffixes."""
    if text.lstrip()[:1] in ("{", "["):
        lines = [line for line in text.splitlines() if line.strip()]
        many_objects = len(lines) > 1 and all(line.lstrip().startswith("{") for line in lines)
        return (read_jsonl if many_objects else read_json)(text, name, meta)
    return read_text(text, name, meta)  # which hands a feed or an HTML page on


def _is_page(text: str) -> bool:
    start = text.lstrip()[:200].lower()
    return start.startswith(("<!doctype html", "<html", "<?xml")) or "<body" in start


def decode(data: bytes) -> str | None:
    """The text of `data`, or None when it is not text (see the module's docstring)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = data[len(bom) :].decode(encoding, errors="replace")
            break
    else:
        if b"\x00" in data[:_SAMPLE]:
            return None
        text = _decode_unmarked(data)
    sample = text[:_SAMPLE]
    if len(_NOT_TEXT.findall(sample)) > MAX_CONTROL_SHARE * len(sample):
        return None
    return text


def _decode_unmarked(data: bytes) -> str:
    for encoding in ("utf-8", _declared_charset(data), "cp1252"):
        if encoding:
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                continue
    return data.decode("latin-1")  # every byte is a Latin-1 character


def _declared_charset(data: bytes) -> str | None:
    """The charset a page declares (`<meta charset>`, `<?xml encoding>`), if Python has it."""
    found = _CHARSET.search(data[:_SAMPLE])
    if not found:
        return None
    try:
        name = codecs.lookup((found.group(1) or found.group(2)).decode("ascii")).name
    except LookupError:
        return None
    if name in ("iso8859-1", "ascii"):  # as browsers read them (WHATWG Encoding standard)
        return "cp1252"
    return name if _PAGE_ENCODING.fullmatch(name) else None


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
        raise InputError('expected an article object, a list of them or {"articles": [...]}')
    articles = []
    for number, record in enumerate(records, 1):
        if not isinstance(record, dict):
            raise InputError(f"item {number} is not an article object")
        given = {k: _NOT_TEXT.sub("", str(record[k])) for k in FIELDS if k in record}
        fields = {k: v for k, v in given.items() if v and record[k] is not None}
        fields.setdefault("id", f"{name}-{number}" if len(records) > 1 else name)
        text = record.get("text")
        if not text and record.get("html"):
            try:
                articles.extend(read_html(str(record["html"]), fields["id"], fields))
            except InputError as error:
                raise InputError(f"item {number}: {error}") from None
            continue
        articles.append(_article(fields, _without_markup(str(text or "")), fields["id"]))
    return articles


def _article(fields: dict[str, str], text: str, name: str) -> Article:
    """An article from what a reader found, without control characters in any field."""
    field = {k: _NOT_TEXT.sub("", v) for k, v in fields.items()}
    name = _NOT_TEXT.sub("", name) or "article"
    return Article(
        id=field.get("id") or name,
        source=field.get("source") or name,
        title=field.get("title", ""),
        url=field.get("url", ""),
        published=field.get("published", ""),
        text=_NOT_TEXT.sub("", text),
    )


def _without_markup(text: str) -> str:
    """What a browser shows of text that holds HTML markup, with a line break around each
    block element and without scripts, styles, frames or comments; other text as it is."""
    if not _MARKUP.search(text):
        return text
    from lxml import etree
    from lxml import html as lxml_html

    parser = lxml_html.HTMLParser(
        encoding="utf-8", remove_comments=True, remove_pis=True, huge_tree=True
    )
    try:  # libxml2 parses tag soup in linear time, where html.parser can take quadratic
        root = lxml_html.document_fromstring(_xml_characters(text).encode(), parser=parser)
    except etree.ParserError:  # nothing but markup
        return ""
    for element in list(root.iter(*_HIDDEN)):
        element.drop_tree()
    for element in root.iter(*_BLOCK):
        element.text = "\n" + (element.text or "")
        element.tail = "\n" + (element.tail or "")
    return str(root.text_content())


def _xml_characters(text: str) -> str:
    """`text` with only the characters libxml2 takes (XML's `Char`), a form feed a newline."""
    return _NOT_XML.sub("", _NOT_TEXT.sub("", text).replace("\x0c", "\n"))


def _without_repeats(articles: list[Article]) -> list[Article]:
    """The articles with each read more than once kept once: the same outlet, link (or id)
    and text, as when feed snapshots taken through the day overlap."""
    seen: set[tuple[str, str, str]] = set()
    kept = []
    for article in articles:
        key = (article.source, article.url or article.id, article.text)
        if key not in seen:
            seen.add(key)
            kept.append(article)
    if len(kept) < len(articles):
        repeats = len(articles) - len(kept)
        log.warning(
            "%d article%s read more than once (same outlet, link and text) %s counted once",
            repeats,
            "s were" if repeats > 1 else " was",
            "are" if repeats > 1 else "is",
        )
    return kept


def _unique_ids(articles: list[Article]) -> list[Article]:
    """Ids made unique by a numeric suffix, in input order, so attribution never merges two."""
    taken: set[str] = set()
    given = {article.id for article in articles}
    last_count: dict[str, int] = {}  # so that n copies of one id take n steps, not n * n
    unique = []
    for article in articles:
        count = last_count.get(article.id, 1)
        new_id = article.id if count == 1 else f"{article.id}-{count}"
        while new_id in taken or (new_id != article.id and new_id in given):
            count += 1
            new_id = f"{article.id}-{count}"
        last_count[article.id] = count
        taken.add(new_id)
        unique.append(article if new_id == article.id else replace(article, id=new_id))
    return unique


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)
