"""What `argmap eval` prints: a map's evaluation (table, JSON, TriG, explanations) or an ICCMA task's answer on a file.

Needs: a Project, or a Dung framework file. Gives: the text to print, and the framework evaluated when asked to
write it. Does not: parse command lines (the CLI does) or write files (model.files does).
"""

from __future__ import annotations

from pathlib import Path

from ..errors import ArgmapError, InputError
from .evaluate import Evaluation, evaluate, flattened_framework


class DataNotConforming(ArgmapError):
    """The data failed `check`: evaluating it would give labels for a broken map."""

    exit_code = 1


def evaluate_project(project, semantics: str = "grounded", *, reject=(), accept=(), limit: int | None = None) -> Evaluation:
    """Load and check a project, then evaluate it; DataNotConforming when the check fails."""
    from ..checks.run import check
    from ..model.load import load

    loaded = load(project)
    report = check(loaded)
    if not report.conforms:
        raise DataNotConforming(
            f"the data does not conform ({len(report.problems)} problems), so it cannot be evaluated — run `argmap check` for the report"
        )
    return evaluate(loaded.union(), semantics, reject=reject, accept=accept, limit=limit)


def answer_map(project, semantics: str, *, reject=(), accept=(), limit: int | None = None, count: bool = False,
               explain: str | None = None, fmt: str = "table", write_framework: Path | None = None) -> str:
    """`argmap eval` on a project: the map's labellings as a table, JSON or TriG, their count, or an explanation."""
    from .justify import explanations
    from .status import status_trig

    if fmt.startswith("iccma"):
        raise InputError("ICCMA output is for framework files",
                         fix="give an .apx, .tgf or .af file, or use --semantics and --explain on the map")
    evaluation = evaluate_project(project, semantics, reject=reject, accept=accept, limit=0 if count else limit)
    if write_framework:
        write_framework_file(flattened_framework(evaluation), write_framework)
    if count:
        return f"{semantics}: {evaluation.total} labelling{'' if evaluation.total == 1 else 's'}\n"
    if explain:
        return explanations(evaluation, evaluation.structure.resolve(explain, claims_only=False))
    return {"table": evaluation.table, "json": evaluation.json, "trig": lambda: status_trig(evaluation)}[fmt]()


def answer_framework_file(path: Path, semantics: str, *, task: str | None = None, argument: str | None = None,
                          limit: int | None = None, count: bool = False, input_format: str | None = None,
                          fmt: str = "table", write_framework: Path | None = None) -> str:
    """`argmap eval FILE`: a Dung framework's extensions, or the answer to one of ICCMA's tasks."""
    from .iccma import read_framework
    from .tasks import Task, answer_file, parse_task

    if fmt == "trig":
        raise InputError("--format trig is for argument maps, not framework files", fix="give a project with -C")
    if not Path(path).is_file():
        raise InputError("no such framework file", path=path, fix="give an .apx, .tgf or .af file")
    chosen = parse_task(task) if task else Task("CE" if count else "EE", semantics)
    text = answer_file(Path(path), chosen, argument=argument, limit=limit, input_format=input_format, output=fmt)
    if write_framework:
        write_framework_file(read_framework(Path(path), input_format), write_framework)
    return text


def write_framework_file(framework, path: Path) -> None:
    """Write a framework in the format its file name says (.apx, .tgf, .af), whole or not at all."""
    from ..model.files import write_atomic
    from .iccma import FORMATS, write_framework

    fmt = Path(path).suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise InputError(f"cannot tell the framework format of {Path(path).name}", path=path,
                         fix="end the name in .apx, .tgf or .af")
    write_atomic(Path(path), write_framework(framework, fmt))
