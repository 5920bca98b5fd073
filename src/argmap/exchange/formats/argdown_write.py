"""argmap's Argdown profile, written: a graph as an Argdown document that argmap reads back to the same graph.

Claims are statements `[label]: comment #kind {data}` (the quote in Ipsissima's `source:`), inferences
arguments with a premise-conclusion structure and the scheme on the inference line, conflicts arguments tagged
#rebuttal or #undercut, and relations made for a bare Argdown relation are written as that relation again.
Every text is checked by reading it back; a text Argdown cannot carry goes into the node's `rdf:` data.
"""

from __future__ import annotations

import json
import re

from rdflib import RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS

from ...model.anchor import span_of
from ...model.argdown import parse
from ...model.argdown.build import SHORTCODES
from ...model.argdown.values import TAG_OF_KIND, Terms
from ...model.nodes import KINDS, map_nodes
from ...model.vocab import ARG, ENT, OA, SRC

_ESCAPE = re.compile(r"([\\\[\]<>#*_@{}/])")


def yaml_value(value) -> str:
    """A value in YAML flow style that Argdown's {…} token cannot end early ({ and } escaped in strings)."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_key(k)}: {yaml_value(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(yaml_value(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = json.dumps(str(value), ensure_ascii=False)
    return text.replace("{", "\\u007b").replace("}", "\\u007d").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def front_lines(data: dict) -> list[str]:
    """The front matter's lines: a mapping or list at the top level in block style, one entry a line (as Ipsissima's
    reader of `defaults:` expects, and a person reads a long list of entities), everything below in flow style."""
    lines = []
    for key, value in data.items():
        if isinstance(value, dict) and value:
            lines.append(f"{_key(key)}:")
            lines += [f"    {_key(k)}: {yaml_value(v)}" for k, v in value.items()]
        elif isinstance(value, list) and value:
            lines.append(f"{_key(key)}:")
            lines += [f"    - {yaml_value(v)}" for v in value]
        else:
            lines.append(f"{_key(key)}: {yaml_value(value)}")
    return lines


def _key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z][\w-]*", key) else yaml_value(key)


def escape(text: str) -> str:
    """Statement text as Argdown reads it back: the characters that start tokens escaped, shortcodes too."""
    escaped = _ESCAPE.sub(r"\\\1", " ".join(text.split()))
    for code in sorted(SHORTCODES, key=len, reverse=True):
        if code in escaped:
            escaped = escaped.replace(code, "\\" + code)
    return escaped


def reads_back(text: str) -> bool:
    try:
        document = parse(f"[t]: {escape(text)}\n")
    except Exception:
        return False
    members = document.statements.get("t")
    return members is not None and len(document.statements) == 1 and (members.members[-1].text or "").strip() == text


def safe_title(title: str, bracket: str) -> bool:
    return bool(title) and title == title.strip() and "\n" not in title and not title.startswith("-") \
        and bracket not in title and "@" not in title[:1] and not re.search(r"\s{2,}", title)


class Writer:
    def __init__(self, graph: Graph, texts: dict, title: str):
        self.graph = graph
        self.texts = texts
        self.title = title
        self.sources = sorted(graph.subjects(RDF.type, ARG.Source), key=str)
        main = self.sources[0] if self.sources else None
        slug = str(graph.value(main, DCTERMS.identifier) or str(main).rsplit("/", 1)[-1]) if main is not None \
            else _claims_slug(graph)
        self.namespace = f"{SRC}{slug}#"
        language = graph.value(main, DCTERMS.language) if main is not None else None
        self.text_language = self._text_language() 
        self.terms = Terms(self.namespace, self.text_language)
        for source in self.sources[1:]:
            other = str(graph.value(source, DCTERMS.identifier) or str(source).rsplit("/", 1)[-1])
            self.terms.add_source(other, f"{SRC}{other}#")
        self.language = str(language) if language else None
        self.main, self.slug = main, slug
        self.titles: dict = {}
        self.used_titles = {"[": set(), "<": set()}
        self.taken: set = set()

    def _text_language(self) -> str | None:
        """The language most of the map's own texts (labels, comments, notes of its nodes) are in, if any."""
        from collections import Counter

        nodes = [n for group in map_nodes(self.graph) for n in group]
        found = Counter(o.language for n in nodes for p in (RDFS.label, RDFS.comment, SKOS.note)
                        for o in self.graph.objects(n, p) if isinstance(o, Literal))
        if not found:
            languages = sorted({o.language for o in self.graph.objects(None, RDFS.label) if isinstance(o, Literal) and o.language})
            return languages[0] if len(languages) == 1 else None
        return max(sorted(found, key=lambda lang: lang or ""), key=lambda lang: found[lang])

    def local(self, node) -> str:
        return str(node)[len(self.namespace):] if str(node).startswith(self.namespace) else str(node).rsplit("#", 1)[-1]

    def title_of(self, node, bracket: str) -> tuple[str, dict]:
        """The node's title (its label where Argdown can carry it) and the data that names it back."""
        if node in self.titles:
            return self.titles[node]
        label = self.graph.value(node, RDFS.label)
        local = self.local(node)
        data: dict = {}
        closing = "]" if bracket == "[" else ">"
        if label is not None and safe_title(str(label), closing) and str(label) not in self.used_titles[bracket] \
                and self.terms.text(str(label), RDFS.label) == label and str(label) != local:
            title = str(label)
        else:
            title = local
            if label is not None:
                data["label"] = self.terms.encode(label, RDFS.label)
        from ...model.names import slugify

        if not str(node).startswith(self.namespace) or slugify(title, words=8) != local or local in self.taken:
            data = {"id": self.terms.name(node, self.namespace), **data}
        self.taken.add(local)
        self.used_titles[bracket].add(title)
        self.titles[node] = (title, data)
        return title, data

    # --- what goes in a node's data -----------------------------------------------------

    def extras(self, node, covered: set) -> dict:
        """Every triple of `node` that the profile's keys do not carry, as `rdf:` data."""
        extra: dict = {}
        for p, o in sorted(self.graph.predicate_objects(node)):
            if (p, o) in covered or isinstance(o, BNode):
                continue
            key = {RDF.type: "a", RDFS.label: "label", RDFS.comment: "comment"}.get(p) or self.terms.name(p)
            value = self.terms.encode(o, p)
            if key == "a" and isinstance(o, URIRef) and str(o).startswith(str(ARG)):
                value = str(o)[len(str(ARG)):]
            extra.setdefault(key, []).append(value)
        return {k: v[0] if len(v) == 1 else v for k, v in extra.items()}

    def text_field(self, node, predicate, covered: set):
        """A text the profile carries (label, comment, note) if it reads back as it is, else None."""
        value = self.graph.value(node, predicate)
        if value is None or self.terms.text(str(value), predicate) != value:
            return None
        covered.add((predicate, value))
        return str(value)

    def claim_data(self, node, data: dict, covered: set) -> tuple[str, list]:
        graph = self.graph
        tags = [TAG_OF_KIND[k] for k in sorted(set(graph.objects(node, RDF.type)) & KINDS, key=str)]
        covered.update((RDF.type, k) for k in KINDS if (node, RDF.type, k) in graph)
        if (node, RDF.type, ARG.Claim) in graph and not tags:
            covered.add((RDF.type, ARG.Claim))
        for tag in sorted(str(t) for t in graph.objects(node, ARG.tag)):
            if re.fullmatch(r"[A-Za-z0-9\u00A0-\uD7FF-]+", tag):
                tags.append(tag)
                covered.add((ARG.tag, Literal(tag)))
        if "label" in data:
            covered.add((RDFS.label, graph.value(node, RDFS.label)))
        elif graph.value(node, RDFS.label) is not None:
            covered.add((RDFS.label, graph.value(node, RDFS.label)))
        comment = graph.value(node, RDFS.comment)
        text = str(comment) if comment is not None and reads_back(str(comment)) and \
            self.terms.text(str(comment), RDFS.comment) == comment else ""
        if text:
            covered.add((RDFS.comment, comment))
        if (node, ARG.implicit, Literal(True)) in graph:
            data["fidelity"] = "imputation"
            covered.add((ARG.implicit, Literal(True)))
        self.reading_data(node, data, covered)
        self.anchor_data(node, data, covered)
        for key, predicate in (("about", ARG.about), ("addressee", ARG.addressee)):
            values = sorted((o for o in graph.objects(node, predicate) if isinstance(o, URIRef)), key=str)
            if values:
                data[key] = [self.terms.name(v, str(ENT)) for v in values]
                covered.update((predicate, v) for v in values)
        actions = list(graph.objects(node, ARG.recommendedAction))
        if len(actions) == 1 and actions[0] == Literal(str(actions[0])):
            data["action"] = str(actions[0])
            covered.add((ARG.recommendedAction, actions[0]))
        notes = [n for n in graph.objects(node, SKOS.note) if self.terms.text(str(n), SKOS.note) == n]
        if notes:
            data["note"] = sorted(str(n) for n in notes) if len(notes) > 1 else str(notes[0])
            covered.update((SKOS.note, n) for n in notes)
        if (node, ARG.sketch, Literal(True)) in graph:
            covered.add((ARG.sketch, Literal(True)))
        return text, tags

    def reading_data(self, node, data: dict, covered: set) -> None:
        """Ipsissima's fidelity (unless an unstated premise says imputation) and warrant, where plain strings."""
        fidelity = [f for f in self.graph.objects(node, ARG.fidelity) if f == Literal(str(f))]
        if len(fidelity) == 1 and "fidelity" not in data:
            data["fidelity"] = str(fidelity[0])
            covered.add((ARG.fidelity, fidelity[0]))
        warrants = sorted(w for w in self.graph.objects(node, ARG.warrant) if w == Literal(str(w)))
        if warrants:
            data["warrant"] = str(warrants[0]) if len(warrants) == 1 else [str(w) for w in warrants]
            covered.update((ARG.warrant, w) for w in warrants)

    def anchor_data(self, node, data: dict, covered: set) -> None:
        anchors = []
        for anchor in self.graph.objects(node, ARG.anchor):
            selector = self.graph.value(anchor, OA.hasSelector)
            source = self.graph.value(anchor, OA.hasSource)
            exact = self.graph.value(selector, OA.exact) if selector is not None else None
            if exact is None or source is None:
                continue
            prefix = str(self.graph.value(selector, OA.prefix) or "")
            suffix = str(self.graph.value(selector, OA.suffix) or "")
            text = self.texts.get(source)
            span = span_of(text, str(exact), prefix, suffix) if text else None
            anchors.append((span[0] if span else 10 ** 9, str(exact), prefix, suffix, source, anchor))
        anchors.sort()
        if not anchors:
            return
        first = anchors[0]
        data["source"] = f"\u201c{first[1]}\u201d"
        if first[2]:
            data["prefix"] = first[2]
        if first[3]:
            data["suffix"] = first[3]
        pinpoint = self.graph.value(first[5], ARG.pinpoint)
        if pinpoint is not None:
            data["pinpoint"] = str(pinpoint)
        if anchors[1:]:
            data["echoes"] = [f"\u201c{a[1]}\u201d" for a in anchors[1:]]
        if first[4] != self.main and first[4] is not None:
            data["chapter"] = str(self.graph.value(first[4], ARG.textFile) or "")
        covered.update((ARG.anchor, a[5]) for a in anchors)

    def statement(self, node, bracket: str = "[", relations: list | None = None) -> str:
        title, data = self.title_of(node, bracket)
        data = dict(data)
        covered: set = set()
        text, tags = self.claim_data(node, data, covered)
        if relations:
            data["relations"] = relations
        extra = self.extras(node, covered)
        if extra:
            data["rdf"] = extra
        closing = "]" if bracket == "[" else ">"
        head = f"{bracket}{title}{closing}: {escape(text) if text else escape(title)}"
        if not text and self.graph.value(node, RDFS.comment) is not None and "rdf" not in data:
            data["rdf"] = {"comment": self.terms.encode(self.graph.value(node, RDFS.comment), RDFS.comment)}
        head += "".join(f" #{t}" for t in tags)
        return head + (f"\n    {yaml_value(data)}" if data else "")

    def position(self, node) -> int:
        """Where a claim's first quote stands in its source's text (claims are written in the text's order)."""
        best = 10 ** 9
        for anchor in self.graph.objects(node, ARG.anchor):
            selector = self.graph.value(anchor, OA.hasSelector)
            text = self.texts.get(self.graph.value(anchor, OA.hasSource))
            exact = self.graph.value(selector, OA.exact) if selector is not None else None
            if text and exact is not None:
                span = span_of(text, str(exact), str(self.graph.value(selector, OA.prefix) or ""),
                               str(self.graph.value(selector, OA.suffix) or ""))
                if span:
                    best = min(best, span[0])
        return best

    def scheme_name(self, scheme) -> str:
        """A scheme as the inference line names it: its preferred label, or its prefixed name."""
        label = self.graph.value(scheme, SKOS.prefLabel)
        return str(label) if label is not None else self.terms.name(scheme)


def _claims_slug(graph: Graph) -> str:
    """Without a source, the slug of the source namespace most claims are in (argmap's if none is)."""
    found: dict = {}
    for claim in map_nodes(graph)[0]:
        text = str(claim)
        if text.startswith(str(SRC)) and "#" in text:
            slug = text[len(str(SRC)):].split("#", 1)[0]
            found[slug] = found.get(slug, 0) + 1
    return max(sorted(found), key=lambda slug: found[slug]) if found else "argmap"


def write(graph: Graph, texts: dict, title: str = "argmap") -> str:
    """The graph as an Argdown document in argmap's profile."""
    from .argdown_doc import Document

    return Document(Writer(graph, texts, title)).render()
