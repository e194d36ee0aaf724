"""Specifics: the checkable details of a sentence, read into typed values and compared as values.

Covered (English):
- counts: digits with thousands separators and decimals ("3,000", "9.21"), unicode and
  mixed fractions ("3½"), number words ("twelve", "twenty-six", "two hundred", "a dozen",
  "two dozen"), scales ("9.2 million", "$1.2 trillion", "3bn") and vague quantities
  ("dozens", "hundreds", "tens of thousands"), each with the noun it counts ("12
  people"), or "age" for an age ("82-year-old", "aged 82", "Varga, 82,"), compared
  with ages only, or the noun and "ago" for a time back ("four years ago");
- money, with its currency ("$", "US$", "£", "€", "dollars", "euros", "pounds") and scale;
- percentages ("5%", "5 percent", "five per cent");
- days ("on Thursday") and dates ("Sept. 5", "5 September", "March 2022", "2022-03-05",
  a year alone such as "in 2014": a four-digit number from 1900 to 2099).

A value is an interval: an exact count is a point; a decimal stands for what rounds to
it ("9.2 million" covers 9.15 to 9.25 million, so it agrees with "9.21 million"); an
approximation word ("about", "some", "around", "nearly", "more than", "at least", "up
to" ...) before a round number widens it to the half unit of its last non-zero digit
("about 3,000" agrees with "3,100" but not with "30,000"), and so does a round number of
`ROUNDED_FROM` or more with two significant digits or more ("43,000" agrees with
"43,350"; a bare one-digit figure such as "300" by a quarter of its unit, so it agrees
with "310", not with "250"), and an approximation of a scaled whole number, by its last
non-zero digit or by half the scale ("about 70 million" agrees with "72 million", "more
than $1 million" with "$1.1 million"; "$1 trillion" does not with "$1.2 trillion");
"hundreds" is 200 to 999. Two specifics agree when their intervals meet. Two bounds the
same way are compared as their numbers ("at least 12" and "at least 21" differ, as do
"more than 1,000" and "at least 1,800"); a bound against a value or the other way is met
by any value on its side, the bound being the number as printed ("nearly 200" does not
agree with "240"; "more than 40 km" agrees with "48 km", "up to 3 feet" with "more than
2 feet", "nearly 75" with "70", not with "80"; "as many as 250" is an upper bound).

Scores ("beat Ostwick 2-1", "98-91": the larger first) are a kind of their own, equal or
not. Ranges are one specific from the lower to the upper value ("5 to 10 mph", "between 12
and 16", "20-25 minutes", "between 12 and 15 percent"). Not counts: odds ("1 in 3"),
ratios ("five times faster than"), the emergency number 911, street numbers ("2208 Cedley
Street", "the 15000 block"), numbers glued to letters other than a unit ("3D", "the
1980s"; "40km" is a count of km), and numbers that name things (a number right after a
capitalised word, as in "Flight 17" or "Boeing 747"). Not dates: the date of a picture
("In this March 3, 2015 file photo").

Not covered: ordinals ("third", "10th": skipped), clock times (credits.py reads spans of them
only to tell two periods apart), durations in words ("a fortnight"),
relative days ("yesterday"), dates without a month name or ISO form ("5/9"), and numbers
glued to words ("the26", "G7"), which are skipped. The patterns are our own: text2num,
quantulum3 and dateparser were weighed (issue 12) and read fewer of these forms, or
read names and ordinals as quantities.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

KINDS = ("count", "money", "percent", "day", "date", "score")
ROUNDED_FROM = 100  # a round number from here up may be rounded ("43,000" for 43,350)
MAGNITUDE = 4.0  # ratio of high to low of a value that only gives a magnitude ("dozens")

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {
    "hundred": 100.0, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "k": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12, "trn": 1e12,
}  # fmt: skip
_VAGUE = {  # plural scale words: "hundreds" is 200 to 999
    "dozens": (24.0, 143.0), "scores": (40.0, 199.0), "hundreds": (200.0, 999.0),
    "thousands": (2e3, 999e3), "millions": (2e6, 999e6), "billions": (2e9, 999e9),
}  # fmt: skip
_FRACTIONS = {"½": 0.5, "¼": 0.25, "¾": 0.75, "⅓": 1 / 3, "⅔": 2 / 3}
_CURRENCY_SIGNS = {"$": "USD", "US$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY"}
_CURRENCY_WORDS = {
    "dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "pound": "GBP",
    "pounds": "GBP", "yen": "JPY", "yuan": "CNY", "rupees": "INR", "naira": "NGN",
}  # fmt: skip
_APPROXIMATE = (
    "about", "around", "some", "nearly", "almost", "approximately", "roughly", "over",
    "more than", "less than", "fewer than", "at least", "at most", "up to", "close to",
    "an estimated", "estimated", "as many as", "as much as", "upwards of", "under",
    "just over", "just under", "more then", "approx.", "circa", "c.",
)  # fmt: skip
_LOWER = frozenset(("over", "more than", "at least", "upwards of", "just over", "more then"))
_UPPER = frozenset(
    (
        "less than", "fewer than", "at most", "up to", "under", "just under", "nearly",
        "almost", "as many as", "as much as",
    )
)  # fmt: skip
_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11,
    "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
_NOT_A_NOUN = frozenset(
    "of the a an and or to in on at by for from with as than that who which were was is "
    "are be been had have has said per".split()
)


@dataclass(frozen=True, slots=True)
class Specific:
    """One checkable detail of a sentence.

    `kind` is one of KINDS. For quantities `low` and `high` bound the value (in units of
    the thing counted, the currency or percent points); for a day `low` = `high` is its
    number (Monday 0 ... Sunday 6); for a score, `low` = `high` = the first number * 1,000
    + the second; for a date, `low` = `high` = year * 10,000 + month *
    100 + day, with 0 for what the text leaves out (`parts` says which of year, month,
    day it gives). `unit` is the currency code or the noun counted, lower-case, or "".
    `text` is the value as printed, without the approximation word; `start`, `end` are
    the character offsets of the whole (the approximation word included).
    """

    kind: str
    low: float
    high: float
    unit: str
    approximate: bool
    text: str
    start: int
    end: int
    parts: tuple[bool, bool, bool] = (False, False, False)
    bound: str = ""  # "lower" ("more than", "at least"), "upper" ("up to", "nearly") or ""

    def agrees(self, other: Specific) -> bool:
        """Whether the two can be true together (they are assumed to speak of one thing)."""
        if not comparable(self, other):
            return True
        if self.kind == "date":
            return all(
                not (mine and theirs) or _date_part(self.low, k) == _date_part(other.low, k)
                for k, (mine, theirs) in enumerate(zip(self.parts, other.parts, strict=True))
            )
        if _decimals(self) != _decimals(other) and abs(_middle(self) - _middle(other)) < 1:
            return True  # "$67" is "$67.7" with its decimals dropped, "six" is "6.5" rounded
        if self.bound and self.bound == other.bound:  # "at least 12", "at least 21"
            return max(self.low, other.low) <= min(self.high, other.high)
        low, high = self._range()
        other_low, other_high = other._range()
        return max(low, other_low) <= min(high, other_high)

    @property
    def vague(self) -> bool:
        """A value that only gives a magnitude ("hundreds", "dozens"): at least MAGNITUDE
        wide."""
        return self.low > 0 and self.high >= MAGNITUDE * self.low

    def _range(self) -> tuple[float, float]:
        """What the value allows: a lower bound runs up without end, an upper one down."""
        # The bound is the number as printed, not what it rounds: "nearly 200" is below
        # 200 (not 249), so it does not agree with "240"; a magnitude keeps its span.
        spanned = self.vague or self.low <= 0
        low, high = (self.low, self.high) if spanned else ((self.low + self.high) / 2,) * 2
        if self.bound == "lower":
            return low, float("inf")
        if self.bound == "upper":
            return float("-inf"), high
        return self.low, self.high


def _decimals(s: Specific) -> bool:
    return bool(_DECIMAL.search(s.text))


def _middle(s: Specific) -> float:
    return (s.low + s.high) / 2


def comparable(a: Specific, b: Specific) -> bool:
    """Whether `a` and `b` are the same sort of detail: same kind, and the same currency
    when both name one; dates when they give a common part (a year and a month and day)."""
    if a.kind != b.kind or (a.unit == "age") != (b.unit == "age"):
        return False  # an age is compared with ages only
    if a.kind == "money" and a.unit and b.unit and a.unit != b.unit:
        return False
    if a.kind == "date":
        return any(x and y for x, y in zip(a.parts, b.parts, strict=True))
    return True


def _date_part(value: float, part: int) -> int:
    number = int(value)
    return (number // 10_000, number // 100 % 100, number % 100)[part]


# --- the patterns -------------------------------------------------------------------------

_NUMBER_WORD = "|".join(sorted([*_UNITS, *_TENS], key=len, reverse=True))
_WORD_NUMBER = rf"(?:{_NUMBER_WORD})(?:[- ](?:{_NUMBER_WORD}))?"
_WORDS = (
    rf"(?:{_WORD_NUMBER}(?:\s+(?:hundred|thousand|million|billion|trillion)"
    rf"(?:\s+(?:and\s+)?{_WORD_NUMBER})?)*)"
)
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?[½¼¾⅓⅔]?|[½¼¾⅓⅔]"
_SCALE = r"(?:\s*(?:hundred|thousand|million|billion|trillion)\b|(?:bn|mn|tn|trn|k|m|b)\b)"
_APPROX = "|".join(re.escape(a) for a in sorted(_APPROXIMATE, key=len, reverse=True))
_QUANTITY = re.compile(
    rf"(?P<approx>\b(?:{_APPROX})\s+)?"
    rf"(?P<currency>US\$|[$£€¥])?\s?"
    rf"(?:(?P<digits>(?<![\w.,/])(?<![^\W\d_]-)(?:{_DIGITS}))(?![\d,]?\d)(?!(?:st|nd|rd|th)\b)"
    rf"|(?P<dozens>\b{_WORD_NUMBER}[- ]dozen\b)"
    rf"|(?P<words>\b{_WORDS}\b)"
    rf"|(?P<one>\ban?)(?=\s+(?:hundred|thousand|million|billion|trillion)\b)"
    rf"|(?P<dozen>\ba\s+dozen\b)"
    rf"|(?P<vague>\b(?:tens\s+of\s+thousands|hundreds\s+of\s+thousands|tens\s+of\s+millions"
    rf"|hundreds\s+of\s+millions|dozens|scores|hundreds|thousands|millions|billions)\b))"
    rf"(?P<scale>{_SCALE})?"
    rf"(?P<percent>\s*(?:%|\bper\s?cent\b|\bpercent\b))?",
    re.IGNORECASE,
)
_SCALE_WORD = re.compile(r"\b(?:hundred|thousand|million|billion|trillion)\b", re.I)
_DECIMAL = re.compile(r"\d\.\d")
_LETTERS = re.compile(r"[a-z]+")
_DIGIT = re.compile(r"\d")
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")
_FRACTION_SIGNS = frozenset(_FRACTIONS)
_NUMBER_WORDS = frozenset(
    (
        *_UNITS,
        *_TENS,
        *"dozen dozens scores hundreds thousands millions billions tens hundred".split(),
        *"thousand million billion trillion".split(),
    )
)
_ANCHOR = re.compile(
    rf"[\d½¼¾⅓⅔]|\b(?:{_NUMBER_WORD}|dozens|scores|hundreds|thousands|millions|billions"
    rf"|tens|an?(?=\s+(?:dozen|hundred|thousand|million|billion|trillion)\b))\b",
    re.IGNORECASE,
)
_LEAD = re.compile(rf"(?:\b(?:{_APPROX})\s+)?(?:US\$|[$£€¥])?\s?$", re.IGNORECASE)
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DATE = re.compile(
    rf"\b(?P<iso>(?P<iy>\d{{4}})-(?P<im>\d{{2}})-(?P<id>\d{{2}}))\b"
    rf"|\b(?P<day1>\d{{1,2}})\s+(?P<month1>{_MONTH})\b(?!\.?\s+\d{{1,2}}\b)\.?"
    rf"(?:,?\s+(?P<year1>\d{{4}}))?\b"
    rf"|\b(?P<month2>{_MONTH})\b\.?(?:\s+(?P<day2>\d{{1,2}})(?!\d|,\d{{3}})(?:st|nd|rd|th)?\b)?(?:,?\s+(?P<year2>\d{{4}})\b)?",
    re.IGNORECASE,
)
_DAY = re.compile(rf"\b(?P<day>{'|'.join(_DAYS)})\b", re.IGNORECASE)
_NOUN = re.compile(r"\s*(?:of\s+)?(?:[a-z]+-)?([a-z][a-z'-]*)", re.IGNORECASE)
_RATIO_AFTER = re.compile(  # "1 in 3", not "11.2 percent in 2018"
    rf"[\s-]+(?:in|out\s+of)[\s-]+(?:(?!(?:1[89]|20)\d\d\b)\d|(?:{_NUMBER_WORD})\b)", re.I
)
_RATIO_BEFORE = re.compile(rf"(?:\d|\b(?:{_NUMBER_WORD}))[\s-]+(?:in|out\s+of)[\s-]+$", re.I)
_ADDRESS = re.compile(
    r"(?:\s+[A-Za-z]+)?\s+(?:street|st\.|avenue|ave\.|road|rd\.|boulevard|blvd|drive|lane|block)\b",
    re.I,
)
_NUMBER_GROUPS = ("digits", "dozens", "words", "one", "dozen", "vague")
_AMBIGUOUS_MONTHS = {"may", "march", "mar", "jan", "jun", "dec", "sep", "oct", "nov", "aug"}


@lru_cache(maxsize=65_536)
def specifics(text: str) -> tuple[Specific, ...]:
    """The specifics of `text`, in the order they appear (dates before the numbers in them)."""
    found: list[Specific] = []
    taken: list[tuple[int, int]] = []
    lowered = text.lower()
    tokens = set(_LETTERS.findall(lowered))
    digits = _DIGIT.search(text) is not None
    if (digits and not tokens.isdisjoint(_MONTHS)) or _ISO.search(text):  # cheap tests first
        for match in _DATE.finditer(text):
            date = _read_date(match)
            if date is not None:
                taken.append((match.start(), match.end()))
                if not _PHOTO.match(text, match.end()):  # "a March 3, 2015 file photo":
                    found.append(date)  # when a picture was taken, not the news
    if "day" in lowered and not tokens.isdisjoint(_DAYS):
        for match in _DAY.finditer(text):
            number = _DAYS.index(match.group("day").lower())
            found.append(Specific("day", number, number, "", False, match.group(), *match.span()))
    if not (digits or tokens & _NUMBER_WORDS or _FRACTION_SIGNS.intersection(text)):
        return tuple(found)
    for match in _quantities(text):
        start = match.start("approx") if match.group("approx") else match.start()
        start += len(text[start : match.end()]) - len(text[start : match.end()].lstrip())
        if any(s < match.end() and match.start() < e for s, e in taken):
            continue
        quantity = _read_quantity(text, match, start)
        if quantity is not None:
            found.append(quantity)
    return tuple(_ranges(text, sorted(found, key=lambda s: (s.start, s.end))))


_RANGE_JOIN = re.compile(r"\s*(?:-|–|to|and|or)\s*$", re.I)
_RANGE_OPEN = re.compile(r"\b(?:between|from)\s+$", re.I)


def _ranges(text: str, found: list[Specific]) -> list[Specific]:
    """Two quantities of one kind joined as a range ("5 to 10 mph", "between 12 and 16",
    "20-25 minutes") become one specific covering both ("and" only after "between")."""
    merged: list[Specific] = []
    for specific in found:
        last = merged[-1] if merged else None
        if (
            last is not None
            and specific.kind in ("count", "money", "percent")
            and (last.kind == specific.kind or (last.kind == "count" and not last.unit))
            and (joint := _RANGE_JOIN.fullmatch(text, last.end, specific.start)) is not None
            and (
                not re.search(r"\b(?:and|or)\b", joint.group(), re.I)
                or _RANGE_OPEN.search(text, 0, last.start) is not None
            )
        ):
            unit = specific.unit or (last.unit if last.kind == specific.kind else "")
            low = last.low
            scale = _SCALE_WORD.search(specific.text)
            if scale and not _SCALE_WORD.search(last.text):  # "2 to 3 million": 2 million
                low = min(low * _SCALES[scale.group().lower()], specific.low)
            merged[-1] = Specific(
                specific.kind, min(low, specific.low), max(last.high, specific.high), unit,
                True, text[last.end - len(last.text) : specific.end], last.start, specific.end,
            )  # fmt: skip
        else:
            merged.append(specific)
    return merged


def _quantities(text: str) -> Iterator[re.Match[str]]:
    """`_QUANTITY`'s matches, found fast: the full pattern (whose optional opening words
    defeat the regex engine's scan) is tried only where a number or number word starts,
    from the approximation word or currency sign right before it."""
    done = 0
    for anchor in _ANCHOR.finditer(text):
        at = anchor.start()
        if at < done:
            continue
        lead = _LEAD.search(text, max(done, at - 40), at)
        for start in ((lead.start(),) if lead else ()) + (at,):
            match = _QUANTITY.match(text, start)
            if match and match.end() > at:
                yield match
                done = match.end()
                break


def _read_date(match: re.Match[str]) -> Specific | None:
    g = match.groupdict()
    if g["iso"]:
        year, month, day = int(g["iy"]), int(g["im"]), int(g["id"])
    elif g["month1"]:
        year, month, day = int(g["year1"] or 0), _MONTHS[g["month1"].lower()], int(g["day1"])
    else:
        word = g["month2"]
        day, year = int(g["day2"] or 0), int(g["year2"] or 0)
        if not (day or year):  # a month alone: only when capitalised and unambiguous
            if word.lower() in _AMBIGUOUS_MONTHS or not word[0].isupper() or len(word) < 4:
                return None
        elif word.lower() in _AMBIGUOUS_MONTHS and not word[0].isupper():
            return None  # "may 5" is more likely a verb than a month
        month = _MONTHS[word.lower()]
    if not (1 <= month <= 12 or month == 0) or not 0 <= day <= 31:
        return None
    value = year * 10_000 + month * 100 + day
    start, end = match.span()
    return Specific(
        "date", value, value, "", False, match.string[start:end], start, end,
        (bool(year), bool(month), bool(day)),
    )  # fmt: skip


def _read_quantity(text: str, match: re.Match[str], start: int) -> Specific | None:
    g = match.groupdict()
    approximate = bool(g["approx"])
    scale_word = (g["scale"] or "").strip().lower()
    if g["digits"]:
        raw = g["digits"]
        score = _SCORE.match(text, match.start("digits"))
        if score and int(score.group(1)) > int(score.group(2)) and not g["currency"]:
            value = int(score.group(1)) * 1000 + int(score.group(2))
            return Specific("score", value, value, "", False, score.group(), *score.span())
        if _names_something(text, match.start("digits")) or raw == "911":
            return None
        if _ADDRESS.match(text, match.end()):
            return None  # "2208 Cedley Street", "the 15000 block"
        glued = _GLUED.match(text, match.end("digits"))
        if glued and not g["scale"] and glued.group().lower() not in _GLUED_UNITS:
            return None  # "3D", "1980s": not a quantity
        if _is_year(raw, g) and _PHOTO.match(text, match.end("digits")):
            return None  # "3, 2015 file photo": when a picture was taken
        if _PHOTO_DAY.match(text, match.end("digits")):
            return None  # the day of "3, 2015 file photo" after a split "March"
        if _is_year(raw, g):
            year = int(raw) * 10_000
            return Specific(
                "date", year, year, "", False, raw, match.start("digits"),
                match.end("digits"), (True, False, False),
            )  # fmt: skip
        low, high = _digits(raw, approximate=approximate, scaled=bool(scale_word))
    elif g["words"]:
        if g["words"].lower() == "one" and not scale_word and not g["percent"]:
            return None  # "one of them", "no one": rarely a count
        words_value = _words_value(g["words"])
        if words_value is None:
            return None
        low = high = words_value
        if approximate:
            low, high = _widen(words_value)
    elif g["dozens"]:
        dozens = _words_value(re.split(r"[- ]dozen", g["dozens"], flags=re.I)[0])
        if dozens is None:
            return None
        low = high = dozens * 12
        if approximate:  # "nearly two dozen": give or take a few
            low, high = low - 3, high + 3
    elif g["one"]:
        low = high = 1.0
    elif g["dozen"]:
        low = high = 12.0
    else:
        vague = " ".join(g["vague"].lower().split())
        if vague.startswith(("tens of", "hundreds of")):
            base = _SCALES[vague.split()[-1].rstrip("s")]
            low, high = (10 * base, 99 * base) if vague.startswith("tens") else (
                100 * base, 999 * base)  # fmt: skip
        else:
            low, high = _VAGUE[vague]
        approximate = True
    if scale_word:
        if scale_word in ("m", "b", "k") and not g["currency"]:
            return None  # "5m" is five metres, "5k" a race
        factor = _SCALES[scale_word]
        low, high = low * factor, high * factor
    end = match.end()
    first = min(match.start(k) for k in _NUMBER_GROUPS if g[k])
    if _RATIO_AFTER.match(text, end) or _RATIO_BEFORE.search(text, 0, first):
        return None  # "1 in 3", "two-in-three": odds, not a count
    currency = _CURRENCY_SIGNS.get(g["currency"] or "", "")
    unit, noun_end = _noun(text, end)
    if unit in ("am", "pm") and not currency:
        return None  # "about 4pm": a time of day, not a count
    if unit == "times" and _COMPARED.match(text, noun_end):
        return None  # "five times faster than": a ratio to something else
    if unit and _AGO.match(text, noun_end):
        unit += " ago"  # "four years ago": when, not how many
    if _is_age(text, first, end):
        unit = "age"
        aged = _AGE_AFTER.match(text, end)
        end = aged.end() if aged else end
    if g["percent"]:
        kind, unit = "percent", ""
    elif currency or unit in _CURRENCY_WORDS:
        kind = "money"
        if not currency:
            currency, end = _CURRENCY_WORDS[unit], noun_end
        unit = currency
    else:
        kind = "count"
    number = match.end("approx") if g["approx"] else match.start()
    word = " ".join((g["approx"] or "").lower().split())
    bound = "lower" if word in _LOWER else "upper" if word in _UPPER else ""
    return Specific(
        kind, low, high, unit, approximate, text[number:end].strip(), start, end, bound=bound
    )


_GLUED = re.compile(r"[^\W\d_]+")
_GLUED_UNITS = frozenset("km kg cm mm mph kph ft lb lbs ml am pm".split())
_COMPARED = re.compile(  # "five times faster than", "50 times more likely": a ratio
    r"\s+(?:more|less|fewer|higher|lower|greater|larger|bigger|smaller|as|the)\b"
    r"|\s+\w+er\s+than\b",
    re.I,
)
_SCORE = re.compile(r"(\d{1,3})[-–](\d{1,3})\b(?![-–]\d)")  # "won 3-1": the winner's first
_PHOTO_DAY = re.compile(r",\s*(?:19|20)\d\d,?\s+(?:file\s+)?(?:photo|picture|image)\b", re.I)
_PHOTO = re.compile(r",?\s+(?:file\s+)?(?:photo|picture|image)\b", re.I)

_AGE_AFTER = re.compile(r"(?:-|\s)years?(?:-|\s)old\b", re.I)
_AGO = re.compile(r"\s+(?:ago|earlier|later|before)\b", re.I)
_AGE_BEFORE = re.compile(r"\b(?:aged?|age of)\s+$", re.I)
_AGE_APPOSITION = re.compile(r"[A-Z][\w'’.-]*,\s*$")


def _is_age(text: str, start: int, end: int) -> bool:
    """ "82-year-old", "aged 82", "age of 82", and "Varga, 82," (a name, then the age
    between commas)."""
    if _AGE_AFTER.match(text, end) or _AGE_BEFORE.search(text, 0, start):
        return True
    return text[end : end + 1] == "," and bool(_AGE_APPOSITION.search(text, 0, start))


def _names_something(text: str, at: int) -> bool:
    """A number right after a capitalised word that does not open the sentence ("Flight
    17", "Boeing 747"), after "No." or "#", or inside a time or a score ("10:30", or
    "3-1": the first number larger)."""
    before = text[:at].rstrip()
    if before.endswith(("No.", "#", "no.", ":")) or text[at : at + 3].count(":"):
        return True
    number = re.match(r"\d+", text[at:])
    first = re.search(r"(\d+)-$", text[:at])
    score = re.match(r"(\d+)-(\d+)", text[at:]) or (
        first and number and re.match(r"(\d+)-(\d+)", first.group() + number.group())
    )
    if score and int(score.group(1)) > int(score.group(2)):
        return True  # "won 3-1"; "20-25 minutes" is a range
    word = re.search(r"([A-Za-z]+)\.?$", before)
    if not word or not word.group(1)[0].isupper():
        return False
    if word.group(1).lower() in _MONTHS or word.group(1).upper() in ("US", "U.S"):
        return False
    opening = re.search(r"(?:^|[.!?][\"'”’)]*\s+)[\"'“‘(]*$", before[: word.start()])
    return opening is None


def _is_year(raw: str, g: dict[str, str | None]) -> bool:
    """A four-digit number from 1900 to 2099, with no currency, scale or percent sign."""
    return not (g["currency"] or g["scale"] or g["percent"]) and bool(
        re.fullmatch(r"(?:19|20)\d\d", raw)
    )


def _digits(raw: str, *, approximate: bool, scaled: bool) -> tuple[float, float]:
    fraction = _FRACTIONS.get(raw[-1], 0.0)
    digits = raw.rstrip("".join(_FRACTIONS)).replace(",", "")
    value = (float(digits) if digits else 0.0) + fraction
    if "." in digits:  # a decimal stands for what rounds to it
        half = 0.49 * 10 ** -len(digits.split(".")[1])
        return value - half, value + half
    if (approximate or value >= ROUNDED_FROM) and not scaled and not fraction:
        # "about 3,000", "43,000": rounded; a bare one-digit figure ("300") by less, as
        # it was chosen over "250" or "350"
        one_digit = not approximate and len(digits.rstrip("0")) < 2
        return _widen(value, 0.24 if one_digit else 0.49)
    if approximate and scaled and not fraction:  # "more than $1 million", "about 70 million"
        low, high = _widen(value)
        return (value - 0.49, value + 0.49) if low == high else (low, high)
    return value, value


def _widen(value: float, share: float = 0.49) -> tuple[float, float]:
    """An approximate round number: give or take `share` (half, by default) of the unit of
    its last non-zero digit."""
    if value <= 0 or value % 10:
        return value, value
    unit = 1.0
    while value % (unit * 10) == 0:
        unit *= 10
    return value - share * unit, value + share * unit


def _words_value(phrase: str) -> float | None:
    total, current = 0.0, 0.0
    for word in re.split(r"[\s-]+", phrase.lower()):
        if word == "and":
            continue
        if word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in _SCALES:
            total += (current or 1) * _SCALES[word]
            current = 0.0
        else:
            return None
    return total + current


def _noun(text: str, at: int) -> tuple[str, int]:
    """The word after a number, skipping "of" and a hyphenated adjective: what it counts."""
    found = _NOUN.match(text, at)
    if not found:
        return "", at
    word = found.group(1).lower()
    if word in _NOT_A_NOUN:
        return "", at
    return word, found.end()
