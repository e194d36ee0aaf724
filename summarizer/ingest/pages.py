"""HTML pages: trafilatura extracts the article and its metadata."""

from __future__ import annotations

from typing import Any

from ..model import Article
from .fields import Unusable, make_article
from .outlets import home_page


def read_html(text: str, name: str, meta: dict[str, str]) -> list[Article]:
    from trafilatura import bare_extraction  # imported here: it is only needed for HTML

    try:
        document: Any = bare_extraction(
            text, url=meta.get("url") or None, with_metadata=True, include_comments=False
        )
    except Exception:  # some tag soup trips an assertion inside htmldate (an <svg> root)
        document = None
    if document is None or not (document.text or "").strip():
        raise Unusable("no article text found in the HTML page", "give an article's page")
    found = {
        "title": document.title or "",
        "url": document.url or "",
        "published": document.date or "",
        "source": document.sitename or "",
    }
    fields = {**{k: v for k, v in found.items() if v}, **meta}
    if document.sitename and "source" not in meta:
        # og:site_name or the JSON-LD publisher; trafilatura falls back on the URL's host.
        from_url = "." in document.sitename and document.sitename in (document.url or "")
        fields["named_by"] = "domain" if from_url else "page"
        fields["home"] = home_page(document.url or meta.get("url", ""))
    return [make_article(fields, document.text, name)]


def is_page(text: str) -> bool:
    """Whether `text` is a whole HTML page (saved under a text name, or on standard input)."""
    start = text.lstrip()[:200].lower()
    return start.startswith(("<!doctype html", "<html", "<?xml")) or "<body" in start
