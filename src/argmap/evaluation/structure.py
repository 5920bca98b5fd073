"""The argument map as the evaluation reads it: claims, inferences, conflicts, and which source records each.

Needs: a graph of the ontology and claims (`Loaded.union()`), or better the
project's dataset (`Loaded`, or an rdflib Dataset with one named graph per
claims file), which also says which file records each node. Gives: a
Structure. Does not: label anything (`evaluate` does) or set sources aside
(`sources` does).

Where each node comes from matters for one rule. A claim is taken as given
(a premise) when a source asserts it and gives no reason for it: no
inference recorded in that source's file concludes it. An inference recorded
elsewhere (a link between sources, in a file that describes no source) adds
a support, but does not make the claim depend on it: another source's
argument for a claim cannot take away what its own author asserted. Without
files (a plain graph), a claim is given when no inference concludes it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from difflib import get_close_matches

from rdflib import RDF, RDFS, Dataset, Graph, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from ..errors import InputError
from ..model.vocab import ARG, CLAIM_KINDS, SRC, prefixed_name


@dataclass(frozen=True)
class Inference:
    premises: tuple[str, ...]
    conclusion: str


@dataclass(frozen=True)
class Conflict:
    kind: str  # Rebuttal or Undercut
    attacker: str
    target: str


@dataclass(frozen=True)
class Structure:
    """The supports and attacks of an argument map, by IRI, with names to show and the sources that record them."""

    claims: dict[str, str]  # IRI → kind
    inferences: dict[str, Inference]
    conflicts: dict[str, Conflict]
    names: dict[str, str]  # IRI → prefixed name
    labels: dict[str, str]  # IRI → rdfs:label
    prefixes: dict[str, str] = field(default_factory=dict)  # the graph's own prefixes, for output
    #: node → the units that record it: a source's slug, or the name of a file of links that describes no source.
    origins: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: the units that are sources, each with the IRIs of the sources its file describes (the other units in
    #: `origins` are files of links between sources)
    sources: dict[str, tuple[str, ...]] = field(default_factory=dict)
    given: frozenset[str] | None = None  # the claims taken as given; None: every claim no inference concludes
    restatements: dict[str, tuple[str, str]] = field(default_factory=dict)  # IRI → (fromClaim, toClaim)
    #: nodes of the whole map that this one does not count (sources set aside): node → (why, the unit or node)
    absent: dict[str, tuple[str, str]] = field(default_factory=dict)

    @property
    def nodes(self) -> list[str]:
        return sorted(self.claims) + sorted(self.inferences) + sorted(self.conflicts)

    @property
    def units(self) -> tuple[str, ...]:
        """Every source and file of links that records a node, sources first."""
        links = sorted({u for units in self.origins.values() for u in units} - set(self.sources))
        return tuple(sorted(self.sources)) + tuple(links)

    def supports_of(self, claim: str) -> list[str]:
        return sorted(i for i, inf in self.inferences.items() if inf.conclusion == claim)

    def attacks_on(self, node: str) -> list[str]:
        return sorted(k for k, c in self.conflicts.items() if c.target == node)

    @cached_property
    def taken_as_given(self) -> frozenset[str]:
        """The claims that are premises taken as given (unless attacked), not conclusions that need a support."""
        if self.given is not None:
            return self.given
        return frozenset(self.claims) - {inf.conclusion for inf in self.inferences.values()}

    def is_given(self, claim: str) -> bool:
        return claim in self.taken_as_given

    def origin(self, node: str) -> str:
        """The units that record a node, as shown after it: `[engel-gsomia-decision]`; empty for a map of one unit."""
        units = self.origins.get(node, ())
        return f"[{', '.join(units)}]" if units and len(self.units) > 1 else ""

    def shown(self, node: str) -> str:
        """A node's name, followed by where it comes from when the map has several sources."""
        name = self.names.get(node, node)
        origin = self.origin(node)
        return f"{name} {origin}" if origin else name

    def resolve(self, text: str, *, claims_only: bool = True) -> str:
        """The IRI a user means by a prefixed name, a full IRI or a bare local name; a clear error if none."""
        pool = sorted(self.claims) if claims_only else self.nodes
        pool += sorted(n for n in self.absent if not claims_only or self.absent[n][0] == "claim")
        by_name = {self.names[i]: i for i in pool}
        if text in pool:
            return text
        if text in by_name:
            return by_name[text]
        local = {n.split(":", 1)[-1]: i for n, i in by_name.items()}
        if text in local:
            return local[text]
        near = get_close_matches(text, list(by_name), n=3, cutoff=0.6) or get_close_matches(
            text.split(":", 1)[-1], list(local), n=3, cutoff=0.6
        )
        near = [n if n in by_name else self.names[local[n]] for n in near]
        what = "claim" if claims_only else "claim, inference or conflict"
        hint = f"did you mean {', '.join(near)}?" if near else f"`argmap eval` lists every {what}"
        raise InputError(f"no {what} named {text!r} in the argument", fix=hint)


def read_structure(graph) -> Structure:
    """The claims, inferences and conflicts of a graph, a Dataset of one named graph per file, or a Loaded project.

    From a Dataset or a Loaded project, the structure also knows which source records each node (see the module
    docstring); from a plain graph it does not.
    """
    from ..model.load import ONTOLOGY_GRAPHS

    files = None
    if hasattr(graph, "union_view"):  # a Loaded project
        files = {f.graph for f in graph.claim_files}
        graph = graph.union_view()
    elif isinstance(graph, Dataset):  # read in place, as Loaded.union_view does
        files = {g.identifier for g in graph.graphs() if g.identifier != DATASET_DEFAULT_GRAPH_ID} - set(ONTOLOGY_GRAPHS)
        view = Dataset(store=graph.store, default_union=True)
        view.namespace_manager = graph.namespace_manager
        graph = view
    structure = _read(graph)
    if files is None:
        return structure
    return _with_origins(structure, graph, files)


def _read(graph: Graph) -> Structure:
    claims: dict[str, str] = {}
    for kind in ("Claim",) + CLAIM_KINDS:
        for s in graph.subjects(RDF.type, ARG[kind]):
            if isinstance(s, URIRef) and (kind != "Claim" or str(s) not in claims):
                claims[str(s)] = kind
    inferences = {}
    for s in graph.subjects(RDF.type, ARG.Inference):
        conclusion = graph.value(s, ARG.conclusion)
        if isinstance(s, URIRef) and conclusion is not None:
            premises = tuple(sorted(str(p) for p in graph.objects(s, ARG.premise)))
            inferences[str(s)] = Inference(premises, str(conclusion))
    conflicts = {}
    for kind in ("Rebuttal", "Undercut", "Conflict"):
        for s in graph.subjects(RDF.type, ARG[kind]):
            attacker, target = graph.value(s, ARG.attacker), graph.value(s, ARG.target)
            if isinstance(s, URIRef) and attacker is not None and target is not None and str(s) not in conflicts:
                conflicts[str(s)] = Conflict(kind, str(attacker), str(target))
    restatements = {}
    for s in graph.subjects(RDF.type, ARG.Restatement):
        source, target = graph.value(s, ARG.fromClaim), graph.value(s, ARG.toClaim)
        if isinstance(s, URIRef) and source is not None and target is not None:
            restatements[str(s)] = (str(source), str(target))
    nodes = set(claims) | set(inferences) | set(conflicts) | {c for pair in restatements.values() for c in pair}
    return Structure(
        claims, inferences, conflicts,
        names={n: prefixed_name(graph, URIRef(n)) for n in nodes},
        labels={n: str(graph.value(URIRef(n), RDFS.label) or "") for n in nodes},
        prefixes={p: str(ns) for p, ns in graph.namespaces() if p and not p.startswith(("ns", "_"))},
        restatements=restatements,
    )


def _with_origins(structure: Structure, dataset: Dataset, files: set) -> Structure:
    """The structure, knowing which unit (source or file of links) records each node, and which claims are given."""
    from dataclasses import replace

    described: dict = {}  # file → the sources it describes
    typed: dict = {}  # node → the files that give it a type
    wanted = set(structure.nodes)
    for s, p, o, g in dataset.quads((None, RDF.type, None, None)):
        g = getattr(g, "identifier", g)
        if g not in files:
            continue
        if o == ARG.Source and isinstance(s, URIRef):
            described.setdefault(g, set()).add(s)
        if str(s) in wanted:
            typed.setdefault(str(s), set()).add(g)
    unit = {g: _unit_name(g, described.get(g, set()), dataset) for g in files}
    origins = {n: tuple(sorted({unit[g] for g in gs})) for n, gs in typed.items()}
    sources: dict = {}
    for g, iris in described.items():
        sources[unit[g]] = tuple(sorted({*sources.get(unit[g], ()), *(str(s) for s in iris)}))
    argued: dict = {}  # claim → the units whose own inferences conclude it
    for iri, inf in structure.inferences.items():
        argued.setdefault(inf.conclusion, set()).update(origins.get(iri, ("",)))
    # given: asserted by some unit that does not argue for it (a claim no file types: when nothing concludes it)
    given = frozenset(c for c in structure.claims if set(origins.get(c, ("",))) - argued.get(c, set()))
    return replace(structure, origins=origins, sources=sources, given=given)


def _unit_name(graph: URIRef, sources: set, dataset: Dataset) -> str:
    """A file's unit: the slug of the one source it describes, else the file's own name (its graph's last part)."""
    if len(sources) == 1:
        (source,) = sources
        if str(source).startswith(str(SRC)) and "/" not in str(source)[len(SRC):] and "#" not in str(source)[len(SRC):]:
            return str(source)[len(SRC):]
    return str(graph).rstrip("/").rsplit("/", 1)[-1]
