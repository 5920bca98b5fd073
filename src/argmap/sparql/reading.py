"""Read SPARQL with rdflib's SPARQL 1.1 parser: what a query is, where its parts stand, and the text engines run.

What a query may do is decided from this parse (guard.py), so the engine that runs it must read the same
query. Reading both parsers' sources (rdflib 7's grammar, Oxigraph 0.5's spargebra) showed two places where
they read the same text differently, and both are settled here, before anything is decided:

- `\\u`/`\\U` escapes. SPARQL expands them in the whole text before parsing. rdflib does, but takes `\\u`
  with four or eight digits; Oxigraph 0.5 does not expand them outside IRIs and strings at all, so a
  `#\\u000A` ends a comment for rdflib and not for Oxigraph. They are expanded here as the grammar says
  (four digits after `\\u`, eight after `\\U`), and a text whose expansion holds another escape (as
  `\\u005Cu0041` does) is refused: no reader could expand it again differently.
- Comments. SPARQL (and Oxigraph) end a comment at a carriage return or a line feed, rdflib only at a line
  feed, so after `# x\\r` the rest of the line would be code for Oxigraph and comment for rdflib. The
  parser here ends comments as the grammar says; and every comment it skipped is blanked out and the
  blanked text read again, so the engines never see a comment at all.

The engines then run `Reading.text`: exactly the text this parse read. The parser is a private copy of
rdflib's grammar (rdflib's own parsing is untouched) whose parse actions note where things stand: `$` and
`?` variables, the outer WHERE group, comments, and every named part of the parse tree, so that refusals
and syntax errors give a line and column. The copy also mends three faults of rdflib's parser that refused
valid queries: its re-reading of the whole text at each SERVICE (which recursed without end on a nested
SERVICE) is skipped, a negative decimal (`-1.0`, which rdflib's parse action cannot negate) is read, and a
block of triple patterns is read in a loop (rdflib's grammar recursed once a triple, past Python's limit at
about 100). Groups nested about 35 deep still pass that limit: such a query is refused as too deep.
Reading grows in proportion to the text: about 1.4 s for 1,000 triple patterns (benchmarks/bench_reading.py). The grammar is built on first use (about 0.1 s
after rdflib's own 0.2 s import), so only commands that read a query pay for it.
"""

from __future__ import annotations

import copy
import functools
import re
import threading
from dataclasses import dataclass

from ..errors import QueryError

FORMS = {"SelectQuery": "SELECT", "ConstructQuery": "CONSTRUCT", "AskQuery": "ASK", "DescribeQuery": "DESCRIBE"}
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_ESCAPE_LEFT = re.compile(r"\\[uU][0-9A-Fa-f]{4}")
_LINE_END = re.compile(r"[\r\n]")
_SERVICE_STUB = "SERVICE <urn:argmap:refused> {}"
_MODIFIERS = ("GroupClause", "HavingClause", "OrderClause", "LimitOffsetClauses", "ValuesClause")


@dataclass(frozen=True, order=True)
class Mark:
    """Where a part of the query stands in Reading.text: first and past-the-last offset, its kind (a parse-tree
    name, `$` or `?` for a variable, `#` for a comment, `where` for a WHERE group), and a variable's name."""

    start: int
    end: int
    kind: str
    value: str = ""


@dataclass(frozen=True, eq=False)
class Reading:
    """A query as rdflib's parser read it: the text as given, the text the engines run, the parse and its marks."""

    source: str
    text: str
    tree: object  # ParseResults [prologue, query] for a query; CompValue "Update" for an update
    update: bool
    marks: tuple[Mark, ...]
    anchors: tuple[tuple[int, int], ...] = ()  # (offset in text, offset in source) after each expanded escape

    @property
    def form(self) -> str | None:
        """SELECT, CONSTRUCT, ASK or DESCRIBE; None for an update."""
        return None if self.update else FORMS[self.tree[1].name]

    @property
    def prefixes(self) -> dict[str, str]:
        """The PREFIX declarations of a query: prefix → namespace."""
        if self.update:
            return {}
        return {(decl["prefix"] if "prefix" in decl else ""): str(decl["iri"])
                for decl in self.tree[0] if decl.name == "PrefixDecl"}

    @property
    def parameters(self) -> frozenset[str]:
        """The names of the `$` variables: a query's parameters, by argmap's convention."""
        return frozenset(mark.value for mark in self.marks if mark.kind == "$")

    @property
    def variables(self) -> frozenset[str]:
        """The names of the `?` variables."""
        return frozenset(mark.value for mark in self.marks if mark.kind == "?")

    def first(self, *kinds: str) -> Mark | None:
        """The first mark of any of these kinds, in text order."""
        return next((mark for mark in self.marks if mark.kind in kinds), None)

    def position(self, offset: int) -> tuple[int, int]:
        """The 1-based (line, column) in the text as given of an offset in Reading.text."""
        return position(self.source, _source_offset(self.anchors, offset))


def position(text: str, offset: int) -> tuple[int, int]:
    """The 1-based (line, column) of a character offset."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


@functools.lru_cache(maxsize=256)
def read(text: str, where: str = "query") -> Reading:
    """The query or update read by rdflib's parser; a text it cannot read is a QueryError with line and column."""
    if not text.strip():
        raise QueryError("the query is empty", path=where, fix="write a SELECT, ASK, CONSTRUCT or DESCRIBE query")
    expanded, anchors = _expand(text, where)
    tree, update, marks = _parse(text, expanded, anchors, where)
    comments = [mark for mark in marks if mark.kind == "#"]
    if comments:
        blanked = list(expanded)
        for mark in comments:
            end = _LINE_END.search(expanded, mark.start)
            end = end.start() if end else len(expanded)
            blanked[mark.start:end] = " " * (end - mark.start)
        expanded = "".join(blanked)
        tree, update, marks = _parse(text, expanded, anchors, where)
        if any(mark.kind == "#" for mark in marks):  # blanking every comment left a comment: do not guess
            raise QueryError("cannot tell where the comments of this query end", path=where,
                             fix="write each comment on a line of its own")
    return Reading(text, expanded, tree, update, marks, anchors)


def query_form(text: str) -> str | None:
    """SELECT, CONSTRUCT, ASK or DESCRIBE, or None for an update or a text that is not SPARQL."""
    try:
        return read(text).form
    except QueryError:
        return None


def bind_first(reading: Reading, block: str, where: str = "query") -> str:
    """The query's text with `block` (BIND clauses) first in its outer WHERE group, the same query otherwise.

    For a SPARQL service, whose protocol carries no parameters. `CONSTRUCT WHERE { T }` is first written
    out as the `CONSTRUCT { T } WHERE { T }` it stands for, and a DESCRIBE without WHERE gets an empty one.
    """
    query, text = reading.tree[1], reading.text
    if query.name == "ConstructQuery" and ("where" not in query or query["where"].name == "FakeGroupGraphPatten"):
        start = reading.first("ConstructQuery").start + len("CONSTRUCT")
        template = reading.first("FakeGroupGraphPatten")
        triples = text[template.start:template.end] if template else ""
        return bind_first(read(f"{text[:start]} {{ {triples} }} {text[start:]}", where), block, where)
    if query.name == "DescribeQuery" and "where" not in query:
        ends = [mark.start for mark in reading.marks if mark.kind in _MODIFIERS]
        at = min(ends, default=reading.first("DescribeQuery").end)
        return bind_first(read(f"{text[:at]} WHERE {{ }} {text[at:]}", where), block, where)
    outer = reading.first("where")
    opening, closing = outer.start, outer.end - 1
    if text[opening] != "{" or text[closing] != "}":
        raise QueryError("cannot find the WHERE clause to bind the parameters in", path=where,
                         fix="write the query with an explicit WHERE { … }")
    if query["where"].name == "SubSelect":  # { SELECT … } holds nothing else: nest it
        bound = f"{text[:opening + 1]}{block} {{{text[opening + 1:closing]}}} {text[closing:]}"
    else:
        bound = f"{text[:opening + 1]}{block}{text[opening + 1:]}"
    if read(bound, where).form != reading.form:
        raise QueryError("binding the parameters changed the query", path=where, fix="report this as a bug")
    return bound


# --- escapes ---------------------------------------------------------------------------------


def _expand(text: str, where: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The text with its \\u and \\U escapes expanded, and anchors mapping offsets back to the text as given."""
    if "\\u" not in text and "\\U" not in text:
        return text, ()
    pieces, anchors, last, length = [], [], 0, 0
    for match in _ESCAPE.finditer(text):
        code = int(match.group(1) or match.group(2), 16)
        if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            line, column = position(text, match.start())
            raise QueryError(f"line {line}, column {column}: {match.group()} is not a Unicode character", path=where,
                             fix="write the character itself, or the escape of a character that exists")
        pieces.append(text[last:match.start()])
        length += match.start() - last
        pieces.append(chr(code))
        length += 1
        last = match.end()
        anchors.append((length, last))
    pieces.append(text[last:])
    expanded = "".join(pieces)
    left = _ESCAPE_LEFT.search(expanded)
    if left:
        line, column = position(text, _source_offset(tuple(anchors), left.start()))
        raise QueryError(f"line {line}, column {column}: an escape that makes another escape ({left.group()}) "
                         "is read differently by different SPARQL engines", path=where,
                         fix="write the character itself instead of escaping its backslash")
    return expanded, tuple(anchors)


def _source_offset(anchors: tuple[tuple[int, int], ...], offset: int) -> int:
    for expanded_at, source_at in reversed(anchors):
        if expanded_at <= offset:
            return source_at + offset - expanded_at
    return offset


# --- the parser --------------------------------------------------------------------------------

_local = threading.local()
_lock = threading.Lock()
_parsing = threading.Lock()
_grammar_units = None


def _note(kind: str, start: int, end: int, value: str = "") -> None:
    marks = getattr(_local, "marks", None)
    if marks is not None:
        marks.append(Mark(start, end, kind, value))


def _note_span(element, kind: str) -> None:
    """Note where `element` starts and ends (its parse action sees the start, its postParse the end)."""
    post_parse = element.postParse
    stub = kind == "ServiceGraphPattern"

    def noting_post_parse(instring, end, tokens):
        if stub:  # rdflib re-reads the whole text for the SERVICE's source here; argmap refuses it anyway
            saved, _local.marks = getattr(_local, "marks", None), None
            try:
                result = post_parse(_SERVICE_STUB, end, tokens)
            finally:
                _local.marks = saved
        else:
            result = post_parse(instring, end, tokens)
        _local.end = end
        return result

    element.postParse = noting_post_parse
    element.add_parse_action(lambda instring, start, tokens: _note(kind, start, _local.end))


def _note_variable(element, kind: str) -> None:
    element.add_parse_action(lambda instring, start, tokens: _note(kind, start, start + 1 + len(tokens[0]), tokens[0]))


def _note_comment(element) -> None:
    element.add_parse_action(lambda instring, start, tokens: _note("#", start, start + 1))


def _negative_decimal(tokens):
    from rdflib import Literal

    return Literal("-" + str(tokens[0]), datatype=tokens[0].datatype)


def _elements(roots):
    """Every parser element reachable from `roots`."""
    seen, stack = set(), list(roots)
    while stack:
        element = stack.pop()
        if id(element) in seen:
            continue
        seen.add(id(element))
        yield element
        stack.extend(getattr(element, "exprs", None) or ())
        if getattr(element, "expr", None) is not None:
            stack.append(element.expr)
        stack.extend(getattr(element, "ignoreExprs", None) or ())


def _grammar():
    """A private copy of rdflib's query and update grammars, with parse actions that note where things stand."""
    global _grammar_units
    with _lock:
        if _grammar_units is None:
            from pyparsing import Optional, Regex, Suppress, ZeroOrMore
            from rdflib.plugins.sparql import parser
            from rdflib.plugins.sparql.parserutils import Comp, Param, ParamList

            memo: dict = {}
            units = copy.deepcopy((parser.QueryUnit, parser.UpdateUnit), memo)
            comment = Suppress(Regex(r"#[^\r\n]*"))  # the grammar's comment: to a carriage return or line feed
            # X ( '.' Block? )? written as rdflib writes it recurses once a triple: 100 triples passed Python's
            # limit. The same language, read in a loop: X ( '.' X )* '.'?
            for block, triples, name in ((parser.TriplesBlock, parser.TriplesSameSubjectPath, "triples"),
                                         (parser.ConstructTriples, parser.TriplesSameSubject, "template")):
                item = ParamList(name, memo[id(triples)])
                loop = item + ZeroOrMore(Suppress(".") + item) + Optional(Suppress("."))
                memo[id(block)] <<= loop
                loop.ignore(comment)
            for element in list(_elements(units)):
                if isinstance(element, Comp):
                    _note_span(element, element.name)
            _note_variable(memo[id(parser.VAR1)], "?")
            _note_variable(memo[id(parser.VAR2)], "$")
            _note_comment(comment)
            rdflibs = {id(memo[id(e)]) for e in parser.QueryUnit.ignoreExprs + parser.UpdateUnit.ignoreExprs}
            for element in _elements(units):
                if getattr(element, "ignoreExprs", None):
                    element.ignoreExprs = [comment if id(e) in rdflibs else e for e in element.ignoreExprs]
            memo[id(parser.DECIMAL_NEGATIVE)].set_parse_action(_negative_decimal)
            where = next(e for e in parser.WhereClause.exprs if isinstance(e, Param) and e.name == "where")
            _note_span(memo[id(where)], "where")
            for unit, text in zip(units, ("ASK {}", "CLEAR ALL")):
                unit.parse_with_tabs()  # pyparsing would otherwise expand tabs to spaces first, moving every offset
                unit.parse_string(text, parse_all=True)  # streamlines the grammar once, under the lock
            _grammar_units = units
    return _grammar_units


def _parse(source: str, text: str, anchors, where: str):
    """(tree, is_update, marks) of `text`, read as a query, else as an update; QueryError if it is neither."""
    from pyparsing import ParseBaseException

    query_unit, update_unit = _grammar()
    errors = []
    for unit, update in ((query_unit, False), (update_unit, True)):
        _local.marks = []
        try:
            # One parse at a time: pyparsing finds each parse action's arity on its first calls, and not
            # thread-safely; parsing holds the GIL anyway, so threads would not parse faster.
            with _parsing:
                result = unit.parse_string(text, parse_all=True)
            return (result[0] if update else result), update, tuple(sorted(set(_local.marks)))
        except ParseBaseException as error:
            errors.append(error)
        except RecursionError:
            raise QueryError("the query nests too deeply for argmap's SPARQL parser", path=where,
                             fix="nest fewer { } groups or ( ) expressions inside each other") from None
        except Exception as error:  # a parse action refused a term (rdflib raises plain exceptions there)
            raise QueryError(f"the query cannot be read: {error}", path=where, fix="correct the query") from None
        finally:
            _local.marks = None
    error = max(errors, key=lambda e: e.loc)
    line, column = position(source, _source_offset(anchors, error.loc))
    expected = str(error).split("  (at char")[0]
    raise QueryError(f"SPARQL syntax error at line {line}, column {column}: {expected}", path=where,
                     fix="correct the query at that place")
