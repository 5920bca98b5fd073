"""Argdown, read without Node: a lexer, parser and model written against @argdown/core 1.7.5 and tested against it.

    lexer.py      the tokens, Indent and Dedent included
    parser.py     the grammar: a parse tree, or a ParseError with line and column
    build.py      Argdown's model: statements, arguments, relations, as `argdown json` gives them
    transform.py  the model's last steps (relations of reconstructed arguments, strict mode) and its JSON
    yamldata.py   the YAML of front matter and {…} metadata
    fromjson.py   the same model from the JSON `argdown json` writes

and argmap's profile (docs/argdown.md), read: profile.py, header.py, relations.py, questions.py, values.py;
source.py reads one .argdown file of claims/ (the per-file hook of model/load.py), and speak.py
says the checks' fixes in Argdown.
"""

from __future__ import annotations

from .build import build
from .nodes import Document, Node, Relation
from .lexer import tokenize
from .parser import parse_tokens


def parse(text: str, *, remove_tags: bool = False) -> Document:
    """An Argdown text as Argdown's model of it; a ParseError (with the line) where it is not Argdown.

    With `remove_tags`, #tags are left out of the texts (Argdown's model.removeTagsFromText), as argmap's profile
    reads them."""
    return build(parse_tokens(tokenize(text)), remove_tags=remove_tags)


__all__ = ["Document", "Node", "Relation", "parse"]
