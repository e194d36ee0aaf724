import io
import json
import re

import pytest

from summarizer.errors import InputError
from summarizer.ingest import read_paths

STORY = "Heavy rain caused the river to burst its banks on Tuesday."

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Floods cut off coastal towns | Harbour Gazette</title>
<meta property="og:title" content="Floods cut off coastal towns">
<meta property="og:site_name" content="Harbour Gazette">
<link rel="canonical" href="https://gazette.example/news/floods">
</head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World desk</a></li>
<li><a href="/sport">Sport pages</a></li></ul></nav>
<header><h1>Floods cut off coastal towns</h1></header>
<article>
<p>Heavy rain caused rivers to burst their banks across the coastal region on Tuesday,
cutting off several towns from the rest of the country.</p>
<p>Emergency services said more than two hundred people had been moved to shelters
overnight, and that the water was still rising in the lower districts.</p>
<p>The regional governor asked residents to stay indoors and to avoid driving until the
roads had been inspected by engineers.</p>
<p>Forecasters expect the rain to ease by Thursday, but warned that the ground was already
saturated and further flooding was likely.</p>
</article>
<footer><p>Harbour Gazette Media Group. Contact the newsroom tips desk.</p></footer>
</body>
</html>
"""


def read(*paths, **kwargs):
    return read_paths([str(p) for p in paths], **kwargs)


def test_text_with_front_matter(tmp_path):
    path = tmp_path / "floods.md"
    path.write_text(
        '---\nid: gz-1\nsource: Harbour Gazette\ntitle: "Floods: the latest"\n'
        "url: https://gazette.example/floods\npublished: 2024-09-05\nauthor: ignored\n---\n"
        f"{STORY}\n",
        encoding="utf-8",
    )
    [article] = read(path)
    assert (article.id, article.source, article.title) == (
        "gz-1",
        "Harbour Gazette",
        "Floods: the latest",
    )
    assert (article.url, article.published) == ("https://gazette.example/floods", "2024-09-05")
    assert article.text.strip() == STORY


def test_manifest_beside_the_files(tmp_path):
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "b.txt").write_text("---\nsource: Front Matter Wins\n---\n" + STORY)
    manifest = {
        "a.txt": {"source": "Harbour Gazette", "title": "Floods", "url": "https://g.example/a"},
        "b.txt": {"source": "Manifest Loses", "title": "Rain"},
    }
    (tmp_path / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    a, b = read(tmp_path)  # the manifest itself is not an article
    assert (a.id, a.source, a.title, a.url) == (
        "a",
        "Harbour Gazette",
        "Floods",
        "https://g.example/a",
    )
    assert (b.source, b.title) == ("Front Matter Wins", "Rain")
    assert read(tmp_path / "a.txt")[0].source == "Harbour Gazette"


def test_file_name_is_the_fallback_outlet(tmp_path):
    path = tmp_path / "harbour-gazette.txt"
    path.write_text(STORY, encoding="utf-8")
    [article] = read(path)
    assert (article.id, article.source, article.title, article.text) == (
        "harbour-gazette",
        "harbour-gazette",
        "",
        STORY,
    )


def test_html_page_gives_the_article_without_navigation(tmp_path):
    path = tmp_path / "floods.html"
    path.write_text(PAGE, encoding="utf-8")
    [article] = read(path)
    assert article.title == "Floods cut off coastal towns"
    assert article.source == "Harbour Gazette"
    assert article.url == "https://gazette.example/news/floods"
    assert "Emergency services said more than two hundred people" in article.text
    assert "further flooding was likely." in article.text
    for chrome in ("World desk", "Sport pages", "tips desk"):
        assert chrome not in article.text


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("one.json", {"source": "A", "title": "T", "text": "x."}, [("one", "A", "T", "x.")]),
        (
            "many.json",
            [{"source": "A", "text": "x."}, {"source": "B", "text": "y."}],
            [("many-1", "A", "", "x."), ("many-2", "B", "", "y.")],
        ),
        (
            "wrapped.json",
            {"articles": [{"id": "k", "source": "A", "text": "x."}]},
            [("k", "A", "", "x.")],
        ),
        (
            "lines.jsonl",
            '{"source": "A", "text": "x."}\n\n{"source": "B", "title": 7, "text": "y."}\n',
            [("lines-1", "A", "", "x."), ("lines-2", "B", "7", "y.")],
        ),
    ],
)
def test_json_and_jsonl(tmp_path, name, content, expected):
    path = tmp_path / name
    path.write_text(content if isinstance(content, str) else json.dumps(content))
    assert [(a.id, a.source, a.title, a.text) for a in read(path)] == expected


def test_json_record_with_html_instead_of_text(tmp_path):
    path = tmp_path / "record.json"
    path.write_text(json.dumps({"source": "Gazette Wire", "html": PAGE}), encoding="utf-8")
    [article] = read(path)
    assert (article.id, article.source, article.title) == (
        "record",
        "Gazette Wire",
        "Floods cut off coastal towns",
    )
    assert "moved to shelters" in article.text
    assert "Sport pages" not in article.text


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"---\nsource: Gazette\n---\n" + STORY.encode(), [("stdin", "Gazette", STORY)]),
        (b'{"source": "Gazette", "text": "x."}', [("stdin", "Gazette", "x.")]),
        (
            b'{"source": "A", "text": "x."}\n{"source": "B", "text": "y."}\n',
            [("stdin-1", "A", "x."), ("stdin-2", "B", "y.")],
        ),
    ],
    ids=["text", "json", "jsonl"],
)
def test_standard_input(data, expected):
    articles = read_paths(["-"], stdin=io.BytesIO(data))
    assert [(a.id, a.source, a.text.strip()) for a in articles] == expected


def test_folders_are_read_recursively_in_sorted_order(tmp_path):
    for name in ("c.txt", "a/b.md", "d/e/f.txt", ".hidden.txt", ".git/g.txt", "h/.i.txt"):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"{name}: {STORY}", encoding="utf-8")
    (tmp_path / "notes.png").write_bytes(b"\x89PNG\x00\x00")
    assert [a.id for a in read(tmp_path)] == ["b", "c", "f"]


def test_duplicate_ids_are_made_unique(tmp_path):
    for folder in ("x", "y", "z"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "wire.txt").write_text(f"{folder}: {STORY}", encoding="utf-8")
    assert [a.id for a in read(tmp_path)] == ["wire", "wire-2", "wire-3"]


def test_made_up_ids_do_not_collide_with_given_ones(tmp_path):
    path = tmp_path / "wire.json"
    records = [{"id": i, "text": f"{n}. {STORY}"} for n, i in enumerate(("a", "a", "a-2"))]
    path.write_text(json.dumps(records))
    ids = [a.id for a in read(path)]
    assert len(set(ids)) == len(ids), ids


def test_an_article_read_twice_counts_once(tmp_path, caplog):
    # Two snapshots of one feed, an hour apart: the entry in both is one article.
    entry = {"id": "g1", "source": "Herald", "url": "https://h.example/1", "text": STORY}
    newer = {**entry, "id": "g2", "url": "https://h.example/2", "text": "Rates rose again."}
    updated = {**entry, "text": STORY + " Updated at noon."}
    (tmp_path / "08h.jsonl").write_text(json.dumps(entry), encoding="utf-8")
    lines = [json.dumps(record) for record in (newer, entry, updated)]
    (tmp_path / "09h.jsonl").write_text("\n".join(lines), encoding="utf-8")
    articles = read(tmp_path)
    # The fullest copy stands where the article was first read.
    assert [a.text for a in articles] == [STORY + " Updated at noon.", "Rates rose again."]
    assert "2 articles were read more than once (same outlet and link) are counted once" in (
        caplog.text
    )
    # The same text from another outlet is that outlet's report: both are kept.
    other = {**entry, "source": "Gazette"}
    (tmp_path / "10h.jsonl").write_text(json.dumps(other), encoding="utf-8")
    assert [a.source for a in read(tmp_path)].count("Gazette") == 1


def test_missing_path(tmp_path):
    with pytest.raises(InputError, match=r"no such file or folder: .*missing\.txt"):
        read(tmp_path / "missing.txt")


def test_binary_file(tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(
        InputError, match=r"photo\.txt: not a text file \(give articles as text, HTML or JSON\)"
    ):
        read(path)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("broken.json", '{"source": "A", "text": ', "not valid JSON"),
        ("broken.jsonl", '{"text": "x."}\n{oops}\n', "line 2 is not valid JSON"),
        ("number.json", "42", "expected an article object"),
        ("strings.json", '["x."]', "item 1 is not an article object"),
        ("outlets.json", '[{"source": ["A"], "text": "x."}]', 'item 1: "source" must be text'),
        ("number.jsonl", '{"text": 12}\n', 'item 1: "text" must be text, not a number'),
    ],
)
def test_invalid_json_names_the_file(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=f"^{re.escape(str(path))}: {message}"):
        read(path)


def test_folder_with_nothing_readable(tmp_path):
    (tmp_path / "photo.png").write_bytes(b"\x89PNG")
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(STORY, encoding="utf-8")
    with pytest.raises(InputError, match=f"no articles found in {re.escape(str(tmp_path))} "):
        read(tmp_path)


def test_dash_without_standard_input():
    with pytest.raises(InputError, match="no standard input"):
        read_paths(["-"])


def test_many_files_read_in_several_processes_come_out_the_same(tmp_path, monkeypatch, caplog):
    from summarizer import ingest

    for number in range(12):
        (tmp_path / f"story-{number:02d}.txt").write_text(
            f"---\nsource: Outlet {number}\n---\nReport number {number} says the river rose.\n",
            encoding="utf-8",
        )
    (tmp_path / "zz-binary.txt").write_bytes(b"\x00\x01\x02" * 50)
    serial = ingest.read_paths([str(tmp_path)])
    monkeypatch.setattr(ingest, "PARALLEL_FROM", 2)
    caplog.clear()
    assert ingest.read_paths([str(tmp_path)], jobs=2) == serial
    assert [a.source for a in serial] == [f"Outlet {n}" for n in range(12)]
    assert "zz-binary.txt: not a text file" in caplog.text
