"""The `argmap` command: parse arguments, call the library, print, exit.

Exit status: 0 success; 1 the data does not conform (the report says where);
2 argmap could not run (a missing tool, an unreadable file, a bad argument).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .errors import ArgmapError, InputError

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
@click.option("-f", "--format", "fmt", type=click.Choice(["ttl", "trig", "jsonld", "aif", "xaif", "argdown", "graphml", "dot"]),
              default="trig", show_default=True, help="aif, xaif, argdown, graphml, dot: the argument map only.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write here instead of standard output.")
def export_command(directory, fmt, output):
    """Write the whole dataset, ontology included, as Turtle, TriG or JSON-LD.

    ttl merges every graph into one; trig and jsonld keep one named graph per
    claims file. aif (AIFdb JSON), xaif, argdown, graphml and dot write the
    argument map: claims, inferences, conflicts. The same data always gives
    the same bytes.

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
    if fmt in ("ttl", "trig", "jsonld"):
        text = export(loaded, fmt)
    else:
        from .exchange import export_map

        text = export_map(loaded, fmt)
    if output:
        write_atomic(output, text)
    else:
        click.echo(text, nl=False)


@main.command("query")
@click.argument("name", required=False, metavar="NAME|FILE")
@click.option("-p", "--param", "params", multiple=True, metavar="NAME=VALUE",
              help="A parameter: a prefixed name, a full IRI, a label, or a literal of the declared type. Repeatable.")
@click.option("-f", "--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json", "xml", "md", "turtle", "jsonld"]),
              help="Default: table; turtle for CONSTRUCT and DESCRIBE.")
@click.option("--list", "list_queries", is_flag=True, help="List the named queries, their titles and parameters.")
@click.option("--sparql", metavar="TEXT", help="Run this SPARQL instead of a named query ($name variables are parameters).")
@click.option("--engine", type=click.Choice(["oxigraph", "rdflib"]), default="oxigraph", show_default=True)
@click.option("--endpoint", metavar="URL", help="Run on this SPARQL 1.1 endpoint instead of the project's files.")
@click.option("-C", "--project", "directory", type=click.Path(file_okay=False, path_type=Path), help="The project folder.")
def query_command(name, params, fmt, list_queries, sparql, engine, endpoint, directory):
    """Answer a question of the argument with a named SPARQL query (see queries/).

    SERVICE, LOAD and FROM outside the loaded data are refused before the
    query runs. Exit 1 when a quality check (…-violation) finds rows.

    Example: argmap query premises-of --param claim=bsj:ties-in-deep-freeze --format csv
    """
    from .project import find_project
    from .query import answer, describe_library, parse_param_options

    project = find_project(directory)
    if list_queries:
        click.echo(describe_library(project), nl=False)
        return
    text, conforms = answer(project, name, sparql, parse_param_options(params), engine, endpoint, fmt)
    click.echo(text, nl=False)
    sys.exit(0 if conforms else 1)


@main.command("eval")
@click.argument("target", required=False, type=click.Path(path_type=Path), metavar="[DIR|FILE]")
@click.option("--semantics", type=click.Choice(["grounded", "complete", "preferred", "stable", "semi-stable", "ideal"]),
              default="grounded", show_default=True)
@click.option("--task", metavar="TASK", help="An ICCMA task on a framework file: EE, SE, CE, DC or DS, then -CO, -PR, -ST, -SST, -GR or -ID.")
@click.option("--argument", metavar="ARG", help="The argument DC and DS ask about.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "trig", "iccma", "iccma2019"]), default="table", show_default=True,
              help="trig: a map's statuses as the named graph argmap writes into the dataset; iccma: ICCMA 2023's output, "
                   "iccma2019: the older one ([[a,b],[c]]).")
@click.option("--iccma", "iccma_output", is_flag=True, help="The same as --format iccma.")
@click.option("--input-format", type=click.Choice(["apx", "tgf", "af"]), help="The framework file's format (default: by its extension).")
@click.option("--limit", type=click.IntRange(min=0), metavar="N", help="Show the first N extensions or labellings (all are counted).")
@click.option("--count", "count_only", is_flag=True, help="Only say how many extensions or labellings there are.")
@click.option("--reject", multiple=True, metavar="CLAIM", help="Take this claim as false (repeatable).")
@click.option("--accept", multiple=True, metavar="CLAIM", help="Take this claim as true, whatever attacks it (repeatable).")
@click.option("--explain", "explain_node", metavar="CLAIM", help="Say why this claim (or inference, or conflict) is in, out or undecided.")
@click.option("--write-framework", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
              help="Also write the Dung framework evaluated (a map's flattened one) as FILE.apx, .tgf or .af, for other solvers.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write here instead of standard output.")
def eval_command(target, semantics, task, argument, fmt, iccma_output, input_format, limit, count_only, reject, accept, explain_node,
                 write_framework, output):
    """Evaluate the argument, or a framework file: what stands (in), falls (out) or stays undecided.

    For a map: supports are necessary (an inference needs all its premises, a
    conclusion one inference); attacks on claims, inferences and attacks
    count. CLAIM is a prefixed name (bsj:ties-in-deep-freeze), a full IRI or a
    bare name. FILE is a Dung framework in ICCMA's .apx, .tgf or .af format;
    --task asks one of ICCMA's questions of it.

    Example: argmap eval --reject bsj:bonds-now-in-doubt --explain bsj:ties-in-deep-freeze

    Example: argmap eval framework.af --task DC-PR --argument 3 --iccma
    """
    from .output import write_atomic

    fmt = "iccma" if iccma_output else fmt
    if target is not None and not target.exists():
        raise InputError("no such file or folder", path=target, fix="give a project folder, or an .apx, .tgf or .af framework file")
    if target is not None and target.is_file():
        from .tasks import Task, answer_file, parse_task

        if reject or accept or explain_node or fmt == "trig":
            raise InputError("--reject, --accept, --explain and --format trig are for argument maps, not framework files",
                             fix="give a project folder, or drop those options")
        chosen = parse_task(task) if task else Task("CE" if count_only else "EE", semantics)
        text = answer_file(target, chosen, argument=argument, limit=limit, input_format=input_format, output=fmt)
        if write_framework:
            from .iccma import read_framework

            _write_framework(read_framework(target, input_format), write_framework)
    else:
        from .evaluate import evaluate_project, status_trig
        from .justify import explanations
        from .project import find_project

        if task or argument or input_format or fmt.startswith("iccma"):
            raise InputError("--task, --argument, --input-format and ICCMA output are for framework files",
                             fix="give an .apx, .tgf or .af file, or use --semantics and --explain on the map")
        evaluation = evaluate_project(find_project(target), semantics, reject=reject, accept=accept,
                                      limit=0 if count_only else limit)
        if count_only:
            text = f"{semantics}: {evaluation.total} labelling{'' if evaluation.total == 1 else 's'}\n"
        elif explain_node:
            text = explanations(evaluation, evaluation.structure.resolve(explain_node, claims_only=False))
        else:
            text = {"table": evaluation.table, "json": evaluation.json, "trig": lambda: status_trig(evaluation)}[fmt]()
        if write_framework:
            from .evaluate import flattened_framework

            _write_framework(flattened_framework(evaluation), write_framework)
    if output:
        write_atomic(output, text)
    else:
        click.echo(text, nl=False)


def _write_framework(framework, path: Path) -> None:
    """Write a framework in the format its file name says (.apx, .tgf, .af), whole or not at all."""
    from .iccma import FORMATS, write_framework
    from .output import write_atomic

    fmt = path.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise InputError(f"cannot tell the framework format of {path.name}", path=path, fix="end the name in .apx, .tgf or .af")
    write_atomic(path, write_framework(framework, fmt))


@main.command("draw")
@click.argument("name", metavar="QUERY|VIEW")
@click.option("-p", "--param", "params", multiple=True, metavar="NAME=VALUE", help="A parameter of the query (repeatable).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True, help="The page to write.")
@click.option("-C", "--project", "directory", type=click.Path(file_okay=False, path_type=Path), help="The project folder.")
def draw_command(name, params, output, directory):
    """Draw one view, or the answer of any query, as an interactive page.

    A view (viz/views/NAME.toml) draws its query; any other name or .rq file
    is run and every claim, relation and entity in its answer is drawn.

    Example: argmap draw neighbourhood --param claim=bsj:gsomia-could-be-cut -o gsomia.html
    """
    from .build import draw_page
    from .project import find_project
    from .query import parse_param_options

    built = draw_page(find_project(directory), name, parse_param_options(params), output)
    if not built.report.conforms:
        click.echo(built.report.text())
        sys.exit(1)
    click.echo(str(output))


# The other command groups live in modules of their own; importing them registers their commands.
from . import cli_extend, cli_serve  # noqa: E402,F401
