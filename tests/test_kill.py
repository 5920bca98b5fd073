"""Nothing left behind by `kill -9`: HermiT's Java process dies with argmap, and the next run removes the copy of
the project a killed run left in the temporary folder."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from refusal import snapshot

AT = "2026-11-24T10:00:00Z"

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from Linux's /proc")


def _stat(pid: int) -> tuple[str, str, int] | None:
    """(command name, state, parent pid) of a process, or None when there is none."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    name, rest = text[text.index("(") + 1:text.rindex(")")], text[text.rindex(")") + 2:].split()
    return name, rest[0], int(rest[1])


def children(pid: int, name: str) -> list[int]:
    """The live child processes of `pid` called `name`."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            stat = _stat(int(entry.name))
            if stat and stat[0] == name and stat[2] == pid and stat[1] != "Z":
                found.append(int(entry.name))
    return found


def running(pid: int) -> bool:
    """Whether the process exists and is not a zombie (killed, and waiting only for its new parent to reap it)."""
    stat = _stat(pid)
    return stat is not None and stat[1] != "Z"


def wait_for(condition, process: subprocess.Popen, what: str, limit: float = 120):
    """Poll `condition` until it gives something; fail if `process` ends first or `limit` seconds pass."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        if process.poll() is not None:
            pytest.fail(f"argmap ended before {what}: {process.stderr.read()}")
        time.sleep(0.01)
    pytest.fail(f"never saw {what}")


def start(*args, env: dict) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "argmap", *map(str, args)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=env)


@pytest.fixture
def temporary(tmp_path):
    """A temporary folder (TMPDIR) of the test's own, and the environment that points argmap at it."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    return folder, {**os.environ, "TMPDIR": str(folder)}


def test_java_dies_with_a_build_killed_while_reasoning(mini, tmp_path, temporary):
    _, env = temporary
    build = start("build", "-C", mini.root, "-o", tmp_path / "out", env=env)
    java = wait_for(lambda: children(build.pid, "java"), build, "HermiT's Java process")[0]
    os.kill(java, signal.SIGSTOP)  # stopped, it cannot finish and exit by itself: only a kill can end it
    try:
        build.kill()
        build.wait()
        deadline = time.monotonic() + 60  # the kernel kills it as argmap dies; allow a loaded machine to deliver it
        while running(java) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not running(java), f"java {java} goes on running without argmap"
    finally:
        if running(java):
            os.kill(java, signal.SIGKILL)


def test_the_next_build_removes_what_a_killed_build_left_in_the_temporary_folder(mini, tmp_path, temporary):
    folder, env = temporary
    build = start("build", "-C", mini.root, "-o", tmp_path / "out", env=env)
    wait_for(lambda: children(build.pid, "java"), build, "HermiT's Java process")
    build.kill()
    build.wait()
    assert [p.name.startswith("argmap-scratch-reason-") for p in folder.iterdir()] == [True]  # the data HermiT was given
    again = subprocess.run([sys.executable, "-m", "argmap", "build", "-C", mini.root, "-o", tmp_path / "out"], env=env,
                           capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    assert list(folder.iterdir()) == []


def test_add_killed_while_validating_changes_nothing_and_the_next_add_removes_its_copy(mini, temporary):
    folder, env = temporary
    before = snapshot(mini.root)
    add = start("add", "claim", "-C", mini.root, "--source", "doc", "--kind", "Judgement", "--text", "Going out is wise.",
                "--implicit", "--supports", "d:go-out", "--by", "Ann", "--at", AT, env=env)
    wait_for(lambda: list(folder.glob("argmap-scratch-add-*/claims/doc.ttl")), add, "the scratch copy of the project")
    add.send_signal(signal.SIGKILL)
    add.wait()
    assert snapshot(mini.root) == before
    again = subprocess.run([sys.executable, "-m", "argmap", "add", "claim", "-C", mini.root, "--source", "doc", "--kind", "Judgement",
                            "--text", "Staying in is wise.", "--implicit", "--supports", "d:go-out", "--by", "Ann", "--at", AT],
                           env=env, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    assert list(folder.iterdir()) == []


def test_a_scratch_folder_in_use_is_not_removed_by_another_run(tmp_path, monkeypatch):
    import tempfile

    from argmap.model.scratch import remove_stale, scratch_folder

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    stale = tmp_path / "argmap-scratch-add-left"  # a folder no process holds: its run was killed
    (stale / "claims").mkdir(parents=True)
    with scratch_folder("add") as mine:
        assert remove_stale(tmp_path) == []  # mine is locked; the stale one went when mine was made
        assert mine.is_dir() and not stale.exists()
    assert list(tmp_path.iterdir()) == []
