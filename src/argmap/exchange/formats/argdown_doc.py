"""argmap's Argdown profile, written: the document — front matter, claims, arguments, conflicts, bare relations.

Needs: a Writer (argdown_write.py) over the graph. Gives: the Argdown text. A
relation made for a bare Argdown relation (no label, scheme or note, named after
its ends) is written as that relation; everything else as a statement or argument
with its data, so that reading the text back gives the same graph.
"""

from __future__ import annotations

from rdflib import RDF, RDFS, Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS

from ...model.argdown.values import CONFLICT_TAGS, DERIVED, RELATION_KINDS
from ...model.nodes import KINDS, map_nodes
from ...model.vocab import ARG, ENT, SCHEME
from .argdown_write import Writer, escape, front_lines, reads_back, yaml_value

_CLAIM_RELATIONS = {ARG.Entailment: ("ent", "+>"), ARG.Contrariety: ("con", "->"), ARG.Contradiction: ("ctd", "><")}
_NODE_TYPES = KINDS | {ARG.Claim, ARG.Inference, ARG.Rebuttal, ARG.Undercut, ARG.Conflict, ARG.CriticalQuestionAnswer,
                       ARG.Source, ARG.Entailment, ARG.Contrariety, ARG.Contradiction, ARG.Restatement}


def _tag_of(conflict_class) -> str:
    return next(tag for tag, cls in CONFLICT_TAGS.items() if cls == conflict_class)


class Document:
    def __init__(self, writer: Writer):
        self.w = writer
        self.g = writer.graph
        self.claims, self.inferences, self.conflicts = map_nodes(self.g)
        self.relations = sorted({s for c in _CLAIM_RELATIONS for s in self.g.subjects(RDF.type, c)}, key=str)
        self.strict = any((s, RDF.type, c) in self.g for s in self.relations for c in (ARG.Entailment, ARG.Contrariety))
        self.sketches = [c for c in self.claims if (c, ARG.sketch, Literal(True)) in self.g]
        self.gists = {self.g.value(c, ARG.gistOf): c for c in self.sketches if self.g.value(c, ARG.gistOf) is not None}
        self.plain_claims = [c for c in self.claims if c not in self.sketches]

    # --- which nodes are bare relations --------------------------------------------------

    def derived(self, prefix: str, start, end) -> str:
        return f"{self.w.namespace}{prefix}-{self.w.local(start)}-{self.w.local(end)}"

    def bare_inference(self, node) -> bool:
        g = self.g
        premises = list(g.objects(node, ARG.premise))
        conclusion = g.value(node, ARG.conclusion)
        if len(premises) != 1 or conclusion is None or node in self.gists:
            return False
        if any((node, p, None) in g for p in (RDFS.label, ARG.scheme, SKOS.note, ARG.inferenceRule, ARG.stepOf, ARG.tag)):
            return False
        if (None, ARG.stepOf, node) in g or (None, ARG.questionOf, node) in g:
            return False
        if self.strict and premises[0] not in self.sketches and conclusion not in self.sketches:
            return False
        if (None, ARG.target, node) in g and not self.alone(premises[0]):
            return False
        return str(node) == self.derived("inf", premises[0], conclusion) and set(g.predicates(node)) <= {
            RDF.type, ARG.premise, ARG.conclusion}

    def bare_conflict(self, node) -> bool:
        g = self.g
        attacker, target = g.value(node, ARG.attacker), g.value(node, ARG.target)
        if attacker is None or target is None or (None, ARG.questionOf, node) in g:
            return False
        if (None, ARG.target, node) in g and not self.alone(attacker):
            return False
        if set(g.predicates(node)) - {RDF.type, ARG.attacker, ARG.target}:
            return False
        undercut = (node, RDF.type, ARG.Undercut) in g
        if undercut and not ((target, RDF.type, ARG.Inference) in g or target in self.conflicts):
            return False
        if not undercut and self.strict and attacker not in self.sketches and target not in self.sketches:
            return False
        return str(node) == self.derived(self.arrow(node)[1], attacker, target)

    def arrow(self, node) -> tuple[str, str]:
        """A bare conflict's Argdown arrow and name prefix: an undercut; or a rebuttal, unless it was read from an
        undercut of a sketched argument that supports or attacks nothing or several things (named und-…)."""
        g = self.g
        attacker, target = g.value(node, ARG.attacker), g.value(node, ARG.target)
        if (node, RDF.type, ARG.Undercut) in g:
            return "_>", "und"
        if target in self.sketches and str(node) == self.derived("und", attacker, target):
            return "_>", "und"
        return "->", "reb"

    def alone(self, start) -> bool:
        """True for a sketched argument that supports or attacks one thing only: an undercut of that one relation
        is written (and read back) as an undercut of the argument."""
        g = self.g
        if start not in self.sketches or start in self.gists.values():
            return False
        started = set(g.subjects(ARG.premise, start)) | set(g.subjects(ARG.attacker, start)) | set(g.subjects(ARG.fromClaim, start))
        return len(started) == 1

    # --- references ------------------------------------------------------------------------

    def ref(self, node) -> str:
        """How a relation line names a node: [claim], <sketch>, <argument of an inference>, <conflict>."""
        if node in self.plain_claims:
            return f"[{self.w.title_of(node, '[')[0]}]"
        if node in self.sketches:
            final = self.g.value(node, ARG.gistOf)
            return f"<{self.w.title_of(final or node, '<')[0]}>"
        if node in self.inferences and self.bare_inference(node):
            return self.ref(self.g.value(node, ARG.premise))
        if node in self.conflicts and self.bare_conflict(node):
            return self.ref(self.g.value(node, ARG.attacker))
        return f"<{self.w.title_of(node, '<')[0]}>"

    # --- blocks ---------------------------------------------------------------------------

    def source_entry(self, source, slug: str) -> dict:
        """What the front matter says of a source: title, author, slug, language, text file, and the rest as rdf:."""
        g, w = self.g, self.w
        data: dict = {}
        if g.value(source, DCTERMS.title) is not None:
            data["title"] = str(g.value(source, DCTERMS.title))
        creators = sorted(g.objects(source, DCTERMS.creator), key=str)
        if creators:
            data["author"] = [w.terms.name(c) for c in creators] if len(creators) > 1 else w.terms.name(creators[0])
        data["source"] = slug
        if g.value(source, DCTERMS.language) is not None:
            data["language"] = str(g.value(source, DCTERMS.language))
        if g.value(source, ARG.textFile) is not None:
            data["defaults"] = {"chapter": str(g.value(source, ARG.textFile))}
        covered = {(RDF.type, ARG.Source), (DCTERMS.title, g.value(source, DCTERMS.title)),
                   (DCTERMS.identifier, Literal(slug)), (DCTERMS.language, g.value(source, DCTERMS.language)),
                   (ARG.textFile, g.value(source, ARG.textFile))} | {(DCTERMS.creator, c) for c in creators}
        extra = w.extras(source, covered)
        if extra:
            data["rdf"] = extra
        return data

    def front(self) -> str:
        g, w = self.g, self.w
        data: dict = {}
        if w.main is not None:
            data = self.source_entry(w.main, w.slug)
            if w.text_language != data.get("language"):
                data["text-language"] = w.text_language
            others = []
            for source in w.sources[1:]:
                slug = str(g.value(source, DCTERMS.identifier) or str(source).rsplit("/", 1)[-1])
                others.append(self.source_entry(source, slug))
            if others:
                data["sources"] = others
        entities = {}
        for subject in sorted({s for s in g.subjects() if isinstance(s, URIRef)}, key=str):
            if set(g.objects(subject, RDF.type)) & _NODE_TYPES or str(subject).startswith(str(SCHEME)):
                continue
            if str(subject).startswith(w.namespace):
                continue
            entities[w.terms.name(subject, str(ENT))] = w.extras(subject, set())
        if entities:
            data["entities"] = entities
        if self.strict:
            data["model"] = {"mode": "strict"}
        return "\n".join(["==="] + front_lines(data) + ["==="])

    def inference(self, node) -> str:
        g, w = self.g, self.w
        title, data = w.title_of(node, "<")
        data = dict(data)
        covered = {(RDF.type, ARG.Inference)}
        if "label" in data or g.value(node, RDFS.label) is not None:
            covered.add((RDFS.label, g.value(node, RDFS.label)))
        notes = sorted((n for n in g.objects(node, SKOS.note) if w.terms.text(str(n), SKOS.note) == n), key=str)
        description = str(notes[0]) if notes and reads_back(str(notes[0])) else ""
        covered.update((SKOS.note, n) for n in notes)
        if len(notes) > 1 or (notes and not description):
            data["note"] = [str(n) for n in notes if str(n) != description]
        tags = sorted(str(t) for t in g.objects(node, ARG.tag))
        covered.update((ARG.tag, Literal(t)) for t in tags)
        steps = sorted(g.subjects(ARG.stepOf, node), key=str) + [node]
        for step in steps:
            covered_step = {(RDF.type, ARG.Inference), (ARG.stepOf, node)}
            covered_step |= {(ARG.premise, p) for p in g.objects(step, ARG.premise)}
            covered_step |= {(ARG.conclusion, g.value(step, ARG.conclusion))}
            covered_step |= {(ARG.scheme, s) for s in g.objects(step, ARG.scheme)}
            covered_step |= {(ARG.inferenceRule, r) for r in g.objects(step, ARG.inferenceRule)}
            if step == node:
                covered |= covered_step
        self.complete_data(node, data, covered)
        head = f"<{title}>" + (f": {escape(description)}" if description else "") + "".join(f" #{t}" for t in tags)
        head += f"\n    {yaml_value(data)}" if data else ""
        return head + "\n\n" + self.pcs(steps)

    def complete_data(self, node, data: dict, covered: set) -> None:
        """Add to an argument's data what the profile reads back: fidelity and the like, critical questions, and
        any triple no Argdown construct carries (under `rdf`), so the round trip loses nothing."""
        w = self.w
        w.reading_data(node, data, covered)
        questions = self.questions(node)
        if questions:
            data["questions"] = questions
        extra = w.extras(node, covered)
        if extra:
            data["rdf"] = extra

    def pcs(self, steps: list) -> str:
        g, w = self.g, self.w
        lines, number_of = [], {}
        for index, step in enumerate(steps):
            premises = sorted(g.objects(step, ARG.premise), key=lambda p: w.title_of(p, "[")[0])
            for premise in premises:
                if premise not in number_of:
                    number_of[premise] = len(number_of) + 1
                    lines.append(f"({number_of[premise]}) [{w.title_of(premise, '[')[0]}]")
            names = [w.scheme_name(s) for s in sorted(g.objects(step, ARG.scheme), key=str)]
            names += sorted(str(r) for r in g.objects(step, ARG.inferenceRule))
            uses = {"uses": [number_of[p] for p in premises]} if len(steps) > 1 else None
            rule = ", ".join(escape(n) for n in names)
            middle = " ".join(part for part in (rule, yaml_value(uses) if uses else "") if part)
            lines.append(f"-- {middle} --" if middle else "-----")
            conclusion = g.value(step, ARG.conclusion)
            number_of[conclusion] = len(number_of) + 1
            lines.append(f"({number_of[conclusion]}) [{w.title_of(conclusion, '[')[0]}]")
        return "\n".join(lines)

    def questions(self, node) -> list:
        g, w = self.g, self.w
        found = []
        for record in sorted(g.subjects(ARG.questionOf, node), key=str):
            entry: dict = {"id": w.terms.name(record, w.namespace)}
            covered = {(RDF.type, ARG.CriticalQuestionAnswer), (ARG.questionOf, node)}
            question = g.value(record, ARG.question)
            notation = g.value(question, SKOS.notation) if question is not None else None
            scheme = g.value(node, ARG.scheme)
            if question is not None:
                entry["question"] = str(notation) if notation is not None and str(question) == f"{scheme}-{str(notation).lower()}" \
                    else w.terms.name(question)
                covered.add((ARG.question, question))
            for key, predicate in (("raised-by", ARG.raisedBy), ("answered-by", ARG.answeredBy)):
                claims = sorted(g.objects(record, predicate), key=str)
                if claims and all(c in self.plain_claims for c in claims):
                    entry[key] = [w.title_of(c, "[")[0] for c in claims]
                    covered.update((predicate, c) for c in claims)
            self.texts_of(record, entry, covered)
            extra = w.extras(record, covered)
            if extra:
                entry["rdf"] = extra
            found.append(entry)
        return found

    def texts_of(self, node, entry: dict, covered: set) -> None:
        """A node's label and notes into its entry, where they read back as they are (else rdf: carries them)."""
        g, w = self.g, self.w
        labels = list(g.objects(node, RDFS.label))
        if len(labels) == 1 and w.terms.text(str(labels[0]), RDFS.label) == labels[0]:
            entry["label"] = str(labels[0])
            covered.add((RDFS.label, labels[0]))
        notes = sorted((n for n in g.objects(node, SKOS.note) if w.terms.text(str(n), SKOS.note) == n), key=str)
        if notes:
            entry["note"] = str(notes[0]) if len(notes) == 1 else [str(n) for n in notes]
            covered.update((SKOS.note, n) for n in notes)

    def bare_relation(self, node) -> bool:
        """A relation between claims that Argdown's arrow says all of: named after its ends, nothing else said."""
        g = self.g
        kind = next((c for c in _CLAIM_RELATIONS if (node, RDF.type, c) in g), None)
        start, end = g.value(node, ARG.fromClaim), g.value(node, ARG.toClaim)
        if kind is None or start is None or end is None or (None, None, node) in g:
            return False
        if set(g.predicate_objects(node)) != {(RDF.type, kind), (ARG.fromClaim, start), (ARG.toClaim, end)}:
            return False
        return str(node) == self.derived(_CLAIM_RELATIONS[kind][0], start, end)

    def relation_entries(self, claim) -> list:
        """The relations between claims that start at `claim` and that no arrow can say, as entries of its data."""
        g, w = self.g, self.w
        found = []
        for node in sorted(g.subjects(ARG.fromClaim, claim), key=str):
            end = g.value(node, ARG.toClaim)
            kind = next((k for k, c in RELATION_KINDS.items() if (node, RDF.type, c) in g), None)
            if kind is None or self.bare_relation(node) or end not in self.claims:
                continue
            entry: dict = {"type": kind, "to": self.ref(end)[1:-1]}
            if end in self.sketches:
                entry["to"] = "<" + entry["to"] + ">"
            if str(node) != self.derived(DERIVED[kind], claim, end):
                entry = {"id": w.terms.name(node, w.namespace), **entry}
            covered = {(RDF.type, RELATION_KINDS[kind]), (ARG.fromClaim, claim), (ARG.toClaim, end)}
            self.texts_of(node, entry, covered)
            extra = w.extras(node, covered)
            if extra:
                entry["rdf"] = extra
            found.append(entry)
        return found

    def conflict(self, node) -> str:
        g, w = self.g, self.w
        title, data = w.title_of(node, "<")
        data = dict(data)
        kind = ARG.Undercut if (node, RDF.type, ARG.Undercut) in g else ARG.Rebuttal
        covered = {(RDF.type, kind), (ARG.attacker, g.value(node, ARG.attacker)), (ARG.target, g.value(node, ARG.target))}
        if g.value(node, RDFS.label) is not None:
            covered.add((RDFS.label, g.value(node, RDFS.label)))
        notes = sorted((n for n in g.objects(node, SKOS.note) if w.terms.text(str(n), SKOS.note) == n), key=str)
        description = str(notes[0]) if notes and reads_back(str(notes[0])) else ""
        covered.update((SKOS.note, n) for n in notes)
        if len(notes) > 1 or (notes and not description):
            data["note"] = [str(n) for n in notes if str(n) != description]
        self.complete_data(node, data, covered)
        head = f"<{title}>" + (f": {escape(description)}" if description else "") + f" #{_tag_of(kind)}"
        lines = [head] + ([f"    {yaml_value(data)}"] if data else [])
        lines.append(f"    <+ {self.ref(g.value(node, ARG.attacker))}")
        lines.append(f"    {'_>' if kind == ARG.Undercut else '->'} {self.ref(g.value(node, ARG.target))}")
        return "\n".join(lines)

    def bare_blocks(self) -> list[str]:
        g = self.g
        by_source: dict = {}
        for node in self.inferences:
            if self.bare_inference(node):
                by_source.setdefault(g.value(node, ARG.premise), []).append(f"+> {self.ref(g.value(node, ARG.conclusion))}")
        for node in self.conflicts:
            if self.bare_conflict(node):
                arrow = self.arrow(node)[0]
                by_source.setdefault(g.value(node, ARG.attacker), []).append(f"{arrow} {self.ref(g.value(node, ARG.target))}")
        for node in self.relations:
            if not self.bare_relation(node):
                continue
            kind = next(c for c in _CLAIM_RELATIONS if (node, RDF.type, c) in g)
            by_source.setdefault(g.value(node, ARG.fromClaim), []).append(
                f"{_CLAIM_RELATIONS[kind][1]} {self.ref(g.value(node, ARG.toClaim))}")
        return [self.ref(source) + "".join(f"\n    {line}" for line in lines)
                for source, lines in sorted(by_source.items(), key=lambda item: str(item[0]))]

    def render(self) -> str:
        w = self.w
        order = sorted(self.plain_claims, key=lambda c: (w.position(c), str(c)))
        body = [w.statement(c, "[", self.relation_entries(c)) for c in order]
        body += [w.statement(c, "<", self.relation_entries(c)) for c in self.sketches if c not in self.gists.values()]
        body += [self.inference(i) for i in self.inferences
                 if not self.bare_inference(i) and self.g.value(i, ARG.stepOf) is None]
        body += [self.conflict(c) for c in self.conflicts if not self.bare_conflict(c)]
        body += self.bare_blocks()
        front = self.front()
        # Argdown reads no document that is empty or front matter alone: a heading makes it one
        blocks = ([front] if front != "===\n===" else []) + (body or [f"# {escape(w.title)}"])
        return "\n\n".join(blocks) + "\n"
