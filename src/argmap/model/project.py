"""Where a project's ontology, claims, queries and views live.

A project is a directory holding `ontology/`, `claims/`, `queries/` and `viz/`
(like a datasette configuration directory). This module alone knows paths.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import FileAccessError, InputError

PACKAGE_DIR = Path(__file__).resolve().parent.parent  # src/argmap/, above this module's model/
#: Where a wheel puts the shipped project (pyproject.toml force-includes it).
PACKAGED_DIR = PACKAGE_DIR / "_data"
#: The repository root, seen from an editable install (src/argmap/ → ../../).
REPOSITORY_DIR = PACKAGE_DIR.parent.parent
#: The kinds of claims file argmap reads, by extension: Turtle, and Argdown in argmap's profile (docs/argdown.md).
CLAIMS_SUFFIXES = (".ttl", ".argdown")


@dataclass(frozen=True)
class Project:
    """The folders of one argmap project."""

    root: Path
    shipped: bool = False
    #: True when no folder was named and the current one is no project, so argmap fell back to the data it ships.
    fallback: bool = False

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

    def layers(self, folder: str) -> list[Path]:
        """`folder` of the project, then argmap's own (the repository's, else the wheel's), where each exists.

        queries/ and viz/ are layered like a datasette configuration directory: a file of the project wins over
        argmap's file of the same name, and a project that has none of its own (only ontology/ and claims/) gets
        argmap's queries, views, style and templates.
        """
        candidates = [self.root / folder] + [shipped / folder for shipped in (REPOSITORY_DIR, PACKAGED_DIR)
                                             if (shipped / folder).is_dir()][:1]
        found: list[Path] = []
        for candidate in candidates:
            if candidate.is_dir() and candidate.resolve() not in [f.resolve() for f in found]:
                found.append(candidate)
        return found

    def claims_files(self) -> list[Path]:
        """The claims files under claims/ (CLAIMS_SUFFIXES), in name order; a folder the system will not list is a
        FileAccessError.

        (Path.glob would give nothing for a folder it may not read, and the project would look empty.)
        """
        try:
            return sorted(p for p in self.claims_dir.iterdir() if p.suffix in CLAIMS_SUFFIXES)
        except OSError as error:
            if FileAccessError.wraps(error):
                raise FileAccessError.from_os_error(error, self.claims_dir, "list the files in it") from None
            raise

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
    if is_project(Path.cwd()):
        return Project(Path.cwd().resolve())
    if is_project(REPOSITORY_DIR):
        return Project(REPOSITORY_DIR.resolve(), fallback=True)
    if is_project(PACKAGED_DIR):
        return Project(PACKAGED_DIR, shipped=True, fallback=True)
    raise InputError(
        "no argmap project found here, and this installation ships none",
        path=Path.cwd(),
        fix="run argmap in a folder with ontology/ and claims/, or pass that folder",
    )
