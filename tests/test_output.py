"""Files argmap writes: whole or not at all, and with the permissions a user expects of a file they made."""

from __future__ import annotations

import os
import stat

import pytest

from argmap.model.files import write_atomic


@pytest.fixture
def umask_022():
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def test_a_new_file_gets_the_permissions_the_umask_allows(tmp_path, umask_022):
    page = write_atomic(tmp_path / "map.html", "<!DOCTYPE html>")
    assert stat.S_IMODE(page.stat().st_mode) == 0o644


def test_a_replaced_file_keeps_its_permissions(tmp_path, umask_022):
    claims = tmp_path / "claims.ttl"
    claims.write_text("# old\n", encoding="utf-8")
    claims.chmod(0o640)
    write_atomic(claims, "# new\n")
    assert claims.read_text(encoding="utf-8") == "# new\n" and stat.S_IMODE(claims.stat().st_mode) == 0o640


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path):
    claims = tmp_path / "claims.ttl"
    claims.write_text("# old\n", encoding="utf-8")
    with pytest.raises(TypeError):
        write_atomic(claims, 42)
    assert claims.read_text(encoding="utf-8") == "# old\n" and [p.name for p in tmp_path.iterdir()] == ["claims.ttl"]


def test_a_temporary_file_a_killed_writer_left_is_removed_by_the_next_write_in_its_folder(tmp_path):
    left = tmp_path / ".claims.ttl.k1ll3d0x.argmap.tmp"  # as write_atomic names them
    left.write_text("# half of a file\n", encoding="utf-8")
    write_atomic(tmp_path / "other.ttl", "# new\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.ttl"]


def test_new_files_written_together_are_all_there_or_none(tmp_path):
    from argmap.errors import FileAccessError
    from argmap.model.files import write_new_files

    (tmp_path / "doc.txt").mkdir()  # a folder where the second file should go: found only when it is renamed into place
    with pytest.raises(FileAccessError) as refused:
        write_new_files([(tmp_path / "doc.ttl", "# claims\n"), (tmp_path / "doc.txt", "text\n")])
    assert "doc.txt: cannot write it: is a directory" in str(refused.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["doc.txt"]  # doc.ttl, already in place, was taken back


def test_a_file_in_the_way_of_a_folder_is_named(tmp_path):
    from argmap.errors import FileAccessError

    (tmp_path / "out").write_text("a file\n", encoding="utf-8")
    with pytest.raises(FileAccessError, match="out: cannot make a folder there: a file of that name is in the way"):
        write_atomic(tmp_path / "out" / "page.html", "<p>")


def test_a_set_of_pages_replaces_the_earlier_set_and_only_argmaps_stale_pages(tmp_path):
    from argmap.model.files import write_folder

    (tmp_path / "old.html").write_text("drawn by argmap\n", encoding="utf-8")
    (tmp_path / "notes.html").write_text("the user's own\n", encoding="utf-8")
    (tmp_path / ".argmap-staging-k1ll3d").mkdir()  # what a killed build left
    (tmp_path / ".argmap-staging-k1ll3d" / "index.html").write_text("<half", encoding="utf-8")
    written = write_folder(tmp_path, {"index.html": "<new>", "map.html": "<map>"}, stale=lambda p: "argmap" in p.read_text())
    assert [p.name for p in written] == ["index.html", "map.html"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["index.html", "map.html", "notes.html"]
