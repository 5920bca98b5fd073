"""`argmap init` and `argmap add`: start a project, and extend the claim set with a claim, a relation or a source, validated before anything is written."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .app import _Group, echo, main, open_project, project_option

_who_options = [
    click.option("--by", metavar="NAME", help="Who adds it (default: git user.name, else $USER)."),
    click.option("--at", metavar="TIME", help="When, ISO 8601 (default: now)."),
    project_option,
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


@main.command("init")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
def init_command(directory):
    """Start a new project in DIRECTORY: argmap's ontology, the shared gazetteer and an empty claims/ folder.

    Then add a source and its claims with `argmap add … -C DIRECTORY`.

    Example: argmap init my-map && argmap add source -C my-map --slug tv --title "On TV" --author "A. Writer" --text tv.txt
    """
    from ..editing.init import init_project

    project = init_project(directory)
    echo(f"started {project.root}: ontology/ and claims/entities.ttl from argmap; add sources with argmap add source -C {directory}")


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
    from ..editing.add import add_claim
    from ..errors import InputError

    source = _ask(source, "Source (slug)")
    text = _ask(text, "The claim in full")
    kind = _ask(kind, "Kind", type=click.Choice(["Thesis", "FactualClaim", "Judgement", "Prediction", "Recommendation", "Concession"]))
    if not quote and not implicit:
        quote = _ask(quote, "The source's exact words")
    for value, option in ((source, "--source"), (text, "--text"), (kind, "--kind")):
        if not value:
            raise InputError(f"missing {option}", fix=f"give {option} (argmap add claim --help lists the options)")
    added = add_claim(open_project(directory), source=source, text=text, label=label, kind=kind, quote=quote, prefix=prefix,
                      suffix=suffix, implicit=implicit, about=about, supports=supports, attacks=attacks,
                      addressee=addressee, action=action, name=name, by=by, at=at)
    for note in added.notes:
        click.echo(f"note: {note}", err=True)
    echo(str(added.iri))


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
    from ..editing.add import add_relation

    added = add_relation(open_project(directory), source=source, relation=relation, premises=premises, conclusion=conclusion,
                         attacker=attacker, target=target, label=label, scheme=scheme, name=name, by=by, at=at)
    echo(str(added.iri))


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
    from ..editing.add import add_source

    added = add_source(open_project(directory), slug=slug, title=title, author=author, text_file=text_file,
                       language=language, prefix=prefix, by=by, at=at)
    echo(str(added.iri))


