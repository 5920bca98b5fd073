"""Argdown's grammar as a recursive-descent parser over lexer.py's tokens: the rules of @argdown/core 1.7.5.

Needs: the tokens. Gives: a tree of `Rule` nodes (named as Argdown names its
rules: argdown, heading, statement, argument, pcs, relations …) whose leaves are
the tokens, for build.py to walk. A syntax error is a ParseError with the line
and column of the token where the text stops being Argdown, and what was
expected there; Argdown's own parser would go on after recovering, argmap stops.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ...errors import ParseError
from .lexer import Token

CONTENT_TOKENS = {"Freestyle", "UnusedControlChar", "EscapedChar", "SpecialChar"}
CONTENT_START = CONTENT_TOKENS | {"Link", "UnderscoreBoldStart", "AsteriskBoldStart", "UnderscoreItalicStart",
                                  "AsteriskItalicStart", "Tag", "ArgumentMention", "StatementMention", "Newline"}
RELATIONS = {"IncomingSupport": "incomingSupport", "IncomingAttack": "incomingAttack",
             "OutgoingSupport": "outgoingSupport", "OutgoingAttack": "outgoingAttack",
             "Contradiction": "contradiction", "IncomingUndercut": "incomingUndercut",
             "OutgoingUndercut": "outgoingUndercut"}
STATEMENT_START = CONTENT_START | {"StatementReference", "StatementDefinition"}
ARGUMENT_START = {"ArgumentDefinition", "ArgumentReference"}

_NAMES = {"Emptyline": "an empty line", "Newline": "a line break", "Indent": "an indented relation",
          "Dedent": "the end of the indented relations", "EOF": "the end of the file",
          "InferenceStart": "an inference line (----)", "InferenceEnd": "the end of the inference line (--)",
          "StatementNumber": "a numbered premise or conclusion such as (1)", "Data": "a {…} metadata block",
          "FrontMatter": "the front matter (=== … ===)", "HeadingStart": "a heading (# …)"}


@dataclass
class Rule:
    """A node of the parse tree: a rule's name and its children (rules and tokens)."""

    name: str
    children: list = field(default_factory=list)
    attrs: dict = field(default_factory=dict)   # what build.py attaches while walking

    @property
    def first_token(self) -> Token | None:
        for child in self.children:
            token = child if isinstance(child, Token) else child.first_token
            if token is not None:
                return token
        return None

    @property
    def last_token(self) -> Token | None:
        for child in reversed(self.children):
            token = child if isinstance(child, Token) else child.last_token
            if token is not None:
                return token
        return None


def _describe(token: Token | None) -> str:
    if token is None:
        return "the end of the file"
    if token.type in _NAMES:
        return _NAMES[token.type]
    return repr(token.image.strip() or token.image)


class _Parser:
    def __init__(self, tokens: list[Token]):
        self.tokens = tokens
        self.at = 0

    def peek(self, ahead: int = 0) -> str:
        index = self.at + ahead
        return self.tokens[index].type if index < len(self.tokens) else "EOF"

    def consume(self, kind: str, what: str | None = None) -> Token:
        if self.peek() != kind:
            self.fail(what or _NAMES.get(kind, kind))
        token = self.tokens[self.at]
        self.at += 1
        return token

    def fail(self, expected: str):
        token = self.tokens[self.at] if self.at < len(self.tokens) else None
        if token is None:
            last = self.tokens[-1] if self.tokens else None
            line, column = (last.end_line, last.end_column) if last else (1, 1)
        else:
            line, column = token.line, token.column
        previous = self.tokens[self.at - 1] if 0 < self.at <= len(self.tokens) else None
        hint = _hint(token, previous, expected)
        raise ParseError(f"Argdown syntax error at line {line}, column {column}: expected {expected}, "
                         f"found {_describe(token)}{hint}", line=line,
                         fix="correct the Argdown at that place (docs/argdown.md has the syntax)")

    # --- the rules ------------------------------------------------------------

    def argdown(self) -> Rule:
        node = Rule("argdown")
        if self.peek() == "Newline":
            self.at += 1
        if self.peek() == "Emptyline":
            self.at += 1
        if self.peek() == "FrontMatter":
            node.children.append(self.consume("FrontMatter"))
            if self.peek() == "Newline":
                self.at += 1
            node.children.append(self.consume("Emptyline", "an empty line after the front matter"))
        node.children.append(self.block())
        while self.peek() == "Emptyline":
            node.children.append(self.consume("Emptyline"))
            node.children.append(self.block())
        if self.peek() != "EOF":
            self.fail("an empty line between two blocks, or the end of the file")
        return node

    def block(self) -> Rule:
        kind = self.peek()
        if kind == "HeadingStart":
            return self.heading()
        if kind in STATEMENT_START:
            return self.statement()
        if kind == "StatementNumber":
            return self.pcs()
        if kind in ARGUMENT_START:
            return self.argument()
        if kind == "Indent" and self.peek(1) == "OrderedListItem":
            return self.items("orderedList", "OrderedListItem", "orderedListItem")
        if kind == "Indent" and self.peek(1) == "UnorderedListItem":
            return self.items("unorderedList", "UnorderedListItem", "unorderedListItem")
        self.fail("a statement, an argument, a heading, a list or a premise-conclusion structure")

    def heading(self) -> Rule:
        node = Rule("heading", [self.consume("HeadingStart")])
        node.children.append(self.content())
        while self.peek() in CONTENT_START:
            node.children.append(self.content())
        if self.peek() == "Data" or (self.peek() == "Newline" and self.peek(1) == "Data"):
            if self.peek() == "Newline":
                node.children.append(self.consume("Newline"))
            node.children.append(self.consume("Data"))
            if self.peek() == "Newline":
                node.children.append(self.consume("Newline"))
        return node

    def pcs(self) -> Rule:
        node = Rule("pcs", [self.pcs_statement()])
        node.children.append(self.pcs_tail())
        while self.peek() in ("StatementNumber", "InferenceStart"):
            node.children.append(self.pcs_tail())
        return node

    def pcs_tail(self) -> Rule:
        node = Rule("pcsTail")
        while self.peek() == "StatementNumber":
            node.children.append(self.pcs_statement())
        node.children.append(self.inference())
        node.children.append(self.pcs_statement())
        return node

    def pcs_statement(self) -> Rule:
        node = Rule("pcsStatement", [self.consume("StatementNumber")])
        if self.peek() not in STATEMENT_START:
            if self.peek() in ARGUMENT_START:
                self.fail("a statement: an argument (<…>) cannot be a premise or conclusion, use a statement ([…])")
            self.fail("the premise's or conclusion's statement")
        node.children.append(self.statement())
        return node

    def inference(self) -> Rule:
        node = Rule("inference", [self.consume("InferenceStart")])
        rules_start = CONTENT_TOKENS
        if self.peek() in rules_start or (self.peek() == "Newline" and self.peek(1) in rules_start):
            if self.peek() == "Newline":
                node.children.append(self.consume("Newline"))
            node.children.append(self.inference_rules())
        if self.peek() == "Newline":
            node.children.append(self.consume("Newline"))
        if self.peek() == "Data":
            node.children.append(self.consume("Data"))
            if self.peek() == "Newline":
                node.children.append(self.consume("Newline"))
        node.children.append(self.consume("InferenceEnd", "the end of the inference line (at least two hyphens)"))
        node.children.append(self.consume("Newline", "a line break after the inference line"))
        if self.peek() == "Indent":
            relations = Rule("relations", [self.consume("Indent")])
            relations.children.append(self.relation({"OutgoingUndercut"}))
            while self.peek() == "OutgoingUndercut":
                relations.children.append(self.relation({"OutgoingUndercut"}))
            self.consume("Dedent")
            node.children.append(relations)
        return node

    def inference_rules(self) -> Rule:
        node = Rule("inferenceRules", [self.freestyle()])
        while self.peek() == "ListDelimiter":
            self.at += 1
            node.children.append(self.freestyle())
        return node

    def items(self, name: str, token: str, item: str) -> Rule:
        node = Rule(name, [self.consume("Indent")])
        while True:
            entry = Rule(item, [self.consume(token)])
            entry.children.append(self.statement_or_argument())
            node.children.append(entry)
            if self.peek() != token:
                break
        self.consume("Dedent", "the end of the list")
        return node

    def argument(self) -> Rule:
        node = Rule("argument")
        if self.peek() == "ArgumentDefinition":
            node.children.append(self.consume("ArgumentDefinition"))
            node.children.append(self.content())
        else:
            node.children.append(self.consume("ArgumentReference", "an argument <…>"))
            while self.peek() == "Tag":
                node.children.append(self.consume("Tag"))
            if self.peek() == "Newline":
                node.children.append(self.consume("Newline"))
        self._data_and_relations(node)
        return node

    def statement(self) -> Rule:
        node = Rule("statement")
        kind = self.peek()
        if kind in CONTENT_START:
            node.children.append(self.content())
        elif kind == "StatementReference":
            node.children.append(self.consume("StatementReference"))
            while self.peek() == "Tag":
                node.children.append(self.consume("Tag"))
            if self.peek() == "Newline":
                node.children.append(self.consume("Newline"))
        else:
            definition = Rule("statementDefinition", [self.consume("StatementDefinition", "a statement")])
            definition.children.append(self.content())
            node.children.append(definition)
        self._data_and_relations(node)
        return node

    def _data_and_relations(self, node: Rule) -> None:
        if self.peek() == "Data":
            node.children.append(self.consume("Data"))
            if self.peek() == "Newline":
                node.children.append(self.consume("Newline"))
        if self.peek() == "Indent":
            node.children.append(self.relations())

    def relations(self) -> Rule:
        node = Rule("relations", [self.consume("Indent")])
        node.children.append(self.relation(set(RELATIONS)))
        while self.peek() in RELATIONS:
            node.children.append(self.relation(set(RELATIONS)))
        self.consume("Dedent", "a relation (<+, <-, <_, +>, ->, _>, ><) at this indentation, or less indentation")
        return node

    def relation(self, allowed: set[str]) -> Rule:
        kind = self.peek()
        if kind not in allowed:
            self.fail("an undercut (<_)" if allowed == {"OutgoingUndercut"} else "a relation")
        node = Rule(RELATIONS[kind], [self.consume(kind)])
        if kind == "Contradiction":
            if self.peek() not in STATEMENT_START:
                self.fail("a statement: only statements contradict each other")
            node.children.append(self.statement())
        else:
            node.children.append(self.statement_or_argument())
        return node

    def statement_or_argument(self) -> Rule:
        if self.peek() in STATEMENT_START:
            return self.statement()
        if self.peek() in ARGUMENT_START:
            return self.argument()
        self.fail("a statement or an argument")

    def content(self) -> Rule:
        node = Rule("statementContent")
        if self.peek() not in CONTENT_START:
            self.fail("the statement's text")
        while self.peek() in CONTENT_START:
            kind = self.peek()
            if kind in CONTENT_TOKENS:
                node.children.append(self.freestyle())
            elif kind in ("UnderscoreBoldStart", "AsteriskBoldStart"):
                node.children.append(self.emphasis("bold", kind, kind.replace("Start", "End")))
            elif kind in ("UnderscoreItalicStart", "AsteriskItalicStart"):
                node.children.append(self.emphasis("italic", kind, kind.replace("Start", "End")))
            else:
                node.children.append(self.consume(kind))
        return node

    def emphasis(self, name: str, start: str, end: str) -> Rule:
        node = Rule(name, [self.consume(start)])
        if self.peek() in CONTENT_START:
            node.children.append(self.content())
        node.children.append(self.consume(end, f"the end of the {name} text ({self.tokens[self.at - 1].image.strip() if node.children else ''})"))
        return node

    def freestyle(self) -> Rule:
        node = Rule("freestyleText")
        if self.peek() not in CONTENT_TOKENS:
            self.fail("text")
        while self.peek() in CONTENT_TOKENS:
            node.children.append(self.consume(self.peek()))
        return node


def _hint(token: Token | None, previous: Token | None, expected: str) -> str:
    """A word on the commonest mistakes, where the token shows one."""
    if token is None:
        return ""
    if token.type == "Indent" and previous is not None and previous.type == "Emptyline":
        return " (an indented relation belongs to the line above it, with no empty line between: remove the empty line)"
    if token.type in ("Newline", "Freestyle") and "pcs" not in expected and "(1)" in expected:
        return " (put an empty line between the argument's title and its first premise)"
    return ""


def parse_tokens(tokens: list[Token]) -> Rule:
    """The parse tree of a token list; a ParseError at the first place the tokens are not Argdown."""
    if not tokens:
        raise ParseError("the Argdown document is empty", fix="write at least one statement or argument")
    return _Parser(tokens).argdown()
