from summarizer.output import new_path, write_atomic


def test_new_path_never_names_an_existing_file(tmp_path):
    first = new_path(tmp_path / "out", "digest", ".md")
    assert first == tmp_path / "out" / "digest.md"
    write_atomic(first, "yesterday\n")
    second = new_path(tmp_path / "out", "digest", ".md")
    assert second == tmp_path / "out" / "digest-2.md"
    write_atomic(second, "today\n")
    assert new_path(tmp_path / "out", "digest", ".md").name == "digest-3.md"
    assert first.read_text() == "yesterday\n"
