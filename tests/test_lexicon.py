import numpy as np
import pytest

from summarizer import lexicon
from summarizer.errors import ConfigError
from summarizer.lexicon import analyse, content_terms

TEXTS = [
    "Heavy rain flooded the coastal town of Valencia on Tuesday.",
    "The coastal town of Valencia was flooded by heavy rain, and rain fell again.",
    "The central bank raised interest rates by half a point.",
    "And then it was over.",  # no content words
    "Rates, rates, rates: the bank raised them.",
]


def test_content_terms_are_stemmed_without_stopwords_or_numbers():
    assert content_terms("The 3 floods were flooding 12.5 towns", "english") == (
        "flood",
        "flood",
        "town",
    )


def test_vectors_are_unit_rows_and_empty_texts_are_zero():
    vectors = analyse(TEXTS, "english").vectors.toarray()
    norms = np.linalg.norm(vectors, axis=1)
    assert np.allclose(norms, [1, 1, 1, 0, 1])


def test_similarity_is_the_cosine_of_the_vectors():
    found = analyse(TEXTS, "english")
    vectors = found.vectors.toarray()
    assert np.allclose(found.similarity(), vectors @ vectors.T)
    assert found.similarity()[0, 1] > 0.5 > found.similarity()[0, 2]


def test_the_sparse_product_for_large_inputs_gives_the_same_similarity(monkeypatch):
    small = analyse(TEXTS, "english").similarity()
    monkeypatch.setattr(lexicon, "PAIRS_IN_NUMPY", 0)
    assert np.allclose(analyse(TEXTS, "english").similarity(), small)


@pytest.mark.parametrize("texts", [[], ["And then."]])
def test_no_texts_or_no_terms(texts):
    found = analyse(texts, "english")
    assert found.similarity().shape == (len(texts), len(texts))
    assert not found.similarity().any()


def test_unknown_language_lists_the_known_ones():
    with pytest.raises(ConfigError, match=r"unknown language 'klingon'; choose one of: .*english"):
        analyse(["text"], "klingon")


def test_a_sharper_idf_weighs_rare_terms_more_and_a_floor_on_documents_lifts_shared_ones():
    # Term ids in order of first use: flood 0, valencia 1, rain 2, bank 3.
    terms = (("flood", "valencia"), ("flood", "rain"), ("flood", "rain"), ("bank",))
    plain = lexicon.vectorise(terms).vectors.toarray()
    sharp = lexicon.vectorise(terms, idf_power=2.0).vectors.toarray()
    # "valencia" (in one text) against "flood" (in three): the sharper idf widens the gap.
    assert sharp[0, 1] / sharp[0, 0] > plain[0, 1] / plain[0, 0] > 1
    floored = lexicon.vectorise(terms, min_documents=100)
    assert floored.similarity()[0, 1] > lexicon.vectorise(terms).similarity()[0, 1]
    assert np.allclose(lexicon.vectorise(terms, min_documents=2).vectors.toarray(), plain)
