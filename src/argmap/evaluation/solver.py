"""Extensions and acceptance of a Dung framework, computed by the clingo answer-set solver.

Needs: a framework as `semantics.normalise` gives it (argument → attackers).
Gives: the extensions under complete, preferred, stable, semi-stable, grounded
and ideal semantics, one at a time, counted, or asked of one argument
(credulous and sceptical acceptance, each with ICCMA's certificate). Does not:
read files (`iccma`) or know about claims (`evaluate`).

The answer-set programs are argmap's own files in `encodings/`, after the
ASPARTIX encodings (Egly, Gaggl & Woltran 2010). Preferred extensions come from
clingo's domain heuristics with `--enum-mode=domRec`, which enumerates exactly
the subset-maximal admissible sets; semi-stable ones from the same device on
ranges; the ideal extension from one brave-consequence call (Dunne 2009: an
admissible set lies in every preferred extension exactly when no credulously
accepted argument attacks it). Grounded stays the fixpoint of
`semantics.grounded`: it needs no search. Arguments are numbered 1..n for
clingo, so any hashable name is accepted, and every framework is: the empty
one, isolated and self-attacking arguments.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache, cached_property
from importlib.resources import files

from . import semantics as dung

#: ICCMA's abbreviation of each semantics argmap computes, by argmap's name for it.
SEMANTICS = {"grounded": "GR", "complete": "CO", "preferred": "PR", "stable": "ST", "semi-stable": "SST", "ideal": "ID"}
#: The encodings each semantics loads, in order.
PROGRAMS = {
    "complete": ("guess", "admissible", "complete"),
    "preferred": ("guess", "admissible", "complete", "preferred"),
    "stable": ("guess", "stable"),
    "semi-stable": ("guess", "admissible", "complete", "range"),
    "admissible": ("guess", "admissible"),
}
MAXIMAL = ("--heuristic=Domain", "--enum-mode=domRec")
QUIET = ("--warn=none",)


@cache
def encoding(name: str) -> str:
    """The text of one of argmap's answer-set programs (encodings/NAME.lp)."""
    return files("argmap.evaluation").joinpath("encodings", f"{name}.lp").read_text(encoding="utf-8")


class Solver:
    """One framework, numbered for clingo; every question about it starts a fresh, single-threaded solve."""

    def __init__(self, attackers: dung.Attackers):
        self.attackers = attackers
        self.arguments = list(attackers)
        self.number = {a: i for i, a in enumerate(self.arguments, 1)}
        facts = [f"arg(1..{len(self.arguments)})."] if self.arguments else []
        facts += [f"att({self.number[x]},{self.number[a]})." for a, s in attackers.items() for x in s]
        self.facts = "\n".join(facts) + "\n"

    # -- the extensions -------------------------------------------------------------------------------------

    def extensions(self, semantics: str) -> Iterator[frozenset]:
        """Every extension under `semantics`, each once, in the solver's (deterministic) order."""
        if semantics == "grounded":
            yield self.grounded
        elif semantics == "ideal":
            yield self.ideal
        elif semantics == "semi-stable":
            yield from self._semi_stable()
        else:
            yield from self._models(semantics)

    def some(self, semantics: str) -> frozenset | None:
        """One extension under `semantics` (ICCMA's SE task), or None when there is none (only stable can lack one)."""
        return next(iter(self.extensions(semantics)), None)

    def count(self, semantics: str) -> int:
        """How many extensions there are (ICCMA's CE task), counted inside the solver where it can be."""
        if semantics in ("grounded", "ideal"):
            return 1
        if semantics == "semi-stable":
            return sum(1 for _ in self._semi_stable())
        control = self._control(semantics, "0")
        control.solve()
        return int(control.statistics["summary"]["models"]["enumerated"])

    @cached_property
    def grounded(self) -> frozenset:
        """The grounded extension (the least fixpoint; no search)."""
        return dung.extension(dung.grounded(self.attackers)[0])

    @cached_property
    def ideal(self) -> frozenset:
        """The ideal extension: the largest admissible set inside every preferred extension (Dung, Mancarella & Toni 2007)."""
        credulous = self.credulously_accepted
        attacked = {a for a, s in self.attackers.items() if not credulous.isdisjoint(s)}
        ideal = set(credulous - attacked)
        changed = True
        while changed:  # drop what the set no longer defends, until it defends all it holds
            beaten = {a for a, s in self.attackers.items() if not ideal.isdisjoint(s)}
            keep = {a for a in ideal if beaten.issuperset(self.attackers[a])}
            changed, ideal = keep != ideal, keep
        return frozenset(ideal)

    @cached_property
    def credulously_accepted(self) -> frozenset:
        """The arguments in some admissible set (so in some preferred and some complete extension)."""
        control = self._control("admissible", "--enum-mode=brave", "0")
        last: frozenset = frozenset()
        with control.solve(yield_=True) as handle:
            for model in handle:  # each brave model shrinks the candidates; the last one is the answer
                last = self._members(model)
        return last

    # -- acceptance of one argument (ICCMA's DC and DS tasks) -------------------------------------------------

    def credulous(self, semantics: str, argument) -> tuple[bool, frozenset | None]:
        """Is `argument` in some extension? With an extension holding it as the certificate (None for no)."""
        if semantics in ("grounded", "ideal"):
            extension = self.some(semantics)
            return argument in extension, extension if argument in extension else None
        if semantics == "semi-stable":
            found = next((e for e in self._semi_stable() if argument in e), None)
            return found is not None, found
        found = next(self._models(semantics, require=f":- not in({self.number[argument]}).\n"), None)
        return found is not None, found

    def sceptical(self, semantics: str, argument) -> tuple[bool, frozenset | None]:
        """Is `argument` in every extension? With an extension lacking it as the counter-example (None for yes)."""
        if semantics in ("grounded", "ideal", "complete"):
            extension = self.some("grounded" if semantics == "complete" else semantics)
            return argument in extension, None if argument in extension else extension
        if semantics == "preferred":
            return self._sceptical_preferred(argument)
        if semantics == "semi-stable":
            found = next((e for e in self._semi_stable() if argument not in e), None)
        else:
            found = next(self._models(semantics, require=f":- in({self.number[argument]}).\n"), None)
        return found is None, found

    def _sceptical_preferred(self, argument) -> tuple[bool, frozenset | None]:
        if argument in self.grounded:
            return True, None
        if argument not in self.credulously_accepted:
            return False, self.some("preferred")
        if self.attackers[argument]:  # a preferred extension holding an attacker of the argument, if one exists
            beaten = f"beaten :- in(Y), att(Y,{self.number[argument]}).\n:- not beaten.\n"
            found = next(self._models("preferred", require=beaten), None)
            if found is not None:
                return False, found
        found = next((e for e in self._models("preferred") if argument not in e), None)
        return found is None, found

    # -- clingo ---------------------------------------------------------------------------------------------

    def _control(self, semantics: str, *options: str, require: str = ""):
        import clingo

        maximal = MAXIMAL if semantics in ("preferred", "semi-stable") and self.arguments else ()
        control = clingo.Control([*QUIET, *maximal, *options], logger=_quiet)
        program = "".join(encoding(name) for name in PROGRAMS[semantics])
        control.add("base", [], self.facts + program + require)
        control.ground([("base", [])])
        return control

    def _models(self, semantics: str, require: str = "") -> Iterator[frozenset]:
        control = self._control(semantics, "0", require=require)
        with control.solve(yield_=True) as handle:
            for model in handle:
                yield self._members(model)

    def _semi_stable(self) -> Iterator[frozenset]:
        """For each maximal range (domRec on range/1), every complete extension with exactly that range."""
        import clingo

        ranges = []
        control = self._control("semi-stable", "0")
        with control.solve(yield_=True) as handle:
            for model in handle:
                ranges.append({s.arguments[0].number for s in model.symbols(shown=True) if s.name == "range"})
        every = range(1, len(self.arguments) + 1)
        control = clingo.Control([*QUIET, "0"], logger=_quiet)  # the same program without the heuristic, grounded once
        control.add("base", [], self.facts + "".join(encoding(n) for n in PROGRAMS["semi-stable"]))
        control.ground([("base", [])])
        for covered in ranges:
            assumptions = [(clingo.Function("range", [clingo.Number(i)]), i in covered) for i in every]
            with control.solve(yield_=True, assumptions=assumptions) as handle:
                for model in handle:
                    yield self._members(model)

    def _members(self, model) -> frozenset:
        members = set(map(self._by_symbol.get, map(_key, model.symbols(shown=True))))
        members.discard(None)  # range/1, which semi-stable shows too
        return frozenset(members)

    @cached_property
    def _by_symbol(self) -> dict:
        """in(i) → argument i, keyed for fast lookup: decoding each symbol's name and number costs 10× more per model."""
        import clingo

        return {_key(clingo.Function("in", [clingo.Number(i)])): a for i, a in enumerate(self.arguments, 1)}


def extensions(attackers: dung.Attackers, semantics: str) -> Iterable[frozenset]:
    """Every extension of a framework under `semantics` (a shortcut for `Solver(attackers).extensions`)."""
    return Solver(attackers).extensions(semantics)


def _key(symbol):
    """A symbol's raw value where clingo's Python API keeps one (hashing a Symbol calls into the C library), else itself."""
    return getattr(symbol, "_rep", symbol)


try:  # clingo 5.5 to 5.8 keep the raw value in _rep: read it directly, the commonest call when enumerating
    from operator import attrgetter

    import clingo.symbol

    if "_rep" in getattr(clingo.symbol.Symbol, "__slots__", ()):
        _key = attrgetter("_rep")  # noqa: F811
except ImportError:  # pragma: no cover
    pass


def _quiet(code, message) -> None:
    """clingo's informational messages are not argmap's output."""
