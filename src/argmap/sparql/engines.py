"""The engines a query runs on: Oxigraph (the default), plain rdflib, and (in endpoint.py) a SPARQL endpoint.

Every engine takes query text and parameters already made RDF terms, binds
them as terms (never pasting them into the text), and gives a Table,
Boolean or Triples of pyoxigraph terms, so output does not depend on the
engine. The default graph is the union of every loaded graph.

Needs: a Project (Oxigraph loads it with its own parser) or a Loaded dataset
(rdflib). Does not: check that a query is safe (that is `safety`, called by
`query` before any engine runs).
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pyoxigraph as ox

from ..errors import FileAccessError, ParseError, QueryError
from ..model.project import Project
from .results import Boolean, Table, Triples

#: The named graph of each file, as load.py names them (vocab.GRAPH; kept here so Oxigraph runs without rdflib).
GRAPH_BASE = "https://w3id.org/argmap/graph/"
#: The prefixes argmap binds (vocab.PREFIXES), as strings.
PREFIXES = {
    "arg": "https://w3id.org/argmap/ontology#",
    "dcterms": "http://purl.org/dc/terms/",
    "ent": "https://w3id.org/argmap/entity/",
    "oa": "http://www.w3.org/ns/oa#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "prov": "http://www.w3.org/ns/prov#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "scheme": "https://w3id.org/argmap/scheme/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "src": "https://w3id.org/argmap/source/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
_PREFIX_LINE = re.compile(r"^\s*(?:@prefix|PREFIX)\s+([\w.-]*):\s*<([^>]*)>", re.IGNORECASE)
_POSITION = re.compile(r"error at (\d+):(\d+): ?(.*)", re.DOTALL)


def project_files(project: Project) -> list[tuple[str, Path]]:
    """(graph name, file) for the ontology and every claims file, as load.py reads them."""
    files = [(GRAPH_BASE + "ontology", project.ontology_dir / "argmap.ttl")]
    if (project.ontology_dir / "schemes.ttl").exists():
        files.append((GRAPH_BASE + "schemes", project.ontology_dir / "schemes.ttl"))
    files += [(GRAPH_BASE + path.stem, path) for path in project.claims_files()]
    return files


def project_prefixes(project: Project) -> dict[str, str]:
    """The prefixes answers are written with: argmap's own, then those the project's files declare."""
    found = dict(PREFIXES)
    for _, path in project_files(project):
        found.update({p: ns for p, ns in file_prefixes(path).items() if p not in PREFIXES})
    return found


def file_prefixes(path: Path) -> dict[str, str]:
    """The prefixes declared at the top of a Turtle file (read up to the first statement), or the one an .argdown
    file's front matter gives its nodes."""
    found = {}
    if path.suffix == ".argdown":
        from ..model.argdown.source import source_prefixes

        return source_prefixes(path)
    if path.suffix != ".ttl":
        return found
    with path.open(encoding="utf-8", errors="replace") as stream:
        for line in stream:
            match = _PREFIX_LINE.match(line)
            if match:
                found[match.group(1)] = match.group(2)
            elif line.strip() and not line.lstrip().startswith("#"):
                break
    return found


def _argdown_triples(project: Project, path: Path) -> bytes:
    """An .argdown claims file as N-Triples, read in argmap's profile as load.py reads it."""
    from rdflib import Graph

    from ..model.argdown.source import read_source

    schemes = Graph()
    if (project.ontology_dir / "schemes.ttl").exists():
        schemes.parse(project.ontology_dir / "schemes.ttl", format="turtle")
    graph = Graph()
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise ParseError(f"the file is not UTF-8 text ({error.reason} at byte {error.start})", path=project.relative(path),
                         fix="save it as UTF-8") from None
    problem, _, _ = read_source(graph, text, path, project.relative(path), project, schemes)
    if problem is not None:
        raise ParseError(problem.message, path=problem.path, line=problem.line, fix=problem.fix)
    return graph.serialize(format="nt", encoding="utf-8")


class OxigraphEngine:
    """An in-memory Oxigraph store holding the project's files, one named graph each."""

    name = "oxigraph"

    def __init__(self, store: ox.Store, graphs: dict[str, Path], prefixes: dict[str, str]):
        self.store, self.graph_files, self.prefixes = store, graphs, prefixes

    @classmethod
    def from_project(cls, project: Project) -> OxigraphEngine:
        """Load the ontology and claims files with Oxigraph's own Turtle parser."""
        store, graphs = ox.Store(), {}
        for graph, path in project_files(project):
            shown = project.relative(path)
            try:
                if path.suffix == ".argdown":
                    store.load(_argdown_triples(project, path), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(graph))
                else:
                    store.load(path=str(path), format=ox.RdfFormat.TURTLE, base_iri=path.resolve().as_uri(),
                               to_graph=ox.NamedNode(graph))
            except SyntaxError as error:
                line = error.lineno or 0
                message = str(error.msg if hasattr(error, "msg") else error)
                raise ParseError(f"Turtle syntax error: {message}", path=shown, line=line,
                                 fix="correct the Turtle syntax on that line (argmap check lists every problem)") from None
            except MemoryError as error:
                if "buffer maximal size" not in str(error):
                    raise
                _load_with_rdflib(store, path, graph, shown)
            except OSError as error:
                _refused_read(path, shown)
                raise ParseError(f"cannot read the file ({error})", path=shown, fix="make it a readable UTF-8 Turtle file") from None
            graphs[graph] = path
        return cls(store, graphs, project_prefixes(project))

    @property
    def graphs(self) -> frozenset[str]:
        return frozenset(self.graph_files)

    def run(self, text: str, bindings: dict, where: str, max_rows: int | None = None):
        """Run a query; `bindings` maps a parameter name to a pyoxigraph term.

        With `max_rows`, at most max_rows + 1 rows (or triples) are read, so a caller can tell that it truncated
        without the whole answer ever being held in memory.
        """
        substitutions = {ox.Variable(name): term for name, term in bindings.items()}
        try:
            answer = self.store.query(text, prefixes=self.prefixes, use_default_graph_as_union=True,
                                      substitutions=substitutions)
        except SyntaxError as error:
            raise _syntax_error(str(error), where) from None
        except OSError as error:
            raise _no_network(error, where) from None
        except RuntimeError as error:
            if "SELECT projection" in str(error):
                raise QueryError(f"a parameter is not in the SELECT list ({error})", path=where,
                                 fix="add each $parameter to the SELECT list, e.g. SELECT $claim ?premise") from None
            raise QueryError(f"Oxigraph cannot run the query: {error}", path=where,  # e.g. an unknown function
                             fix="use the functions of SPARQL 1.1") from None
        if isinstance(answer, ox.QueryBoolean):
            return Boolean(bool(answer))
        taken = answer if max_rows is None else itertools.islice(answer, max_rows + 1)
        try:  # solutions are computed as they are read, SERVICE calls among them
            if isinstance(answer, ox.QueryTriples):
                return Triples(frozenset(taken))
            variables = tuple(v.value for v in answer.variables)
            return Table(variables, tuple(tuple(solution[i] for i in range(len(variables))) for solution in taken))
        except OSError as error:
            raise _no_network(error, where) from None


def _no_network(error: OSError, where: str) -> QueryError:
    """A SERVICE the refusal missed, stopped by the sandbox (sandbox.py): one line, not a traceback."""
    return QueryError(f"the query tried to reach the network: {error}", path=where,
                      fix="queries run without network: remove SERVICE and query the loaded data")


def _refused_read(path: Path, shown: str) -> None:
    """Raise FileAccessError when the system refuses to read `path` (Oxigraph's own error has lost the errno)."""
    try:
        with path.open("rb"):
            pass
    except OSError as error:
        if FileAccessError.wraps(error):
            raise FileAccessError.from_os_error(error, shown, "read it") from None


def _load_with_rdflib(store: ox.Store, path: Path, graph: str, shown: str) -> None:
    """Load a file through rdflib's parser into `graph`: for a file with a token over Oxigraph's limit.

    Oxigraph's Turtle parser holds at most 16 MiB of one token (a literal, an IRI) and refuses the file; rdflib's
    has no such limit, and argmap's own loading (load.py) reads such a file already.
    """
    from ..model.load import parse_turtle_into
    from rdflib import Graph

    parsed = Graph(bind_namespaces="none")
    problem = parse_turtle_into(parsed, path.read_text(encoding="utf-8"), path, shown)
    if problem:
        raise ParseError(problem.message, path=shown, line=problem.line, fix=problem.fix)
    name = ox.NamedNode(graph)
    store.extend(ox.Quad(from_rdflib(s), from_rdflib(p), from_rdflib(o), name) for s, p, o in parsed)


def _syntax_error(message: str, where: str) -> QueryError:
    match = _POSITION.search(message)
    if match:
        line, column, what = match.groups()
        return QueryError(f"SPARQL syntax error at line {line}, column {column}: {what}", path=where,
                          fix="correct the query at that place")
    return QueryError(f"SPARQL syntax error: {message}", path=where, fix="correct the query")


class RdflibEngine:
    """rdflib's own SPARQL evaluator over a Loaded dataset (slower; kept selectable with --engine rdflib)."""

    name = "rdflib"

    def __init__(self, loaded):
        from rdflib import Dataset
        from rdflib.plugins import sparql

        sparql.SPARQL_LOAD_GRAPHS = False  # never dereference FROM, even if a check were bypassed
        self.dataset = Dataset(store=loaded.dataset.store, default_union=True)
        self.prefixes = dict(PREFIXES)
        for prefix, namespace in loaded.dataset.namespaces():
            if prefix and not prefix.startswith(("ns", "_")):
                self.prefixes.setdefault(prefix, str(namespace))
        self.graphs = frozenset(str(f.graph) for f in loaded.files)

    @classmethod
    def from_project(cls, project: Project) -> RdflibEngine:
        from ..model.load import load

        loaded = load(project)
        if loaded.problems:
            problem = loaded.problems[0]
            raise ParseError(problem.message, path=problem.path, line=problem.line, fix=problem.fix)
        return cls(loaded)

    def run(self, text: str, bindings: dict, where: str):
        from pyparsing import ParseException
        from rdflib import Variable

        try:
            answer = self.dataset.query(text, initNs=self.prefixes,
                                        initBindings={Variable(k): to_rdflib(v) for k, v in bindings.items()})
            return _rdflib_answer(answer)  # rdflib evaluates lazily: its errors come while the rows are read
        except ParseException as error:
            raise QueryError(f"SPARQL syntax error at line {error.lineno}, column {error.col}: {error.msg}",
                             path=where, fix=_RDFLIB_FIX) from None
        except Exception as error:  # rdflib raises bare exceptions for unknown prefixes, type errors and the like
            message = " ".join(str(error).split()) or type(error).__name__
            raise QueryError(f"rdflib's engine cannot run the query: {message}", path=where, fix=_RDFLIB_FIX) from None


#: What to do when rdflib's engine cannot read or run a query that may be good SPARQL (Oxigraph reads more of it).
_RDFLIB_FIX = "correct the query, or run it on the default engine (--engine oxigraph)"


def _rdflib_answer(answer):
    """An rdflib query result read whole, as a Boolean, Triples or Table of pyoxigraph terms."""
    if answer.type == "ASK":
        return Boolean(bool(answer.askAnswer))
    if answer.type in ("CONSTRUCT", "DESCRIBE"):
        return Triples(frozenset(ox.Triple(*map(from_rdflib, t)) for t in answer.graph))
    variables = tuple(str(v) for v in answer.vars)
    return Table(variables, tuple(tuple(from_rdflib(row[i]) for i in range(len(variables))) for row in answer))


def from_rdflib(term):
    """An rdflib term as a pyoxigraph term (None stays None)."""
    from rdflib import BNode, Literal, URIRef

    if term is None:
        return None
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype))) if term.datatype else ox.Literal(str(term))
    raise TypeError(f"unexpected term {term!r}")


def to_rdflib(term):
    """A pyoxigraph term as an rdflib term."""
    from rdflib import BNode, Literal, URIRef

    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    datatype = term.datatype.value
    return Literal(term.value, datatype=None if datatype == "http://www.w3.org/2001/XMLSchema#string" else URIRef(datatype))
