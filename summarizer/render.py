"""Renderers: a briefing becomes Markdown, HTML or text through Jinja2 templates, or JSON.

The built-in templates live in the project's top-level `templates/` folder (packaged into
the wheel as `summarizer/templates`); `templates=` points to a folder of the user's own,
holding any of `briefing.md.j2`, `briefing.html.j2`, `briefing.txt.j2`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .errors import ConfigError, RenderError
from .model import Briefing

TEMPLATES = {"markdown": "briefing.md.j2", "html": "briefing.html.j2", "text": "briefing.txt.j2"}
FORMATS = ("markdown", "html", "json", "text")

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
    """What every format shows, as plain data (the JSON output is exactly this)."""
    outlets = briefing.outlets
    return {
        "title": briefing.title,
        "items": [
            {
                "text": item.text,
                "sources": list(item.sources),
                "articles": list(item.article_ids),
                "coverage": f"{len(item.sources)} of {len(outlets)} sources",
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
    }


def render(briefing: Briefing, fmt: str, templates: Path | None = None) -> str:
    """The briefing in `fmt` (one of FORMATS); same briefing, same bytes."""
    if fmt not in FORMATS:
        raise ConfigError(f"unknown format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    data = context(briefing)
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return _template(TEMPLATES[fmt], templates)(**data)


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
        except jinja2.TemplateError as error:
            raise RenderError(f"template {name} failed: {error}") from None

    return run
