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
@click.option("--semantics", type=click.Choice(["grounded", "preferred", "stable"]), default="grounded", show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json", "trig"]), default="table", show_default=True,
              help="trig: the statuses as the named graph argmap writes into the dataset.")
@click.option("--reject", multiple=True, metavar="CLAIM", help="Take this claim as false (repeatable).")
@click.option("--accept", multiple=True, metavar="CLAIM", help="Take this claim as true, whatever attacks it (repeatable).")
@click.option("--explain", "explain_node", metavar="CLAIM", help="Say why this claim (or inference, or conflict) is in, out or undecided.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write here instead of standard output.")
@project_option
def eval_command(directory, semantics, fmt, reject, accept, explain_node, output):
    """Evaluate the argument: which claims stand (in), fall (out) or stay undecided.

    Supports are necessary (an inference needs all its premises, a conclusion
    one inference); attacks on claims, inferences and attacks count. CLAIM is
    a prefixed name (bsj:ties-in-deep-freeze), a full IRI or a bare name.

    Example: argmap eval --reject bsj:bonds-now-in-doubt --explain bsj:ties-in-deep-freeze
    """
    from ..evaluation.evaluate import evaluate_project, status_trig
    from ..evaluation.justify import explain
    from ..model.files import write_atomic

    evaluation = evaluate_project(open_project(directory), semantics, reject=reject, accept=accept)
    if explain_node:
        node = evaluation.structure.resolve(explain_node, claims_only=False)
        parts = [evaluation.summary()] + [
            (f"labelling #{i + 1}:\n" if len(evaluation.labellings) > 1 else "") + explain(evaluation, node, i)
            for i in range(len(evaluation.labellings))
        ]
        text = "\n".join(parts) + "\n"
    else:
        text = {"table": evaluation.table, "json": evaluation.json, "trig": lambda: status_trig(evaluation)}[fmt]()
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
