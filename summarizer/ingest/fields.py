"""What every reader shares: an article's fields, free of control characters and markup.

Control characters are dropped from what is read, and markup inside plain text, a JSON
`text` or a feed entry is reduced to the text a browser would show, without scripts,
styles or frames. Character references (`&amp;`, `&#8217;`, `&eacute;`) are decoded until
nothing changes, as feeds often escape their text twice (`&amp;amp;`, `&amp;#8217;`) or
escape the HTML of a description (`&lt;p&gt;...`), which is then reduced to its text too.
"""

from __future__ import annotations

import html
import re

from ..errors import InputError
from ..model import Article

FIELDS = ("id", "source", "title", "url", "published")

# Terminal escape sequences, control characters (C0 but tab, line feed, form feed and
# carriage return; DEL; C1), the replacement character and lone surrogates: never part of
# a story.
NOT_TEXT = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]|[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd\ud800-\udfff]"
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


class Unusable(InputError):
    """An input with no article in it: skipped while other inputs have some."""

    def __init__(self, reason: str, hint: str, shown: str = "") -> None:
        super().__init__(f"{shown}: {reason} ({hint})" if shown else f"{reason} ({hint})")
        self.reason, self.hint, self.shown = reason, hint, shown


MAX_ESCAPES = 8  # levels of escaping undone; no feed escapes its text more often than twice


def make_article(fields: dict[str, str], text: str, name: str) -> Article:
    """An article from what a reader found, without control characters in any field, and
    its title, outlet and text as a browser shows them (`without_markup`). An outlet in
    `fields` was named by `fields["named_by"]` (else it was `given` with the article);
    without one, the article is credited to `name` (`file-name`)."""
    field = {k: NOT_TEXT.sub("", v) for k, v in fields.items()}
    name = NOT_TEXT.sub("", name) or "article"
    source = _line(field.get("source", ""))
    return Article(
        id=field.get("id") or name,
        source=source or name,
        title=_line(field.get("title", "")),
        url=field.get("url", ""),
        published=field.get("published", ""),
        text=NOT_TEXT.sub("", without_markup(text)),
        named_by=field.get("named_by", "given") if source else "file-name",
        home=field.get("home", ""),
    )


def _line(text: str) -> str:
    return " ".join(NOT_TEXT.sub("", without_markup(text)).split())


def without_markup(text: str) -> str:
    """What a browser shows of `text`: markup reduced to its text (`_text_content`) and
    character references decoded, again and again until nothing changes (at most
    `MAX_ESCAPES` times), so that text escaped twice, or escaped HTML, comes out as text."""
    for _ in range(MAX_ESCAPES):
        shown = html.unescape(_text_content(text)) if "&" in text or "<" in text else text
        if shown == text:
            break
        text = shown
    return text


def _text_content(text: str) -> str:
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
    return _NOT_XML.sub("", NOT_TEXT.sub("", text).replace("\x0c", "\n"))
