"""Place every node of an argument map, so pages draw at once and the same data draws the same way.

Needs: an ArgumentMap. Gives: {node id: (x, y)}. Rows follow the argument —
the thesis and the claims nothing else rests on at the top, each inference
below its conclusion and above its premises, each attack below what it
attacks — and nodes in a row are ordered to keep connected nodes close (a few
barycentre sweeps, after Sugiyama). Does not: draw.
"""

from __future__ import annotations

from collections import defaultdict

from .mapdata import ArgumentMap

ROW_HEIGHT = 120
CLAIM_SPACING = 250
RELATION_GAP = 36
RELATION_RISE = 40
SWEEPS = 4
#: Edges along which the lower node supports the upper one.
SUPPORTS = ("premise", "conclusion", "support")


def levels(argument: ArgumentMap) -> dict[str, int]:
    """A row for every node: conclusions above their inferences above their premises; attacks below their target."""
    nodes = sorted({c.iri for c in argument.claims} | {r.iri for r in argument.relations})
    theses = {c.iri for c in argument.claims if c.kind == "Thesis"}
    parents: dict[str, list[str]] = defaultdict(list)
    for edge in argument.edges:
        if edge.role in SUPPORTS and edge.source not in theses:
            parents[edge.source].append(edge.target)
    children: dict[str, list[str]] = defaultdict(list)
    for node, above in parents.items():
        for parent in above:
            children[parent].append(node)
    level = {node: 0 for node in nodes}
    waiting = {node: len(parents[node]) for node in nodes}
    ready = [node for node in nodes if waiting[node] == 0]
    for node in ready:  # Kahn's order: the list grows as parents are placed
        for child in sorted(children[node]):
            level[child] = max(level[child], level[node] + 1)
            waiting[child] -= 1
            if waiting[child] == 0:
                ready.append(child)
    supported = {node for node in nodes if parents[node]}
    attacks = [(e.source, e.target) for e in argument.edges if e.role in ("target", "rebut", "undercut")]
    attackers = [(e.source, e.target) for e in argument.edges if e.role == "attacker"]
    for _ in range(len(attacks) + 1):  # an attack may target an attack: settle until nothing moves
        moved = False
        for conflict, target in attacks:  # a conflict node, or an attacker drawn with a direct arrow
            if conflict not in supported and conflict not in theses and level[conflict] < level[target] + 1:
                level[conflict], moved = level[target] + 1, True
        for attacker, conflict in attackers:
            if attacker not in supported and attacker not in theses and level[attacker] < level[conflict] + 1:
                level[attacker], moved = level[conflict] + 1, True
        if not moved:
            break
    return level


def place(argument: ArgumentMap) -> dict[str, tuple[int, int]]:
    """x and y for every node, in pixels: rows by `levels`, order within rows by barycentre sweeps."""
    level = levels(argument)
    bottom = max(level.values(), default=-2) + 2
    level.update({entity.iri: bottom for entity in argument.entities})  # what the claims are about, underneath
    relations = {r.iri for r in argument.relations}
    neighbours: dict[str, set[str]] = defaultdict(set)
    for edge in argument.edges:
        neighbours[edge.source].add(edge.target)
        neighbours[edge.target].add(edge.source)
    rows: dict[int, list[str]] = defaultdict(list)
    for node in sorted(level):
        rows[level[node]].append(node)
    rank = {node: i / max(1, len(row) - 1) for row in rows.values() for i, node in enumerate(row)}
    order = sorted(rows)
    for sweep in range(SWEEPS):
        downward = sweep % 2 == 0
        for number in order if downward else reversed(order):
            row = rows[number]
            def key(node: str) -> tuple[float, str]:
                near = [rank[n] for n in neighbours[node] if (level[n] < number if downward else level[n] > number)]
                return (sum(near) / len(near) if near else rank[node], node)
            row.sort(key=key)
            for i, node in enumerate(row):
                rank[node] = i / max(1, len(row) - 1)
    theses = {c.iri for c in argument.claims if c.kind == "Thesis"}
    for row in rows.values():  # the thesis stands in the middle of its row
        for thesis in [n for n in row if n in theses]:
            row.remove(thesis)
            row.insert(len(row) // 2, thesis)
    position: dict[str, tuple[int, int]] = {}
    for number, row in rows.items():
        claims = [n for n in row if n not in relations]
        for i, node in enumerate(claims):
            position[node] = (round((i - (len(claims) - 1) / 2) * CLAIM_SPACING), number * ROW_HEIGHT)
    for number, row in rows.items():
        _place_relations([n for n in row if n in relations], number, neighbours, position)
    return position


def _place_relations(row: list[str], number: int, neighbours, position) -> None:
    """Relation nodes sit under the middle of the claims they join, pushed apart where they would overlap."""
    wanted = []
    for node in row:
        xs = [position[n][0] for n in neighbours[node] if n in position]
        wanted.append((sum(xs) / len(xs) if xs else 0.0, node))
    wanted.sort()
    placed: list[tuple[float, str]] = []
    for x, node in wanted:
        if placed and x < placed[-1][0] + RELATION_GAP:
            x = placed[-1][0] + RELATION_GAP
        placed.append((x, node))
    shift = (sum(w for w, _ in wanted) - sum(p for p, _ in placed)) / len(placed) if placed else 0.0
    for x, node in placed:
        # a little above the row's claims, so a relation never sits on a claim's box
        position[node] = (round(x + shift), number * ROW_HEIGHT - RELATION_RISE)
