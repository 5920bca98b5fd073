"""Start a new project: argmap's ontology, the shared gazetteer and an empty claims folder, ready for `argmap add`."""

from __future__ import annotations

import shutil
from pathlib import Path

from ..errors import InputError
from ..model.project import PACKAGED_DIR, REPOSITORY_DIR, Project, is_project

#: What a new project gets from argmap's own: the ontology (with its shapes and schemes) and the gazetteer.
COPIED = ("ontology/argmap.ttl", "ontology/shapes.ttl", "ontology/schemes.ttl", "claims/entities.ttl")


def init_project(directory: Path) -> Project:
    """Make `directory` a project (created if need be); an existing project or a non-empty folder is refused."""
    directory = Path(directory)
    if is_project(directory):
        raise InputError("this folder is already an argmap project", path=directory, fix="use it as it is, with -C")
    if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
        raise InputError("the folder is not empty", path=directory, fix="give a new or empty folder")
    shipped = next((d for d in (REPOSITORY_DIR, PACKAGED_DIR) if is_project(d)), None)
    if shipped is None:
        raise InputError("this installation of argmap ships no ontology to start from", fix="reinstall argmap")
    staging = directory.with_name(f".{directory.name}.argmap-init")
    shutil.rmtree(staging, ignore_errors=True)
    try:
        for name in COPIED:
            (staging / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(shipped / name, staging / name)
        (staging / "claims" / "sources").mkdir(parents=True, exist_ok=True)
        if directory.exists():
            directory.rmdir()
        staging.rename(directory)
    except OSError as error:
        shutil.rmtree(staging, ignore_errors=True)
        raise InputError(f"cannot create the project ({error.strerror})", path=directory,
                         fix="choose a folder you may write, on a disk with room") from None
    return Project(directory.resolve())
