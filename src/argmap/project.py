"""Where a project's ontology, claims, queries and views live.

A project is a directory holding `ontology/`, `claims/`, `queries/` and `viz/`
(like a datasette configuration directory). This module alone knows paths.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import InputError

PACKAGE_DIR = Path(__file__).resolve().parent
#: Where a wheel puts the shipped project (pyproject.toml force-includes it).
PACKAGED_DIR = PACKAGE_DIR / "_data"
#: The repository root, seen from an editable install (src/argmap/ → ../../).
REPOSITORY_DIR = PACKAGE_DIR.parent.parent


@dataclass(frozen=True)
class Project:
    """The folders of one argmap project."""

    root: Path
    shipped: bool = False

    @property
    def ontology_dir(self) -> Path:
        return self.root / "ontology"

    @property
    def claims_dir(self) -> Path:
        return self.root / "claims"

    @property
    def queries_dir(self) -> Path:
        return self.root / "queries"

    @property
    def viz_dir(self) -> Path:
        return self.root / "viz"

    def out_dir(self) -> Path:
        """Where generated pages go: viz/out in the project, or ./viz/out for the shipped data."""
        return (Path.cwd() if self.shipped else self.root) / "viz" / "out"

    def relative(self, path: Path) -> str:
        """A path as the user should see it in messages: relative to the project where possible."""
        try:
            return str(path.resolve().relative_to(self.root.resolve()))
        except ValueError:
            return str(path)


def is_project(path: Path) -> bool:
    """True when `path` holds both an ontology/ and a claims/ folder."""
    return (path / "ontology").is_dir() and (path / "claims").is_dir()


def find_project(directory: Path | str | None = None) -> Project:
    """The project in `directory`; without one, the current directory, the repository, then the shipped data."""
    if directory is not None:
        path = Path(directory)
        if not path.is_dir():
            raise InputError("no such directory", path=path, fix="give the folder that holds ontology/ and claims/")
        if not is_project(path):
            raise InputError(
                "not an argmap project (no ontology/ or claims/ folder)",
                path=path,
                fix="give the folder that holds ontology/ and claims/",
            )
        return Project(path.resolve())
    for candidate in (Path.cwd(), REPOSITORY_DIR):
        if is_project(candidate):
            return Project(candidate.resolve())
    if is_project(PACKAGED_DIR):
        return Project(PACKAGED_DIR, shipped=True)
    raise InputError(
        "no argmap project found here, and this installation ships none",
        path=Path.cwd(),
        fix="run argmap in a folder with ontology/ and claims/, or pass that folder",
    )
