"""Dung's abstract argumentation semantics as labellings: the grounded fixpoint, and labellings of extensions.

Needs: a framework given as its arguments and, for each argument, the arguments
that attack it. Gives: the grounded labelling (with the round each label was
settled in), the labelling of any extension, and a check that a labelling is
complete; each labelling a dict argument → "in" | "out" | "undec" (Caminada
2006). Does not: search (the other semantics come from an answer-set solver,
`solver`), or know about claims (that is `evaluate`, which turns an argument map
into such a framework).

A labelling is complete when every argument is in exactly when all its
attackers are out, and out exactly when some attacker is in (Caminada 2006;
Baroni, Caminada & Giacomin 2011). The grounded labelling is the complete one
with the fewest arguments in (Dung 1995's least fixed point), reached here
without search; every complete extension E has exactly one complete labelling:
E in, what E attacks out, the rest undecided (Caminada's Ext2Lab).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping

IN, OUT, UNDEC = "in", "out", "undec"
LABELS = (IN, OUT, UNDEC)

Attackers = Mapping[Hashable, Iterable[Hashable]]


def normalise(arguments: Iterable[Hashable], attacks: Iterable[tuple[Hashable, Hashable]]) -> dict:
    """A framework from a list of arguments and (attacker, attacked) pairs: argument → frozenset of attackers."""
    attackers: dict = {a: set() for a in arguments}
    for source, target in attacks:
        attackers.setdefault(source, set())
        attackers.setdefault(target, set()).add(source)
    return {a: frozenset(s) for a, s in attackers.items()}


def grounded(attackers: Attackers) -> tuple[dict, dict]:
    """The grounded labelling, and the round in which each in or out argument got its label.

    Round 0 labels the unattacked arguments in; each later round labels out what
    an in argument attacks and in what has only out attackers. The rounds order
    the reasons for a label, so an explanation never goes round in a circle.
    """
    label: dict = {}
    rank: dict = {}
    targets = _targets(attackers)
    frontier = [a for a, s in attackers.items() if not s]
    round_ = 0
    for a in frontier:
        label[a], rank[a] = IN, 0
    while frontier:
        round_ += 1
        newly_out = {t for a in frontier for t in targets[a] if t not in label}
        for t in newly_out:
            label[t], rank[t] = OUT, round_
        round_ += 1
        candidates = {t for o in newly_out for t in targets[o] if t not in label}
        frontier = sorted((c for c in candidates if all(label.get(x) == OUT for x in attackers[c])), key=repr)
        for a in frontier:
            label[a], rank[a] = IN, round_
    for a in attackers:
        label.setdefault(a, UNDEC)
    return label, rank


def is_complete(attackers: Attackers, label: Mapping) -> bool:
    """True when `label` labels every argument and obeys the rules of a complete labelling."""
    for a, s in attackers.items():
        expected = OUT if any(label[x] == IN for x in s) else IN if all(label[x] == OUT for x in s) else UNDEC
        if label.get(a) != expected:
            return False
    return True


def labelling(attackers: Attackers, extension: Iterable[Hashable]) -> dict:
    """The labelling of an extension: its members in, what they attack out, the rest undecided (Ext2Lab)."""
    members = set(extension)
    return {a: IN if a in members else OUT if not members.isdisjoint(s) else UNDEC for a, s in attackers.items()}


def extension(label: Mapping) -> frozenset:
    """The arguments a labelling labels in (Dung's extension)."""
    return frozenset(a for a, v in label.items() if v == IN)


def _targets(attackers: Attackers) -> dict:
    targets: dict = {a: [] for a in attackers}
    for a, s in attackers.items():
        for x in s:
            targets[x].append(a)
    return targets
