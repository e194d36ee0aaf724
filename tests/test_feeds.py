import io

import pytest

from summarizer.errors import InputError
from summarizer.ingest import read_feed, read_paths
from summarizer.ingest.feeds import looks_like_feed

RSS2 = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Coast Herald</title><link>https://herald.example/</link>
<item>
  <title>Floods hit Valencia</title>
  <link>https://herald.example/floods</link>
  <guid>herald-1</guid>
  <pubDate>Sun, 22 Nov 2026 07:30:00 +0000</pubDate>
  <description>Short teaser.</description>
  <content:encoded><![CDATA[<p>Flash floods swept through Valencia on Tuesday.</p>
  <script>alert("x")</script><p>Rescuers pulled dozens of residents from &amp; homes.</p>
  ]]></content:encoded>
</item>
<item>
  <title>Rates rise</title>
  <link>https://herald.example/rates</link>
  <description>The central bank raised its interest rate.</description>
</item>
</channel></rss>"""

RSS1 = """<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
         xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://wire.example/"><title>Wire Service</title>
  <link>https://wire.example/</link><description>News</description></channel>
<item rdf:about="https://wire.example/1"><title>Three missing</title>
  <link>https://wire.example/1</link><dc:date>2026-11-21T22:00:00Z</dc:date>
  <description>Three people were missing, the regional government said.</description></item>
</rdf:RDF>"""

RSS091 = """<?xml version="1.0"?>
<rss version="0.91"><channel><title>Old Gazette</title><link>https://old.example/</link>
<description>d</description><language>en</language>
<item><title>Cup final</title><link>https://old.example/cup</link>
<description>The home side won the cup final.</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>News Aggregator</title>
<id>urn:agg</id><updated>2026-11-22T09:00:00Z</updated>
<entry><title>Comet seen</title><id>urn:agg:1</id>
  <link href="https://stars.example/comet"/>
  <updated>2026-11-22T08:00:00Z</updated>
  <source><title>Star Gazette</title><id>urn:stars</id></source>
  <content type="html">&lt;p&gt;A comet passed close to the planet.&lt;/p&gt;&lt;iframe src="https://x.example"&gt;&lt;/iframe&gt;</content>
</entry>
<entry><title>No source</title><id>urn:agg:2</id><updated>2026-11-22T08:00:00Z</updated>
  <summary>Astronomers photographed its tail.</summary></entry>
</feed>"""


def test_rss2_entries_become_articles_with_their_metadata():
    first, second = read_feed(RSS2, "herald", {})
    assert first.id == "herald-1"
    assert first.source == "Coast Herald"
    assert first.title == "Floods hit Valencia"
    assert first.url == "https://herald.example/floods"
    assert first.published == "2026-11-22T07:30:00Z"
    assert first.text == (
        "Flash floods swept through Valencia on Tuesday.\n"
        "Rescuers pulled dozens of residents from & homes."
    )
    assert (second.id, second.text, second.published) == (
        "https://herald.example/rates",
        "The central bank raised its interest rate.",
        "",
    )


def test_rss1_and_rss091_are_read():
    (wire,) = read_feed(RSS1, "wire", {})
    assert (wire.source, wire.published) == ("Wire Service", "2026-11-21T22:00:00Z")
    assert wire.text == "Three people were missing, the regional government said."
    (old,) = read_feed(RSS091, "old", {})
    assert (old.source, old.title, old.url) == (
        "Old Gazette",
        "Cup final",
        "https://old.example/cup",
    )


def test_atom_entries_credit_the_source_an_aggregator_names():
    named, unnamed = read_feed(ATOM, "agg", {})
    assert named.source == "Star Gazette"
    assert named.text == "A comet passed close to the planet."  # the iframe is gone
    assert unnamed.source == "News Aggregator"
    assert unnamed.text == "Astronomers photographed its tail."


@pytest.mark.parametrize("suffix", [".rss", ".atom", ".xml"])
def test_feed_files_are_read_by_suffix(tmp_path, suffix):
    path = tmp_path / f"herald{suffix}"
    path.write_text(RSS2, encoding="utf-8")
    assert [a.id for a in read_paths([str(path)])] == ["herald-1", "https://herald.example/rates"]


def test_feeds_in_folders_and_on_standard_input_are_recognised(tmp_path):
    (tmp_path / "atom.xml").write_text(ATOM, encoding="utf-8")
    assert len(read_paths([str(tmp_path)])) == 2
    assert len(read_paths(["-"], io.BytesIO(RSS1.encode()))) == 1


def test_an_invalid_feed_is_a_clear_error(tmp_path):
    path = tmp_path / "broken.rss"
    path.write_text("<rss><channel><title>cut off", encoding="utf-8")
    with pytest.raises(
        InputError, match=r"broken\.rss: not a valid RSS or Atom feed \(at 2:28: no element found\)"
    ):
        read_paths([str(path)])


def test_an_empty_but_valid_feed_has_no_articles():
    assert read_feed('<rss version="2.0"><channel><title>t</title></channel></rss>', "e", {}) == []


def test_html_pages_are_not_taken_for_feeds():
    assert looks_like_feed(RSS2) and looks_like_feed(ATOM) and looks_like_feed(RSS1)
    assert not looks_like_feed("<!DOCTYPE html><html><body><p>feed me</p></body></html>")


def test_a_feed_the_parser_trips_on_is_a_clear_error():
    with pytest.raises(InputError, match="not a valid RSS or Atom feed"):
        read_feed("<>&#2000000;", "broken", {})


def test_a_feed_entry_with_empty_or_missing_fields_is_read():
    broken = (
        "<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'><title></title>"
        "<entry><title><!--</title><updated></updated><content type='html'>--><html><html>"
        "</content></entry></feed>"
    )
    assert all(isinstance(a.text, str) for a in read_feed(broken, "broken", {}))


def test_an_entry_with_only_a_title_stands_for_its_title():
    feed = RSS091.replace("<description>The home side won the cup final.</description>", "")
    (entry,) = read_feed(feed, "gazette", {})
    assert (entry.title, entry.text, entry.url) == (
        "Cup final",
        "Cup final",
        "https://old.example/cup",
    )


def test_control_characters_in_a_feed_are_dropped():
    feed = RSS2.replace("Coast Herald", "Coast\x1b Herald\x08").replace("Short teaser", "\x1b[31m")
    first, _ = read_feed(feed, "herald", {})
    assert first.source == "Coast Herald"
