"""The `argmap` command group, its error handling and the options every command shares.

Exit status: 0 success; 1 the data does not conform (the report says where);
2 argmap could not run (a missing tool, an unreadable file, a bad argument).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import ArgmapError

project_argument = click.argument(
    "directory", required=False, type=click.Path(file_okay=False, path_type=Path), metavar="[DIR]"
)


class _Group(click.Group):
    """A group that turns an ArgmapError into one line on stderr and its exit code."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except ArgmapError as error:
            click.echo(f"argmap: error: {error}", err=True)
            sys.exit(error.exit_code)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="argmap")
def main():
    """Argument maps as a knowledge graph: check, reason over, evaluate, query, draw, exchange and serve them.

    DIR is a project folder holding ontology/ and claims/; without it, argmap
    uses the current folder, else the data it ships with.
    """
