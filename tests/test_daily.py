import datetime as dt
import json
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.config import Settings
from summarizer.daily import brief
from summarizer.errors import InputError
from summarizer.model import Article
from summarizer.render import render_email_text


def titles(digest):
    return [story.title for story in digest.stories]


def test_every_article_lands_in_exactly_one_story(news_pool):
    digest = brief(news_pool, max_stories=0)
    placed = [article.id for story in digest.stories for article in story.articles]
    assert sorted(placed) == sorted(a.id for a in news_pool)
    assert digest.total == len(digest.stories) == 3
    assert digest.articles == len(news_pool)


def test_stories_group_the_same_event_and_order_by_outlets_then_recency(news_pool):
    digest = brief(news_pool, max_stories=0)
    grouped = [{a.id for a in story.articles} for story in digest.stories]
    assert grouped == [
        {"flood-a", "flood-b", "flood-c", "flood-d"},
        {"rates-a", "rates-b"},
        {"final-a"},
    ]
    assert [len(story.outlets) for story in digest.stories] == [4, 2, 1]


def test_recency_breaks_ties_between_equally_covered_stories(make_article):
    older = make_article(
        id="old",
        text="The museum reopened its famous gallery of ancient "
        "maps after a long restoration of the painted ceiling.",
        published="2026-11-20",
    )
    newer = make_article(
        id="new",
        text="A comet passed close to the planet and astronomers "
        "photographed its bright tail from the mountain observatory.",
        published="2026-11-22T09:00:00",
    )
    digest = brief([older, newer], max_stories=0)
    assert [story.articles[0].id for story in digest.stories] == ["new", "old"]


def test_items_are_printed_text_credited_within_their_story(news_pool):
    by_id = {a.id: a for a in news_pool}
    for story in brief(news_pool, max_stories=0).stories:
        assert 1 <= len(story.items) <= 2
        for item in story.items:
            assert item.text in by_id[item.article_id].text
            assert set(item.article_ids) <= {a.id for a in story.articles}
            assert item.sources == tuple(dict.fromkeys(by_id[i].source for i in item.article_ids))


def test_a_wire_copy_is_summarized_once_and_its_outlet_still_credited(news_pool, monkeypatch):
    from summarizer import daily

    summarized = []

    def recording(articles, settings, **options):
        summarized.append(([a.id for a in articles], sorted(options["reports"])))
        return real(articles, settings, **options)

    real = daily.summarize_prepared
    monkeypatch.setattr(daily, "summarize_prepared", recording)
    flood = brief(news_pool, max_stories=1).stories[0]
    # Every article is credited and checked; flood-d reprints flood-b, so it weighs on
    # nothing that is chosen.
    assert summarized == [
        (["flood-a", "flood-b", "flood-c", "flood-d"], ["flood-a", "flood-b", "flood-c"])
    ]
    for item in flood.items:
        assert ("flood-b" in item.article_ids) == ("flood-d" in item.article_ids)
        if "flood-d" in item.article_ids:
            assert "Town Gazette" in item.sources


def test_max_stories_keeps_the_most_widely_reported(news_pool):
    digest = brief(news_pool, max_stories=2)
    assert len(digest.stories) == 2 and digest.total == 3
    assert "final-a" not in {a.id for story in digest.stories for a in story.articles}


def test_sentences_per_story_bounds_each_story(news_pool):
    digest = brief(news_pool, Settings(sentences=1), max_stories=0)
    assert [len(story.items) for story in digest.stories] == [1, 1, 1]


def test_date_keeps_the_articles_published_that_day(news_pool):
    digest = brief(news_pool, date=dt.date(2026, 11, 21), max_stories=0)
    assert sorted(a.id for s in digest.stories for a in s.articles) == ["flood-c", "rates-b"]
    assert digest.date == "2026-11-21"


def test_a_date_with_no_articles_says_so(news_pool):
    with pytest.raises(InputError, match="no articles published on 2026-11-30 among the 7 read"):
        brief(news_pool, date=dt.date(2026, 11, 30))


def test_undated_articles_are_left_out_by_date_with_a_warning(news_pool, caplog):
    undated = Article("undated", "Blog", news_pool[0].text)
    digest = brief([*news_pool, undated], date=dt.date(2026, 11, 22), max_stories=0)
    assert "undated" not in {a.id for s in digest.stories for a in s.articles}
    assert "1 articles give no publication date" in caplog.text


def test_a_story_without_sentences_is_still_listed_under_its_title(make_article):
    headline_only = make_article(id="h", text="", title="Markets close higher")
    digest = brief([headline_only], max_stories=0)
    assert titles(digest) == ["Markets close higher"]
    assert digest.stories[0].items == ()


def test_untitled_stories_are_headed_by_their_first_sentence_cut_short(make_article):
    text = (
        "The committee approved the long awaited plan to rebuild the old harbour bridge "
        "with steel from the northern mills by the end of next year. It will cost more."
    )
    digest = brief([make_article(id="u", text=text)], max_stories=0)
    assert titles(digest)[0].endswith(" …")
    assert text.startswith(titles(digest)[0].removesuffix(" …"))


def test_the_digest_is_deterministic(news_pool):
    assert brief(news_pool, max_stories=0) == brief(list(news_pool), max_stories=0)


def test_progress_sees_every_story_kept(news_pool):
    seen = []

    def progress(items, total):
        seen.append(total)
        for item in items:
            seen.append(item.title)
            yield item

    digest = brief(news_pool, max_stories=2, progress=progress)
    assert seen == [2, *(story.title for story in digest.stories)]


def test_stories_summarized_in_several_processes_come_out_the_same(news_pool, monkeypatch):
    from summarizer import daily

    monkeypatch.setattr(daily, "PARALLEL_FROM", 1)
    many = [
        replace(article, id=f"{article.id}-{day}", published=f"2026-11-{day:02d}")
        for day in range(1, 9)
        for article in news_pool
    ]
    assert brief(many, max_stories=0, jobs=2) == brief(many, max_stories=0, jobs=1)


def test_a_story_is_headed_by_its_most_central_title_without_the_outlet(news_pool):
    # The flood's titled originals: flood-a and flood-b (flood-d reprints flood-b, and a
    # copy adds no weight); flood-a is the more alike to the others.
    titled = [replace(a, title=f"{a.title} - {a.source}") if a.title else a for a in news_pool]
    flood = brief(titled, max_stories=1).stories[0]
    assert flood.title == "Floods hit Valencia"


def test_explain_says_what_each_storys_articles_share(news_pool):
    plain = brief(news_pool, max_stories=0)
    assert all(story.shared is None for story in plain.stories)
    explained = brief(news_pool, max_stories=0, explain=True)
    flood, rates, final = explained.stories
    assert "Valencia" in flood.shared.names
    assert {"floods", "rain"} & set(flood.shared.terms)
    assert "bank" in rates.shared.terms and "borrowing" in rates.shared.terms
    assert final.shared.names == final.shared.terms == ()  # alone: nothing shared
    assert [s.items for s in explained.stories] == [s.items for s in plain.stories]
    assert "Joined on names: Valencia" in render_email_text(explained)
    assert "Joined on" not in render_email_text(plain)


# Issue 12 (faithful credits) in the briefing: copies that differ only in a figure, and a
# copy credited with another outlet's wording of a sentence it prints word for word.
FLOOD_FIGURE = (
    "Floodwaters swept through the river valley on Sunday, and the mayor's office said {} "
    "people had died. Rescuers were searching for dozens of missing residents in the "
    "worst-hit towns."
)
STORM = "At least {} people were killed when a storm hit the coast on Sunday, police said."


def _credits(briefing):
    """Each item's text, outlets and disputing outlets; each disagreement's versions."""
    items = sorted((i.text, i.sources, i.disputed_by) for i in briefing.items)
    differences = [
        (d.kind, [(c.value, c.sources) for c in d.claims]) for d in briefing.disagreements
    ]
    return items, differences


def _brief_and_summarize(articles):
    from summarizer.pipeline import summarize

    settings = Settings(sentences=3)
    digest = brief(articles, settings, max_stories=0)
    assert len(digest.stories) == 1
    return _credits(digest.stories[0]), _credits(summarize(articles, settings))


@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_a_copy_that_changes_a_figure_is_not_credited_with_the_other(make_article, order):
    versions = [
        make_article(id="h", source="Herald", title="Floods", text=FLOOD_FIGURE.format(14)),
        make_article(id="p", source="Planet", title="Floods", text=FLOOD_FIGURE.format(16)),
    ]
    (items, differences), expected = _brief_and_summarize([versions[i] for i in order])
    assert (items, differences) == expected
    deaths = next(item for item in items if "had died" in item[0])
    assert len(deaths[1]) == 1 and deaths[2] == tuple({"Herald", "Planet"} - set(deaths[1]))
    assert [sorted(value for value, _ in claims) for _, claims in differences] == [["14", "16"]]


def test_a_copy_with_an_updated_toll_is_an_update_not_a_copy(make_article):
    tail = " Power was cut to 40,000 homes."
    articles = [
        make_article(
            id="a",
            source="Wire A",
            title="Storm kills 5",
            text=STORM.format("five") + tail,
            published="2026-11-22T08:00:00Z",
        ),
        make_article(
            id="b",
            source="Wire B",
            title="Storm toll rises",
            text=STORM.format("nine") + tail,
            published="2026-11-22T18:00:00Z",
        ),
        make_article(
            id="c",
            source="Wire C",
            title="Coastal storm",
            text="A storm hit the coast on Sunday, killing at least 5 people, police "
            "said. Some 40,000 homes lost power.",
            published="2026-11-22T12:00:00Z",
        ),
    ]
    (items, differences), expected = _brief_and_summarize(articles)
    assert (items, differences) == expected
    assert [(kind, [v for v, _ in claims]) for kind, claims in differences] == [
        ("updated", ["five", "5", "nine"])  # one claim per outlet's own sentence
    ]
    power = next(item for item in items if "40,000" in item[0])
    assert power[1] == ("Wire A", "Wire B", "Wire C")


def test_a_copy_is_credited_with_another_outlets_wording_of_a_sentence_it_prints(make_article):
    wire = STORM.format("five") + " Power was cut to 40,000 homes."
    articles = [
        make_article(id="a", source="Wire A", title="Storm kills 5", text=wire),
        make_article(id="b", source="Daily B", title="Storm kills 5", text=wire),
        make_article(
            id="c",
            source="Wire C",
            title="Coastal storm",
            text="A storm hit the coast on Sunday, killing at least 5 people, police "
            "said. Some 40,000 homes lost power.",
        ),
    ]
    (items, differences), (expected_items, expected_differences) = _brief_and_summarize(articles)
    # The copy makes brief pick Wire C's wording where summarize picks the wire's; the
    # credits are the same: every outlet printed both facts.
    assert [item[0] for item in items] == [
        "A storm hit the coast on Sunday, killing at least 5 people, police said.",
        "Some 40,000 homes lost power.",
    ]
    assert [item[1:] for item in items] == [item[1:] for item in expected_items]
    assert differences == expected_differences == []
    for _, sources, disputed_by in items:
        assert (sources, disputed_by) == (("Wire A", "Daily B", "Wire C"), ())


# What `brief` credits and disputes is what `summarize` does for the same articles of one
# story, run through the real CLI: copies are collapsed for choosing, never for crediting.
def _cli_briefing(tmp_path, articles, command):
    """`summarizer COMMAND` on `articles` as JSON, 5 sentences (the story, for `brief`)."""
    from typer.testing import CliRunner

    from summarizer.cli import app

    path = tmp_path / "story.jsonl"
    path.write_text("\n".join(json.dumps(a) for a in articles) + "\n", encoding="utf-8")
    length = ["--sentences-per-story", "5"] if command == "brief" else ["--sentences", "5"]
    result = CliRunner().invoke(app, [command, str(path), "-f", "json", *length])
    assert result.exit_code == 0, result.output
    briefing = json.loads(result.stdout)
    if command == "brief":
        (briefing,) = briefing["stories"]
    return briefing


def _cli_credits(tmp_path, articles, command):
    """Each item's text, outlets and disputing outlets, and each disagreement's versions,
    from `summarizer COMMAND` on `articles`."""
    briefing = _cli_briefing(tmp_path, articles, command)
    items = [(i["text"], i["sources"], i["disputed_by"]) for i in briefing["items"]]
    differences = [
        (d["kind"], [(c["value"], c["sources"]) for c in d["claims"]])
        for d in briefing["disagreements"]
    ]
    return sorted(items), differences


def _story(text, *outlets, **fields):
    return [
        {"id": f"s{n}", "source": outlet, "title": f"Report {n}", "text": text, **fields}
        for n, outlet in enumerate(outlets)
    ]


def test_a_copy_that_rounds_a_figure_is_credited_with_it_as_summarize_does(tmp_path):
    text = (
        "The province now has {} registered voters, the electoral office said. "
        "Registration closed after six weeks."
    )
    (exact,) = _story(text.format("4.68 million"), "North Ledger")
    (rounded,) = _story(text.format("4.7 million"), "South Courier")
    (other,) = _story(text.format("a dozen districts and 9 million"), "East Bulletin")
    articles = [exact, {**rounded, "id": "r"}, {**other, "id": "o"}]
    (items, differences) = _cli_credits(tmp_path, articles, "brief")
    assert (items, differences) == _cli_credits(tmp_path, articles, "summarize")
    voters = next(item for item in items if "voters" in item[0])
    assert voters[1:] == (["North Ledger", "South Courier"], ["East Bulletin"])
    sides = [{v: set(s) for v, s in claims} for _, claims in differences]
    assert [set().union(*side.values()) for side in sides] == [
        {"North Ledger", "South Courier", "East Bulletin"}
    ]


@pytest.mark.parametrize("first", ["range", "within"])
def test_a_copy_whose_figure_agrees_in_other_words_keeps_its_credit(tmp_path, first):
    text = "Floodwater rose to {} metres at the weir on Friday. Schools in the valley closed."
    versions = {
        "range": {"id": "a", "source": "North Ledger", "text": text.format("between 4 and 5")},
        "within": {"id": "b", "source": "South Courier", "text": text.format("4.5")},
    }
    high = {"id": "c", "source": "East Bulletin", "text": text.format("7")}
    articles = [versions[first], *(v for k, v in versions.items() if k != first), high]
    articles = [{**a, "title": "Valley floods"} for a in articles]
    (items, differences) = _cli_credits(tmp_path, articles, "brief")
    assert (items, differences) == _cli_credits(tmp_path, articles, "summarize")
    water = next(item for item in items if "Floodwater" in item[0])
    assert sorted(water[1]) == ["North Ledger", "South Courier"]
    assert water[2] == ["East Bulletin"]


def test_an_outlets_later_figure_stays_beside_a_wire_copy_of_its_first(tmp_path):
    text = "At least {} climbers were stranded on Mount Ardent after a storm, rangers said."
    tail = " A helicopter dropped supplies."
    articles = [
        {
            "id": "m1",
            "source": "North Ledger",
            "url": "https://ledger.example/one",
            "title": "Climbers stranded",
            "published": "2026-11-20T07:00:00Z",
            "text": text.format(14) + tail,
        },
        {
            "id": "m2",
            "source": "North Ledger",
            "url": "https://ledger.example/two",
            "title": "More climbers stranded",
            "published": "2026-11-20T19:00:00Z",
            "text": text.format(23) + tail,
        },
        {  # a word-for-word copy of m1: one report, credited to both outlets
            "id": "m3",
            "source": "South Courier",
            "title": "Storm strands climbers",
            "published": "2026-11-20T10:00:00Z",
            "text": text.format(14) + tail,
        },
    ]
    (items, differences) = _cli_credits(tmp_path, articles, "brief")
    assert (items, differences) == _cli_credits(tmp_path, articles, "summarize")
    assert differences == [
        ("updated", [("14", ["North Ledger", "South Courier"]), ("23", ["North Ledger"])])
    ]


def test_wire_copies_weigh_once_and_are_credited_to_every_outlet(tmp_path):
    wire = (
        "The council of Brenmoor approved a tram line to the harbour on Monday. "
        "Tickets will cost the same as a bus fare, the transport office said."
    )
    own = (
        "Councillors in Brenmoor voted on Monday to build a tram line to the harbour. "
        "{} traders at the harbour market said the works would drive customers away."
    )
    articles = [
        *_story(wire, "Wire One", "Daily Two", "Evening Three"),
        {"id": "o1", "source": "Harbour Voice", "title": "Tram vote", "text": own.format("Angry")},
        {"id": "o2", "source": "Port Weekly", "title": "Tram", "text": own.format("Worried")},
    ]
    (items, _), (expected, _) = (
        _cli_credits(tmp_path, articles, command) for command in ("brief", "summarize")
    )
    # The same outlets credited with the same facts (the copies weigh once, so brief may
    # show another outlet's wording of one).
    assert sorted(i[1:] for i in items) == sorted(i[1:] for i in expected)
    fare = next(item for item in items if "bus fare" in item[0])
    assert fare[1] == ["Wire One", "Daily Two", "Evening Three"]
    # Read by reach: in brief the three copies are one report, so the traders' two
    # outlets come before the fare; summarize counts three articles for the fare.
    order = {
        command: [
            "traders" if "traders" in i["text"] else "fare" if "fare" in i["text"] else "vote"
            for i in _cli_briefing(tmp_path, articles, command)["items"]
        ]
        for command in ("brief", "summarize")
    }
    assert order == {"brief": ["vote", "traders", "fare"], "summarize": ["vote", "fare", "traders"]}


# The same as a property over generated stories: three facts with a figure each, told by
# outlets in digits, in words or with another value, some articles reprinted word for word
# by other outlets, some outlets writing twice.
FIGURED = (
    (
        "Floodwater cut off {} villages in the Marrow valley on Friday, the regional office said.",
        12,
        18,
    ),
    ("Crews evacuated {} families from the riverside estates overnight, firefighters said.", 7, 11),
    ("The dam at Kessel Lake held after engineers opened {} sluice gates before dawn.", 9, 14),
)
NUMBER_WORDS = {7: "seven", 9: "nine", 11: "eleven", 12: "twelve", 14: "fourteen", 18: "eighteen"}


@st.composite
def copied_stories(draw):
    """Articles of one story: figures as above, then copies and second articles."""
    articles, told = [], []
    for n in range(draw(st.integers(2, 4))):
        facts = draw(st.lists(st.sampled_from(range(3)), min_size=1, max_size=3, unique=True))
        figures = []
        for fact in sorted(facts):
            _, value, other = FIGURED[fact]
            way = draw(st.sampled_from(["digits", "words", "other"]))
            figures.append((fact, {"digits": value, "words": NUMBER_WORDS[value]}.get(way, other)))
        told.append(figures)
        articles.append(_figured(f"a{n}", f"Outlet {n}", figures, 8 + n))
    copies = st.tuples(st.integers(0, len(articles) - 1), st.booleans())
    for n, (first, wire) in enumerate(draw(st.lists(copies, max_size=3))):
        if wire:  # another outlet prints it word for word
            articles.append(replace(articles[first], id=f"c{n}", source=f"Copier {n}"))
        else:  # the outlet again, later, on another URL, its first figure changed
            (fact, _), *rest = told[first]
            figures = [(fact, FIGURED[fact][1] + 20), *rest]
            articles.append(_figured(f"l{n}", articles[first].source, figures, 20 + n))
    return articles


def _figured(article_id, source, figures, hour):
    text = " ".join(FIGURED[fact][0].format(figure) for fact, figure in figures)
    published = f"2026-11-20T{hour:02d}:00:00Z"
    return Article(article_id, source, text, title="Valley floods", published=published)


@settings(max_examples=80, deadline=None, derandomize=True, database=None)
@given(articles=copied_stories())
def test_brief_keeps_every_credit_dispute_and_figure_of_summarize(articles):
    from summarizer.daily import summarize_story
    from summarizer.pipeline import prepare, summarize

    options = Settings(sentences=3)
    story = summarize_story([prepare(a) for a in articles], options)
    expected = summarize(articles, options)
    shown = {item.text: item for item in story.items}
    for item in expected.items:
        if item.text in shown:  # copies weigh once: brief may show another wording
            assert set(item.sources) <= set(shown[item.text].sources)
            assert set(item.disputed_by) <= set(shown[item.text].disputed_by)
    figures = {(c.value, s) for d in story.disagreements for c in d.claims for s in c.sources}
    for d in expected.disagreements:
        assert {(c.value, s) for c in d.claims for s in c.sources} <= figures
