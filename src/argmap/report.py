"""What `check` found: problems, each with where it is, what is wrong and how to fix it."""

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


@dataclass(frozen=True)
class Report:
    """Every problem found, in file and line order; conforms when there are none."""

    problems: tuple[Problem, ...] = field(default_factory=tuple)

    @property
    def conforms(self) -> bool:
        return not self.problems

    def text(self) -> str:
        """The report as lines a person reads, closed by a count."""
        if self.conforms:
            return "ok: the data conforms"
        lines = [str(problem) for problem in self.problems]
        count = len(self.problems)
        lines.append(f"{count} problem{'s' if count != 1 else ''} found")
        return "\n".join(lines)

    def json(self) -> str:
        """The report as JSON, for tools."""
        return json.dumps(
            {"conforms": self.conforms, "problems": [asdict(p) for p in self.problems]},
            indent=2,
            ensure_ascii=False,
        )


def make_report(problems) -> Report:
    """A report with duplicates removed and problems sorted by file and line."""
    return Report(tuple(sorted(set(problems))))
