import itertools

import pytest

from summarizer import Settings, read_paths, render, summarize
from summarizer.clean import clean
from summarizer.cluster import cluster
from summarizer.errors import InputError
from summarizer.lexicon import analyse, content_terms
from summarizer.pipeline import sentences_of

BOILERPLATE = (
    "Sign In",
    "ALSO READ",
    "Photo by",
    "syndicated feed",
    "Recommended Stories",
    "234Radio is",
    "Premium",
    "list of",
)


def fold(text):
    return " ".join(text.split())


@pytest.fixture(scope="module")
def articles(seeds_dir):
    return read_paths([str(seeds_dir)])


@pytest.fixture(scope="module", params=[None, 12], ids=["default", "12-sentences"])
def settings(request):
    return Settings(sentences=request.param)


@pytest.fixture(scope="module")
def briefing(articles, settings):
    return summarize(articles, settings)


def test_every_item_is_printed_word_for_word_by_a_seed(briefing, seeds_dir):
    raw = [fold(path.read_text(encoding="utf-8")) for path in sorted(seeds_dir.iterdir())]
    assert briefing.items
    for item in briefing.items:
        assert any(fold(item.text) in text for text in raw), item.text


def test_every_credited_outlet_printed_a_member_of_the_cluster(briefing, articles, settings):
    sentences = sentences_of([clean(a) for a in articles])
    lexicon = analyse([s.text for s in sentences], settings.language)
    labels = cluster(lexicon, [s.article_id for s in sentences], settings.cluster_threshold)
    for item in briefing.items:
        [head] = [
            i
            for i, s in enumerate(sentences)
            if (s.text, s.article_id) == (item.text, item.article_id)
        ]
        members = [s for s, label in zip(sentences, labels, strict=True) if label == labels[head]]
        assert set(item.sources) == {s.source for s in members}, item.text
        assert set(item.article_ids) == {s.article_id for s in members}, item.text


def test_the_targets_quote_is_credited_to_all_five_outlets(briefing, articles):
    [item] = [i for i in briefing.items if "legitimate targets for destruction" in i.text]
    assert set(item.sources) == {a.source for a in articles}
    assert len(item.sources) == 5


def test_no_two_items_say_the_same_thing(briefing):
    terms = [set(content_terms(item.text, "english")) for item in briefing.items]
    for a, b in itertools.combinations(terms, 2):
        assert len(a & b) / len(a | b) < 0.5, (a, b)


def test_no_boilerplate_in_the_briefing(briefing):
    page = render(briefing, "markdown")
    for phrase in BOILERPLATE:
        assert phrase.lower() not in page.lower()


def test_same_input_same_bytes(articles, settings):
    first, second = (render(summarize(articles, settings), "json") for _ in range(2))
    assert first == second


def test_length_settings(articles):
    assert len(summarize(articles).items) == 5
    assert len(summarize(articles, Settings(sentences=2)).items) == 2


def test_input_with_only_boilerplate_is_an_error(make_article):
    article = make_article(text="Sign In\nRecommended Stories\nSource: Reuters")
    with pytest.raises(InputError, match="no sentences to summarize"):
        summarize([article])
