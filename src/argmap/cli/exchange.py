"""`argmap export` and `argmap import`: the project's map in other formats, and published maps into it."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .app import echo, main, open_project, project_option


def _progress(items, label):
    """A progress bar on stderr for long imports, only when stderr is a terminal."""
    items = list(items)
    if not sys.stderr.isatty() or len(items) < 200:
        return items
    with click.progressbar(items, label=f"importing {label}", file=sys.stderr) as bar:
        return list(bar)


@main.command("export")
@click.option("-f", "--format", "fmt", type=click.Choice(["ttl", "trig", "jsonld", "void", "aif", "xaif", "argdown", "graphml", "dot"]),
              default="trig", show_default=True,
              help="void: the dataset's VoID and DCAT description alone; aif, xaif, argdown, graphml, dot: the argument map only.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write here instead of standard output.")
@project_option
def export_command(directory, fmt, output):
    """Write the project in another format: the whole dataset as RDF, or the argument map for other tools.

    The dataset, ontology included: ttl merges every graph into one; trig and
    jsonld keep one named graph per claims file. Each carries the dataset's
    VoID and DCAT description (how to join it with other data), which void
    gives alone. The argument map (claims, inferences, conflicts): aif (AIFdb
    JSON), xaif, argdown, graphml, dot. The same data always gives the same
    bytes.

    Example: argmap export --format jsonld -o argmap.jsonld
    """
    from ..exchange.export import export
    from ..model.load import load
    from ..model.files import write_atomic

    loaded = load(open_project(directory))
    if loaded.problems:
        from ..model.report import make_report

        echo(make_report(loaded.problems).text())
        sys.exit(1)
    if fmt in ("ttl", "trig", "jsonld", "void"):
        text = export(loaded, fmt)
    else:
        from ..exchange.maps import export_map

        text = export_map(loaded, fmt)
    if output:
        write_atomic(output, text)
    else:
        echo(text, nl=False)


@main.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-f", "--format", "fmt", type=click.Choice(["aif", "argdown"]), required=True,
              help="aif: AIFdb JSON or xAIF; argdown: an .argdown file (argmap's own parser, no Node) or `argdown json` output.")
@click.option("--source", "slug", metavar="SLUG", help="Name of the new source (default: from the file name).")
@click.option("--text", "text_path", type=click.Path(dir_okay=False, path_type=Path),
              help="The source's text, to anchor quotes in (default: FILE's .txt beside it, or the text the map carries).")
@click.option("--title", help="The source's title (default: the file name).")
@click.option("--author", help="The source's author (default: an unnamed author).")
@click.option("--kind", type=click.Choice(["FactualClaim", "Judgement", "Prediction", "Concession"]), default="FactualClaim",
              show_default=True, help="Kind of every claim but the final conclusions (which become theses).")
@project_option
def import_command(file, fmt, slug, text_path, title, author, kind, directory):
    """Import an argument map as a new source: claims/SLUG.ttl (and its text).

    Claims get anchors where their words are found in the text. Nothing is
    written when the map cannot be read. Run `argmap check` afterwards.

    Example: argmap import --format aif nodeset6365.json --source snowden --author "A. Writer"
    """
    from ..exchange.maps import import_map

    project = open_project(directory)
    if text_path is None and file.with_suffix(".txt").is_file():
        text_path = file.with_suffix(".txt")
    result = import_map(project, fmt, file, slug=slug, text_path=text_path, title=title, author=author, kind=kind,
                        progress=_progress)
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    counts = ", ".join(f"{k} {v}" for k, v in sorted(result.counts.items()))
    echo(f"wrote {project.relative(result.claims_file)} ({counts})")
