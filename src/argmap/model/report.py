"""What `check` found: problems, each with where it is, what is wrong and how to fix it.

A problem is an error (the data does not conform) or advice (kind "advice":
worth doing, such as naming an inference's scheme, but the data conforms
without it).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the data, located as precisely as can be known."""

    path: str
    line: int
    subject: str
    message: str
    fix: str
    kind: str = "error"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        subject = f" {self.subject}:" if self.subject else ""
        return f"{where}:{subject} {self.message} — {self.fix}"


ADVICE = "advice"


@dataclass(frozen=True)
class Report:
    """Every error found (`problems`) and every piece of advice, each in file and line order; conforms when there are no errors."""

    problems: tuple[Problem, ...] = field(default_factory=tuple)
    advice: tuple[Problem, ...] = field(default_factory=tuple)

    @property
    def conforms(self) -> bool:
        return not self.problems

    def text(self) -> str:
        """The report as lines a person reads, closed by a count."""
        lines = [str(problem) for problem in self.problems]
        lines += [f"advice: {advice}" for advice in self.advice]
        count = len(self.problems)
        summary = f"{count} problem{'s' if count != 1 else ''} found" if count else "ok: the data conforms"
        if self.advice:
            summary += f" ({len(self.advice)} piece{'s' if len(self.advice) != 1 else ''} of advice)"
        return "\n".join(lines + [summary])

    def json(self) -> str:
        """The report as JSON, for tools."""
        return json.dumps(
            {"conforms": self.conforms, "problems": [asdict(p) for p in self.problems],
             "advice": [asdict(p) for p in self.advice]},
            indent=2,
            ensure_ascii=False,
        )


def make_report(problems) -> Report:
    """A report with duplicates removed, errors and advice apart, each sorted by file and line."""
    found = sorted(set(problems))
    return Report(tuple(p for p in found if p.kind != ADVICE), tuple(p for p in found if p.kind == ADVICE))
