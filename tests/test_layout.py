"""Where nodes go: the thesis on top, supports above their premises, simple relations drawn as arrows, entities
underneath near the claims about them, and an entity page's subject below them all."""

from __future__ import annotations

from argmap.drawing.layout import ENTITY_BOX, ENTITY_GAP, bends, curve_points, levels, place
from argmap.drawing.mapdata import ArgumentMap, ClaimNode, Edge, EntityNode, RelationNode
from argmap.drawing.simplify import simplify


def claim(name: str, kind: str = "FactualClaim") -> ClaimNode:
    return ClaimNode(name, name, kind, name, "", "", "", (), False)


def relation(name: str, kind: str = "Inference") -> RelationNode:
    return RelationNode(name, name, kind, "", "")


# thesis ← a, b (linked); a ← c; d rebuts a; e undercuts the linked inference; thesis → recommendation
ARGUMENT = ArgumentMap(
    claims=(claim("thesis", "Thesis"), claim("a"), claim("b"), claim("c"), claim("d"), claim("e"),
            claim("rec", "Recommendation")),
    relations=(relation("linked"), relation("c-a"), relation("d-a", "Rebuttal"), relation("e-linked", "Undercut"),
               relation("thesis-rec")),
    edges=(
        Edge("a", "linked", "premise"), Edge("b", "linked", "premise"), Edge("linked", "thesis", "conclusion"),
        Edge("c", "c-a", "premise"), Edge("c-a", "a", "conclusion"),
        Edge("d", "d-a", "attacker"), Edge("d-a", "a", "target"),
        Edge("e", "e-linked", "attacker"), Edge("e-linked", "linked", "target"),
        Edge("thesis", "thesis-rec", "premise"), Edge("thesis-rec", "rec", "conclusion"),
    ),
)


def test_the_thesis_is_on_the_top_row_with_what_it_leads_to():
    row = levels(ARGUMENT)
    assert row["thesis"] == row["rec"] == 0


def test_premises_sit_below_their_conclusions_and_attackers_below_their_targets():
    row = levels(ARGUMENT)
    assert row["thesis"] < row["linked"] < row["a"] < row["c-a"] < row["c"]
    assert row["a"] < row["d-a"] < row["d"]
    assert row["linked"] < row["e-linked"] < row["e"]


def test_simple_relations_become_arrows_and_linked_or_attacked_ones_keep_their_node():
    drawn = simplify(ARGUMENT)
    assert {r.iri for r in drawn.relations} == {"linked"}
    arrows = {(e.source, e.target, e.role, e.relation) for e in drawn.edges if e.relation}
    assert arrows == {("c", "a", "support", "c-a"), ("d", "a", "rebut", "d-a"), ("e", "linked", "undercut", "e-linked"),
                      ("thesis", "rec", "support", "thesis-rec")}


def test_no_two_claims_share_a_place_and_placing_is_repeatable():
    drawn = simplify(ARGUMENT)
    where = place(drawn)
    claims = [where[c.iri] for c in drawn.claims]
    assert len(set(claims)) == len(claims)
    assert place(drawn) == where


# An entity's page: claims about Japan (the subject); the other entities they name, and how all are related.
def entity(name: str, kind: str = "State") -> EntityNode:
    return EntityNode(name, name, kind, name.title(), "")


ENTITY_PAGE = ArgumentMap(
    claims=(claim("thesis", "Thesis"), claim("west"), claim("middle"), claim("east")),
    relations=(relation("three"),),
    edges=(
        Edge("west", "three", "premise"), Edge("middle", "three", "premise"), Edge("east", "three", "premise"),
        Edge("three", "thesis", "conclusion"),
        Edge("west", "korea", "about"), Edge("east", "china", "about"), Edge("middle", "gsomia", "about"),
        Edge("west", "gsomia", "about"), Edge("east", "gsomia", "about"), Edge("thesis", "korea", "about"),
        Edge("japan", "korea", "disputes with"), Edge("korea", "japan", "disputes with"),
        Edge("japan", "gsomia", "party to"), Edge("korea", "gsomia", "party to"), Edge("japan", "china", "faces"),
        Edge("korea", "china", "faces"),
    ),
    entities=(entity("china"), entity("gsomia", "SecurityAgreement"), entity("japan"), entity("korea")),
    subject="japan",
)


def drawn_line(edge: Edge, where: dict, curves: dict, samples: int = 200) -> list[tuple[float, float]]:
    """Points along an edge as the page draws it: straight, or the curve `bends` gives it."""
    a, b = where[edge.source], where[edge.target]
    curve = curves.get((edge.source, edge.target, edge.role))
    if curve:
        return curve_points(a, b, *curve, steps=samples)
    return [(a[0] + (b[0] - a[0]) * i / samples, a[1] + (b[1] - a[1]) * i / samples) for i in range(samples + 1)]


def test_an_entity_pages_subject_stands_alone_below_everything_else():
    where = place(ENTITY_PAGE)
    x, y = where["japan"]
    assert all(other[1] < y for node, other in where.items() if node != "japan")


def test_the_subject_stands_below_even_when_all_the_other_entities_are_related_to_each_other():
    clique = tuple(entity(f"e{i}") for i in range(5))
    page = ArgumentMap((claim("c"),), (), tuple(Edge("c", e.iri, "about") for e in clique)
                       + tuple(Edge(a.iri, b.iri, "allied with") for a in clique for b in clique if a != b)
                       + tuple(Edge("subject", e.iri, "allied with") for e in clique),
                       clique + (entity("subject"),), subject="subject")
    where = place(page)
    assert all(where[node][1] < where["subject"][1] for node in where if node != "subject")


def test_the_other_entities_sit_below_the_claims_in_the_order_of_the_claims_about_them():
    where = place(ENTITY_PAGE)
    lowest_claim = max(where[c.iri][1] for c in ENTITY_PAGE.claims)
    assert all(where[e][1] > lowest_claim for e in ("korea", "gsomia", "china"))
    # korea is named by the west claim (and the thesis), china by the east one, gsomia by all three
    order = sorted(["west", "east"], key=lambda c: where[c][0])
    by_x = sorted(["korea", "china"], key=lambda e: where[e][0])
    assert by_x == (["korea", "china"] if order == ["west", "east"] else ["china", "korea"])


def test_adding_entities_does_not_move_the_claims():
    bare = ArgumentMap(ENTITY_PAGE.claims, ENTITY_PAGE.relations,
                       tuple(e for e in ENTITY_PAGE.edges if e.role in ("premise", "conclusion")))
    with_entities = place(ENTITY_PAGE)
    assert {node: with_entities[node] for node in place(bare)} == place(bare)


def test_no_edge_between_entities_runs_through_another_entity():
    drawn = simplify(ENTITY_PAGE)
    where = place(drawn)
    curves = bends(drawn, where)
    names = {e.iri for e in drawn.entities}
    half_w, half_h = ENTITY_BOX
    for edge in (e for e in drawn.edges if e.source in names and e.target in names):
        for other in names - {edge.source, edge.target}:
            x, y = where[other]
            assert not any(abs(px - x) < half_w and abs(py - y) < half_h for px, py in drawn_line(edge, where, curves)), \
                (edge, other)


def test_two_relations_between_the_same_entities_are_drawn_apart():
    drawn = simplify(ENTITY_PAGE)
    where = place(drawn)
    curves = bends(drawn, where)
    there = drawn_line(Edge("japan", "korea", "disputes with"), where, curves, samples=10)
    back = drawn_line(Edge("korea", "japan", "disputes with"), where, curves, samples=10)[::-1]
    middle = len(there) // 2
    assert abs(there[middle][0] - back[middle][0]) + abs(there[middle][1] - back[middle][1]) > 20


def test_an_edge_along_a_row_past_another_entity_curves_and_one_to_its_neighbour_stays_straight():
    row = ArgumentMap((), (), (Edge("a", "b", "next to"), Edge("a", "c", "beyond")),
                      (entity("a"), entity("b"), entity("c")))
    where = {"a": (0, 500), "b": (ENTITY_GAP, 500), "c": (2 * ENTITY_GAP, 500)}
    curves = bends(row, where)
    assert ("a", "b", "next to") not in curves
    assert ("a", "c", "beyond") in curves


def test_entities_on_one_row_keep_their_distance_and_many_take_more_rows():
    many = tuple(entity(f"e{i:02}") for i in range(60))
    crowd = ArgumentMap(ENTITY_PAGE.claims[:2], (), tuple(Edge("west", e.iri, "about") for e in many), many)
    where = place(crowd)
    rows: dict[int, list[int]] = {}
    for e in many:
        rows.setdefault(where[e.iri][1], []).append(where[e.iri][0])
    assert len(rows) > 1
    for xs in rows.values():
        xs.sort()
        assert all(b - a >= ENTITY_GAP - 1 for a, b in zip(xs, xs[1:]))


def test_an_entity_related_to_most_others_stands_above_them_in_a_gap():
    others = tuple(entity(f"e{i}") for i in range(5))
    hub_page = ArgumentMap(
        claims=(claim("c"),), relations=(),
        edges=tuple(Edge("c", e.iri, "about") for e in others + (entity("hub"),))
        + tuple(Edge("hub", e.iri, "party to") for e in others)
        + tuple(Edge("subject", e.iri, "party to") for e in others + (entity("hub"),)),
        entities=others + (entity("hub"), entity("subject")), subject="subject")
    where = place(hub_page)
    row_y = {where[e.iri][1] for e in others}
    assert len(row_y) == 1 and where["hub"][1] < row_y.pop() < where["subject"][1]
    assert all(abs(where["hub"][0] - where[e.iri][0]) >= ENTITY_GAP / 2 - 1 for e in others)


def test_placing_entities_and_their_curves_is_repeatable():
    drawn = simplify(ENTITY_PAGE)
    where = place(drawn)
    assert place(simplify(ENTITY_PAGE)) == where
    assert bends(drawn, where) == bends(simplify(ENTITY_PAGE), place(simplify(ENTITY_PAGE)))
