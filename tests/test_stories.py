"""Story grouping on small hand-made pools: three invented events, each told by several outlets."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from summarizer import stories
from summarizer.lexicon import name_terms
from summarizer.model import Article
from summarizer.stories import copies, group

FLOOD = [
    "The river Kell burst its banks in Keldmouth on Tuesday, flooding two hundred homes. "
    "Firefighters evacuated residents of the lower town by boat. The mayor of Keldmouth "
    "said the flood was the worst in forty years.",
    "Hundreds of Keldmouth residents spent the night in school halls after the Kell flooded "
    "the lower town. Rescue boats carried families from their homes, and the mayor called "
    "the flooding the worst the town had seen in four decades.",
    "Floodwater from the Kell swept through Keldmouth overnight. Boats evacuated families "
    "trapped in flooded homes, fire crews said. The mayor asked for emergency funds to "
    "rebuild the river walls.",
    "In Keldmouth, the swollen river Kell flooded streets and homes on Tuesday. Residents "
    "were evacuated to school halls, and the mayor said the river walls had failed.",
]
CHESS = [
    "Anika Rosental won the world chess championship in Valdora on Sunday, beating the "
    "title holder Piet Amsel in a tense final game. Rosental, 22, is the youngest champion "
    "in the tournament's history.",
    "The 22-year-old Anika Rosental became world chess champion after defeating Piet Amsel "
    "in the deciding game in Valdora. Amsel resigned after five hours of play.",
    "Chess has a new world champion: Anika Rosental beat Piet Amsel in Valdora, winning the "
    "final game of the championship match and the title at 22.",
]
RATES = [
    "The central bank of Norvania raised its interest rate to 6 percent on Thursday to fight "
    "inflation, which reached 9 percent in March. The governor, Lisbet Haran, said further "
    "rises were possible.",
    "Norvania's central bank lifted borrowing costs by half a point, its fourth rise this "
    "year, as inflation stayed near 9 percent. Governor Lisbet Haran warned of more rises.",
    "Lisbet Haran, governor of the Norvanian central bank, announced an interest rate "
    "increase to 6 percent, saying inflation had to come down. Mortgage lenders expect "
    "higher repayments.",
]


def _pool() -> tuple[list[Article], list[set[int]]]:
    """The three events interleaved as a feed would mix them, and the true stories."""
    texts = [
        ("flood", FLOOD[0]),
        ("chess", CHESS[0]),
        ("flood", FLOOD[1]),
        ("rates", RATES[0]),
        ("chess", CHESS[1]),
        ("flood", FLOOD[2]),
        ("rates", RATES[1]),
        ("rates", RATES[2]),
        ("flood", FLOOD[3]),
        ("chess", CHESS[2]),
    ]
    articles = [
        Article(id=f"{event}-{i}", source=f"Outlet {i}", text=text, published="2026-11-20")
        for i, (event, text) in enumerate(texts)
    ]
    truth: dict[str, set[int]] = {}
    for i, (event, _) in enumerate(texts):
        truth.setdefault(event, set()).add(i)
    return articles, list(truth.values())


def _assert_partition(found: list[list[int]], n: int) -> None:
    members = [i for story in found for i in story]
    assert sorted(members) == list(range(n))
    assert all(story == sorted(story) for story in found)
    assert [story[0] for story in found] == sorted(story[0] for story in found)


def test_three_events_told_by_several_outlets_are_three_stories():
    articles, truth = _pool()
    found = group(articles, "english")
    assert sorted(map(set, found), key=min) == sorted(truth, key=min)
    _assert_partition(found, len(articles))


def test_stories_come_in_order_of_their_first_article():
    articles, _ = _pool()
    assert [story[0] for story in group(articles, "english")] == [0, 1, 3]


def test_grouping_is_deterministic_and_leaves_the_articles_unchanged():
    articles, _ = _pool()
    before = list(articles)
    assert group(articles, "english") == group(articles, "english")
    assert articles == before


def test_no_article_one_article_and_two_unrelated_articles():
    articles, _ = _pool()
    assert group([], "english") == []
    assert group(articles[:1], "english") == [[0]]
    assert group(articles[:2], "english") == [[0], [1]]
    assert group(articles[:3:2], "english") == [[0, 1]]


def test_articles_without_content_words_stand_alone():
    articles, truth = _pool()
    empty = [
        Article(id="blank", source="X", text=""),
        Article(id="stopwords", source="Y", text="It was what they had said it would be."),
        Article(id="numbers", source="Z", text="12 34 2026"),
    ]
    found = group(articles + empty, "english")
    _assert_partition(found, len(articles) + len(empty))
    for index in range(len(articles), len(articles) + len(empty)):
        assert [index] in found
    assert sorted(set(s) for s in found if s[0] < len(articles)) == sorted(truth, key=min)


def test_the_same_subject_years_apart_is_two_stories_and_undated_it_is_one():
    first = [replace(a, published="2024-11-20") for a in _pool()[0] if a.id.startswith("flood")]
    again = [replace(a, published="2026-11-21", id=f"{a.id}-again") for a in first]
    found = group(first + again, "english")
    assert sorted(map(set, found), key=min) == [set(range(4)), set(range(4, 8))]
    undated = [replace(a, published="") for a in first + again]
    assert group(undated, "english") == [list(range(8))]


def test_a_title_counts_towards_the_story():
    articles, _ = _pool()
    terse = Article(
        id="terse",
        source="Brief",
        title="Keldmouth flood",
        text="Updates follow.",
        published="2026-11-20",
    )
    found = group([*articles, terse], "english")
    assert next(s for s in found if 0 in s)[-1] == len(articles)


@pytest.mark.parametrize("limit", [4, 5])
def test_the_large_pool_path_gives_the_exact_grouping(limit):
    # Each story is at most 4 articles, so with a limit of 4 or 5 no component is split
    # and the inverted-index path must find exactly what the full matrix finds.
    articles, _ = _pool()
    assert group(articles, "english", exact_limit=limit) == group(articles, "english")


def test_a_component_over_the_limit_is_split_and_every_article_kept():
    articles, _ = _pool()
    found = group(articles, "english", exact_limit=2)
    _assert_partition(found, len(articles))
    assert max(len(story) for story in found) <= 2


def test_the_index_skips_terms_carried_by_too_many_articles(monkeypatch):
    # "Keldmouth" is in all four articles: with a cap of three it no longer makes pairs.
    texts = ["Keldmouth " + t for t in ("apples pears", "ships boats", "votes polls", "rain hail")]
    articles = [Article(id=str(i), source="S", text=t) for i, t in enumerate(texts)]
    vectors = stories._vectors(articles, "english")[0]
    monkeypatch.setattr(stories, "INDEX_FLOOR", 0.0)
    monkeypatch.setattr(stories, "INDEX_MAX_ARTICLES", 4)
    assert len(stories._candidate_pairs(vectors)[0]) == 6
    monkeypatch.setattr(stories, "INDEX_MAX_ARTICLES", 3)
    assert len(stories._candidate_pairs(vectors)[0]) == 0


def test_a_story_told_by_more_articles_than_the_index_cap_stays_whole(monkeypatch):
    # The day's biggest story has its names in more articles than the index keeps (here
    # four flood articles against a cap of three): the terms its articles share with only
    # some of the others must still bring them together.
    articles, truth = _pool()
    monkeypatch.setattr(stories, "INDEX_MAX_ARTICLES", 3)
    found = group(articles, "english", exact_limit=5)
    assert sorted(map(set, found), key=min) == sorted(truth, key=min)


def test_wire_copies_are_found_within_a_story():
    articles, _ = _pool()
    flood = [a for a in articles if a.id.startswith("flood")]
    wire = replace(flood[0], id="wire", source="Wire", text=flood[0].text + " More to come.")
    found = copies([flood[0], flood[1], wire, flood[2]], "english")
    assert found == [[0, 2], [1], [3]]
    assert copies(flood, "english") == [[0], [1], [2], [3]]
    assert copies(flood[:1], "english") == [[0]]
    assert copies([], "english") == []


def test_a_copy_that_changes_a_figure_is_another_report():
    text = "At least {} people were killed when a storm hit the coast, police said on Sunday."
    five, nine, digits = (
        Article(id=n, source=n, text=text.format(n)) for n in ("five", "nine", "5")
    )
    assert copies([five, nine], "english") == [[0], [1]]
    # "5" agrees with "five", but an outlet that words the figure its own way made its
    # own report of it; the same figure in the same words, whatever the case, is a copy.
    shouted = replace(five, id="shouted", text=text.format("FIVE"))
    assert copies([five, digits, nine, shouted], "english") == [[0, 3], [1], [2]]


def test_names_are_capitalised_words_that_do_not_open_a_sentence():
    text = 'The mayor met Lisbet Haran in Keldmouth. "Rates rise," she said. Then Haran left.'
    assert name_terms(text, "english") == ("lisbet", "haran", "keldmouth", "haran")
    assert name_terms(text.lower(), "english") == ()


# Two shootings reported on the same day: the same kind of event, in two countries.
SCHOOL_SHOOTING = [
    "A gunman opened fire at Halvorsen Secondary School in Tarnby, Norvania, on Monday, "
    "killing three students and wounding five before police shot him. The Tarnby police "
    "chief, Mette Lunde, said the attacker was a former pupil.",
    "Three students were killed and five wounded when a former pupil opened fire at "
    "Halvorsen Secondary School in Tarnby. Police chief Mette Lunde said officers shot the "
    "gunman inside the school. Norvania's prime minister called it a national tragedy.",
    "Norvania is in mourning after a shooting at a school in Tarnby left three students "
    "dead. Chief Mette Lunde of the Tarnby police said the gunman, a former pupil of "
    "Halvorsen Secondary School, was shot by officers.",
]
RINK_SHOOTING = [
    "A gunman opened fire at the Brackwater ice rink in Port Ellery, Calvara, on Monday, "
    "killing two spectators and wounding four before police shot him. The police chief, "
    "Dana Okafor, said the attacker was a former player.",
    "Two spectators were killed and four wounded when a former player opened fire at the "
    "Brackwater rink in Port Ellery. Police chief Dana Okafor said officers shot the "
    "gunman inside the rink. Calvara's governor called it a tragedy.",
]
# One summit, told by five outlets over two days.
SUMMIT = [
    "Leaders of the Aruvian Union met in Selmburg on Thursday for a two-day summit on "
    "energy prices. Chancellor Idris Vonnegard said the bloc would buy gas together.",
    "The Selmburg summit of the Aruvian Union opened with talks on joint gas purchases. "
    "Chancellor Idris Vonnegard urged leaders to agree a price cap before winter.",
    "Aruvian Union leaders arriving in Selmburg were divided over a gas price cap, "
    "diplomats said, as Chancellor Idris Vonnegard pressed for joint purchases of energy.",
    "The Aruvian Union summit in Selmburg ended on Friday with a deal on joint gas "
    "purchases. Chancellor Idris Vonnegard said the price cap would follow in the spring.",
    "After two days of talks in Selmburg, Aruvian Union leaders agreed to buy gas "
    "together. Idris Vonnegard, the chancellor, called the energy deal a first step.",
]
# The day's event on interest rates, and an opinion piece on the same subject.
RATE_OPINION = (
    "Central banks keep raising interest rates as if inflation were a simple matter of "
    "demand. As the economist Tomas Brandt has argued for years, higher borrowing costs "
    "hurt homeowners and small firms long before prices fall. It is time central bankers "
    "admitted how little their interest rate decisions can do about inflation driven by "
    "energy and food."
)


def _dated(texts: list[str], event: str, days: list[str], first: int = 0) -> list[Article]:
    return [
        Article(id=f"{event}-{i}", source=f"Outlet {first + i}", text=text, published=day)
        for i, (text, day) in enumerate(zip(texts, days, strict=True))
    ]


def test_two_shootings_on_the_same_day_in_two_countries_stay_two_stories():
    school = _dated(SCHOOL_SHOOTING, "school", ["2026-11-23"] * 3)
    rink = _dated(RINK_SHOOTING, "rink", ["2026-11-23"] * 2, first=3)
    pool = [school[0], rink[0], school[1], rink[1], school[2]]
    assert group(pool, "english") == [[0, 2, 4], [1, 3]]
    assert group(pool, "english", exact_limit=3) == [[0, 2, 4], [1, 3]]


def test_one_summit_told_by_five_outlets_over_two_days_is_one_story():
    summit = _dated(SUMMIT, "summit", ["2026-11-19"] * 3 + ["2026-11-20"] * 2)
    articles, _ = _pool()
    found = group([*summit, *articles], "english")
    assert [0, 1, 2, 3, 4] in found


def test_the_same_event_told_a_week_later_is_not_joined():
    summit = _dated(SUMMIT, "summit", ["2026-11-19"] * 3 + ["2026-11-27"] * 2)
    assert group(summit, "english") == [[0, 1, 2], [3, 4]]


def test_an_opinion_piece_on_the_subject_does_not_join_the_days_event():
    articles, truth = _pool()
    opinion = Article(id="op-ed", source="Opinion", text=RATE_OPINION, published="2026-11-20")
    found = group([*articles, opinion], "english")
    assert [len(articles)] in found
    assert sorted(map(set, (s for s in found if s[0] < len(articles))), key=min) == truth


def test_the_core_check_sets_apart_an_event_that_average_linkage_chained_on():
    # Two trios, each tight, mildly alike across: the average across (0.14) reaches the
    # threshold, so average linkage merges them; against the first trio's core, the
    # second fits at 0.14 only, under CORE_FIT, and leaves as a story of its own.
    similarity = np.full((6, 6), 0.14)
    similarity[:3, :3] = similarity[3:, 3:] = 0.6
    np.fill_diagonal(similarity, 1.0)
    assert stories.THRESHOLD <= 0.14 < stories.CORE_FIT
    found = sorted(sorted(s.tolist()) for s in stories._core_check(similarity, np.arange(6)))
    assert found == [[0, 1, 2], [3, 4, 5]]


def test_undated_articles_are_grouped_by_content_alone():
    articles, truth = _pool()
    undated = [replace(a, published="") for a in articles]
    assert sorted(map(set, group(undated, "english")), key=min) == sorted(truth, key=min)
    # Without its day, a terse report needs more likeness to join a dated story than it
    # has: dated, it joins the flood (see the test above); undated, it stays alone.
    terse = Article(id="terse", source="Brief", title="Keldmouth flood", text="Updates follow.")
    assert [len(articles)] in group([*articles, terse], "english")
    dated = replace(terse, published="2026-11-20")
    assert next(s for s in group([*articles, dated], "english") if 0 in s)[-1] == len(articles)


def test_explain_names_the_names_and_terms_the_articles_share():
    articles, _ = _pool()
    found = group(articles, "english")
    flood, chess, rates = stories.explain(articles, found, "english")
    assert "Keldmouth" in flood.names and "Kell" in flood.names
    assert {"Anika", "Rosental", "Amsel", "Valdora"} <= set(chess.names)
    assert "Haran" in rates.names
    assert "mayor" in flood.terms and "Keldmouth" not in flood.terms
    assert len(flood.terms) <= stories.SHOWN
    assert stories.explain(articles, [[0]], "english")[0].names == ()
    possessive = [
        Article(id=str(i), source="S", text=text)
        for i, text in enumerate(
            ["We read Haran’s plan.", "So Haran’s plan won.", "Then Haran left."]
        )
    ]
    assert stories.explain(possessive, [[0, 1, 2]], "english")[0].names == ("Haran",)


@pytest.mark.parametrize(
    ("title", "source", "url", "expected"),
    [
        ("Summit ends with gas deal - The Daily Planet", "The Daily Planet", "", None),
        ("Daily Planet | Summit ends with gas deal", "The Daily Planet", "", None),
        (
            "Summit ends with gas deal | World | Planet News",
            "Feed",
            "https://planetnews.example/a",
            "Summit ends with gas deal | World",
        ),
        ("Summit ends with gas deal – BBC News", "BBC", "", None),
        ("Summit ends with gas deal - AP", "AP", "", None),
        ("Summit ends with gas deal - A", "AP News", "", "Summit ends with gas deal - A"),
        (
            "Summit ends with gas deal - analysis",
            "The Daily Planet",
            "",
            "Summit ends with gas deal - analysis",
        ),
        (
            "Planet: a new world found by astronomers",
            "Star Gazette",
            "",
            "Planet: a new world found by astronomers",
        ),
    ],
)
def test_a_headline_loses_the_outlets_name(title, source, url, expected):
    article = Article(id="a", source=source, text="Text.", title=title, url=url)
    assert stories.without_outlet(article) == (expected or "Summit ends with gas deal")


def test_the_headline_is_the_title_of_the_most_central_article():
    summit = _dated(SUMMIT, "summit", ["2026-11-19"] * 5)
    titled = [
        replace(summit[0], title="Energy on the table - Outlet 0"),
        replace(summit[1], title="Outlet 1 | Aruvian Union summit in Selmburg agrees gas deal"),
        replace(summit[2], title=""),
        *summit[3:],
    ]
    assert stories.headline(titled, "english") in {
        "Energy on the table",
        "Aruvian Union summit in Selmburg agrees gas deal",
    }
    assert stories.headline(summit, "english") == ""


# Two warehouse fires on one day in two cities, told in the same formulaic words; the fire
# services' names share their generic words ("Fire", "Rescue", "Service").
FIRES = [
    "A large fire destroyed a warehouse in Orsmouth on Sunday, fire crews said. Nobody "
    "was injured, Orsmouth Vale Fire and Rescue Service said.",
    "Fire crews battled a blaze that destroyed a warehouse in Orsmouth on Sunday. Orsmouth "
    "Vale Fire and Rescue Service said no one was hurt.",
    "A large fire destroyed a warehouse in Brantwick on Sunday, fire crews said. Nobody "
    "was injured, Kestrel Fire and Rescue Service said.",
    "Fire crews battled a blaze that destroyed a warehouse in Brantwick on Sunday. Kestrel "
    "Fire and Rescue Service said no one was hurt.",
]
# Two earthquakes on one day in two countries: they share only the day ("Sunday").
QUAKES = [
    "A magnitude 7.1 earthquake struck northern Calvara on Sunday, killing at least four "
    "people in Port Ellery. The quake damaged hundreds of homes, the interior ministry said.",
    "A powerful 7.1 magnitude earthquake shook northern Calvara on Sunday, leaving at least "
    "four dead in Port Ellery. Hundreds of homes were damaged, the interior ministry said.",
    "A magnitude 6.2 earthquake struck off Tarnby in Norvania on Sunday, with no reports of "
    "damage. The Norvanian Seismic Agency issued no tsunami warning.",
    "A 6.2 magnitude quake hit off the coast of Tarnby, Norvania, on Sunday. The Norvanian "
    "Seismic Agency said there was no tsunami risk.",
]


def _same_day(texts: list[str], event: str) -> list[Article]:
    return [
        Article(id=f"{event}-{i}", source=f"Paper {i}", text=t, published="2026-11-22")
        for i, t in enumerate(texts)
    ]


def test_two_same_day_fires_in_two_cities_told_in_the_same_words_stay_two_stories():
    fires = _same_day(FIRES, "fire")
    pool = [fires[0], fires[2], fires[1], fires[3]]
    assert group(pool, "english") == [[0, 2], [1, 3]]
    assert group(pool, "english", exact_limit=3) == [[0, 2], [1, 3]]


def test_two_earthquakes_in_two_countries_on_one_day_stay_two_stories():
    quakes = _same_day(QUAKES, "quake")
    assert group(quakes, "english") == [[0, 1], [2, 3]]
    assert group([quakes[0], quakes[2], quakes[1], quakes[3]], "english") == [[0, 2], [1, 3]]


def test_days_and_months_are_no_evidence_of_who_or_where():
    text = "The fire in Orsmouth on Sunday was the worst since January. Kestrel said so in May."
    names = name_terms(text, "english")
    assert names == ("orsmouth", "sunday", "januari")  # "may" is a stopword
    assert stories.who_where(names, "english") == ("orsmouth",)
    assert stories.common_name_limit(2) == 2 and stories.common_name_limit(4) == 3


def test_explain_shows_only_what_most_of_a_storys_articles_share():
    quakes = _same_day(QUAKES, "quake")
    merged = stories.explain(quakes, [[0, 1, 2, 3]], "english")[0]
    assert merged.names == ()  # each place is printed by two of the four only
    assert "sunday" not in {n.lower() for n in merged.names}
    calvara, tarnby = stories.explain(quakes, [[0, 1], [2, 3]], "english")
    assert set(calvara.names) == {"Calvara", "Port", "Ellery"}
    assert {"Tarnby", "Norvania", "Agency"} <= set(tarnby.names)


def test_a_background_of_other_news_counts_in_the_idf_but_is_not_grouped():
    # Alone, two reports on one subject (a strike's start and its end) are joined by the
    # subject's words; among news where those words are common, they are two events.
    start = Article(
        "start",
        "A",
        "the harbour ferry strike stopped ferries again. dockers marched past "
        "the fish market and sang.",
        published="2026-11-20",
    )
    end = Article(
        "end",
        "B",
        "the harbour ferry strike ended with a pay deal. commuters cheered on the "
        "crowded morning boats.",
        published="2026-11-21",
    )
    others = [
        Article(f"notice-{i}", "C", f"the harbour ferry strike notice number {i} was posted.",
                published="2026-11-01")
        for i in range(300)
    ]  # fmt: skip
    assert group([start, end], "english") == [[0, 1]]
    assert group([start, end], "english", background=others) == [[0], [1]]
