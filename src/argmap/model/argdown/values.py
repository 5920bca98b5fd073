"""argmap's Argdown profile, the vocabulary: kind tags, and RDF terms written as YAML values and read back.

Needs: nothing but the namespaces. Gives: the tags that name kinds, the names of
schemes, and `term`/`encode` — how a value in front matter or a {…} block
becomes an RDF term and back, so that whatever argmap writes reads back the same:
`ent:japan` or `<https://…>` is an IRI, a plain string a literal (in the
document's language for texts such as labels and notes), and {value, language}
or {value, datatype} a literal that the short form would not give back.
"""

from __future__ import annotations

import re
from contextlib import contextmanager

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDFS, SKOS, XSD

from ...errors import ParseError
from ..vocab import ARG, PREFIXES

#: A kind tag (any case) → the kind. Concession is Ipsissima's #conceded ("the author grants it tells against them").
KIND_TAGS = {"thesis": ARG.Thesis, "factual": ARG.FactualClaim, "fact": ARG.FactualClaim,
             "factualclaim": ARG.FactualClaim, "judgement": ARG.Judgement, "judgment": ARG.Judgement,
             "prediction": ARG.Prediction, "recommendation": ARG.Recommendation, "conceded": ARG.Concession,
             "concession": ARG.Concession}
#: The tag argmap writes for each kind.
TAG_OF_KIND = {ARG.Thesis: "thesis", ARG.FactualClaim: "factual", ARG.Judgement: "judgement",
               ARG.Prediction: "prediction", ARG.Recommendation: "recommendation", ARG.Concession: "conceded"}
#: The tags that make an argument without premises a conflict: it is supported by its attacker and attacks,
#: or undercuts, its target.
CONFLICT_TAGS = {"rebuttal": ARG.Rebuttal, "undercut": ARG.Undercut}
#: Argdown's relations between statements (strict mode, or ><) and the kind of relation between claims each is.
RELATION_CLASSES = {"entails": ARG.Entailment, "contrary": ARG.Contrariety, "contradictory": ARG.Contradiction}
#: The relations between claims a statement's data can name (`relations: [{type: restatement, to: Title}]`),
#: for those Argdown has no arrow for (a restatement) or that say more than an arrow (a label, a note).
RELATION_KINDS = {"restatement": ARG.Restatement, "entailment": ARG.Entailment, "contrariety": ARG.Contrariety,
                  "contradiction": ARG.Contradiction}
#: The name prefix of a node made for a relation, named after its ends (inf-a-b): the same document, the same names.
DERIVED = {"support": "inf", "attack": "reb", "undercut": "und", "entails": "ent", "contrary": "con",
            "contradictory": "ctd", "restatement": "res", "entailment": "ent", "contrariety": "con",
            "contradiction": "ctd"}
#: Texts in the document's language.
TEXT_PREDICATES = {RDFS.label, RDFS.comment, SKOS.note, SKOS.altLabel, SKOS.definition, DCTERMS.description}
_PREFIXED = re.compile(r"^([A-Za-z][\w.-]*|):([^\s<>\"{}|^`\\]*)$")
#: A node's name in a document's own namespace, as an id or a name made from a title.
NAME = re.compile(r"[A-Za-z0-9_][\w.-]*")
_IRI = re.compile(r"^<([A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|^`\\]*)>$")
_LANGUAGE = re.compile(r"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$")
_QUOTED = re.compile(r'^\s*[“"‘\'«](.*)[”"’\'»]\s*$', re.DOTALL)


class Terms:
    """How one document names things: argmap's prefixes, its own namespace (prefix ``:``) and its language."""

    def __init__(self, namespace: str, language: str | None):
        self.prefixes = {prefix: str(ns) for prefix, ns in PREFIXES.items()}
        self.prefixes[""] = str(namespace)
        self.language = language

    def add_source(self, slug: str, namespace: str) -> None:
        """Name another source's nodes `slug:name`, unless the slug is already a prefix."""
        self.prefixes.setdefault(slug, namespace)

    def iri(self, value: str, default_namespace: str | None = None) -> URIRef | None:
        """`ent:japan`, `:claim`, `<https://…>`, or (with a default namespace) a bare name; None if none of those."""
        value = value.strip()
        found = _IRI.match(value)
        if found:
            return URIRef(found.group(1))
        found = _PREFIXED.match(value)
        if found and found.group(1) in self.prefixes:
            return URIRef(self.prefixes[found.group(1)] + found.group(2))
        if default_namespace and NAME.fullmatch(value):
            return URIRef(default_namespace + value)
        return None

    def name(self, node: URIRef, default_namespace: str | None = None) -> str:
        """An IRI as the document writes it: a bare name in the default namespace, else prefixed, else <…>."""
        text = str(node)
        if default_namespace and text.startswith(default_namespace):
            local = text[len(default_namespace):]
            if re.fullmatch(r"[A-Za-z0-9_][\w.-]*", local) and self.iri(local, default_namespace) == node:
                return local
        for prefix, namespace in sorted(self.prefixes.items(), key=lambda item: -len(item[1])):
            if text.startswith(namespace):
                candidate = f"{prefix}:{text[len(namespace):]}"
                if self.iri(candidate) == node:
                    return candidate
        return f"<{text}>"

    def text(self, value: str, predicate=None) -> Literal:
        """A literal from a plain string: in the document's language for texts, else a plain string."""
        if predicate in TEXT_PREDICATES and self.language:
            return Literal(value, lang=self.language)
        return Literal(value)

    def term(self, value, predicate=None):
        """An RDF term from a YAML value (see the module's docstring); None for what is neither."""
        if isinstance(value, bool):
            return Literal(value)
        if isinstance(value, (int, float)):
            return Literal(value)
        if isinstance(value, dict) and "value" in value:
            if value.get("language"):
                return Literal(str(value["value"]), lang=str(value["language"]))
            if value.get("datatype"):
                return Literal(str(value["value"]), datatype=self.iri(str(value["datatype"])) or URIRef(str(value["datatype"])))
            return Literal(str(value["value"]))
        if isinstance(value, str):
            return self.iri(value) or self.text(value, predicate)
        if value is None:
            return None
        return Literal(str(value))

    def encode(self, term, predicate=None):
        """The YAML value that `term` reads back from, as short as it can be."""
        if isinstance(term, URIRef):
            return self.name(term)
        if isinstance(term, Literal):
            if term.datatype == XSD.boolean and isinstance(term.toPython(), bool):
                return term.toPython()
            if term.datatype in (XSD.integer,) and isinstance(term.toPython(), int) and str(int(term)) == str(term):
                return int(term)
            short = str(term)
            if self.term(short, predicate) == term:
                return short
            if term.language:
                return {"value": str(term), "language": term.language}
            if term.datatype is not None and term.datatype != XSD.string:
                return {"value": str(term), "datatype": self.name(term.datatype)}
            return {"value": str(term)}
        return str(term)


def language_tag(value, key: str) -> str | None:
    """A language tag the front matter gives (en, de-CH), None for none; a ParseError for anything else."""
    if value is None or value == "":
        return None
    if not isinstance(value, str) or not _LANGUAGE.match(value):
        raise ParseError(f"the front matter's {key}: {value!r} is not a language tag", line=1,
                         fix="write a tag such as en or de-CH")
    return value


@contextmanager
def at_line(line: int):
    """Say at which line a profile error is, where the error itself cannot know it."""
    try:
        yield
    except ParseError as error:
        if error.line or not line:
            raise
        raise ParseError(f"Argdown error at line {line}: {error.what}", line=line, fix=error.fix) from None


def unquote(text: str) -> str:
    """A quotation without the quotation marks around it, as Ipsissima's `source:` writes it."""
    found = _QUOTED.match(text)
    return found.group(1) if found else text.strip()


def as_list(value) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def scheme_lookup(schemes) -> dict:
    """Every name of each scheme of the catalogue (its IRI's name, preferred and other labels), folded → scheme."""
    from rdflib import RDF

    found = {}
    if schemes is None:
        return found
    for scheme in schemes.subjects(RDF.type, ARG.Scheme):
        names = [str(scheme).rsplit("/", 1)[-1]] + [str(label) for p in (SKOS.prefLabel, SKOS.altLabel)
                                                       for label in schemes.objects(scheme, p)]
        for name in names:
            found.setdefault(fold(name), scheme)
    return found


def fold(name: str) -> str:
    """A name with case, spaces and hyphens left out, for looking schemes and tags up."""
    return re.sub(r"[\s_-]+", "", name).casefold()
