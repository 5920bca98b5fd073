"""Dung frameworks in the file formats of ICCMA, the argumentation solver competition: read and write.

Needs: a file, or a framework. Gives: a Framework (its arguments, in file
order, and its attacks), or the text of one in a format. Does not: solve
(`solver`), or answer ICCMA's tasks (`tasks`).

The formats, as ICCMA's rules define them:

* `.apx` (ICCMA 2015–2021, ASPARTIX's facts): `arg(a).` declares an
  argument, `att(a,b).` an attack of a on b. argmap also allows several
  statements on a line, spaces around names, blank lines and `%` comments
  (answer-set syntax); a name is any run of characters but blanks, commas and
  parentheses.
* `.tgf` (ICCMA 2015–2021, trivial graph format): one argument a line, a line
  `#`, then one attack a line, `a b`; text after the names on a line is a
  label and is ignored.
* `.af` (ICCMA 2023 and later): a first line `p af N` (arguments 1..N), then
  one attack a line, `i j`; lines starting with `#` are comments. argmap
  also allows blank lines and comments before the p-line.

An attack naming an argument the file does not declare is an error, as is
anything else the format does not allow: the message gives the file, the
line, what is wrong and how to fix it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from . import semantics as dung
from ..errors import InputError, ParseError

FORMATS = ("apx", "tgf", "af")
#: A p-line may not declare more arguments than this: each costs memory before any attack is read.
MOST_ARGUMENTS = 10_000_000

_APX_STATEMENT = re.compile(r"\s*([A-Za-z_]\w*)\s*\(([^()]*)\)\s*\.")
_NAME = re.compile(r"[^\s(),]+")
_APX_NAME = re.compile(r"[^\s(),%]+")
_DIGITS = re.compile(r"[0-9]+")


@dataclass(frozen=True)
class Framework:
    """A Dung framework as a file gives it: arguments in the order declared, attacks (attacker, attacked)."""

    arguments: tuple[str, ...]
    attacks: tuple[tuple[str, str], ...]
    source: str = ""  # where it was read from, for messages

    @cached_property
    def attackers(self) -> dict:
        """The framework as `semantics` and `solver` take it: argument → frozenset of its attackers."""
        return dung.normalise(self.arguments, self.attacks)

    def argument(self, name: str) -> str:
        """The argument a user names, or a clear error naming the nearest ones."""
        if name in self.attackers:
            return name
        from difflib import get_close_matches

        near = get_close_matches(name, self.arguments, n=3, cutoff=0.6)
        fix = f"did you mean {', '.join(near)}?" if near else (
            f"the arguments are {', '.join(self.arguments[:10])}{', …' if len(self.arguments) > 10 else ''}"
            if self.arguments else "the framework has no arguments")
        raise InputError(f"no argument named {name!r} in the framework", path=self.source or None, fix=fix)


def detect_format(path: Path, text: str) -> str:
    """The format of a framework file: by its extension, else by its first statement."""
    suffix = path.suffix.lower().lstrip(".")
    if suffix in FORMATS:
        return suffix
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("%"):
            continue
        if re.match(r"p\s+af\b", line):
            return "af"
        if line == "#":
            return "tgf"
        if not line.startswith("#"):  # else a comment of .af, before its p-line
            return "apx" if _APX_STATEMENT.match(line) else "tgf"
    return "apx"


def read_framework(path: Path, fmt: str | None = None) -> Framework:
    """Read a framework file in `fmt` (apx, tgf or af; guessed from the file when None); ParseError when it is wrong."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise InputError("is a folder, not a framework file", path=path, fix="give an .apx, .tgf or .af file") from None
    except OSError as error:
        raise InputError(f"cannot read the framework: {error.strerror}", path=path, fix="check the path") from None
    try:
        text = data.decode("utf-8-sig")  # a byte-order mark some editors write is not part of the first line
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ParseError(f"byte {data[error.start]:#04x} is not UTF-8 text", path=path, line=line,
                         fix="save the file as UTF-8 (ICCMA's files are plain ASCII)") from None
    fmt = fmt or detect_format(path, text)
    if fmt not in FORMATS:
        raise InputError(f"unknown framework format {fmt!r}", fix=f"use one of {', '.join(FORMATS)}")
    return {"apx": parse_apx, "tgf": parse_tgf, "af": parse_af}[fmt](text, str(path))


def parse_apx(text: str, source: str = "<apx>") -> Framework:
    """A framework from .apx text: arg(a). and att(a,b). statements."""
    arguments: dict[str, None] = {}
    attacks: list[tuple[str, str, int]] = []
    for number, line in enumerate(text.splitlines(), 1):
        body = line.split("%", 1)[0]
        position = 0
        while body[position:].strip():
            match = _APX_STATEMENT.match(body, position)
            if not match:
                shown = body[position:].strip()
                raise ParseError(f"cannot read {_clip(shown)!r} as an .apx statement", path=source, line=number,
                                 fix="each statement is arg(NAME). or att(NAME,NAME). and ends with a full stop")
            predicate, inside = match.group(1), [t.strip() for t in match.group(2).split(",")]
            position = match.end()
            expected = {"arg": 1, "att": 2}.get(predicate)
            if expected is None:
                raise ParseError(f"unknown statement {predicate}(…) in .apx", path=source, line=number,
                                 fix="an .apx file holds only arg(NAME). and att(NAME,NAME). statements")
            if len(inside) != expected or not all(_APX_NAME.fullmatch(t) for t in inside):
                raise ParseError(f"{predicate}({match.group(2)}) needs {expected} argument name{'s' if expected > 1 else ''}",
                                 path=source, line=number,
                                 fix="write arg(a). or att(a,b).; a name has no blanks, commas, parentheses or %")
            if predicate == "arg":
                arguments.setdefault(inside[0])
            else:
                attacks.append((inside[0], inside[1], number))
    for attacker, attacked, number in attacks:
        for name in (attacker, attacked):
            if name not in arguments:
                raise ParseError(f"att({attacker},{attacked}) names {name}, which no arg({name}). declares",
                                 path=source, line=number, fix=f"add arg({name}). to the file, or correct the name")
    return Framework(tuple(arguments), tuple(dict.fromkeys((a, b) for a, b, _ in attacks)), source)


def parse_tgf(text: str, source: str = "<tgf>") -> Framework:
    """A framework from trivial graph format: argument lines, a line `#`, attack lines (labels after the names ignored)."""
    arguments: dict[str, None] = {}
    attacks: dict[tuple[str, str], None] = {}
    in_edges = False
    for number, line in enumerate(text.splitlines(), 1):
        fields = line.split()
        if not fields:
            continue
        if fields[0] == "#":
            if in_edges:
                raise ParseError("a second line # in a .tgf file", path=source, line=number,
                                 fix="one line # separates the arguments from the attacks; remove the other")
            in_edges = True
        elif not in_edges:
            arguments.setdefault(fields[0])
        elif len(fields) < 2:
            raise ParseError(f"the attack line {_clip(line.strip())!r} names one argument", path=source, line=number,
                             fix="after the line #, each line is an attack: ATTACKER ATTACKED")
        else:
            for name in fields[:2]:
                if name not in arguments:
                    raise ParseError(f"the attack {fields[0]} {fields[1]} names {name}, which is not declared above the line #",
                                     path=source, line=number, fix=f"add a line {name} before the line #, or correct the name")
            attacks.setdefault((fields[0], fields[1]))
    return Framework(tuple(arguments), tuple(attacks), source)


def parse_af(text: str, source: str = "<af>") -> Framework:
    """A framework from ICCMA 2023's format: `p af N`, then attack lines `i j` over arguments 1..N."""
    size: int | None = None
    attacks: dict[tuple[str, str], None] = {}
    for number, line in enumerate(text.splitlines(), 1):
        fields = line.split()
        if not fields or fields[0].startswith("#"):
            continue
        if fields[0] == "p":
            if size is not None:
                raise ParseError("a second p-line", path=source, line=number, fix="an .af file has one line p af N, first")
            if len(fields) != 3 or fields[1] != "af" or not _DIGITS.fullmatch(fields[2]):
                raise ParseError(f"cannot read the p-line {_clip(line.strip())!r}", path=source, line=number,
                                 fix="the first line is p af N, N the number of arguments")
            size = int(fields[2])
            if size > MOST_ARGUMENTS:
                raise ParseError(f"the p-line declares {size:,} arguments, more than argmap takes ({MOST_ARGUMENTS:,})",
                                 path=source, line=number, fix="check the number of arguments in the p-line")
            continue
        if size is None:
            raise ParseError(f"{_clip(line.strip())!r} comes before the p-line", path=source, line=number,
                             fix="begin the file with p af N, N the number of arguments")
        if len(fields) != 2 or not all(_DIGITS.fullmatch(f) for f in fields):
            raise ParseError(f"cannot read {_clip(line.strip())!r} as an attack", path=source, line=number,
                             fix="an attack line is two argument numbers, ATTACKER ATTACKED; comments start with #")
        for field in fields:
            if not 1 <= int(field) <= size:
                raise ParseError(f"argument {int(field)} is out of range: the p-line declares arguments 1 to {size}",
                                 path=source, line=number, fix="correct the attack, or the number of arguments in the p-line")
        attacks.setdefault((str(int(fields[0])), str(int(fields[1]))))
    if size is None:
        raise ParseError("no p-line", path=source, fix="begin the file with p af N, N the number of arguments")
    return Framework(tuple(str(i) for i in range(1, size + 1)), tuple(attacks), source)


def write_framework(framework: Framework, fmt: str) -> str:
    """The framework as the text of an .apx, .tgf or .af file (.af numbers the arguments in order, naming them in comments)."""
    if fmt == "af":
        number = {a: i for i, a in enumerate(framework.arguments, 1)}
        lines = [f"p af {len(number)}"]
        if list(number) != [str(i) for i in range(1, len(number) + 1)]:
            lines += [f"# {i} {a}" for a, i in number.items()]
        lines += [f"{number[a]} {number[b]}" for a, b in framework.attacks]
        return "\n".join(lines) + "\n"
    pattern, fix = (_APX_NAME, "an .apx name has no blanks, commas, parentheses or %") if fmt == "apx" else (
        _NAME, "a .tgf name has no blanks")
    for name in framework.arguments:
        if not pattern.fullmatch(name) or (fmt == "tgf" and name.startswith("#")):
            raise InputError(f"the argument {name!r} cannot be written in .{fmt}", fix=f"{fix}; write .af, which numbers the arguments")
    if fmt == "apx":
        lines = [f"arg({a})." for a in framework.arguments] + [f"att({a},{b})." for a, b in framework.attacks]
    else:
        lines = list(framework.arguments) + ["#"] + [f"{a} {b}" for a, b in framework.attacks]
    return "".join(line + "\n" for line in lines)


def _clip(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
