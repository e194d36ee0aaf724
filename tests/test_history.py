"""Daily runs on one archive (a real SQLite file in tmp_path): what is new, what continues."""

import datetime as dt
from dataclasses import replace

import pytest

from summarizer.archive import open_archive
from summarizer.config import Settings
from summarizer.daily import summarize_story
from summarizer.errors import InputError
from summarizer.history import brief, unseen
from summarizer.model import Article, Seen
from summarizer.pipeline import prepare
from summarizer.render import digest_context, render
from summarizer.stories import Terms
from tests.conftest import FINAL, FLOOD, FLOOD_2, FLOOD_3, RATES, RATES_2

FLOOD_4 = (
    "Floodwaters began to recede from the streets of Valencia on Thursday as rescuers found "
    "the three people who had been missing since the flash floods, all of them alive. The "
    "regional government said schools in Valencia would reopen on Monday."
)
SETTINGS = Settings(sentences=2)

# Two events on one subject, four days apart: a council's vote to fund a tram line, and the
# public hearing on its route that the vote's last report announced.
VOTE = (
    "The Northbridge city council voted on Monday to fund the new tram line across the "
    "river, approving 400 million for tracks, depots and twenty trams. Mayor Elena Ruiz "
    "called the vote a historic day for commuters. Councillors voted 31 to 12 after a debate "
    "that lasted into the night."
)
VOTE_2 = (
    "Councillors in Northbridge approved the tram line by 31 votes to 12 on Monday night, "
    "releasing 400 million for tracks, two depots and twenty trams. Mayor Elena Ruiz said the "
    "vote was historic and that construction could begin next spring."
)
VOTE_3 = (
    "A day after the council vote, Mayor Elena Ruiz said the Northbridge tram line would be "
    "built by Harlow Rail, which won the tender last year. Residents along the planned route "
    "will be heard at a public hearing on Thursday, the council said, before the tracks are "
    "laid."
)
HEARING = (
    "Hundreds of residents packed the public hearing on the Northbridge tram route on "
    "Thursday, objecting to tracks through the Old Mill district. Shopkeepers on Canal Street "
    "said months of works would ruin them, and a petition with 5,000 signatures was handed to "
    "the council."
)
HEARING_2 = (
    "Old Mill residents and Canal Street shopkeepers filled the public hearing on the "
    "Northbridge tram route on Thursday, demanding that the tracks be moved away from their "
    "homes. Their petition carried 5,000 signatures."
)


def at(day: int) -> dt.datetime:
    return dt.datetime(2026, 11, day, 7, 0, tzinfo=dt.UTC)


def article(id_, source, text, title, day, url=""):
    return Article(id_, source, text, title, url, f"2026-11-{day:02d}T06:00:00")


DAY_1 = [
    article("flood-c", "Morning Post", FLOOD_3, "Rescuers work through the night", 21),
    article(
        "rates-b", "Market Wire", RATES_2, "Rates up again", 21, "https://mw.example/r?utm_source=x"
    ),
]
DAY_2 = [
    article("flood-a", "Coast Herald", FLOOD, "Floods hit Valencia", 22),
    article("flood-b", "Wire Service", FLOOD_2, "Three missing in floods", 22),
    article("rates-a", "Money Daily", RATES, "Central bank raises rates", 22),
    article("final-a", "Sports Desk", FINAL, "Late header wins the cup", 22),
]
DAY_3 = [
    *DAY_2,  # yesterday's entries are still in the feeds
    replace(DAY_1[1], url="https://mw.example/r"),  # the same link without its tracking
    article("flood-e", "Coast Herald", FLOOD_4, "Missing three found alive", 23),
]


def run(path, articles, day, **options):
    with open_archive(path) as archive:
        fresh = unseen(archive, articles)
        digest, _ = brief(archive, fresh, SETTINGS, now=at(day), max_stories=0, **options)
    return digest


def by_title(digest):
    data = digest_context(digest)
    return {story["title"]: story for story in data["stories"]}, data


@pytest.fixture
def replay(tmp_path):
    path = tmp_path / "archive.sqlite"
    return path, [
        run(path, articles, day) for articles, day in ((DAY_1, 21), (DAY_2, 22), (DAY_3, 23))
    ]


def test_articles_already_archived_are_not_counted_again(replay):
    path, digests = replay
    assert [d.new_articles for d in digests] == [2, 4, 1]
    with open_archive(path) as archive:
        assert archive.stats()["articles"] == 7


def test_a_story_keeps_its_id_across_days_and_is_marked_developing(replay):
    _, (first, second, third) = replay
    stories_1, _ = by_title(first)
    _, data_2 = by_title(second)
    stories_3, data_3 = by_title(third)
    flood_1 = stories_1["Rescuers work through the night"]
    assert flood_1["status"] == "new" and flood_1["first_seen"] == "2026-11-21T07:00:00Z"
    flood_2 = next(s for s in data_2["stories"] if "flood-a" in s["articles"])
    assert flood_2["id"] == flood_1["id"]
    assert flood_2["status"] == "developing" and flood_2["first_seen"] == flood_1["first_seen"]
    assert {"flood-a", "flood-b", "flood-c"} <= set(flood_2["articles"])
    # the cup final is new on day 2; the rates story continues
    final = next(s for s in data_2["stories"] if "final-a" in s["articles"])
    assert final["status"] == "new" and final["id"] not in {s["id"] for s in stories_1.values()}
    rates_2 = next(s for s in data_2["stories"] if "rates-a" in s["articles"])
    assert rates_2["id"] == stories_1["Rates up again"]["id"]
    # day 3: only the flood story gained an article, and only it is briefed
    assert [s["id"] for s in data_3["stories"]] == [flood_1["id"]]
    assert data_3["new_articles"] == 1 and "flood-e" in data_3["stories"][0]["articles"]
    assert stories_3  # titled


def test_items_are_new_when_nothing_in_them_was_seen_before_and_lead(replay):
    # New: no credited article was archived by an earlier run, and no earlier briefing of
    # the story showed the sentence. New items come first.
    _, digests = replay
    archived: set[str] = set()
    shown: dict[str, set[str]] = {}
    flags = []
    for digest in digests:
        for story, known in zip(digest.stories, digest.continuity, strict=True):
            before = shown.setdefault(known.id, set())
            for item, new in zip(story.items, known.new_items, strict=True):
                assert new is (not archived & set(item.article_ids) and item.text not in before)
                flags.append(new)
            assert list(known.new_items) == sorted(known.new_items, reverse=True)
            before.update(item.text for item in story.items)
        archived.update(a.id for story in digest.stories for a in story.articles)
    assert True in flags and False in flags


def test_a_developing_story_leads_with_what_its_new_articles_report(replay):
    path, (first, second, third) = replay
    [flood] = third.stories
    [known] = third.continuity
    assert known.status == "developing"
    shown = {
        item.text
        for digest in (first, second)
        for story, c in zip(digest.stories, digest.continuity, strict=True)
        if c.id == known.id
        for item in story.items
    }
    # Day 3 brought one article (flood-e): the three missing were found alive. Its news
    # leads, not the day before's most reported facts, which are still the best ranked.
    assert flood.items[0].article_ids == ("flood-e",) and known.new_items[0]
    assert "found the three people who had been missing" in flood.items[0].text
    assert all(item.text not in shown for item in flood.items if item.new)
    unaware = summarize_story(list(flood.articles), SETTINGS)
    assert unaware.items[0].text in shown  # what the reader would have seen again
    # ...under the headline of an article that reports the news
    assert (flood.title, unaware.title) == ("Missing three found alive", "Three missing in floods")
    # Extractive, and credited as the story's briefing credits each sentence anyway.
    every = {
        i.text: i
        for i in summarize_story(list(flood.articles), replace(SETTINGS, sentences=99)).items
    }
    for item in flood.items:
        assert item.text in every
        assert replace(item, new=False) == replace(every[item.text], new=False)
    # The same runs on another archive give the same digest, byte for byte.
    other = path.parent / "other.sqlite"
    again = [run(other, articles, day) for articles, day in ((DAY_1, 21), (DAY_2, 22), (DAY_3, 23))]
    assert render(again[-1], "json") == render(third, "json")


def test_a_sentence_an_earlier_briefing_showed_is_not_new_from_another_article():
    # An article the story's window no longer holds showed it; a new one reprints it.
    articles = [
        prepare(article("flood-a", "Coast Herald", FLOOD, "Floods hit Valencia", 22)),
        prepare(article("flood-b", "Wire Service", FLOOD_2, "Three missing", 22)),
    ]
    plain = summarize_story(articles, SETTINGS)
    lead = plain.items[0].text
    told = summarize_story(articles, SETTINGS, Seen(sentences=frozenset([lead])))
    assert [i.new for i in told.items] == [True, True] and lead not in {i.text for i in told.items}
    nothing = summarize_story(articles, SETTINGS, Seen())
    assert [replace(i, new=False) for i in nothing.items] == list(plain.items)
    assert all(i.new for i in nothing.items) and not any(i.new for i in plain.items)
    assert nothing.title == told.title == plain.title  # no article seen: the usual headline


def test_a_date_briefs_that_day_from_the_archive_and_the_input(replay):
    path, _ = replay
    digest = run(path, [], 22, date=dt.date(2026, 11, 22))
    ids = sorted(a.id for story in digest.stories for a in story.articles)
    assert ids == ["final-a", "flood-a", "flood-b", "rates-a"]
    assert digest.new_articles == 0 and digest.date == "2026-11-22"
    with pytest.raises(InputError, match="no articles published on 2026-11-30"):
        run(path, [], 30, date=dt.date(2026, 11, 30))


def test_since_a_day_briefs_the_stories_that_gained_articles_since(replay):
    path, _ = replay
    digest = run(path, [], 24, since="2026-11-22")
    stories, _ = by_title(digest)
    assert len(stories) == 3  # flood, rates and the final all gained articles from the 22nd
    assert {s["status"] for s in stories.values()} == {"new", "developing"}


def test_ids_taken_by_archived_articles_are_not_reused(tmp_path):
    path = tmp_path / "a.sqlite"
    run(path, [article("entry-1", "Coast Herald", FLOOD, "Floods", 21)], 21)
    digest = run(path, [article("entry-1", "Sports Desk", FINAL, "Final", 22)], 22)
    assert [a.id for a in digest.stories[0].articles] == ["entry-1-2"]


def test_the_same_input_gives_the_same_story_ids(tmp_path):
    ids = []
    for name in ("one.sqlite", "two.sqlite"):
        digest = run(tmp_path / name, DAY_2, 22)
        ids.append([c.id for c in digest.continuity])
    assert ids[0] == ids[1] and len(set(ids[0])) == 3


def test_a_new_event_on_the_same_subject_days_later_starts_its_own_story(tmp_path):
    # The hearing's reports are as alike to the vote's latest report as reports of one event
    # (they share its names, route and hearing); judged against the vote's three articles,
    # as one run holding all five would judge them, they are another event.
    path = tmp_path / "a.sqlite"
    runs = [
        ([article("vote-a", "City Post", VOTE, "Council funds the tram line", 20),
          article("vote-b", "Metro Wire", VOTE_2, "Tram line approved", 20)], 20),
        ([article("vote-c", "Evening Star", VOTE_3, "Harlow Rail to build the tram", 21)], 21),
        ([article("hearing-a", "City Post", HEARING, "Residents object to tram route", 24),
          article("hearing-b", "Metro Wire", HEARING_2, "Old Mill wants a new route", 24)], 24),
    ]  # fmt: skip
    for articles, day in runs:
        run(path, articles, day)
    with open_archive(path, write=False) as archive:
        story = {row["id"]: row["story"] for row in archive.export()}
    assert story["vote-a"] == story["vote-b"] == story["vote-c"]  # the vote continues
    assert story["hearing-a"] == story["hearing-b"]
    assert story["hearing-a"] != story["vote-a"]


def test_a_run_keeps_each_articles_terms_as_the_grouping_reads_them(tmp_path):
    path = tmp_path / "a.sqlite"
    run(path, DAY_2, 22)
    with open_archive(path, write=False) as archive:
        kept = {stored.article.id: stored.terms for stored in archive.latest(10)}
    read = {one.id: Terms.read(prepare(one), "english") for one in DAY_2}
    assert {i: Terms.loads(kept[i]) for i in read} == read
    assert any(terms.names for terms in read.values())  # names are kept apart from words
    assert Terms.loads("") is None
