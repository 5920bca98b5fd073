"""The `argmap` command: parse arguments, call the library, print, exit.

Exit status: 0 success; 1 the data does not conform (the report says where);
2 argmap could not run (a missing tool, an unreadable file, a bad argument).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .errors import ArgmapError

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
    """Argument maps as a knowledge graph: check, reason over, export and draw them.

    DIR is a project folder holding ontology/ and claims/; without it, argmap
    uses the current folder, else the data it ships with.
    """


@main.command("check")
@project_argument
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def check_command(directory, fmt):
    """Check the claims against the shapes, their sources and each other.

    Reports every problem with its file, line, claim, what is wrong and how to
    fix it. Exit 0 when clean, 1 when the data does not conform.

    Example: argmap check claims-project/
    """
    from .check import check
    from .load import load
    from .project import find_project

    report = check(load(find_project(directory)))
    click.echo(report.json() if fmt == "json" else report.text())
    sys.exit(0 if report.conforms else 1)


@main.command("reason")
@project_argument
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write the inferred triples here (Turtle).")
@click.option("--reasoner", type=click.Choice(["auto", "hermit", "owlrl"]), default="auto", show_default=True,
              help="auto: HermiT where Java exists, else OWL 2 RL rules.")
def reason_command(directory, output, reasoner):
    """Reason over the ontology and claims: consistent? what follows?

    Checks the data first. HermiT needs Java; without it, auto falls back to
    OWL 2 RL rules and says so. Exit 1 when the data is inconsistent.

    Example: argmap reason -o inferred.ttl
    """
    from .check import check
    from .export import inferred_turtle
    from .load import load
    from .output import write_atomic
    from .project import find_project
    from .reason import reason

    loaded = load(find_project(directory))
    report = check(loaded)
    if not report.conforms:
        click.echo(report.text())
        sys.exit(1)
    inferred = reason(loaded, reasoner)
    if inferred.note:
        click.echo(f"note: {inferred.note}", err=True)
    click.echo(f"consistent ({inferred.reasoner}, {inferred.seconds:.2f} s): {len(inferred.graph)} triples inferred")
    if output:
        write_atomic(output, inferred_turtle(inferred.graph))
        click.echo(f"wrote {output}")


@main.command("build")
@project_argument
@click.option("-o", "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), help="Folder for the pages (default: viz/out).")
def build_command(directory, out_dir):
    """Check, reason, then draw the argument map and the index page.

    Nothing is written when the check fails. Prints the path of index.html.

    Example: argmap build && xdg-open viz/out/index.html
    """
    from .build import build
    from .project import find_project

    built = build(find_project(directory), out_dir)
    if not built.report.conforms:
        click.echo(built.report.text())
        sys.exit(1)
    for note in built.notes:
        click.echo(note, err=True)
    click.echo(str(built.index))


@main.command("export")
@project_argument
@click.option("-f", "--format", "fmt", type=click.Choice(["ttl", "trig", "jsonld"]), default="trig", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write here instead of standard output.")
def export_command(directory, fmt, output):
    """Write the whole dataset, ontology included, as Turtle, TriG or JSON-LD.

    ttl merges every graph into one; trig and jsonld keep one named graph per
    claims file. The same data always gives the same bytes.

    Example: argmap export --format jsonld -o argmap.jsonld
    """
    from .export import export
    from .load import load
    from .output import write_atomic
    from .project import find_project

    loaded = load(find_project(directory))
    if loaded.problems:
        from .report import make_report

        click.echo(make_report(loaded.problems).text())
        sys.exit(1)
    text = export(loaded, fmt)
    if output:
        write_atomic(output, text)
    else:
        click.echo(text, nl=False)
