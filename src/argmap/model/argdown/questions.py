"""argmap's Argdown profile, read: the critical questions an argument's data records as raised or answered.

    <Argument>
        {questions: [{question: CQ3, raised-by: [A concession], answered-by: [The answer]}]}

Needs: the reader (its graph, names, scheme catalogue). Gives: one
arg:CriticalQuestionAnswer an entry, naming the question of the inference's scheme
(by its notation, CQ3, or its IRI) and the claims that raise and answer it.
"""

from __future__ import annotations

from rdflib import RDF, RDFS, URIRef
from rdflib.namespace import SKOS

from ...errors import ParseError
from ..vocab import ARG
from .header import describe
from .values import as_list, fold


def read_questions(reader, node, data: dict, line: int) -> None:
    """Critical questions the argument's data records as answered or raised: `questions: [{question: CQ2, …}]`."""
    for number, entry in enumerate(as_list(data.get("questions")), start=1):
        if not isinstance(entry, dict) or entry.get("question") is None:
            raise ParseError(f"Argdown error at line {line}: question {number} names no critical question",
                             line=line, fix="write questions: [{question: CQ2, answered-by: [a claim's title]}]")
        question = _question(reader, node, str(entry["question"]))
        record = reader.name(entry, f"cqa-{str(node).rsplit('#', 1)[-1]}-{fold(str(entry['question']))}")
        reader.at(record, line)
        reader.graph.add((record, RDF.type, ARG.CriticalQuestionAnswer))
        reader.graph.add((record, ARG.questionOf, node))
        reader.graph.add((record, ARG.question, question))
        for key, predicate in (("raised-by", ARG.raisedBy), ("answered-by", ARG.answeredBy)):
            for title in as_list(entry.get(key)):
                reader.graph.add((record, predicate, reader.claim_titled(str(title), line)))
        if entry.get("label") is not None:
            reader.graph.add((record, RDFS.label, reader.terms.text(str(entry["label"]), RDFS.label)))
        for note in as_list(entry.get("note")):
            reader.graph.add((record, SKOS.note, reader.terms.text(str(note), SKOS.note)))
        if entry.get("rdf") is not None:
            describe(reader.graph, record, entry["rdf"], reader.terms, f"the rdf: of question {number}")


def _question(reader, node, name: str) -> URIRef:
    """The critical question a name gives: a prefixed name or IRI, else the notation of a question of the scheme."""
    explicit = reader.terms.iri(name) if ":" in name or name.startswith("<") else None
    if explicit is not None:
        return explicit
    scheme = reader.graph.value(node, ARG.scheme)
    if scheme is None:
        raise ParseError(f"critical question {name!r} of <{node}> names no scheme's question: the inference has "
                         "no scheme", fix="name the scheme on the inference line (-- argument from … --)")
    catalogue = reader.settings.schemes
    if catalogue is not None:
        for candidate in catalogue.objects(scheme, ARG.criticalQuestion):
            if fold(str(catalogue.value(candidate, SKOS.notation) or "")) == fold(name):
                return candidate
    return URIRef(f"{scheme}-{fold(name)}")
