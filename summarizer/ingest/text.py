"""Plain text and Markdown: metadata from front matter (or the file's manifest, or its
name); a feed or a whole HTML page saved under a text name is handed to its reader."""

from __future__ import annotations

from ..model import Article
from .feeds import looks_like_feed, read_feed
from .fields import FIELDS, make_article, without_markup
from .pages import is_page, read_html


def read_text(text: str, name: str, meta: dict[str, str]) -> list[Article]:
    if looks_like_feed(text):  # a feed saved under a text name
        return read_feed(text, name, meta)
    if is_page(text):  # a whole HTML page saved under a text name
        return read_html(text, name, meta)
    front, body = _front_matter(text)
    fields = {**meta, **front}
    return [make_article(fields, without_markup(body), name)]


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
