"""What every reader and writer shares: options, the result of a read, names, kinds, and the map's nodes.

A reader builds claims (arg:Claim with a kind, a short label, the full text as
comment), inferences and conflicts in one source's namespace; a writer reads
them back from the project's claims graph with `map_nodes`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef

from ...model.names import clip, local_name, slugify, unique  # noqa: F401  (the readers' and writers' names)
from ...model.nodes import CONFLICT_TYPES, KINDS, conflict_type, is_claim, map_nodes  # noqa: F401
from ...model.vocab import ARG

#: A progress wrapper: (items, label) → the same items, shown as they pass.
Progress = Callable[[list, str], object]


def no_progress(items, label):
    return items


@dataclass(frozen=True)
class ReadOptions:
    """What a reader needs besides the text: where the claims go and what to anchor them in."""

    namespace: Namespace
    source: URIRef | None = None          # the arg:Source the anchors point at
    source_text: str | None = None        # its plain text, to find quotes in
    default_kind: URIRef = ARG.FactualClaim
    language: str | None = None
    schemes: Graph | None = None          # the scheme catalogue, to name schemes
    progress: Progress = no_progress
    base_dir: str | None = None           # where the file was, for tools that need a path


@dataclass
class Imported:
    """A reader's result: the graph, what the input held, and what could not be kept."""

    graph: Graph
    counts: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    source_text: str | None = None        # the text the map carries (xAIF, OVA), made plain
    prefixes: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class WriteOptions:
    """What a writer needs besides the graph: the texts of the sources, by source IRI."""

    source_texts: dict = field(default_factory=dict)
    title: str = "argmap"


def text_literal(text: str, language: str | None) -> Literal:
    return Literal(text, lang=language) if language else Literal(text)


def add_claim(graph: Graph, claim: URIRef, text: str, options: ReadOptions) -> None:
    """A claim with its full text as comment and a short label; its kind is set by `assign_kinds`."""
    graph.add((claim, RDFS.label, text_literal(clip(text) or "(no text)", options.language)))
    graph.add((claim, RDFS.comment, text_literal(text or "(no text)", options.language)))


def assign_kinds(graph: Graph, claims: list[URIRef], default: URIRef) -> None:
    """Give each claim a kind: a final conclusion (concluded, supporting and attacking nothing) is the
    thesis; every other claim gets `default`, for the analyst to refine."""
    for claim in claims:
        concluded = (None, ARG.conclusion, claim) in graph
        used = (None, ARG.premise, claim) in graph or (None, ARG.attacker, claim) in graph
        graph.add((claim, RDF.type, ARG.Thesis if concluded and not used else default))


