"""Say why a claim is in, out or undecided: the chain of supports and attacks that decides it.

Needs: an Evaluation. Gives: an indented explanation, one line a node, each
line naming the node, its label and the rule that gives it that label; the
lines under it are its reasons. Does not: compute labels (that is `evaluate`).

The rules are those of the labelling (see `evaluate`): a premise is in
unless attacked; a conclusion is in when one of its inferences is in and every
attack on it fails; an inference is in when all its premises are in and every
undercut of it fails; a conflict succeeds when its attacker is in and every
undercut of it fails. Where one reason suffices (one support, one successful
attack, one failed premise), the one the grounded labelling settled first is
given, so that the chain ends in premises and never goes round in a circle.
"""

from __future__ import annotations

from .evaluate import SHOWN, Evaluation
from .semantics import IN, OUT, UNDEC


def explain(evaluation: Evaluation, node: str, labelling: int = 0) -> str:
    """The reasons for `node`'s label in one labelling of `evaluation` (the first by default), as text."""
    lines: list[str] = []
    _explain(evaluation, evaluation.labellings[labelling], node, 0, set(), lines)
    return "\n".join(lines)


def _explain(ev: Evaluation, label: dict, node: str, depth: int, seen: set, lines: list) -> None:
    s = ev.structure
    status = label[node]
    head = f"{'  ' * depth}{s.names[node]} is {SHOWN[status]}"
    if node in seen:
        lines.append(head + " (as above)")
        return
    seen.add(node)
    reason, children = _reason(ev, label, node)
    lines.append(f"{head}: {reason}")
    for child in children:
        _explain(ev, label, child, depth + 1, seen, lines)


def _first(ev: Evaluation, nodes: list[str]) -> list[str]:
    """The node the grounded labelling settled first (or the first by name), as a one-item list."""
    return sorted(nodes, key=lambda n: (ev.ranks.get(n, 0), n))[:1]


def _reason(ev: Evaluation, label: dict, node: str) -> tuple[str, list[str]]:
    s = ev.structure
    status = label[node]
    attacks = s.attacks_on(node)
    won = [k for k in attacks if label[k] == IN]
    open_ = [k for k in attacks if label[k] == UNDEC]
    if node in s.claims:
        if node in ev.rejected:
            return "you rejected it", []
        if node in ev.accepted:
            return "you accepted it, whatever supports or attacks it", []
        supports = s.supports_of(node)
        if status == IN:
            if not supports:
                why = "a premise (no inference supports it), taken as given"
                return why + (", and every attack on it fails" if attacks else "; nothing attacks it"), attacks
            held = [i for i in supports if label[i] == IN]
            return "supported by an inference that holds" + (", and every attack on it fails" if attacks else ""), _first(ev, held) + attacks
        if status == OUT:
            if won:
                return "an attack on it succeeds", _first(ev, won)
            return "every inference that supports it fails", supports
        return "its support or an attack on it is undecided", [i for i in supports if label[i] == UNDEC] + open_
    if node in s.inferences:
        premises = list(s.inferences[node].premises)
        if status == IN:
            return "all its premises are in" + (" and every undercut of it fails" if attacks else ""), premises + attacks
        if status == OUT:
            if won:
                return "an undercut of it succeeds", _first(ev, won)
            return "a premise of it is out", _first(ev, [p for p in premises if label.get(p) == OUT])
        return "a premise or an undercut of it is undecided", [p for p in premises if label.get(p) == UNDEC] + open_
    attacker = s.conflicts[node].attacker
    target = s.names.get(s.conflicts[node].target, s.conflicts[node].target)
    if status == IN:
        return f"the attack on {target} succeeds: its attacker is in" + (" and every undercut of it fails" if attacks else ""), [attacker] + attacks
    if status == OUT:
        if won:
            return f"the attack on {target} fails: it is undercut", _first(ev, won)
        return f"the attack on {target} fails: its attacker is out", [attacker]
    return f"the attack on {target} is undecided", ([attacker] if label.get(attacker) == UNDEC else []) + open_


def explanations(evaluation: Evaluation, node: str) -> str:
    """The summary, what all labellings agree on for `node`, then its reasons in each labelling shown, each headed by its number."""
    parts = [evaluation.summary()]
    agreement = evaluation.agreement(node)
    if agreement:
        parts.append(agreement)
    shown = len(evaluation.labellings)
    for i in range(shown):
        head = f"labelling #{i + 1} of {evaluation.total}:\n" if evaluation.total > 1 else ""
        parts.append(head + explain(evaluation, node, i))
    return "\n".join(parts) + "\n"
