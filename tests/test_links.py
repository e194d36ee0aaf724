import pytest

from summarizer.links import canonical_url

ARTICLE = "https://news.example/world/2026/port-bridge"


@pytest.mark.parametrize(
    "link",
    [
        ARTICLE,
        f"{ARTICLE}?utm_source=rss&utm_medium=feed",
        f"{ARTICLE}?smid=tw-share",
        f"{ARTICLE}?at_medium=RSS&at_campaign=KARANGA",
        f"{ARTICLE}?traffic_source=rss",
        f"{ARTICLE}#comments",
        "HTTPS://News.Example:443/world/2026/port-bridge?fbclid=abc",
    ],
)
def test_tracking_parameters_fragments_and_case_do_not_count(link):
    assert canonical_url(link) == ARTICLE


def test_parameters_that_name_the_page_stay_in_a_fixed_order():
    assert canonical_url("http://x.example/story?page=2&id=7&utm_term=a") == (
        "http://x.example/story?id=7&page=2"
    )
    assert canonical_url("http://x.example/story?id=7") != canonical_url(
        "http://x.example/story?id=8"
    )


def test_what_is_not_a_web_link_is_left_alone():
    assert canonical_url(" tag:news.example,2026:123 ") == "tag:news.example,2026:123"
    assert canonical_url("http://x.example:99999/") == "http://x.example:99999/"
    assert canonical_url("http://127.0.0.1:8080/a?x=1") == "http://127.0.0.1:8080/a?x=1"
