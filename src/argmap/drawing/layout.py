"""Place every node of an argument map, so pages draw at once and the same data draws the same way.

Needs: an ArgumentMap. Gives: {node id: (x, y)}. Rows follow the argument —
the thesis and the claims nothing else rests on at the top, each inference
below its conclusion and above its premises, each attack below what it
attacks — and nodes in a row are ordered to keep connected nodes close (a few
barycentre sweeps, after Sugiyama). Domain entities go underneath, each near
the claims about it, and an entity page's subject alone below them with its
relations fanning up; `bends` says which edges between entities must curve so
that none runs through another entity or along another edge. Does not: draw.
"""

from __future__ import annotations

import math
from collections import defaultdict

from .mapdata import ArgumentMap

ROW_HEIGHT = 120
CLAIM_SPACING = 250
RELATION_GAP = 36
RELATION_RISE = 40
SWEEPS = 4
ENTITY_GAP = 180  # least distance between two entities on one row
ENTITY_ROW_HEIGHT = 130
SUBJECT_DROP = 260  # an entity page's subject sits this far below the last row of other entities
FAN = 0.25  # … or lower still, by this share of the half width of the rows: its edges then rise steeply enough
ASPECT = 2.0  # entities may spread as wide as this many times the drawing's height (screens are wide)
ENTITY_BOX = (50, 16)  # about half the width and height of an entity's middle: what an edge must not cross
CURVES = (0.15, 0.25, 0.35, 0.5)  # the roundness a curve around an entity tries, gentlest first
PAIR_CURVES = (0.2, 0.35, 0.5, 0.65)  # … and two edges between the same entities, far enough apart for labels
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
    relations = {r.iri for r in argument.relations}
    neighbours: dict[str, set[str]] = defaultdict(set)
    for edge in argument.edges:
        if edge.source in level and edge.target in level:  # the argument alone decides the order of its rows
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
    _place_entities(argument, position, (max(level.values(), default=-2) + 2) * ROW_HEIGHT)
    return position


def _spread(wanted: list[tuple[float, str]], gap: float) -> list[tuple[float, str]]:
    """Points on a line, in order, pushed apart to at least `gap`, then shifted back to their wanted mean."""
    wanted = sorted(wanted)
    placed: list[tuple[float, str]] = []
    for x, node in wanted:
        if placed and x < placed[-1][0] + gap:
            x = placed[-1][0] + gap
        placed.append((x, node))
    shift = (sum(w for w, _ in wanted) - sum(p for p, _ in placed)) / len(placed) if placed else 0.0
    return [(x + shift, node) for x, node in placed]


def _place_relations(row: list[str], number: int, neighbours, position) -> None:
    """Relation nodes sit under the middle of the claims they join, pushed apart where they would overlap."""
    wanted = []
    for node in row:
        xs = [position[n][0] for n in neighbours[node] if n in position]
        wanted.append((sum(xs) / len(xs) if xs else 0.0, node))
    for x, node in _spread(wanted, RELATION_GAP):
        # a little above the row's claims, so a relation never sits on a claim's box
        position[node] = (round(x), number * ROW_HEIGHT - RELATION_RISE)


def _place_entities(argument: ArgumentMap, position: dict[str, tuple[int, int]], top: int) -> None:
    """Entities below the claims, each under the claims about it; an entity page's subject beneath them all.

    Each wants the mean x of the claims about it (of its related entities, if
    no claim names it). They are spread along a line and dealt left to right to
    as few rows as a wide screen allows (one, mostly), each to a row where it
    has room and, if it can, no related entity it would not stand next to. On
    an entity page the subject stands alone below them, its relations fanning
    up, and any entity related to most of the others stands above them, in a
    gap, its relations fanning down: neither runs along the row.
    """
    entities = {e.iri for e in argument.entities}
    if not entities:
        return
    subject = argument.subject if argument.subject in entities else ""
    about: dict[str, list[tuple[int, int]]] = defaultdict(list)  # where the claims about each entity are
    related: dict[str, set[str]] = defaultdict(set)
    for edge in argument.edges:
        if edge.target in entities and edge.source in position:
            about[edge.target].append(position[edge.source])
        elif edge.source in entities and edge.target in entities and edge.source != edge.target:
            related[edge.source].add(edge.target)
            related[edge.target].add(edge.source)
    others = sorted(entities - {subject})
    wanted = {e: sum(x for x, _ in about[e]) / len(about[e]) for e in others if about[e]}
    for entity in others:
        if entity not in wanted:
            near = [wanted[n] for n in sorted(related[entity]) if n in wanted]
            wanted[entity] = sum(near) / len(near) if near else 0.0
    hubs = [e for e in others if subject and len(related[e] - {subject}) >= max(3, (len(others) - 1) / 2)]
    if len(hubs) < len(others):  # (when all are related to each other, none stands out)
        others = [e for e in others if e not in hubs]
    else:
        hubs = []
    xs, ys = [x for x, _ in position.values()] or [0], [y for _, y in position.values()] or [0]
    room = max(max(xs) - min(xs), ASPECT * (max(ys) - min(ys) + 2 * ROW_HEIGHT + SUBJECT_DROP)) + ENTITY_GAP
    count = max(1, math.ceil(len(others) * ENTITY_GAP / room))
    rows: list[list[tuple[float, str]]] = [[] for _ in range(count)]
    for x, entity in _spread([(wanted[e], e) for e in others], ENTITY_GAP / count):
        def cost(number: int) -> tuple[int, float, int]:
            row = rows[number]
            last = row[-1][1] if row else ""
            apart = sum(1 for _, other in row if other in related[entity] and other != last)
            return (apart, row[-1][0] if row else float("-inf"), number)
        roomy = [n for n in range(count) if not rows[n] or rows[n][-1][0] <= x - ENTITY_GAP + 1e-6]
        rows[min(roomy, key=cost)].append((x, entity))
    rows = [row for row in rows if row]
    line = [x for row in rows for x, _ in row] or [0.0]
    fan = max(SUBJECT_DROP, FAN * (max(line) - min(line)) / 2)  # steep enough not to graze an entity on the way
    y = top
    if hubs:  # each in one of the gaps of the row below nearest it, where the fewest edges down to that row cross it
        below = [x for x, _ in rows[0]]
        gaps = [(a + b) / 2 for a, b in zip(below, below[1:])] + [below[0] - ENTITY_GAP, below[-1] + ENTITY_GAP]
        lines = [(claim, (x, top + fan)) for x, entity in rows[0] for claim in about[entity]]
        for x, hub in _spread([(wanted[h], h) for h in hubs], ENTITY_GAP):
            if gaps:
                nearest = sorted(gaps, key=lambda gap: (abs(gap - x), gap))[:3]
                x = min(nearest, key=lambda gap: (sum(1 for a, b in lines if _through(a, b, (gap, top))),
                                                  abs(gap - x), gap))
                gaps.remove(x)
            position[hub] = (round(x), top)
        y += round(fan)
    for number, row in enumerate(rows):
        for x, entity in row:
            position[entity] = (round(x), y + number * ENTITY_ROW_HEIGHT)
    if subject:
        bottom = y + (len(rows) - 1) * ENTITY_ROW_HEIGHT + round(fan) if rows else top
        position[subject] = (round((min(line) + max(line)) / 2), bottom)


def bends(argument: ArgumentMap, position: dict[str, tuple[int, int]]) -> dict[tuple[str, str, str], tuple[str, float]]:
    """The edges between entities that must curve, by (source, target, role): vis-network's curve type and roundness.

    An edge is straight if that clears every other entity (a straight edge
    that would run through one would also run along any edge to it on the same
    line). Otherwise it takes the gentlest curve that clears them and keeps
    out of an entity page's subject's fan (it bends up, not down below both
    its ends: a faint about-edge may be crossed, the subject's relations not),
    on the side where it crosses fewer other edges between entities. Two edges
    joining the same two entities both curve, never along the same line.
    Straight edges are not listed.
    """
    known = {e.iri for e in argument.entities}
    between = [e for e in argument.edges if e.source in known and e.target in known and e.source != e.target]
    pairs: dict[tuple[str, str], list] = defaultdict(list)
    for edge in between:
        pairs[tuple(sorted((edge.source, edge.target)))].append(edge)
    boxes = sorted(position[n] for n in known)
    shapes = [("", 0.0)] + [(kind, roundness) for roundness in CURVES for kind in ("curvedCW", "curvedCCW")]
    apart = [(kind, roundness) for roundness in PAIR_CURVES for kind in ("curvedCW", "curvedCCW")]
    flipped = {"": "", "curvedCW": "curvedCCW", "curvedCCW": "curvedCW"}
    bent: dict[tuple[str, str, str], tuple[str, float]] = {}
    for (first, _), edges in sorted(pairs.items()):
        a_end, b_end = position[edges[0].source], position[edges[0].target]
        others = [p for p in boxes if p != a_end and p != b_end]
        lines = [(position[e.source], position[e.target]) for e in between
                 if {e.source, e.target}.isdisjoint((edges[0].source, edges[0].target))]
        taken: set[tuple[str, float]] = set()  # the lines already drawn between these two, seen from `first`
        fan = argument.subject in known and argument.subject not in (edges[0].source, edges[0].target)
        for edge in edges:
            a, b = position[edge.source], position[edge.target]
            tried = []
            for index, (kind, roundness) in enumerate(shapes if len(edges) == 1 else apart):
                if (kind if edge.source == first else flipped[kind], roundness) in taken:
                    continue
                points = curve_points(a, b, kind, roundness) if kind else [a, b]
                hits = _hits(points, others)
                if not kind and not hits:
                    break
                # on an entity's page, dipping below both ends would run into the subject's fan
                dips = bool(fan) and max(p[1] for p in points) > max(a[1], b[1]) + 1
                tried.append(((hits, dips), not kind, index, (kind, roundness), points))
            else:  # nothing straight: the gentlest curve that clears the most, on the side crossing fewer edges
                best = min(((t[0], t[1], t[3][1]) for t in tried), default=None)
                scored = [(_crossings(points, lines), index, shape)
                          for clash, straight, index, shape, points in tried if (clash, straight, shape[1]) == best]
                # (more edges between two entities than there are curves to try: each further out)
                chosen = min(scored)[2] if scored else ("curvedCW", round(0.2 + 0.15 * len(taken), 2))
                taken.add((chosen[0] if edge.source == first else flipped[chosen[0]], chosen[1]))
                if chosen[0]:
                    bent[(edge.source, edge.target, edge.role)] = chosen
                continue
            taken.add(("", 0.0))
    return bent


def curve_points(a: tuple[int, int], b: tuple[int, int], kind: str, roundness: float, steps: int = 12):
    """Points along an edge as vis-network draws it with `smooth` of this type: a quadratic Bézier curve."""
    dx, dy = b[0] - a[0], a[1] - b[1]
    length = math.hypot(dx, dy)
    turn = 0.5 * roundness + 0.5 if kind == "curvedCW" else -0.5 * roundness + 0.5
    angle = (math.atan2(dy, dx) + turn * math.pi) % (2 * math.pi)
    via = (a[0] + (0.5 * roundness + 0.5) * length * math.sin(angle),
           a[1] + (0.5 * roundness + 0.5) * length * math.cos(angle))
    return [((1 - t) ** 2 * a[0] + 2 * (1 - t) * t * via[0] + t * t * b[0],
             (1 - t) ** 2 * a[1] + 2 * (1 - t) * t * via[1] + t * t * b[1])
            for t in (i / steps for i in range(steps + 1))]


def _segments(points) -> list[tuple]:
    """The steps of a line through `points`, each with its bounding box (left, right, top, bottom)."""
    return [(p, q, min(p[0], q[0]), max(p[0], q[0]), min(p[1], q[1]), max(p[1], q[1]))
            for p, q in zip(points, points[1:])]


def _hits(points, nodes) -> int:
    """How many of the entities drawn at `nodes` the line through `points` passes through."""
    steps, (half_w, half_h) = _segments(points), ENTITY_BOX
    left, right = min(s[2] for s in steps) - half_w, max(s[3] for s in steps) + half_w
    top, bottom = min(s[4] for s in steps) - half_h, max(s[5] for s in steps) + half_h
    return sum(1 for x, y in nodes if left < x < right and top < y < bottom and any(
        s[2] - half_w < x < s[3] + half_w and s[4] - half_h < y < s[5] + half_h and _through(s[0], s[1], (x, y))
        for s in steps))


def _crossings(points, lines) -> int:
    """How many of `lines` (pairs of ends) the line through `points` crosses."""
    steps = _segments(points)
    left, right = min(s[2] for s in steps), max(s[3] for s in steps)
    top, bottom = min(s[4] for s in steps), max(s[5] for s in steps)
    count = 0
    for c, d in lines:
        x0, x1, y0, y1 = min(c[0], d[0]), max(c[0], d[0]), min(c[1], d[1]), max(c[1], d[1])
        if x0 > right or x1 < left or y0 > bottom or y1 < top:
            continue
        count += any(x0 <= s[3] and x1 >= s[2] and y0 <= s[5] and y1 >= s[4] and _crosses(s[0], s[1], c, d)
                     for s in steps)
    return count


def _crosses(a, b, c, d) -> bool:
    """Whether the segments a–b and c–d cross."""
    def side(p, q, r) -> float:
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])
    return side(a, b, c) * side(a, b, d) < 0 and side(c, d, a) * side(c, d, b) < 0


def _through(a, b, node) -> bool:
    """Whether the segment a–b passes through the box of an entity drawn at `node` (Liang–Barsky clipping)."""
    (half_w, half_h), (dx, dy) = ENTITY_BOX, (b[0] - a[0], b[1] - a[1])
    low, high = 0.0, 1.0
    for step, start, lo, hi in ((dx, a[0], node[0] - half_w, node[0] + half_w),
                                (dy, a[1], node[1] - half_h, node[1] + half_h)):
        if step == 0:
            if not lo < start < hi:
                return False
            continue
        t1, t2 = sorted(((lo - start) / step, (hi - start) / step))
        low, high = max(low, t1), min(high, t2)
    return low < high
