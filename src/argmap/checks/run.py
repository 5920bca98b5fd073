"""Check a loaded project: SHACL shapes, then what SHACL cannot express.

Needs: a Loaded dataset. Gives: a Report of every problem, each with its file,
line, subject, what is wrong and how to fix it. Does not: reason (that is
`reason`) or stop at the first problem.
"""

from __future__ import annotations

from ..model.load import Loaded
from ..model.report import Report, make_report
from .integrity import check_quotes, check_references, check_support_cycles, Locator
from .queries import check_queries
from .schemes import check_schemes
from .shapes import check_shapes

#: The checks, in the order they run; each takes (loaded, union, locator) and gives a list of Problems.
CHECKS = (check_shapes, check_references, check_quotes, check_support_cycles, check_schemes, check_queries)


def check(loaded: Loaded) -> Report:
    """Every problem in the data; a syntax error stops the checks that need the whole dataset."""
    if loaded.problems:
        return make_report(loaded.problems)
    locator, union = Locator(loaded), loaded.union_view()
    problems = list(loaded.advice)
    for run_check in CHECKS:
        problems += run_check(loaded, union, locator)
    return make_report(problems)
