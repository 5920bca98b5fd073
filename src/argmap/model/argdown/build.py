"""Argdown's model of a document, built from the parse tree as @argdown/core 1.7.5 builds it (the JSON of `argdown json`).

Needs: the parse tree (parser.py). Gives: a `Document`: statements (equivalence
classes by title, with their members), arguments (with their premise-conclusion
structures), relations (support, attack, undercut, contradictory; entails and
contrary in strict mode), tags, sections and the front matter; every member
keeps the line it starts on. Follows Argdown's rules: untitled statements are
`Untitled N`, a relation given twice is one relation, relations of a
reconstructed argument start from its conclusion, an undercut of one aims at its
last inference, and an attack on an argument from a statement that already
denies one of its premises is that denial.
"""

from __future__ import annotations

import json
from pathlib import Path

from .lexer import Token
from .nodes import Document, Node, Relation
from .parser import Rule
from .yamldata import front_matter, metadata

SHORTCODES = json.loads((Path(__file__).with_name("shortcodes.json")).read_text(encoding="utf-8"))["shortcodes"]
_RELATION_TYPES = {"incomingSupport": ("support", "from"), "incomingAttack": ("attack", "from"),
                   "outgoingSupport": ("support", "to"), "outgoingAttack": ("attack", "to"),
                   "contradiction": ("contradictory", "from"), "incomingUndercut": ("undercut", "from"),
                   "outgoingUndercut": ("undercut", "to")}


def _join(group, member) -> None:
    """A statement or argument description joins its equivalence class or argument, as Argdown's builder does:
    its tags and data are merged in, and its section becomes the group's unless the data says otherwise."""
    for tag in member.tags:
        if tag not in group.tags:
            group.tags.append(tag)
    if member.data is not None:
        group.data = _merge(group.data, member.data)
    group.members.append(member)
    in_group = member.data.get("isInGroup") if isinstance(member.data, dict) else None
    if in_group is True or (not member.is_reference and in_group is None and group.section is None):
        group.section = member.section


def _merge(old, new):
    """lodash.merge of two data objects: dicts merged key by key, deeply; anything else replaced."""
    if isinstance(old, dict) and isinstance(new, dict):
        merged = dict(old)
        for key, value in new.items():
            merged[key] = _merge(merged.get(key), value)
        return merged
    return new if new is not None else old


class _Builder:
    def __init__(self):
        self.doc = Document()
        self.settings = {"mode": "loose", "removeTagsFromText": False, "transformArgumentRelations": True,
                         "explodeArguments": False}
        self.untitled = 0
        self.statement: Node | None = None
        self.heading: dict | None = None
        self.relation_parent = None
        self.argument: Node | None = None
        self.pcs_argument: Node | None = None
        self.inference: Node | None = None
        self.parents: list = []
        self.relation: Relation | None = None
        self.section: dict | None = None

    def unique_title(self) -> str:
        self.untitled += 1
        return f"Untitled {self.untitled}"

    def equivalence_class(self, title: str) -> Node:
        ec = self.doc.statements.get(title)
        if ec is None:
            ec = self.doc.statements[title] = Node("equivalence-class", title)
        return ec

    def argument_named(self, title: str | None) -> Node:
        found = self.doc.arguments.get(title) if title else None
        if found is None:
            found = Node("argument", title or self.unique_title())
            self.doc.arguments[found.title] = found
        self.argument = found
        self.relation_parent = found
        return found

    def relation_member(self, parent) -> Node:
        if isinstance(parent, Node) and parent.type == "statement":
            if not parent.title:
                parent.title = self.unique_title()
            if parent.role == "argument-description":
                return self.argument_named(parent.title)
            return self.equivalence_class(parent.title)
        return parent

    def target(self):
        return self.heading if self.heading is not None else self.statement

    def add_text(self, words: str) -> None:
        target = self.target()
        if target is not None:
            if isinstance(target, dict):
                target["text"] = (target.get("text") or "") + words
            else:
                target.text = (target.text or "") + words

    def text_of(self, target) -> str:
        return (target.get("text") if isinstance(target, dict) else target.text) or ""

    # --- the walk --------------------------------------------------------------

    def visit(self, node, parent: Rule | None, index: int) -> None:
        if isinstance(node, Token):
            self.token(node, parent, index)
            return
        enter = getattr(self, f"enter_{node.name}", None)
        if enter:
            enter(node, parent, index)
        for number, child in enumerate(node.children):
            self.visit(child, node, number)
        leave = getattr(self, f"leave_{node.name}", None)
        if leave:
            leave(node, parent, index)

    def token(self, token: Token, parent: Rule, index: int) -> None:
        kind = token.type
        if kind == "Data":
            parent.attrs["data"] = metadata(token.image, token.line)
        elif kind == "FrontMatter":
            data = front_matter(token.image, token.line)
            parent.attrs["data"] = data
            self.doc.front_matter = data
            if isinstance(data, dict) and isinstance(data.get("model"), dict):
                self.settings.update(data["model"])
        elif kind in ("StatementDefinition", "StatementReference") and self.statement is not None:
            self.statement.title = token.image[1:-2] if kind == "StatementDefinition" else token.image[1:-1]
            self.statement.is_reference = kind == "StatementReference"
            parent.attrs["statement"] = self.statement
        elif kind in ("ArgumentDefinition", "ArgumentReference") and self.statement is not None:
            self.statement.title = token.image[1:-2] if kind == "ArgumentDefinition" else token.image[1:-1]
            self.statement.is_reference = self.statement.is_reference or kind == "ArgumentReference"
        elif kind in ("StatementMention", "ArgumentMention"):
            self.add_text(token.image)
        elif kind == "Link":
            label = token.image[1:token.image.index("](")]
            self.add_text(label + (" " if token.image.endswith(" ") else ""))
        elif kind == "Tag":
            self.tag(token)
        elif kind == "Newline":
            target = self.target()
            if target is not None and index != len(parent.children) - 1 and not self.text_of(target).endswith(" "):
                self.add_text(" ")

    def tag(self, token: Token) -> None:
        target = self.target()
        if target is None:
            return
        body = token.image.rstrip(" \t")[1:]
        name = body[1:-1] if body.startswith("(") else body
        if not self.settings.get("removeTagsFromText"):
            self.add_text(token.image)
        tags = target.setdefault("tags", []) if isinstance(target, dict) else target.tags
        if name not in tags:
            tags.append(name)
        if name not in self.doc.tags:
            self.doc.tags.append(name)

    def enter_freestyleText(self, node: Rule, parent, index) -> None:
        words = ""
        for child in node.children:
            if child.type == "EscapedChar":
                words += child.image[1:]
            elif child.type == "SpecialChar" and self.shortcode(child.image.strip()):
                words += self.shortcode(child.image.strip()) + (" " if child.image.endswith(" ") else "")
            else:
                words += child.image
        node.attrs["text"] = words
        self.add_text(words)

    def _leave_emphasis(self, node: Rule, parent, index) -> None:
        end = node.children[-1]
        if self.target() is not None and isinstance(end, Token) and end.image.endswith(" "):
            self.add_text(" ")

    leave_bold = leave_italic = _leave_emphasis

    def shortcode(self, code: str) -> str | None:
        """The symbol a shortcode such as .A. or :bomb: stands for: the front matter's own, then Argdown's."""
        own = self.settings.get("shortcodes")
        entry = own.get(code) if isinstance(own, dict) else None
        if isinstance(entry, dict) and isinstance(entry.get("unicode"), str):
            return entry["unicode"]
        return SHORTCODES.get(code)

    def enter_heading(self, node, parent, index) -> None:
        self.heading = {"text": "", "tags": []}

    def leave_heading(self, node: Rule, parent, index) -> None:
        level = len(node.children[0].image) - 1
        section = {"id": f"s{len(self.all_sections()) + 1}", "level": level, "title": self.heading["text"].strip(),
                   "tags": self.heading["tags"], "children": [], "parent": None, "data": node.attrs.get("data"),
                   "line": node.children[0].line}
        previous = self.section
        while previous is not None and previous["level"] >= level:
            previous = previous["parent"]
        if previous is not None:
            previous["children"].append(section)
            section["parent"] = previous
        else:
            self.doc.sections.append(section)
        self.section = section
        self.heading = None

    def all_sections(self) -> list:
        found, todo = [], list(self.doc.sections)
        while todo:
            section = todo.pop()
            found.append(section)
            todo += section["children"]
        return found

    def enter_statement(self, node: Rule, parent: Rule, index) -> None:
        self.statement = Node("statement", line=node.first_token.line if node.first_token else 0)
        if parent.name == "argdown":
            self.statement.role = "top-level-statement"
        elif self.relation is not None:
            self.statement.role = "relation-statement"
        self.relation_parent = self.statement
        node.attrs["statement"] = self.statement

    def leave_statement(self, node: Rule, parent, index) -> None:
        statement = node.attrs["statement"]
        statement.data = node.attrs.get("data")
        if not statement.title:
            statement.title = self.unique_title()
        ec = self.equivalence_class(statement.title)
        node.attrs["ec"] = ec
        statement.section = self.section
        _join(ec, statement)
        self.statement = None

    def enter_argument(self, node: Rule, parent: Rule | None, index) -> None:
        self.statement = Node("statement", role="argument-description", text="",
                              line=node.first_token.line if node.first_token else 0)
        self.statement.section = self.section
        self.relation_parent = self.statement
        node.attrs["statement"] = self.statement

    def leave_argument(self, node: Rule, parent, index) -> None:
        description = node.attrs["statement"]
        description.data = node.attrs.get("data")
        if not description.title:
            description.title = self.unique_title()
        argument = self.argument_named(description.title)
        node.attrs["argument"] = argument
        _join(argument, description)
        if not argument.line:
            argument.line = description.line
        self.statement = None
        self.argument = None

    def enter_pcs(self, node: Rule, parent: Rule, index: int) -> None:
        argument = None
        before = parent.children[index - 1] if index > 0 else None
        if isinstance(before, Token) and before.type == "Emptyline" and index > 1:
            before = parent.children[index - 2]
        if isinstance(before, Rule) and before.name == "argument":
            argument = before.attrs["argument"]
        if argument is None:
            argument = self.argument_named(None)
        if self.section is not None:
            argument.section = self.section
        if argument.pcs:
            from ...errors import ParseError

            line = node.first_token.line
            raise ParseError(f"Argdown error at line {line}: argument <{argument.title}> has a second "
                             "premise-conclusion structure", line=line, fix="give each argument one structure")
        if not argument.line:
            argument.line = node.first_token.line
        node.attrs["argument"] = argument
        self.pcs_argument = argument

    def leave_pcs(self, node: Rule, parent, index) -> None:
        argument = node.attrs["argument"]
        last = argument.pcs[-1]
        last.role = "main-conclusion"

    def leave_pcsStatement(self, node: Rule, parent: Rule, index: int) -> None:
        statement = node.children[1].attrs["statement"]
        statement.role = "premise"
        if index > 0 and isinstance(parent.children[index - 1], Rule) and parent.children[index - 1].name == "inference":
            statement.role = "intermediary-conclusion"
            statement.inference = parent.children[index - 1].attrs["inference"]
            statement.inference.conclusion_index = len(self.pcs_argument.pcs)
            statement.inference.argument_title = self.pcs_argument.title
        self.pcs_argument.pcs.append(statement)

    def enter_inference(self, node: Rule, parent, index) -> None:
        self.inference = Node("inference", line=node.first_token.line)
        node.attrs["inference"] = self.inference
        self.relation_parent = self.inference
        self.parents.append(self.inference)

    def leave_inference(self, node: Rule, parent, index) -> None:
        self.inference.data = node.attrs.get("data")

    def leave_inferenceRules(self, node: Rule, parent, index) -> None:
        self.inference.rules = [child.attrs.get("text", "").strip() for child in node.children if isinstance(child, Rule)]

    def enter_relations(self, node, parent, index) -> None:
        self.parents.append(self.relation_member(self.relation_parent))

    def leave_relations(self, node, parent, index) -> None:
        self.relation = None
        self.parents.pop()

    def _enter_relation(self, node: Rule, parent, index) -> None:
        kind, side = _RELATION_TYPES[node.name]
        relation = Relation(kind, line=node.first_token.line)
        here = self.parents[-1] if self.parents else None
        if node.name == "outgoingUndercut" and isinstance(here, Node) and here.type == "equivalence-class" \
                and self.inference is not None:
            here = self.inference
        setattr(relation, "source" if side == "from" else "target", here)
        self.relation = relation
        node.attrs["relation"] = relation

    def _leave_relation(self, node: Rule, parent, index) -> None:
        relation = node.attrs["relation"]
        content = node.children[1]
        other = self.relation_member(content.attrs.get("argument") or content.attrs.get("statement"))
        if relation.source is not None:
            relation.target = other
        else:
            relation.source = other
        for existing in relation.source.relations:
            same = existing.target is relation.target and existing.type == relation.type
            mirrored = (relation.type == existing.type == "contradictory" and existing.source is relation.target
                        and existing.target is relation.source)
            if same or mirrored:
                return
        self.doc.relations.append(relation)
        relation.source.relations.append(relation)
        relation.target.relations.append(relation)

    for _name in _RELATION_TYPES:
        locals()[f"enter_{_name}"] = _enter_relation
        locals()[f"leave_{_name}"] = _leave_relation
    del _name


def build(tree: Rule, *, remove_tags: bool = False) -> Document:
    """Argdown's model of a parsed document, as its ModelPlugin leaves it."""
    builder = _Builder()
    builder.settings["removeTagsFromText"] = remove_tags
    builder.visit(tree, None, 0)
    document = builder.doc
    from .transform import finish

    finish(document, builder.settings)
    return document
