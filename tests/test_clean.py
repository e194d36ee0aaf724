import pytest

from summarizer.clean import clean

OUTLET = "Harbour Gazette"
LEAD = "Heavy rain caused the river to burst its banks in the lower town on Tuesday."
END = "Forecasters expect the rain to ease by Thursday, the weather service said."


@pytest.fixture
def cleaned(make_article):
    """The lines that survive cleaning a story with `lines` between its two sentences."""

    def run(*lines, source=OUTLET):
        text = "\n".join([LEAD, *lines, END])
        return clean(make_article(source=source, text=text)).text.splitlines()

    return run


BOILERPLATE = {
    "sign-in": ["Already a subscriber? Log in to keep reading."],
    "subscribe": ["Sign up for our free morning newsletter and never miss a story."],
    "unlock": ["Create a free account to unlock this article and many more."],
    "follow": ["Follow us on Facebook and Instagram for the latest updates."],
    "read-also-list": [
        "READ ALSO:",
        "- Is your town ready for the next storm?",
        "- Ferry services suspended until further notice.",
    ],
    "recommended-list": [
        "Recommended for you",
        "• Why the river keeps rising every autumn.",
        "• Mayor opens shelters in three schools.",
    ],
    "watch-heading": ["Watch: Drone footage shows the flooded streets of the lower town."],
    "photo-caption": ["Residents wade through flood water near the market. Photo: Ana Ruiz/EPA."],
    "photo-credit-in-brackets": ["A rescue boat on the high street. (Photo credit: Tom Reyes)."],
    "agency-photo": ["Firefighters pump water out of a basement on Tuesday. AFP Photo."],
    "video-by": ["Aerial views of the flooded valley. Video by Marta Gil."],
    "syndication": [
        "(This story has not been edited by Harbour Gazette staff and is "
        "auto-generated from a syndicated feed.)"
    ],
    "copyright": ["Copyright 2024 Harbour Gazette Media Group. All rights reserved."],
    "outlet-self-description": [
        "Harbour Gazette is the leading independent news website of the south coast."
    ],
    "source-line": ["Source: Reuters"],
    "source-line-with-stop": ["Source: Agencies."],
    "agency-in-brackets": ["(AFP)"],
    "reporting-credits": ["Reporting by Jane Doe; Editing by John Roe."],
    "widget": [
        "list of 4 items list 1 of 4 Why the river keeps rising every autumn in the north "
        "list 2 of 4 Mayor opens shelters in three schools end of list"
    ],
}


@pytest.mark.parametrize("lines", BOILERPLATE.values(), ids=BOILERPLATE.keys())
def test_boilerplate_is_removed_and_the_story_kept(cleaned, lines):
    assert cleaned(*lines) == [LEAD, END]


@pytest.mark.parametrize(
    "line",
    [
        "The union, which has 40,000 members across the region, said its volunteers would "
        "keep filling sandbags until the water had gone down in every street.",
        "The local paper said it had gained thousands of new subscribers since the floods "
        "began, as residents looked for news about road closures and shelters.",
        "Officials said: the water will recede by Friday if the rain stops.",
        "Watchdogs criticised the council for the slow response to the warnings.",
    ],
)
def test_story_sentences_are_kept(cleaned, line):
    assert cleaned(line) == [LEAD, line, END]


def test_sentence_starting_with_sources_is_kept(cleaned):
    line = "Sources said the talks would resume in Geneva next week."
    assert cleaned(line) == [LEAD, line, END]


def test_sentence_naming_a_word_of_the_outlet_is_kept(cleaned):
    line = "Troops from India joined the peacekeeping mission last year."
    assert cleaned(line, source="The Tribune (India) via ANI") == [LEAD, line, END]


def test_a_caption_inside_a_paragraph_takes_only_its_own_sentence(make_article):
    # Some corpora give each page's text as one line, a caption and all.
    story = [LEAD, "Two bridges were closed to traffic.", "Schools will reopen on Monday.", END]
    caption = "Rescuers on the high street enlarge this image toggle caption Tom Reyes/AP."
    line = " ".join([story[0], caption, *story[1:]])
    assert clean(make_article(text=line)).text == " ".join(story)


def test_a_gallery_of_captions_goes_whole(cleaned):
    gallery = (
        "Rescuers reach the lower town. Photo by Tom Reyes. "
        "A boat on the high street. Photo by Ana Ruiz."
    )
    assert cleaned(gallery) == [LEAD, END]


def test_trailing_agency_credit_is_cut(cleaned):
    assert cleaned("Two bridges were closed to traffic. (AFP)") == [
        LEAD,
        "Two bridges were closed to traffic.",
        END,
    ]


STORY = "Troops arrived in the capital on Monday."


@pytest.mark.parametrize(
    "dateline",
    [
        "LONDON (AP) _ ",
        "Sept. 5 (UPI) -- ",
        "Moscow [Russia] September 5 (ANI): ",
        "New Delhi [India], September 5 (ANI): ",
        "KYIV, Ukraine (AP) — ",
        "PARIS — ",
        "PARIS (Reuters) - ",
        "NEW YORK, Sept 5 (Reuters) - ",
        "WASHINGTON ― ",
        "RAFAH, Gaza Strip _ ",
    ],
)
def test_dateline_is_removed(cleaned, dateline):
    assert cleaned(dateline + STORY) == [LEAD, STORY, END]


@pytest.mark.parametrize(
    "line",
    [
        "Officials said: Troops arrived in the capital on Monday.",
        "Paris — Troops arrived in the capital on Monday.",
        'The minister said: "Troops arrived in the capital on Monday."',
    ],
)
def test_text_that_only_looks_like_a_dateline_is_kept(cleaned, line):
    assert cleaned(line) == [LEAD, line, END]


def test_title_is_lifted_from_a_first_heading_line(make_article):
    text = f"Floods cut off coastal towns\nFloods cut off coastal towns\n{LEAD}"
    article = clean(make_article(text=text))
    assert article.title == "Floods cut off coastal towns"
    assert article.text == LEAD


def test_given_title_is_kept_and_headings_dropped(make_article):
    article = clean(make_article(title="Given title", text=f"Storm latest\n{LEAD}"))
    assert (article.title, article.text) == ("Given title", LEAD)


def test_repeated_lines_are_kept_once(cleaned):
    assert cleaned(LEAD.upper(), END) == [LEAD, END]


def test_clean_leaves_the_input_unchanged(make_article):
    article = make_article(text=f"Storm latest\n{LEAD}\nSource: Reuters")
    before = (article.title, article.text)
    clean(article)
    assert (article.title, article.text) == before


def test_an_unpunctuated_block_loses_only_its_boilerplate_phrase(make_article):
    spoken = "so we went down to the river and we saw the boats come in one by one "
    after = "and then the water came up over the road and everyone ran for the hills"
    block = spoken * 3 + "Photo by Jane Doe/AFP " + after
    cleaned = clean(make_article(text=block)).text
    assert cleaned == " ".join((spoken * 3 + after).split())
    # A caption with its credit on a line of its own still goes whole.
    caption = "Smoke rises over the city on Monday. Photo by Jane Doe/AFP"
    assert clean(make_article(text=f"{caption}\nRescuers reached the town.")).text == (
        "Rescuers reached the town."
    )


def test_a_pasted_block_with_a_caption_phrase_is_still_summarized(make_article):
    from summarizer.config import Settings
    from summarizer.pipeline import summarize

    block = (
        "so we went down to the river and we saw the boats come in one by one "
        "Photo by Jane Doe and then the water came up over the road and everyone ran "
        "for the hills while the sirens went on and on through the night and the next day"
    )
    briefing = summarize([make_article(text=block)], Settings(sentences=1))
    assert [item.text for item in briefing.items] == [block.replace("Photo by Jane Doe ", "")]
