"""The layout is the pipeline: each stage imports only the stages before it (import-linter keeps it so)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent


def test_stages_import_only_earlier_stages():
    lint = Path(sys.executable).with_name("lint-imports")
    done = subprocess.run([str(lint), "--config", str(REPOSITORY / "pyproject.toml")], capture_output=True, text=True,
                          cwd=REPOSITORY)
    assert done.returncode == 0, done.stdout + done.stderr


def test_no_module_is_longer_than_a_sitting():
    too_long = {str(path.relative_to(REPOSITORY)): lines for path in (REPOSITORY / "src" / "argmap").rglob("*.py")
                if (lines := len(path.read_text(encoding="utf-8").splitlines())) > 400}
    assert not too_long, f"split these by what they do: {too_long}"
