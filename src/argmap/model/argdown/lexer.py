"""Argdown's tokens, found as @argdown/core 1.7.5 finds them (written against its grammar, tested against it).

Needs: the text of an .argdown file. Gives: the tokens, with offsets, lines and
columns, and the Indent and Dedent tokens that relations and lists open and close.
Does not: parse (parser.py) or build the model (build.py).

At each place the first token type of the list that matches wins (not the
longest match), as in Chevrotain's lexer; some types match only after a line
break (relations, statement numbers, list items, headings), and the lexer has a
second mode between `--` and `--` (an inference line). JavaScript's `.` stops at
\\r, \\u2028 and \\u2029 as well as \\n, so `_DOT` stands for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...errors import ParseError

_DOT = "[^\\n\\r\\u2028\\u2029]"
_TAG_CHARS = "a-zA-z0-9\\-\\u00A0-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFEF"  # A-z as Argdown writes it: [ \ ] ^ _ ` too


@dataclass
class Token:
    """One token: its type, its text, and where it is (offsets 0-based, lines and columns 1-based)."""

    type: str
    image: str
    start: int
    end: int          # offset of its last character
    line: int
    column: int
    end_line: int = 0
    end_column: int = 0
    data: dict = field(default_factory=dict)   # what the model attaches (a tag's name, a link's url …)


def _compile(pattern: str) -> re.Pattern:
    return re.compile(pattern)


# The relation tokens: (type, pattern); each matches only at the start of a line, with its indentation.
_RELATIONS = [
    ("IncomingSupport", _compile(r"([' \t]*)(\+>)")),
    ("IncomingAttack", _compile(r"([' \t]*)(->)")),
    ("OutgoingSupport", _compile(r"([' \t]*)(<?\+)")),
    ("OutgoingAttack", _compile(r"([' \t]*)(<?-)")),
    ("Contradiction", _compile(r"([' \t]*)(><)")),
    ("IncomingUndercut", _compile(r"([' \t]*)(_>)")),
    ("OutgoingUndercut", _compile(r"([' \t]*)(<_|(?:_(?=\s)))")),
]
_INFERENCE_START = _compile(r"[' \t]*-{2}")
_FRONT_MATTER = _compile(r"===+[\s\S]*?===+")
_DATA = _compile(r"\{(?:(?!\}\s[^,}])[^\r\u2028\u2029])*\}(?!\s*(?:,|\}))")
_LIST_DELIMITER = _compile(r",")
_INFERENCE_END = _compile(r"-{2,}")
_ORDERED_ITEM = _compile(r"([' \t]*)\d+\.(?=\s)")
_UNORDERED_ITEM = _compile(r"([' \t]*)\*(?=\s)")
_EMPTYLINE = _compile(r"(?:[ \t]*(?:\r\n|\n)){2,}")
_STATEMENT_DEFINITION = _compile(rf"\[{_DOT}+?\]:")
_STATEMENT_REFERENCE = _compile(rf"\[[^-]{_DOT}*?\]")
_STATEMENT_MENTION = _compile(rf"@\[{_DOT}+?\][ \t]?")
_STATEMENT_NUMBER = _compile(r"[' \t]*\(\d+\)")
_ARGUMENT_DEFINITION = _compile(rf"<{_DOT}+?>:")
_ARGUMENT_REFERENCE = _compile(rf"<[^-]{_DOT}*?>")
_ARGUMENT_MENTION = _compile(rf"@<{_DOT}+?>[ \t]?")
_HEADING = _compile(r"(#+) ")
_END_FOLLOW = r"(?:[ \t]|(?=\n|\r|\)|\}|_|\.|,|!|\?|;|:|-|\*|$))"
_EMPHASIS = [  # (start type, end type, range name, start pattern, end pattern), in the lexer's order of ends, then starts
    ("AsteriskBoldStart", "AsteriskBoldEnd", "AsteriskBold", _compile(r"\*\*(?!\s)"), _compile(r"\*\*" + _END_FOLLOW)),
    ("UnderscoreBoldStart", "UnderscoreBoldEnd", "UnderscoreBold", _compile(r"__(?!\s)"), _compile(r"__" + _END_FOLLOW)),
    ("AsteriskItalicStart", "AsteriskItalicEnd", "AsteriskItalic", _compile(r"\*(?!\s)"), _compile(r"\*" + _END_FOLLOW)),
    ("UnderscoreItalicStart", "UnderscoreItalicEnd", "UnderscoreItalic", _compile(r"_(?!\s)"), _compile(r"_" + _END_FOLLOW)),
]
_COMMENT_BODY = r"(?:<!--[\s\S]*?-->)|(?:/\*[\s\S]*?\*/)|(?://" + _DOT + r"*?(?=\r\n|\n|\r))"
_COMMENT = _compile(_COMMENT_BODY)
_COMMENT_AFTER_EMPTYLINE = _compile(r"(?:" + _COMMENT_BODY + r")(?:[ \t]*\r\n|\n|\r)*")
_COMMENT_AFTER_NEWLINE = _compile(r"(?:" + _COMMENT_BODY + r")(?:[ \t]*(?:\r\n|\n|\r)(?![ \t]*(?:\r\n|\n|\r)))?")
_LINK = _compile(r"\[[^\]]+?\]\([^)]+?\)[ \t]?")
_TAG = _compile(rf"#(?:\([^)]+\)|[{_TAG_CHARS}]+)[ \t]?")
_NEWLINE = _compile(r"[ \t]*(?:\r\n|\n|\r)")
_SPACES = _compile(r"(?: |\t)+")
_ESCAPED = _compile(rf"\\{_DOT}(?: )*")
_SPECIAL = _compile(r"(?:\.[^\s]+?\.[ \t]?)|(?::[^\s]+?:[ \t]?)")
_FREESTYLE = _compile(r"[^\\@#*_\[\],.:;</>\-\r\n(){}]+")
_UNUSED = _compile(r"[@#*_\[\],.:;</>\-(){}][ \t]?")

SKIPPED = ("Comment", "Spaces")


class _Lexer:
    def __init__(self, text: str):
        self.text = text
        self.tokens: list[Token] = []
        self.indents = [0]
        self.ranges: list[str] = []
        self.last_skipped_end = -1
        self.mode = "default"
        self.line_starts = [0] + [m.end() for m in re.finditer(r"\r\n|\n|\r", text)]

    # --- positions -----------------------------------------------------------

    def _place(self, offset: int) -> tuple[int, int]:
        import bisect

        index = bisect.bisect_right(self.line_starts, offset) - 1
        return index + 1, offset - self.line_starts[index] + 1

    def _token(self, kind: str, image: str, start: int) -> Token:
        line, column = self._place(start)
        end = start + len(image) - 1
        end_line, end_column = self._place(max(start, end))
        return Token(kind, image, start, end, line, column, end_line, end_column)

    def _last(self) -> Token | None:
        return self.tokens[-1] if self.tokens else None

    def _after_break(self, *, emptyline: bool = True) -> bool:
        last = self._last()
        return last is None or last.type == "Newline" or (emptyline and last.type == "Emptyline")

    def _current_line(self) -> int:
        last = self._last()
        if last is None:
            return 1
        return last.end_line + (1 if last.type in ("Emptyline", "Newline") else 0)

    # --- Indent and Dedent ---------------------------------------------------

    def _dedent_all(self) -> None:
        last = self._last()
        offset = last.end if last else 0
        line, column = self._current_line(), (last.end_column if last and last.end_column else 0)
        while len(self.indents) > 1:
            self.tokens.append(Token("Dedent", "", offset, offset, line, column, line, column))
            self.indents.pop()

    def _indent_or_dedent(self, indentation: str) -> None:
        level = len(indentation)
        last_level = self.indents[-1]
        offset = (self._last().end if self._last() else 0) + 1
        line = self._current_line()
        if level > last_level:
            self.indents.append(level)
            self.tokens.append(Token("Indent", "", offset, offset + level - 1, line, 1, line, level))
        elif level < last_level:
            while len(self.indents) > 1 and level < last_level:
                self.indents.pop()
                last_level = self.indents[-1]
                self.tokens.append(Token("Dedent", "", offset, offset + level - 1, line, 1, line, level))

    # --- one token -----------------------------------------------------------

    def _match_default(self, at: int) -> tuple[str, str] | None:
        text = self.text
        last = self._last()
        comment = self._comment(at)
        if comment is not None:
            return "Comment", comment
        for kind, pattern in (("FrontMatter", _FRONT_MATTER), ("Data", _DATA), ("EscapedChar", _ESCAPED),
                              ("SpecialChar", _SPECIAL)):
            found = pattern.match(text, at)
            if found:
                return kind, found.group(0)
        if not (last is not None and last.type == "Emptyline"):
            found = _EMPTYLINE.match(text, at)
            if found:
                if found.end() < len(text):
                    self._dedent_all()
                return "Emptyline", found.group(0)
        found = _NEWLINE.match(text, at)
        if found:
            return "Newline", found.group(0)
        if self._after_break(emptyline=False):
            found = _INFERENCE_START.match(text, at)
            if found:
                self._dedent_all()
                self.mode = "inference"
                return "InferenceStart", found.group(0)
        if self._after_break():
            for kind, pattern in _RELATIONS:
                found = pattern.match(text, at)
                if found:
                    self._indent_or_dedent(found.group(1))
                    return kind, found.group(0)
        if last is None or last.type in ("Emptyline", "Newline"):
            found = _HEADING.match(text, at)
            if found:
                return "HeadingStart", found.group(0)
        if self._after_break():
            found = _STATEMENT_NUMBER.match(text, at)
            if found:
                self._dedent_all()
                return "StatementNumber", found.group(0)
            for kind, pattern in (("OrderedListItem", _ORDERED_ITEM), ("UnorderedListItem", _UNORDERED_ITEM)):
                found = pattern.match(text, at)
                if found:
                    self._indent_or_dedent(found.group(1) + " ")
                    return kind, found.group(0)
        for _, end_kind, name, _, end_pattern in _EMPHASIS:
            if self.ranges and self.ranges[-1] == name and last is not None and self.last_skipped_end <= last.end:
                found = end_pattern.match(text, at)
                if found:
                    self.ranges.pop()
                    return end_kind, found.group(0)
        for start_kind, _, name, start_pattern, _ in _EMPHASIS:
            found = start_pattern.match(text, at)
            if found:
                self.ranges.append(name)
                return start_kind, found.group(0)
        for kind, pattern in (("Link", _LINK), ("Tag", _TAG), ("StatementDefinition", _STATEMENT_DEFINITION),
                              ("StatementReference", _STATEMENT_REFERENCE), ("StatementMention", _STATEMENT_MENTION),
                              ("ArgumentDefinition", _ARGUMENT_DEFINITION), ("ArgumentReference", _ARGUMENT_REFERENCE),
                              ("ArgumentMention", _ARGUMENT_MENTION), ("Spaces", _SPACES), ("Freestyle", _FREESTYLE),
                              ("UnusedControlChar", _UNUSED)):
            found = pattern.match(text, at)
            if found:
                return kind, found.group(0)
        return None

    def _match_inference(self, at: int) -> tuple[str, str] | None:
        comment = self._comment(at)
        if comment is not None:
            return "Comment", comment
        for kind, pattern in (("Newline", _NEWLINE), ("EscapedChar", _ESCAPED), ("SpecialChar", _SPECIAL),
                              ("InferenceEnd", _INFERENCE_END), ("Data", _DATA), ("ListDelimiter", _LIST_DELIMITER),
                              ("Spaces", _SPACES), ("Freestyle", _FREESTYLE), ("UnusedControlChar", _UNUSED)):
            found = pattern.match(self.text, at)
            if found:
                if kind == "InferenceEnd":
                    self.mode = "default"
                return kind, found.group(0)
        return None

    def _comment(self, at: int) -> str | None:
        last = self._last()
        if last is not None and last.type == "Emptyline":
            pattern = _COMMENT_AFTER_EMPTYLINE
        elif last is not None and last.type == "Newline":
            pattern = _COMMENT_AFTER_NEWLINE
        else:
            pattern = _COMMENT
        found = pattern.match(self.text, at)
        return found.group(0) if found else None

    def run(self) -> list[Token]:
        at = 0
        while at < len(self.text):
            matched = self._match_inference(at) if self.mode == "inference" else self._match_default(at)
            if matched is None or not matched[1]:
                line, column = self._place(at)
                raise ParseError(f"Argdown syntax error at line {line}, column {column}: a backslash escapes nothing "
                                 "(it ends the line or the file)" if self.text[at] == "\\" else
                                 f"Argdown syntax error at line {line}, column {column}: unexpected character "
                                 f"{self.text[at]!r}", line=line, fix="remove it, or escape it with a backslash")
            kind, image = matched
            token = self._token(kind, image, at)
            if kind in SKIPPED:
                self.last_skipped_end = token.end
            else:
                self.tokens.append(token)
            at += len(image)
        if self.tokens and self.tokens[-1].type == "Emptyline":
            self.tokens.pop()
        self._dedent_all()
        return self.tokens


def tokenize(text: str) -> list[Token]:
    """The tokens of an Argdown text, comments and spaces left out, with Indent and Dedent where Argdown puts them."""
    return _Lexer(text).run()
