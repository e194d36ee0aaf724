import pytest

from summarizer.cluster import cluster
from summarizer.lexicon import analyse

THRESHOLD = 0.35

FLOOD = [
    "Heavy rain flooded the coastal town of Valencia on Tuesday.",
    "The coastal town of Valencia was flooded by heavy rain on Tuesday.",
    "Valencia, a coastal town, saw flooding after heavy rain on Tuesday.",
]
RATES = [
    "The central bank raised interest rates by half a point.",
    "Interest rates were raised by half a point by the central bank.",
]
FOOTBALL = "Football fans celebrated the cup final win late into the night."


def labels(texts, articles):
    return cluster(analyse(texts, "english"), articles, THRESHOLD)


def test_paraphrases_from_different_articles_share_a_cluster():
    assert labels(FLOOD, ["a", "b", "c"]) == [0, 0, 0]


def test_unrelated_sentences_stay_apart():
    assert labels([FLOOD[0], RATES[0], FOOTBALL], ["a", "b", "c"]) == [0, 1, 2]


def test_two_sentences_of_one_article_never_share_a_cluster():
    texts = [FLOOD[0], FLOOD[0], FLOOD[1], RATES[0]]
    found = labels(texts, ["a", "a", "b", "b"])
    assert found[0] != found[1]
    assert found[2] in (found[0], found[1])


def test_labels_are_numbered_by_first_appearance():
    texts = [RATES[0], FLOOD[0], FOOTBALL, RATES[1], FLOOD[1]]
    assert labels(texts, ["a", "a", "a", "b", "b"]) == [0, 1, 2, 0, 1]


def test_sentences_without_content_words_stay_alone():
    assert labels(["And then it was over.", "And then it was over."], ["a", "b"]) == [0, 1]


@pytest.mark.parametrize(("texts", "expected"), [([], []), ([FLOOD[0]], [0])])
def test_no_or_one_sentence(texts, expected):
    assert labels(texts, ["a"] * len(texts)) == expected
