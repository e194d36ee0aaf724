"""Publication times: read in UTC, a date alone known only to the day, an unreadable one a
warning; and the library's disagreements of a whole digest. Every text here is invented."""

import datetime as dt
import json

import pytest
from typer.testing import CliRunner

import summarizer
from summarizer import Article
from summarizer.cli import app
from summarizer.daily import brief, prominent_first
from summarizer.model import published_time
from summarizer.stories import publication_days

runner = CliRunner()
UTC = dt.UTC

QUAKE = "The earthquake killed {} people in the hill town, officials said."
AFTERSHOCKS = "Aftershocks were felt across the region."
MINE = "At least {} miners were killed when a tunnel collapsed at the Redrock mine, officials said."
FERRY = "The ferry sank with {} passengers on board near the northern cape, the coast guard said."


def _jsonl(path, rows):
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def _story(tmp_path, text, first, second, values=(30, 42), extra=""):
    """Two outlets' versions of one sentence, `values` in order, published at `first` and
    `second`."""
    rows = [
        {
            "id": f"k{n}",
            "source": outlet,
            "title": "Report",
            "published": when,
            "text": text.format(value) + (f" {extra}" if extra else ""),
        }
        for n, (outlet, when, value) in enumerate(
            zip(("Harbor Times", "Valley Herald"), (first, second), values, strict=True), 1
        )
    ]
    return _jsonl(tmp_path / "story.jsonl", rows)


def _invoke(*args):
    result = runner.invoke(app, [str(a) for a in args], prog_name="summarizer")
    assert result.exit_code == 0, result.stderr
    return result


def _summary(path):
    return json.loads(_invoke("summarize", path, "-f", "json").stdout)


# --- reading a publication time ---------------------------------------------------------


@pytest.mark.parametrize(
    ("published", "utc", "timed"),
    [
        ("2026-11-20T10:00:00+05:00", dt.datetime(2026, 11, 20, 5, tzinfo=UTC), True),
        ("2026-11-20T06:00:00Z", dt.datetime(2026, 11, 20, 6, tzinfo=UTC), True),
        ("2026-11-20T23:30:00-05:00", dt.datetime(2026, 11, 21, 4, 30, tzinfo=UTC), True),
        ("2026-11-20T10:00:00.250-0800", dt.datetime(2026, 11, 20, 18, 0, 0, 250000, UTC), True),
        ("2026-11-20T18:30:00", dt.datetime(2026, 11, 20, 18, 30, tzinfo=UTC), True),
        ("2026-11-20 18:30", dt.datetime(2026, 11, 20, 18, 30, tzinfo=UTC), True),
        ("2026-11-20", dt.datetime(2026, 11, 20, tzinfo=UTC), False),
        ("Fri, 20 Nov 2026 10:00:00 +0200", dt.datetime(2026, 11, 20, 8, tzinfo=UTC), True),
        ("Fri, 20 Nov 2026 10:00:00 -0000", dt.datetime(2026, 11, 20, 10, tzinfo=UTC), True),
    ],
)
def test_a_publication_time_is_read_in_utc(published, utc, timed):
    article = Article(id="a", source="Harbor Times", text="Text.", published=published)
    assert article.published_at == utc
    assert (
        article.published_at.tzinfo is not None
        and article.published_at.utcoffset() == dt.timedelta(0)
    )
    assert article.published_timed is timed
    assert published_time(published) == (utc, timed)


@pytest.mark.parametrize("published", ["", "   ", "2026-13-45T99:99", "yesterday", "20 Nov"])
def test_a_missing_or_unreadable_publication_time_is_unknown(published):
    article = Article(id="a", source="Harbor Times", text="Text.", published=published)
    assert article.published_at is None
    assert article.published_timed is False


# --- time zones -------------------------------------------------------------------------


def test_versions_are_ordered_by_their_utc_times_not_their_clocks(tmp_path):
    # 10:00 at +05:00 is 05:00 UTC: before the other outlet's 06:00 UTC, though its
    # clock reads later. The later figure leads; the earlier one is marked as such.
    path = _story(
        tmp_path, QUAKE, "2026-11-20T10:00:00+05:00", "2026-11-20T06:00:00Z", extra=AFTERSHOCKS
    )
    data = _summary(path)
    (item,) = [i for i in data["items"] if "earthquake" in i["text"]]
    assert item["text"] == QUAKE.format(42)
    assert (item["earlier_from"], item["updated_by"], item["disputed_by"]) == (
        ["Harbor Times"],
        [],
        [],
    )
    (update,) = data["disagreements"]
    assert update["kind"] == "updated"
    assert [c["value"] for c in update["claims"]] == ["30", "42"]
    markdown = _invoke("summarize", path).stdout
    assert "**Earlier figure** from Harbor Times: 30" in markdown
    assert "Disputed" not in markdown and "Updated later" not in markdown


def test_an_offset_can_make_a_version_the_earlier_one(tmp_path):
    # 09:00 at -04:00 is 13:00 UTC: after the other outlet's 12:00 UTC.
    path = _story(
        tmp_path, QUAKE, "2026-11-20T09:00:00-04:00", "2026-11-20T12:00:00Z", extra=AFTERSHOCKS
    )
    data = _summary(path)
    (item,) = [i for i in data["items"] if "earthquake" in i["text"]]
    (update,) = data["disagreements"]
    assert [c["value"] for c in update["claims"]] == ["42", "30"]
    assert item["text"] == QUAKE.format(30)
    assert (item["earlier_from"], item["updated_by"]) == (["Valley Herald"], [])


def test_brief_date_keeps_utc_days(tmp_path):
    # 23:30 at -05:00 on the 22nd is 04:30 UTC on the 23rd.
    rows = [
        {
            "id": "late",
            "source": "Harbor Times",
            "title": "Ferry",
            "published": "2026-11-22T23:30:00-05:00",
            "text": FERRY.format(80),
        },
        {
            "id": "early",
            "source": "Valley Herald",
            "title": "Mine",
            "published": "2026-11-22T08:00:00Z",
            "text": MINE.format(7),
        },
    ]
    path = _jsonl(tmp_path / "day.jsonl", rows)
    on = {
        day: json.loads(_invoke("brief", path, "--date", day, "-f", "json").stdout)
        for day in ("2026-11-22", "2026-11-23")
    }
    assert [s["articles"] for s in on["2026-11-22"]["stories"]] == [["early"]]
    assert [s["articles"] for s in on["2026-11-23"]["stories"]] == [["late"]]


def test_story_days_and_order_are_utc():
    late = Article(
        id="a", source="Harbor Times", text=FERRY.format(80), published="2026-11-20T23:00:00-05:00"
    )
    assert publication_days([late])[0] == dt.date(2026, 11, 21).toordinal()
    # Each story one outlet: the latest article (in UTC) first; the clocks say otherwise.
    clock_later = Article(
        id="b", source="Harbor Times", text=MINE.format(7), published="2026-11-20T10:00:00+05:00"
    )
    utc_later = Article(
        id="c", source="Valley Herald", text=FERRY.format(80), published="2026-11-20T06:00:00Z"
    )
    assert prominent_first([[clock_later], [utc_later]]) == [1, 0]


# --- a date without a time --------------------------------------------------------------


def test_a_date_alone_is_not_ordered_against_a_time_of_that_day(tmp_path):
    path = _story(tmp_path, MINE, "2026-11-20", "2026-11-20T18:30:00", values=(7, 11))
    data = _summary(path)
    (item,) = data["items"]
    assert (item["disputed_by"], item["updated_by"], item["earlier_from"]) == (
        ["Valley Herald"],
        [],
        [],
    )
    (differ,) = data["disagreements"]
    assert differ["kind"] == "differ"
    markdown = _invoke("summarize", path).stdout
    assert "**Disputed** by Valley Herald: 11" in markdown and "(updated)" not in markdown


@pytest.mark.parametrize(
    ("first", "second", "earlier"),
    [
        ("2026-11-20", "2026-11-21T01:00:00Z", "Harbor Times"),  # the next day
        ("2026-11-21T01:00:00Z", "2026-11-20", "Valley Herald"),  # the day before
        ("2026-11-20", "2026-11-21", "Harbor Times"),  # two dates alone
        ("2026-11-20T01:00:00Z", "2026-11-20T18:30:00Z", "Harbor Times"),  # two times
    ],
)
def test_a_date_alone_is_ordered_by_its_day(tmp_path, first, second, earlier):
    data = _summary(_story(tmp_path, MINE, first, second, values=(7, 11)))
    figure = {"Harbor Times": "7", "Valley Herald": "11"}
    later = next(outlet for outlet in figure if outlet != earlier)
    (item,) = data["items"]
    assert item["text"] == MINE.format(figure[later])  # the later figure leads
    assert (item["earlier_from"], item["updated_by"], item["disputed_by"]) == ([earlier], [], [])
    (update,) = data["disagreements"]
    assert update["kind"] == "updated"
    assert [c["value"] for c in update["claims"]] == [figure[earlier], figure[later]]


def test_a_day_alone_and_a_time_that_day_in_one_version_is_not_ordered(tmp_path):
    # Harbor Times's version is dated the 20th; Valley Herald prints its figure twice,
    # once with a time that day after Harbor Times's and once with the date alone.
    rows = [
        {
            "id": "h",
            "source": "Harbor Times",
            "published": "2026-11-20T09:00:00Z",
            "text": MINE.format(7),
        },
        {
            "id": "v1",
            "source": "Valley Herald",
            "published": "2026-11-20T18:00:00Z",
            "text": MINE.format(11),
        },
        {"id": "v2", "source": "Valley Herald", "published": "2026-11-20", "text": MINE.format(11)},
    ]
    (differ,) = _summary(_jsonl(tmp_path / "mine.jsonl", rows))["disagreements"]
    assert differ["kind"] == "differ"


# --- an unreadable time -----------------------------------------------------------------


@pytest.mark.parametrize("command", [["summarize"], ["brief"], ["brief", "--date", "2026-11-20"]])
def test_an_unreadable_time_is_a_warning_per_article(tmp_path, command):
    path = _story(tmp_path, MINE, "2026-11-20T08:00:00Z", "2026-13-45T99:99", values=(7, 11))
    result = _invoke(*command, path, "-f", "json")
    warned = [line for line in result.stderr.splitlines() if "publication time" in line]
    assert warned == [
        "warning: k2 (Valley Herald): cannot read the publication time '2026-13-45T99:99', "
        "taken as unknown (give ISO 8601, such as 2026-11-20T10:00:00+05:00)"
    ]
    json.loads(result.stdout)  # the briefing is still written whole


def test_readable_and_missing_times_give_no_warning(tmp_path):
    for times in (("2026-11-20T08:00:00Z", "2026-11-20"), ("", "")):
        result = _invoke("summarize", _story(tmp_path, MINE, *times, values=(7, 11)))
        assert "warning" not in result.stderr


# --- the library's disagreements --------------------------------------------------------


def test_the_disagreements_of_a_digest_are_every_storys_in_story_order():
    texts = [
        ("m", MINE, (7, 11), "2026-11-20T08:00:00Z", "2026-11-20T09:00:00Z"),
        ("f", FERRY, (80, 120), "2026-11-20", "2026-11-20T10:00:00Z"),
    ]
    articles = [
        Article(id=f"{key}{n}", source=outlet, title=key, text=text.format(value), published=when)
        for key, text, values, *times in texts
        for n, (outlet, value, when) in enumerate(
            zip(("Harbor Times", "Valley Herald"), values, times, strict=True)
        )
    ]
    digest = brief(articles)
    assert len(digest.stories) == 2
    expected = tuple(d for story in digest.stories for d in story.disagreements)
    found = summarizer.disagreements(digest)
    assert found == expected
    assert [d.kind for d in found] == [
        "updated" if story.articles[0].id.startswith("m") else "differ" for story in digest.stories
    ]
    # A story's briefing still gives its own.
    assert summarizer.disagreements(digest.stories[1]) == digest.stories[1].disagreements


@pytest.mark.parametrize("given", [None, "briefing", [], ()])
def test_disagreements_of_anything_else_is_a_clear_type_error(given):
    with pytest.raises(TypeError, match=r"takes a Briefing \(from summarize\) or a Digest"):
        summarizer.disagreements(given)


def test_a_later_figure_leads_beside_a_figure_of_unknown_time(tmp_path):
    rows = [
        {
            "id": "h",
            "source": "Harbor Times",
            "published": "2026-11-20T08:00:00+01:00",
            "text": MINE.format(7),
        },
        {"id": "c", "source": "Cape Courier", "text": MINE.format(9)},
        {
            "id": "v",
            "source": "Valley Herald",
            "published": "2026-11-20T12:00:00Z",
            "text": MINE.format(11),
        },
    ]
    data = _summary(_jsonl(tmp_path / "mine.jsonl", rows))
    (item,) = data["items"]
    assert item["text"] == MINE.format(11)
    assert item["earlier_from"] == ["Harbor Times"]
    assert item["disputed_by"] == ["Cape Courier"]
