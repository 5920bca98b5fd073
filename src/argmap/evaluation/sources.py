"""Evaluate across sources: the map without the sources a user sets aside, and what that changes.

Needs: a Structure that knows which source records each node (read from a
project, `structure.read_structure`). Gives: the map without some sources,
which nodes it no longer counts and why, and the lines `argmap eval` prints
about the sources counted and what setting some aside changes. Does not:
label anything (`evaluate` does).

Setting a source aside withdraws its word; it does not deny it. Its claims
are no longer asserted, but they are not taken to be false: a claim another
source's argument concludes (through a link recorded apart from both) still
counts, and stands or falls by that argument. The inferences and conflicts
the source records go with it. A relation recorded anywhere else counts only
while everything it needs counts: an inference all its premises (it cannot
hold on fewer), a conflict its attacker and what it attacks. Taking the
claims as false instead (as `--reject` does with one claim) would answer
another question, "what if this source were wrong?": it would bring down a
claim that another source supports on its own grounds, and keep the
source's claims in the count as out, as if someone had refuted them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from ..errors import InputError
from ..model.names import suggestion
from .semantics import IN, LABELS, OUT, UNDEC
from .structure import Structure

SHOWN = {IN: "in", OUT: "out", UNDEC: "undecided", None: "not counted"}


def without(structure: Structure, slugs) -> tuple[Structure, tuple[str, ...]]:
    """The map without what the sources named by `slugs` assert and record, and those slugs in order."""
    if not structure.origins:
        raise InputError("this map does not say which source records what, so no source can be set aside",
                         fix="evaluate a project (argmap eval -C DIR), whose claims files describe their sources")
    if not structure.sources:
        raise InputError("no claims file of this project describes a source (an arg:Source), so none can be set aside",
                         fix="describe each source in its claims file (argmap add source does)")
    for slug in slugs:
        if slug not in structure.sources:
            raise InputError(f"no source named {slug!r}",
                             fix=suggestion(slug, structure.sources, f"the sources are {', '.join(sorted(structure.sources))}"))
    aside = tuple(sorted(set(slugs)))
    kept = lambda node: not set(structure.origins.get(node, ())) or bool(set(structure.origins[node]) - set(aside))  # noqa: E731
    argued: dict = {}  # claim → the units whose own inferences conclude it
    for iri, inf in structure.inferences.items():
        argued.setdefault(inf.conclusion, set()).update(structure.origins.get(iri, ("",)))
    claims = {c for c in structure.claims if kept(c)}
    given = {c for c in claims if set(structure.origins.get(c, ("",))) - set(aside) - argued.get(c, set())}
    inferences: set = set()
    pending = {i for i in structure.inferences if kept(i)}
    while True:  # a claim no kept source asserts counts when a counted inference concludes it
        ready = {i for i in pending if all(_counted(p, claims, structure) for p in structure.inferences[i].premises)}
        if not ready:
            break
        inferences |= ready
        pending -= ready
        claims |= {structure.inferences[i].conclusion for i in ready} & structure.claims.keys()
    nodes = set(structure.nodes)
    conflicts: set = set()
    pending = {k for k, c in structure.conflicts.items() if kept(k) and _counted(c.attacker, claims, structure)}
    while True:  # an undercut counts while what it attacks counts
        there = claims | inferences | conflicts
        ready = {k for k in pending if structure.conflicts[k].target in there or structure.conflicts[k].target not in nodes}
        if not ready:
            break
        conflicts |= ready
        pending -= ready
    counted = claims | inferences | conflicts
    absent = {n: _why(structure, n, aside, claims, inferences, conflicts) for n in structure.nodes if n not in counted}
    reduced = replace(
        structure,
        claims={c: k for c, k in structure.claims.items() if c in claims},
        inferences={i: v for i, v in structure.inferences.items() if i in inferences},
        conflicts={k: v for k, v in structure.conflicts.items() if k in conflicts},
        given=frozenset(given),
        absent=absent,
    )
    return reduced, aside


def _counted(node: str, claims: set, structure: Structure) -> bool:
    """Whether a premise or attacker counts: a counted claim, or a name the map never defined (left to be missing)."""
    return node in claims or node not in structure.claims


def _why(structure: Structure, node: str, aside: tuple, claims: set, inferences: set, conflicts: set) -> tuple[str, str]:
    """(kind of node, why it is not counted), in words."""
    units = structure.origins.get(node, ())
    by = " and ".join(units)
    kind = "claim" if node in structure.claims else "inference" if node in structure.inferences else "conflict"
    if units and not set(units) - set(aside):
        if kind == "claim":
            return kind, f"only {by} asserts it, and nothing counted concludes it"
        return kind, f"{by}, which records it, is set aside"
    name = structure.names.get
    if kind == "inference":
        missing = [p for p in structure.inferences[node].premises if p not in claims and p in structure.claims]
        return kind, f"its premise {name(missing[0])} is not counted"
    conflict = structure.conflicts[node]
    if conflict.attacker not in claims and conflict.attacker in structure.claims:
        return kind, f"its attacker {name(conflict.attacker)} is not counted"
    return kind, f"what it attacks, {name(conflict.target, conflict.target)}, is not counted"


def counted_lines(evaluation) -> list[str]:
    """Which sources (and files of links) an evaluation counts, and which it sets aside, each with what it holds."""
    s = evaluation.structure
    if not s.sources:
        return []
    tally = _tally(s)
    counted = [u for u in sorted(s.sources) if u not in evaluation.set_aside]
    parts = [f"{u} ({_plural(tally[u, 'claim'], 'claim') if i == 0 else tally[u, 'claim']})" for i, u in enumerate(counted)]
    links = [u for u in s.units if u not in s.sources]
    line = f"counted: {_plural(len(counted), 'source')}, {_series(parts)}" if counted else "counted: no source"
    if links:
        line += f", and the links between them in {_series([f'{u} ({_relations(tally, u)})' for u in links])}"
    lines = [line]
    if evaluation.set_aside:
        aside = []
        for unit in evaluation.set_aside:
            still, own = tally[unit, "claim"], tally[unit, "claim"] + tally[unit, "absent claim"]
            note = f"; {still} still counted on another source's argument" if still else ""
            aside.append(f"{unit} ({_plural(own, 'claim')}, not asserted{note})")
        lines.append(f"set aside: {_series(aside)}")
    return lines


def _tally(s: Structure) -> Counter:
    """How many claims, inferences and conflicts each unit records, counted or ("absent …") not."""
    tally: Counter = Counter()
    for kind, nodes in (("claim", s.claims), ("inference", s.inferences), ("conflict", s.conflicts)):
        for node in nodes:
            tally.update((unit, kind) for unit in s.origins.get(node, ()))
    for node, (kind, _) in s.absent.items():
        tally.update((unit, f"absent {kind}") for unit in s.origins.get(node, ()))
    return tally


def _relations(tally: Counter, unit: str) -> str:
    """How many supports and attacks a file of links records that count, and how many do not."""
    counts = []
    for what, kind in (("support", "inference"), ("attack", "conflict")):
        here, gone = tally[unit, kind], tally[unit, f"absent {kind}"]
        counts.append(f"{here} of {_plural(here + gone, what)}" if gone else _plural(here, what))
    return ", ".join(counts)


def changes(evaluation) -> list[str]:
    """What setting sources aside changes: the claims whose status differs from the evaluation with every source."""
    base, s = evaluation.baseline, evaluation.structure
    if base is None:
        return []
    full = base.structure
    counts = base.claim_counts() if base.total else None
    were = (f"{counts['in']} in, {counts['out']} out, {counts['undec']} undecided" if counts else "no labelling")
    supports: dict = {}
    for iri, inf in s.inferences.items():
        supports.setdefault(inf.conclusion, []).append(iri)
    restatings = _restatings(s)
    rows, quiet, changed = [], dict.fromkeys(LABELS, 0), False
    for claim in sorted(full.claims, key=lambda c: full.names[c]):
        was = base.status(claim) if base.total else None
        now = evaluation.status(claim) if claim in s.claims and evaluation.total else None
        if claim in s.claims and not set(full.origins.get(claim, ())) - set(evaluation.set_aside):
            held = sorted(i for i in supports.get(claim, ()) if evaluation.status(i) == IN)
            note = "not asserted; " + (f"stands on {full.names[held[0]]}" if held else "no argument for it holds")
        elif claim not in s.claims:
            restating = restatings.get(claim)
            if not restating:
                quiet[was or UNDEC] += 1
                continue
            note = f"{s.shown(restating)} restates it and is {SHOWN[evaluation.status(restating)]}"
        elif was == now:
            continue
        else:
            note, changed = full.labels[claim], True
        rows.append((SHOWN[was], SHOWN[now], full.shown(claim), note))
    lines = [f"against every source counted ({len(full.claims)} claims, {were}):"]
    if rows:
        header = ("was", "now", "claim", "")
        widths = [max(len(r[i]) for r in [header, *rows]) for i in range(3)]
        lines += [("  ".join(cell.ljust(w) for cell, w in zip(r, widths)) + "  " + r[3]).rstrip() for r in [header, *rows]]
    if sum(quiet.values()):
        was = ", ".join(f"{n} {SHOWN[v]}" for v, n in quiet.items() if n)
        lines.append(f"not counted: {_plural(sum(quiet.values()), 'more claim' if rows else 'claim')} of {_series(list(evaluation.set_aside))} "
                     f"(were {was})")
    if not changed:
        lines.append("no claim of the sources counted changes its status")
    return lines


def _restatings(s: Structure) -> dict[str, str]:
    """Each claim restated by a counted claim (or restating one), and the first such counted claim."""
    found: dict[str, str] = {}
    for a, b in sorted(s.restatements.values()):
        for claim, other in ((a, b), (b, a)):
            if other in s.claims:
                found.setdefault(claim, other)
    return found


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _series(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1] if parts else "none"


def source_document(evaluation) -> dict:
    """The sources of an evaluation for its JSON: counted, set aside, what is not counted and why, what changes."""
    s = evaluation.structure
    if not s.sources:
        return {}
    document = {
        "sources": {"counted": [u for u in sorted(s.sources) if u not in evaluation.set_aside],
                    "setAside": list(evaluation.set_aside),
                    "links": [u for u in s.units if u not in s.sources]},
        "origins": {s.names[n]: list(s.origins.get(n, ())) for n in sorted(s.nodes, key=s.names.get)},
    }
    if evaluation.baseline is not None:
        base = evaluation.baseline
        document["notCounted"] = {s.names[n]: why for n, (_, why) in sorted(s.absent.items(), key=lambda item: s.names[item[0]])}
        shown = lambda ev, n: SHOWN[ev.status(n)] if ev.total and n in ev.structure.claims else SHOWN[None]  # noqa: E731
        document["changes"] = {base.structure.names[c]: {"was": shown(base, c), "now": shown(evaluation, c)}
                               for c in sorted(base.structure.claims, key=base.structure.names.get)
                               if shown(base, c) != shown(evaluation, c)}
    return document
