"""ICCMA's reasoning tasks on a Dung framework, and their answers as people and as ICCMA read them.

Needs: a framework (argument → attackers), or a framework file, and a task
such as DC-PR. Gives: an Answer, written as text, as JSON, or in ICCMA's
conventions (2023, or the older 2017–2021 one). Does not: parse files
(`iccma` does) or search (`solver` does).

The tasks (ICCMA's names): EE enumerates the extensions, SE gives one, CE
counts them, DC asks whether an argument is in some extension (credulous
acceptance) and DS whether it is in all (sceptical acceptance); semantics
CO, PR, ST, SST, GR and ID. ICCMA 2023's rules (Main track) write SE as
`w 1 2 5` or `NO`, DC as `YES` and the extension holding the argument on
a `w` line, or `NO`, and DS as `YES`, or `NO` and an extension without the
argument on a `w` line. ICCMA 2023 has no EE: argmap writes one `w` line an
extension there, as pygarg does. ICCMA 2017–2021 wrote SE as `[a,b]` or
`NO`, EE as `[[a,b],[c]]` (`[]` for none), DC and DS as `YES` or `NO`.
Both write CE as the number.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from ..errors import InputError
from .solver import SEMANTICS, Solver

PROBLEMS = ("EE", "SE", "CE", "DC", "DS")
BY_CODE = {code: name for name, code in SEMANTICS.items()}
CONVENTIONS = ("2023", "2019")


@dataclass(frozen=True)
class Task:
    problem: str  # one of PROBLEMS
    semantics: str  # argmap's name: complete, preferred, …

    @property
    def code(self) -> str:
        return f"{self.problem}-{SEMANTICS[self.semantics]}"


def parse_task(text: str) -> Task:
    """A task from ICCMA's name for it (DC-PR, EE-ST, …), or a clear error listing the names."""
    problem, _, code = text.strip().upper().partition("-")
    if problem not in PROBLEMS or code not in BY_CODE:
        names = ", ".join(f"{p}-{c}" for p in ("EE", "SE", "DC", "DS") for c in ("CO", "PR", "ST"))
        raise InputError(f"unknown task {text!r}", fix=f"a task is PROBLEM-SEMANTICS: PROBLEM one of {', '.join(PROBLEMS)}, "
                         f"SEMANTICS one of {', '.join(BY_CODE)} (e.g. {names})")
    return Task(problem, BY_CODE[code])


@dataclass(frozen=True)
class Answer:
    """What a task found: the extensions shown, how many there are, and for DC/DS the verdict."""

    task: Task
    order: tuple  # the framework's arguments, in the order members are written
    extensions: tuple[frozenset, ...] = ()  # EE: the first `limit`; SE: one or none; DC/DS: the certificate, if any
    count: int | None = None  # EE and CE: how many extensions there are
    argument: object = None  # DC and DS
    accepted: bool | None = None  # DC and DS
    in_all: frozenset | None = None  # EE: in every extension
    in_some: frozenset | None = None  # EE: in some extension

    def members(self, extension) -> list:
        return [a for a in self.order if a in extension]


def run(attackers, task: Task, argument=None, limit: int | None = None) -> Answer:
    """Answer `task` on a framework; DC and DS need `argument`, EE shows at most `limit` extensions (all when None)."""
    solver = Solver(attackers)
    order = tuple(attackers)
    if task.problem in ("DC", "DS"):
        if argument is None:
            raise InputError(f"{task.code} asks about one argument", fix="name it with --argument")
        ask = solver.credulous if task.problem == "DC" else solver.sceptical
        accepted, certificate = ask(task.semantics, argument)
        return Answer(task, order, (certificate,) if certificate is not None else (), argument=argument, accepted=accepted)
    if task.problem == "SE":
        found = solver.some(task.semantics)
        return Answer(task, order, (found,) if found is not None else ())
    if task.problem == "CE":
        return Answer(task, order, count=solver.count(task.semantics))
    kept, count = [], 0
    in_all: frozenset | None = None
    in_some: frozenset = frozenset()
    for found in solver.extensions(task.semantics):
        count += 1
        if limit is None or len(kept) < limit:
            kept.append(found)
        in_all = found if in_all is None else in_all & found
        in_some |= found
    return Answer(task, order, tuple(kept), count, in_all=in_all if in_all is not None else frozenset(), in_some=in_some)


def iccma(answer: Answer, convention: str = "2023") -> str:
    """The answer exactly as ICCMA's solvers print it (see the module docstring for the two conventions)."""
    problem = answer.task.problem
    if problem == "CE":
        return f"{answer.count}\n"
    if convention == "2019":
        listed = lambda e: "[" + ",".join(str(a) for a in answer.members(e)) + "]"  # noqa: E731
        if problem == "EE":
            return "[" + ",".join(listed(e) for e in answer.extensions) + "]\n"
        if problem == "SE":
            return (listed(answer.extensions[0]) if answer.extensions else "NO") + "\n"
        return ("YES" if answer.accepted else "NO") + "\n"
    witness = lambda e: " ".join(["w", *(str(a) for a in answer.members(e))])  # noqa: E731
    if problem == "EE":
        return "".join(witness(e) + "\n" for e in answer.extensions) or "NO\n"
    if problem == "SE":
        return (witness(answer.extensions[0]) if answer.extensions else "NO") + "\n"
    lines = ["YES" if answer.accepted else "NO"] + [witness(e) for e in answer.extensions]
    return "\n".join(lines) + "\n"


def text(answer: Answer, name=str) -> str:
    """The answer for people: what was asked, the verdict or the extensions, and the certificate; `name` writes an argument."""
    t, semantics = answer.task, answer.task.semantics
    show = lambda e: " ".join(name(a) for a in answer.members(e)) or "(empty)"  # noqa: E731
    if t.problem == "CE":
        return f"{semantics}: {_extensions(answer.count)}\n"
    if t.problem == "SE":
        if not answer.extensions:
            return f"{semantics}: no {semantics} extension exists\n"
        return f"{semantics}: one extension: {show(answer.extensions[0])}\n"
    if t.problem in ("DC", "DS"):
        a = name(answer.argument)
        if semantics in ("grounded", "ideal"):  # one extension: credulous and sceptical are the same question
            verdict = f"yes: {a} is in the {semantics} extension" if answer.accepted else f"no: {a} is not in the {semantics} extension"
        elif t.problem == "DC":
            verdict = f"yes: {a} is in a {semantics} extension" if answer.accepted else f"no: {a} is in no {semantics} extension"
        else:
            verdict = f"yes: {a} is in every {semantics} extension" if answer.accepted else f"no: {a} is not in every {semantics} extension"
        what = f"the {semantics} extension" if semantics in ("grounded", "ideal") else "the extension" if answer.accepted else "an extension without it"
        why = f"\n{what}: {show(answer.extensions[0])}" if answer.extensions else ""
        return f"{t.code}: {verdict}{why}\n"
    lines = [_summary(answer)]
    lines += [f"#{i}  {show(e)}" for i, e in enumerate(answer.extensions, 1)]
    if answer.count:
        lines.append(f"in every extension (sceptically accepted): {show(answer.in_all)}")
        lines.append(f"in some extension (credulously accepted): {show(answer.in_some)}")
    return "\n".join(lines) + "\n"


def as_json(answer: Answer, name=str) -> str:
    """The answer as JSON: the task, the verdict, the count and the extensions as lists of names."""
    listed = lambda e: [name(a) for a in answer.members(e)]  # noqa: E731
    document = {"task": answer.task.code, "semantics": answer.task.semantics}
    if answer.argument is not None:
        document |= {"argument": name(answer.argument), "accepted": answer.accepted}
    if answer.count is not None:
        document["count"] = answer.count
    if answer.task.problem != "CE":
        document["extensions"] = [listed(e) for e in answer.extensions]
    if answer.in_all is not None:
        document |= {"sceptically_accepted": listed(answer.in_all), "credulously_accepted": listed(answer.in_some)}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _extensions(n: int) -> str:
    return f"{n} extension{'' if n == 1 else 's'}"


def _summary(answer: Answer) -> str:
    semantics, n = answer.task.semantics, answer.count
    if not n:
        return f"{semantics}: no {semantics} extension exists"
    shown = f"; the first {len(answer.extensions)}:" if len(answer.extensions) < n else ":"
    return f"{semantics}: {_extensions(n)} of {len(answer.order)} arguments{shown}"


OUTPUTS = ("table", "json", "iccma", "iccma2019")


def answer_file(path, task: Task, *, argument: str | None = None, limit: int | None = None,
                input_format: str | None = None, output: str = "table") -> str:
    """Read a framework file, answer `task` on it, and write the answer as `output` (table, json, iccma, iccma2019)."""
    from .iccma import read_framework

    if output not in OUTPUTS:
        raise InputError(f"a framework's answer cannot be written as {output!r}", fix=f"use one of {', '.join(OUTPUTS)}")
    if limit is not None and limit < 0:
        raise InputError(f"--limit must be 0 or more, not {limit}", fix="give the number of extensions to show")
    framework = read_framework(path, input_format)
    if argument is not None and task.problem not in ("DC", "DS"):
        raise InputError(f"--argument is for the DC and DS tasks, not {task.code}", fix=f"ask DC-{SEMANTICS[task.semantics]} or DS-…, or drop --argument")
    answer = run(framework.attackers, task, framework.argument(argument) if argument is not None else None, limit)
    if output.startswith("iccma"):
        return iccma(answer, "2019" if output == "iccma2019" else "2023")
    return as_json(answer) if output == "json" else text(answer)
