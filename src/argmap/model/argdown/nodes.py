"""What Argdown's model holds: statements, equivalence classes, arguments, inferences, relations, the document."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(eq=False)
class Node:
    """A statement member, an equivalence class, an argument or an inference: what Argdown's model holds."""

    type: str                                   # statement, equivalence-class, argument, inference
    title: str = ""
    text: str | None = None
    role: str | None = None
    line: int = 0
    tags: list = field(default_factory=list)
    data: object = None
    members: list = field(default_factory=list)
    pcs: list = field(default_factory=list)
    relations: list = field(default_factory=list)
    section: object = None
    is_reference: bool = False
    inference: "Node | None" = None             # a conclusion's inference
    rules: list = field(default_factory=list)   # an inference's rule names
    argument_title: str = ""                    # an inference's argument
    conclusion_index: int = 0


@dataclass(eq=False)
class Relation:
    type: str
    source: Node | None = None
    target: Node | None = None
    line: int = 0


@dataclass
class Document:
    """What `argdown json` gives for a document, with the line of every member."""

    statements: dict = field(default_factory=dict)
    arguments: dict = field(default_factory=dict)
    relations: list = field(default_factory=list)
    tags: list = field(default_factory=list)
    sections: list = field(default_factory=list)
    front_matter: object = None
    exploded: bool = False      # explodeArguments: each argument is one step, its `uses` already applied
