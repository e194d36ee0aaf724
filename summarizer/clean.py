"""Remove what is not the story: prompts, promotions, captions, disclaimers, datelines.

Cleaning works line by line, as news pages lay these things out: a sign-in prompt, a
"read also" link or a photo credit is a line of its own (or a run of lines) around the
story. Each rule names a kind of boilerplate, not any one site's wording; a line is
dropped when a rule matches it, so a story sentence is never cut in half. A line of
several sentences is judged sentence by sentence: when at least half of them are
boilerplate (a caption with its credit) it goes whole, else only those sentences go (some
corpora give a page's whole text as one line, with a caption in the middle of it). A long
line of one sentence (`MAX_CAPTION_WORDS`: a transcript or pasted text without sentence
punctuation) loses only the boilerplate phrase.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from .model import Article
from .segment import is_complete, split_lines, split_sentences, words

_I = re.IGNORECASE


@dataclass(frozen=True, slots=True)
class _Rule:
    """A pattern and the lower-case words without one of which it cannot match: testing
    for those words first is far quicker than the case-blind search, and most lines hold
    none of them."""

    pattern: re.Pattern[str]
    needles: tuple[str, ...]

    def search(self, line: str, lowered: str) -> bool:
        return any(needle in lowered for needle in self.needles) and bool(self.pattern.search(line))


# Headings that introduce links to other stories or videos: the heading and the list under it go.
_PROMO_HEADING = re.compile(
    r"^(?:[-–—•*#>\s]*)(?:also read|read also|read more|more from"
    r"|related(?: stories| articles| news)?|recommended(?: stories| for you| videos)?"
    r"|you may also like|don'?t miss|trending(?: now)?"
    r"|watch(?: top)?(?: videos?)?|most read|top stories|latest news|see also|more stories"
    r"|popular(?: now)?|editor'?s picks?|further reading)\b",
    _I,
)
# A line that is a prompt to sign in, subscribe, join, share or download.
_PROMPT = _Rule(
    re.compile(
        r"\b(?:sign in|sign up|log in|login|subscribe|subscription|subscriber|premium"
        r"|member(?:s|ship)?|newsletter|register|unlock|exclusive insights"
        r"|download (?:our|the) app|follow us|share this|click here|cookies?|advertisement"
        r"|sponsored)\b",
        _I,
    ),
    (
        *("sign in", "sign up", "log in", "login", "subscri", "premium", "member"),
        *("newsletter", "register", "unlock", "exclusive insights", "download", "follow us"),
        *("share this", "click here", "cookie", "advertisement", "sponsored"),
    ),
)
# Captions and credits of photos and videos.
_CAPTION = _Rule(
    re.compile(
        r"\b(?:photo(?:graph)?s?|image|picture|video|file photo|illustration)\s*"
        r"(?:by|:|courtesy|credit)|\((?:photo|image|picture|credit)\b[^)]*\)"
        r"|\b(?:getty images|afp photo|ap photo|reuters/|shutterstock)"
        r"|\benlarge this image\b|\btoggle caption\b|\bhide caption\b|\bcaption\s*:",
        _I,
    ),
    (
        *("photo", "image", "picture", "video", "illustration", "credit", "getty"),
        *("reuters/", "shutterstock", "caption"),
    ),
)
# Syndication disclaimers and copyright lines.
_DISCLAIMER = _Rule(
    re.compile(
        r"syndicated feed|published as received|assumes no responsibility|not been edited by"
        r"|auto-generated from a syndicated|all rights reserved|©|\(c\) \d{4}|copyright \d{4}"
        r"|this story has been published from|may not be published, broadcast",
        _I,
    ),
    (
        *("syndicated", "published as received", "assumes no responsibility"),
        *("not been edited by", "all rights reserved", "©", "(c) ", "copyright "),
        *("has been published from", "may not be published"),
    ),
)
# Widgets that leave text behind ("list of 3 items", "end of list").
_WIDGET = _Rule(
    re.compile(r"\blist of \d+ items?|end of list\b|^advertisement$", _I),
    ("list of ", "end of list", "advertisement"),
)
# A bare credit line: "Source: Al Jazeera", "(ANI)", "Reporting by ...".
_SOURCE_LINE = re.compile(
    r"^(?:\(?(?:(?:source|sources|via|credit|credits)\s*:|reporting by|writing by|editing by"
    r"|additional reporting)[^.!?]{0,80}\)?\.?|\([A-Z][A-Za-z]{1,10}\))$",
    _I,
)
_CALL_TO_ACTION = re.compile(
    r"^(?:sign|log|subscribe|register|unlock|download|follow|share|click|tap|join|get|take|already|create"
    r"|become|support|enjoy|read|listen|watch|don'?t)\b",
    _I,
)
_BULLET = re.compile(r"^[-–—•*·▪►]\s+")
_TRAILING_AGENCY = re.compile(r"\s*\((?:[A-Z]{2,6}|Reuters|Xinhua|Bernama)\)\s*$")
# "Moscow [Russia] September 5 (ANI): ", "Sept. 5 (UPI) -- ", "LONDON (AP) _ ", "PARIS — "
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATELINE = re.compile(
    rf"^(?P<place>(?:[A-Z][\w.'’-]*,?\s){{0,4}}?)(?:\[[^\]]{{1,40}}\]\s*)?,?\s*"
    rf"(?P<date>{_MONTH}\s+\d{{1,2}},?\s*(?:\d{{4}}\s*)?)?(?P<agency>\([A-Z][\w ]{{0,20}}\)\s*)?"
    r"(?P<sep>:|--|—|–|―|-|_)\s+(?=[\"“‘A-Z])"
)

# Words without which no rule can match a line (lower case): a line holding none of them
# (most lines) is kept whole without judging each of its sentences.
_SUSPECT_WORDS = (
    *_PROMPT.needles,
    *_CAPTION.needles,
    *_DISCLAIMER.needles,
    *_WIDGET.needles,
    *("source", "via ", "credit", "reporting by", "writing by", "editing by", "additional"),
)
_SUSPECT_MARKS = re.compile(r"\([A-Z][A-Za-z]{1,10}\)|(?:^|\s)[-–—•*·▪►]\s")

# A caption with its credit is shorter than this; a line of one sentence this long is text.
MAX_CAPTION_WORDS = 40
# The rules' phrases, a caption's with the names that credit it ("Photo by Jane Doe/AFP").
_PHRASES = (
    re.compile(rf"(?:{_CAPTION.pattern.pattern})(?-i:(?:\s*(?:[A-Z][\w.'’-]*|via|/))*)", _I),
    _DISCLAIMER.pattern,
    _WIDGET.pattern,
)
MAX_PROMPT_WORDS = 20  # a prompt is short; a story sentence that mentions a "member" is not
MAX_HEADING_WORDS = 14  # a line without final punctuation up to this long is a heading or caption


def clean(article: Article) -> Article:
    """The article with boilerplate lines and datelines removed (and a title line lifted)."""
    lines = split_lines(article.text)
    # In text without sentence punctuation a short line is no sign of a heading.
    headings = any(is_complete(line) for line in lines)
    title = article.title
    if not title and lines and headings and _is_heading(lines[0]):
        title = lines[0]
    kept: list[str] = []
    in_promo_list = False
    for line in lines:
        promo = _PROMO_HEADING.match(line)
        if promo and (not is_complete(line) or line[promo.end() :].lstrip().startswith(":")):
            in_promo_list = True
            continue
        if in_promo_list and (_BULLET.match(line) or (headings and _is_heading(line))):
            continue
        in_promo_list = False
        line = _without_boilerplate(_without_agency(line), article)
        if not line or (title and _same(line, title)):
            continue
        line = _strip_dateline(_without_agency(line))
        if line and not (headings and _is_heading(line)):
            kept.append(line)
    return replace(article, title=title, text="\n".join(_drop_repeats(kept)))


def _without_agency(line: str) -> str:
    """The line without a trailing "(AFP)"; the test first, as the search is slow."""
    return _TRAILING_AGENCY.sub("", line) if line.endswith(")") else line


def _without_boilerplate(line: str, article: Article) -> str:
    """The line without its boilerplate: all of it when at least half its sentences are
    (a caption with its credit, a gallery of captions), else just those sentences (a page
    whose text comes as one line with a caption inside)."""
    if not _suspect(line, article.source):
        return line
    sentences = split_sentences(line)
    if len(sentences) < 2:
        if not _is_boilerplate(line, article):
            return line
        # A long block without sentence punctuation (a transcript, pasted text) is not a
        # caption: only the boilerplate phrase in it goes.
        return _without_phrases(line) if len(words(line)) > MAX_CAPTION_WORDS else ""
    kept = [s for s in sentences if not _is_boilerplate(s, article)]
    return " ".join(kept) if 2 * len(kept) > len(sentences) else ""


def _without_phrases(line: str) -> str:
    """The line without the phrases the caption, disclaimer and widget rules match (a
    caption's credit too: the capitalised names after "Photo by")."""
    for pattern in _PHRASES:
        line = pattern.sub(" ", line)
    return " ".join(line.split())


def _is_boilerplate(line: str, article: Article) -> bool:
    n_words = len(words(line))
    lowered = line.lower()
    if n_words == 0 or any(rule.search(line, lowered) for rule in (_WIDGET, _DISCLAIMER, _CAPTION)):
        return True
    if _SOURCE_LINE.match(line) or (_BULLET.match(line) and not is_complete(line)):
        return True
    if n_words <= MAX_PROMPT_WORDS and _PROMPT.search(line, lowered):
        # A prompt is a heading, a question or a call to act, not a statement of fact.
        return not is_complete(line) or "?" in line or bool(_CALL_TO_ACTION.match(line))
    return _about_the_outlet(line, article.source)


def _about_the_outlet(line: str, source: str) -> bool:
    """The outlet describing or promoting itself ("234Radio is Africa's ...")."""
    lowered = line.lower()
    return any(
        lowered.startswith(f"{name} is ") or lowered == name or f"from {name}" in lowered
        for name in _outlet_names(source)
    )


def _suspect(line: str, source: str) -> bool:
    """Whether any rule could match the line (if False, none does)."""
    lowered = line.lower()
    return (
        any(word in lowered for word in _SUSPECT_WORDS)
        or any(name in lowered for name in _outlet_names(source))
        or bool(_SUSPECT_MARKS.search(line))
    )


@cache
def _outlet_names(source: str) -> frozenset[str]:
    """The names an outlet goes by: "234Radio via Al Jazeera" is both; notes in brackets
    are not names ("The Tribune (India)": not "India")."""
    without_notes = re.sub(r"\([^)]*\)", "", source)
    names = {n.strip().lower() for n in re.split(r"\bvia\b|[,/]", without_notes)}
    return frozenset(n for n in names if len(n) > 3)


def _is_heading(line: str) -> bool:
    return not is_complete(line) and len(words(line)) <= MAX_HEADING_WORDS


def _same(a: str, b: str) -> bool:
    return a.casefold().strip() == b.casefold().strip()


def _strip_dateline(line: str) -> str:
    match = _DATELINE.match(line)
    if not match:
        return line
    # A place names a dateline when its first word is in capitals: "PARIS", "RAFAH, Gaza
    # Strip" (the New York Times' style); "Paris — " may begin a sentence.
    first = match.group("place").split(",")[0].strip()
    if match.group("agency") or match.group("date") or (first.isupper() and len(first) > 1):
        return line[match.end() :]
    return line


def _drop_repeats(lines: list[str]) -> list[str]:
    """Each line once: pages often print the lead twice (as a teaser and as the story)."""
    seen: set[str] = set()
    kept = []
    for line in lines:
        key = line.casefold()
        if key not in seen:
            seen.add(key)
            kept.append(line)
    return kept
