"""A disk that fills up, a file size limit, a read-only disk: one line naming the file and what to do, exit 2,
and the project byte for byte as it was, with no temporary file or copied text left behind.

The disks are real tmpfs mounts (smalldisk.py); the size limit is the kernel's (RLIMIT_FSIZE).
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from refusal import refused_in_one_line, snapshot
from smalldisk import SmallDisk

AIF = Path(__file__).parent / "corpora" / "aif"
AT = "2026-11-24T10:00:00Z"


@pytest.fixture
def disk(tmp_path):
    small = SmallDisk(tmp_path / "disk", 8 * 1024 * 1024)
    yield small
    small.close()


@pytest.fixture
def on_disk(disk, mini):
    """The small test project on the small disk."""
    return type(mini)(disk.path / "mini")


@pytest.fixture
def scratch_env(tmp_path):
    """An environment whose temporary folder (TMPDIR) the test can look into afterwards."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    return folder, {**os.environ, "TMPDIR": str(folder)}


def test_add_on_a_full_disk_names_the_claims_file_and_changes_nothing(disk, on_disk, scratch_env):
    folder, env = scratch_env
    before = snapshot(on_disk.root)
    disk.fill()
    done = disk.argmap("add", "claim", "-C", disk.seen_by_argmap(on_disk.root), "--source", "doc", "--kind", "Judgement",
                       "--text", "Going out is wise.", "--implicit", "--supports", "d:go-out", "--by", "Ann", "--at", AT, env=env)
    refused_in_one_line(done, "claims/doc.ttl", "no space left on device", "free some space")
    assert snapshot(on_disk.root) == before
    assert list(folder.iterdir()) == []  # the scratch copy is gone too


def test_import_on_a_disk_with_room_for_the_text_alone_writes_neither(disk, on_disk, scratch_env):
    _, env = scratch_env
    before = snapshot(on_disk.root)
    disk.fill(leave=4096)  # the text (305 bytes) fits; the claims file (8 KiB) does not
    done = disk.argmap("import", "--format", "aif", AIF / "araucaria-nodeset127.json", "--source", "ara",
                       "-C", disk.seen_by_argmap(on_disk.root), env=env)
    refused_in_one_line(done, "claims/ara.ttl", "no space left on device")
    assert snapshot(on_disk.root) == before  # no orphan claims/sources/ara.txt


def test_import_past_the_file_size_limit_writes_neither(mini, argmap_cli):
    before = snapshot(mini.root)

    def limit():
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))  # the text fits, the claims file does not

    done = subprocess.run([sys.executable, "-m", "argmap", "import", "--format", "aif", str(AIF / "araucaria-nodeset127.json"),
                           "--source", "ara", "-C", str(mini.root)], capture_output=True, text=True, preexec_fn=limit, timeout=300)
    refused_in_one_line(done, "claims/ara.ttl", "file too large", "ulimit -f")
    assert snapshot(mini.root) == before


def test_export_to_a_full_disk_keeps_the_earlier_file(disk, mini):
    target = disk.path / "argmap.trig"
    target.write_text("# an earlier export\n", encoding="utf-8")
    disk.fill()
    done = disk.argmap("export", "-C", mini.root, "-o", disk.seen_by_argmap(target))
    refused_in_one_line(done, "argmap.trig", "no space left on device")
    assert snapshot(disk.path) == {"argmap.trig": b"# an earlier export\n", "filler": (disk.path / "filler").read_bytes()}


def test_standard_output_on_a_full_disk_is_named(disk, mini):
    target = disk.path / "argmap.trig"
    disk.fill()
    with open(target, "wb") as stream:
        done = subprocess.run(disk.command([sys.executable, "-m", "argmap", "export", "-C", str(mini.root)]),
                              stdout=stream, stderr=subprocess.PIPE, text=True, timeout=300)
    refused_in_one_line(done, "standard output", "no space left on device")


def test_build_on_a_full_disk_keeps_the_earlier_pages_whole(disk, on_disk, scratch_env):
    folder, env = scratch_env
    out = on_disk.root / "viz" / "out"
    assert disk.argmap("build", "-C", disk.seen_by_argmap(on_disk.root), env=env).returncode == 0
    before = snapshot(out)
    on_disk.replace('rdfs:label "The sky is blue"@en', 'rdfs:label "The sky is clear"@en')
    disk.fill(leave=1024 * 1024)  # room for a page or so of the new set, not for all of it
    done = disk.argmap("build", "-C", disk.seen_by_argmap(on_disk.root), env=env)
    refused_in_one_line(done, "mini/viz/out/", "no space left on device")
    assert snapshot(out) == before  # the earlier pages, every one, and no staging folder
    assert list(folder.iterdir()) == []


def test_add_on_a_read_only_disk_says_so(disk, on_disk):
    before = snapshot(on_disk.root)
    disk.read_only()
    done = disk.argmap("add", "claim", "-C", disk.seen_by_argmap(on_disk.root), "--source", "doc", "--kind", "Judgement",
                       "--text", "Going out is wise.", "--implicit", "--supports", "d:go-out", "--by", "Ann", "--at", AT)
    refused_in_one_line(done, "claims/doc.ttl", "read-only")
    assert snapshot(on_disk.root) == before


def test_a_full_temporary_folder_is_named_with_tmpdir_as_the_way_out(disk, mini, monkeypatch):
    import tempfile

    from argmap.editing.add import add_claim
    from argmap.errors import FileAccessError
    from argmap.model.project import find_project

    before = snapshot(mini.root)
    monkeypatch.setattr(tempfile, "tempdir", str(disk.path))
    disk.fill()
    with pytest.raises(FileAccessError) as refused:
        add_claim(find_project(mini.root), source="doc", text="Going out is wise.", kind="Judgement", implicit=True,
                  supports=["d:go-out"], by="Ann", at=AT)
    assert "TMPDIR" in str(refused.value) and "no space left on device" in str(refused.value)
    assert snapshot(mini.root) == before
    assert sorted(p.name for p in disk.path.iterdir()) == ["filler"]


def test_a_full_temporary_folder_stops_reasoning_with_tmpdir_as_the_way_out(disk, mini, monkeypatch):
    import tempfile

    from argmap import find_project, load, reason
    from argmap.errors import FileAccessError

    loaded = load(find_project(mini.root))
    monkeypatch.setattr(tempfile, "tempdir", str(disk.path))
    disk.fill()
    with pytest.raises(FileAccessError, match="TMPDIR") as refused:
        reason(loaded, "hermit")
    assert "no space left on device" in str(refused.value)
    assert sorted(p.name for p in disk.path.iterdir()) == ["filler"]
