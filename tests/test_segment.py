import pytest

from summarizer.segment import SumyTokenizer, is_complete, split_sentences, words


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Mr. Lopez met Dr. Chen on Sept. 5 in Madrid. They talked for an hour.",
            ["Mr. Lopez met Dr. Chen on Sept. 5 in Madrid.", "They talked for an hour."],
            id="titles-and-month",
        ),
        pytest.param(
            "The U.S. Navy sent two ships. Both arrived on Monday.",
            ["The U.S. Navy sent two ships.", "Both arrived on Monday."],
            id="us-mid-sentence",
        ),
        pytest.param(
            "The talks were backed by the U.S. The meeting ended early.",
            ["The talks were backed by the U.S.", "The meeting ended early."],
            id="us-at-sentence-end",
        ),
        pytest.param(
            "J. K. Rowling wrote it. She lives in Edinburgh.",
            ["J. K. Rowling wrote it.", "She lives in Edinburgh."],
            id="initials",
        ),
        pytest.param(
            "Prices rose 3.5 percent in May. Wages fell 1.2 percent.",
            ["Prices rose 3.5 percent in May.", "Wages fell 1.2 percent."],
            id="decimals",
        ),
        pytest.param(
            "The vote opens at 3 p.m. on Friday. It closes at 9 p.m. The count starts at once.",
            [
                "The vote opens at 3 p.m. on Friday.",
                "It closes at 9 p.m.",
                "The count starts at once.",
            ],
            id="times",
        ),
        pytest.param(
            "“We are ready. Come to Moscow,” he said. Then he left.",
            ["“We are ready. Come to Moscow,” he said.", "Then he left."],
            id="curly-quote-closes-later",
        ),
        pytest.param(
            '"Why? Because it is impossible," Putin said. He left.',
            ['"Why? Because it is impossible," Putin said.', "He left."],
            id="straight-quote-with-question",
        ),
        pytest.param(
            'He said, "We are ready." Then he left.',
            ['He said, "We are ready."', "Then he left."],
            id="quote-ends-sentence",
        ),
        pytest.param(
            'The show is " good day. " kelly said he would return. Then he left.',
            ['The show is " good day. "', "kelly said he would return.", "Then he left."],
            id="tokenized-closing-quote-stays-with-its-sentence",
        ),
        pytest.param(
            'A rep confirmed it. " their focus is their son. We ask for privacy, " she said.',
            ["A rep confirmed it.", '" their focus is their son. We ask for privacy, " she said.'],
            id="tokenized-quote-opens-lower-case-sentence",
        ),
        pytest.param(
            'The trip was over. " he said it was not. He left.',
            ["The trip was over.", '" he said it was not.', "He left."],
            id="quote-left-open-still-starts-a-sentence",
        ),
        pytest.param(
            "Rates rose. the bank said so. Markets fell.",
            ["Rates rose. the bank said so.", "Markets fell."],
            id="lower-case-without-quote-is-no-boundary",
        ),
        pytest.param(
            "Is the war over? No! It is not.",
            ["Is the war over?", "No!", "It is not."],
            id="question-and-exclamation",
        ),
        pytest.param(
            "Floods in the north\nThe river burst its banks. Nobody was hurt.",
            ["Floods in the north", "The river burst its banks.", "Nobody was hurt."],
            id="heading-line-stays-separate",
        ),
        pytest.param(
            "The first line ends here\n\n  and   the   second   is folded.",
            ["The first line ends here", "and the second is folded."],
            id="lines-never-glued",
        ),
        pytest.param("...\n—\n", [], id="no-letters"),
    ],
)
def test_split_sentences(text, expected):
    assert split_sentences(text) == expected


def test_common_word_that_is_also_an_abbreviation_ends_a_sentence():
    text = "Crowds waited for hours in the sun. Then the gates opened."
    assert split_sentences(text) == [
        "Crowds waited for hours in the sun.",
        "Then the gates opened.",
    ]


@pytest.mark.parametrize(
    ("sentence", "complete"),
    [
        ("The river burst its banks.", True),
        ("Is it over?", True),
        ("He said “go.”", True),
        ('The show is " good day. "', True),
        ("(It rained all week.)", True),
        ("And then…", True),
        ("Floods in the north", False),
        ("Read more:", False),
        ("", False),
    ],
)
def test_is_complete(sentence, complete):
    assert is_complete(sentence) is complete


def test_words_keep_inner_hyphens_apostrophes_and_dots():
    assert words("Putin’s well-known U.S. policy: 3.5% (don't!)") == (
        "Putin’s",
        "well-known",
        "U.S",
        "policy",
        "3.5",
        "don't",
    )


def test_sumy_tokenizer_uses_our_rules():
    tokenizer = SumyTokenizer()
    assert tokenizer.language == "english"
    assert tokenizer.to_sentences("Mr. Lopez left. Dr. Chen came.") == (
        "Mr. Lopez left.",
        "Dr. Chen came.",
    )
    assert tokenizer.to_words("Mr. Lopez left.") == ("Mr", "Lopez", "left")
