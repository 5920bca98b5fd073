"""The YAML of Argdown's front matter and {…} metadata, read as js-yaml reads it (YAML 1.2: yes/no/on/off stay words).

Needs: the text between `===` lines or of a `{…}` block. Gives: plain Python data
(dicts, lists, strings, numbers, booleans, dates). A YAML error is a ParseError
with the document's line; Argdown itself would drop the whole document silently.
"""

from __future__ import annotations

import re

import yaml

from ...errors import ParseError


class _Loader(yaml.SafeLoader):
    """PyYAML's safe loader with YAML 1.2's booleans: only true and false (and their capitalised forms)."""


_Loader.yaml_implicit_resolvers = {key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
                                   for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.copy().items()}
_Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                              list("tTfF"))

_BLOCK_START = re.compile(r"^\{[ \t]*(\n\r|\n)")
_BLOCK_END = re.compile(r"\}\s*$")
_FRONT_START = re.compile(r"^\s*={3,}")
_FRONT_END = re.compile(r"={3,}\s*$")


def _load(text: str, line: int, what: str):
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 (a safe loader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        at = line + (mark.line if mark is not None else 0)
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise ParseError(f"{what} at line {at} is not valid YAML: {problem}", line=at,
                         fix="correct the YAML (a {…} block is YAML: key: value, separated by commas; "
                             "no trailing comma)") from None


def metadata(image: str, line: int):
    """A {…} metadata block's data; a block that opens with a line break is read as block-style YAML."""
    text = image
    opened = _BLOCK_START.match(text)
    if opened:
        text = _BLOCK_END.sub("", text[opened.end():])
    return _load(text, line, "the {…} metadata block")


def front_matter(image: str, line: int):
    """The front matter's data, between its `===` lines."""
    return _load(_FRONT_END.sub("", _FRONT_START.sub("", image)), line, "the front matter")


def lenient(text: str):
    """YAML read as front matter is (YAML 1.2 booleans), None where it is not YAML: for texts that are not argmap's
    to correct, such as a source file's own front matter."""
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 (a safe loader)
    except yaml.YAMLError:
        return None
