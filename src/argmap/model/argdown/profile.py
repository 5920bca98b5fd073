"""argmap's Argdown profile, read: statements become claims, arguments inferences, quotes anchors in the text.

Arguments without a premise-conclusion structure become conflicts (tagged
#rebuttal or #undercut) or claims that sketch an argument; relations say what
they say (relations.py). docs/argdown.md is the profile.

Needs: Argdown's model of a document (build.py), the source's text, and how to
name things (ReadSettings). Gives: a `Reading`: the graph, the line each node is
written on, the counts of what the document held, and advice (a quote anchored
only by allowing for quote marks, dashes, spacing or case; a claim whose words
are not in the text, with the closest passage). Relations between two claims
that Argdown's strict mode gives become arg:Entailment, arg:Contrariety and
arg:Contradiction.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import SKOS

from ...errors import ParseError
from ..anchor import Selector, add_anchor, closest_passage, find_passage, selector_at
from ..names import slugify, unique
from ..vocab import ARG, ENT, OA, SCHEME
from .nodes import Document, Node
from .questions import read_questions
from .transform import uses_of
from .header import SourceInfo, describe, read_header
from .values import CONFLICT_TAGS, KIND_TAGS, NAME, Terms, as_list, at_line, fold, language_tag, scheme_lookup, unquote

MIN_QUOTE = 10   # Ipsissima's: a shorter quoted run in a claim's text is a scare quote, not a quotation


@dataclass
class ReadSettings:
    namespace: str
    slug: str
    texts: object = None                  # chapter (text file path) → its text, or None
    schemes: Graph | None = None
    default_kind: URIRef | None = None    # None: a claim without a kind tag stays without one (check says so)


@dataclass
class Reading:
    graph: Graph
    lines: dict = field(default_factory=dict)
    advice: list = field(default_factory=list)      # (line, node, message, fix)
    counts: dict = field(default_factory=dict)
    sources: list = field(default_factory=list)


def _text(member_list) -> str:
    texts = [" ".join((m.text or "").split()) for m in member_list if (m.text or "").strip()]
    return texts[-1] if texts else ""


class _Reader:
    def __init__(self, document: Document, settings: ReadSettings):
        self.doc = document
        self.settings = settings
        front = document.front_matter if isinstance(document.front_matter, dict) else {}
        language = front.get("text-language", front.get("language"))
        self.terms = Terms(settings.namespace, language_tag(language, "text-language" if "text-language" in front
                                                            else "language"))
        self.graph = Graph(bind_namespaces="none")
        self.reading = Reading(self.graph)
        self.taken: set[str] = set()
        self.schemes = scheme_lookup(settings.schemes)
        self.node_of: dict = {}          # id(Argdown node) → IRI
        self.claims: list = []           # the claims made, in order (statements, sketched arguments, gists)
        self.pending: list = []          # (claim, its data's relations:, line), read once every node is named
        self.conflicts: dict = {}        # id(argument) → (IRI, class) for arguments tagged #rebuttal or #undercut
        with at_line(1):  # the front matter opens the document
            self.sources = read_header(front, self.graph, self.terms, settings.slug, settings.texts)
        self.reading.sources = self.sources
        self.contentions = {str(t) for t in as_list(front.get("contentions"))}
        defaults = front.get("defaults") if isinstance(front.get("defaults"), dict) else {}
        # Ipsissima's defaults: what every claim's data holds unless it says otherwise (the text file is the source's)
        self.defaults = {key: value for key, value in defaults.items() if key != "chapter"}

    def name(self, data, title: str) -> URIRef:
        wanted = str(data.get("id")) if isinstance(data, dict) and data.get("id") else slugify(title, words=8)
        explicit = self.terms.iri(wanted) if ":" in wanted or wanted.startswith("<") else None
        if explicit is not None:
            return explicit
        if not NAME.fullmatch(wanted):
            raise ParseError(f"the id {wanted!r} is not a name", fix="write an id of letters, digits, - and _ "
                             "(such as savings-are-small), a prefixed name (ent:…) or a full <IRI>")
        if isinstance(data, dict) and data.get("id") and wanted in self.taken:
            raise ParseError(f"two nodes have the id {wanted!r}", fix="give each statement and argument its own id")
        return URIRef(self.settings.namespace + unique(wanted, self.taken))

    def at(self, node, line: int) -> None:
        self.reading.lines.setdefault(node, line)

    def advise(self, line: int, node, message: str, fix: str) -> None:
        self.reading.advice.append((line, node, message, fix))

    # --- claims ------------------------------------------------------------------

    def claim(self, node, title: str, data, text: str, tags: list, line: int, *, sketch: bool = False) -> None:
        data = {**self.defaults, **(data if isinstance(data, dict) else {})}
        self.claims.append(node)
        label = data.get("label", title)
        if label != node.rsplit("#", 1)[-1] and label is not None:
            self.graph.add((node, RDFS.label, self.terms.text(str(label), RDFS.label)))
        self.graph.add((node, RDFS.comment, self.terms.text(text or title, RDFS.comment)))
        kinds = [KIND_TAGS[fold(t)] for t in tags if fold(t) in KIND_TAGS]
        if title in self.contentions:
            kinds.append(ARG.Thesis)
        if not kinds and data.get("kind") is not None:  # a kind in the data, or every claim's in defaults:
            for kind in as_list(data["kind"]):
                if fold(str(kind)) not in KIND_TAGS:
                    raise ParseError(f"Argdown error at line {line}: kind {kind!r} of {title!r} is not a kind of claim",
                                     line=line, fix="write kind: thesis, factual, judgement, prediction, recommendation "
                                                    "or conceded (or tag the statement #factual …)")
                kinds.append(KIND_TAGS[fold(str(kind))])
        for kind in dict.fromkeys(kinds):
            self.graph.add((node, RDF.type, kind))
        if not kinds and self.settings.default_kind is None:
            self.graph.add((node, RDF.type, ARG.Claim))
        for tag in tags:
            if fold(tag) not in KIND_TAGS:
                self.graph.add((node, ARG.tag, Literal(tag)))
        if sketch:
            self.graph.add((node, ARG.sketch, Literal(True)))
        fidelity = data.get("fidelity")
        if fidelity == "imputation" or data.get("implicit") is True:
            self.graph.add((node, ARG.implicit, Literal(True)))
        elif fidelity is not None:
            self.graph.add((node, ARG.fidelity, Literal(str(fidelity))))
        for warrant in as_list(data.get("warrant")):
            self.graph.add((node, ARG.warrant, Literal(str(warrant))))
        for key, predicate in (("about", ARG.about), ("addressee", ARG.addressee)):
            for value in as_list(data.get(key)):
                self.graph.add((node, predicate, self.terms.iri(str(value), str(ENT)) or Literal(str(value))))
        if data.get("action") is not None:
            self.graph.add((node, ARG.recommendedAction, Literal(str(data["action"]))))
        for note in as_list(data.get("note")):
            self.graph.add((node, SKOS.note, self.terms.text(str(note), SKOS.note)))
        if data.get("rdf") is not None:
            describe(self.graph, node, data["rdf"], self.terms, f"the rdf: of {title!r}")
        if data.get("relations") is not None:
            self.pending.append((node, data["relations"], line))
        if not sketch and fidelity != "imputation" and data.get("implicit") is not True:
            self.anchors(node, title, data, text, line)

    def anchors(self, node, title: str, data: dict, text: str, line: int) -> None:
        source = self.source_for(data, title)
        quotes = [unquote(str(q)) for q in as_list(data.get("source"))] + [unquote(str(q)) for q in as_list(data.get("echoes"))]
        if not quotes:
            import re

            quotes = [m.group(1) for m in re.finditer(r'[“"«]([^“”"»]*)[”"»]', text) if len(m.group(1)) >= MIN_QUOTE]
        implied = not quotes
        if implied:
            quotes = [unquote(text)]
        for number, quote in enumerate(quotes):
            prefix = str(data.get("prefix") or "") if number == 0 else ""
            suffix = str(data.get("suffix") or "") if number == 0 else ""
            selector = self.place(node, quote, prefix, suffix, source, line, implied)
            if selector is None:
                continue
            add_anchor(self.graph, node, source.iri, selector)
            if number == 0 and data.get("pinpoint") is not None:
                anchor = next(a for a in self.graph.objects(node, ARG.anchor)
                              if (a, OA.hasSelector, None) in self.graph
                              and (self.graph.value(a, OA.hasSelector), OA.exact, Literal(selector.exact)) in self.graph)
                self.graph.add((anchor, ARG.pinpoint, Literal(str(data["pinpoint"]))))

    def place(self, node, quote: str, prefix: str, suffix: str, source: SourceInfo, line: int, implied: bool):
        text = self.settings.texts(source.chapter) if (self.settings.texts and source.chapter) else None
        if text is None:
            return None if implied else Selector(quote, prefix, suffix)
        found = find_passage(text, quote, prefix, suffix)
        if found is None:
            if implied:
                near = closest_passage(text, quote)
                self.advise(line, node, f"its words are not in {source.chapter}, and it quotes nothing"
                            + (f"; the closest passage is {near!r}" if near else ""),
                            "quote the author's words in the text (\"…\") or in source: \"…\", "
                            "or mark an unstated premise fidelity: imputation")
                return None
            return Selector(quote, prefix, suffix)
        passage, how = found
        if how and " ".join(passage.split()) != " ".join(quote.split()):  # spacing alone is not worth a word
            self.advise(line, node, f"quote anchored to the passage {passage!r}, which differs from the quote in {how}",
                        "copy the passage into the quote to say exactly what is quoted")
        if prefix or suffix:
            return Selector(passage, prefix if text.count(prefix + passage + suffix) == 1 or not how else "", suffix if not how else "")
        return selector_at(text, passage, text.find(passage))

    def source_for(self, data: dict, title: str) -> SourceInfo:
        chapter = data.get("chapter")
        if chapter:
            for source in self.sources:
                if source.chapter == str(chapter):
                    return source
            raise ParseError(f"statement {title!r} names chapter {chapter!r}, which no source of the front matter has",
                             fix="name a source's text file, or describe the source under sources:")
        return self.sources[0]

    # --- statements and arguments -----------------------------------------------------

    def statements(self) -> None:
        for title, ec in self.doc.statements.items():
            written = [m for m in ec.members if (m.text or "").strip()] or ec.members
            with at_line(written[0].line if written else 0):
                node = self.name(ec.data, title)
            self.node_of[id(ec)] = node
            self.at(node, written[0].line if written else 0)
        for title, ec in self.doc.statements.items():
            node = self.node_of[id(ec)]
            with at_line(self.reading.lines[node]):
                self.claim(node, title, ec.data, _text(ec.members), ec.tags, self.reading.lines[node])

    def arguments(self) -> None:
        for title, argument in self.doc.arguments.items():
            with at_line(argument.line):
                self.argument(title, argument)

    def argument(self, title: str, argument: Node) -> None:
        data = argument.data if isinstance(argument.data, dict) else {}
        if argument.pcs:
            self.reconstructed(title, argument, data)
        elif any(fold(t) in CONFLICT_TAGS for t in argument.tags) and self._conflict_shape(argument):
            node = self.name(data, title)
            kind = next(CONFLICT_TAGS[fold(t)] for t in argument.tags if fold(t) in CONFLICT_TAGS)
            self.conflicts[id(argument)] = node
            self.node_of[id(argument)] = node
            self.at(node, argument.line)
            self.graph.add((node, RDF.type, kind))
            self.labelled(node, title, data, _text(argument.members), [t for t in argument.tags if fold(t) not in CONFLICT_TAGS])
        else:
            node = self.name(data, title)
            self.node_of[id(argument)] = node
            self.at(node, argument.line)
            self.claim(node, title, data, _text(argument.members), argument.tags, argument.line, sketch=True)

    def _conflict_shape(self, argument: Node) -> bool:
        """Tagged #rebuttal or #undercut, an argument is a conflict if one claim supports it and it attacks one node."""
        into = [r for r in argument.relations if r.target is argument and r.type == "support"]
        out = [r for r in argument.relations if r.source is argument]
        return len(into) == 1 and len(out) == 1 and out[0].type in ("attack", "undercut")

    def labelled(self, node, title: str, data: dict, description: str, tags: list) -> None:
        """An inference's or conflict's label (its title, unless that is its id), note, tags and extra triples."""
        label = data.get("label", title or None)
        if label is not None and label != str(node).rsplit("#", 1)[-1]:
            self.graph.add((node, RDFS.label, self.terms.text(str(label), RDFS.label)))
        for note in ([description] if description else []) + as_list(data.get("note")):
            self.graph.add((node, SKOS.note, self.terms.text(str(note), SKOS.note)))
        for tag in tags:
            self.graph.add((node, ARG.tag, Literal(tag)))
        if data.get("scheme") is not None:
            self.graph.add((node, ARG.scheme, self.scheme(str(data["scheme"]))))
        if data.get("fidelity") is not None:
            self.graph.add((node, ARG.fidelity, Literal(str(data["fidelity"]))))
        for warrant in as_list(data.get("warrant")):
            self.graph.add((node, ARG.warrant, Literal(str(warrant))))
        if data.get("rdf") is not None:
            describe(self.graph, node, data["rdf"], self.terms, f"the rdf: of <{title}>")

    def scheme(self, name: str) -> URIRef:
        return self.schemes.get(fold(name)) or self.terms.iri(name) or SCHEME[slugify(name, words=8)]

    def reconstructed(self, title: str, argument: Node, data: dict) -> None:
        final = self.name(data, title)
        self.node_of[id(argument)] = final
        self.at(final, argument.line)
        conclusions = [i for i, s in enumerate(argument.pcs) if s.role in ("intermediary-conclusion", "main-conclusion")]
        for number, index in enumerate(conclusions, start=1):
            statement = argument.pcs[index]
            node = final if index == conclusions[-1] else URIRef(f"{final}-step-{number}")
            if node != final:
                self.taken.add(str(node).rsplit("#", 1)[-1])
                self.graph.add((node, ARG.stepOf, final))
                self.at(node, statement.inference.line if statement.inference else argument.line)
            self.graph.add((node, RDF.type, ARG.Inference))
            if statement.inference is not None:
                self.node_of[id(statement.inference)] = node
            for premise in self.step_premises(argument, index, statement):
                self.graph.add((node, ARG.premise, self.node_of[id(self.doc.statements[premise.title])]))
            self.graph.add((node, ARG.conclusion, self.node_of[id(self.doc.statements[statement.title])]))
            for rule in (statement.inference.rules if statement.inference else []):
                if rule and rule in ("", ):
                    continue
                scheme = (self.schemes.get(fold(rule)) or self._scheme_iri(rule)) if rule else None
                if scheme is not None:
                    self.graph.add((node, ARG.scheme, scheme))
                elif rule:
                    self.graph.add((node, ARG.inferenceRule, Literal(rule)))
        self.labelled(final, title, data, _text(argument.members), argument.tags)
        read_questions(self, final, data, argument.line)

    def _scheme_iri(self, name: str) -> URIRef | None:
        iri = self.terms.iri(name) if ":" in name or name.startswith("<") else None
        return iri if iri is not None and str(iri).startswith(str(SCHEME)) else None

    def step_premises(self, argument: Node, index: int, conclusion: Node) -> list:
        uses = None if self.doc.exploded else uses_of(conclusion)
        if uses is not None:
            chosen = []
            for number in uses:
                if not isinstance(number, int) or isinstance(number, bool) or not 1 <= number < index + 1:
                    raise ParseError(f"Argdown error at line {conclusion.line}: uses: names {number!r}, not a "
                                     "statement above this inference line", line=conclusion.line,
                                     fix="list the numbers of the premises this step uses")
                chosen.append(argument.pcs[number - 1])
            return chosen
        step = []
        for statement in reversed(argument.pcs[:index]):
            step.append(statement)
            if statement.role == "intermediary-conclusion":
                break
        return list(reversed(step))

    def claim_titled(self, title: str, line: int) -> URIRef:
        """The claim a title names: a statement's (Title or [Title]), or a sketched argument's (<Title>)."""
        if title.startswith("<") and title.endswith(">") and title[1:-1] in self.doc.arguments \
                and id(self.doc.arguments[title[1:-1]]) in self.node_of:
            node = self.node_of[id(self.doc.arguments[title[1:-1]])]
            if node in self.claims:
                return node
        ec = self.doc.statements.get(title[1:-1] if title.startswith("[") and title.endswith("]") else title)
        if ec is None:
            raise ParseError(f"Argdown error at line {line}: no statement is titled {title!r}",
                             line=line, fix="give the title of a statement of this document, as it is written")
        return self.node_of[id(ec)]

    def default_kinds(self) -> None:
        """With a default kind (an import), a claim without a kind tag gets it; a final conclusion is the thesis."""
        from ..nodes import KINDS

        kind = self.settings.default_kind
        if kind is None:
            return
        for node in sorted(set(self.claims), key=str):
            if set(self.graph.objects(node, RDF.type)) & KINDS:
                continue
            concluded = (None, ARG.conclusion, node) in self.graph
            used = (None, ARG.premise, node) in self.graph or (None, ARG.attacker, node) in self.graph
            self.graph.add((node, RDF.type, ARG.Thesis if concluded and not used else kind))


def read(document: Document, settings: ReadSettings) -> Reading:
    """An Argdown document (Argdown's model of it) as argmap's graph, in argmap's profile (docs/argdown.md)."""
    from .relations import read_claim_relations, read_relations

    reader = _Reader(document, settings)
    reader.statements()
    reader.arguments()
    read_relations(reader)
    read_claim_relations(reader)
    reader.default_kinds()
    counts: dict = {"statements": len(document.statements), "arguments": len(document.arguments)}
    for relation in document.relations:
        counts[relation.type] = counts.get(relation.type, 0) + 1
    reader.reading.counts = counts
    return reader.reading
