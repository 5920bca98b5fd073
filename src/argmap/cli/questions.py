"""`argmap query` and `argmap draw`: ask the argument a question, and draw the answer."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .app import echo, main, open_project, project_option


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
@project_option
def query_command(name, params, fmt, list_queries, sparql, engine, endpoint, directory):
    """Answer a question of the argument with a named SPARQL query (see queries/).

    SERVICE, LOAD, updates and FROM outside the loaded data are refused
    before the query runs, and the query runs without network (except with
    --endpoint). Exit 1 when a quality check (…-violation) finds rows.

    Example: argmap query premises-of --param claim=bsj:ties-in-deep-freeze --format csv
    """
    from ..sparql.query import answer, describe_library, parse_param_options

    project = open_project(directory)
    if list_queries:
        echo(describe_library(project), nl=False)
        return
    text, conforms = answer(project, name, sparql, parse_param_options(params), engine, endpoint, fmt, offline=True)
    echo(text, nl=False)
    sys.exit(0 if conforms else 1)


@main.command("draw")
@click.argument("name", metavar="QUERY|VIEW")
@click.option("-p", "--param", "params", multiple=True, metavar="NAME=VALUE", help="A parameter of the query (repeatable).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True, help="The page to write.")
@project_option
def draw_command(name, params, output, directory):
    """Draw one view, or the answer of any query, as an interactive page.

    A view (viz/views/NAME.toml) draws its query; any other name or .rq file
    is run and every claim, relation and entity in its answer is drawn.

    Example: argmap draw neighbourhood --param claim=bsj:gsomia-could-be-cut -o gsomia.html
    """
    from ..pipeline import draw_page
    from ..sparql.query import parse_param_options

    built = draw_page(open_project(directory), name, parse_param_options(params), output)
    if not built.report.conforms:
        echo(built.report.text())
        sys.exit(1)
    echo(str(output))
