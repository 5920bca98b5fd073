"""Argdown's JSON (what `argdown json` writes) as Argdown's model, read in the profile as its .argdown file is.

Needs: the JSON's statements, arguments and relations. Gives: a Document, texts
without their #tags (as the profile reads them), each argument's premise-conclusion
structure with its inference rules and data. The JSON has no front matter (its
source, its settings) and no lines of relations; what it has reads as the file does.
"""

from __future__ import annotations

import re

from ...errors import ParseError
from .nodes import Document, Node, Relation

_TYPES = ("support", "attack", "undercut", "entails", "contrary", "contradictory")


def _untagged(text, tags) -> str | None:
    """A member's text without the #tags Argdown leaves in it (the profile reads tags apart from the text)."""
    if not isinstance(text, str):
        return None
    for tag in sorted((t for t in tags if isinstance(t, str)), key=len, reverse=True):
        text = re.sub(r"#\(" + re.escape(tag) + r"\)|#" + re.escape(tag) + r"(?![\w-])", "", text)
    return " ".join(text.split())


def _line(entry: dict) -> int:
    value = entry.get("startLine")
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else 0


def _list(value) -> list:
    return value if isinstance(value, list) else []


def _statement(entry: dict, title: str, tags: list) -> Node:
    own = [str(t) for t in _list(entry.get("tags"))]
    node = Node("statement", title=str(entry.get("title") or title), role=entry.get("role"),
                text=_untagged(entry.get("text"), own + tags), line=_line(entry), data=entry.get("data"), tags=own)
    inference = entry.get("inference")
    if isinstance(inference, dict):
        node.inference = Node("inference", data=inference.get("data"), line=_line(inference),
                              rules=[str(r) for r in _list(inference.get("inferenceRules"))],
                              argument_title=str(inference.get("argumentTitle") or ""))
    return node


def document_from_json(data) -> Document:
    """The Document a JSON export of Argdown describes; a ParseError naming what is missing where it is not one."""
    if not isinstance(data, dict) or not isinstance(data.get("statements", {}), dict) \
            or not isinstance(data.get("arguments", {}), dict) or not isinstance(data.get("relations", []), list):
        raise ParseError("not Argdown JSON: expected an object with statements, arguments and relations",
                         fix="give the JSON `argdown json` writes, or the .argdown file itself")
    document = Document(tags=[str(t) for t in _list(data.get("tags"))])
    for title, entry in (data.get("statements") or {}).items():
        entry = entry if isinstance(entry, dict) else {}
        tags = [str(t) for t in _list(entry.get("tags"))]
        members = [_statement(m, title, tags) for m in _list(entry.get("members")) if isinstance(m, dict)]
        document.statements[title] = Node("equivalence-class", title=title, tags=tags, data=entry.get("data"),
                                          members=members)
    for title, entry in (data.get("arguments") or {}).items():
        entry = entry if isinstance(entry, dict) else {}
        tags = [str(t) for t in _list(entry.get("tags"))]
        members = [_statement(m, title, tags) for m in _list(entry.get("members")) if isinstance(m, dict)]
        pcs = [_statement(s, "", []) for s in _list(entry.get("pcs")) if isinstance(s, dict)]
        for statement in pcs:
            if statement.title not in document.statements:
                raise ParseError(f"Argdown JSON: argument {title!r} uses statement {statement.title!r}, which the "
                                 "JSON's statements do not have", fix="give the JSON `argdown json` writes")
        line = _line(entry) or (members[0].line if members else 0)
        document.arguments[title] = Node("argument", title=title, tags=tags, data=entry.get("data"), members=members,
                                         pcs=pcs, line=line)
    for number, entry in enumerate(_list(data.get("relations")), start=1):
        document.relations.append(_relation(document, number, entry))
    for relation in document.relations:
        relation.source.relations.append(relation)
        relation.target.relations.append(relation)
    return document


def _relation(document: Document, number: int, entry) -> Relation:
    if not isinstance(entry, dict) or entry.get("relationType") not in _TYPES:
        raise ParseError(f"Argdown JSON: relation {number} is not a relation of a known type",
                         fix="give the JSON `argdown json` writes")
    ends = []
    for key in ("from", "to"):
        kind, title = entry.get(f"{key}Type"), entry.get(key)
        if kind == "equivalence-class":
            node = document.statements.get(title)
        elif kind == "argument":
            node = document.arguments.get(title)
        elif kind == "inference":  # the inference of the argument's main conclusion
            argument = document.arguments.get(title)
            node = argument.pcs[-1].inference if argument is not None and argument.pcs else None
        else:
            node = None
        if node is None:
            raise ParseError(f"Argdown JSON: relation {number} ({entry.get('from')!r} → {entry.get('to')!r}) names a "
                             "statement or argument the JSON does not have", fix="give the JSON `argdown json` writes")
        ends.append(node)
    return Relation(str(entry["relationType"]), ends[0], ends[1])
