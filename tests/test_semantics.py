"""Dung semantics through argmap's solver, checked against frameworks whose extensions the literature gives,
and against two published solvers, py_arg (python-argumentation) and pygarg (SAT-based, ICCMA style).

Sources: Dung (1995), "On the acceptability of arguments and its fundamental
role in nonmonotonic reasoning, logic programming and n-person games", AIJ 77;
Caminada (2006), "On the issue of reinstatement in argumentation", JELIA, and
"Semi-stable semantics", COMMA; Dung, Mancarella & Toni (2007), "Computing
ideal sceptical argumentation", AIJ 171; Baroni, Caminada & Giacomin (2011),
"An introduction to argumentation semantics", Knowledge Engineering Review
26(4) (odd and even cycles, floating reinstatement, self-attack, a framework
with no stable extension).
"""

from __future__ import annotations

import random

import pytest

from argmap.evaluation import semantics as dung
from argmap.evaluation.solver import Solver

# name: (arguments, attacks, grounded extension, preferred extensions, stable extensions)
TEXTBOOK = {
    # Dung 1995: two arguments attacking each other (the Nixon diamond): nothing is sceptically
    # justified, and each side is a preferred and a stable extension.
    "mutual attack": ("ab", ["ab", "ba"], "", ["a", "b"], ["a", "b"]),
    # Dung 1995 / Caminada 2006: reinstatement: a defends c against b.
    "reinstatement chain": ("abc", ["ab", "bc"], "ac", ["ac"], ["ac"]),
    # Baroni et al. 2011: an odd cycle has the empty preferred extension and no stable one.
    "odd cycle of three": ("abc", ["ab", "bc", "ca"], "", [""], []),
    # Baroni et al. 2011: an even cycle of four splits in two.
    "even cycle of four": ("abcd", ["ab", "bc", "cd", "da"], "", ["ac", "bd"], ["ac", "bd"]),
    # Baroni et al. 2011: floating reinstatement: d is in every preferred extension, yet not grounded.
    "floating reinstatement": ("abcd", ["ab", "ba", "ac", "bc", "cd"], "", ["ad", "bd"], ["ad", "bd"]),
    # Baroni et al. 2011: a self-attacking argument is never accepted, and leaves no stable extension.
    "self-attack": ("ab", ["aa", "ab"], "", [""], []),
    # Preferred but not stable: {a} is preferred, yet leaves the self-attacking c unattacked.
    "preferred is not always stable": ("abc", ["ab", "ba", "bc", "cc"], "", ["a", "b"], ["b"]),
    # An odd cycle broken from outside: a knocks out b, which reinstates c and then d falls.
    "odd cycle attacked from outside": ("abcd", ["ab", "bc", "cd", "db"], "ac", ["ac"], ["ac"]),
    # Dung, Mancarella & Toni 2007: a defends itself against the self-defeating b: ideal, but not grounded.
    "ideal beyond grounded": ("ab", ["ab", "ba", "bb"], "", ["a"], ["a"]),
}

# name: (complete extensions, semi-stable extensions, ideal extension), for the frameworks above
MORE = {
    "mutual attack": (["", "a", "b"], ["a", "b"], ""),
    "reinstatement chain": (["ac"], ["ac"], "ac"),
    "odd cycle of three": ([""], [""], ""),
    "even cycle of four": (["", "ac", "bd"], ["ac", "bd"], ""),
    # the preferred extensions share {d}, which is not admissible (nothing in it answers c): ideal is empty
    "floating reinstatement": (["", "ad", "bd"], ["ad", "bd"], ""),
    "self-attack": ([""], [""], ""),
    # Caminada 2006: semi-stable keeps the preferred extension with the larger range, here the stable one
    "preferred is not always stable": (["", "a", "b"], ["b"], ""),
    "odd cycle attacked from outside": (["ac"], ["ac"], "ac"),
    "ideal beyond grounded": (["", "a"], ["a"], "a"),
}


def framework(arguments: str, attacks: list[str]):
    return dung.normalise(list(arguments), [(a[0], a[1]) for a in attacks])


def sets(extensions) -> set[frozenset]:
    return {frozenset(e) for e in extensions}


def solved(af, semantics) -> set[frozenset]:
    return sets(Solver(af).extensions(semantics))


SEMANTICS = ["grounded", "complete", "preferred", "stable", "semi-stable", "ideal"]


@pytest.mark.parametrize("name", TEXTBOOK)
def test_grounded_extension_of_textbook_framework(name):
    arguments, attacks, grounded, _, _ = TEXTBOOK[name]
    labelling, _ = dung.grounded(framework(arguments, attacks))
    assert dung.extension(labelling) == frozenset(grounded)


@pytest.mark.parametrize("name", TEXTBOOK)
def test_preferred_extensions_of_textbook_framework(name):
    arguments, attacks, _, preferred, _ = TEXTBOOK[name]
    assert solved(framework(arguments, attacks), "preferred") == sets(preferred)


@pytest.mark.parametrize("name", TEXTBOOK)
def test_stable_extensions_of_textbook_framework(name):
    arguments, attacks, _, _, stable = TEXTBOOK[name]
    assert solved(framework(arguments, attacks), "stable") == sets(stable)


@pytest.mark.parametrize("name", TEXTBOOK)
def test_complete_semi_stable_and_ideal_extensions_of_textbook_framework(name):
    arguments, attacks, *_ = TEXTBOOK[name]
    complete, semi_stable, ideal = MORE[name]
    af = framework(arguments, attacks)
    assert solved(af, "complete") == sets(complete)
    assert solved(af, "semi-stable") == sets(semi_stable)
    assert solved(af, "ideal") == {frozenset(ideal)}


def test_every_complete_extension_gives_a_complete_labelling():
    for arguments, attacks, *_ in TEXTBOOK.values():
        af = framework(arguments, attacks)
        for extension in Solver(af).extensions("complete"):
            assert dung.is_complete(af, dung.labelling(af, extension))


def test_grounded_rounds_order_reasons_before_what_they_decide():
    _, rank = dung.grounded(framework("abc", ["ab", "bc"]))
    assert rank["a"] < rank["b"] < rank["c"]


@pytest.mark.parametrize("semantics", SEMANTICS)
def test_the_empty_framework_has_the_empty_extension_under_every_semantics(semantics):
    assert list(Solver({}).extensions(semantics)) == [frozenset()]
    assert Solver({}).count(semantics) == 1


def test_isolated_arguments_are_in_every_extension():
    af = framework("abc", ["ab", "ba"])
    for semantics in SEMANTICS:
        assert all("c" in e for e in Solver(af).extensions(semantics)), semantics


def test_a_lone_self_attacking_argument_has_no_stable_extension_and_is_never_accepted():
    af = framework("a", ["aa"])
    assert list(Solver(af).extensions("stable")) == []
    assert Solver(af).count("stable") == 0
    assert Solver(af).some("stable") is None
    assert solved(af, "preferred") == {frozenset()}
    assert Solver(af).credulous("preferred", "a") == (False, None)


def test_arguments_may_be_any_hashable_names():
    af = dung.normalise([("not", "x"), "x", 3], [("x", ("not", "x")), (3, "x")])
    assert solved(af, "preferred") == {frozenset({3, ("not", "x")})}


def random_frameworks(count: int, seed: int = 20261124, largest: int = 8):
    """Seeded random frameworks of 1 to `largest` arguments, self-attacks included, sparse to dense."""
    rng = random.Random(seed)
    for _ in range(count):
        arguments = [f"a{i}" for i in range(rng.randint(1, largest))]
        density = rng.choice([0.1, 0.2, 0.3, 0.5])
        attacks = [(x, y) for x in arguments for y in arguments if rng.random() < density]
        yield arguments, attacks


def test_agrees_with_py_arg_on_random_frameworks():
    from py_arg.abstract_argumentation_classes.abstract_argumentation_framework import AbstractArgumentationFramework
    from py_arg.abstract_argumentation_classes.argument import Argument
    from py_arg.abstract_argumentation_classes.defeat import Defeat
    from py_arg.algorithms.semantics.get_complete_extensions import get_complete_extensions
    from py_arg.algorithms.semantics.get_grounded_extension import get_grounded_extension
    from py_arg.algorithms.semantics.get_ideal_extension import get_ideal_extension
    from py_arg.algorithms.semantics.get_preferred_extensions import get_preferred_extensions
    from py_arg.algorithms.semantics.get_semistable_extensions import get_semistable_extensions
    from py_arg.algorithms.semantics.get_stable_extensions import get_stable_extensions

    for arguments, attacks in random_frameworks(150):
        objects = {a: Argument(a) for a in arguments}
        theirs = AbstractArgumentationFramework("random", list(objects.values()), [Defeat(objects[x], objects[y]) for x, y in attacks])
        names = lambda extensions: {frozenset(a.name for a in e) for e in extensions}  # noqa: E731
        ours = dung.normalise(arguments, attacks)
        assert dung.extension(dung.grounded(ours)[0]) == frozenset(a.name for a in get_grounded_extension(theirs)), attacks
        assert solved(ours, "complete") == names(get_complete_extensions(theirs)), attacks
        assert solved(ours, "preferred") == names(get_preferred_extensions(theirs)), attacks
        assert solved(ours, "stable") == names(get_stable_extensions(theirs)), attacks
        assert solved(ours, "semi-stable") == names(get_semistable_extensions(theirs)), attacks
        assert solved(ours, "ideal") == names(get_ideal_extension(theirs)), attacks


def test_agrees_with_pygarg_on_random_frameworks():
    from pygarg.dung import solver as pygarg

    codes = {"complete": "CO", "preferred": "PR", "stable": "ST", "semi-stable": "SST", "ideal": "ID"}
    for arguments, attacks in random_frameworks(120, seed=5, largest=12):
        ours = dung.normalise(arguments, attacks)
        pairs = [[x, y] for x, y in attacks]  # pygarg looks attacks up as lists
        for semantics, code in codes.items():
            assert solved(ours, semantics) == sets(pygarg.extension_enumeration(arguments, pairs, code)), (semantics, attacks)


@pytest.mark.parametrize("semantics", SEMANTICS)
def test_acceptance_and_its_certificates_agree_with_the_extensions(semantics):
    for arguments, attacks in random_frameworks(60, seed=11, largest=9):
        af = dung.normalise(arguments, attacks)
        solver = Solver(af)
        extensions = solved(af, semantics)
        assert solver.count(semantics) == len(extensions)
        for a in arguments:
            credulous, witness = solver.credulous(semantics, a)
            assert credulous == any(a in e for e in extensions), (a, attacks)
            assert witness is None if not credulous else (witness in extensions and a in witness)
            sceptical, counter = solver.sceptical(semantics, a)
            assert sceptical == all(a in e for e in extensions), (a, attacks)
            assert counter is None if sceptical else (counter in extensions and a not in counter)
