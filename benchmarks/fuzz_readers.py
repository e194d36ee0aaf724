"""Fuzz the readers with hypothesis for a fixed time budget, and report what was found.

    python benchmarks/fuzz_readers.py [--seconds 120] [--seed 0]     (needs the dev extra)

Targets: each reader of `ingest.READERS` on text shaped for its format (text, html, json,
jsonl, feed), and `read_paths` on arbitrary bytes (files of every suffix, and standard input).
Whatever a reader returns then goes through the whole pipeline and every renderer. A
finding is an exception that is not a `SummarizerError`, an article field holding control
characters, or an example slower than --deadline seconds. The budget is shared evenly by
the targets; each runs rounds of examples, a new seed each round, until its share is
spent. Prints the examples run per target and each finding, shrunk by hypothesis; exits 1
when there is a finding.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from summarizer import SummarizerError, read_paths, render, summarize
from summarizer.ingest import READERS, SUFFIXES
from summarizer.ingest.fields import NOT_TEXT as _NOT_TEXT
from summarizer.model import Article
from summarizer.render import FORMATS

ROUND = 25  # examples a round: small, so a target stops close to its share of the budget

# Text that looks like news and like what breaks news pipelines.
PIECES = [
    "Heavy rain flooded the town on Tuesday.",
    "Officials said two hundred people were moved.",
    "Mr.",
    "U.S.",
    "Sept. 5 (UPI) --",
    "“We are ready,” he said.",
    "Sign in to read more",
    "---",
    "source: Gazette",
    "title: Floods",
    "<p>",
    "</p>",
    "<script>",
    "</script>",
    "<!--",
    "-->",
    "<![CDATA[",
    "&amp;",
    "&#x110000;",
    "&#0;",
    "&nbsp",
    "<iframe src=x>",
    "\x00",
    "\x1b[31m",
    "\ufeff",
    "\ud7ff",
    "Σεισμός έπληξε την πόλη.",
    "الأمطار غزيرة؟",
    "\n",
    " ",
]
newsy = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=8)), max_size=60).map("".join)
texts = st.one_of(st.text(max_size=2000), newsy)

TAGS = ["html", "head", "body", "article", "div", "p", "span", "a", "b", "script", "style",
        "iframe", "noscript", "title", "meta", "br", "img", "table", "tr", "td", "h1", "svg",
        "template", "main", "section", "!DOCTYPE html", "?xml version='1.0'"]  # fmt: skip


@st.composite
def pages(draw: Any) -> str:
    """Tag soup: nested elements with attributes, left open or closed at random, cut short."""
    parts: list[str] = []
    for _ in range(draw(st.integers(0, 40))):
        choice = draw(st.integers(0, 3))
        tag = draw(st.sampled_from(TAGS))
        if choice == 0:
            attrs = draw(st.sampled_from(["", " class=story", ' href="javascript:x"', " a='"]))
            parts.append(f"<{tag}{attrs}>")
        elif choice == 1:
            parts.append(f"</{tag.split()[0]}>")
        else:
            parts.append(draw(texts))
    page = "".join(parts)
    return page[: draw(st.integers(0, len(page)))] if draw(st.booleans()) else page


@st.composite
def feeds(draw: Any) -> str:
    """RSS 2.0, RSS 1.0 or Atom skeletons around tag soup, escaped or not, cut short."""
    entries = []
    for _ in range(draw(st.integers(0, 6))):
        body = draw(st.one_of(pages(), texts))
        if draw(st.booleans()):
            body = body.replace("&", "&amp;").replace("<", "&lt;")
        elif draw(st.booleans()):
            body = f"<![CDATA[{body}]]>"
        title = draw(texts)
        date = draw(st.sampled_from(["", "Sun, 22 Nov 2026 07:30:00 +0000", "2026-11-22", "x"]))
        entries.append((title, body, date))
    kind = draw(st.sampled_from(["rss", "atom", "rdf"]))
    if kind == "atom":
        items = "".join(
            f"<entry><title>{t}</title><updated>{d}</updated><content type='html'>{b}</content>"
            "</entry>"
            for t, b, d in entries
        )
        feed = (
            f"<feed xmlns='http://www.w3.org/2005/Atom'><title>{draw(texts)}</title>{items}</feed>"
        )
    else:
        items = "".join(
            f"<item><title>{t}</title><pubDate>{d}</pubDate><description>{b}</description></item>"
            for t, b, d in entries
        )
        root = "rss version='2.0'" if kind == "rss" else "rdf:RDF"
        feed = f"<{root}><channel><title>{draw(texts)}</title>{items}</channel></{root.split()[0]}>"
    feed = "<?xml version='1.0'?>" + feed
    return feed[: draw(st.integers(0, len(feed)))] if draw(st.booleans()) else feed


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=50) | newsy,
    lambda children: (
        st.lists(children, max_size=5)
        | st.dictionaries(
            st.sampled_from(
                ["id", "source", "title", "url", "published", "text", "html", "articles"]
            )
            | st.text(max_size=5),
            children,
            max_size=6,
        )
    ),
    max_leaves=30,
)


@st.composite
def json_documents(draw: Any) -> str:
    document = json.dumps(draw(json_values), ensure_ascii=draw(st.booleans()))
    return document[: draw(st.integers(0, len(document)))] if draw(st.booleans()) else document


@st.composite
def jsonl_documents(draw: Any) -> str:
    lines = draw(st.lists(st.one_of(json_documents(), texts), max_size=6))
    return "\n".join(lines)


ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-32", "cp1252", "latin-1", "cp1253", "koi8-r"]


@st.composite
def any_bytes(draw: Any) -> bytes:
    if draw(st.booleans()):
        return draw(st.binary(max_size=4000))
    text = draw(st.one_of(texts, pages(), json_documents()))
    return text.encode(draw(st.sampled_from(ENCODINGS)), errors="replace")


@dataclass
class Target:
    name: str
    strategy: st.SearchStrategy[Any]
    run: Callable[[Any], list[Article]]
    examples: int = 0
    findings: list[str] = field(default_factory=list)


def read_bytes(drawn: tuple[bytes, str]) -> list[Article]:
    data, suffix = drawn
    if suffix == "-":
        return read_paths(["-"], stdin=io.BytesIO(data))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        return read_paths([str(path)])


def check(target: Target, value: Any) -> None:
    """Read, summarize and render; our own errors are fine, anything else is a finding."""
    target.examples += 1
    try:
        articles = target.run(value)
    except SummarizerError:
        return
    for article in articles:
        for name in Article.__slots__:
            text = getattr(article, name)
            if not isinstance(text, str) or _NOT_TEXT.search(text):
                raise AssertionError(f"article field {name} is {text!r}")
    try:
        briefing = summarize(articles)
    except SummarizerError:
        return
    for fmt in FORMATS:
        render(briefing, fmt)


def fuzz(target: Target, seconds: float, first_seed: int, deadline: float) -> None:
    end = time.monotonic() + seconds
    round_seed = first_seed
    while time.monotonic() < end and len(target.findings) < 5:

        @settings(
            max_examples=ROUND,
            deadline=timedelta(seconds=deadline),
            database=None,
            suppress_health_check=list(HealthCheck),
            report_multiple_bugs=False,
        )
        @seed(round_seed)
        @given(target.strategy)
        def one_round(value: Any) -> None:
            check(target, value)

        try:
            one_round()
        except Exception as error:  # a finding: hypothesis has shrunk it already
            notes = " | ".join(getattr(error, "__notes__", []))
            target.findings.append(f"{type(error).__name__}: {error} [{notes}]"[:2000])
        round_seed += 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=120.0, help="the whole budget")
    parser.add_argument("--seed", type=int, default=0, help="the first round's seed")
    parser.add_argument("--deadline", type=float, default=10.0, help="seconds an example may take")
    args = parser.parse_args()
    suffixes = st.sampled_from(["-", "", ".bin", *sorted(SUFFIXES)])
    targets = [
        Target("text", texts, lambda text: READERS["text"](text, "fuzz", {})),
        Target("html", st.one_of(pages(), texts), lambda text: READERS["html"](text, "fuzz", {})),
        Target("json", json_documents(), lambda text: READERS["json"](text, "fuzz", {})),
        Target("jsonl", jsonl_documents(), lambda text: READERS["jsonl"](text, "fuzz", {})),
        Target("feed", feeds(), lambda text: READERS["feed"](text, "fuzz", {})),
        Target("bytes", st.tuples(any_bytes(), suffixes), read_bytes),
    ]
    share = args.seconds / len(targets)
    started = time.monotonic()
    print(f"fuzzing {len(targets)} targets for {args.seconds:.0f} s, from seed {args.seed}")
    for target in targets:
        began = time.monotonic()
        fuzz(target, share, args.seed, args.deadline)
        took = time.monotonic() - began
        print(
            f"  {target.name:6} {target.examples:6d} examples in {took:5.1f} s, "
            f"{len(target.findings)} findings"
        )
        for finding in target.findings:
            print(f"    - {finding}")
    found = sum(len(t.findings) for t in targets)
    total = sum(t.examples for t in targets)
    print(f"{total} examples in {time.monotonic() - started:.0f} s: {found} findings")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
