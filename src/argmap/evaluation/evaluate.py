"""Evaluate an argument map: which claims stand (in), fall (out) or stay open (undecided), and why.

Needs: a graph holding the claims, inferences and conflicts (a Loaded
dataset's union). Gives: an Evaluation with one or more labellings of every
claim, inference and conflict, under grounded, complete, preferred, stable,
semi-stable or ideal semantics, after the claims a user rejects or accepts:
how many labellings there are, the first N of them, and what all of them agree
on. Does not: check the data (`check` does, and rejects support cycles),
search for labellings (the flattened framework goes to `solver`, an
answer-set solver), reason with OWL, or explain (`justify`).

The treatment of support: a structured reading, flattened into one Dung framework
---------------------------------------------------------------------------------
An argument map is not a Dung (1995) framework: it has supports as well as
attacks, an inference needs *all* its premises (linked premises), a claim
with several inferences needs *one* (convergent supports), and a conflict can
itself be attacked (the author undercuts a concession's attack). Bipolar
frameworks with deductive or "supported" attacks (Cayrol & Lagasquie-Schiex
2013) would let a support make a claim stronger than its reasons, and cannot
say "all of these premises together". So argmap reads supports as *necessary*
support (Nouioua & Risch 2011, "Argumentation frameworks with necessities";
in the evidential reading of Oren & Norman 2008, an inference is the set of
claims that together support its conclusion) and treats inferences and
conflicts as nodes that can be attacked, as the AIF does (Chesñevar et al.
2006), which makes undercuts of conflicts attacks on attacks (Modgil 2009;
Baroni, Cerutti, Giacomin & Guida 2011).

All of this is flattened into one ordinary Dung framework by adding auxiliary
arguments, after the meta-argumentation of Boella, Gabbay, van der Torre &
Villata (2009, 2010), so that every Dung semantics applies unchanged:

* every claim, inference and conflict is an argument;
* a claim c used as a premise or an attacker gets a companion "not c",
  attacked by c alone: "not c" is in exactly when c is out;
* "not p" attacks each inference with premise p: an inference stands only if
  all its premises do (linked);
* a claim that some inference concludes gets a companion "c is unsupported",
  attacked by each of those inferences, which attacks c: such a claim stands
  only if at least one of its inferences does (convergent). A claim no
  inference concludes is a premise, taken as given unless attacked;
* "not a" attacks each conflict whose attacker is a, and the conflict attacks
  its target, which may be a claim (rebuttal), an inference or another
  conflict (undercut): an attack succeeds only if its attacker stands and no
  undercut of it succeeds;
* rejecting a claim adds an unattacked "rejected by you" argument that
  attacks it; accepting a claim removes every attack on it and its need for
  support.

Each auxiliary argument has exactly one attacker or is a plain disjunction, so
its label is fixed by the labels of map nodes: the complete labellings of the
flattened framework and the complete three-valued assignments of the map
correspond one to one, the order by set of arguments in is preserved (an
auxiliary "not c" is in exactly when c is out), and so grounded, preferred
and stable carry over. A Dung framework written as premises and rebuttals
gets back exactly its own extensions: the tests check this on the textbook
frameworks, and against py_arg (python-argumentation, Utrecht University) and
pygarg on random frameworks. Semi-stable and ideal carry over as well for
maps whose every node is a claim (a plain framework); on other maps they are
taken of the flattened framework, whose ranges include the auxiliary arguments.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from difflib import get_close_matches

from rdflib import RDF, RDFS, Graph, URIRef

from . import semantics as dung
from ..errors import InputError
from ..model.vocab import ARG, CLAIM_KINDS, prefixed_name

SEMANTICS = ("grounded", "complete", "preferred", "stable", "semi-stable", "ideal")
STATUS_TERMS = {dung.IN: ARG.In, dung.OUT: ARG.Out, dung.UNDEC: ARG.Undecided}
#: How each label is written for people: "undec" is Caminada's abbreviation.
SHOWN = {dung.IN: "in", dung.OUT: "out", dung.UNDEC: "undecided"}


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
    """The supports and attacks of an argument map, by IRI, with names to show."""

    claims: dict[str, str]  # IRI → kind
    inferences: dict[str, Inference]
    conflicts: dict[str, Conflict]
    names: dict[str, str]  # IRI → prefixed name
    labels: dict[str, str]  # IRI → rdfs:label
    prefixes: dict[str, str] = field(default_factory=dict)  # the graph's own prefixes, for output

    @property
    def nodes(self) -> list[str]:
        return sorted(self.claims) + sorted(self.inferences) + sorted(self.conflicts)

    def supports_of(self, claim: str) -> list[str]:
        return sorted(i for i, inf in self.inferences.items() if inf.conclusion == claim)

    def attacks_on(self, node: str) -> list[str]:
        return sorted(k for k, c in self.conflicts.items() if c.target == node)

    def resolve(self, text: str, *, claims_only: bool = True) -> str:
        """The IRI a user means by a prefixed name, a full IRI or a bare local name; a clear error if none."""
        pool = sorted(self.claims) if claims_only else self.nodes
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


@dataclass(frozen=True)
class Evaluation:
    """The labellings of an argument map under one semantics, after a user's rejections and acceptances."""

    semantics: str
    structure: Structure
    labellings: tuple[dict[str, str], ...]  # the first `limit` labellings: map node IRI → in | out | undec
    rejected: tuple[str, ...] = ()
    accepted: tuple[str, ...] = ()
    ranks: dict[str, int] = field(default_factory=dict)  # the round the grounded labelling settled a node in
    count: int | None = None  # how many labellings there are in all (None: as many as `labellings`)
    agreed: dict[str, str] | None = None  # what every labelling gives each node, undec where they differ
    disputed: frozenset | None = None  # the nodes the labellings do not all give the same label

    @property
    def total(self) -> int:
        """How many labellings the semantics gives, shown or not."""
        return len(self.labellings) if self.count is None else self.count

    def status(self, node: str) -> str:
        """The label every labelling agrees on, else undec (sceptical); undec when there is no labelling."""
        if self.agreed is not None:
            return self.agreed.get(node, dung.UNDEC)
        values = {labelling[node] for labelling in self.labellings}
        return values.pop() if len(values) == 1 else dung.UNDEC

    def claim_counts(self) -> dict[str, int]:
        counts = dict.fromkeys(dung.LABELS, 0)
        for claim in self.structure.claims:
            counts[self.status(claim)] += 1
        return counts

    def summary(self) -> str:
        """One line: the semantics, how many labellings (and how many shown), and how many claims are in, out, undecided."""
        n = self.total
        if not n:
            return f"{self.semantics}: no {self.semantics} labelling exists (an odd cycle of attacks leaves nothing consistent)"
        counts = self.claim_counts()
        shown = f", the first {len(self.labellings)} shown" if len(self.labellings) < n else ""
        several = f"{n} labellings{shown}; a claim is in or out below only if it is so in every one" if n > 1 else "1 labelling"
        return (f"{self.semantics} ({several}): {len(self.structure.claims)} claims, "
                f"{counts['in']} in, {counts['out']} out, {counts['undec']} undecided")

    def agreement(self, node: str) -> str:
        """What the labellings say of one node: the label all give it, or how many give it each label."""
        s = self.structure
        disputed = self.disputed if self.disputed is not None else {
            n for n in s.nodes if len({lab[n] for lab in self.labellings}) > 1}
        if self.total < 2:
            return ""
        if node not in disputed:
            return f"all {self.total} labellings agree: {s.names[node]} is {SHOWN[self.status(node)]}"
        if len(self.labellings) < self.total:
            return f"the {self.total} labellings disagree on {s.names[node]}, so it is undecided sceptically"
        by_label = {v: [f"#{i}" for i, lab in enumerate(self.labellings, 1) if lab[node] == v] for v in dung.LABELS}
        parts = ", ".join(f"{SHOWN[v]} in {' '.join(numbers)}" for v, numbers in by_label.items() if numbers)
        return f"the {self.total} labellings disagree on {s.names[node]} ({parts}), so it is undecided sceptically"

    def table(self) -> str:
        """The claims as a text table, undecided and out first, then in; one column a labelling when several."""
        s = self.structure
        several = self.total > 1 and len(self.labellings) > 0
        rows = [("status", "claim", "kind", "label")]
        if several:
            rows = [("status", *(f"#{i + 1}" for i in range(len(self.labellings))), "claim", "kind", "label")]
        order = {dung.UNDEC: 0, dung.OUT: 1, dung.IN: 2}
        for claim in sorted(s.claims, key=lambda c: (order[self.status(c)], s.names[c])):
            marks = tuple(SHOWN[lab[claim]] for lab in self.labellings) if several else ()
            rows.append((SHOWN[self.status(claim)] if self.total else "-", *marks, s.names[claim], s.claims[claim], s.labels[claim]))
        widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]) - 1)]
        lines = [self.summary()]
        lines += ["  ".join(cell.ljust(w) for cell, w in zip(r, widths)) + "  " + r[-1] for r in rows]
        return "\n".join(line.rstrip() for line in lines) + "\n"

    def json(self) -> str:
        """Every node's status, per labelling and agreed, as JSON keyed by prefixed name."""
        s = self.structure
        names = lambda nodes: sorted(s.names[n] for n in nodes)  # noqa: E731

        def labelled(labelling) -> dict:
            return {part: {s.names[n]: SHOWN[labelling[n]] for n in sorted(nodes, key=s.names.get)}
                    for part, nodes in (("claims", s.claims), ("inferences", s.inferences), ("conflicts", s.conflicts))}

        document = {
            "semantics": self.semantics,
            "count": self.total,
            "rejected": names(self.rejected),
            "accepted": names(self.accepted),
            "counts": {SHOWN[k]: v for k, v in self.claim_counts().items()} if self.total else None,
            "status": labelled({n: self.status(n) for n in s.nodes}) if self.total else None,
            "labellings": [labelled(lab) for lab in self.labellings],
        }
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def read_structure(graph: Graph) -> Structure:
    """The claims, inferences and conflicts of a graph (ontology and claims, as `Loaded.union()` gives)."""
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
    nodes = set(claims) | set(inferences) | set(conflicts)
    return Structure(
        claims, inferences, conflicts,
        names={n: prefixed_name(graph, URIRef(n)) for n in nodes},
        labels={n: str(graph.value(URIRef(n), RDFS.label) or "") for n in nodes},
        prefixes={p: str(ns) for p, ns in graph.namespaces() if p and not p.startswith(("ns", "_"))},
    )


def flatten(structure: Structure, rejected=(), accepted=()) -> dict:
    """The Dung framework of the map (see the module docstring): argument → frozenset of its attackers."""
    rejected, accepted = set(rejected), set(accepted)
    nodes = set(structure.nodes)
    attacks: list[tuple] = []
    used = {p for inf in structure.inferences.values() for p in inf.premises}
    used |= {c.attacker for c in structure.conflicts.values()}
    for claim in sorted(used & nodes):
        attacks.append((claim, ("not", claim)))
    for iri, inf in structure.inferences.items():
        for premise in inf.premises:
            attacks.append((("not", premise) if premise in nodes else ("missing", premise), iri))
        if inf.conclusion not in accepted:
            attacks.append((iri, ("unsupported", inf.conclusion)))
    concluded = {inf.conclusion for inf in structure.inferences.values()}
    for claim in sorted(concluded - accepted):
        attacks.append((("unsupported", claim), claim))
    for iri, conflict in structure.conflicts.items():
        attacks.append((("not", conflict.attacker) if conflict.attacker in nodes else ("missing", conflict.attacker), iri))
        if conflict.target in nodes and conflict.target not in accepted:
            attacks.append((iri, conflict.target))
    for claim in sorted(rejected):
        attacks.append((("rejected", claim), claim))
    return dung.normalise(sorted(nodes), attacks)


def evaluate(graph: Graph | Structure, semantics: str = "grounded", *, reject=(), accept=(), limit: int | None = None) -> Evaluation:
    """Label every claim, inference and conflict in or out or undecided; `reject`/`accept` name claims to fix.

    Every labelling is counted and enters what they all agree on, but only the
    first `limit` (all when None) are kept, so a map with very many labellings
    can still be summarised.
    """
    from .solver import Solver

    if semantics not in SEMANTICS:
        raise InputError(f"unknown semantics {semantics!r}", fix=f"use one of {', '.join(SEMANTICS)}")
    if limit is not None and limit < 0:
        raise InputError(f"--limit must be 0 or more, not {limit}", fix="give the number of labellings to show")
    structure = graph if isinstance(graph, Structure) else read_structure(graph)
    rejected = tuple(sorted({structure.resolve(c) for c in reject}))
    accepted = tuple(sorted({structure.resolve(c) for c in accept}))
    both = sorted(set(rejected) & set(accepted))
    if both:
        raise InputError(f"{structure.names[both[0]]} is both rejected and accepted", fix="give each claim one of --reject and --accept")
    framework = flatten(structure, rejected, accepted)
    _, ranks = dung.grounded(framework)
    nodes = structure.nodes
    kept: list[dict] = []
    agreed: dict | None = None
    disputed: set = set()
    count = 0
    for found in Solver(framework).extensions(semantics):
        labelling = dung.labelling(framework, found)
        labelling = {n: labelling[n] for n in nodes}
        count += 1
        if limit is None or len(kept) < limit:
            kept.append(labelling)
        if agreed is None:
            agreed = labelling
        else:
            disputed.update(n for n, v in agreed.items() if v != labelling[n])
            agreed = {n: dung.UNDEC if n in disputed else v for n, v in agreed.items()}
    return Evaluation(semantics, structure, tuple(kept), rejected, accepted,
                      {n: ranks[n] for n in nodes if n in ranks}, count, agreed or {}, frozenset(disputed))


def count_labellings(graph: Graph | Structure, semantics: str = "grounded", *, reject=(), accept=()) -> int:
    """How many labellings the map has under `semantics`, counted inside the solver without listing them."""
    from .solver import Solver

    structure = graph if isinstance(graph, Structure) else read_structure(graph)
    rejected = {structure.resolve(c) for c in reject}
    accepted = {structure.resolve(c) for c in accept}
    return Solver(flatten(structure, rejected, accepted)).count(semantics)


def flattened_framework(evaluation: Evaluation):
    """The Dung framework an evaluation was computed on, as an `iccma.Framework` named for people and other solvers.

    Map nodes keep their prefixed names; an auxiliary argument is named for its
    job and its claim: not:NAME (in when the claim is out), unsupported:NAME,
    rejected:NAME, missing:IRI (a premise or attacker the map lacks).
    """
    from .iccma import Framework

    s = evaluation.structure
    attackers = flatten(s, evaluation.rejected, evaluation.accepted)
    name = lambda a: s.names[a] if isinstance(a, str) else f"{a[0]}:{s.names.get(a[1], a[1])}"  # noqa: E731
    attacks = tuple((name(x), name(a)) for a in attackers for x in sorted(attackers[a], key=repr))
    return Framework(tuple(name(a) for a in attackers), attacks)
