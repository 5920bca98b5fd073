"""Argumentation schemes: the catalogue (ontology/schemes.ttl) and the checks on how inferences use it.

Needs: a Loaded dataset (the catalogue is its graph `SCHEMES_GRAPH`). Gives:
an error for every arg:scheme that names no scheme of the catalogue, with the
nearest names; advice for every inference that names no scheme; and
`scheme_named`, which finds a scheme by any of its names (AIFdb's spellings
included), for importers. Does not: check the catalogue's own shape (the
SHACL shapes do) or which critical questions are open (a query does).
"""

from __future__ import annotations

import difflib
from dataclasses import replace

from rdflib import RDF, RDFS, Graph, URIRef
from rdflib.namespace import SKOS

from .integrity import Locator
from ..model.load import Loaded
from ..model.report import ADVICE, Problem
from ..model.vocab import ARG


def schemes(catalogue: Graph) -> list[URIRef]:
    """Every scheme of the catalogue, in IRI order."""
    return sorted(s for s in catalogue.subjects(RDF.type, ARG.Scheme) if isinstance(s, URIRef))


def scheme_named(catalogue: Graph, name: str) -> URIRef | None:
    """The scheme one of whose labels is `name`, ignoring case and spacing ("Expert Opinion", "ExpertOpinion")."""
    wanted = _key(name)
    for scheme in schemes(catalogue):
        labels = list(catalogue.objects(scheme, SKOS.prefLabel)) + list(catalogue.objects(scheme, SKOS.altLabel))
        if any(_key(str(label)) == wanted for label in labels):
            return scheme
    return None


def _key(name: str) -> str:
    return "".join(name.split()).casefold()


def check_schemes(loaded: Loaded, union: Graph, locator: Locator) -> list[Problem]:
    """Every arg:scheme names a scheme of the catalogue (an error if not); every inference names one (advice)."""
    known = set(schemes(loaded.schemes))
    names = {locator.name(scheme): scheme for scheme in known}
    uses = loaded.triples_by_graph((None, ARG.scheme, None))
    inferences = loaded.triples_by_graph((None, RDF.type, ARG.Inference))
    problems = []
    for loaded_file in loaded.claim_files:
        graph = loaded.dataset.graph(loaded_file.graph)
        for relation, _, scheme in sorted(uses.get(loaded_file.graph, ())):
            if scheme in known:
                continue
            shown = locator.name(scheme)
            nearest = difflib.get_close_matches(shown, names, n=3, cutoff=0.5)
            hint = f": the nearest are {', '.join(nearest)}" if nearest else ""
            problems.append(locator.problem(graph, relation, f"names the scheme {shown}, which is not in the scheme catalogue",
                                            f"use a scheme of ontology/schemes.ttl{hint}", containing=shown))
        for inference, _, _ in sorted(inferences.get(loaded_file.graph, ())):
            if (inference, ARG.scheme, None) not in union:
                advice = locator.problem(graph, inference, "inference names no argumentation scheme",
                                         "add arg:scheme scheme:… (such as scheme:cause-to-effect or scheme:practical-reasoning; "
                                         "see ontology/schemes.ttl) so its critical questions can be asked")
                problems.append(replace(advice, kind=ADVICE))
    return problems


def critical_questions(graph: Graph, inference) -> tuple[tuple[str, str], ...]:
    """Each critical question of an inference's scheme, with how the map treats it: open, raised, answered."""
    scheme = graph.value(inference, ARG.scheme)
    if scheme is None:
        return ()
    records = list(graph.subjects(ARG.questionOf, inference))

    def label(node) -> str:
        return str(graph.value(node, RDFS.label) or node)

    found = []
    for question in graph.objects(scheme, ARG.criticalQuestion):
        text = f"{graph.value(question, SKOS.notation) or ''} {graph.value(question, ARG.questionText) or ''}".strip()
        about = [r for r in records if graph.value(r, ARG.question) == question]
        answered = sorted(label(c) for r in about for c in graph.objects(r, ARG.answeredBy))
        raised = sorted(label(c) for r in about for c in graph.objects(r, ARG.raisedBy))
        if answered:
            status = "answered: " + "; ".join(answered)
        elif raised:
            status = "raised, unanswered: " + "; ".join(raised)
        else:
            status = "open"
        found.append((text, status))
    return tuple(sorted(found))
