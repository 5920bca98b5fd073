"""What the docs' generated blocks call (cog, https://nedbatchelder.com/code/cog): the real commands' output.

`cog -r -I docs README.md docs/*.md` regenerates every block; `tests/test_docs.py` fails when a block differs from
what the commands print today, so the docs cannot drift from the tool.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import cog

REPOSITORY = Path(__file__).resolve().parent.parent
#: Help is formatted at this width, whatever the terminal, so the generated text is the same everywhere.
WIDTH = 100


def run(command: str, *, cwd: Path | None = None, shown: str | None = None, lines: int | None = None) -> None:
    """Run an `argmap …` command on the shipped data and write `$ command` and what it printed as a fenced block."""
    argv = shlex.split(command)
    assert argv[0] == "argmap", command
    env = {**os.environ, "COLUMNS": str(WIDTH), "PYTHONHASHSEED": "0"}
    done = subprocess.run([sys.executable, "-m", "argmap", *argv[1:]], cwd=cwd or REPOSITORY, env=env,
                          capture_output=True, text=True, timeout=600)
    text = done.stdout + done.stderr
    assert "Traceback" not in text, f"{command} failed:\n{text}"
    if lines is not None and len(text.splitlines()) > lines:
        text = "\n".join(text.splitlines()[:lines] + ["…"]) + "\n"
    if cwd is not None:
        text = text.replace(str(cwd) + "/", "")
    cog.outl("```")
    cog.outl(f"$ {shown or command}")
    cog.out(text)
    cog.outl("```")


def cli_reference() -> None:
    """Every command's --help, in the order `argmap --help` lists them, with its subcommands."""
    import click

    from argmap.cli import main

    def walk(command, parent, path):
        ctx = click.Context(command, info_name=path[-1], parent=parent, terminal_width=WIDTH, max_content_width=WIDTH,
                            help_option_names=["-h", "--help"])
        cog.outl(f"{'#' * min(len(path) + 1, 4)} `{' '.join(path)}`\n")
        cog.outl("```")
        cog.out(re.sub(r"[ \t]+\n", "\n", command.get_help(ctx)) + "\n")
        cog.outl("```\n")
        for name in getattr(command, "list_commands", lambda _: [])(ctx):
            walk(command.get_command(ctx, name), ctx, [*path, name])

    walk(main, None, ["argmap"])


def broken_example(command: str, edits: dict[str, str]) -> None:
    """Run `command` on a copy of the small test project with `edits` (old → new) made to its claims file."""
    import shutil
    import tempfile

    with tempfile.TemporaryDirectory(prefix="argmap-docs-") as folder:
        root = Path(folder) / "project"
        shutil.copytree(REPOSITORY / "ontology", root / "ontology")
        shutil.copytree(REPOSITORY / "tests" / "data" / "mini" / "claims", root / "claims")
        claims = root / "claims" / "doc.ttl"
        text = claims.read_text(encoding="utf-8")
        for old, new in edits.items():
            assert old in text, old
            text = text.replace(old, new)
        claims.write_text(text, encoding="utf-8")
        run(command, cwd=root)


def walkthrough() -> None:
    """Run the README's walk-through (its first block under "Extending the claim set") in a scratch folder; show eval."""
    import shutil
    import tempfile

    readme = (REPOSITORY / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Extending the claim set"):]
    block = section[section.index("```sh\n") + 6: section.index("```\n", section.index("```sh\n") + 6)]
    commands = [shlex.split(line, comments=True) for line in block.replace("\\\n", " ").splitlines() if line.strip()]
    with tempfile.TemporaryDirectory(prefix="argmap-docs-") as folder:
        shutil.copytree(REPOSITORY / "tests" / "corpora" / "aif", Path(folder) / "tests" / "corpora" / "aif")
        for argv in commands[:-1]:
            done = subprocess.run([sys.executable, "-m", "argmap", *argv[1:]], cwd=folder, capture_output=True, text=True,
                                  env={**os.environ, "ARGMAP_BY": "a reader", "ARGMAP_AT": "2026-01-01T00:00:00Z"})
            assert done.returncode == 0, (argv, done.stderr)
        run(shlex.join(commands[-1]), cwd=Path(folder))


def readme_block(heading: str) -> list[list[str]]:
    """The commands of the first ```sh block under a heading of the README."""
    readme = (REPOSITORY / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index(heading):]
    block = section[section.index("```sh\n") + 6: section.index("```\n", section.index("```sh\n") + 6)]
    return [shlex.split(line, comments=True) for line in block.replace("\\\n", " ").splitlines() if line.strip()]


def argdown_example(shown: list[str]) -> None:
    """Run the README's Argdown example (its block under "Writing a map in Argdown") in a scratch folder, as a new
    user does (argmap init, the .argdown and its text copied into claims/); show the commands in `shown`."""
    import shutil
    import tempfile

    with tempfile.TemporaryDirectory(prefix="argmap-docs-") as folder:
        shutil.copytree(REPOSITORY / "examples", Path(folder) / "examples")
        for argv in readme_block("## Writing a map in Argdown"):
            line = shlex.join(argv)
            if line in shown:
                run(line, cwd=Path(folder))
                continue
            done = subprocess.run(argv if argv[0] == "cp" else [sys.executable, "-m", "argmap", *argv[1:]], cwd=folder,
                                  capture_output=True, text=True)
            assert done.returncode == 0, (argv, done.stderr)


def show_file(path: str, language: str = "") -> None:
    """A file of the repository, whole, as a fenced block."""
    cog.outl(f"```{language}")
    cog.out((REPOSITORY / path).read_text(encoding="utf-8"))
    cog.outl("```")


def module_table(packages: list[str]) -> None:
    """Each module of the given sub-packages and the first line of its docstring, as a Markdown table."""
    import ast

    root = REPOSITORY / "src" / "argmap"
    cog.outl("| module | what it does |")
    cog.outl("|---|---|")
    for package in packages:
        folder = root / package if (root / package).is_dir() else None
        paths = sorted(p for p in folder.glob("*.py") if p.name != "__init__.py") if folder else [root / f"{package}.py"]
        for path in paths:
            text = path.read_text(encoding="utf-8")
            doc = (ast.get_docstring(ast.parse(text)) or "").split("\n")[0].replace("|", "\\|")
            name = path.relative_to(root).with_suffix("").as_posix().replace("/", ".")
            cog.outl(f"| `{name}` | {doc} |")


def api_reference(names: list[str]) -> None:
    """The public functions and classes of the package: signature and docstring, from the code itself."""
    import inspect

    import argmap

    for name in names:
        value = getattr(argmap, name)
        kind = "class" if inspect.isclass(value) else "def"
        try:
            signature = str(inspect.signature(value))
        except (TypeError, ValueError):
            signature = "(…)"
        cog.outl(f"### `argmap.{name}`\n")
        cog.outl(f"```python\n{kind} {name}{signature}\n```\n")
        cog.outl(f"Defined in `{value.__module__}`. {inspect.getdoc(value) or ''}\n")
