"""Where nodes go: the thesis on top, supports above their premises, simple relations drawn as arrows."""

from __future__ import annotations

from argmap.layout import levels, place
from argmap.mapdata import ArgumentMap, ClaimNode, Edge, RelationNode
from argmap.simplify import simplify


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
