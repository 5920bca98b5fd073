"""What every reader and writer shares: options, the result of a read, names, kinds, and the map's nodes.

A reader builds claims (arg:Claim with a kind, a short label, the full text as
comment), inferences and conflicts in one source's namespace; a writer reads
them back from the project's claims graph with `map_nodes`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Callable

from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef

from ...model.vocab import ARG, CLAIM_KINDS

KINDS = {ARG[k] for k in CLAIM_KINDS}
CONFLICT_TYPES = {ARG.Conflict, ARG.Rebuttal, ARG.Undercut}
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


def slugify(text: str, words: int = 6, limit: int = 60) -> str:
    """A readable local name from a text: its first words, lower case, hyphenated, ASCII."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    parts = re.findall(r"[a-z0-9]+", ascii_text.lower())[:words]
    slug = "-".join(parts)[:limit].strip("-")
    return slug or "claim"


def unique(slug: str, taken: set[str]) -> str:
    """`slug`, or `slug-2`, `slug-3` …, whichever is not taken; records it as taken."""
    candidate, number = slug, 2
    while candidate in taken:
        candidate, number = f"{slug}-{number}", number + 1
    taken.add(candidate)
    return candidate


def clip(text: str, limit: int = 70) -> str:
    """A label from a text: the whole text if short, else its first words and an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.") + "…"


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


def conflict_type(graph: Graph, target) -> URIRef:
    """A conflict on a claim is a rebuttal; on an inference or another conflict, an undercut."""
    if target is None:
        return ARG.Rebuttal
    types = set(graph.objects(target, RDF.type))
    return ARG.Undercut if types & ({ARG.Inference} | CONFLICT_TYPES) else ARG.Rebuttal


def is_claim(graph: Graph, node) -> bool:
    return bool(set(graph.objects(node, RDF.type)) & (KINDS | {ARG.Claim}))


def map_nodes(graph: Graph) -> tuple[list, list, list]:
    """The claims, inferences and conflicts of a graph, each list in IRI order."""
    claims = sorted({s for s in graph.subjects(RDF.type, None) if is_claim(graph, s)}, key=str)
    inferences = sorted(set(graph.subjects(RDF.type, ARG.Inference)), key=str)
    conflicts = sorted({s for t in CONFLICT_TYPES for s in graph.subjects(RDF.type, t)}, key=str)
    return claims, inferences, conflicts


def local_name(node) -> str:
    text = str(node)
    return re.split(r"[#/]", text)[-1] or text
