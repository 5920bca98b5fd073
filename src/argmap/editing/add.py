"""Add a claim, a relation or a source to a project: validated first, then written by write.py.

Needs: a Project and what to add. Gives: the new node's IRI and the file it
went into, with who added it and when (prov:wasAttributedTo, an agent, and
prov:generatedAtTime). The new blocks are appended to the source's claims file,
so `git diff` shows only them. Does not write anything when a quote is not in
the source, a target or entity does not exist, a name is taken, or the project
would gain a problem `argmap check` reports.
"""

from __future__ import annotations

import difflib
import getpass
import os
import re
import subprocess
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, XSD

from ..model.anchor import add_anchor, find_selector
from ..errors import InputError
from ..model.names import slugify, unique
from ..model.nodes import conflict_type
from ..model.load import Loaded, load
from ..model.files import write_new_files
from ..model.project import Project
from ..model.scratch import copy_into_scratch, scratch_folder
from ..model.vocab import ARG, CLAIM_KINDS, ENT, SRC
from .write import BASE_PREFIXES, append_blocks, render_file

AGENT = Namespace("https://w3id.org/argmap/agent/")


@dataclass(frozen=True)
class Added:
    """What was added: the new node, the file it is in, and that file's new text."""

    iri: URIRef
    path: Path
    text: str
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Who:
    """Who adds, and when (ISO 8601); `resolve_who` fills in the defaults."""

    name: str
    at: str


def resolve_who(by: str | None, at: str | None) -> Who:
    """`--by`, else git's user.name, else the login name; `--at`, else now (UTC)."""
    name = by
    if not name:
        try:
            name = subprocess.run(["git", "config", "user.name"], capture_output=True, text=True, timeout=5).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            name = ""
    name = name or os.environ.get("USER") or getpass.getuser()
    if at:
        try:
            moment = datetime.fromisoformat(at.replace("Z", "+00:00"))
        except ValueError:
            raise InputError(f"--at {at!r} is not a date and time", fix="write it as ISO 8601, e.g. 2026-11-24T10:00:00Z") from None
    else:
        moment = datetime.now(timezone.utc).replace(microsecond=0)
    return Who(name, moment.isoformat().replace("+00:00", "Z"))


class Context:
    """A loaded project, with name lookup across its claims files."""

    def __init__(self, project: Project):
        self.project = project
        self.loaded: Loaded = load(project)
        if self.loaded.problems:
            raise InputError("the project's Turtle does not parse, so nothing can be added",
                             path=self.loaded.problems[0].path, line=self.loaded.problems[0].line,
                             fix="run argmap check and correct the syntax first")
        self.union = self.loaded.union()
        self.prefixes = {}
        for loaded_file in self.loaded.files:
            self.prefixes.update(dict(re.findall(r"^@prefix\s+([\w.-]*):\s*<([^>]*)>", loaded_file.text, flags=re.MULTILINE)))

    def resolve(self, name: str, what: str, kind: URIRef | None = None) -> URIRef:
        """A node named as prefix:name, <IRI>, a full IRI or a bare local name; it must be described somewhere (as a
        `kind`, when given: the nearest names suggested are then of that kind too)."""
        name = name.strip()
        candidates = []
        if name.startswith("<") and name.endswith(">"):
            candidates = [URIRef(name[1:-1])]
        elif re.match(r"^[a-z][a-z0-9+.-]*://", name):
            candidates = [URIRef(name)]
        elif ":" in name and name.split(":", 1)[0] in self.prefixes:
            prefix, local = name.split(":", 1)
            candidates = [URIRef(self.prefixes[prefix] + local)]
        else:
            candidates = sorted({s for s in self.union.subjects() if isinstance(s, URIRef) and re.split(r"[#/]", str(s))[-1] == name})
        found = [c for c in candidates if (c, RDF.type, None) in self.union]
        if len(found) == 1 and (kind is None or self.is_a(found[0], kind)):
            return found[0]
        if len(found) > 1:
            raise InputError(f"{what} {name!r} names several nodes", fix="write it as prefix:name")
        known = sorted({self.shown(s) for s in self.union.subjects(RDF.type, None)
                        if isinstance(s, URIRef) and (kind is None or self.is_a(s, kind))})
        if found:
            nearest = difflib.get_close_matches(name, known, n=3, cutoff=0.5)
            hint = f" such as {', '.join(nearest)}" if nearest else ""
            raise InputError(f"{what} {name!r} is not of the kind {self.shown(kind)}", fix=f"name one{hint}")
        nearest = difflib.get_close_matches(name, known, n=3, cutoff=0.5)
        hint = f"; the nearest are {', '.join(nearest)}" if nearest else ""
        raise InputError(f"{what} {name!r} does not exist in the project", fix=f"name an existing node{hint}")

    def shown(self, node) -> str:
        text = str(node)
        for prefix, namespace in sorted(self.prefixes.items(), key=lambda item: -len(item[1])):
            if text.startswith(namespace):
                return f"{prefix}:{text[len(namespace):]}"
        return f"<{text}>"

    def is_a(self, node, cls) -> bool:
        """Whether `node` has `cls` or one of its subclasses as a type (by the ontology's rdfs:subClassOf)."""
        for typ in self.union.objects(node, RDF.type):
            if typ == cls or cls in self.union.transitive_objects(typ, RDFS.subClassOf):
                return True
        return False

    def source_file(self, slug: str) -> tuple[Path, Namespace, URIRef]:
        path = self.project.claims_dir / f"{slug}.ttl"
        source = SRC[slug]
        if not path.exists() or (source, RDF.type, ARG.Source) not in self.union:
            sources = sorted(str(s)[len(SRC):] for s in self.union.subjects(RDF.type, ARG.Source))
            raise InputError(f"there is no source {slug!r}", fix=f"use one of {', '.join(sources) or '(none yet: argmap add source)'}")
        return path, Namespace(f"{SRC}{slug}#"), source

    def source_text(self, source: URIRef) -> str:
        text_file = self.union.value(source, ARG.textFile)
        path = self.project.claims_dir / str(text_file)
        try:
            return path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            raise InputError("the source's text cannot be read", path=self.project.relative(path),
                             fix="put the source's plain UTF-8 text there") from None

    def new_name(self, namespace: Namespace, wanted: str | None, stem: str) -> URIRef:
        taken = {str(s)[len(namespace):] for s in self.union.subjects() if str(s).startswith(str(namespace))}
        if wanted:
            if slugify(wanted, words=20) != wanted:
                raise InputError(f"name {wanted!r} is not a slug", fix="use lower-case letters, digits and hyphens")
            if wanted in taken:
                raise InputError(f"the name {wanted!r} is already taken in this source", fix="choose another --name")
            return namespace[wanted]
        return namespace[unique(stem, taken)]


def _provenance(graph: Graph, context: Context, node: URIRef, who: Who) -> URIRef | None:
    """Record who added `node` and when; returns the agent if it must be described too."""
    agent = AGENT[slugify(who.name, words=8)]
    graph.add((node, PROV.wasAttributedTo, agent))
    graph.add((node, PROV.generatedAtTime, Literal(who.at, datatype=XSD.dateTime)))
    if (agent, RDF.type, None) in context.union:
        return None
    graph.add((agent, RDF.type, PROV.Agent))
    graph.add((agent, RDFS.label, Literal(who.name)))
    return agent


def _validate_and_append(context: Context, path: Path, graph: Graph, order: list) -> Added:
    """Append the blocks in a scratch copy, check the copy, and only then append them to the real file."""
    before = _errors(context.loaded)
    with scratch_folder("add") as copy:  # a kill leaves it to the next run to remove
        copy_into_scratch(context.project.ontology_dir, copy / "ontology")
        copy_into_scratch(context.project.claims_dir, copy / "claims")
        append_blocks(copy / "claims" / path.name, graph, order, {**BASE_PREFIXES, "agent": str(AGENT)})
        after = _errors(load(Project(copy)))
    new = [p for p in after if (p.subject, p.message) not in {(q.subject, q.message) for q in before}]
    # A map grows a node at a time: a claim that stands alone, or a thesis not yet supported, is a note, not a
    # reason to refuse it (the next claim or relation links it; `argmap check` still holds a finished map to it).
    notes = tuple(f"{p.subject}: {p.message} — {p.fix}" for p in new if p.message.startswith(_NOT_YET))
    new = [p for p in new if not p.message.startswith(_NOT_YET)]
    if new:
        raise InputError(f"nothing was added: {new[0].message} ({new[0].subject})", fix=new[0].fix)
    text = append_blocks(path, graph, order, {**BASE_PREFIXES, "agent": str(AGENT)})
    return Added(order[0], path, text, notes)


_NOT_YET = ("claim takes part in no inference or conflict", "thesis is not supported by any inference")


def _errors(loaded: Loaded) -> list:
    from ..checks.run import check

    return list(check(loaded).problems)


def add_claim(project: Project, *, source: str, text: str, kind: str, quote: str | None = None, label: str | None = None,
              prefix: str = "", suffix: str = "", implicit: bool = False, about=(), supports=(), attacks=(),
              addressee=(), action: str | None = None, name: str | None = None, by: str | None = None,
              at: str | None = None) -> Added:
    """Add a claim to a source's file, with an inference for each claim it supports and a conflict for each it attacks."""
    if kind not in CLAIM_KINDS:
        raise InputError(f"unknown kind {kind!r}", fix=f"use one of {', '.join(CLAIM_KINDS)}")
    if not text or not text.strip():
        raise InputError("the claim has no text", fix="say what the claim is with --text")
    if bool(quote) == bool(implicit):
        raise InputError("a claim needs either the source's words (--quote) or --implicit, not both or neither",
                         fix="give --quote \"…\" with the exact words, or --implicit for an unstated premise")
    if kind == "Recommendation" and (not addressee or not action):
        raise InputError("a recommendation needs who should act and what they should do",
                         fix="give --addressee ENTITY and --action \"…\"")
    who = resolve_who(by, at)
    context = Context(project)
    path, namespace, source_iri = context.source_file(source)
    graph = Graph(bind_namespaces="none")
    claim = context.new_name(namespace, name, slugify(label or text))
    graph.add((claim, RDF.type, ARG[kind]))
    graph.add((claim, RDFS.label, Literal(label or _short(text), lang="en")))
    graph.add((claim, RDFS.comment, Literal(text.strip(), lang="en")))
    for entity in about:
        node = context.resolve(entity, "entity")
        if not context.is_a(node, ARG.DomainEntity):
            raise InputError(f"{entity!r} is not a domain entity", fix="point --about at a state, agreement, threat or other entity (ent:…)")
        graph.add((claim, ARG.about, node))
    for actor in addressee:
        graph.add((claim, ARG.addressee, context.resolve(actor, "addressee")))
    if action:
        graph.add((claim, ARG.recommendedAction, Literal(action)))
    if quote:
        source_text = context.source_text(source_iri)
        selector = find_selector(source_text, quote, prefix, suffix)
        if selector is None:
            raise InputError(f"the quote does not occur in the text of {source}: {quote[:80]!r}",
                             fix="copy the source's exact words, character for character")
        if source_text.count(prefix + quote + suffix) > 1:
            raise InputError(f"the quote occurs {source_text.count(quote)} times in the text of {source}",
                             fix="say which with --prefix (the words just before) or --suffix (just after)")
        add_anchor(graph, claim, source_iri, selector)
    else:
        graph.add((claim, ARG.implicit, Literal(True)))
    order = [claim]
    for target in supports:
        conclusion = context.resolve(target, "supported claim")
        inference = context.new_name(namespace, None, f"inf-{slugify(str(claim).split('#')[-1])}")
        graph.add((inference, RDF.type, ARG.Inference))
        graph.add((inference, ARG.premise, claim))
        graph.add((inference, ARG.conclusion, conclusion))
        order.append(inference)
        _taken(context, inference)
    for target in attacks:
        node = context.resolve(target, "attacked node")
        conflict = context.new_name(namespace, None, f"att-{slugify(str(claim).split('#')[-1])}")
        graph.add((conflict, RDF.type, conflict_type(context.union, node)))
        graph.add((conflict, ARG.attacker, claim))
        graph.add((conflict, ARG.target, node))
        order.append(conflict)
        _taken(context, conflict)
    for node in order:
        agent = _provenance(graph, context, node, who)
    if agent is not None:
        order.append(agent)
    return _validate_and_append(context, path, graph, order)


def _taken(context: Context, node: URIRef) -> None:
    context.union.add((node, RDF.type, ARG.Node))  # so that the next new name does not reuse it


def _short(text: str) -> str:
    from ..model.names import clip

    return clip(text.strip(), 70)


def add_relation(project: Project, *, source: str, relation: str, premises=(), conclusion: str | None = None,
                 attacker: str | None = None, target: str | None = None, label: str | None = None,
                 scheme: str | None = None, name: str | None = None, by: str | None = None, at: str | None = None) -> Added:
    """Add an inference (support: premises → conclusion) or a conflict (attack: attacker → target) to a source's file."""
    who = resolve_who(by, at)
    context = Context(project)
    path, namespace, _ = context.source_file(source)
    graph = Graph(bind_namespaces="none")
    if relation == "support":
        if not premises or not conclusion:
            raise InputError("a support needs premises and a conclusion", fix="give --premise CLAIM (repeatable) and --conclusion CLAIM")
        end = context.resolve(conclusion, "conclusion")
        node = context.new_name(namespace, name, f"inf-{slugify(str(end).split('#')[-1].split('/')[-1])}")
        graph.add((node, RDF.type, ARG.Inference))
        for premise in premises:
            graph.add((node, ARG.premise, context.resolve(premise, "premise")))
        graph.add((node, ARG.conclusion, end))
        if scheme:
            graph.add((node, ARG.scheme, context.resolve(scheme, "scheme", ARG.Scheme)))
    elif relation == "attack":
        if not attacker or not target:
            raise InputError("an attack needs an attacker and a target", fix="give --attacker CLAIM and --target NODE")
        aimed = context.resolve(target, "target")
        node = context.new_name(namespace, name, f"att-{slugify(str(aimed).split('#')[-1].split('/')[-1])}")
        graph.add((node, RDF.type, conflict_type(context.union, aimed)))
        graph.add((node, ARG.attacker, context.resolve(attacker, "attacker")))
        graph.add((node, ARG.target, aimed))
    else:
        raise InputError(f"unknown relation {relation!r}", fix="use support or attack")
    if label:
        graph.add((node, RDFS.label, Literal(label, lang="en")))
    agent = _provenance(graph, context, node, who)
    return _validate_and_append(context, path, graph, [node] + ([agent] if agent is not None else []))


def add_source(project: Project, *, slug: str, title: str, author: str, text_file: Path, language: str | None = "en",
               prefix: str | None = None, by: str | None = None, at: str | None = None) -> Added:
    """Start a new source: its text copied to claims/sources/<slug>.txt and a claims file describing it."""
    if slugify(slug, words=20) != slug:
        raise InputError(f"source name {slug!r} is not a slug", fix="use lower-case letters, digits and hyphens, e.g. smith-on-trade")
    if not title.strip() or not author.strip():
        raise InputError("a source needs a title and an author", fix="give --title and --author")
    context = Context(project)
    path = project.claims_dir / f"{slug}.ttl"
    text_path = project.claims_dir / "sources" / f"{slug}.txt"
    for existing in (path, text_path):
        if existing.exists():
            raise InputError("a source of that name already exists", path=project.relative(existing), fix="choose another --slug")
    try:
        text = Path(text_file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"cannot read the source text ({getattr(error, 'strerror', None) or error.__class__.__name__})",
                         path=text_file, fix="give a plain UTF-8 text file") from None
    if not text.strip():
        raise InputError("the source text is empty", path=text_file, fix="give the article's text")
    who = resolve_who(by, at)
    source, creator = SRC[slug], ENT[slugify(author, words=8)]
    graph = Graph(bind_namespaces="none")
    graph.add((source, RDF.type, ARG.Source))
    graph.add((source, DCTERMS.title, Literal(title)))
    graph.add((source, DCTERMS.creator, creator))
    graph.add((source, DCTERMS.identifier, Literal(slug)))
    if language:
        graph.add((source, DCTERMS.language, Literal(language)))
    graph.add((source, ARG.textFile, Literal(f"sources/{slug}.txt")))
    members = [source]
    if (creator, RDF.type, None) not in context.union:
        graph.add((creator, RDF.type, ARG.Person))
        graph.add((creator, RDFS.label, Literal(author, lang="en")))
        graph.add((creator, RDFS.comment, Literal(f"Author of {title}.", lang="en")))
        members.append(creator)
    agent = _provenance(graph, context, source, who)
    members += [agent] if agent is not None else []
    taken = set(context.prefixes) | set(BASE_PREFIXES) | {"agent"}
    prefix = prefix or "".join(part[0] for part in slug.split("-"))[:4]
    if prefix in taken or not re.match(r"^[a-z][a-z0-9]*$", prefix):
        raise InputError(f"the prefix {prefix!r} is taken or not a name", fix="choose one with --prefix")
    turtle = render_file(graph, {**BASE_PREFIXES, "agent": str(AGENT), prefix: f"{SRC}{slug}#"}, [("", members)], keep=(prefix,))
    write_new_files([(text_path, text), (path, turtle)])  # both, or neither
    return Added(source, path, turtle)
