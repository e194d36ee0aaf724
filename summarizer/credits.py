"""Faithful credits: an outlet is credited only with what it reported, and where outlets
differ the briefing says so.

Two stages, after `select`, over the story's candidate sentences and their specifics
(`specifics.py`):

- **Credits.** In each item's cluster, the specifics of every other article's sentence
  are aligned with the representative's (`align`: counts of one noun, values after the
  same word, values that agree, then the words around them). An article whose sentence
  gives a value that cannot be true with the representative's, or a sum in another
  currency, or a measure in another unit, or that leaves out a count, sum or percentage
  the representative gives, is not credited: it did not print that figure. Values in one
  sentence told with other figures (the same content words once the figures are set
  aside) are one thing. When the two values are the same thing (`same_thing`: "21
  people" against "12 people") its outlet is listed as disputing the item, with its
  value; as an earlier figure when published before every credited version (an outlet's
  own earlier article included), and when some were published after every credited
  version, the latest of them leads the item instead (`Claim.when`; with a time unknown
  on either side, it is a dispute). Times are compared in UTC; a date without a time
  only by its day (`_before`).
- **Disagreements.** Across the whole story, two specifics of different outlets'
  sentences (TF-IDF cosine at least `SAME_SENTENCE`) are one thing when `same_thing`
  says so. Each is paired, per article, with its best such match only when that
  match's best is it in return, so "26 countries pledged" pairs with another outlet's
  "26 countries pledged", not with its "a group of 35 countries" as well. Paired
  specifics (and those aligned within items' clusters) are joined into groups; the
  versions of a group are its values as numbers ("at least two" is one version,
  "three" another), and a group is a disagreement when two versions cannot both be
  true, two outlets give them, and no article gives two of them (it would be telling
  two places or times). Each sentence is shown verbatim with the outlets that printed
  it; when every version carries a publication time and each two are one before the
  other (`_before`), it is an update, told from the earliest to the latest.

What is one thing (`same_thing`). Alike enough: sentences at least `ALIKE_SENTENCE` alike
sharing a word around the two values; `CLOSE_SENTENCE` alike sharing `SAME_CONTEXT`; two
counts of one noun followed by the same word ("nations pledged", "countries had
pledged"); close counts of one noun that is not a unit of measure in sentences
`RELATED_SENTENCE` alike ("nine cars were towed", "finding eleven cars"), or
`TOLL_SENTENCE` alike when both tell one outcome ("killed", "dead"); and the one value two
`CLOSE_SENTENCE`-alike sentences differ on when every other value of its sort agrees
("Ames 24 percent, Cole 15 percent" against "Cole 15 percent, Ames 29 percent").
Never one thing, whatever the likeness:
- a value the other sentence also gives elsewhere, of the same noun (`_echoed`);
- values more than `SCALE_SLIP` times apart (a slipped zero, exactly that, is one fact),
  a number that far outside a magnitude word's span, or two magnitude words
  ("millions", "hundreds of thousands": `_beyond`); values more than `FAR_APART` apart
  not told in nearly the same words (`_told_alike`), a slipped zero in a unit of
  measure included ("12 miles to the north", "120 miles north of the capital");
- sentences set at different times: a date one gives that contradicts every date of
  the other, a span of clock time only one gives or the two give differently ("between
  midnight and 4 a.m."), or, below `RELATED_SENTENCE`, a date in only one (`_set_apart`);
- different outcomes ("wounded", "killed", "shot": `OUTCOMES`);
- a total against the parts that add up to it within `SUM_SLACK` (`_total`), and two
  lists of values of one sort with nothing in common (`_unanchored`);
- counts of different nouns, unless one names the other ("34 supporters", "35 countries
  that support") or, in alike sentences, the same word leads both ("signed by the 31
  members", "signed by all 31 senators"); a unit of measure and anything but itself
  (`MEASURES`); a bare number and a count of a noun; "other" ones and all; two bare
  numbers after different words; days and dates in sentences less than `SAME_DAY` alike,
  unless `ALIKE_SENTENCE` alike and telling one outcome ("died Tuesday", "died
  Wednesday").

The thresholds and rules come from issue 12's example, the seeds, and
`benchmarks/disagreements.py` on `../shared/data`: planted changes are found at 1.000 on
DUC 2003 and 0.929 on BASIL with no wrong credit, and of the 43 disagreements that
`python benchmarks/disagreements.py --list basil,multinews-dev:6000,duc2003,multiling2011`
reports, 36 (84%) are real on review (`benchmarks/disagreements/`; issue 12 asks 80%).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from typing import Literal

import numpy as np

from .languages import stopwords
from .lexicon import Lexicon, content_terms, stem_words
from .model import Article, Briefing, Claim, Digest, Disagreement, Item, Sentence, published_time
from .specifics import KINDS, Specific, comparable, specifics

SAME_SENTENCE = 0.1  # cosine at which two sentences may state the same thing
RELATED_SENTENCE = 0.3  # cosine at which close counts of one noun are one thing
TOLL_SENTENCE = 0.1  # the same, when both tell one outcome ("killed", "dead")
CLOSE_SENTENCE = 0.4  # cosine at which two words in common around two specifics pair them
ALIKE_SENTENCE = 0.5  # cosine at which one specific of a kind each is enough to pair them
SAME_DAY = 0.7  # cosine at which two sentences' days or dates may be one event's
SAME_CONTEXT = 2  # shared stems around two specifics (the noun counted counts twice)
WINDOW = 5  # words on each side of a specific that say what it is about
NEAR_AFTER = 6  # words after a count that say what it counts
ABOUT_WORDS = 6  # words in a disagreement's `about`
FAR_APART = 1.5  # ratio of two values beyond which they are told alike or are two facts
TOLD_ALIKE = 0.5  # share of the words around two far-apart values that must be the same
SUM_SLACK = 0.05  # share by which a total may miss the sum of its parts (rounding)
SCALE_SLIP = 10.0  # ratio of a zero dropped or added ("3,000", "30,000"): one fact
# Nouns that news counts interchangeably ("26 countries", "26 nations", "26 states").
SAME_NOUN = {"nations": "countries", "states": "countries", "nation": "country", "state": "country"}

# Units of measure: a count of one is never a count of anything else ("300 metres" and
# "thousands of climbers").
MEASURES = frozenset(
    """foot feet ft inch inches yard yards mile miles km kilometre kilometres kilometer
    kilometers metre metres meter meters pound pounds lb lbs kg kilogram kilograms ton tons
    tonne tonnes acre acres hectare hectares degree degrees mph gallon gallons litre litres
    liter liters barrel barrels point points second seconds minute minutes hour hours day
    days week weeks month months year years decade decades century centuries times square cubic
    sq""".split()
)

# What happened to the people counted, in stems: a count told with one of these is not
# one told with another ("wounded" and "killed").
OUTCOMES = (
    frozenset(("kill", "dead", "die", "death", "fatal", "slain", "murder", "bodi")),
    frozenset(("injur", "wound", "hurt", "hospit", "treat")),
    frozenset(("shot", "strike", "struck", "gunshot")),
    frozenset(("arrest", "detain", "custodi")),
    frozenset(("miss",)),
    frozenset(("rescu", "surviv")),
)
_CLOCK = r"(?:\d{1,2}(?:[:.]\s?\d\d)?\s*(?:a\.?m\b\.?|p\.?m\b\.?)|midnight|noon)"
_PERIOD = re.compile(
    rf"\b(?:between|from)\s+({_CLOCK})(?:\s+\w+day)?\s+(?:and|to|until)\s+({_CLOCK})", re.I
)


def _periods(text: str) -> frozenset[tuple[str, str]]:
    """The spans of clock time a sentence counts over ("between midnight and 4 a.m.")."""
    return frozenset(
        tuple(re.sub(r"[\s.:]", "", part.lower()) for part in m.groups())  # type: ignore[misc]
        for m in _PERIOD.finditer(text)
    )


_WORD = re.compile(r"[^\W_][\w'’-]*")

ClaimKey = tuple[int, int]  # (sentence index, specific index)


@lru_cache(maxsize=4096)
def _unit_stems(unit: str, language: str) -> tuple[str, ...]:
    return content_terms(unit, language) if unit else ()


@lru_cache(maxsize=4096)
def _noun_stems(unit: str, language: str) -> tuple[str, ...]:
    """The stems of the noun a count counts, read through SAME_NOUN."""
    return _unit_stems(SAME_NOUN.get(unit, unit), language)


@lru_cache(maxsize=65_536)
def _tokens(
    text: str, language: str
) -> tuple[tuple[int, ...], tuple[int, ...], tuple[str | None, ...]]:
    """The words of a sentence: their starts, their ends, and their stems (None for
    stopwords and bare numbers), stemmed in one call and kept per process."""
    found = list(_WORD.finditer(text))
    stop = stopwords(language)
    lowered = [m.group().lower().replace("’", "'") for m in found]
    content = [w for w in lowered if w not in stop and not w[0].isdigit()]
    stems = iter(stem_words(content, language))
    return (
        tuple(m.start() for m in found),
        tuple(m.end() for m in found),
        tuple(None if w in stop or w[0].isdigit() else next(stems) for w in lowered),
    )


_KIND_BITS = {
    (kind, age): 1 << (2 * n + age) for n, kind in enumerate(KINDS) for age in (False, True)
}


def disagreements(briefing: Briefing | Digest) -> tuple[Disagreement, ...]:
    """Where the outlets differ: each `Disagreement` names what differs (`about`), its
    `kind` ("differ", or "updated" with the versions earliest first) and every version
    (`claims`) verbatim with its outlets; empty when they agree throughout.

    `briefing` is a `Briefing` (from `summarize`: its story's disagreements) or a `Digest`
    (from `brief`: every story's, story by story in the digest's order). Anything else
    is a `TypeError`.
    """
    if isinstance(briefing, Briefing):
        return briefing.disagreements
    if isinstance(briefing, Digest):
        return tuple(d for story in briefing.stories for d in story.disagreements)
    raise TypeError(
        "disagreements() takes a Briefing (from summarize) or a Digest (from brief), "
        f"not {type(briefing).__name__}"
    )


def check(
    sentences: Sequence[Sentence],
    labels: Sequence[int],
    lexicon: Lexicon,
    items: Sequence[Item],
    articles: Sequence[Article],
    language: str,
) -> tuple[tuple[Item, ...], tuple[Disagreement, ...]]:
    """The items credited only to the outlets that agree with them (the others listed as
    disputing), and the story's disagreements, in order of first appearance.

    `sentences`, `labels` and `lexicon` are the candidates, their clusters and their terms
    as the pipeline computed them; `articles` give the publication times.
    """
    finder = _Finder(sentences, lexicon, articles, language)
    checked = tuple(finder.credit(item, labels) for item in items)
    return checked, finder.disagreements()


def _apart(x: Specific, y: Specific) -> bool:
    """Whether two quantities are far apart: more than `FAR_APART` times one another, and
    not a zero dropped or added (`SCALE_SLIP`). News that differs on one fact mostly
    differs by a little (a toll updated, a figure rounded or misread); numbers further
    apart are mostly two facts that count one noun. Days and dates are never apart, nor
    is a magnitude ("hundreds of nations", `Specific.vague`) from a number: it says how
    many, and says it wrong when another outlet's count is outside it."""
    if x.kind not in ("count", "money", "percent") or x.vague or y.vague:
        return False
    low, high = max(x.low, y.low), min(x.high, y.high)
    if low <= high:
        return False
    if high <= 0:
        return True
    measured = x.unit in MEASURES or y.unit in MEASURES  # "12 miles to the north" and
    return low / high > FAR_APART and not (_slip(x, y) and not measured)  # "120 miles north"


def _middles(x: Specific, y: Specific) -> tuple[float, float]:
    """The middles of two values, the smaller first."""
    low, high = sorted(((x.low + x.high) / 2, (y.low + y.high) / 2))
    return low, high


def _slip(x: Specific, y: Specific) -> bool:
    """Whether two values are a zero dropped or added apart: exactly SCALE_SLIP times."""
    low, high = _middles(x, y)
    return low > 0 and math.isclose(high / low, SCALE_SLIP)


def _beyond(x: Specific, y: Specific) -> bool:
    """Whether two quantities are too far apart to be one fact told two ways: more than
    SCALE_SLIP times one another (a slipped zero, exactly SCALE_SLIP, is one fact), a
    number that far outside a magnitude word's span ("9 million" against "hundreds"),
    or two magnitude words ("millions" against "hundreds of thousands"), which say
    too little to contradict each other."""
    if x.kind not in ("count", "money", "percent"):
        return False
    if x.vague and y.vague:
        return True
    low, high = max(x.low, y.low), min(x.high, y.high)
    small, large = _middles(x, y)
    if low <= high or high <= 0 or small <= 0 or _slip(x, y):
        return False
    if x.vague or y.vague:  # how far outside the magnitude's span
        return low / high > SCALE_SLIP
    return large / small > SCALE_SLIP  # "about $300 million", "$3.5 billion"


def _unit_clash(x: Specific, z: Specific, language: str) -> bool:
    """Two counts, one of a unit of measure, of different nouns ("acres", "hectares")."""
    return (
        x.kind == z.kind == "count"
        and (x.unit in MEASURES or z.unit in MEASURES)
        and _noun_stems(x.unit, language) != _noun_stems(z.unit, language)
    )


def _noun(x: Specific) -> str:
    return SAME_NOUN.get(x.unit, x.unit)


def _same_sort(x: Specific, z: Specific) -> bool:
    """Two specifics of one sort: comparable, and counts of the same noun (or both bare)."""
    return comparable(x, z) and (x.kind != "count" or _noun(x) == _noun(z))


def _as_numbers(x: Specific, z: Specific) -> bool:
    """Whether two specifics agree with their bounds read as the numbers they give
    ("nearly 1.5 million" does not agree so with "40")."""
    return comparable(x, z) and replace(x, bound="").agrees(replace(z, bound=""))


def _echo(x: Specific, z: Specific) -> bool:
    """Whether z agrees with x as another mention of the same value: the same sort, and
    their values meet with bounds read as the numbers they give; or two counts of the
    very same value ("two men in masks" and "three men, two in masks")."""
    if x.kind == z.kind == "count" and (x.low, x.high) == (z.low, z.high):
        return (x.unit == "age") == (z.unit == "age")
    return _same_sort(x, z) and _as_numbers(x, z)


Moment = tuple[dt.datetime, bool]
"""When an article was published: UTC, and whether a time of day is known (`published_time`)."""


def _time_of(article: Article | None) -> Moment | None:
    return published_time(article.published) if article is not None else None


def _before(a: Moment, b: Moment) -> bool:
    """Whether `a` was published before `b`: by the clock when both give a time of day,
    else only by the (UTC) day, as a date alone says nothing of the hour."""
    if a[1] and b[1]:
        return a[0] < b[0]
    return a[0].date() < b[0].date()


def _later(times: Sequence[Moment | None], than: Sequence[Moment | None]) -> bool:
    """Whether every one of `times` is known and after every one of `than` (all known)."""
    known = [t for t in times if t is not None]
    before = [t for t in than if t is not None]
    if not known or not before or len(known) < len(times) or len(before) < len(than):
        return False
    return all(_before(b, a) for a in known for b in before)


def _ordered(times: Sequence[Moment | None]) -> bool:
    """Whether every one of `times` is known and each two are one before the other."""
    known = [t for t in times if t is not None]
    return len(known) == len(times) and all(
        _before(a, b) or _before(b, a) for n, a in enumerate(known) for b in known[n + 1 :]
    )


def _same_number(x: Specific, z: Specific) -> bool:
    """Two counts of one number, one of them bare ("13-year-old Doris and Valerie, 12"
    gives 12 as Valerie's age)."""
    bare = "" in (x.unit, z.unit)
    return x.kind == z.kind == "count" and bare and (x.low, x.high) == (z.low, z.high)


class _Finder:
    def __init__(
        self,
        sentences: Sequence[Sentence],
        lexicon: Lexicon,
        articles: Sequence[Article],
        language: str,
    ) -> None:
        self.sentences = sentences
        self.lexicon = lexicon
        self.language = language
        self.articles = {a.id: a for a in articles}
        self.article_order = {a.id: i for i, a in enumerate(articles)}
        self.found = [specifics(s.text) for s in sentences]
        self.contexts: dict[ClaimKey, frozenset[str]] = {}
        self.nears: dict[ClaimKey, tuple[str, ...]] = {}
        self.edges: list[tuple[ClaimKey, ClaimKey]] = []

    # --- credits --------------------------------------------------------------------

    def credit(self, item: Item, labels: Sequence[int], *, led: bool = False) -> Item:
        """The item credited only to the outlets whose sentence agrees with it; when
        outlets published a later figure for it, the item is led by the latest version
        and the earlier ones are its earlier figures (`led`: it is already)."""
        head = next(
            (
                i
                for i, s in enumerate(self.sentences)
                if s.article_id == item.article_id and s.position == item.position
            ),
            None,
        )
        if head is None or not self.found[head]:
            return item
        disputing: dict[str, list[tuple[str, int]]] = {}  # value -> [(article id, sentence)]
        silent: set[str] = set()  # articles whose sentence gives other figures: not credited
        similarity = self.lexicon.similarity()
        for other in range(len(self.sentences)):
            if labels[other] != labels[head] or other == head:
                continue
            cosine = float(similarity[head, other])
            article = self.sentences[other].article_id
            # In one cluster, values that agree are one fact; values that differ are
            # disputed when they are the same thing by the story-wide test too, and
            # otherwise the sentence says something else: its outlet is not credited.
            for x, y in self.align(head, other, fallback=True):
                mine, theirs = self.found[head][x], self.found[other][y]
                same = self.same_thing((head, x), (other, y), cosine)
                if _as_numbers(mine, theirs) or same:
                    self.edges.append(((head, x), (other, y)))
                clash = _unit_clash(mine, theirs, self.language)
                if mine.agrees(theirs) and not clash:
                    continue
                if same and not clash:
                    disputing.setdefault(theirs.text, []).append((article, other))
                else:
                    silent.add(article)
                break
            else:
                if self._other_sort(head, other) or self._omits(head, other):
                    silent.add(article)
        if not disputing and not silent:
            return item
        out = silent | {article for found in disputing.values() for article, _ in found}
        kept = tuple(a for a in item.article_ids if a not in out)
        sources = tuple(dict.fromkeys(self.articles[a].source for a in kept if a in self.articles))
        if not sources:  # only the representative's own article can never dispute itself
            return item
        credited = [_time_of(self.articles[a]) for a in kept if a in self.articles]
        claims = []
        order: list[dt.datetime | None] = []
        for value, found in disputing.items():
            times = [_time_of(self.articles[a]) for a, _ in found if a in self.articles]
            # after every credited version, before every one, or neither
            when: Literal["", "earlier", "later"] = (
                "later" if _later(times, credited) else "earlier" if _later(credited, times) else ""
            )
            outlets = tuple(dict.fromkeys(self.sentences[i].source for _, i in found))
            if not when:  # an outlet credited with the figure elsewhere does not dispute it
                outlets = tuple(o for o in outlets if o not in sources)
            if outlets:
                first = found[0][1]
                claims.append(
                    Claim(value, self.sentences[first].text, outlets, self._published(found), when)
                )
                order.append(min((t[0] for t in times if t is not None), default=None))
        # Versions in the order they were published (unknown times last, as given).
        ranked = sorted(range(len(claims)), key=lambda n: (order[n] is None, order[n] or 0, n))
        claims = [claims[n] for n in ranked]
        later = [pair for value, found in disputing.items() for pair in found]
        if not led and any(c.when == "later" for c in claims):
            latest = max(later, key=lambda pair: self._moment(pair[0]))[1]
            lead = self.sentences[latest]
            return self.credit(
                replace(item, text=lead.text, article_id=lead.article_id, position=lead.position),
                labels,
                led=True,
            )
        return replace(item, sources=sources, article_ids=kept, disputes=tuple(claims))

    def _moment(self, article_id: str) -> tuple[dt.datetime, int]:
        """When an article was published (unknown first), then its place in the input."""
        article = self.articles.get(article_id)
        published = article.published_at if article is not None else None
        earliest = dt.datetime.min.replace(tzinfo=dt.UTC)  # `published_at` is in UTC
        return (published or earliest, -self.article_order.get(article_id, 0))

    def _omits(self, head: int, other: int) -> bool:
        """Whether the other sentence leaves out a figure the representative gives (a
        count, a sum or a percentage with nothing of its kind to agree with it): its
        outlet did not print that figure ("killed 52 people, including 9 children"
        against "killed 52 people")."""
        theirs = self.found[other]
        return any(
            x.kind in ("count", "money", "percent")
            and not any(comparable(x, z) and x.agrees(z) for z in theirs)
            for x in self.found[head]
        )

    def _other_sort(self, head: int, other: int) -> bool:
        """Whether the other sentence gives a sum in another currency, or a measure in
        another unit, where the representative gives one and it gives none of that sort
        ("EUR 5 million" against "$5.4 million", "12,000 acres" against "12,000
        hectares"): another figure, as printed."""
        for x in self.found[head]:
            if x.kind == "money" and x.unit:
                sums = [z for z in self.found[other] if z.kind == "money" and z.unit]
                if sums and all(z.unit != x.unit for z in sums):
                    return True
            if x.kind == "count" and x.unit in MEASURES:
                measures = [
                    z for z in self.found[other] if z.kind == "count" and z.unit in MEASURES
                ]
                if measures and all(_unit_clash(x, z, self.language) for z in measures):
                    return True
        return False

    def _published(self, found: list[tuple[str, int]]) -> str:
        dated = [self.articles[a] for a, _ in found if a in self.articles]
        dated = [a for a in dated if a.published_at is not None]
        if not dated:
            return ""
        return min(dated, key=lambda a: (a.published_at, self.article_order[a.id])).published

    # --- alignment ------------------------------------------------------------------

    def context(self, key: ClaimKey) -> frozenset[str]:
        """Stems within WINDOW words of a specific, and its noun counted (marked "#")."""
        if key not in self.contexts:
            before, after = self._around(key)
            terms = {t for t in (*before[-WINDOW:], *after[:WINDOW]) if t}
            specific = self.found[key[0]][key[1]]
            if specific.unit and specific.kind == "count":
                terms.update(f"#{t}" for t in _noun_stems(specific.unit, self.language))
            self.contexts[key] = frozenset(terms)
        return self.contexts[key]

    def near(self, key: ClaimKey) -> tuple[str, ...]:
        """Stems of the NEAR_AFTER words after a count, in order, the noun it counts first
        (read through SAME_NOUN): what the number is a number of, and what it did."""
        if key not in self.nears:
            specific = self.found[key[0]][key[1]]
            unit = _unit_stems(specific.unit, self.language)
            after = [t for t in self._around(key)[1][:NEAR_AFTER] if t and t not in unit]
            noun = _noun_stems(specific.unit, self.language)
            self.nears[key] = tuple(dict.fromkeys([*noun, *after]))
        return self.nears[key]

    def _around(self, key: ClaimKey) -> tuple[tuple[str | None, ...], tuple[str | None, ...]]:
        """The stems of the words before and after a specific (None for stopwords)."""
        sentence, index = key
        starts, ends, stems = _tokens(self.sentences[sentence].text, self.language)
        specific = self.found[sentence][index]
        return (
            stems[: bisect_right(ends, specific.start)],
            stems[bisect_left(starts, specific.end) :],
        )

    def same_thing(self, a: ClaimKey, b: ClaimKey, cosine: float) -> bool:
        """Whether two aligned specifics of different outlets' sentences, `cosine` alike,
        state the same thing: in alike sentences (`ALIKE_SENTENCE`), when they share a
        word within `WINDOW` (the noun counted included); in close ones
        (`CLOSE_SENTENCE`), two such words; in less alike
        ones, two counts of one noun (each one's noun is the other's, or among the
        words after it) followed by the same word ("nations pledged", "countries had
        pledged"; "supporters of Ukraine", "countries that support Ukraine"), the
        words after both sharing at least `SAME_CONTEXT` stems. Never two counts of
        different nouns in sentences less than alike, days, dates or times back ("four
        years ago") outside alike
        sentences with `SAME_CONTEXT` words in common, or a value the other sentence
        also gives elsewhere (`_echoed`); never a bare number and a count of a noun,
        "other" ones and all,
        two bare numbers after different words (`_same_lead`), values far apart
        (`_apart`) not told alike (`_told_alike`), or days and dates in sentences less
        than `SAME_DAY` alike."""
        x, y = self.found[a[0]][a[1]], self.found[b[0]][b[1]]
        if self._set_apart(a, b, cosine) or (x.unit == "other") != (y.unit == "other"):
            return False  # other times; "nine other children" are not all "10 children"
        if x.kind in ("day", "date") and not self._rest_agrees(a, b):
            return False  # "5 million phones in 2024", "8 million in 2025": two periods
        if self._same_words(a[0], b[0]):
            return True  # one sentence with other figures: "held on Nov. 30", "on Dec. 7"
        if self._echoed(a, b) or self._echoed(b, a):
            return False
        if _beyond(x, y) or self._outcomes_differ(a, b):
            return False
        if self._total(a, b) or self._total(b, a) or self._unanchored(a, b):
            return False
        if x.kind == y.kind == "count" and "age" not in (x.unit, y.unit):
            if bool(x.unit) != bool(y.unit):
                return False  # "her two sons" against "Dana, 17"
            if (x.unit == "other") != (y.unit == "other"):
                return False  # "nine other children" are not all "10 children"
            if not x.unit and not self._same_lead(a, b):
                return False  # "news 9" against "Moreno, 41"; "Hale, 52" and "Hale, 51"
        if cosine >= CLOSE_SENTENCE and self._left_over(a, b):
            return True  # all else the two sentences give agrees
        if _apart(x, y) and not self._told_alike(a, b, cosine):
            return False  # "300 people ... sick" at one place, "9 people" at another
        mine, theirs = self.near(a), self.near(b)
        counts = x.kind == y.kind == "count" and bool(x.unit and y.unit)
        linked = mine and theirs and (mine[0] in theirs or theirs[0] in mine)
        named = self._names_noun(a) or self._names_noun(b)
        if (
            counts
            and not linked
            and not (cosine >= ALIKE_SENTENCE and named and self._same_lead(a, b))
        ):
            return False  # not one noun: "two females" and "four animals", "4.1 million
            # phones" and "2.3 million tablets"; but "signed by the 31 members" and
            # "signed by all 31 Senate Republicans" are one
        measured = x.unit in MEASURES or y.unit in MEASURES
        if counts and measured and mine[0] != theirs[0]:
            return False  # "300 metres to help climbers" and "thousands of climbers"
        if x.kind in ("day", "date") and cosine < SAME_DAY and not self._one_death(a, b, cosine):
            return False  # "Sunday, May 4" and "Saturday, May 3": two heats of a race
        if x.kind in ("day", "date") or x.unit.endswith(" ago") or y.unit.endswith(" ago"):
            return cosine >= ALIKE_SENTENCE and len(self._shared(a, b)) >= SAME_CONTEXT
        if cosine >= ALIKE_SENTENCE:
            return len(self._shared(a, b)) >= 1
        if (
            cosine >= CLOSE_SENTENCE
            and self.score(a, b) - 2 * ("#age" in self.context(a)) >= SAME_CONTEXT
        ):
            return True
        if not counts:
            return False
        if x.unit == y.unit == "age":  # "Varga, 77, who underwent", "the 77-year-old
            return len(set(mine[1:]) & set(theirs[1:])) >= SAME_CONTEXT  # general underwent"
        head = [t for t in mine[1:] if t != theirs[0]][:1]
        other = [t for t in theirs[1:] if t != mine[0]][:1]
        if head == other and len(set(mine) & set(theirs)) >= SAME_CONTEXT:
            return True
        # In related sentences, close counts of one noun that is not a unit of measure
        # ("nine cars were towed", "finding eleven cars") are one thing.
        toll = bool(self._outcomes(a) & self._outcomes(b))
        return (
            (cosine >= RELATED_SENTENCE or (toll and cosine >= TOLL_SENTENCE))
            and mine[0] == theirs[0]
            and x.unit not in MEASURES
            and y.unit not in MEASURES
            and "age" not in (x.unit, y.unit)
            and not (x.vague or y.vague or _apart(x, y))
        )

    def _same_words(self, i: int, j: int) -> bool:
        """Whether two sentences use the same content words once their specifics are set
        aside: one sentence told with other figures ("The line will stay closed until
        Monday." and "... until Friday."), not two facts in one mould ("Inflation rose
        to 3.2 percent", "Unemployment rose to 5.1 percent")."""
        return self._words_besides(i) == self._words_besides(j)

    def _rest_agrees(self, a: ClaimKey, b: ClaimKey) -> bool:
        """Whether every other specific of each sentence that the other sentence gives
        something of its sort for agrees with one of them: a day or date that differs
        beside figures that differ is another period ("sold 5 million phones in 2024",
        "8 million phones in 2025"), not a date in dispute."""
        rest = [[z for k, z in enumerate(self.found[key[0]]) if k != key[1]] for key in (a, b)]
        return all(
            any(z.agrees(w) for w in rest[1 - n] if comparable(z, w))
            for n in (0, 1)
            for z in rest[n]
            if any(comparable(z, w) for w in rest[1 - n])
        )

    def _words_besides(self, i: int) -> frozenset[str]:
        starts, _, stems = _tokens(self.sentences[i].text, self.language)
        spans = [(z.start, z.end) for z in self.found[i]]
        return frozenset(
            stem
            for at, stem in zip(starts, stems, strict=True)
            if stem and not any(s <= at < e for s, e in spans)
        )

    def _names_noun(self, key: ClaimKey) -> bool:
        """Whether the word a count counts is a name, capitalised ("31 Senate
        Republicans"): what it counts is named, not said."""
        after = self.sentences[key[0]].text[self._specific(key).end :].lstrip()
        return after[:1].isupper()

    def _same_lead(self, a: ClaimKey, b: ClaimKey) -> bool:
        """Whether the content words just before two bare numbers are the same: a number
        that counts no noun says what it is only by the word it follows."""
        mine = [t for t in self._around(a)[0] if t][-1:]
        theirs = [t for t in self._around(b)[0] if t][-1:]
        return bool(mine) and mine == theirs

    def _told_alike(self, a: ClaimKey, b: ClaimKey, cosine: float) -> bool:
        """Whether two specifics are told in nearly the same words: besides the noun
        counted, at least `TOLD_ALIKE` of the words around the one with fewer are the
        other's too, and at least `SAME_CONTEXT` of them (one in alike sentences,
        `ALIKE_SENTENCE`), in sentences at least `CLOSE_SENTENCE` alike."""
        mine, theirs = self._words(a), self._words(b)
        shared = len(mine & theirs)
        if cosine < CLOSE_SENTENCE:
            return False
        enough = 1 if cosine >= ALIKE_SENTENCE else SAME_CONTEXT
        return shared >= enough and shared >= TOLD_ALIKE * min(len(mine), len(theirs))

    def _words(self, key: ClaimKey) -> set[str]:
        """The words around a specific, without the noun it counts."""
        noun = set(_unit_stems(self._specific(key).unit, self.language))
        return {t for t in self.context(key) if not t.startswith("#") and t not in noun}

    def _echoed(self, a: ClaimKey, b: ClaimKey) -> bool:
        """Whether b's sentence also gives, elsewhere, a value that agrees with a's
        specific, of the same noun when both count one and read without their bounds:
        then a's match is that one, not b's ("11.2 percent in 2018 and 12.6 percent for
        2019" against "11.2 percent"; "at least 150 people and at least 100 injured"
        does not echo "at least 130 people", nor "nearly 40 hospitalized" "at least two
        people")."""
        x = self.found[a[0]][a[1]]
        return any(
            k != b[1] and (_echo(x, z) or _same_number(x, z))
            for k, z in enumerate(self.found[b[0]])
        )

    def _kin(self, key: ClaimKey) -> list[Specific]:
        """The specifics of key's sentence of the same sort as it: the same kind and
        currency, the same noun counted (read through SAME_NOUN), ages with ages."""
        x = self._specific(key)
        return [z for z in self.found[key[0]] if _same_sort(x, z)]

    def _left_over(self, a: ClaimKey, b: ClaimKey) -> bool:
        """Whether a and b are what is left of their sort once the values both sentences
        give are set aside: each sentence has another value of the sort that agrees with
        one of the other's, and a and b are the only ones that agree with none ("24
        percent ... Cole and Diaz at 15 percent each" against "Cole and Diaz at 15
        percent, while Ames leads at 29 percent")."""
        x, y = self._specific(a), self._specific(b)
        if not _same_sort(x, y) or x.kind not in ("count", "money", "percent"):
            return False
        mine, theirs = self._kin(a), self._kin(b)
        lone_mine = [p for p in mine if not any(p.agrees(q) for q in theirs)]
        lone_theirs = [q for q in theirs if not any(q.agrees(p) for p in mine)]
        return lone_mine == [x] and lone_theirs == [y] and len(mine) > 1 and len(theirs) > 1

    def _total(self, a: ClaimKey, b: ClaimKey) -> bool:
        """Whether a's value is the sum of b's: a's sentence gives one value of its sort,
        b's two or more, which add up to it within `SUM_SLACK` ("more than $18,000 in
        cash and cheques" against "$3,500 in cash, $14,600 in cheques")."""
        x = self._specific(a)
        if x.kind not in ("count", "money") or len(self._kin(a)) != 1:
            return False
        parts = [z for z in self.found[b[0]] if _same_sort(x, z)]
        if len(parts) < 2:
            return False
        low, high = x._range()
        total_low, total_high = sum(z.low for z in parts), sum(z.high for z in parts)
        return low * (1 - SUM_SLACK) <= total_high and total_low <= high * (1 + SUM_SLACK)

    def _unanchored(self, a: ClaimKey, b: ClaimKey) -> bool:
        """Whether both sentences list two or more values of the pair's sort and none of
        one list agrees with any of the other: two lists of different things ("11.8
        million residents ... 10.9 million residents" against "7.4 million residents
        ... 3.2 million residents"), where one of several lasting values would anchor a
        changed one."""
        if len(self._kin(a)) < 2 or len(self._kin(b)) < 2:
            return False
        return not any(
            p.kind in ("count", "money", "percent") and _same_sort(p, q) and p.agrees(q)
            for p in self.found[a[0]]
            for q in self.found[b[0]]
        )

    def _outcomes_differ(self, a: ClaimKey, b: ClaimKey) -> bool:
        """Whether two sentences tell different outcomes ("five people were wounded",
        "three people were killed"): each names one of OUTCOMES and none is named by
        both."""
        mine, theirs = self._outcomes(a, whole=True), self._outcomes(b, whole=True)
        return bool(mine) and bool(theirs) and not mine & theirs

    def _one_death(self, a: ClaimKey, b: ClaimKey, cosine: float) -> bool:
        """Whether two alike sentences (`ALIKE_SENTENCE`) tell one outcome: their days
        are one event's ("a climber died Tuesday", "the climber died Wednesday")."""
        mine, theirs = self._outcomes(a, whole=True), self._outcomes(b, whole=True)
        return cosine >= ALIKE_SENTENCE and bool(mine & theirs)

    def _outcomes(self, key: ClaimKey, *, whole: bool = False) -> set[int]:
        """Which of OUTCOMES the words around a specific (or its whole sentence) name."""
        if whole:
            words = {t for t in _tokens(self.sentences[key[0]].text, self.language)[2] if t}
        else:
            words = set(self.context(key))
        return {n for n, stems in enumerate(OUTCOMES) if stems & words}

    def _set_apart(self, a: ClaimKey, b: ClaimKey, cosine: float) -> bool:
        """Whether the two sentences are set at different times: one counts over a span
        of clock time the other does not give ("between midnight and 4 a.m."), or one
        gives a date (other than the pair's own) that contradicts every date of the other
        it can be compared with ("in 2019" against "from 2012 through 2019"; "today,
        March 3, 2021" against "June 9, 2020"), or, in sentences less than
        `RELATED_SENTENCE` alike, only one of them gives a date at all."""
        periods = [_periods(self.sentences[k].text) for k in (a[0], b[0])]
        if any(periods) and not periods[0] & periods[1]:
            return True  # "between midnight and 4 a.m.", and another span or none
        mine = [z for k, z in enumerate(self.found[a[0]]) if z.kind == "date" and k != a[1]]
        theirs = [z for k, z in enumerate(self.found[b[0]]) if z.kind == "date" and k != b[1]]
        if cosine < RELATED_SENTENCE and bool(mine) != bool(theirs):
            return True  # "two swimmers drowned in 2019", "the deaths of three swimmers"
        for one, other in ((mine, theirs), (theirs, mine)):
            for z in one:
                against = [w for w in other if comparable(z, w)]
                if against and not any(z.agrees(w) for w in against):
                    return True
        return False

    def _shared(self, a: ClaimKey, b: ClaimKey) -> set[str]:
        """Words around both specifics (the noun counted as a word, not as a noun)."""
        return {t for t in self.context(a) & self.context(b) if not t.startswith("#")}

    def score(self, a: ClaimKey, b: ClaimKey) -> int:
        shared = self.context(a) & self.context(b)
        return len(shared) + sum(1 for term in shared if term.startswith("#"))

    def align(self, i: int, j: int, *, fallback: bool) -> list[tuple[int, int]]:
        """Specifics of sentences i and j that speak of one thing, one to one: those of
        the same kind alike in context, best first; with `fallback`, also the only one
        of its kind in each sentence. Pairs are taken in this order: counts of one noun,
        then values after the same word ("killed 3 people and injured 12" pairs with
        "killed 12 people and injured 3" by what was counted, not by the numbers), then
        values that agree (the same number is a sign of the same thing), then by the
        words around them."""
        mine, theirs = self.found[i], self.found[j]
        candidates = []
        for x, a in enumerate(mine):
            for y, b in enumerate(theirs):
                if comparable(a, b):
                    candidates.append(
                        (
                            a.kind == "count" and _noun(a) != _noun(b),
                            not self._same_lead((i, x), (j, y)),
                            not a.agrees(b),
                            -self.score((i, x), (j, y)),
                            x,
                            y,
                        )
                    )
        candidates.sort()
        pairs: list[tuple[int, int]] = []
        used_x: set[int] = set()
        used_y: set[int] = set()
        for *_, negative, x, y in candidates:
            if x in used_x or y in used_y:
                continue
            alone = (
                sum(1 for a in mine if a.kind == mine[x].kind) == 1
                and sum(1 for b in theirs if b.kind == theirs[y].kind) == 1
            )
            left = self._left_over((i, x), (j, y))
            if -negative >= SAME_CONTEXT or (fallback and alone) or left:
                pairs.append((x, y))
                used_x.add(x)
                used_y.add(y)
        return pairs

    # --- disagreements --------------------------------------------------------------

    def disagreements(self) -> tuple[Disagreement, ...]:
        with_specifics = np.asarray([i for i, f in enumerate(self.found) if f], dtype=np.int64)
        if len(with_specifics) >= 2:
            self._match(with_specifics)
        parent: dict[ClaimKey, ClaimKey] = {}

        def root(key: ClaimKey) -> ClaimKey:
            while parent.setdefault(key, key) != key:
                parent[key] = parent[parent[key]]
                key = parent[key]
            return key

        for a, b in self.edges:
            ra, rb = root(a), root(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
        groups: dict[ClaimKey, list[ClaimKey]] = {}
        for key in sorted(parent, key=self._order):
            groups.setdefault(root(key), []).append(key)
        found = [d for members in groups.values() if (d := self._disagreement(members))]
        return tuple(found)

    def _order(self, key: ClaimKey) -> tuple[int, int, int]:
        sentence = self.sentences[key[0]]
        return (self.article_order.get(sentence.article_id, 0), sentence.position, key[1])

    def _match(self, indices: np.ndarray) -> None:
        similarity = self.lexicon.similarity()[np.ix_(indices, indices)]
        sources = np.unique([self.sentences[i].source for i in indices], return_inverse=True)[1]
        close = (similarity >= SAME_SENTENCE) & (sources[:, None] != sources[None, :])
        kinds = np.asarray(
            [
                sum({_KIND_BITS[x.kind, x.unit == "age"] for x in self.found[int(i)]})
                for i in indices
            ]
        )
        close &= (kinds[:, None] & kinds[None, :]) != 0  # something to compare
        close &= (similarity >= CLOSE_SENTENCE) | self._counted(indices)
        best: dict[tuple[ClaimKey, str], tuple[float, ClaimKey]] = {}
        for a, b in zip(*np.nonzero(np.triu(close, 1)), strict=True):
            i, j = int(indices[a]), int(indices[b])
            cosine = float(similarity[a, b])
            for x, y in self.align(i, j, fallback=cosine >= ALIKE_SENTENCE):
                if not self.same_thing((i, x), (j, y), cosine):
                    continue
                value = cosine + 0.1 * self.score((i, x), (j, y))
                for mine, theirs in (((i, x), (j, y)), ((j, y), (i, x))):
                    slot = (mine, self.sentences[theirs[0]].article_id)
                    if slot not in best or (value, theirs) > best[slot]:
                        best[slot] = (value, theirs)
        for (mine, _), (_, theirs) in sorted(best.items()):
            back = best.get((theirs, self.sentences[mine[0]].article_id))
            if back is not None and back[1] == mine and mine < theirs:
                self.edges.append((mine, theirs))

    def _counted(self, indices: np.ndarray) -> np.ndarray:
        """Which pairs of sentences a noun counted in one is a word of the other (a cheap
        first test: two counts of one noun need the noun in both sentences)."""
        nouns = [
            {
                stem
                for x in self.found[int(i)]
                if x.kind == "count" and x.unit
                for stem in _noun_stems(x.unit, self.language)
            }
            for i in indices
        ]
        column = {stem: k for k, stem in enumerate(sorted(set().union(*nouns)))}
        counted = np.zeros((len(indices), len(column)), dtype=np.float64)
        used = np.zeros_like(counted)
        if column:
            rows, columns = [], []
            for row, i in enumerate(indices):
                for term in self.lexicon.terms[int(i)]:
                    if term in column:
                        rows.append(row)
                        columns.append(column[term])
            used[rows, columns] = 1.0
            pairs = [(row, column[t]) for row, noun in enumerate(nouns) for t in noun]
            counted[[r for r, _ in pairs], [c for _, c in pairs]] = 1.0
            used = np.maximum(used, counted)
        linked = (counted @ used.T) > 0
        return linked | linked.T

    def _disagreement(self, members: list[ClaimKey]) -> Disagreement | None:
        # Versions are grouped by the numbers they give ("at least two" is not "three",
        # though it allows it), and the group is a disagreement only when two versions
        # cannot both be true.
        variants: list[list[ClaimKey]] = []
        for key in members:
            specific = self._specific(key)
            home = next(
                (v for v in variants if all(_as_numbers(specific, self._specific(k)) for k in v)),
                None,
            )
            if home is None:
                variants.append([key])
            else:
                home.append(key)
        values = [self._specific(k) for k in members]
        if all(x.agrees(y) for x in values for y in values):
            return None
        # An article that gives two of the values tells two things (two places, two
        # times, two groups), not a disagreement with itself.
        told = [{self.sentences[k[0]].article_id for k in v} for v in variants]
        if any(a & b for n, a in enumerate(told) for b in told[n + 1 :]):
            return None
        if len({self.sentences[k[0]].source for k in members}) < 2:
            return None  # where outlets differ: one outlet's own versions are its updates
        claims = [self._claims(v) for v in variants]
        times = [self._time(v) for v in variants]
        kind = "differ"
        if _ordered(times):
            kind = "updated"
            order = sorted(range(len(claims)), key=lambda n: times[n])  # type: ignore[arg-type,return-value]
            claims = [claims[n] for n in order]
        return Disagreement(self._about(variants), kind, tuple(c for v in claims for c in v))

    def _specific(self, key: ClaimKey) -> Specific:
        return self.found[key[0]][key[1]]

    def _claims(self, variant: list[ClaimKey]) -> list[Claim]:
        """One claim per sentence of a version, verbatim with the outlets that printed
        it and its value as that sentence gives it ("about 10" beside "12")."""
        by_text: dict[str, list[ClaimKey]] = {}
        for key in variant:
            by_text.setdefault(self.sentences[key[0]].text, []).append(key)
        claims = []
        for text, keys in by_text.items():
            outlets = tuple(dict.fromkeys(self.sentences[k[0]].source for k in keys))
            found = [(self.sentences[k[0]].article_id, k[0]) for k in keys]
            claims.append(
                Claim(self._specific(keys[0]).text, text, outlets, self._published(found))
            )
        return claims

    def _time(self, variant: list[ClaimKey]) -> Moment | None:
        """When a version was first published (a day alone before any time of that day)."""
        times = [_time_of(self.articles.get(self.sentences[k[0]].article_id)) for k in variant]
        known = [t for t in times if t is not None]
        return min(known) if known and len(known) == len(times) else None

    def _about(self, variants: list[list[ClaimKey]]) -> str:
        """Words around the first version's specific that the other versions share."""
        first = variants[0][0]
        shared: set[str] = set()
        for variant in variants[1:]:
            for key in variant:
                shared |= {t.lstrip("#") for t in self.context(first) & self.context(key)}
        specific = self._specific(first)
        text = self.sentences[first[0]].text
        spans = [
            (m.start(), m.group())
            for m in _WORD.finditer(text)
            if m.start() >= specific.end or m.end() <= specific.start
        ]
        near = sorted(spans, key=lambda s: (abs(s[0] - specific.start), s[0]))
        chosen = []
        if specific.kind == "count" and specific.unit:
            found = re.search(rf"\b{re.escape(specific.unit)}\b", text[specific.end :], re.I)
            if found:
                chosen.append((specific.end + found.start(), found.group()))
        for start, word in near:
            if any(start == s or word.lower() == w.lower() for s, w in chosen):
                continue  # each word once: "people killed", not "Dallas dallas"
            stems = content_terms(word, self.language)
            if stems and stems[0] in shared and len(chosen) < ABOUT_WORDS:
                chosen.append((start, word))
        if not chosen:
            unit = specific.unit if specific.kind == "count" else specific.kind
            return unit or specific.kind
        return " ".join(word for _, word in sorted(chosen))
