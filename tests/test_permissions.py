"""Files and folders the user may not read or write: one line naming the file and what to do, exit 2, nothing changed.

Root may read and write anything; as root, these tests run argmap without the capabilities that allow it
(CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER), so that a file's permissions hold for it as for anyone.
"""

from __future__ import annotations

import ctypes
import os
import subprocess
import sys
from pathlib import Path

import pytest

from refusal import refused_in_one_line, snapshot

AIF = Path(__file__).parent / "corpora" / "aif"
PR_CAPBSET_DROP = 24
CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER = 1, 2, 3


def _without_root_powers() -> None:
    """In the child, before it runs argmap: drop the capabilities that let root ignore permissions."""
    prctl = ctypes.CDLL(None, use_errno=True).prctl
    for capability in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER):
        if prctl(PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            os._exit(126)


class User:
    """Runs argmap as a user whom permissions bind."""

    def __init__(self):
        self.preexec = _without_root_powers if os.geteuid() == 0 else None

    def argmap(self, *args, cwd: Path) -> subprocess.CompletedProcess:
        done = subprocess.run([sys.executable, "-m", "argmap", *map(str, args)], capture_output=True, text=True, cwd=cwd,
                              preexec_fn=self.preexec, timeout=300)
        if done.returncode == 126 and not done.stderr:
            pytest.skip("cannot drop root's capabilities here (prctl PR_CAPBSET_DROP refused)")
        return done


@pytest.fixture
def user():
    return User()


@pytest.fixture
def shared(mini):
    """The small project; its permissions are given back after the test, so that it can be removed."""
    yield mini
    for path in [mini.root, *mini.root.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)


def test_adding_to_a_claims_folder_the_user_may_not_write_is_refused(user, shared):
    (shared.root / "claims").chmod(0o555)
    before = snapshot(shared.root)
    done = user.argmap("add", "claim", "-C", shared.root, "--source", "doc", "--kind", "Judgement", "--text", "Going out is wise.",
                       "--implicit", "--supports", "d:go-out", "--by", "Ann", cwd=shared.root)
    refused_in_one_line(done, "claims/doc.ttl", "permission denied", "chmod")
    assert snapshot(shared.root) == before


def test_importing_into_a_claims_folder_the_user_may_not_write_is_refused(user, shared):
    (shared.root / "claims").chmod(0o555)  # claims/sources/ stays writable: the text could be copied, the claims not
    before = snapshot(shared.root)
    done = user.argmap("import", "--format", "aif", AIF / "araucaria-nodeset127.json", "--source", "ara", "-C", shared.root,
                       cwd=shared.root)
    refused_in_one_line(done, "claims/ara.ttl", "permission denied")
    assert snapshot(shared.root) == before  # no orphan claims/sources/ara.txt


@pytest.mark.parametrize("command", [["check", "-C", "."], ["query", "counts"], ["export", "-C", "."]])
def test_a_claims_file_the_user_may_not_read_is_named(user, shared, command):
    shared.claims.chmod(0o200)  # its owner may write it, not read it
    refused_in_one_line(user.argmap(*command, cwd=shared.root), "claims/doc.ttl", "cannot read it", "permission denied")


@pytest.mark.parametrize("command", [["check", "-C", "."], ["query", "counts"]])
def test_a_claims_folder_the_user_may_not_list_is_named_not_taken_for_empty(user, shared, command):
    (shared.root / "claims").chmod(0o300)  # its owner may enter it, not list it
    refused_in_one_line(user.argmap(*command, cwd=shared.root), "claims", "cannot list the files in it", "permission denied")


def test_a_source_text_the_user_may_not_read_stops_the_check(user, shared):
    (shared.root / "claims" / "sources" / "doc.txt").chmod(0o200)
    refused_in_one_line(user.argmap("check", "-C", ".", cwd=shared.root), "claims/sources/doc.txt", "permission denied")


def test_building_into_a_folder_the_user_may_not_write_is_refused(user, shared):
    out = shared.root / "viz" / "out"
    out.mkdir()
    out.chmod(0o555)
    refused_in_one_line(user.argmap("build", "-C", ".", cwd=shared.root), "viz/out", "permission denied")
    assert list(out.iterdir()) == []
