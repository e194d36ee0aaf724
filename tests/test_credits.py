"""Faithful credits end to end: issue 12's example and the seeds, in every format."""

import json
import re

import pytest
from typer.testing import CliRunner

from summarizer import Article, disagreements, read_paths, summarize
from summarizer.cli import app
from summarizer.daily import brief
from summarizer.render import FORMATS, render, render_email_text

runner = CliRunner()

DAM = [
    {
        "id": "x1",
        "source": "Daily Bugle",
        "title": "Dam bursts after storm",
        "text": "At least 12 people were killed when a dam burst after days of heavy rain, "
        "officials said on Monday. About 3,000 residents were evacuated from villages "
        "downstream.",
    },
    {
        "id": "x2",
        "source": "Morning Post",
        "title": "Dam collapse kills 21",
        "text": "At least 21 people were killed when a dam collapsed after heavy rain, "
        "officials said on Monday. Some 3,000 people were evacuated from nearby villages.",
    },
    {
        "id": "x3",
        "source": "Evening Star",
        "title": "Deadly dam failure",
        "text": "A dam burst following heavy rains, killing at least 12 people, officials "
        "said Monday. Around 30,000 residents fled their homes downstream.",
    },
]


@pytest.fixture
def dam(tmp_path):
    path = tmp_path / "dam.jsonl"
    path.write_text("\n".join(json.dumps(a) for a in DAM) + "\n", encoding="utf-8")
    return path


def run(*args):
    result = runner.invoke(app, [str(a) for a in args], prog_name="summarizer")
    assert result.exit_code == 0, result.stderr
    return result.stdout


def values(disagreement):
    """Each value of a disagreement with every outlet that gave it (one claim per
    sentence, so one value may come in several claims)."""
    found: dict[str, tuple[str, ...]] = {}
    for claim in disagreement.claims:
        found[claim.value] = tuple(dict.fromkeys(found.get(claim.value, ()) + claim.sources))
    return found


def test_the_outlet_with_another_number_is_not_credited_and_disputes(dam):
    data = json.loads(run("summarize", dam, "-f", "json"))
    killed = next(i for i in data["items"] if i["text"].startswith("At least 12"))
    assert killed["sources"] == ["Daily Bugle", "Evening Star"]
    assert killed["articles"] == ["x1", "x3"]
    assert killed["coverage"] == "2 of 3 sources"
    assert killed["disputed_by"] == ["Morning Post"]
    evacuated = next(i for i in data["items"] if i["text"].startswith("About 3,000"))
    assert evacuated["sources"] == ["Daily Bugle", "Morning Post"]
    assert evacuated["disputed_by"] == []


def test_the_example_reports_both_disagreements_verbatim(dam):
    data = json.loads(run("summarize", dam, "-f", "json"))
    found = {
        tuple(dict.fromkeys(c["value"] for c in d["claims"])): d for d in data["disagreements"]
    }
    assert set(found) == {("12", "21"), ("3,000", "30,000")}
    killed = found[("12", "21")]
    assert killed["kind"] == "differ"
    assert "killed" in killed["about"]
    first = DAM[2]["text"].split(", officials")[0]
    assert [(c["value"], c["sources"]) for c in killed["claims"]] == [
        ("12", ["Daily Bugle"]),
        ("12", ["Evening Star"]),
        ("21", ["Morning Post"]),
    ]
    assert killed["claims"][1]["text"].startswith(first)  # each outlet's own sentence
    assert killed["claims"][2] == {
        "value": "21",
        "text": DAM[1]["text"].split(". ")[0] + ".",
        "sources": ["Morning Post"],
        "published": "",
    }
    evacuated = found[("3,000", "30,000")]["claims"]
    assert [(c["sources"], c["text"]) for c in evacuated] == [
        (["Daily Bugle"], "About 3,000 residents were evacuated from villages downstream."),
        (["Morning Post"], "Some 3,000 people were evacuated from nearby villages."),
        (["Evening Star"], "Around 30,000 residents fled their homes downstream."),
    ]


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f != "json"])
def test_every_format_marks_the_dispute_and_lists_the_differences(dam, fmt):
    page = run("summarize", dam, "-f", fmt)
    assert re.search(r"[Dd]isputed\W+by Morning Post: 21", page)
    assert "Where the sources differ" in page
    assert page.index("Where the sources differ") > page.index("Around 30,000 residents fled")
    assert "30,000" in page.split("Where the sources differ")[1]


def test_the_email_text_marks_the_dispute(dam):
    text = render_email_text(summarize(read_paths([str(dam)])))
    assert "Disputed by Morning Post: 21" in text
    assert "Where the sources differ" in text


def test_the_library_returns_a_briefings_disagreements(dam):
    found = disagreements(summarize(read_paths([str(dam)])))
    assert [sorted(values(d)) for d in found] == [["12", "21"], ["3,000", "30,000"]]
    assert values(found[0])["21"] == ("Morning Post",)


def test_agreeing_outlets_are_all_credited_and_nothing_is_reported():
    articles = [
        Article(id=a["id"], source=a["source"], text=a["text"].replace("21", "12")) for a in DAM[:2]
    ]
    briefing = summarize(articles)
    assert briefing.disagreements == ()
    assert all(item.disputed_by == () for item in briefing.items)
    assert briefing.items[0].sources == ("Daily Bugle", "Morning Post")


def test_versions_published_at_different_times_are_an_update():
    times = ["2026-11-22T08:00", "2026-11-22T14:00"]
    articles = [
        Article(
            id=a["id"],
            source=a["source"],
            text=a["text"].split(". ")[0] + ".",
            published=time,
        )
        for a, time in zip(reversed(DAM[:2]), reversed(times), strict=True)
    ]
    (update,) = summarize(articles).disagreements
    assert update.kind == "updated"
    assert [(c.value, c.published) for c in update.claims] == [
        ("12", "2026-11-22T08:00"),
        ("21", "2026-11-22T14:00"),
    ]


def test_the_seeds_report_hundreds_against_26_and_34_against_35(seeds_dir):
    found = [values(d) for d in summarize(read_paths([str(seeds_dir)])).disagreements]
    pledged = next(v for v in found if "hundreds" in v)
    assert pledged["hundreds"] == ("234Radio via Al Jazeera",)
    assert {"Nigerian Tribune", "unnamed-outlet"} <= set(pledged["26"])
    coalition = next(v for v in found if "35" in v)
    assert coalition == {"35": ("unnamed-outlet",), "34": ("UPI",)}
    assert not any("26" in v and "35" in v for v in found)  # two facts, not one


def test_the_seeds_briefing_in_every_format_lists_the_differences(seeds_dir):
    briefing = summarize(read_paths([str(seeds_dir)]))
    for fmt in FORMATS:
        page = render(briefing, fmt)
        assert "hundreds of nations pledged" in page
        assert "34 supporters of Ukraine" in page


def test_the_daily_briefing_reports_per_story(dam, tmp_path):
    other = {
        "id": "y1",
        "source": "Daily Bugle",
        "title": "Museum reopens",
        "text": "The city museum reopened its gallery of ancient maps after a long "
        "restoration of the painted ceiling.",
    }
    dam.write_text(dam.read_text(encoding="utf-8") + json.dumps(other) + "\n", encoding="utf-8")
    digest = brief(read_paths([str(dam)]), max_stories=0)
    story = next(s for s in digest.stories if "x1" in {a.id for a in s.articles})
    assert {tuple(sorted(values(d))) for d in story.disagreements} == {
        ("12", "21"),
        ("3,000", "30,000"),
    }
    killed = next(i for i in story.items if i.text.startswith("At least 12"))
    assert killed.disputed_by == ("Morning Post",)
    data = json.loads(render(digest, "json"))
    assert any(s["disagreements"] for s in data["stories"])
    for fmt in ("markdown", "html", "text"):
        assert "Where the sources differ" in render(digest, fmt)


def test_html_escapes_what_the_versions_say():
    articles = [
        Article(id="a", source="A <b>", text="At least 12 people were killed in the flood Monday."),
        Article(id="b", source="B <i>", text="At least 21 people were killed in the flood Monday."),
    ]
    page = render(summarize(articles), "html")
    assert "Disputed by B &lt;i&gt;: 21" in page
    assert "<i>" not in page and "<b>" not in page


def briefing_of(*texts):
    outlets = ["Daily Bugle", "Morning Post", "Evening Star"]
    return summarize([Article(id=f"a{n}", source=outlets[n], text=t) for n, t in enumerate(texts)])


def test_one_noun_counted_far_apart_in_other_words_is_two_facts():
    found = briefing_of(
        "Officials said at least 14 people fell ill with food poisoning across the county "
        "this week. The county closed two kitchens.",
        "On Sunday evening two people fell ill with food poisoning at a house near the fire "
        "station. The county closed two kitchens.",
    ).disagreements
    assert found == ()


def test_far_apart_values_told_alike_are_reported():
    found = briefing_of(
        "Clinic staff said 31 people had been hurt in the stampede on Friday.",
        "Clinic staff said 287 people had been hurt in the stampede on Friday.",
    ).disagreements
    assert [sorted(values(d)) for d in found] == [["287", "31"]]


def test_bare_numbers_are_compared_after_the_same_word_only():
    knights = briefing_of(
        "Marcus Hale, 52, and Ann Hale, 38, were arrested on Tuesday.",
        "Police arrested Marcus Hale, 51, and Ann Hale, 38, on Tuesday.",
    ).disagreements
    assert [sorted(values(d)) for d in knights] == [["51", "52"]]
    train = briefing_of(
        "The ferry, built as hull 18, was returning on Saturday evening from the island.",
        "The ferry was returning on Saturday evening from the island with 15 on board.",
    ).disagreements
    assert train == ()


def test_the_others_are_not_all():
    found = briefing_of(
        "Inspectors found 10 dogs kept in cramped cages at the farm on Monday.",
        "Inspectors found nine other dogs kept in cramped cages at the farm on Monday.",
    ).disagreements
    assert found == ()


def test_the_latest_figure_leads_the_item_and_earlier_ones_are_not_disputes():
    killed = "people were killed when a storm hit the coast on Sunday, police said."
    articles = [
        Article(
            "u1",
            "Wire A",
            f"At least five {killed} Power was cut to 40,000 homes.",
            published="2026-11-22T08:00",
        ),
        Article(
            "u2",
            "Wire B",
            f"At least nine {killed} Power was cut to 40,000 homes.",
            published="2026-11-22T18:00",
        ),
        Article(
            "u3",
            "Wire C",
            "A storm hit the coast on Sunday, killing at least 5 people, "
            "police said. Some 40,000 homes lost power.",
            published="2026-11-22T12:00",
        ),
    ]
    briefing = summarize(articles)
    (toll,) = [item for item in briefing.items if "killed" in item.text]
    assert "nine" in toll.text and toll.sources == ("Wire B",)
    assert toll.earlier_from == ("Wire A", "Wire C")
    assert toll.disputed_by == () and toll.updated_by == ()
    item = json.loads(render(briefing, "json"))["items"][briefing.items.index(toll)]
    assert item["earlier_from"] == ["Wire A", "Wire C"] and item["disputed_by"] == []
    assert item["coverage"] == "1 of 3 sources"
    markdown = render(briefing, "markdown")
    assert "**Earlier figure** from Wire A: five; Wire C: 5" in markdown
    assert "**Disputed**" not in markdown
    # the same articles in another order lead with the same, latest, figure
    assert [i.text for i in summarize(articles[::-1]).items] == [i.text for i in briefing.items]


DESTROYED = "homes were destroyed when a wildfire swept through the valley on Tuesday."


def wildfire(hill, river, valley):
    """Two outlets say 30 homes, one says 14, published at the given times ("" unknown)."""
    return [
        Article(
            "w1", "Hill Radio", f"At least 30 {DESTROYED} About 2,000 people left.", published=hill
        ),
        Article(
            "w2",
            "River Times",
            "A wildfire swept through the valley on Tuesday, destroying at least 30 homes. "
            "Some 2,000 people left.",
            published=river,
        ),
        Article(
            "w3",
            "Valley Courier",
            f"At least 14 {DESTROYED} About 2,000 people left.",
            published=valley,
        ),
    ]


def homes(briefing):
    (item,) = [item for item in briefing.items if "homes" in item.text]
    assert "30" in item.text and item.sources == ("Hill Radio", "River Times")
    return item


def test_an_earlier_figure_on_an_item_is_not_a_dispute():
    briefing = summarize(wildfire("2026-11-24T15:00", "2026-11-24T19:00", "2026-11-24T07:00"))
    item = homes(briefing)
    assert item.earlier_from == ("Valley Courier",)
    assert item.disputed_by == () and item.updated_by == ()
    assert [(c.value, c.when, c.published) for c in item.disputes] == [
        ("14", "earlier", "2026-11-24T07:00")
    ]
    shown = json.loads(render(briefing, "json"))["items"][briefing.items.index(item)]
    assert shown["coverage"] == "2 of 3 sources"
    assert (shown["earlier_from"], shown["disputed_by"], shown["updated_by"]) == (
        ["Valley Courier"],
        [],
        [],
    )
    pages = {fmt: render(briefing, fmt) for fmt in ("markdown", "html", "text")}
    pages["email"] = render_email_text(briefing)
    for fmt, page in pages.items():
        assert re.search(r"[Ee]arlier figure\W+from Valley Courier: 14", page), fmt
        assert not re.search(r"[Dd]isputed\W+by|[Uu]pdated later", page), fmt
    assert "**Earlier figure** from Valley Courier: 14" in pages["markdown"]
    (update,) = briefing.disagreements  # the story-wide list tells it in time order
    assert update.kind == "updated"
    assert list(dict.fromkeys(c.value for c in update.claims)) == ["14", "30"]


def test_an_earlier_figure_in_the_daily_briefing():
    digest = brief(
        wildfire("2026-11-24T15:00", "2026-11-24T19:00", "2026-11-24T07:00"), max_stories=0
    )
    (story,) = digest.stories
    assert homes(story).earlier_from == ("Valley Courier",)
    data = json.loads(render(digest, "json"))
    (shown,) = [i for i in data["stories"][0]["items"] if "homes" in i["text"]]
    assert (shown["earlier_from"], shown["disputed_by"]) == (["Valley Courier"], [])
    pages = {fmt: render(digest, fmt) for fmt in ("markdown", "html", "text")}
    pages["email"] = render_email_text(digest)
    for fmt, page in pages.items():
        assert re.search(r"[Ee]arlier figure\W+from Valley Courier: 14", page), fmt
        assert not re.search(r"[Dd]isputed\W+by", page), fmt


@pytest.mark.parametrize(
    "hill, river, valley",
    [
        ("2026-11-24T15:00", "2026-11-24T19:00", ""),  # the other version's time unknown
        ("2026-11-24T15:00", "", "2026-11-24T07:00"),  # a credited version's time unknown
        ("2026-11-24T15:00", "2026-11-24T19:00", "2026-11-24T17:00"),  # between them
    ],
)
def test_an_other_figure_is_a_dispute_unless_wholly_earlier_or_later(hill, river, valley):
    briefing = summarize(wildfire(hill, river, valley))
    item = homes(briefing)
    assert item.disputed_by == ("Valley Courier",)
    assert item.earlier_from == () and item.updated_by == ()
    assert [c.when for c in item.disputes] == [""]
    shown = json.loads(render(briefing, "json"))["items"][briefing.items.index(item)]
    assert (shown["disputed_by"], shown["earlier_from"]) == (["Valley Courier"], [])
    markdown = render(briefing, "markdown")
    assert "**Disputed** by Valley Courier: 14" in markdown and "Earlier figure" not in markdown


def reported(*texts):
    """The values of each disagreement in a briefing of the texts, one outlet each."""
    return [sorted(values(d)) for d in briefing_of(*texts).disagreements]


def test_values_a_hundred_times_apart_are_two_facts():
    found = "Rescuers found the car two kilometres from the trailhead on Wednesday."
    other = "Rescuers found the car 200 kilometres from the northern trailhead on Wednesday."
    assert reported(found, other) == []
    assert reported(found, other.replace("200", "three")) == [["three", "two"]]
    # told in the very same words, the two values are one fact told two ways
    assert reported(found, found.replace("two", "200")) == [["200", "two"]]


def test_two_magnitude_words_never_disagree():
    assert (
        reported(
            "Hundreds of thousands of fans lined the avenue for the victory parade on Sunday.",
            "Millions of fans lined the long avenue for the victory parade on Sunday.",
        )
        == []
    )


def test_a_total_is_not_compared_with_the_parts_that_add_up_to_it():
    total = "The boy found a wallet with cash and cheques worth more than $18,000 and handed it in."
    parts = "The boy found a wallet with $3,500 in cash and $14,600 in cheques and handed it in."
    assert reported(total, parts) == []
    one_part = "The boy found a wallet with cash and cheques worth $14,600 and handed it in."
    assert reported(total, one_part) == [["$14,600", "$18,000"]]


def test_two_lists_with_nothing_in_common_are_about_different_things():
    first = "Northland now has 11.8 million residents, while Eastmark has 10.9 million residents."
    assert (
        reported(
            first,
            "Westvale now has 7.4 million residents, while Southport has 3.2 million residents.",
        )
        == []
    )
    assert reported(
        first,
        "Northland now has 11.8 million residents, while Eastmark has 10.6 million residents.",
    ) == [["10.6 million", "10.9 million"]]


def test_values_told_for_different_years_are_two_facts():
    rate = "the firm paid an effective tax rate of {} percent, its filings show."
    one_year = f"In 2019 {rate.format('23.1')}"
    assert reported(one_year, f"From 2012 through 2019 {rate.format('19.4')}") == []
    assert reported(one_year, f"In 2019 {rate.format('19.4')}") == [
        ["19.4 percent", "23.1 percent"]
    ]


def test_counts_over_different_spans_of_the_clock_are_two_facts():
    calls = (
        "Firefighters said {} emergency calls came in across the city between midnight and {} a.m."
    )
    assert reported(calls.format(40, 4), calls.format(35, 8)) == []
    assert reported(calls.format(40, 4), calls.format(35, 4)) == [["35", "40"]]


def test_the_wounded_are_not_the_dead():
    crash = "At least {} people were {} when the bus left the road on Friday, police said."
    assert reported(crash.format("five", "wounded"), crash.format("four", "killed")) == []
    assert reported(crash.format("five", "wounded"), crash.format("four", "wounded")) == [
        ["five", "four"]
    ]


def test_an_article_that_gives_both_values_does_not_dispute_itself():
    both = (
        "Most towns close the public pool after 30 days of drought, counted from the first "
        "warning. Counted that way the town closes its pool after 28 days of drought."
    )
    other = (
        "The town closes its public pool after 30 days of drought, counted from the first warning."
    )
    assert reported(both, other) == []
    assert reported(both.split(". ")[1], other) == [["28", "30"]]


def test_close_counts_of_one_noun_in_related_sentences_are_one_thing():
    assert reported(
        "Nine cars were towed from the flooded parking garage on Tuesday afternoon, police said.",
        "Police were called after the owner found eleven cars inside the flooded parking garage.",
    ) == [["Nine", "eleven"]]


def test_the_one_value_two_sentences_differ_on_is_one_thing():
    assert reported(
        "In the survey Ames leads the field with 24 percent, followed by Cole and Diaz at "
        "15 percent each.",
        "The survey has Cole and Diaz level at 15 percent, while Ames leads the pack at 29 "
        "percent.",
    ) == [["24 percent", "29 percent"]]


def test_an_outlet_is_listed_under_the_number_it_gave():
    stage = [
        "At least two people were injured when the stage collapsed at the fair, police said.",
        "Three people were injured when the stage collapsed at the fair, police said.",
        "Police said the collapse of the stage at the fair left two people injured.",
    ]
    found = briefing_of(*stage).disagreements
    assert [values(d) for d in found] == [
        {"two": ("Daily Bugle", "Evening Star"), "Three": ("Morning Post",)}
    ]
    assert reported(*stage[:2]) == []  # "at least two" allows three


def test_the_days_of_one_death_are_compared():
    assert reported(
        "A climber died when he fell on Tuesday during a guided ascent of the north face.",
        "A climber died after he fell on Wednesday during a guided ascent of the peak.",
    ) == [["Tuesday", "Wednesday"]]


def test_a_unit_of_measure_counts_only_itself():
    assert (
        reported(
            "Ropes are fixed along the last 300 metres to help climbers finish the steep ascent.",
            "The ropes are fixed to help the thousands of climbers who finish the ascent.",
        )
        == []
    )


@pytest.mark.parametrize(
    ("theirs", "other"),
    [
        ("The council approved a $1.2 trillion budget on Friday night.",
         "The council approved a $1.2 billion budget on Friday night."),
        ("The club was fined $5.4 million by the league on Friday.",
         "The club was fined €5 million by the league on Friday."),
        ("The wildfire has burned 12,000 hectares since it started, firefighters said.",
         "The wildfire has burned 12,000 acres since it started, firefighters said."),
        ("The bridge will stay closed until Monday.", "The bridge will stay closed until Friday."),
        ("A passenger, 23, was taken to hospital after the bus crashed on the coast road.",
         "The driver, 54, was taken to hospital after the bus crashed on the coast road."),
    ],
)  # fmt: skip
def test_an_outlet_whose_sentence_gives_another_figure_is_never_credited(theirs, other):
    briefing = briefing_of(theirs, theirs, other)
    (item,) = [i for i in briefing.items if i.text == theirs]
    assert item.sources == ("Daily Bugle", "Morning Post")


def test_nearly_is_below_its_number():
    homes = "homes were destroyed when the storm hit the island, the mayor said."
    (item,) = briefing_of(f"Nearly 200 {homes}", f"Some 240 {homes}").items
    assert len(item.sources) == 1 and len(item.disputed_by) == 1
    assert reported(f"Nearly 200 {homes}", f"Some 196 {homes}") == []


def test_an_article_that_tells_two_places_does_not_dispute_either():
    assert (
        reported(
            "Floods killed 14 people in the north on Tuesday, officials said. In the south, "
            "floods killed 6 people.",
            "Floods killed 14 people in the north on Tuesday, officials said.",
            "In the south, floods killed 6 people.",
        )
        == []
    )


def test_an_outlets_later_article_leads_with_its_figure():
    missing = "passengers were missing after the ferry sank off the cape, the coast guard said."
    articles = [
        Article("r1", "Harbor Times", f"At least 20 {missing}", published="2026-11-20T08:00"),
        Article("r2", "Harbor Times", f"At least 35 {missing}", published="2026-11-20T18:00"),
        Article("r3", "Valley Herald", f"At least 20 {missing}", published="2026-11-20T09:00"),
    ]
    briefing = summarize(articles)
    (item,) = briefing.items
    assert "35" in item.text and item.sources == ("Harbor Times",)
    assert item.earlier_from == ("Harbor Times", "Valley Herald")
    (update,) = briefing.disagreements
    assert update.kind == "updated" and [c.value for c in update.claims] == ["20", "35"]


def test_one_outlets_own_versions_are_not_a_disagreement():
    toll = "people have died in the cold spell across the region, police said on Monday."
    articles = [
        Article("w1", "Wire A", f"At least 62 {toll}"),
        Article("w2", "Wire A", f"At least 65 {toll}"),
    ]
    assert summarize(articles).disagreements == ()


def test_two_products_sold_are_two_facts():
    quarter = "The company sold {} in the third quarter, its report said."
    assert (
        reported(quarter.format("4.1 million phones"), quarter.format("2.3 million tablets")) == []
    )
    assert reported(quarter.format("4.1 million phones"), quarter.format("3.9 million phones")) == [
        ["3.9 million", "4.1 million"]
    ]


def test_two_figures_given_the_other_way_round_are_disputed():
    crash = "A tram crash killed {} people and injured {}, the transport authority said."
    (item,) = briefing_of(crash.format(3, 12), crash.format(12, 3)).items
    assert item.sources == ("Daily Bugle",) and item.disputed_by == ("Morning Post",)
    assert sorted(sorted(v) for v in reported(crash.format(3, 12), crash.format(12, 3))) == [
        ["12", "3"],
        ["12", "3"],
    ]


@pytest.mark.parametrize(
    ("mine", "theirs"),
    [
        ("The election will be held on Nov. 30, the board said.",
         "The election will be held on Dec. 7, the board said."),
        ("The council passed a $1.2 trillion budget on Friday night.",
         "The council passed a $1.2 billion budget on Friday night."),
        ("Three of the five judges voted to overturn the ruling.",
         "Four of the five judges voted to overturn the ruling."),
    ],
)  # fmt: skip
def test_one_sentence_told_with_another_figure_is_disputed(mine, theirs):
    (item,) = briefing_of(mine, theirs).items
    assert item.sources == ("Daily Bugle",) and item.disputed_by == ("Morning Post",)
    assert len(reported(mine, theirs)) == 1


def test_an_outlet_that_left_a_figure_out_is_not_credited_with_it():
    quake = "The quake killed 52 people{}, officials said."
    children = quake.format(", including 9 children")
    briefing = briefing_of(children, children, quake.format(""))
    (item,) = briefing.items
    assert item.text == children
    assert item.sources == ("Daily Bugle", "Morning Post") and item.disputed_by == ()


def test_earlier_figures_are_listed_in_the_order_they_were_published():
    toll = "At least {} miners were killed when a tunnel collapsed at the mine, officials said."
    articles = [
        Article("m3", "Wire C", toll.format(11), published="2026-11-20T14:00:00+01:00"),
        Article("m1", "Wire A", toll.format(15), published="2026-11-20T20:00:00Z"),
        Article("m2", "Wire B", toll.format(7), published="2026-11-20T08:00:00Z"),
    ]
    (item,) = summarize(articles).items
    assert "15" in item.text and item.earlier_from == ("Wire B", "Wire C")
    assert [c.value for c in item.disputes] == ["7", "11"]


def test_a_different_score_is_disputed():
    final = "Rovers beat Ostwick {} in the cup final on Saturday, with Mbeki scoring late."
    (item,) = briefing_of(final.format("2-1"), final.format("2-0")).items
    assert item.sources == ("Daily Bugle",) and item.disputed_by == ("Morning Post",)
    assert reported(final.format("2-1"), final.format("2-0")) == [["2-0", "2-1"]]


def test_a_year_beside_another_figure_is_another_period_not_a_date_in_dispute():
    sold = "The company sold {} million phones in {}, the report said."
    assert reported(sold.format(5, 2024), sold.format(8, 2025)) == []
    assert reported(sold.format(5, 2024), sold.format(5, 2025)) == [["2024", "2025"]]
