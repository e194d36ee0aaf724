"""Properties of the whole pipeline over generated input (hypothesis).

Whatever the articles hold, summarizing either gives a briefing or raises one of our own
errors; the same input gives the same bytes; every sentence of a briefing is text of the
article it is taken from; an outlet is credited only with what it printed; and no sentence
holds an HTML entity or tag that the reader of the source did not see.

The examples are derandomized (a fixed sequence) so that CI runs the same ones every time.
"""

import io
import re
from html import escape, unescape

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarizer import Settings, SummarizerError, read_paths, render, summarize
from summarizer.lexicon import content_terms
from summarizer.model import Article
from summarizer.render import FORMATS

PROFILE = settings(
    max_examples=100,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Pieces that make text look like news, and like the things that break news pipelines.
PIECES = [
    "Heavy rain flooded the town on Tuesday.",
    "Officials said",
    "two hundred people",
    "were moved to shelters",
    "Mr.",
    "U.S.",
    "Sept. 5 (UPI) --",
    "MOSCOW (AP) —",
    "“We are ready,” he said.",
    '"Why?"',
    "Sign in to read more",
    "Photo by Reuters",
    "ALSO READ",
    "<script>alert(1)</script>",
    "<b>",
    "&amp;",
    "[link](https://example.com)",
    "*stars*",
    "1.",
    "Σεισμός έπληξε την πόλη.",
    "Сильный дождь затопил город.",
    "الأمطار غزيرة؟",
    "洪水。",
    ".",
    "?",
    "!",
    ",",
    "\n",
    "\n\n",
    " ",
    "\t",
    "\u00a0",
    "\u2028",
    "\x0c",
    "\x1b[31m",
    "\uffff",
]

newsy = st.lists(st.sampled_from(PIECES), max_size=40).map(" ".join)
any_text = st.one_of(st.text(max_size=300), newsy, st.lists(st.text(), max_size=5).map("\n".join))
outlet = st.one_of(st.sampled_from(["Gazette", "Radio", "Wire", ""]), st.text(max_size=12))


def fold(text: str) -> str:
    return " ".join(text.split())


def articles_from(drawn: list[tuple[str, str]]) -> list[Article]:
    return [
        Article(id=f"a{n}", source=source or f"a{n}", text=text)
        for n, (source, text) in enumerate(drawn)
    ]


def summarize_or_our_error(articles: list[Article], options: Settings):
    try:
        return summarize(articles, options)
    except SummarizerError:
        return None


@PROFILE
@given(drawn=st.lists(st.tuples(outlet, any_text), min_size=1, max_size=5))
def test_any_text_gives_a_faithful_briefing_or_our_error(drawn):
    articles = articles_from(drawn)
    briefing = summarize_or_our_error(articles, Settings())
    if briefing is None:
        return
    assert summarize(articles, Settings()) == briefing
    by_id = {article.id: article for article in articles}
    for item in briefing.items:
        assert item.text.strip()
        assert fold(item.text) in fold(by_id[item.article_id].text)
        assert item.article_id in item.article_ids
        assert set(item.article_ids) <= set(by_id)
        assert item.sources == tuple(dict.fromkeys(by_id[i].source for i in item.article_ids))
    for fmt in FORMATS:
        assert render(briefing, fmt) == render(briefing, fmt)


@PROFILE
@given(data=st.binary(max_size=2000), kind=st.sampled_from(["-", ".txt", ".html", ".json"]))
def test_any_bytes_are_read_or_refused_with_our_error(tmp_path_factory, data, kind):
    try:
        if kind == "-":
            articles = read_paths(["-"], stdin=io.BytesIO(data))
        else:
            path = tmp_path_factory.mktemp("bytes") / f"input{kind}"
            path.write_bytes(data)
            articles = read_paths([str(path)])
        briefing = summarize(articles)
    except SummarizerError:
        return
    assert all(isinstance(getattr(a, f), str) for a in articles for f in Article.__slots__)
    for fmt in FORMATS:
        render(briefing, fmt)


# Facts with no content word in common: an outlet "carried" a fact when its text holds it.
MADE_UP = [
    a + b
    for a in ("bra", "cle", "dro", "fli", "gru", "klo", "mna")
    for b in ("tov", "ziq", "pex", "lun", "vor", "sam")
]
FACTS = [" ".join(MADE_UP[7 * n : 7 * n + 7]).capitalize() + "." for n in range(6)]


@st.composite
def outlets_carrying_facts(draw):
    """Articles, each carrying some facts (each at most once), one or two to a line."""
    articles = []
    for n in range(draw(st.integers(1, 5))):
        facts = draw(st.lists(st.sampled_from(FACTS), min_size=1, max_size=4, unique=True))
        lines, rest = [], list(facts)
        while rest:
            take = draw(st.integers(1, min(2, len(rest))))
            lines.append(" ".join(rest[:take]))
            rest = rest[take:]
        articles.append(Article(id=f"a{n}", source=f"Outlet {n}", text="\n".join(lines)))
    return articles


@PROFILE
@given(articles=outlets_carrying_facts(), sentences=st.integers(1, 6))
def test_each_fact_is_credited_to_exactly_the_outlets_that_carried_it(articles, sentences):
    briefing = summarize(articles, Settings(sentences=sentences))
    assert briefing.items
    for item in briefing.items:
        assert item.text in FACTS
        carriers = [a for a in articles if item.text in a.text]
        assert list(item.article_ids) == [a.id for a in carriers]
        assert list(item.sources) == [a.source for a in carriers]
    assert len({item.text for item in briefing.items}) == len(briefing.items)


def test_the_facts_share_no_content_word():
    vocabularies = [set(content_terms(fact, "english")) for fact in FACTS]
    for n, terms in enumerate(vocabularies):
        assert len(terms) == 7
        assert all(not terms & other for other in vocabularies[n + 1 :])


# Text as a reader sees it, with the characters that markup escapes.
VISIBLE = [
    "The council approved the budget on Tuesday.",
    "R&D spending rose by 5% < 6% forecast.",
    "“We are ready,” the minister’s aide said.",
    "Q&A: what the ruling means for renters.",
    "Renée Smith & Sons appealed the fine.",
    "Prices fell in the U.S. and the U.K.",
]
ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);", re.IGNORECASE)
TAG = re.compile(r"</?[a-z][a-z0-9]*\b[^<>]*>", re.IGNORECASE)


@st.composite
def escaped_feeds(draw):
    """A feed whose entries carry visible sentences as HTML, escaped once or more (as
    feeds escape their text twice, or escape a description's HTML), with the titles
    escaped too; and the text a reader should see."""
    entries, seen = [], []
    for number in range(draw(st.integers(1, 4))):
        sentences = draw(st.lists(st.sampled_from(VISIBLE), min_size=1, max_size=4))
        html_text = "".join(f"<p>{escape(s, quote=False)}</p>" for s in sentences)
        for _ in range(draw(st.integers(1, 3))):  # 1: the usual XML escaping of HTML
            html_text = escape(html_text, quote=False)
        title = escape(draw(st.sampled_from(VISIBLE)), quote=False)
        for _ in range(draw(st.integers(0, 2))):
            title = escape(title, quote=False)
        entries.append(
            f"<item><title>{title}</title><link>https://h.example/{number}</link>"
            f"<description>{html_text}</description></item>"
        )
        seen.extend([*sentences, unescape(title)])
    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Herald</title>'
        + "".join(entries)
        + "</channel></rss>"
    )
    return feed, " ".join(seen)


@PROFILE
@given(drawn=escaped_feeds(), fmt=st.sampled_from(FORMATS))
def test_no_output_sentence_holds_an_entity_or_tag_the_reader_did_not_see(
    tmp_path_factory, drawn, fmt
):
    feed, visible = drawn
    path = tmp_path_factory.mktemp("feed") / "feed.xml"
    path.write_text(feed, encoding="utf-8")
    articles = read_paths([str(path)])
    briefing = summarize_or_our_error(articles, Settings(sentences=3))
    if briefing is None:
        return
    allowed = set(ENTITY.findall(visible)) | set(TAG.findall(visible))
    for item in briefing.items:
        assert set(ENTITY.findall(item.text)) | set(TAG.findall(item.text)) <= allowed
        assert fold(item.text) in fold(visible)
    for article in articles:
        assert not ENTITY.search(article.title) and not TAG.search(article.title)
    render(briefing, fmt)
