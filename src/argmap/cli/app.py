"""The `argmap` command group, its error handling and the options every command shares.

Exit status: 0 success; 1 the data does not conform (the report says where);
2 argmap could not run (a missing tool, an unreadable file, a bad argument).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import ArgmapError, FileAccessError

#: The project folder, named the same way on every command (as `git -C` and `make -C` do).
project_option = click.option(
    "-C", "--project", "directory", type=click.Path(file_okay=False, path_type=Path), metavar="DIR",
    help="The project folder (default: the current folder if it is one, else the data argmap ships with).",
)


def open_project(directory: Path | None):
    """The project a command works on; when argmap fell back to its own data, a note on stderr says which."""
    from ..model.project import find_project

    project = find_project(directory)
    if project.fallback:
        sources = sorted(project.claims_dir.glob("sources/*.txt"))
        click.echo(f"note: {Path.cwd()} is not an argmap project (no ontology/ and claims/), so this uses the data "
                   f"argmap ships with: {project.claims_dir} ({len(sources)} sources); name a project with -C DIR",
                   err=True)
    return project


class _Command(click.Command):
    """A command that, given a folder where it takes none, says to name the project with -C."""

    def parse_args(self, ctx, args):
        given = list(args)  # the parser consumes its list
        try:
            return super().parse_args(ctx, args)
        except click.UsageError as error:
            stray = next((a for a in given if not a.startswith("-") and Path(a).is_dir()), None)
            if stray is None or "unexpected extra argument" not in str(error):
                raise
            raise click.UsageError(f"{stray} is a folder: name the project with -C, as in "
                                   f"argmap {ctx.info_name} -C {stray}", ctx) from None


class _Group(click.Group):
    """A group that turns an ArgmapError, or the system's refusal of a file (full, forbidden), into one line and exit 2.

    Any other exception is a bug of argmap, and shows its traceback.
    """

    command_class = _Command

    def invoke(self, ctx):
        try:
            try:
                return super().invoke(ctx)
            finally:
                _flush_stdout()
        except ArgmapError as error:
            click.echo(f"argmap: error: {error}", err=True)
            sys.exit(error.exit_code)
        except OSError as error:  # met where no library call said which file: the error names it, if anything does
            if not FileAccessError.wraps(error):
                raise
            try:
                _flush_stdout()
            except FileAccessError:
                pass
            click.echo(f"argmap: error: {FileAccessError.from_os_error(error, doing=None)}", err=True)
            sys.exit(FileAccessError.exit_code)


def echo(text: str, nl: bool = True) -> None:
    """Print a command's answer on standard output; a full disk behind it is named as standard output."""
    try:
        click.echo(text, nl=nl)
    except OSError as error:
        _refused_stdout(error)


def _flush_stdout() -> None:
    """Write out what is buffered for standard output now, so that a full disk behind it is reported like any other."""
    try:
        sys.stdout.flush()
    except OSError as error:
        _refused_stdout(error)


def _refused_stdout(error: OSError) -> None:
    """Raise the FileAccessError naming standard output, having sent what is left for it nowhere (else Python's own
    flush at exit would fail again, with a message of its own)."""
    if not FileAccessError.wraps(error):
        raise error
    import os

    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, sys.stdout.fileno())
    os.close(null)
    raise FileAccessError.from_os_error(error, "standard output", "write it") from None


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="argmap")
def main():
    """Argument maps as a knowledge graph: check, reason over, evaluate, query, draw, exchange and serve them.

    Every command takes the project folder (ontology/ and claims/) as -C DIR;
    without it, argmap uses the current folder if it is a project, else the
    data it ships with, and says so.
    """
