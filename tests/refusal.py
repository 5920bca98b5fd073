"""What a command that argmap refuses to finish must leave: one line and exit 2, and the files as they were."""

from __future__ import annotations

import subprocess
from pathlib import Path


def refused_in_one_line(done: subprocess.CompletedProcess, *words: str) -> str:
    """The one line argmap printed for a refusal (exit 2, no traceback), which must say each of `words`."""
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("argmap: error: "), done.stderr
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` (hidden ones too) and its bytes: what a failed command must leave as it was."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(Path(folder).rglob("*")) if p.is_file()}
