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
