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
@project_argument
@click.option("--semantics", type=click.Choice(["grounded", "preferred", "stable"]), default="grounded", show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json", "trig"]), default="table", show_default=True,
              help="trig: the statuses as the named graph argmap writes into the dataset.")
@click.option("--reject", multiple=True, metavar="CLAIM", help="Take this claim as false (repeatable).")
@click.option("--accept", multiple=True, metavar="CLAIM", help="Take this claim as true, whatever attacks it (repeatable).")
@click.option("--explain", "explain_node", metavar="CLAIM", help="Say why this claim (or inference, or conflict) is in, out or undecided.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write here instead of standard output.")
def eval_command(directory, semantics, fmt, reject, accept, explain_node, output):
    """Evaluate the argument: which claims stand (in), fall (out) or stay undecided.

    Supports are necessary (an inference needs all its premises, a conclusion
    one inference); attacks on claims, inferences and attacks count. CLAIM is
    a prefixed name (bsj:ties-in-deep-freeze), a full IRI or a bare name.

    Example: argmap eval --reject bsj:bonds-now-in-doubt --explain bsj:ties-in-deep-freeze
    """
    from .evaluate import evaluate_project, status_trig
    from .justify import explain
    from .output import write_atomic
    from .project import find_project

    evaluation = evaluate_project(find_project(directory), semantics, reject=reject, accept=accept)
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
        click.echo(text, nl=False)


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


# --- extending the claim set: import and add ---------------------------------


def _progress(items, label):
    """A progress bar on stderr for long imports, only when stderr is a terminal."""
    items = list(items)
    if not sys.stderr.isatty() or len(items) < 200:
        return items
    with click.progressbar(items, label=f"importing {label}", file=sys.stderr) as bar:
        return list(bar)


@main.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-f", "--format", "fmt", type=click.Choice(["aif", "argdown"]), required=True,
              help="aif: AIFdb JSON or xAIF; argdown: an .argdown file (needs @argdown/cli) or `argdown json` output.")
@click.option("--source", "slug", metavar="SLUG", help="Name of the new source (default: from the file name).")
@click.option("--text", "text_path", type=click.Path(dir_okay=False, path_type=Path),
              help="The source's text, to anchor quotes in (default: FILE's .txt beside it, or the text the map carries).")
@click.option("--title", help="The source's title (default: the file name).")
@click.option("--author", help="The source's author (default: an unnamed author).")
@click.option("--kind", type=click.Choice(["FactualClaim", "Judgement", "Prediction", "Concession"]), default="FactualClaim",
              show_default=True, help="Kind of every claim but the final conclusions (which become theses).")
@click.option("-C", "--project", "directory", type=click.Path(file_okay=False, path_type=Path), help="The project folder.")
def import_command(file, fmt, slug, text_path, title, author, kind, directory):
    """Import an argument map as a new source: claims/SLUG.ttl (and its text).

    Claims get anchors where their words are found in the text. Nothing is
    written when the map cannot be read. Run `argmap check` afterwards.

    Example: argmap import --format aif nodeset6365.json --source snowden --author "A. Writer"
    """
    from .exchange import import_map
    from .project import find_project

    project = find_project(directory)
    if text_path is None and file.with_suffix(".txt").is_file():
        text_path = file.with_suffix(".txt")
    result = import_map(project, fmt, file, slug=slug, text_path=text_path, title=title, author=author, kind=kind,
                        progress=_progress)
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    counts = ", ".join(f"{k} {v}" for k, v in sorted(result.counts.items()))
    click.echo(f"wrote {project.relative(result.claims_file)} ({counts})")


_who_options = [
    click.option("--by", metavar="NAME", help="Who adds it (default: git user.name, else $USER)."),
    click.option("--at", metavar="TIME", help="When, ISO 8601 (default: now)."),
    click.option("-C", "--project", "directory", type=click.Path(file_okay=False, path_type=Path), help="The project folder."),
]


def who_options(command):
    for option in reversed(_who_options):
        command = option(command)
    return command


def _ask(value, prompt: str, **kwargs):
    """A value from its option, else from a prompt when a person is at the terminal."""
    if value or not sys.stdin.isatty():
        return value
    return click.prompt(prompt, **kwargs)


@main.group("add", cls=_Group)
def add_group():
    """Add a claim, a relation or a source, validated before anything is written."""


@add_group.command("claim")
@click.option("--source", metavar="SLUG", help="The source the claim is from (its claims file).")
@click.option("--text", help="The claim in full, in your own words.")
@click.option("--label", help="The claim in a few words (default: from the text).")
@click.option("--kind", type=click.Choice(["Thesis", "FactualClaim", "Judgement", "Prediction", "Recommendation", "Concession"]))
@click.option("--quote", help="The source's exact words that state it.")
@click.option("--prefix", default="", help="Words just before the quote, where it occurs more than once.")
@click.option("--suffix", default="", help="Words just after the quote, where it occurs more than once.")
@click.option("--implicit", is_flag=True, help="An unstated premise: no quote.")
@click.option("--about", multiple=True, metavar="ENTITY", help="An entity it is about (repeatable).")
@click.option("--supports", multiple=True, metavar="CLAIM", help="A claim it supports (repeatable).")
@click.option("--attacks", multiple=True, metavar="NODE", help="A claim, inference or conflict it attacks (repeatable).")
@click.option("--addressee", multiple=True, metavar="ACTOR", help="Who a recommendation says should act.")
@click.option("--action", help="What a recommendation says should be done.")
@click.option("--name", help="The claim's local name (default: from the label).")
@who_options
def add_claim_command(source, text, label, kind, quote, prefix, suffix, implicit, about, supports, attacks,
                      addressee, action, name, by, at, directory):
    """Add a claim to a source's claims file and print its IRI.

    Example: argmap add claim --source doc --kind FactualClaim --text "It is raining." --quote "Rain is coming." --supports d:go-out
    """
    from .add import add_claim
    from .errors import InputError
    from .project import find_project

    source = _ask(source, "Source (slug)")
    text = _ask(text, "The claim in full")
    kind = _ask(kind, "Kind", type=click.Choice(["Thesis", "FactualClaim", "Judgement", "Prediction", "Recommendation", "Concession"]))
    if not quote and not implicit:
        quote = _ask(quote, "The source's exact words")
    for value, option in ((source, "--source"), (text, "--text"), (kind, "--kind")):
        if not value:
            raise InputError(f"missing {option}", fix=f"give {option} (argmap add claim --help lists the options)")
    added = add_claim(find_project(directory), source=source, text=text, label=label, kind=kind, quote=quote, prefix=prefix,
                      suffix=suffix, implicit=implicit, about=about, supports=supports, attacks=attacks,
                      addressee=addressee, action=action, name=name, by=by, at=at)
    for note in added.notes:
        click.echo(f"note: {note}", err=True)
    click.echo(str(added.iri))


@add_group.command("relation")
@click.argument("relation", type=click.Choice(["support", "attack"]))
@click.option("--source", metavar="SLUG", required=True, help="The claims file to put it in.")
@click.option("--premise", "premises", multiple=True, metavar="CLAIM", help="A premise of a support (repeatable).")
@click.option("--conclusion", metavar="CLAIM", help="The conclusion of a support.")
@click.option("--attacker", metavar="CLAIM", help="The attacking claim.")
@click.option("--target", metavar="NODE", help="What is attacked: a claim (rebuttal), an inference or a conflict (undercut).")
@click.option("--scheme", metavar="SCHEME", help="The argumentation scheme of a support (scheme:…).")
@click.option("--label", help="The relation in a few words.")
@click.option("--name", help="Its local name.")
@who_options
def add_relation_command(relation, source, premises, conclusion, attacker, target, scheme, label, name, by, at, directory):
    """Add a support (inference) or an attack (rebuttal or undercut) between existing nodes; print its IRI.

    Example: argmap add relation support --source doc --premise d:rain --conclusion d:go-out
    """
    from .add import add_relation
    from .project import find_project

    added = add_relation(find_project(directory), source=source, relation=relation, premises=premises, conclusion=conclusion,
                         attacker=attacker, target=target, label=label, scheme=scheme, name=name, by=by, at=at)
    click.echo(str(added.iri))


@add_group.command("source")
@click.option("--slug", required=True, help="The source's name: its claims file is claims/SLUG.ttl.")
@click.option("--title", required=True, help="Its title, as printed.")
@click.option("--author", required=True, help="Its author.")
@click.option("--text", "text_file", required=True, type=click.Path(dir_okay=False, path_type=Path), help="Its plain text (UTF-8).")
@click.option("--language", default="en", show_default=True)
@click.option("--prefix", help="The Turtle prefix of its claims (default: the slug's initials).")
@who_options
def add_source_command(slug, title, author, text_file, language, prefix, by, at, directory):
    """Start a new source: copy its text into claims/sources/ and write claims/SLUG.ttl; print its IRI.

    Example: argmap add source --slug smith-trade --title "On Trade" --author "Ann Smith" --text trade.txt
    """
    from .add import add_source
    from .project import find_project

    added = add_source(find_project(directory), slug=slug, title=title, author=author, text_file=text_file,
                       language=language, prefix=prefix, by=by, at=at)
    click.echo(str(added.iri))


# --- serving and publishing ----------------------------------------------------


@main.command("serve")
@project_argument
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Where to listen. Anything but loopback lets other machines query the data.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="0 picks a free port.")
@click.option("--timeout", default=10.0, show_default=True, type=click.FloatRange(0.1), metavar="S",
              help="Seconds a query may run before its worker is killed (answered 503).")
@click.option("--max-rows", default=10_000, show_default=True, type=click.IntRange(1), metavar="N",
              help="Rows (or triples) an answer may have; more are cut and the answer says it was truncated.")
@click.option("--cors", multiple=True, metavar="ORIGIN", help="An origin whose pages may call the endpoint (repeatable; none by default).")
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 64), help="Query worker processes.")
def serve_command(directory, host, port, timeout, max_rows, cors, workers):
    """Serve the data read-only: a SPARQL endpoint at /sparql, a query page at /, the map pages at /pages/.

    Builds the pages first when viz/out has none. Updates, SERVICE, LOAD and
    FROM elsewhere are refused; a query over --timeout is stopped.

    Example: argmap serve --port 8000 --timeout 5 --cors https://example.org
    """
    from .project import find_project
    from .serve import Settings, serve

    serve(find_project(directory), Settings(host, port, timeout, max_rows, tuple(cors), workers))


@main.command("publish")
@project_argument
@click.option("--endpoint", required=True, metavar="URL", help="The server's SPARQL query endpoint (to check what arrived).")
@click.option("--graph-store", required=True, metavar="URL", help="Its SPARQL 1.1 Graph Store Protocol URL (each graph is PUT there).")
@click.option("--user", metavar="NAME", help="Who may write; the password comes from ARGMAP_PASSWORD or a prompt.")
def publish_command(directory, endpoint, graph_store, user):
    """Load the dataset into a SPARQL server: each file its own named graph, the ontology included.

    Each graph is replaced whole (an HTTP PUT), so publishing again is safe.
    The password is never an option: set ARGMAP_PASSWORD, or type it when asked.

    Example: ARGMAP_PASSWORD=… argmap publish --endpoint http://localhost:8890/sparql --graph-store http://localhost:8890/sparql-graph-crud-auth --user dba
    """
    import os

    from .errors import InputError
    from .project import find_project
    from .publish import publish

    password = os.environ.get("ARGMAP_PASSWORD")
    if user and password is None:
        if not sys.stdin.isatty():
            raise InputError(f"no password for {user}", fix="set ARGMAP_PASSWORD, or run argmap publish at a terminal")
        password = click.prompt(f"Password for {user}", hide_input=True)
    click.echo(publish(find_project(directory), endpoint, graph_store, user, password).text(), nl=False)
