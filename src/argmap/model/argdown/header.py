"""argmap's Argdown profile, the front matter: the source (title, author, language, text file) and the entities.

    ===
    title: The article's title            # dcterms:title of the source
    author: Jane Doe                      # or ent:jane-doe: dcterms:creator, an arg:Person
    source: doe-on-cats                   # its slug: dcterms:identifier, and the namespace of its claims
    language: en                          # dcterms:language; labels, comments and notes are in it
    defaults:
        chapter: sources/doe-on-cats.txt  # Ipsissima's text file (relative to claims/): arg:textFile
    contentions: [Cats are better pets]   # Ipsissima's stated theses: these claims are theses
    entities:                             # what the claims are about, where the gazetteer lacks it
        acme: {a: Organisation, label: ACME}
    sources: [ {source: …, title: …, author: …, defaults: {chapter: …}} ]   # more sources quoted in the map
    rdf: {"dcterms:publisher": …}         # anything else said of the source
    ===

Needs: the front matter's data and the document's Terms. Gives: the sources and
entities as triples, and the text file of each source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from ...errors import ParseError
from ..names import slugify
from ..vocab import ARG, ENT, SRC, source_namespace
from .values import Terms, as_list
from .yamldata import lenient

#: Short keys of a description (`entities:`, `rdf:`), and the predicate each stands for.
SHORT = {"a": RDF.type, "label": RDFS.label, "comment": RDFS.comment}


@dataclass
class SourceInfo:
    iri: URIRef
    slug: str
    chapter: str | None


def describe(graph: Graph, subject, description, terms: Terms, where: str) -> None:
    """Add a description's triples: each key a predicate (`a`, `label`, `comment`, or a prefixed name such as
    arg:statedAffiliation), each value a term or a list of them; `a` names classes of argmap's ontology."""
    if not isinstance(description, dict):
        raise ParseError(f"{where} is not a mapping of properties to values", fix="write it as {property: value, …}")
    for key, values in description.items():
        predicate = SHORT.get(str(key)) or terms.iri(str(key))
        if predicate is None:
            raise ParseError(f"{where}: {key!r} is not a property (write a prefixed name such as arg:about)",
                             fix="use a, label, comment, or a prefixed name of argmap's ontology")
        for value in as_list(values):
            if predicate == RDF.type and isinstance(value, str) and ":" not in value:
                term = ARG[value]
            else:
                term = terms.term(value, predicate)
            if term is not None:
                graph.add((subject, predicate, term))


_TEXT_FRONT = re.compile(r"---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(\r?\n|$)", re.S)


def text_front_matter(text: str | None) -> dict:
    """The YAML front matter a source's text file opens with (`---` … `---`, as Ipsissima's sources carry their
    title and author), or nothing; a text that is not ours to correct gives nothing rather than an error."""
    found = _TEXT_FRONT.match(text or "")
    if not found:
        return {}
    data = lenient(found.group(1))
    return data if isinstance(data, dict) else {}


def read_header(front: dict | None, graph: Graph, terms: Terms, slug: str, texts=None) -> list[SourceInfo]:
    """The sources the front matter describes (the first is the document's own) and its entities, as triples.

    A source whose entry names no title or author takes them from its text file's own front matter (`texts`:
    chapter → text), as Ipsissima keeps them there."""
    front = front if isinstance(front, dict) else {}
    entries = [front] + [entry for entry in as_list(front.get("sources")) if isinstance(entry, dict)]
    sources = []
    for number, entry in enumerate(entries):
        entry_slug = slug if number == 0 else str(entry.get("source") or "")
        if not entry_slug:
            raise ParseError(f"source {number + 1} of the front matter's `sources:` has no `source:` slug",
                             fix="give it source: its-slug")
        iri = SRC[entry_slug]
        defaults = entry.get("defaults") if isinstance(entry.get("defaults"), dict) else {}
        chapter = defaults.get("chapter") or entry.get("text")
        if texts is not None and chapter and (entry.get("title") is None or entry.get("author") is None):
            own = text_front_matter(texts(str(chapter)))
            entry = {**{k: own[k] for k in ("title", "author") if own.get(k) is not None}, **entry}
        if "title" in entry or number > 0 or "author" in entry:
            graph.add((iri, RDF.type, ARG.Source))
            graph.add((iri, DCTERMS.identifier, Literal(entry_slug)))
            if entry.get("title") is not None:
                graph.add((iri, DCTERMS.title, Literal(str(entry["title"]))))
            if entry.get("language"):
                graph.add((iri, DCTERMS.language, Literal(str(entry["language"]))))
            if chapter:
                graph.add((iri, ARG.textFile, Literal(str(chapter))))
            for author in as_list(entry.get("author")):
                creator = terms.iri(str(author)) or ENT[slugify(str(author), words=8)]
                graph.add((iri, DCTERMS.creator, creator))
                if terms.iri(str(author)) is None:
                    graph.add((creator, RDF.type, ARG.Person))
                    graph.add((creator, RDFS.label, terms.text(str(author), RDFS.label)))
                    graph.add((creator, RDFS.comment, terms.text(f"Author of {entry.get('title') or entry_slug}.", RDFS.comment)))
            if entry.get("rdf") is not None:
                describe(graph, iri, entry["rdf"], terms, "the front matter's rdf:")
        sources.append(SourceInfo(iri, entry_slug, str(chapter) if chapter else None))
    for source in sources[1:]:
        terms.add_source(source.slug, str(source_namespace(source.slug)))
    entities = front.get("entities")
    if entities is not None:
        if not isinstance(entities, dict):
            raise ParseError("the front matter's `entities:` is not a mapping", fix="write entities: {name: {a: …, label: …}}")
        for name, description in entities.items():
            subject = terms.iri(str(name), str(ENT))
            if subject is None:
                raise ParseError(f"entity {name!r} of the front matter is not a name", fix="use a name such as acme-corp or ent:acme-corp")
            describe(graph, subject, description, terms, f"entity {name}")
    return sources
