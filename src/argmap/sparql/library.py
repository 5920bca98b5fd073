"""The query library: named `.rq` files in `queries/`, their grlc-style headers, and finding one by name.

A query opens with comment lines that keep it valid SPARQL:

    #+ title: Which premises does a claim rest on, directly?
    #+ description: The premises of every inference that concludes the claim.
    #+ params: claim (IRI)
    #+ example: argmap query premises-of --param claim=bsj:ties-in-deep-freeze

A `#+` line without a key continues the previous value. Parameters are the
query's `$` variables (`$claim`), each declared with its type: IRI, string,
integer, decimal, boolean or date, and `optional` when the query makes sense
without it. Quality checks live in `queries/checks/*-violation.rq` and add
`#+ fix:` (how to mend what they find).

Needs: a Project. Gives: Query values. Does not: run them (that is `query`).
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass
from pathlib import Path

from ..errors import QueryError
from ..model.project import Project

PARAM_TYPES = ("iri", "string", "integer", "decimal", "boolean", "date")
_HEADER = re.compile(r"^#\+\s*(?:(?P<key>[a-z]+)\s*:)?\s?(?P<value>.*)$")
_PARAM = re.compile(r"^(?P<name>[A-Za-z_]\w*)\s*\((?P<type>[^)]*)\)$")


@dataclass(frozen=True)
class Param:
    """A declared parameter: its name (the `$` variable), type, and whether it may be left out."""

    name: str
    type: str
    optional: bool = False

    def __str__(self) -> str:
        shown = "IRI" if self.type == "iri" else self.type
        return f"{self.name} ({shown}{', optional' if self.optional else ''})"


@dataclass(frozen=True)
class Query:
    """One named query: where it is, its text, and what its header says."""

    name: str
    path: Path | None
    text: str
    title: str = ""
    description: str = ""
    params: tuple[Param, ...] = ()
    example: str = ""
    fix: str = ""
    tags: tuple[str, ...] = ()

    @property
    def shipped(self) -> bool:
        """Whether this is a file of the library argmap ships (checked by its tests, so not read again at run time)."""
        if self.path is None:
            return False
        from ..model.project import PACKAGED_DIR, REPOSITORY_DIR

        where = self.path.resolve()
        return any(where.is_relative_to(shipped / "queries") for shipped in (REPOSITORY_DIR, PACKAGED_DIR))

    @property
    def shown(self) -> str:
        """How messages name the query: its file name, or `--sparql` for typed text."""
        return self.path.name if self.path is not None else self.name

    def example_params(self) -> dict[str, str]:
        """The `--param NAME=VALUE` pairs of the example line."""
        words = shlex.split(self.example)
        found = {}
        for flag, value in zip(words, words[1:]):
            if flag in ("--param", "-p"):
                name, _, given = value.partition("=")
                found[name] = given
        return found


def parse_query(text: str, name: str, path: Path | None = None) -> Query:
    """A Query from its text, reading the `#+` header lines at its top."""
    values: dict[str, str] = {}
    key = None
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.startswith("#+"):
            if line.strip() and not line.startswith("#"):
                break
            continue
        match = _HEADER.match(line)
        if match.group("key"):
            key = match.group("key")
            if key in values:
                raise QueryError(f"line {number}: the header gives {key!r} twice", path=_where(name, path),
                                 fix="join the two lines, or continue a value on a `#+` line without a key")
            values[key] = match.group("value").strip()
        elif key is not None:
            values[key] = (values[key] + " " + match.group("value").strip()).strip()
    return Query(
        name=name,
        path=path,
        text=text,
        title=values.get("title", ""),
        description=values.get("description", ""),
        params=_parse_params(values.get("params", ""), _where(name, path)),
        example=values.get("example", ""),
        fix=values.get("fix", ""),
        tags=tuple(t.strip() for t in values.get("tags", "").split(",") if t.strip()),
    )


def _where(name: str, path: Path | None) -> str:
    return path.name if path is not None else name


def _parse_params(declared: str, where: str) -> tuple[Param, ...]:
    """`claim (IRI), depth (integer, optional)` as Params."""
    params = []
    for item in re.findall(r"[^,()]+\([^)]*\)|[^,\s][^,]*", declared):
        match = _PARAM.match(item.strip())
        if not match:
            raise QueryError(f"cannot read the parameter {item.strip()!r}", path=where,
                             fix="write `#+ params: name (type), other (type, optional)`")
        parts = [p.strip().lower() for p in match.group("type").split(",")]
        kind, flags = parts[0], set(parts[1:])
        if kind not in PARAM_TYPES or flags - {"optional"}:
            raise QueryError(f"parameter {match.group('name')} has unknown type {match.group('type')!r}", path=where,
                             fix=f"use one of {', '.join(PARAM_TYPES)}, optionally followed by `, optional`")
        params.append(Param(match.group("name"), kind, "optional" in flags))
    return tuple(params)


def library_dirs(project: Project) -> list[Path]:
    """Where queries are looked for: the project's queries/ first, then the library argmap ships."""
    return project.layers("queries")


def _read(path: Path, name: str) -> Query:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise QueryError(f"cannot read the query ({error})", path=path, fix="make it a readable UTF-8 .rq file") from None
    return parse_query(text, name, path)


def catalogue(project: Project, *, checks: bool = False) -> list[Query]:
    """Every named query (or, with `checks`, every quality check), by name; the project's own win over shipped ones."""
    found: dict[str, Path] = {}
    for folder in library_dirs(project):
        pattern = "checks/*-violation.rq" if checks else "*.rq"
        for path in sorted(folder.glob(pattern)):
            found.setdefault(path.stem, path)
    return [_read(path, name) for name, path in sorted(found.items())]


def find_query(project: Project, name_or_file: str) -> Query:
    """A query by name (`premises-of`) or by the path of an .rq file; an unknown name lists the known ones."""
    path = Path(name_or_file)
    if path.suffix == ".rq" or path.is_file():
        if not path.is_file():
            raise QueryError("no such query file", path=path, fix="give the path of an .rq file, or a query name")
        return _read(path, path.stem)
    for folder in library_dirs(project):
        for candidate in (folder / f"{name_or_file}.rq", folder / "checks" / f"{name_or_file}.rq"):
            if candidate.is_file():
                return _read(candidate, name_or_file)
    from ..model.names import suggestion

    raise QueryError(f"no query named {name_or_file!r}",
                     fix=suggestion(name_or_file, [q.name for q in catalogue(project)], "argmap query --list shows them all"))
