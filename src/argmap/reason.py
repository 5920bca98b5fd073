"""Reason over the ontology and the claims with a DL reasoner (HermiT, through owlready2).

Needs: a Loaded dataset that passed `check`. Gives: Inferred, the triples the
reasoner adds (for a graph of their own, apart from what was asserted), or an
Inconsistent error naming the individuals and axioms in conflict. Does not:
evaluate which claims stand (that is `evaluate`).
"""

from __future__ import annotations

import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from rdflib import OWL, RDF, BNode, Graph

from .errors import ArgmapError, ToolMissing
from .explain import explain_inconsistency
from .load import Loaded
from .vocab import bind_prefixes

#: owlready2 files its inferences under this ontology IRI (sic).
_INFERENCES_IRI = "http://inferrences/"


class Inconsistent(ArgmapError):
    """The ontology and the data contradict each other; the data does not conform."""

    exit_code = 1

    def __init__(self, reasons: list[str]):
        self.reasons = reasons
        detail = "; ".join(reasons) if reasons else "the reasoner gave no detail"
        super().__init__(f"the data is inconsistent with the ontology: {detail}")


@dataclass(frozen=True)
class Inferred:
    """What the reasoner adds to the asserted data, and how long it took."""

    graph: Graph
    reasoner: str
    seconds: float


def reason(loaded: Loaded) -> Inferred:
    """Run HermiT over ontology plus claims in a World of its own; inferred triples come back as a graph."""
    if shutil.which("java") is None:
        raise ToolMissing("HermiT needs a Java runtime and none is on PATH — install one (apt-get install default-jre-headless)")
    import owlready2  # loaded only when reasoning

    union = loaded.union()
    _strip_imports(union)
    started = time.perf_counter()
    world = owlready2.World()
    with tempfile.TemporaryDirectory(prefix="argmap-reason-") as folder:
        data = Path(folder) / "data.nt"
        union.serialize(data, format="nt", encoding="utf-8")
        world.get_ontology(data.as_uri()).load(format="ntriples")
        try:
            # outside `with ontology:`, owlready2 files inferences in an ontology of their own
            owlready2.sync_reasoner_hermit(world, infer_property_values=True, debug=0)
        except owlready2.OwlReadyInconsistentOntologyError:
            raise Inconsistent(explain_inconsistency(union)) from None
        except owlready2.OwlReadyJavaError as error:
            raise ArgmapError(f"HermiT failed: {str(error).strip().splitlines()[-1]}") from None
        inferred = _inferred_triples(world, Path(folder) / "inferred.nt")
    return Inferred(inferred - union, "HermiT", time.perf_counter() - started)


def _strip_imports(graph: Graph) -> None:
    """owlready2 fetches owl:imports on load, even local-only: never let it."""
    graph.remove((None, OWL.imports, None))


def _inferred_triples(world, path: Path) -> Graph:
    """The triples owlready2 filed as inferences, as an rdflib graph."""
    inferred = bind_prefixes(Graph(bind_namespaces="none"))
    inferences = world.get_ontology(_INFERENCES_IRI)
    inferences.save(str(path), format="ntriples")
    inferred.parse(path, format="nt")
    for triple in list(inferred):
        if any(isinstance(term, BNode) for term in triple):  # owlready2's anonymous nodes
            inferred.remove(triple)
    inferred.remove((None, RDF.type, OWL.NamedIndividual))
    inferred.remove((None, RDF.type, OWL.Ontology))
    return inferred
