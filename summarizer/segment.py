"""Sentence and word splitting without NLTK data: rules for abbreviations, numbers and quotes.

Text is split into lines first, so a heading or a line without final punctuation is never
glued onto the sentence that follows it. Within a line, a boundary is final punctuation
(with any closing quotes or brackets) followed by space and a letter that is not lower
case (any script: Latin, Greek, Cyrillic, Arabic ...), a digit or an opening quote. It is
not a boundary after a known abbreviation or an initial, nor inside a quotation that
closes later on the same line. Every step looks only near the boundary, so a line of
megabytes splits in linear time.

Some corpora (Multi-News, for one) are tokenized and lower-cased, with only each sentence's
first character restored: quotes stand apart (`new york. " greg kelly said`) and a
sentence that opens with a quotation starts in lower case (`weekly. " their focus`). A
quote mark is known to open or close by counting the marks on the line, so a spaced closing
mark stays with the sentence it ends, and an opening mark after final punctuation starts a
sentence whatever the case of the letter after it.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof sen rep gov gen col lt sgt capt cmdr adm maj st jr sr rev hon pres
    inc ltd co corp llc bros vs no nos vol pp fig approx est dept univ assn ave blvd
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
    e.g i.e a.m p.m u.s u.k u.n u.s.a d.c e.u
    """.split()
)
# After an acronym such as "U.S." a new sentence starts only with a word like these.
SENTENCE_STARTERS = frozenset(
    "The A An He She It They We I But And In On At This That These Those His Her Its Their"
    " There Some Many Most Officials Meanwhile However".split()
)

# Final punctuation: Latin, Arabic (؟ ۔), Devanagari (।) and CJK (。！？) scripts.
_STOPS = ".!?…؟۔।。！？"
# Final punctuation with any closing quotes or brackets, and the space after it.
_END = re.compile(rf"[{_STOPS}]+[\"'”’»)\]]*\s+")
# What may start the next sentence: perhaps a quote or bracket, then a letter (group 1)
# that is not lower case, or a digit. In lower-cased text (where only the first letter of
# a sentence was restored, so a quotation that opens a sentence starts in lower case) an
# opening quote and any letter.
_NEXT = re.compile(r"[\"'“‘«„(\[]?([^\W_])")
_NEXT_QUOTED_ANY_CASE = re.compile(r"[\"“]\s?[^\W_]")
_NEXT_ANY_CASE = re.compile(r"[^\W_]")
_SPACED_QUOTE = re.compile(r"[\"”]\s+")
_WORD = re.compile(r"\w+(?:[-'’.]\w+)*")
_FINAL = re.compile(rf"[{_STOPS}][\"'”’»)\]\s]*$")  # closing marks may be spaced: `now. "`
_QUOTE = re.compile(r'[“”"]')
_NEAR = 64  # characters looked at around a boundary: longer than any abbreviation
_LETTER = re.compile(r"[^\W\d_]")


def split_lines(text: str) -> list[str]:
    """Non-empty lines, stripped, with runs of white space folded."""
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def split_sentences(text: str) -> list[str]:
    """The sentences of `text`, each exactly as printed (white space folded)."""
    sentences: list[str] = []
    for line in split_lines(text):
        sentences.extend(_split_line(line))
    return [s for s in sentences if _LETTER.search(s)]


@lru_cache(maxsize=2**16)
def words(text: str) -> tuple[str, ...]:
    """The words of `text` (letters and digits, with inner hyphens, apostrophes and dots).

    Cached: every stage counts or reads the words of the same sentences."""
    return tuple(_WORD.findall(text))


def is_complete(sentence: str) -> bool:
    """Whether the sentence ends with final punctuation (a heading or fragment does not)."""
    return bool(_FINAL.search(sentence))


def _split_line(line: str) -> list[str]:
    spans, unclosed = _quote_spans(line)
    opening = {start for start, _ in spans} | unclosed
    closing = {end for _, end in spans}
    pieces: list[str] = []
    start = 0
    for match in _END.finditer(line):
        end = match.end()
        spaced = _SPACED_QUOTE.match(line, end)
        if spaced and end in closing:
            # Tokenized text spaces its quotes: in `now. " he said` the mark closes the quote.
            end = spaced.end()
            if not _NEXT_ANY_CASE.match(line, end):
                continue
        else:
            following = _NEXT.match(line, end)
            starts = following is not None and not following.group(1).islower()
            if not (starts or (end in opening and _NEXT_QUOTED_ANY_CASE.match(line, end))):
                continue
        if _inside_quote(line, match.start(), spans) or _after_abbreviation(line, match):
            continue
        pieces.append(line[start:end].strip())
        start = end
    pieces.append(line[start:].strip())
    return [p for p in pieces if p]


def _quote_spans(line: str) -> tuple[list[tuple[int, int]], set[int]]:
    """Spans of quotations that open and close on this line (straight or curly quotes), in
    order, and where one opens that does not close."""
    spans: list[tuple[int, int]] = []
    opened: int | None = None
    for found in _QUOTE.finditer(line):
        i, ch = found.start(), found.group()
        if ch == "“" or (ch == '"' and opened is None):
            if opened is None:
                opened = i
        elif ch in '”"' and opened is not None:
            spans.append((opened, i))
            opened = None
    return spans, set() if opened is None else {opened}


def _inside_quote(line: str, pos: int, spans: list[tuple[int, int]]) -> bool:
    """Whether final punctuation at `pos` is inside a quotation that goes on after it.

    Spans are ordered and disjoint: only the last one opening before `pos` can hold it.
    Punctuation right before the closing mark ("... now." / "... now. ") ends the
    quotation, not a sentence inside it.
    """
    last = bisect.bisect_left(spans, (pos, -1)) - 1
    if last < 0 or pos >= spans[last][1]:
        return False
    close = spans[last][1]
    return close - pos > _NEAR or bool(line[pos:close].strip(" .!?…"))


def _after_abbreviation(line: str, match: re.Match[str]) -> bool:
    if line[match.start()] != ".":
        return False
    before = line[max(match.start() - _NEAR, 0) : match.start()].rsplit(None, 1)
    token = before[-1].lstrip("\"'“‘([") if before else ""
    lowered = token.lower()
    following = line[match.end() : match.end() + _NEAR].split(None, 1)
    next_word = following[0].strip("\"'“‘«([") if following else ""
    if len(token) == 1 and token.isupper():  # an initial: "J. Smith"
        return True
    if "." in token and lowered in ABBREVIATIONS:  # U.S., a.m.: ambiguous at a sentence end
        return next_word not in SENTENCE_STARTERS
    if lowered in {"no", "nos", "vol", "pp", "fig"}:
        return next_word[:1].isdigit()
    # Titles, months and days are abbreviated with a capital ("Sun.", "Mar."); the
    # lower-case words ("sun", "mar") end sentences like any other.
    return lowered in ABBREVIATIONS and (token[:1].isupper() or lowered in {"vs", "approx"})


class SumyTokenizer:
    """What sumy needs of a tokenizer (`to_sentences`, `to_words`), without NLTK's punkt data."""

    language = "english"

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return tuple(split_sentences(paragraph))

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return words(sentence)
