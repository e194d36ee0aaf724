"""Properties of the whole pipeline over generated input (hypothesis).

Whatever the articles hold, summarizing either gives a briefing or raises one of our own
errors; the same input gives the same bytes; every sentence of a briefing is text of the
article it is taken from; and an outlet is credited only with what it printed.

The examples are derandomized (a fixed sequence) so that CI runs the same ones every time.
"""

import io

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
