"""Feeds as real outlets publish them: escaped text, section-named feeds, aggregators,
tracking links, teasers and subscription lists. Each fixture feed is written here, with
the articles and outlet names it must give."""

from __future__ import annotations

import re

from summarizer.ingest import read_paths

ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);", re.IGNORECASE)
TAG = re.compile(r"</?[a-z][a-z0-9]*\b[^<>]*>", re.IGNORECASE)


def rss(title: str, items: str, link: str = "https://herald.example/") -> str:
    """An RSS 2.0 feed with the channel `title` and `link`, and these `<item>`s."""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"'
        ' xmlns:content="http://purl.org/rss/1.0/modules/content/">\n'
        f"<channel><title>{title}</title><link>{link}</link>\n{items}\n</channel></rss>\n"
    )


def item(title: str, link: str, description: str = "", extra: str = "") -> str:
    return (
        f"<item><title>{title}</title><link>{link}</link>"
        f"<description>{description}</description>{extra}</item>"
    )


def read_feed_file(tmp_path, text: str, name: str = "feed.xml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_paths([str(path)])


def test_text_escaped_twice_and_escaped_html_come_out_as_text(tmp_path):
    feed = rss(
        "Coast Herald",
        item(
            "Next week&amp;rsquo;s anniversary at the minister&amp;#039;s office",
            "https://herald.example/a",
            "&amp;lt;p&amp;gt;A federal judge ruled on Monday.&amp;lt;/p&amp;gt;"
            "&amp;lt;p&amp;gt;Ren&amp;amp;eacute;e Smith &amp;#x26;amp; Sons appealed."
            "&amp;lt;/p&amp;gt;",
        )
        + item(
            "Smith &amp;amp; Sons",
            "https://herald.example/b",
            "&lt;p&gt;The company&amp;#8217;s shares fell.&lt;/p&gt;",
        ),
    )
    first, second = read_feed_file(tmp_path, feed)
    assert first.title == "Next week’s anniversary at the minister's office"
    assert first.text == "A federal judge ruled on Monday.\nRenée Smith & Sons appealed."
    assert second.title == "Smith & Sons"
    assert second.text == "The company’s shares fell."
    for article in (first, second):
        for field in (article.title, article.text, article.source):
            assert not ENTITY.search(field) and not TAG.search(field), field
