import math

import pytest

from summarizer.errors import ConfigError
from summarizer.lexicon import analyse
from summarizer.rank import RANKERS, make_ranker

# (text, article, position): one fact told by four outlets, and an aside in three of them.
STORY = [
    ("The mayor opened a new library in the old market hall on Monday.", "a", 0),
    ("Heavy rain flooded the coastal town of Valencia on Tuesday.", "a", 1),
    ("The central bank raised interest rates by half a point.", "b", 0),
    ("The coastal town of Valencia was flooded by heavy rain on Tuesday.", "b", 1),
    ("Football fans celebrated the cup final win late into the night.", "c", 0),
    ("Valencia, a coastal town, saw flooding after heavy rain on Tuesday.", "c", 1),
    ("Valencia, a coastal town, saw flooding after heavy rain on Tuesday.", "d", 0),
]


@pytest.fixture
def story(make_sentence):
    sentences = [make_sentence(text, article, position) for text, article, position in STORY]
    return sentences, analyse([s.text for s in sentences], "english")


@pytest.mark.parametrize("name", RANKERS)
def test_ranker_contract(name, story):
    sentences, lexicon = story
    before = (list(sentences), lexicon.terms, lexicon.vectors.toarray())
    ranker = make_ranker(name, "english")

    scores = ranker(sentences, lexicon)

    assert len(scores) == len(sentences)
    assert all(isinstance(s, float) and (math.isfinite(s) or s == -math.inf) for s in scores)
    assert ranker(sentences, lexicon) == scores
    assert make_ranker(name, "english")(sentences, lexicon) == scores
    assert (list(sentences), lexicon.terms) == before[:2]
    assert (lexicon.vectors.toarray() == before[2]).all()
    assert ranker([], analyse([], "english")) == []


def test_coverage_prefers_what_several_outlets_share(story):
    sentences, lexicon = story
    scores = make_ranker("coverage", "english")(sentences, lexicon)
    shared = [score for s, score in zip(sentences, scores, strict=True) if "Valencia" in s.text]
    aside = [score for s, score in zip(sentences, scores, strict=True) if "Valencia" not in s.text]
    assert max(shared) > max(aside)
    assert max(scores) in shared


def test_unknown_ranker_lists_the_valid_names():
    with pytest.raises(ConfigError, match="unknown ranker 'pagerank'") as error:
        make_ranker("pagerank", "english")
    assert all(name in str(error.value) for name in RANKERS)


def test_ranker_names_are_case_insensitive():
    assert type(make_ranker("LexRank", "english")) is type(make_ranker("lexrank", "english"))


def test_sumy_ranker_with_an_unknown_language_lists_the_known_ones():
    from summarizer.rank.sumy_rankers import SumyRanker

    with pytest.raises(ConfigError, match="unknown language 'klingon'; choose one of: arabic, "):
        SumyRanker("lexrank", language="klingon")
