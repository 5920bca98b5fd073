"""Read SPARQL text without running it: tokens, prefixes, parameters, where the WHERE clause opens.

A small lexer, enough to tell a keyword from the same letters inside an IRI,
a string, a prefixed name or a comment. It does not check the grammar (the
engine does that) and imports nothing heavy, so `argmap query` stays quick.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<comment>\#[^\n]*)
  | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][A-Za-z0-9_\u00b7\u00c0-\uffff]+)
  | (?P<pname>(?:[A-Za-z\u00c0-\uffff][\w.\u00b7\u00c0-\uffff-]*)?:(?:[\w:%\u00b7\u00c0-\uffff-]|\.(?=[\w:%-]))*)
  | (?P<word>[A-Za-z_][\w]*)
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)


@dataclass(frozen=True)
class Token:
    """One lexical unit: its kind (iri, var, pname, word, string, other), its text and where it starts."""

    kind: str
    text: str
    offset: int

    def is_word(self, *words: str) -> bool:
        return self.kind == "word" and self.text.upper() in words


def tokens(text: str) -> list[Token]:
    """The tokens of a query, without spaces and comments."""
    found = []
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        if kind not in ("space", "comment"):
            found.append(Token(kind, match.group(), match.start()))
    return found


def position(text: str, offset: int) -> tuple[int, int]:
    """The 1-based (line, column) of a character offset."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def prefixes(text: str) -> dict[str, str]:
    """The PREFIX declarations of a query: prefix → namespace."""
    found = {}
    items = tokens(text)
    for keyword, name, iri in zip(items, items[1:], items[2:]):
        if keyword.is_word("PREFIX") and name.kind == "pname" and iri.kind == "iri":
            found[name.text[:-1]] = iri.text[1:-1]
    return found


def expand(token: Token, declared: dict[str, str]) -> str | None:
    """An IRI token or prefixed name as a full IRI, when it can be known."""
    if token.kind == "iri":
        return token.text[1:-1]
    if token.kind == "pname":
        prefix, _, local = token.text.partition(":")
        if prefix in declared:
            return declared[prefix] + local
    return None


def parameters(text: str) -> set[str]:
    """The names of the `$` variables: a query's parameters, by argmap's convention."""
    return {t.text[1:] for t in tokens(text) if t.kind == "var" and t.text.startswith("$")}


def plain_variables(text: str) -> set[str]:
    """The names of the `?` variables."""
    return {t.text[1:] for t in tokens(text) if t.kind == "var" and t.text.startswith("?")}


def query_form(text: str) -> str | None:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the first of them in the query, or None."""
    for token in tokens(text):
        if token.is_word("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"):
            return token.text.upper()
    return None


def where_opening(text: str) -> int | None:
    """The offset just after the `{` that opens the outer WHERE clause, or None if there is none."""
    items = tokens(text)
    depth, form, after_where = 0, None, False
    for token in items:
        if token.kind != "other" and token.kind != "word":
            continue
        if depth == 0 and token.is_word("SELECT", "ASK", "CONSTRUCT", "DESCRIBE") and form is None:
            form = token.text.upper()
        elif depth == 0 and token.is_word("WHERE"):
            after_where = True
        elif token.text == "{":
            if depth == 0 and form is not None and (after_where or form != "CONSTRUCT"):
                return token.offset + 1
            depth += 1
        elif token.text == "}":
            depth -= 1
    return None
