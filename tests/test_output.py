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


def test_a_new_file_gets_the_usual_permissions_and_a_replaced_one_keeps_its_own(tmp_path):
    import os

    umask = os.umask(0o022)
    try:
        write_atomic(tmp_path / "new.md", "x")
        assert (tmp_path / "new.md").stat().st_mode & 0o777 == 0o644
        kept = tmp_path / "kept.md"
        kept.write_text("old")
        kept.chmod(0o600)
        write_atomic(kept, "new")
        assert (kept.stat().st_mode & 0o777, kept.read_text()) == (0o600, "new")
    finally:
        os.umask(umask)
