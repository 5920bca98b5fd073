"""Dung's abstract argumentation semantics as labellings: grounded, complete, preferred, stable.

Needs: a framework given as its arguments and, for each argument, the arguments
that attack it. Gives: labellings, each a dict argument → "in" | "out" |
"undec" (Caminada 2006). Does not: know about claims or inferences (that is
`evaluate`, which turns an argument map into such a framework).

A labelling is complete when every argument is in exactly when all its
attackers are out, and out exactly when some attacker is in (Caminada 2006;
Baroni, Caminada & Giacomin 2011). The grounded labelling is the complete one
with the fewest arguments in (Dung 1995's least fixed point); the preferred
ones are those with a maximal set in; the stable ones leave nothing undecided.
Complete labellings are enumerated by a search that starts from the grounded
labelling (every complete labelling extends it) and propagates the two rules
above before each choice, so only the arguments the grounded labelling leaves
undecided are ever branched on.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator, Mapping

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


def complete(attackers: Attackers, *, two_valued: bool = False) -> Iterator[dict]:
    """Every complete labelling (only those with nothing undecided when `two_valued`), in a fixed order."""
    start, _ = grounded(attackers)
    partial = {a: v for a, v in start.items() if v != UNDEC}
    open_ = sorted((a for a, v in start.items() if v == UNDEC), key=repr)
    choices = (IN, OUT) if two_valued else (IN, OUT, UNDEC)
    yield from _search(attackers, partial, open_, choices)


def preferred(attackers: Attackers) -> list[dict]:
    """The preferred labellings: the complete ones whose set of in arguments is maximal."""
    found = list(complete(attackers))
    ins = [frozenset(a for a, v in lab.items() if v == IN) for lab in found]
    return [lab for lab, i in zip(found, ins) if not any(i < other for other in ins)]


def stable(attackers: Attackers) -> list[dict]:
    """The stable labellings: complete ones with nothing undecided. There may be none."""
    return list(complete(attackers, two_valued=True))


def is_complete(attackers: Attackers, label: Mapping) -> bool:
    """True when `label` labels every argument and obeys the rules of a complete labelling."""
    for a, s in attackers.items():
        expected = OUT if any(label[x] == IN for x in s) else IN if all(label[x] == OUT for x in s) else UNDEC
        if label.get(a) != expected:
            return False
    return True


def extension(label: Mapping) -> frozenset:
    """The arguments a labelling labels in (Dung's extension)."""
    return frozenset(a for a, v in label.items() if v == IN)


def _targets(attackers: Attackers) -> dict:
    targets: dict = {a: [] for a in attackers}
    for a, s in attackers.items():
        for x in s:
            targets[x].append(a)
    return targets


def _search(attackers, partial: dict, open_: list, choices) -> Iterator[dict]:
    partial = _propagate(attackers, partial, open_)
    if partial is None:
        return
    unlabelled = [a for a in open_ if a not in partial]
    if not unlabelled:
        if is_complete(attackers, partial):
            yield partial
        return
    first = unlabelled[0]
    for value in choices:
        yield from _search(attackers, {**partial, first: value}, open_, choices)


def _propagate(attackers, partial: dict, open_: list) -> dict | None:
    """Apply the labelling rules to a partial labelling until nothing changes; None on a contradiction."""
    label = dict(partial)
    changed = True
    while changed:
        changed = False
        for a in open_:
            s = attackers[a]
            values = [label.get(x) for x in s]
            forced = None
            if IN in values:
                forced = OUT
            elif all(v == OUT for v in values):
                forced = IN
            elif None not in values:
                forced = UNDEC
            current = label.get(a)
            if forced is not None:
                if current is None:
                    label[a], changed = forced, True
                elif current != forced:
                    return None
            elif current == IN:  # every attacker must be out
                for x in s:
                    if label.get(x) is None:
                        label[x], changed = OUT, True
            elif current == OUT:  # some attacker must be in: if only one still can be, it is
                could = [x for x in s if label.get(x) in (None, IN)]
                if not could:
                    return None
                if len(could) == 1 and label.get(could[0]) is None:
                    label[could[0]], changed = IN, True
            elif current == UNDEC:  # no attacker in, and not all out
                if all(v in (OUT, None) for v in values) and sum(v is None for v in values) == 1:
                    (x,) = [x for x in s if label.get(x) is None]
                    label[x], changed = UNDEC, True
    return label
