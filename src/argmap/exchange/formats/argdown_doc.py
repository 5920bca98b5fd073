"""argmap's Argdown profile, written: the document — front matter, claims, arguments, conflicts, bare relations.

Needs: a Writer (argdown_write.py) over the graph. Gives: the Argdown text. A
relation made for a bare Argdown relation (no label, scheme or note, named after
its ends) is written as that relation; everything else as a statement or argument
with its data, so that reading the text back gives the same graph.
"""

from __future__ import annotations

from rdflib import RDF, RDFS, Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS

from ...model.argdown.values import CONFLICT_TAGS
from ...model.nodes import KINDS, map_nodes
from ...model.vocab import ARG, ENT, SCHEME
from .argdown_write import Writer, escape, reads_back, yaml_value

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
        return str(node) == self.derived("inf", premises[0], conclusion) and set(g.predicates(node)) <= {
            RDF.type, ARG.premise, ARG.conclusion}

    def bare_conflict(self, node) -> bool:
        g = self.g
        attacker, target = g.value(node, ARG.attacker), g.value(node, ARG.target)
        if attacker is None or target is None or (None, ARG.target, node) in g or (None, ARG.questionOf, node) in g:
            return False
        if set(g.predicates(node)) - {RDF.type, ARG.attacker, ARG.target}:
            return False
        undercut = (node, RDF.type, ARG.Undercut) in g
        if undercut and not ((target, RDF.type, ARG.Inference) in g or target in self.conflicts):
            return False
        if not undercut and self.strict and attacker not in self.sketches and target not in self.sketches:
            return False
        return str(node) == self.derived("und" if undercut else "reb", attacker, target)

    # --- references ------------------------------------------------------------------------

    def ref(self, node) -> str:
        """How a relation line names a node: [claim], <sketch>, <argument of an inference>, <conflict>."""
        if node in self.plain_claims:
            return f"[{self.w.title_of(node, '[')[0]}]"
        if node in self.sketches:
            final = self.g.value(node, ARG.gistOf)
            return f"<{self.w.title_of(final or node, '<')[0]}>"
        if node in self.inferences:
            if self.bare_inference(node):
                return self.ref(self.g.value(node, ARG.premise))
            return f"<{self.w.title_of(node, '<')[0]}>"
        return f"<{self.w.title_of(node, '<')[0]}>"

    # --- blocks ---------------------------------------------------------------------------

    def front(self) -> str:
        g, w = self.g, self.w
        data: dict = {}
        main = w.main
        if main is not None:
            if g.value(main, DCTERMS.title) is not None:
                data["title"] = str(g.value(main, DCTERMS.title))
            creators = sorted(g.objects(main, DCTERMS.creator), key=str)
            if creators:
                data["author"] = [w.terms.name(c) for c in creators] if len(creators) > 1 else w.terms.name(creators[0])
            data["source"] = w.slug
            if g.value(main, DCTERMS.language) is not None:
                data["language"] = str(g.value(main, DCTERMS.language))
            if w.text_language != data.get("language"):
                data["text-language"] = w.text_language
            if g.value(main, ARG.textFile) is not None:
                data["defaults"] = {"chapter": str(g.value(main, ARG.textFile))}
            covered = {(RDF.type, ARG.Source), (DCTERMS.title, g.value(main, DCTERMS.title)),
                       (DCTERMS.identifier, Literal(w.slug)), (DCTERMS.language, g.value(main, DCTERMS.language)),
                       (ARG.textFile, g.value(main, ARG.textFile))} | {(DCTERMS.creator, c) for c in creators}
            extra = w.extras(main, covered)
            if extra:
                data["rdf"] = extra
        entities = {}
        for subject in sorted({s for s in g.subjects() if isinstance(s, URIRef)}, key=str):
            if set(g.objects(subject, RDF.type)) & _NODE_TYPES or str(subject).startswith(str(SCHEME)) or subject == main:
                continue
            if str(subject).startswith(w.namespace):
                continue
            entities[w.terms.name(subject, str(ENT))] = w.extras(subject, set())
        if entities:
            data["entities"] = entities
        lines = ["==="] + [f"{key}: {yaml_value(value)}" for key, value in data.items()]
        if self.strict:
            lines.append("model: {mode: strict}")
        return "\n".join(lines + ["==="])

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
        questions = self.questions(node)
        if questions:
            data["questions"] = questions
        extra = w.extras(node, covered)
        if extra:
            data["rdf"] = extra
        head = f"<{title}>" + (f": {escape(description)}" if description else "") + "".join(f" #{t}" for t in tags)
        head += f"\n    {yaml_value(data)}" if data else ""
        return head + "\n\n" + self.pcs(steps)

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
            question = g.value(record, ARG.question)
            notation = g.value(question, SKOS.notation) if question is not None else None
            scheme = g.value(node, ARG.scheme)
            entry["question"] = str(notation) if notation is not None and str(question) == f"{scheme}-{str(notation).lower()}" \
                else w.terms.name(question)
            for key, predicate in (("raised-by", ARG.raisedBy), ("answered-by", ARG.answeredBy)):
                claims = sorted(g.objects(record, predicate), key=str)
                if claims:
                    entry[key] = [w.title_of(c, "[")[0] for c in claims]
            if g.value(record, RDFS.label) is not None:
                entry["label"] = str(g.value(record, RDFS.label))
            notes = sorted(str(n) for n in g.objects(record, SKOS.note))
            if notes:
                entry["note"] = notes[0] if len(notes) == 1 else notes
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
        questions = self.questions(node)
        if questions:
            data["questions"] = questions
        extra = w.extras(node, covered)
        if extra:
            data["rdf"] = extra
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
                arrow = "_>" if (node, RDF.type, ARG.Undercut) in g else "->"
                by_source.setdefault(g.value(node, ARG.attacker), []).append(f"{arrow} {self.ref(g.value(node, ARG.target))}")
        for node in self.relations:
            kind = next(c for c in _CLAIM_RELATIONS if (node, RDF.type, c) in g)
            by_source.setdefault(g.value(node, ARG.fromClaim), []).append(
                f"{_CLAIM_RELATIONS[kind][1]} {self.ref(g.value(node, ARG.toClaim))}")
        return [self.ref(source) + "".join(f"\n    {line}" for line in lines)
                for source, lines in sorted(by_source.items(), key=lambda item: str(item[0]))]

    def render(self) -> str:
        w = self.w
        order = sorted(self.plain_claims, key=lambda c: (w.position(c), str(c)))
        blocks = [self.front()]
        blocks += [w.statement(c) for c in order]
        blocks += [w.statement(c, "<") for c in self.sketches if c not in self.gists.values()]
        blocks += [self.inference(i) for i in self.inferences
                   if not self.bare_inference(i) and self.g.value(i, ARG.stepOf) is None]
        blocks += [self.conflict(c) for c in self.conflicts if not self.bare_conflict(c)]
        blocks += self.bare_blocks()
        return "\n\n".join(blocks) + "\n"
