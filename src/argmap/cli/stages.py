"""`argmap check`, `reason`, `eval` and `build`: the pipeline's stages, run on a project."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .app import echo, main, open_project, project_option


@main.command("check")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@project_option
def check_command(directory, fmt):
    """Check the claims against the shapes, their sources and each other.

    Reports every problem with its file, line, claim, what is wrong and how to
    fix it. Exit 0 when clean, 1 when the data does not conform.

    Example: argmap check -C my-project
    """
    from ..checks.run import check
    from ..model.load import load

    report = check(load(open_project(directory)))
    echo(report.json() if fmt == "json" else report.text())
    sys.exit(0 if report.conforms else 1)


@main.command("reason")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write the inferred triples here (Turtle).")
@click.option("--reasoner", type=click.Choice(["auto", "hermit", "owlrl"]), default="auto", show_default=True,
              help="auto: HermiT where Java exists, else OWL 2 RL rules.")
@project_option
def reason_command(directory, output, reasoner):
    """Reason over the ontology and claims: consistent? what follows?

    Checks the data first. HermiT needs Java; without it, auto falls back to
    OWL 2 RL rules and says so. Exit 1 when the data is inconsistent.

    Example: argmap reason -o inferred.ttl
    """
    from ..checks.run import check
    from ..exchange.export import inferred_turtle
    from ..model.load import load
    from ..model.files import write_atomic
    from ..reasoning.reason import reason

    loaded = load(open_project(directory))
    report = check(loaded)
    if not report.conforms:
        echo(report.text())
        sys.exit(1)
    inferred = reason(loaded, reasoner)
    if inferred.note:
        click.echo(f"note: {inferred.note}", err=True)
    echo(f"consistent ({inferred.reasoner}, {inferred.seconds:.2f} s): {len(inferred.graph)} triples inferred")
    if inferred.reasoner.startswith("OWL 2 RL"):
        echo("  (OWL 2 RL writes the whole closure: every superclass type, both directions of each inverse "
                   "property, the schema's own consequences; HermiT writes the same conclusions about the data in "
                   "fewer triples, the most specific types and one direction, so its count is smaller)")
    if output:
        write_atomic(output, inferred_turtle(inferred.graph))
        echo(f"wrote {output}")


@main.command("eval")
@click.argument("framework", required=False, type=click.Path(dir_okay=False, path_type=Path), metavar="[FILE]")
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
@project_option
def eval_command(framework, semantics, task, argument, fmt, iccma_output, input_format, limit, count_only, reject, accept,
                 explain_node, write_framework, output, directory):
    """Evaluate the argument, or a framework file: what stands (in), falls (out) or stays undecided.

    For a map: supports are necessary (an inference needs all its premises, a
    conclusion one inference); attacks on claims, inferences and attacks
    count. CLAIM is a prefixed name (bsj:ties-in-deep-freeze), a full IRI or a
    bare name. FILE is a Dung framework in ICCMA's .apx, .tgf or .af format;
    --task asks one of ICCMA's questions of it.

    Example: argmap eval --reject bsj:bonds-now-in-doubt --explain bsj:ties-in-deep-freeze

    Example: argmap eval framework.af --task DC-PR --argument 3 --iccma
    """
    from ..errors import InputError
    from ..evaluation.answers import answer_framework_file, answer_map
    from ..model.files import write_atomic

    fmt = "iccma" if iccma_output else fmt
    if framework is not None:
        if reject or accept or explain_node or directory:
            raise InputError("--reject, --accept, --explain and -C are for argument maps, not framework files",
                             fix="drop FILE to evaluate the project's map, or drop those options")
        text = answer_framework_file(framework, semantics, task=task, argument=argument, limit=limit, count=count_only,
                                     input_format=input_format, fmt=fmt, write_framework=write_framework)
    else:
        if task or argument or input_format:
            raise InputError("--task, --argument and --input-format are for framework files",
                             fix="give an .apx, .tgf or .af file, or use --semantics and --explain on the map")
        text = answer_map(open_project(directory), semantics, reject=reject, accept=accept, limit=limit,
                          count=count_only, explain=explain_node, fmt=fmt, write_framework=write_framework)
    if output:
        write_atomic(output, text)
    else:
        echo(text, nl=False)


@main.command("build")
@click.option("-o", "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), help="Folder for the pages (default: viz/out).")
@project_option
def build_command(directory, out_dir):
    """Check, reason, then draw the argument map and the index page.

    Nothing is written when the check fails. Prints the path of index.html.

    Example: argmap build && xdg-open viz/out/index.html
    """
    from ..pipeline import build

    built = build(open_project(directory), out_dir)
    if not built.report.conforms:
        echo(built.report.text())
        sys.exit(1)
    for note in built.notes:
        click.echo(note, err=True)
    echo(str(built.index))
