import pytest

from summarizer.lexicon import analyse
from summarizer.segment import words
from summarizer.select import select

# (text, article, position, cluster label, score)
STORY = [
    ("Heavy rain flooded the coastal town of Valencia on Tuesday.", "a", 0, 0, 0.2),
    ("The central bank raised interest rates by half a point.", "a", 1, 1, 0.8),
    ("The coastal town of Valencia was flooded by heavy rain on Tuesday.", "b", 0, 0, 0.9),
    ("Football fans celebrated the cup final win late into the night.", "b", 1, 2, 0.1),
    ("Valencia, a coastal town, saw flooding after heavy rain on Tuesday.", "c", 0, 0, 0.5),
    ("Interest rates were raised by half a point by the central bank.", "c", 1, 1, 0.3),
]


@pytest.fixture
def story(make_sentence):
    sentences = [make_sentence(text, article, position) for text, article, position, *_ in STORY]
    labels = [row[3] for row in STORY]
    scores = [row[4] for row in STORY]
    return sentences, labels, scores, analyse([s.text for s in sentences], "english")


def run(story, max_sentences=None, max_words=None):
    return select(*story, max_sentences=max_sentences, max_words=max_words)


def test_each_cluster_gives_at_most_one_item_its_best_ranked_sentence(story):
    sentences, labels, scores, _ = story
    items = run(story)
    by_text = {s.text: i for i, s in enumerate(sentences)}
    chosen_labels = [labels[by_text[item.text]] for item in items]
    assert sorted(chosen_labels) == [0, 1, 2]
    for item, label in zip(items, chosen_labels, strict=True):
        best = max((i for i in range(len(sentences)) if labels[i] == label), key=scores.__getitem__)
        assert (item.text, item.article_id) == (sentences[best].text, sentences[best].article_id)


def test_item_credits_exactly_the_outlets_of_its_cluster(story):
    sentences, labels, _, _ = story
    by_text = {s.text: i for i, s in enumerate(sentences)}
    for item in run(story):
        label = labels[by_text[item.text]]
        members = [s for s, lab in zip(sentences, labels, strict=True) if lab == label]
        assert item.sources == tuple(dict.fromkeys(s.source for s in members))
        assert item.article_ids == tuple(dict.fromkeys(s.article_id for s in members))


def test_most_reported_fact_comes_first(story):
    items = run(story)
    assert items[0].text == STORY[2][0]
    assert items[0].sources == ("Outlet A", "Outlet B", "Outlet C")


@pytest.mark.parametrize("max_sentences", [1, 2, 3])
def test_sentence_budget(story, max_sentences):
    assert len(run(story, max_sentences=max_sentences)) == max_sentences


@pytest.mark.parametrize(
    ("max_words", "lengths"),
    [(5, []), (10, [10]), (12, [12]), (21, [12]), (22, [12, 10]), (40, [12, 10, 11])],
)
def test_word_budget(story, max_words, lengths):
    """The clusters are taken in order; one too long for what is left is skipped."""
    assert [len(words(item.text)) for item in run(story, max_words=max_words)] == lengths


@pytest.mark.parametrize(
    ("max_words", "lengths"),
    [(5, [12]), (12, [12]), (13, [12, 10]), (22, [12, 10]), (23, [12, 10, 11]), (40, [12, 10, 11])],
)
def test_fill_ends_a_short_briefing_with_the_best_sentence_that_did_not_fit(
    story, max_words, lengths
):
    items = select(*story, max_sentences=None, max_words=max_words, fill=True)
    assert [len(words(item.text)) for item in items] == lengths


def test_fill_puts_the_overflowing_sentence_last_and_keeps_the_sentence_budget(make_sentence):
    # The widely reported fact is too long for the budget: it goes last, to be cut there.
    rows = [("Rain fell on the town all night.", "a", 1.0)] + [
        ("Floods cut off the coastal town and its two bridges on Tuesday morning.", a, 0.5)
        for a in "abc"
    ]
    sentences = [make_sentence(text, a, position) for position, (text, a, _) in enumerate(rows)]
    lexicon = analyse([s.text for s in sentences], "english")
    story = (sentences, [0, 1, 1, 1], [r[2] for r in rows], lexicon)
    items = select(*story, max_sentences=None, max_words=10, fill=True)
    assert [item.text for item in items] == [rows[0][0], rows[1][0]]
    assert items[1].sources == ("Outlet A", "Outlet B", "Outlet C")
    assert len(select(*story, max_sentences=1, max_words=10, fill=True)) == 1


def test_near_duplicate_representatives_are_not_both_chosen(make_sentence):
    text = "Heavy rain flooded the coastal town of Valencia on Tuesday."
    sentences = [make_sentence(text, "a"), make_sentence(text + " ", "b")]
    lexicon = analyse([s.text for s in sentences], "english")
    items = select(sentences, [0, 1], [1.0, 0.5], lexicon, max_sentences=None, max_words=None)
    assert [item.article_id for item in items] == ["a"]


def test_no_sentences():
    assert select([], [], [], analyse([], "english"), max_sentences=5, max_words=None) == []


def test_clusters_the_reader_knows_nothing_of_are_taken_and_read_first(story):
    # The reader saw article a: the flood and rates clusters hold a sentence of it.
    known = [s.article_id == "a" for s in story[0]]
    one = select(*story, max_sentences=1, max_words=None, known=known)
    assert [(i.text, i.new) for i in one] == [(STORY[3][0], True)]  # the cup final
    every = select(*story, max_sentences=None, max_words=None, known=known)
    assert [i.text for i in every] == [STORY[3][0], STORY[2][0], STORY[1][0]]
    assert [i.new for i in every] == [True, False, False]
    credits = {i.text: (i.sources, i.article_ids) for i in run(story)}
    assert all((i.sources, i.article_ids) == credits[i.text] for i in every)
    # Knowing nothing marks every item new and changes nothing else; not asking marks none.
    fresh = select(*story, max_sentences=2, max_words=None, known=[False] * len(STORY))
    plain = run(story, max_sentences=2)
    assert [(i.text, i.new) for i in fresh] == [(i.text, True) for i in plain]
    assert not any(i.new for i in plain)
