"""Dung semantics, checked against frameworks whose extensions the literature gives, and against py_arg.

Sources: Dung (1995), "On the acceptability of arguments and its fundamental
role in nonmonotonic reasoning, logic programming and n-person games", AIJ 77;
Caminada (2006), "On the issue of reinstatement in argumentation", JELIA;
Baroni, Caminada & Giacomin (2011), "An introduction to argumentation
semantics", Knowledge Engineering Review 26(4) (odd and even cycles, floating
reinstatement, self-attack, a framework with no stable extension).
"""

from __future__ import annotations

import random

import pytest

from argmap.evaluation import semantics as dung

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
}


def framework(arguments: str, attacks: list[str]):
    return dung.normalise(list(arguments), [(a[0], a[1]) for a in attacks])


def sets(extensions) -> set[frozenset]:
    return {frozenset(e) for e in extensions}


@pytest.mark.parametrize("name", TEXTBOOK)
def test_grounded_extension_of_textbook_framework(name):
    arguments, attacks, grounded, _, _ = TEXTBOOK[name]
    labelling, _ = dung.grounded(framework(arguments, attacks))
    assert dung.extension(labelling) == frozenset(grounded)


@pytest.mark.parametrize("name", TEXTBOOK)
def test_preferred_extensions_of_textbook_framework(name):
    arguments, attacks, _, preferred, _ = TEXTBOOK[name]
    assert sets(dung.extension(lab) for lab in dung.preferred(framework(arguments, attacks))) == sets(preferred)


@pytest.mark.parametrize("name", TEXTBOOK)
def test_stable_extensions_of_textbook_framework(name):
    arguments, attacks, _, _, stable = TEXTBOOK[name]
    assert sets(dung.extension(lab) for lab in dung.stable(framework(arguments, attacks))) == sets(stable)


def test_every_labelling_found_is_complete():
    for arguments, attacks, *_ in TEXTBOOK.values():
        af = framework(arguments, attacks)
        for labelling in dung.complete(af):
            assert dung.is_complete(af, labelling)


def test_grounded_rounds_order_reasons_before_what_they_decide():
    _, rank = dung.grounded(framework("abc", ["ab", "bc"]))
    assert rank["a"] < rank["b"] < rank["c"]


def random_frameworks(count: int, seed: int = 20261124):
    rng = random.Random(seed)
    for _ in range(count):
        arguments = [f"a{i}" for i in range(rng.randint(1, 8))]
        density = rng.choice([0.1, 0.2, 0.3, 0.5])
        attacks = [(x, y) for x in arguments for y in arguments if rng.random() < density]
        yield arguments, attacks


def test_agrees_with_py_arg_on_random_frameworks():
    from py_arg.abstract_argumentation_classes.abstract_argumentation_framework import AbstractArgumentationFramework
    from py_arg.abstract_argumentation_classes.argument import Argument
    from py_arg.abstract_argumentation_classes.defeat import Defeat
    from py_arg.algorithms.semantics.get_grounded_extension import get_grounded_extension
    from py_arg.algorithms.semantics.get_preferred_extensions import get_preferred_extensions
    from py_arg.algorithms.semantics.get_stable_extensions import get_stable_extensions

    for arguments, attacks in random_frameworks(150):
        objects = {a: Argument(a) for a in arguments}
        theirs = AbstractArgumentationFramework("random", list(objects.values()), [Defeat(objects[x], objects[y]) for x, y in attacks])
        names = lambda extensions: {frozenset(a.name for a in e) for e in extensions}  # noqa: E731
        ours = dung.normalise(arguments, attacks)
        assert dung.extension(dung.grounded(ours)[0]) == frozenset(a.name for a in get_grounded_extension(theirs)), attacks
        assert sets(dung.extension(lab) for lab in dung.preferred(ours)) == names(get_preferred_extensions(theirs)), attacks
        assert sets(dung.extension(lab) for lab in dung.stable(ours)) == names(get_stable_extensions(theirs)), attacks
