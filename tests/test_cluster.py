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


@pytest.mark.parametrize("seed", range(20))
def test_average_linkage_cuts_the_same_clusters_as_scipy(seed):
    import numpy as np
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    from summarizer.cluster import average_linkage

    rng = np.random.default_rng(seed)
    points = rng.random((40, 6)) ** 3  # skewed, so that clusters of several sizes form
    points /= np.linalg.norm(points, axis=1, keepdims=True)
    similarity = points @ points.T
    threshold = 0.6 + 0.3 * rng.random()
    ours = average_linkage(similarity, threshold)
    distance = np.clip(1.0 - similarity, 0.0, None)
    np.fill_diagonal(distance, 0.0)
    tree = linkage(squareform(distance, checks=False), method="average")
    theirs = fcluster(tree, t=1.0 - threshold, criterion="distance")
    same_ours = ours[:, None] == ours[None, :]
    same_theirs = theirs[:, None] == theirs[None, :]
    assert (same_ours == same_theirs).all()
    assert 1 < len(set(ours)) < len(ours)  # the case is not trivial


def test_a_sentence_without_content_words_printed_by_several_outlets_is_one_item():
    from summarizer import Article, summarize

    text = (
        "A fire killed five workers at the textile factory on Wednesday. "
        "The cause is not yet known."
    )
    briefing = summarize([Article(id=f"k{n}", source=f"Outlet {n}", text=text) for n in range(3)])
    assert [(item.text, len(item.sources)) for item in briefing.items] == [
        ("A fire killed five workers at the textile factory on Wednesday.", 3),
        ("The cause is not yet known.", 3),
    ]
