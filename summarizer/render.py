"""Renderers: a briefing becomes Markdown, HTML or text through Jinja2 templates, or JSON.

The built-in templates live in the project's top-level `templates/` folder (packaged into
the wheel as `summarizer/templates`); `templates=` points to a folder of the user's own,
holding any of `briefing.md.j2`, `briefing.html.j2`, `briefing.txt.j2` (one story),
`digest.md.j2`, `digest.html.j2`, `digest.txt.j2` (the daily briefing of many stories),
and `briefing.email.txt.j2` or `digest.email.txt.j2` (the plain-text part of an email).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from .errors import ConfigError, RenderError
from .model import Article, Briefing, Digest, Disagreement, Item

FORMATS = ("markdown", "html", "json", "text")
SUFFIXES = {"markdown": "md", "html": "html", "json": "json", "text": "txt"}
"""The file name suffix of each format (templates are `<kind>.<suffix>.j2`)."""

# Markup characters, and what makes an entity ("&amp;") or a bare link ("https://x",
# "www.x", "a@b.org" become links in GitHub's Markdown): all escaped with a backslash,
# which every CommonMark renderer shows as the character alone.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~&]|:(?=//)|(?<=\bwww)\.|(?<=\bWWW)\.|@)")
_LINE_START = re.compile(r"^(\s*)(\d+)([.)])", re.MULTILINE)


def builtin_templates() -> Path:
    """The built-in templates: inside the installed package, else the source checkout's."""
    packaged = Path(__file__).parent / "templates"
    return packaged if packaged.is_dir() else Path(__file__).parent.parent / "templates"


def markdown_escape(text: str) -> str:
    """Text that Markdown shows as it is: no emphasis, links, HTML or list markers."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))
    return _LINE_START.sub(r"\1\2\\\3", escaped)


def safe_url(url: str) -> str:
    """The URL if it is a web address that cannot break out of a link, else ''."""
    return url if re.fullmatch(r"(?i:https?)://[^\s<>\"'`\\]+", url or "") else ""


def context(briefing: Briefing) -> dict[str, Any]:
    """What every format shows, as plain data (the JSON output is exactly this; the
    templates also get each item's `disputes`, `earlier` and `updates`, as "Outlet: value"
    lines)."""
    outlets = briefing.outlets
    return {
        "title": briefing.title,
        "items": [
            {
                "text": item.text,
                "sources": list(item.sources),
                "articles": list(item.article_ids),
                "coverage": f"{len(item.sources)} of {len(outlets)} sources",
                "disputed_by": list(item.disputed_by),
                "updated_by": list(item.updated_by),
                "earlier_from": list(item.earlier_from),
            }
            for item in briefing.items
        ],
        "sources": [
            {
                "name": article.source,
                "title": article.title,
                "url": safe_url(article.url),
                "published": article.published,
                "id": article.id,
            }
            for article in briefing.articles
        ],
        "outlets": list(outlets),
        "ranker": briefing.ranker,
        "disagreements": _disagreements(briefing.disagreements),
    }


def _disagreements(found: Sequence[Disagreement]) -> list[dict[str, Any]]:
    return [
        {
            "about": d.about,
            "kind": d.kind,
            "claims": [
                {
                    "value": c.value,
                    "text": c.text,
                    "sources": list(c.sources),
                    "published": c.published,
                }
                for c in d.claims
            ],
        }
        for d in found
    ]


def _with_disputes(data: dict[str, Any], items: Sequence[Item]) -> None:
    """Adds to each item of `data` (for the templates, not JSON) the versions disputing
    it, as text: "Morning Post: 21", and apart from them the earlier figures (`earlier`)
    and the later ones (`updates`), as `Claim.when` sorts them."""
    for shown, item in zip(data["items"], items, strict=True):
        for key, when in (("disputes", ""), ("earlier", "earlier"), ("updates", "later")):
            shown[key] = [
                f"{'; '.join(c.sources)}: {c.value}" for c in item.disputes if c.when == when
            ]


def digest_context(digest: Digest) -> dict[str, Any]:
    """What every format of a daily briefing shows, as plain data (the JSON output).

    Each story's `outlets` name each outlet once, with its home page and its articles
    under it (`links` lists the articles one by one, as it always has); `headline_only`
    marks a story with no complete sentence to show. With an archive, each story has its
    `id`, `status` and `first_seen`, each item `new`, and the digest `new_articles`."""
    stories: list[dict[str, Any]] = []
    for number, story in enumerate(digest.stories, 1):
        outlets = story.outlets
        count = len(story.articles)
        stories.append(
            {
                "title": story.title,
                "anchor": f"story-{number}",
                "articles": [article.id for article in story.articles],
                "sources": list(outlets),
                "coverage": _count(len(outlets), "outlet")
                + (f", {_count(count, 'article')}" if count > 1 else ""),
                "items": [
                    {
                        "text": i.text,
                        "sources": list(i.sources),
                        "disputed_by": list(i.disputed_by),
                        "updated_by": list(i.updated_by),
                        "earlier_from": list(i.earlier_from),
                    }
                    for i in story.items
                ],
                "disagreements": _disagreements(story.disagreements),
                "headline_only": not story.items,
                "links": [
                    {"name": a.source, "title": a.title, "url": safe_url(a.url)}
                    for a in story.articles
                ],
                "outlets": _outlets(story.articles),
            }
        )
        if story.shared is not None:  # asked for (brief --explain): why they were joined
            stories[-1]["shared"] = {
                "names": list(story.shared.names),
                "terms": list(story.shared.terms),
            }
    for entry, known in zip(stories, digest.continuity, strict=False):  # with an archive
        entry.update(id=known.id, status=known.status, first_seen=known.first_seen)
        for item, new in zip(entry["items"], known.new_items, strict=True):
            item["new"] = new
    data: dict[str, Any] = {
        "title": f"News briefing, {digest.date}" if digest.date else "News briefing",
        "date": digest.date,
        "stories": stories,
        "total_stories": digest.total,
        "articles_read": digest.articles,
    }
    if digest.new_articles is not None:
        data["new_articles"] = digest.new_articles
    return data


def _outlets(articles: tuple[Article, ...]) -> list[dict[str, Any]]:
    """Each outlet once, in order of its first article, with its home page and its
    articles (title and link; each link once)."""
    grouped: dict[str, dict[str, Any]] = {}
    for article in articles:
        outlet = grouped.setdefault(
            article.source, {"name": article.source, "home": "", "articles": []}
        )
        outlet["home"] = outlet["home"] or safe_url(article.home)
        url = safe_url(article.url)
        if (url or article.title) and all(
            (url or article.title) != (a["url"] or a["title"]) for a in outlet["articles"]
        ):
            outlet["articles"].append({"title": article.title, "url": url})
    return list(grouped.values())


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def render(document: Briefing | Digest, fmt: str, templates: Path | None = None) -> str:
    """A briefing or a daily digest in `fmt` (one of FORMATS); same input, same bytes."""
    if fmt not in FORMATS:
        raise ConfigError(f"unknown format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    data, kind = _data(document)
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    _add_disputes(data, document)
    return _template(f"{kind}.{SUFFIXES[fmt]}.j2", templates)(**data)


def render_email_text(document: Briefing | Digest, templates: Path | None = None) -> str:
    """The plain-text part of an emailed digest: unlike the `text` format (the sentences
    alone), it credits every sentence and lists the sources, wrapped for a mail reader."""
    data, kind = _data(document)
    _add_disputes(data, document)
    return _template(f"{kind}.email.txt.j2", templates)(**data)


def _add_disputes(data: dict[str, Any], document: Briefing | Digest) -> None:
    if isinstance(document, Digest):
        for shown, story in zip(data["stories"], document.stories, strict=True):
            _with_disputes(shown, story.items)
    else:
        _with_disputes(data, document.items)


def _data(document: Briefing | Digest) -> tuple[dict[str, Any], str]:
    if isinstance(document, Digest):
        return digest_context(document), "digest"
    return context(document), "briefing"


def _template(name: str, folder: Path | None) -> Callable[..., str]:
    import jinja2

    folders = [str(folder)] if folder else []
    if folder and not Path(folder).is_dir():
        raise ConfigError(f"template folder not found: {folder}")
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader([*folders, str(builtin_templates())]),
        autoescape=lambda template: bool(template and template.endswith((".html", ".html.j2"))),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters["md"] = markdown_escape
    try:
        template = environment.get_template(name)
    except jinja2.TemplateError as error:
        raise RenderError(f"template {name} cannot be loaded: {error}") from None

    def run(**data: Any) -> str:
        try:
            return template.render(**data)
        except Exception as error:  # a user's template may fail in any way: say which one
            raise RenderError(f"template {name} failed: {error}") from None

    return run
