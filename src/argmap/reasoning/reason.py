"""Reason over the ontology and the claims: HermiT through owlready2, or OWL 2 RL rules without Java.

Needs: a Loaded dataset that passed `check`. Gives: Inferred, the triples the
reasoner adds (for a graph of their own, apart from what was asserted), or an
Inconsistent error naming the individuals and axioms in conflict. Does not:
evaluate which claims stand (that is `evaluate`).
"""

from __future__ import annotations

import re
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from rdflib import OWL, RDF, RDFS, BNode, Graph, Literal, Namespace

from ..errors import ArgmapError, InputError, ToolMissing
from ..model.scratch import scratch_folder, scratch_refusals
from .explain import explain_inconsistency
from .java import hermit_held
from ..model.load import Loaded
from ..model.vocab import INFERRED_GRAPH, bind_prefixes

#: owlready2 files its inferences under this ontology IRI (sic).
_INFERENCES_IRI = "http://inferrences/"
#: owlrl reports an inconsistency as a triple of this vocabulary, not as an exception.
_OWLRL_ERROR = Namespace("http://www.daml.org/2002/03/agents/agent-ont#")

REASONERS = ("auto", "hermit", "owlrl")


class Inconsistent(ArgmapError):
    """The ontology and the data contradict each other; the data does not conform."""

    exit_code = 1

    def __init__(self, reasons: list[str]):
        self.reasons = reasons
        detail = "; ".join(reasons) if reasons else "the reasoner gave no detail"
        super().__init__(f"the data is inconsistent with the ontology: {detail}")


@dataclass(frozen=True)
class Inferred:
    """What the reasoner adds to the asserted data, which reasoner, and how long it took."""

    graph: Graph
    reasoner: str
    seconds: float
    note: str = ""


def add_inferred(loaded: Loaded, inferred: Inferred) -> Graph:
    """Put the inferred triples into the dataset as the named graph INFERRED_GRAPH, replacing an earlier one.

    Queries then ask the asserted graphs, this graph, or both (the union).
    """
    loaded.dataset.remove_graph(INFERRED_GRAPH)
    target = loaded.dataset.graph(INFERRED_GRAPH)
    for triple in inferred.graph:
        target.add(triple)
    return target


def java_available() -> bool:
    """True when a Java runtime is on PATH, so HermiT can run."""
    return shutil.which("java") is not None


def reason(loaded: Loaded, reasoner: str = "auto") -> Inferred:
    """Infer what follows from ontology plus claims: HermiT where Java exists, else OWL 2 RL, saying so."""
    if reasoner not in REASONERS:
        raise InputError(f"unknown reasoner {reasoner!r}", fix=f"use one of {', '.join(REASONERS)}")
    union = loaded.union()
    union.remove((None, OWL.imports, None))  # owlready2 fetches imports, even local-only: never let it
    if reasoner == "hermit" or (reasoner == "auto" and java_available()):
        return reason_with_hermit(union)
    inferred = reason_with_owlrl(union)
    if reasoner == "auto":
        return Inferred(inferred.graph, inferred.reasoner, inferred.seconds,
                        "no Java runtime, so HermiT could not run: used OWL 2 RL rules instead")
    return inferred


def reason_with_hermit(union: Graph) -> Inferred:
    """HermiT in a World of its own: only this data goes to Java."""
    if not java_available():
        raise ToolMissing("HermiT needs a Java runtime and none is on PATH — install one (apt-get install default-jre-headless)")
    import owlready2  # loaded only when reasoning

    started = time.perf_counter()
    world = owlready2.World()
    # Java dies with argmap; its input, ours and owlready2's, stays in a scratch folder removed after (or by the next run)
    with scratch_folder("reason") as folder, hermit_held(folder), scratch_refusals(folder):
        data = folder / "data.nt"
        union.serialize(data, format="nt", encoding="utf-8")
        world.get_ontology(data.as_uri()).load(format="ntriples")
        try:
            # outside `with ontology:`, owlready2 files inferences in an ontology of their own
            owlready2.sync_reasoner_hermit(world, infer_property_values=True, debug=0)
        except owlready2.OwlReadyInconsistentOntologyError:
            raise Inconsistent(explain_inconsistency(union) or _rule_errors(union)) from None
        except owlready2.OwlReadyJavaError as error:
            raise ArgmapError(f"HermiT failed: {_java_message(str(error))}") from None
        inferred = _hermit_inferences(world, folder / "inferred.nt")
    return Inferred(_only_new(inferred, union), "HermiT", time.perf_counter() - started)


def reason_with_owlrl(union: Graph) -> Inferred:
    """OWL 2 RL forward chaining in pure Python (owlrl): no Java, fewer conclusions than HermiT."""
    import owlrl

    started = time.perf_counter()
    closure = Graph(bind_namespaces="none")
    closure += union
    rules = owlrl.DeductiveClosure(
        owlrl.OWLRL_Semantics, rdfs_closure=False, axiomatic_triples=False, datatype_axioms=False
    )
    _apply_has_self(closure)  # before the rules too, so that they usually need to run only once
    rules.expand(closure)
    if _apply_has_self(closure):
        rules.expand(closure)
    errors = sorted(str(e) for e in closure.objects(None, _OWLRL_ERROR.error))
    if errors:
        raise Inconsistent(explain_inconsistency(union) or errors)
    new = Graph(bind_namespaces="none")
    for triple in closure:
        s, p, o = triple
        if triple in union or any(isinstance(t, BNode) for t in triple) or isinstance(o, Literal):
            continue
        if p == OWL.sameAs or o in (OWL.Thing, OWL.NamedIndividual) or p == OWL.equivalentProperty:
            continue  # trivia every OWL RL closure adds
        new.add(triple)
    return Inferred(_only_new(new, union), "OWL 2 RL (owlrl)", time.perf_counter() - started)


def _rule_errors(union: Graph) -> list[str]:
    """What OWL 2 RL rules say is contradictory (they name the individuals), where explain.py finds nothing."""
    try:
        reason_with_owlrl(union)
    except Inconsistent as error:
        return error.reasons
    return []


def _apply_has_self(closure: Graph) -> bool:
    """The one OWL 2 DL rule the ontology needs that OWL 2 RL lacks: C ⊑ ∃p.Self gives x p x for each x of C.

    Returns whether it added anything (then the rules must run again).
    """
    added = False
    for restriction in set(closure.subjects(OWL.hasSelf, None)):
        if closure.value(restriction, OWL.hasSelf).toPython() is not True:
            continue
        prop = closure.value(restriction, OWL.onProperty)
        for cls in set(closure.transitive_subjects(RDFS.subClassOf, restriction)):
            for individual in set(closure.subjects(RDF.type, cls)):
                if not isinstance(individual, BNode) and (individual, prop, individual) not in closure:
                    closure.add((individual, prop, individual))
                    added = True
    return added


def _java_message(text: str) -> str:
    """What a Java stack trace says went wrong: its last line that is not a frame ("at …", "... 3 more")."""
    said = [line.strip() for line in text.splitlines()
            if line.strip() and not re.match(r"(at |\.\.\. \d+ more|Java error message is:)", line.strip())]
    return said[-1] if said else "Java gave no message"


def _hermit_inferences(world, path: Path) -> Graph:
    """The triples owlready2 filed as inferences, as an rdflib graph."""
    inferred = Graph(bind_namespaces="none")
    world.get_ontology(_INFERENCES_IRI).save(str(path), format="ntriples")
    inferred.parse(path, format="nt")
    for triple in list(inferred):
        if any(isinstance(term, BNode) for term in triple):  # owlready2's anonymous nodes
            inferred.remove(triple)
    inferred.remove((None, RDF.type, OWL.NamedIndividual))
    inferred.remove((None, RDF.type, OWL.Ontology))
    return inferred


def _only_new(inferred: Graph, union: Graph) -> Graph:
    """The inferred triples that were not asserted, with the data's prefixes."""
    new = bind_prefixes(Graph(bind_namespaces="none"), {p: str(n) for p, n in union.namespaces() if p})
    for triple in inferred:
        if triple not in union:
            new.add(triple)
    return new
